"""``infembed eval --run/--runs``: the runs ``infembed search`` writes are scored by the same code as a
model's runs (encode → index build → search → eval is one road), run files are mapped to tasks by
name, and a bad run file is one ``error:`` line naming the file and the fix (exit 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import assert_user_error
from typer.testing import CliRunner

from infembed.cli import app
from infembed.eval_tasks import load_benchmark
from infembed.evaluate import assign_run_files

FIX = Path(__file__).parent / "fixtures" / "eval"
DEMO = Path(__file__).resolve().parents[1] / "infembed" / "demo" / "followir_demo"
runner = CliRunner()


def invoke(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


def ok(*args):
    res = invoke(*args)
    assert res.exit_code == 0, (res.output, res.exception)
    return res


def metrics_of(report_path: Path) -> dict:
    """A report's per-task metrics without the key that names how the runs were made."""
    tasks = json.loads(Path(report_path).read_text())["tasks"]
    return {name: {k: v for k, v in m.items() if k != "protocol"} for name, m in tasks.items()}


# ----------------------------------------------------------------------------- one road on the demo set


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory):
    """The demo FollowIR set through the verbs (encode → index build → search) and through the
    in-memory ``eval --model`` path, with the same model and fp32 embeddings."""
    root = tmp_path_factory.mktemp("eval_runs")
    ok("encode", "--model", "minilm", "--corpus", DEMO / "corpus.jsonl", "--out", root / "shards", "--dtype", "fp32",
       "--batch-size", "32", "--device", "cpu", "--no-progress")
    ok("index", "build", "--embeddings", root / "shards", "--out", root / "index", "--kind", "exact")
    ok("search", "--index", root / "index", "--model", "minilm", "--queries", DEMO / "queries.jsonl",
       "--top-k", "1000", "--out", root / "run.trec")
    ok("eval", "-b", "followir", "-d", DEMO, "-m", "minilm", "--protocol", "retrieve", "-o", root / "mem.json")
    return root


def test_search_run_scores_as_the_in_memory_eval(demo_runs, tmp_path):
    res = ok("eval", "-b", "followir", "-d", DEMO, "--run", demo_runs / "run.trec", "-o", tmp_path / "files.json")
    files, mem = metrics_of(tmp_path / "files.json"), metrics_of(demo_runs / "mem.json")
    (name,) = mem
    assert files == mem  # every metric, p-MRR and both halves: the same rankings
    assert mem[name]["p-MRR"] is not None and mem[name]["og"]["map_at_1000"] > 0.5
    report = json.loads((tmp_path / "files.json").read_text())
    assert report["protocol"] == "runs" and report["runs"][name] == {"run": str(demo_runs / "run.trec")}
    assert "protocol: runs" in res.stdout and f"{100 * mem[name]['p-MRR']:.2f}" in res.stdout


def test_og_and_changed_files_named_task_and_runs_dir(demo_runs, tmp_path):
    lines = (demo_runs / "run.trec").read_text().splitlines(keepends=True)
    split = tmp_path / "split"
    split.mkdir()
    (split / "og.trec").write_text("".join(x for x in lines if x.split()[0].endswith("-og")))
    (split / "changed.trec").write_text("".join(x for x in lines if x.split()[0].endswith("-changed")))
    mem = metrics_of(demo_runs / "mem.json")
    (name,) = mem
    for i, how in enumerate([("--run", split / "og.trec", "--run", split / "changed.trec"),
                             ("--run", f"{name}={split / 'og.trec'}", "--run", split / "changed.trec"),
                             ("--runs", split)]):
        ok("eval", "-b", "followir", "-d", DEMO, *how, "-o", tmp_path / f"{i}.json")
        assert metrics_of(tmp_path / f"{i}.json") == mem, how


def test_runs_written_by_eval_score_back_to_its_metrics(demo_runs, tmp_path):
    """``eval --model`` writes ``<stem>.<task>.og/.changed.trec``; ``eval --run`` on them agrees."""
    report = json.loads((demo_runs / "mem.json").read_text())
    (paths,) = report["runs"].values()
    ok("eval", "-b", "followir", "-d", DEMO, "--run", paths["og"], "--run", paths["changed"], "-o", tmp_path / "r.json")
    assert metrics_of(tmp_path / "r.json") == metrics_of(demo_runs / "mem.json")


# ----------------------------------------------------------------------------- every benchmark, several tasks


@pytest.mark.parametrize("bench", ["followir", "instructir", "mair", "bright", "beir"])
def test_bm25_runs_dir_scores_back_to_the_same_metrics(tmp_path, bench):
    """BM25 through ``eval --model bm25`` (runs written beside the JSON) and the written runs scored with
    ``--runs``: same metrics for every task (MAIR has two tasks, mapped by file name; BRIGHT's excluded
    ids are dropped from a run file as from a model's run)."""
    model_dir, runs_dir = tmp_path / "model", tmp_path / "runs"
    ok("eval", "-b", bench, "-d", FIX / bench, "-m", "bm25", "-o", model_dir / "m.json")
    runs_dir.mkdir()
    for p in model_dir.glob("*.trec"):
        shutil.copy(p, runs_dir / p.name)
    ok("eval", "-b", bench, "-d", FIX / bench, "--runs", runs_dir, "-o", tmp_path / "r.json")
    assert metrics_of(tmp_path / "r.json") == metrics_of(model_dir / "m.json")


def test_run_files_map_to_tasks_by_name(tmp_path):
    tasks = load_benchmark("mair", FIX / "mair")
    assert sorted(t.name for t in tasks) == ["ToyTask", "ToyTask/extra_queries"]
    for name in ("m.ToyTask.trec", "m.ToyTask__extra_queries.trec", "unrelated.trec"):
        (tmp_path / name).write_text("m1 Q0 a 1 1.0 t\n")
    got = assign_run_files(tasks, runs_dir=tmp_path)  # unrelated.trec names no task: not scored
    assert got == {"ToyTask": [tmp_path / "m.ToyTask.trec"],
                   "ToyTask/extra_queries": [tmp_path / "m.ToyTask__extra_queries.trec"]}
    named = assign_run_files(tasks, [f"ToyTask={tmp_path / 'unrelated.trec'}",
                                     str(tmp_path / "m.ToyTask__extra_queries.trec")])
    assert named["ToyTask"] == [tmp_path / "unrelated.trec"]
    with pytest.raises(ValueError, match=r"names none of them.*--run TASK="):
        assign_run_files(tasks, [str(tmp_path / "unrelated.trec")])
    with pytest.raises(ValueError, match="no run file for task"):
        assign_run_files(tasks, [str(tmp_path / "m.ToyTask.trec")])


# ----------------------------------------------------------------------------- bad run files


OG = "q1-og Q0 d01 1 0.9 t\nq2-og Q0 d05 1 0.8 t\nq3-og Q0 d09 1 0.7 t\n"
CHANGED = "q1-changed Q0 d02 1 0.9 t\nq2-changed Q0 d06 1 0.8 t\nq3-changed Q0 d10 1 0.7 t\n"


@pytest.mark.parametrize("files, named", [
    ({"a.trec": OG + "q1-changed Q0 d02 1 0.9\n"}, ["a.trec:4", "6 whitespace-separated columns"]),
    ({"a.trec": OG + "q1-changed Q0 d02 1 high t\n"}, ["a.trec:4", "'high' is not a number"]),
    ({"a.trec": "\n"}, ["a.trec", "holds no run lines", "infembed search"]),
    ({"a.trec": OG + CHANGED + "q9-og Q0 d01 1 0.5 t\n"}, ["a.trec", "not in task 'followir'", "-og / -changed"]),
    ({"a.trec": OG}, ["a.trec", "no '-changed' queries", "--run og.trec --run changed.trec"]),
    ({"a.trec": OG + CHANGED, "b.trec": OG}, ["b.trec", "'q1-og' is also in", "a.trec"]),
    ({"a.trec": (OG + CHANGED).replace(" d", " x")}, ["a.trec", "none of its passage ids", "another corpus"]),
], ids=["columns", "score", "empty", "unknown-query", "og-only", "query-in-two-files", "other-corpus"])
def test_bad_run_file_is_one_error_line(tmp_path, files, named):
    args = []
    for name, text in files.items():
        (tmp_path / name).write_text(text)
        args += ["--run", tmp_path / name]
    res = invoke("eval", "-b", "followir", "-d", FIX / "followir", *args, "-o", tmp_path / "m.json")
    assert_user_error(res, *named)


def test_bad_run_arguments_are_one_error_line(tmp_path):
    base = ["eval", "-b", "followir", "-d", FIX / "followir", "-o", tmp_path / "m.json"]
    (tmp_path / "a.trec").write_text(OG + CHANGED)
    (tmp_path / "empty").mkdir()
    assert_user_error(invoke(*base, "--run", tmp_path / "nope.trec"), "no such run file", "nope.trec")
    assert_user_error(invoke(*base, "--run", tmp_path / "empty"), "is a directory", "--runs")
    assert_user_error(invoke(*base, "--runs", tmp_path / "empty"), "holds no *.trec files", "infembed search")
    assert_user_error(invoke(*base, "--runs", tmp_path / "a.trec"), "is a file", "--run")
    assert_user_error(invoke(*base, "--run", f"robust04={tmp_path / 'a.trec'}"), "'robust04' is not a task",
                      "followir")
    assert_user_error(invoke(*base, "--run", tmp_path / "a.trec", "-m", "bm25"), "--model")
    assert_user_error(invoke(*base, "--run", tmp_path / "a.trec", "--protocol", "rerank"), "--protocol")
    ok(*base, "--run", tmp_path / "a.trec")  # and the good file is scored
