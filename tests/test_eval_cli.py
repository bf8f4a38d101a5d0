"""``infembed eval`` end to end (fixture and, when shipped, the demo set) with BM25 and MiniLM, and the
Python API the quickstart uses (``evaluate_followir`` / ``evaluate_followir_runs``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infembed.cli import app
from infembed.data import read_trec_run
from infembed.evaluate import evaluate_followir, evaluate_followir_runs

FIX = Path(__file__).parent / "fixtures" / "eval"
DEMO = Path(__file__).resolve().parents[1] / "infembed" / "demo" / "followir_demo"
runner = CliRunner()


def _eval(*args: str):
    result = runner.invoke(app, ["eval", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


def test_cli_followir_bm25(tmp_path):
    out = tmp_path / "m.json"
    res = _eval("--benchmark", "followir", "--data", str(FIX / "followir"), "--model", "bm25", "--out", str(out))
    assert "MAP@1000 (og)" in res.output and "p-MRR" in res.output and "protocol: rerank" in res.output
    report = json.loads(out.read_text())
    assert report["protocol"] == "rerank" and report["model"] == "bm25"
    t = report["tasks"]["followir"]
    assert set(t) >= {"p-MRR", "og", "changed", "summary"}
    assert -1.0 <= t["p-MRR"] <= 1.0
    # Pairwise checks: pair (a) from qrels + qrel_diff; pair (b) needs neither.jsonl, which the fixture lacks.
    assert 0.0 <= t["pair_a"] <= 1.0 and t["pair_b"] is None
    assert "pair (a)" in res.output and f"{100 * t['pair_a']:.2f}" in res.output
    og_run = read_trec_run(report["runs"]["followir"]["og"])
    ch_run = read_trec_run(report["runs"]["followir"]["changed"])
    assert set(og_run) == {"q1-og", "q2-og", "q3-og"} and set(ch_run) == {"q1-changed", "q2-changed", "q3-changed"}
    assert set(og_run["q1-og"]) == {"d01", "d02", "d03", "d04", "d12", "d08"}  # exactly the candidates
    # The printed p-MRR is the JSON value ×100.
    assert f"{100 * t['p-MRR']:.2f}" in res.output
    # Re-scoring the written runs gives the same numbers (runs are written with 6 decimals).
    again = evaluate_followir_runs(og_run, ch_run, FIX / "followir")
    assert again["p-MRR"] == pytest.approx(t["p-MRR"], abs=1e-9)
    assert again["pair_a"] == pytest.approx(t["pair_a"])
    assert again["og"]["map_at_1000"] == pytest.approx(t["og"]["map_at_1000"])


def test_cli_followir_minilm_both_protocols(tmp_path):
    for protocol in ("rerank", "retrieve"):
        out = tmp_path / f"{protocol}.json"
        res = _eval("-b", "followir", "-d", str(FIX / "followir"), "-m", "minilm", "--protocol", protocol,
                    "--top-k", "5", "--batch-size", "8", "-o", str(out))
        report = json.loads(out.read_text())
        assert report["protocol"] == protocol and f"protocol: {protocol}" in res.output
        t = report["tasks"]["followir"]
        assert t["og"]["ndcg_at_5"] > 0.5  # the fixture's judged docs share words with the queries
        og = read_trec_run(report["runs"]["followir"]["og"])
        assert all(len(v) == 5 for v in og.values())


@pytest.mark.parametrize("bench", ["instructir", "mair", "bright", "beir"])
def test_cli_other_benchmarks_bm25(tmp_path, bench):
    out = tmp_path / "m.json"
    res = _eval("-b", bench, "-d", str(FIX / bench), "-m", "bm25", "-o", str(out))
    report = json.loads(out.read_text())
    assert report["protocol"] == "retrieve"  # no top_ranked in these fixtures
    for name, m in report["tasks"].items():
        assert 0.0 <= m["ndcg_at_10"] <= 1.0, name
        assert Path(report["runs"][name]["run"]).is_file()
    if bench == "instructir":
        assert "Robustness@10" in res.output
        assert report["tasks"]["instructir"]["robustness_at_10"] <= report["tasks"]["instructir"]["ndcg_at_10"]


def test_cli_errors(tmp_path):
    res = runner.invoke(app, ["eval", "-b", "nope", "-d", str(FIX / "beir"), "-m", "bm25", "-o", str(tmp_path / "x.json")])
    assert res.exit_code != 0 and "followir" in res.output
    res = runner.invoke(app, ["eval", "-b", "beir", "-d", str(FIX / "beir"), "-m", "bm25", "--protocol", "rerank",
                              "-o", str(tmp_path / "x.json")])
    assert res.exit_code == 2 and "retrieve" in res.output
    res = runner.invoke(app, ["eval", "-b", "followir", "-d", str(tmp_path / "missing"), "-m", "bm25",
                              "-o", str(tmp_path / "x.json")])
    assert res.exit_code == 2 and "no such directory" in res.output


def test_python_api_model_object_and_precomputed_runs(minilm):
    r = evaluate_followir(minilm, FIX / "followir", protocol="rerank", top_k=1000)
    assert set(r["average"]) == {"map_at_1000", "ndcg_at_5", "official", "p-MRR"}  # one task: all kept
    t = r["tasks"]["followir"]
    runs = r["_runs"]["followir"]
    # The quickstart feeds runs from its own index: same runs → same metrics.
    again = evaluate_followir_runs(runs["og"], runs["changed"], FIX / "followir")
    assert again["summary"] == pytest.approx(t["summary"])
    # Bare query ids are accepted and mapped to the -og / -changed halves.
    bare = evaluate_followir_runs({q[:-3]: d for q, d in runs["og"].items()},
                                  {q[: -len("-changed")]: d for q, d in runs["changed"].items()}, FIX / "followir")
    assert bare["p-MRR"] == pytest.approx(t["p-MRR"])
    with pytest.raises(ValueError, match="not in"):
        evaluate_followir_runs({"zz-og": {"d01": 1.0}}, {}, FIX / "followir")


@pytest.mark.skipif(not (DEMO / "corpus.jsonl").is_file(), reason="demo set not shipped yet")
@pytest.mark.parametrize("model", ["bm25", "minilm"])
def test_cli_demo_set(tmp_path, model):
    out = tmp_path / "demo.json"
    res = _eval("-b", "followir", "-d", str(DEMO), "-m", model, "-o", str(out))
    report = json.loads(out.read_text())
    (t,) = report["tasks"].values()
    assert t["num_queries"] >= 50 and t["p-MRR"] is not None
    assert 0.0 < t["og"]["map_at_1000"] <= 1.0
    print(res.output)


# ----------------------------------------------------------------------------- mteb adapter (extra `eval`)


class _SpyHashModel:
    """Feature-hashing embedder that records what it was given (no weights needed)."""

    dim = 64

    def __init__(self):
        from tests.test_eval_tasks import HashEmbedder

        self.inner = HashEmbedder(self.dim)
        self.query_calls = []

    def encode_queries(self, queries, instructions=None, batch_size=32, show_progress_bar=None):
        self.query_calls.append((list(queries), list(instructions or [])))
        return self.inner.encode_queries(queries, instructions)

    def encode_corpus(self, passages, batch_size=32, show_progress_bar=None):
        return self.inner.encode_corpus(passages)


def test_mteb_adapter_offline_in_memory_followir_task():
    """mteb.evaluate on an in-memory FollowIR task gives our p-MRR / MAP / nDCG, and the adapter
    passes query and instruction apart. Skipped unless mteb (extra `eval`) is installed."""
    mteb = pytest.importorskip("mteb")
    from datasets import Dataset
    from mteb._evaluators.retrieval_metrics import evaluate_p_mrr_change
    from mteb.models.model_meta import ModelMeta
    from mteb.tasks import Robust04InstructionRetrieval

    from infembed.eval_tasks import load_followir
    from infembed.mteb_adapter import InfEmbedMTEB

    data = DEMO if (DEMO / "corpus.jsonl").is_file() else FIX / "followir"
    (task,) = load_followir(data)

    class InMemory(Robust04InstructionRetrieval):
        def load_data(self, **kwargs):
            self.dataset = {"default": {"test": {
                "corpus": Dataset.from_list([{"id": d, "title": "", "text": t} for d, t in task.corpus.items()]),
                "queries": Dataset.from_list([{"id": q.id, "text": q.text, "instruction": q.instruction}
                                              for q in task.queries.values()]),
                "relevant_docs": task.qrels, "top_ranked": task.top_ranked}}}
            self.data_loaded = True

        def task_specific_scores(self, scores, qrels, results, hf_split, hf_subset):
            captured.update(results)
            return evaluate_p_mrr_change(qrels, results, task.qrel_diff, self.k_values)  # no hub call

    captured: dict = {}
    spy = _SpyHashModel()
    wrapped = InfEmbedMTEB(spy, name="test/hash")
    assert isinstance(wrapped.mteb_model_meta, ModelMeta) and wrapped.mteb_model_meta.name == "test/hash"
    res = mteb.evaluate(wrapped, [InMemory()], cache=None)
    got = res.task_results[0].scores["test"][0]
    ours = evaluate_followir(spy, task, protocol="rerank")["tasks"][task.name]
    # Same rule: our p-MRR on mteb's own runs equals mteb's p-MRR.
    from infembed.metrics import p_mrr, split_followir_run

    assert p_mrr(*split_followir_run(captured), task.qrel_diff) == pytest.approx(got["p-MRR"], abs=1e-12)
    # Same pipeline: our rerank protocol gives the numbers mteb gives.
    assert got["p-MRR"] == pytest.approx(ours["p-MRR"], abs=1e-6)
    assert got["og"]["map_at_1000"] == pytest.approx(ours["og"]["map_at_1000"], abs=1e-5)
    assert got["og"]["ndcg_at_5"] == pytest.approx(ours["og"]["ndcg_at_5"], abs=1e-5)
    # The adapter got bare queries and their own instructions (not the joined text).
    first_q, first_i = spy.query_calls[0]
    by_text = {(q.text, q.instruction) for q in task.queries.values()}
    assert all((q, i) in by_text for q, i in zip(first_q, first_i, strict=True))


# ----------------------------------------------------------------- evaluation settings are evaluation's own

def test_eval_lengths_are_evaluation_settings_not_the_training_runs(tmp_path):
    """A model saved with tiny training limits is evaluated at the benchmark's limits, and the number
    of truncated texts is reported; --passage-max-length brings truncation back on purpose."""
    from infembed import InfEmbed

    model_dir = tmp_path / "short"
    InfEmbed.from_pretrained("minilm", query_max_length=8, passage_max_length=8).save_pretrained(model_dir)
    out = tmp_path / "m.json"
    res = _eval("-b", "followir", "-d", str(FIX / "followir"), "-m", str(model_dir), "-o", str(out))
    report = json.loads(out.read_text())
    assert report["settings"]["passage_max_length"] == 512 and report["settings"]["query_max_length"] == 512
    assert report["truncated"] == {"queries": 0, "passages": 0}
    assert "truncated: 0 query texts at 512 tokens, 0 passages at 512 tokens" in res.output
    res = _eval("-b", "followir", "-d", str(FIX / "followir"), "-m", str(model_dir), "-o", str(out),
                "--passage-max-length", "8")
    report = json.loads(out.read_text())
    assert report["settings"]["passage_max_length"] == 8 and report["truncated"]["passages"] > 0


def test_bright_queries_use_the_reference_template(tmp_path):
    from infembed.evaluate import BRIGHT_QUERY_TEMPLATE

    out = tmp_path / "b.json"
    _eval("-b", "bright", "-d", str(FIX / "bright"), "-m", "minilm", "-o", str(out))
    assert json.loads(out.read_text())["settings"]["query_template"] == BRIGHT_QUERY_TEMPLATE
    assert BRIGHT_QUERY_TEMPLATE == "Instruct: {instruction}\nQuery: {query}"
    _eval("-b", "bright", "-d", str(FIX / "bright"), "-m", "minilm", "-o", str(out),
          "--query-template", "{query} {instruction}")
    assert json.loads(out.read_text())["settings"]["query_template"] == "{query} {instruction}"
    # other benchmarks keep the model's own template
    _eval("-b", "followir", "-d", str(FIX / "followir"), "-m", "minilm", "-o", str(out))
    assert json.loads(out.read_text())["settings"]["query_template"] == "{query} {instruction}"


def test_followir_reports_each_collections_official_metric():
    from infembed.evaluate import average_metrics, followir_official_metric, followir_summary

    assert followir_official_metric("Robust04InstructionRetrieval") == "map_at_1000"
    assert followir_official_metric("core17") == "map_at_1000"
    assert followir_official_metric("News21InstructionRetrieval") == "ndcg_at_5"
    m = {"og": {"map_at_1000": 0.25, "ndcg_at_5": 0.5}, "p-MRR": 0.1}
    assert followir_summary(m, "news21")["official"] == 0.5
    assert followir_summary(m, "robust04")["official"] == 0.25
    tasks = {"robust04": {**m, "summary": followir_summary(m, "robust04")},
             "news21": {**m, "summary": followir_summary(m, "news21")}}
    avg = average_metrics("followir", tasks)
    # the average is of each collection's own metric, never MAP or nDCG over all of them
    assert avg["summary.official"] == pytest.approx(0.375) and avg["p-MRR"] == pytest.approx(0.1)
    assert avg["og.map_at_1000"] is None and avg["og.ndcg_at_5"] is None
