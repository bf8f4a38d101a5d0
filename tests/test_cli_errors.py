"""The CLI's error contract: a user's mistake is one line naming what to fix, exit code 2, no traceback,
and nothing left behind that a rerun would trust. Every verb is walked with broken inputs."""

from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import assert_user_error
from typer.testing import CliRunner

from infembed.cli import app
from infembed.cli.errors import describe, prepare_output

runner = CliRunner()
DEMO = Path(__file__).resolve().parents[1] / "infembed" / "demo"


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A corpus, queries, shards, an exact index and a saved model dir, shared by the cases below."""
    root = tmp_path_factory.mktemp("cli_errors")
    corpus = root / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"_id": f"d{i}", "title": "", "text": t}) + "\n" for i, t in
                              enumerate(["Tents for snow and wind.", "Beach shelters for sun.", "Stoves for camps."])))
    (root / "queries.jsonl").write_text(json.dumps({"_id": "q1", "text": "winter tent"}) + "\n")
    res = invoke("encode", "--model", "minilm", "--corpus", corpus, "--out", root / "shards", "--no-progress")
    assert res.exit_code == 0, res.output
    res = invoke("index", "build", "--embeddings", root / "shards", "--out", root / "index")
    assert res.exit_code == 0, res.output
    from infembed import InfEmbed

    InfEmbed.from_pretrained("minilm").save_pretrained(root / "model")
    (root / "a_file").write_text("not a folder\n")
    return root


def _broken_model(work: Path, name: str, mutate) -> Path:
    target = work / name
    if not target.exists():
        shutil.copytree(work / "model", target)
        mutate(target)
    return target


# ---------------------------------------------------------------- models

@pytest.mark.parametrize("kind", ["garbage_config", "list_config", "truncated_weights", "typo_dir", "unknown_name"])
def test_bad_model_is_one_line(work, kind):
    if kind == "garbage_config":
        model, named = _broken_model(work, "m_cfg", lambda d: (d / "config.json").write_text("{garbage")), "config.json"
    elif kind == "list_config":
        model, named = _broken_model(work, "m_list", lambda d: (d / "config.json").write_text("[1, 2]")), "config.json"
    elif kind == "truncated_weights":
        def cut(d):
            data = (d / "model.safetensors").read_bytes()
            (d / "model.safetensors").write_bytes(data[: len(data) // 3])
        model, named = _broken_model(work, "m_trunc", cut), "model.safetensors"
    elif kind == "typo_dir":
        model, named = work / "runs" / "typo_dir", "typo_dir"
    else:
        model, named = "no-such-model", "no-such-model"
    out = work / f"enc_{kind}"
    res = invoke("encode", "--model", model, "--corpus", work / "corpus.jsonl", "--out", out, "--no-progress")
    assert_user_error(res, str(named))
    assert not out.exists(), "a failed encode must leave no output folder behind"


def test_local_looking_model_is_never_sent_to_the_hub(work, monkeypatch):
    import huggingface_hub

    def no_hub(*a, **k):
        raise AssertionError("the hub was asked about a local-looking path")

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(huggingface_hub, "model_info", no_hub)
    for name in ("./runs/typo_dir", str(work / "nope"), f"{work.name}/nope"):
        cwd = os.getcwd()
        os.chdir(work.parent)  # so '<work>/nope' has an existing first component, like runs/typo
        try:
            res = invoke("encode", "--model", name, "--corpus", work / "corpus.jsonl", "--out", work / "enc_hub")
        finally:
            os.chdir(cwd)
        assert_user_error(res, name)


# ---------------------------------------------------------------- encode / index outputs

def test_encode_out_under_a_regular_file_fails_before_any_work(work):
    res = invoke("encode", "--model", "minilm", "--corpus", work / "corpus.jsonl", "--out", work / "a_file" / "shards")
    assert_user_error(res, "a_file")


def test_encode_missing_corpus(work):
    res = invoke("encode", "--model", "minilm", "--corpus", work / "nope.jsonl", "--out", work / "enc_missing")
    assert_user_error(res, "nope.jsonl")
    assert not (work / "enc_missing").exists()


def test_index_build_bad_paths(work):
    assert_user_error(invoke("index", "build", "--embeddings", work / "no_shards", "--out", work / "idx_x"), "no_shards")
    assert_user_error(invoke("index", "build", "--embeddings", work / "shards", "--out", work / "a_file" / "idx"),
                      "a_file")


# ---------------------------------------------------------------- search

@pytest.mark.parametrize("content,named", [
    (None, "missing.jsonl"),
    ('{"_id": "q1", "text": "tent"\n', ":1"),
    ('{"_id": "q1", "text": "tent"}\n{"_id": "q1", "text": "stove"}\n', "duplicate query id"),
    ('{"_id": "q1", "text": "tent", "instruction": 5}\n', "instruction"),
    (b'{"_id": "q1", "text": "t\xffent"}\n', "not UTF-8"),
    ("", "no queries"),
])
def test_search_bad_queries(work, tmp_path, content, named):
    queries = tmp_path / "missing.jsonl"
    if content is not None:
        queries.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "run.trec"
    res = invoke("search", "--index", work / "index", "--model", "minilm", "--queries", queries, "--out", out)
    assert_user_error(res, named)
    assert not out.exists()


def test_search_out_paths_are_checked_before_searching(work, tmp_path):
    args = ["search", "--index", work / "index", "--model", "minilm", "--queries", work / "queries.jsonl"]
    assert_user_error(invoke(*args, "--out", work / "a_file" / "run.trec"), "a_file")
    assert_user_error(invoke(*args, "--out", tmp_path), str(tmp_path))
    # A missing parent folder is created rather than losing the finished search.
    res = invoke(*args, "--out", tmp_path / "new" / "dir" / "run.trec")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "new" / "dir" / "run.trec").read_text().startswith("q1 Q0 ")


def test_search_missing_index(work, tmp_path):
    res = invoke("search", "--index", tmp_path / "no_index", "--model", "minilm", "--queries",
                 work / "queries.jsonl", "--out", tmp_path / "run.trec")
    assert_user_error(res, "no_index")


# ---------------------------------------------------------------- train / eval / quickstart / corpus

def test_train_bad_inputs(work, tmp_path):
    assert_user_error(invoke("train", "--data", tmp_path / "rows.jsonl", "--out", tmp_path / "m"), "rows.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"query_positive": "q"}\n')
    assert_user_error(invoke("train", "--data", bad, "--out", tmp_path / "m2"), "bad.jsonl")
    assert_user_error(invoke("train", "--data", DEMO / "train.jsonl.gz", "--out", work / "a_file" / "m"), "a_file")


def test_eval_bad_inputs(work, tmp_path):
    data = DEMO / "followir_demo"
    assert_user_error(invoke("eval", "-b", "followir", "-d", tmp_path / "nope", "-m", "bm25", "-o",
                             tmp_path / "m.json"), "nope")
    assert_user_error(invoke("eval", "-b", "followir", "-d", data, "-m", "no-such-model", "-o",
                             tmp_path / "m.json"), "no-such-model")
    assert_user_error(invoke("eval", "-b", "followir", "-d", data, "-m", "bm25", "-o",
                             work / "a_file" / "m.json"), "a_file")


def test_quickstart_and_corpus_bad_paths(work, tmp_path):
    assert_user_error(invoke("quickstart", "--out", work / "a_file" / "qs"), "a_file")
    assert_user_error(invoke("corpus", "stats", tmp_path / "rows.jsonl"), "rows.jsonl")


# ---------------------------------------------------------------- the contract itself

def test_debug_shows_the_traceback(work, tmp_path, monkeypatch):
    monkeypatch.setenv("INFEMBED_DEBUG", "1")
    res = invoke("search", "--index", work / "index", "--model", "minilm", "--queries", tmp_path / "none.jsonl",
                 "--out", tmp_path / "run.trec")
    assert res.exit_code != 0 and res.exception is not None and not isinstance(res.exception, SystemExit)


def test_describe_classifies_errors():
    assert describe(FileNotFoundError(errno.ENOENT, "No such file or directory", "/x/y"))[0] == 2
    code, msg = describe(OSError(errno.ENOSPC, "No space left on device", "/x/shard.npy"))
    assert code == 2 and "no space left" in msg and "/x/shard.npy" in msg
    code, msg = describe(pickle.UnpicklingError("Weights only load failed ... weights_only=False ..."))
    assert code == 2 and "weights_only" not in msg and "pickled" in msg
    code, msg = describe(RuntimeError("boom"))
    assert code == 1 and "INFEMBED_DEBUG=1" in msg and "RuntimeError" in msg
    assert describe(ValueError("a\nb   c")) == (2, "a b c")


def test_prepare_output(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(NotADirectoryError):
        prepare_output(tmp_path / "f" / "out", directory=True)
    with pytest.raises(NotADirectoryError):
        prepare_output(tmp_path / "f", directory=True)
    with pytest.raises(IsADirectoryError):
        prepare_output(tmp_path, directory=False)
    prepare_output(tmp_path / "a" / "b", directory=True)
    assert not (tmp_path / "a").exists(), "a folder output is created by the verb, not by the check"
    prepare_output(tmp_path / "c" / "run.trec", directory=False)
    assert (tmp_path / "c").is_dir() and not list((tmp_path / "c").iterdir())


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anywhere")
def test_prepare_output_unwritable(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(PermissionError) as info:
            prepare_output(ro / "out", directory=True)
        assert str(ro) in describe(info.value)[1]
    finally:
        ro.chmod(0o700)


def test_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch):
    from infembed import shards

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shards.os, "fsync", full)
    with pytest.raises(OSError):
        shards.atomic_write_bytes(tmp_path / "x.bin", b"data")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(__import__("torch").cuda.is_available(), reason="needs a machine without CUDA")
def test_cuda_device_without_cuda_is_a_user_error(work, tmp_path):
    res = invoke("encode", "--model", "minilm", "--corpus", work / "corpus.jsonl", "--out", tmp_path / "e",
                 "--device", "cuda")
    assert_user_error(res, "--device 'cuda'", "--device cpu")
    res = invoke("train", "--data", DEMO / "train.jsonl.gz", "--out", tmp_path / "m", "--device", "cuda:1")
    assert_user_error(res, "cuda:1")
    assert not (tmp_path / "m").exists()


def test_quickstart_checks_its_options_before_any_work(tmp_path):
    for bad in (["--steps", "-1"], ["--mode", "nope"], ["--loss", "nope"], ["--device", "tpu"],
                ["--instruction-negatives", "0"]):
        res = invoke("quickstart", "--out", tmp_path / "qs", *bad)
        assert_user_error(res, bad[1])
        assert "base model" not in res.stdout, "the base model was evaluated before the options were checked"
        assert not (tmp_path / "qs").exists()


def test_corpus_verbs_check_paths_and_inputs(work, tmp_path):
    res = invoke("corpus", "build", "--pairs", tmp_path, "--out", work / "a_file" / "rows.jsonl",
                 "--base-url", "http://127.0.0.1:9/v1")
    assert_user_error(res, "a_file")
    res = invoke("corpus", "stats", work / "corpus.jsonl")  # a BEIR corpus, not build output
    assert_user_error(res, "corpus.jsonl", "not the output")
