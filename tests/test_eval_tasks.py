"""Evaluation tasks (``infembed.eval_tasks``): benchmark loaders on tiny hand-written fixtures in each
released layout, malformed files, BRIGHT's excluded ids, and the rerank == retrieve identity when the
candidates are the whole corpus."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from infembed.kernels.reference import topk_reference

from infembed.bm25 import BM25Scorer
from infembed.data import DataError, Query
from infembed.eval_tasks import (
    EvalTask,
    bright_instruction,
    derive_qrel_diff,
    load_benchmark,
    load_bright,
    load_followir,
    load_instructir,
    load_mair,
)
from infembed.evaluate import run_task, score_task
from infembed.scorers import DenseScorer, exact_search

FIX = Path(__file__).parent / "fixtures" / "eval"


@pytest.fixture
def followir_copy(tmp_path):
    dst = tmp_path / "fol"
    shutil.copytree(FIX / "followir", dst)
    return dst


# ----------------------------------------------------------------------------- FollowIR


def test_followir_layout():
    (task,) = load_followir(FIX / "followir")
    assert task.benchmark == "followir" and task.name == "followir"
    assert len(task.corpus) == 12 and len(task.queries) == 6
    q = task.queries["q1-changed"]
    assert q.text == "how to treat tomato blight" and "without chemical sprays" in q.instruction
    assert task.qrels["q1-og"]["d03"] == 1 and task.qrels["q1-changed"]["d03"] == 0
    assert task.qrel_diff == {"q1": ["d03"], "q2": ["d07"], "q3": ["d11"]}
    assert task.top_ranked["q2-og"] == ["d05", "d06", "d07", "d08", "d04", "d12"]
    assert task.corpus["d01"].startswith("Tomato blight Early blight")  # title joined


def test_followir_qrel_diff_derived_when_absent(followir_copy):
    (followir_copy / "qrel_diff.jsonl").unlink()
    (task,) = load_followir(followir_copy)
    assert task.qrel_diff == {"q1": ["d03"], "q2": ["d07"], "q3": ["d11"]}
    assert derive_qrel_diff({"a-og": {"x": 1, "y": 1}, "a-changed": {"x": 1}}) == {"a": ["y"]}


def _write_neither(path: Path, rows: dict[str, list[str]]) -> None:
    (path / "neither.jsonl").write_text("".join(json.dumps({"query-id": q, "corpus-ids": d}) + "\n"
                                                for q, d in rows.items()))


def test_followir_neither_optional_and_read(followir_copy):
    (task,) = load_followir(FIX / "followir")
    assert task.neither is None  # no neither.jsonl
    _write_neither(followir_copy, {"q1": ["d04"], "q2": ["d08", "d04"], "q3": []})
    (task,) = load_followir(followir_copy)
    assert task.neither == {"q1": ["d04"], "q2": ["d08", "d04"], "q3": []}


@pytest.mark.parametrize("rows, pattern", [
    ({"q1": ["d04", "d99"]}, r"neither\.jsonl: 1 doc ids of query q1 not in corpus\.jsonl \(first: \['d99'\]\)"),
    ({"q9": ["d04"]}, r"neither\.jsonl: query id 'q9' has no 'q9-og'/'q9-changed'.*base id without the suffix"),
    ({"q1-og": ["d04"]}, r"neither\.jsonl: query id 'q1-og'"),
    ({"q1": ["d04", "d01"]}, r"neither\.jsonl: query 'q1' lists \['d01'\].*'q1-og'.*remove them"),
    ({"q1": ["d03"]}, r"'q1-og'"),  # relevant under og (og-only), so not relevant under neither
])
def test_followir_neither_validated(followir_copy, rows, pattern):
    _write_neither(followir_copy, rows)
    with pytest.raises(DataError, match=pattern):
        load_followir(followir_copy)


def test_followir_neither_malformed_line(followir_copy):
    (followir_copy / "neither.jsonl").write_text('{"query-id": "q1", "corpus-ids": ["d04"]}\n{"query-id": "q2"}\n')
    with pytest.raises(DataError, match=r"neither\.jsonl:2: missing field 'corpus-ids'"):
        load_followir(followir_copy)


def test_followir_metrics_carry_pair_checks(followir_copy):
    """``score_task`` (what ``infembed eval`` writes) holds pair_a always, pair_b with neither.jsonl."""
    from infembed.evaluate import jsonable

    (plain,) = load_followir(FIX / "followir")
    run = run_task(plain, BM25Scorer(), "rerank")
    m = score_task(plain, run)
    assert 0.0 <= m["pair_a"] <= 1.0 and m["pair_a_queries"] == 3
    assert m["pair_b"] is None and m["pair_b_queries"] == 0
    _write_neither(followir_copy, {"q1": ["d04"], "q2": ["d08"], "q3": ["d12"]})
    (task,) = load_followir(followir_copy)
    m2 = score_task(task, run)
    assert m2["pair_a"] == m["pair_a"] and 0.0 <= m2["pair_b"] <= 1.0 and m2["pair_b_queries"] == 3
    json.loads(json.dumps(jsonable(m), allow_nan=False))  # None → null: the report stays strict JSON


def test_followir_gains_are_the_paired_changes_of_the_reported_means():
    """Two systems scored on the demo set: each gain's mean is after − before of the figure the
    tables print, over the queries that figure averages; pair (b) is left out without neither.jsonl."""
    import random

    from infembed.evaluate import evaluate_followir_runs, followir_gains
    from infembed.quickstart import demo_path

    (task,) = load_followir(demo_path("followir_demo"))
    rng = random.Random(4)

    def system() -> dict:
        run = {q: {d: rng.random() for d in rng.sample(sorted(task.corpus), 40) + sorted(task.qrels[q])}
               for q in task.queries}
        return evaluate_followir_runs({q: r for q, r in run.items() if q.endswith("-og")},
                                      {q: r for q, r in run.items() if q.endswith("-changed")}, task)

    before, after = system(), system()
    gains = followir_gains(before, after, resamples=500)
    assert set(gains) == {"p-MRR", "ndcg_at_5", "pair_a", "pair_b"}
    for name, value in (("p-MRR", lambda m: m["p-MRR"]), ("ndcg_at_5", lambda m: m["og"]["ndcg_at_5"]),
                        ("pair_a", lambda m: m["pair_a"]), ("pair_b", lambda m: m["pair_b"])):
        g = gains[name]
        assert g["mean_diff"] == pytest.approx(value(after) - value(before)), name
        assert g["ci_low"] <= g["mean_diff"] <= g["ci_high"] and g["better"] + g["worse"] + g["ties"] == g["n"]
    assert gains["p-MRR"]["n"] == gains["ndcg_at_5"]["n"] == before["num_queries"] == 64
    assert gains["pair_b"]["n"] == before["pair_b_queries"]
    assert {g["better"] for g in gains.values()} != {0}  # random systems: not a degenerate comparison

    (plain,) = load_followir(FIX / "followir")  # no neither.jsonl
    m = score_task(plain, run_task(plain, BM25Scorer(), "rerank"))
    assert set(followir_gains(m, m, resamples=100)) == {"p-MRR", "ndcg_at_5", "pair_a"}


def test_followir_directory_of_collections(tmp_path):
    for name in ("core17", "robust04"):
        shutil.copytree(FIX / "followir", tmp_path / name)
    tasks = load_followir(tmp_path)
    assert [t.name for t in tasks] == ["core17", "robust04"]


@pytest.mark.parametrize("target, bad, pattern", [
    ("queries.jsonl", "malformed/bad_json.jsonl", r"queries\.jsonl:2: invalid JSON"),
    ("qrels/og.tsv", "malformed/bad_qrels.tsv", r"og\.tsv:3: expected 3 \(BEIR\) or 4 \(TREC\) columns"),
    ("top_ranked.jsonl", "malformed/bad_top_ranked.jsonl", r"top_ranked\.jsonl:2: field 'corpus-ids' must be a list"),
])
def test_followir_malformed_files_name_file_and_line(followir_copy, target, bad, pattern):
    shutil.copy(FIX / bad, followir_copy / target)
    with pytest.raises(DataError, match=pattern):
        load_followir(followir_copy)


def test_followir_consistency_errors(followir_copy):
    lines = (followir_copy / "queries.jsonl").read_text().splitlines()
    (followir_copy / "queries.jsonl").write_text("\n".join(lines[:-1]) + "\n")  # drop q3-changed
    with pytest.raises(DataError, match="q3-changed"):
        load_followir(followir_copy)


def test_followir_unknown_candidate_doc(followir_copy):
    with open(followir_copy / "top_ranked.jsonl", "a") as f:
        f.write(json.dumps({"query-id": "q9-og", "corpus-ids": ["d01"]}) + "\n")
    with pytest.raises(DataError, match=r"top_ranked\.jsonl.*q9-og"):
        load_followir(followir_copy)


def test_missing_paths_and_hub_names_error_clearly(tmp_path):
    with pytest.raises(DataError, match="no such directory"):
        load_followir(tmp_path / "nope")
    with pytest.raises(DataError, match="no FollowIR layout"):
        load_followir(tmp_path)
    # A bare name goes to the hub: without `datasets`, or offline, the error says what to do.
    with pytest.raises(DataError, match="datasets|hub|Offline"):
        load_followir("robust04")


# ----------------------------------------------------------------------------- InstructIR / BEIR


def test_instructir_sep_split_and_groups():
    (task,) = load_instructir(FIX / "instructir")
    q = task.queries["101_2"]
    assert q.text == "wine cabinets definition"
    assert q.instruction == "I run a restaurant and need large capacity."
    assert task.extra["groups"] == 2 and task.main_score == "robustness_at_10"


def test_instructir_origin_query_layout(tmp_path):
    shutil.copytree(FIX / "instructir", tmp_path / "ir")
    recs = [json.loads(x) for x in (tmp_path / "ir" / "queries.jsonl").read_text().splitlines()]
    (tmp_path / "ir" / "queries.jsonl").unlink()
    with open(tmp_path / "ir" / "only_instruction_queries.jsonl", "w") as f:
        for r in recs:
            instruction, _, query = r["text"].partition("[SEP]")
            f.write(json.dumps({"_id": r["_id"], "text": instruction.strip(),
                                "metadata": {"origin_query": query.strip()}}) + "\n")
    (task,) = load_instructir(tmp_path / "ir")
    assert task.queries["202_1"] == Query("202_1", "plural of kohlrabi", "I design grocery store signs.")


def test_beir_optional_instruction():
    (task,) = load_benchmark("beir", FIX / "beir")
    assert task.queries["a"].instruction == "Answer with animal facts."
    assert task.queries["b"].instruction == ""
    assert task.qrels == {"a": {"1": 1}, "b": {"3": 2}}
    assert task.top_ranked is None


def test_beir_qrels_must_name_known_docs(tmp_path):
    shutil.copytree(FIX / "beir", tmp_path / "b")
    (tmp_path / "b" / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\na\t99\t1\n")
    with pytest.raises(DataError, match=r"test\.tsv.*not in corpus\.jsonl"):
        load_benchmark("beir", tmp_path / "b")


# ----------------------------------------------------------------------------- MAIR / BRIGHT


def test_mair_released_layout():
    tasks = {t.name: t for t in load_mair(FIX / "mair")}
    assert set(tasks) == {"ToyTask", "ToyTask/extra_queries"}
    t = tasks["ToyTask"]
    assert t.queries["m2"] == Query("m2", "bake bread", "Retrieve recipes.")
    assert t.qrels["m2"] == {"b": 2, "c": 1}
    assert set(tasks["ToyTask/extra_queries"].corpus) == {"z", "y"}  # extra_queries ↔ extra_docs


def test_mair_malformed_labels(tmp_path):
    shutil.copytree(FIX / "mair", tmp_path / "m")
    shutil.copy(FIX / "malformed" / "bad_mair_queries.jsonl", tmp_path / "m" / "MAIR-Queries" / "ToyTask" / "queries.jsonl")
    with pytest.raises(DataError, match=r"queries\.jsonl:2: each label needs 'id' and 'score'"):
        load_mair(tmp_path / "m")


def test_bright_layout_excluded_ids_and_instruction():
    (task,) = load_bright(FIX / "bright")
    assert task.name == "biology"
    assert task.excluded_ids == {"0": {"bio_2"}}  # "N/A" dropped
    assert task.qrels == {"0": {"bio_1": 1}, "1": {"bio_3": 1}}
    assert task.queries["0"].instruction == bright_instruction("biology")
    assert "biology post" in task.queries["0"].instruction


def test_bright_parquet_layout(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    for sub in ("examples", "documents"):
        rows = [json.loads(x) for x in (FIX / "bright" / sub / "biology.jsonl").read_text().splitlines()]
        (tmp_path / sub).mkdir()
        pq.write_table(pa.Table.from_pylist(rows), tmp_path / sub / "biology-00000-of-00001.parquet")
    (task,) = load_bright(tmp_path)
    assert len(task.corpus) == 4 and task.excluded_ids == {"0": {"bio_2"}}


def test_bright_malformed_example(tmp_path):
    shutil.copytree(FIX / "bright", tmp_path / "br")
    shutil.copy(FIX / "malformed" / "bad_bright_examples.jsonl", tmp_path / "br" / "examples" / "biology.jsonl")
    with pytest.raises(DataError, match=r"biology\.jsonl:2: field 'query'"):
        load_bright(tmp_path / "br")


def test_bright_excluded_ids_removed_before_scoring():
    (task,) = load_bright(FIX / "bright")
    # BM25 would put bio_2 (it repeats the query) first for query 0; it must not appear at all.
    run = run_task(task, BM25Scorer(), "retrieve", top_k=10)
    assert "bio_2" not in run["0"]
    assert max(run["0"], key=run["0"].get) == "bio_1"
    # Scoring also drops excluded docs from a run produced elsewhere.
    m_with = score_task(task, {"0": {"bio_2": 9.0, "bio_1": 1.0}, "1": {"bio_3": 1.0}}, [1])
    assert m_with["ndcg_at_1"] == 1.0


def test_exact_search_exclude_and_reference():
    rng = np.random.default_rng(0)
    q = rng.standard_normal((5, 8)).astype(np.float32)
    d = rng.standard_normal((37, 8)).astype(np.float32)
    ids = [f"d{i}" for i in range(37)]
    s, i = topk_reference(q, d, 37)
    full = q @ d.T
    np.testing.assert_allclose(s, -np.sort(-full, axis=1), rtol=1e-5, atol=1e-5)
    top1 = [ids[j] for j in i[:, 0]]
    s2, i2 = exact_search(q, d, 3, exclude=[[t] for t in top1], doc_ids=ids)
    for r in range(5):
        assert ids[i2[r, 0]] == ids[i[r, 1]] and top1[r] not in [ids[j] for j in i2[r]]


def test_exact_search_is_the_index_search_with_reference_ties():
    """The in-memory retrieve path searches with ``infembed.search.exact_topk`` (the scorer of an exact
    index): its ids are those of the one fp64 reference, ties → lower id, duplicated passages included."""
    rng = np.random.default_rng(1)
    d = rng.standard_normal((50, 16)).astype(np.float32)
    d[30] = d[3]
    d[41] = d[3]  # three passages with the same embedding: exact ties
    q = np.concatenate([d[3:4], rng.standard_normal((4, 16)).astype(np.float32)])  # [5, 16]
    s, i = exact_search(q, d, 7)
    ref_s, ref_i = topk_reference(q, d, 7)
    np.testing.assert_array_equal(i, ref_i)
    np.testing.assert_allclose(s, ref_s, rtol=1e-6)
    assert i[0, :3].tolist() == [3, 30, 41]


# ----------------------------------------------------------------------------- rerank == retrieve


class HashEmbedder:
    """A deterministic bag-of-words embedder (a seeded Gaussian vector per word), so tests need no
    weights; scores tie only for texts with the same words."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self._vec: dict[str, np.ndarray] = {}

    def _word(self, w: str) -> np.ndarray:
        if w not in self._vec:
            seed = int(hashlib.md5(w.encode()).hexdigest()[:8], 16)
            self._vec[w] = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return self._vec[w]

    def _embed(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for r, t in enumerate(texts):
            for w in t.lower().split():
                out[r] += self._word(w)
        n = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(n, 1e-12)

    def encode_queries(self, queries, instructions=None, batch_size=32, show_progress_bar=None):
        instructions = instructions or [""] * len(queries)
        return self._embed([f"{q} {i}" for q, i in zip(queries, instructions, strict=True)])

    def encode_corpus(self, passages, batch_size=32, show_progress_bar=None):
        return self._embed(list(passages))


def _whole_corpus_candidates(task: EvalTask) -> EvalTask:
    cands = {q: list(task.corpus) for q in task.queries}
    return EvalTask(task.name, task.benchmark, task.corpus, task.queries, task.qrels, cands, task.qrel_diff)


@pytest.mark.parametrize("scorer", [BM25Scorer(), DenseScorer(HashEmbedder())], ids=["bm25", "dense"])
def test_rerank_equals_retrieve_on_whole_corpus(scorer):
    (task,) = load_followir(FIX / "followir")
    task = _whole_corpus_candidates(task)
    k = len(task.corpus)
    rerank = run_task(task, scorer, "rerank", top_k=k)
    retrieve = run_task(task, scorer, "retrieve", top_k=k)
    assert rerank.keys() == retrieve.keys()
    for q in rerank:
        assert rerank[q].keys() == retrieve[q].keys()
        np.testing.assert_allclose([rerank[q][d] for d in rerank[q]], [retrieve[q][d] for d in rerank[q]],
                                   rtol=1e-6, atol=1e-6)
    m1, m2 = score_task(task, rerank), score_task(task, retrieve)
    assert m1["p-MRR"] == pytest.approx(m2["p-MRR"])
    assert m1["og"] == pytest.approx(m2["og"]) and m1["changed"] == pytest.approx(m2["changed"])


def test_rerank_without_candidates_is_a_clear_error():
    (task,) = load_benchmark("beir", FIX / "beir")
    with pytest.raises(ValueError, match="retrieve"):
        run_task(task, BM25Scorer(), "rerank")
    with pytest.raises(ValueError, match="protocol"):
        run_task(task, BM25Scorer(), "rank")


def test_hub_corpus_uses_the_beir_title_rule(monkeypatch):
    import infembed.eval_tasks as eval_tasks

    rows = [{"_id": 1, "title": "T", "text": "x"}, {"id": "2", "title": None, "text": "y"},
            {"_id": "3", "title": "", "text": None}]
    monkeypatch.setattr(eval_tasks, "_hub_split", lambda repo, split: rows if split == "corpus" else [])
    assert eval_tasks._hub_corpus("some/repo") == {"1": "T x", "2": "y", "3": ""}
