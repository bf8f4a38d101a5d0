"""Metrics against hand-computed values: nDCG/MAP/Recall/P/MRR (pytrec_eval conventions), FollowIR
p-MRR and InstructIR Robustness@10 with mteb's rules (ties by doc id descending, missing docs at
``len(run) + 1``, mean per query then over queries)."""

from __future__ import annotations

import importlib.util
import json
import math
import random
import statistics
from pathlib import Path

import pytest

from infembed.data import write_trec_run
from infembed.metrics import (
    doc_rank,
    p_mrr,
    paired_bootstrap,
    pairwise_checks,
    per_query_metrics,
    rank_change_score,
    ranked_docs,
    retrieval_metrics,
    robustness_at_10,
    truncate_run,
)

# ----------------------------------------------------------------------------- ranking rule


def test_ranked_docs_ties_by_doc_id_descending():
    run = {"a": 1.0, "c": 0.5, "b": 1.0, "d": 1.0}
    assert ranked_docs(run) == ["d", "b", "a", "c"]
    assert [doc_rank(run, d) for d in "dbac"] == [1, 2, 3, 4]


def test_doc_rank_missing_is_len_plus_one():
    assert doc_rank({"a": 1.0, "b": 0.5, "c": 0.1}, "zzz") == 4
    assert doc_rank({}, "a") == 1


def test_tie_rule_matches_pytrec_eval_recip_rank():
    """Our ranking (used by MRR and p-MRR) agrees with trec_eval's ordering on tie-heavy runs."""
    import pytrec_eval

    rng = random.Random(0)
    qrels, run = {}, {}
    for q in range(300):
        docs = [f"d{rng.randrange(40):02d}" for _ in range(12)]
        run[f"q{q}"] = {d: float(rng.choice([0.1, 0.2, 0.3])) for d in docs}
        qrels[f"q{q}"] = {rng.choice(docs): 1}
    ref = pytrec_eval.RelevanceEvaluator(qrels, {"recip_rank"}).evaluate(run)
    ours = per_query_metrics(qrels, run, [1000])
    for q in run:
        assert ours[q]["mrr_at_1000"] == pytest.approx(ref[q]["recip_rank"]), q


# ----------------------------------------------------------------------------- standard metrics


def test_ndcg_map_recall_precision_mrr_hand_computed():
    qrels = {"q": {"a": 2, "b": 1, "c": 0}}
    run = {"q": {"d": 0.9, "b": 0.8, "a": 0.7, "c": 0.6}}  # ranks: d(0) b(1) a(2) c(0)
    m = retrieval_metrics(qrels, run, [1, 2, 3])
    dcg3 = 0 + 1 / math.log2(3) + 2 / math.log2(4)
    idcg3 = 2 / math.log2(2) + 1 / math.log2(3)
    assert m["ndcg_at_3"] == pytest.approx(dcg3 / idcg3)
    assert m["ndcg_at_1"] == 0.0
    # MAP@3: precision at each relevant hit (b@2 = 1/2, a@3 = 2/3) over 2 relevant docs.
    assert m["map_at_3"] == pytest.approx((1 / 2 + 2 / 3) / 2)
    assert m["map_at_2"] == pytest.approx((1 / 2) / 2)
    assert m["recall_at_2"] == pytest.approx(0.5)
    assert m["recall_at_3"] == pytest.approx(1.0)
    assert m["precision_at_2"] == pytest.approx(0.5)
    assert m["mrr_at_1"] == 0.0
    assert m["mrr_at_2"] == pytest.approx(0.5)


def test_mean_over_queries_and_missing_query_scores_zero():
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}}
    run = {"q1": {"a": 1.0, "x": 0.5}}  # q2 absent from the run
    m = retrieval_metrics(qrels, run, [1, 10])
    assert m["ndcg_at_1"] == pytest.approx(0.5)
    assert m["mrr_at_10"] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="k"):
        retrieval_metrics(qrels, run, [0])


def test_truncate_run_uses_tie_rule():
    run = {"q": {"a": 1.0, "b": 1.0, "c": 2.0}}
    assert truncate_run(run, 2) == {"q": {"c": 2.0, "b": 1.0}}


# ----------------------------------------------------------------------------- p-MRR


def test_rank_change_score_cases():
    assert rank_change_score(1, 2) == pytest.approx(0.5)  # moved down: 1 - 1/2
    assert rank_change_score(3, 1) == pytest.approx(1 / 3 - 1)  # moved up: R_new/R_og - 1
    assert rank_change_score(2, 2) == 0.0  # stayed
    with pytest.raises(ValueError):
        rank_change_score(0, 1)


def test_p_mrr_doc_moves_down():
    og = {"1-og": {"a": 3.0, "b": 2.0, "c": 1.0}}
    ch = {"1-changed": {"a": 1.0, "b": 2.0, "c": 3.0}}  # a: 1 → 3
    assert p_mrr(og, ch, {"1": ["a"]}) == pytest.approx(1 - 1 / 3)


def test_p_mrr_doc_moves_up():
    og = {"1-og": {"a": 1.0, "b": 2.0, "c": 3.0}}  # a rank 3
    ch = {"1-changed": {"a": 9.0, "b": 2.0, "c": 3.0}}  # a rank 1
    assert p_mrr(og, ch, {"1": ["a"]}) == pytest.approx(1 / 3 - 1)


def test_p_mrr_ties_broken_by_doc_id_not_insertion_order():
    # og: a and b tie → b (larger id) first, a rank 2; changed: a clearly first.
    og = {"1-og": {"a": 1.0, "b": 1.0}}
    ch = {"1-changed": {"a": 2.0, "b": 1.0}}
    assert p_mrr(og, ch, {"1": ["a"]}) == pytest.approx(1 / 2 - 1)
    # Identical tied scores in reversed insertion order: no change (mteb PR #5241's regression case).
    og2 = {"1-og": {"a": 0.5, "b": 0.5, "c": 0.5}}
    ch2 = {"1-changed": {"c": 0.5, "b": 0.5, "a": 0.5}}
    assert p_mrr(og2, ch2, {"1": ["a", "b", "c"]}) == 0.0


def test_p_mrr_missing_docs_get_len_plus_one():
    og = {"1-og": {"x": 3.0, "y": 2.0, "z": 1.0}}  # d missing → rank 4
    ch = {"1-changed": {"x": 3.0, "d": 2.0, "z": 1.0}}  # d rank 2
    assert p_mrr(og, ch, {"1": ["d"]}) == pytest.approx(2 / 4 - 1)
    og = {"2-og": {"x": 3.0, "d": 2.0}}  # d rank 2
    ch = {"2-changed": {"x": 5.0, "y": 4.0, "z": 3.0, "w": 2.0, "v": 1.0}}  # d missing → rank 6
    assert p_mrr(og, ch, {"2": ["d"]}) == pytest.approx(1 - 2 / 6)


def test_p_mrr_several_docs_mean_per_query_then_over_queries():
    og = {
        "1-og": {"x": 4.0, "y": 3.0, "u": 2.0, "v": 1.0},  # x rank 1, y rank 2
        "2-og": {"z": 2.0, "w": 1.0},  # z rank 1
    }
    ch = {
        "1-changed": {"u": 4.0, "x": 3.0, "v": 2.0, "y": 1.0},  # x rank 2, y rank 4
        "2-changed": {"z": 2.0, "w": 1.0},  # z stays rank 1
    }
    per_q: dict[str, float] = {}
    got = p_mrr(og, ch, {"1": ["x", "y"], "2": ["z"]}, per_query=per_q)
    q1 = ((1 - 1 / 2) + (1 - 2 / 4)) / 2  # both moved down
    assert per_q == pytest.approx({"1": q1, "2": 0.0})
    assert got == pytest.approx((q1 + 0.0) / 2)  # not the mean over the 3 docs
    assert got != pytest.approx((0.5 + 0.5 + 0.0) / 3)


def test_p_mrr_skips_queries_missing_from_runs_and_empty_diffs(caplog):
    og = {"1-og": {"a": 2.0, "b": 1.0}}
    ch = {"1-changed": {"a": 1.0, "b": 2.0}}
    got = p_mrr(og, ch, {"1": ["a"], "2": ["q"], "3": []})
    assert got == pytest.approx(0.5)
    assert "2" in caplog.text
    assert p_mrr({}, {}, {"1": ["a"]}) is None


# ----------------------------------------------------------------------------- pairwise checks


def test_pairwise_checks_hand_computed():
    """Several docs per kind, score ties (broken by doc id descending), absent docs and queries that
    lack a kind; every fraction below is counted by hand."""
    qrels = {
        "1-og": {"b1": 1, "b2": 1, "o1": 1, "o2": 1, "x": 0}, "1-changed": {"b1": 1, "b2": 2, "o1": 0},
        "2-og": {"p": 1, "q": 1}, "2-changed": {"p": 1},
        "3-og": {"r": 1, "s": 1}, "3-changed": {"r": 1},
        "4-og": {"u": 1}, "4-changed": {"u": 0},  # no both doc: skipped
        "5-og": {"v": 1}, "5-changed": {"v": 1},  # empty og-only list: skipped
    }
    qrel_diff = {"1": ["o1", "o2"], "2": ["q"], "3": ["s"], "4": ["u"], "5": []}
    neither = {"1": ["n1", "n2"], "3": ["t"], "4": ["w"]}  # query 2 has no neither docs
    changed = {
        # o1 (tie with b1, larger id) 1, b1 2, n1 3, o2 4; b2 absent → 5.
        "1-changed": {"b1": 0.9, "o1": 0.9, "o2": 0.5, "n1": 0.7},
        "2-changed": {"p": 0.3, "q": 0.2},
    }  # query 3 is in neither run: all its docs absent, all tied
    og = {
        # z 1, b1 2, o1 3 (tie with n1, larger id), n1 4, b2 5; o2 and n2 absent → 6.
        "1-og": {"b1": 0.8, "o1": 0.6, "n1": 0.6, "b2": 0.3, "z": 0.9},
        "2-og": {"q": 1.0},
    }
    # (a) q1: (b1,o1) 2<1 no, (b1,o2) 2<4 yes, (b2,o1) 5<1 no, (b2,o2) 5<4 no → 1/4
    #     q2: p 1 < q 2 → 1;  q3: r and s both absent, a tie → 0
    # (b) q1: n1 (4): b above {b1}, o above {o1} → 1×1; n2 (6): b above {b1, b2}, o above {o1}
    #     (o2 ties n2 at 6, not above) → 2×1; (1 + 2) / (2·2·2) = 3/8.  q3: all tied → 0.
    per_query: dict = {}
    got = pairwise_checks(og, changed, qrels, qrel_diff, neither, per_query=per_query)
    assert per_query == {"1": {"pair_a": 1 / 4, "pair_b": 3 / 8}, "2": {"pair_a": 1.0},
                         "3": {"pair_a": 0.0, "pair_b": 0.0}}
    assert got["pair_a"] == pytest.approx((1 / 4 + 1 + 0) / 3)
    assert got["pair_b"] == pytest.approx((3 / 8 + 0) / 2)
    assert (got["pair_a_queries"], got["pair_b_queries"]) == (3, 2)
    # Without neither docs: pair (a) unchanged (it does not depend on them), pair (b) undefined.
    assert pairwise_checks(og, changed, qrels, qrel_diff, None) == {
        "pair_a": got["pair_a"], "pair_b": None, "pair_a_queries": 3, "pair_b_queries": 0}
    assert pairwise_checks(og, changed, qrels, {"4": ["u"]}, neither)["pair_a"] is None


def test_pairwise_checks_equal_brute_force_over_triples():
    """The per-n product count equals a plain loop over triples with :func:`doc_rank`."""
    rng = random.Random(3)
    og, ch, qrels, diff, neither = {}, {}, {}, {}, {}
    for q in range(30):
        docs = [f"d{i:02d}" for i in rng.sample(range(40), 12)]
        b, o, n = docs[:3], docs[3:5], docs[5:8]
        qrels[f"{q}-og"] = dict.fromkeys(b + o, 1)
        qrels[f"{q}-changed"] = {**dict.fromkeys(b, 1), **dict.fromkeys(o, 0)}
        diff[str(q)], neither[str(q)] = o, n
        og[f"{q}-og"] = {d: rng.choice([0.1, 0.2, 0.3]) for d in rng.sample(docs, 8)}
        ch[f"{q}-changed"] = {d: rng.choice([0.1, 0.2, 0.3]) for d in rng.sample(docs, 8)}
    a_ref, b_ref = [], []
    for q in diff:
        b = [d for d, r in qrels[f"{q}-changed"].items() if r > 0]
        oq, cq = og[f"{q}-og"], ch[f"{q}-changed"]
        triples = [(x, y, z) for x in b for y in diff[q] for z in neither[q]]
        a_ref.append(sum(doc_rank(cq, x) < doc_rank(cq, y) for x, y, _ in triples) / len(triples))
        b_ref.append(sum(doc_rank(oq, x) < doc_rank(oq, z) and doc_rank(oq, y) < doc_rank(oq, z)
                         for x, y, z in triples) / len(triples))
    per_query: dict = {}
    got = pairwise_checks(og, ch, qrels, diff, neither, per_query=per_query)
    assert got["pair_a"] == pytest.approx(sum(a_ref) / len(a_ref))
    assert got["pair_b"] == pytest.approx(sum(b_ref) / len(b_ref))
    assert [per_query[q]["pair_a"] for q in diff] == pytest.approx(a_ref)
    assert [per_query[q]["pair_b"] for q in diff] == pytest.approx(b_ref)


def _instruct_eval():
    path = Path(__file__).resolve().parents[1] / "bench" / "instruct_eval.py"
    spec = importlib.util.spec_from_file_location("infembed_bench_instruct_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pairwise_checks_equal_instruct_eval_id_convention_checks(tmp_path):
    """One doc of each kind per query (the msmarco_instruct layout): the same fractions as the id-convention
    ``pair_checks`` of ``bench/instruct_eval.py`` reading the TREC runs ``infembed eval`` writes."""
    ie = _instruct_eval()
    rng = random.Random(5)
    items, og, ch, qrels, diff, neither = [], {}, {}, {}, {}, {}
    for q in range(40):
        qid, real = str(1000 + q), f"p{q}"
        both, nei = f"mi-{qid}-both", f"mi-{qid}-neither"
        items.append({"query_id": qid, "passage_id": real})
        qrels[f"{qid}-og"], qrels[f"{qid}-changed"] = {real: 1, both: 1}, {both: 1}
        diff[qid], neither[qid] = [real], [nei]
        pool = [real, both, nei, "x1", "x2", "x3"]
        # Few score levels (ties) and random absences (a doc cut from the top k).
        og[f"{qid}-og"] = {d: rng.choice([0.5, 0.6, 0.7]) for d in rng.sample(pool, rng.randint(1, 6))}
        ch[f"{qid}-changed"] = {d: rng.choice([0.5, 0.6, 0.7]) for d in rng.sample(pool, rng.randint(1, 6))}
    write_trec_run(tmp_path / "og.trec", og)
    write_trec_run(tmp_path / "changed.trec", ch)
    ref = ie.pair_checks(items, ie.read_trec_ranks(tmp_path / "og.trec"), ie.read_trec_ranks(tmp_path / "changed.trec"))
    got = pairwise_checks(og, ch, qrels, diff, neither)
    assert 0 < ref["pair_a_count"] < len(items) and 0 < ref["pair_b_count"] < len(items)  # not trivial
    assert got["pair_a"] == pytest.approx(ref["pair_a"]) and got["pair_b"] == pytest.approx(ref["pair_b"])
    assert got["pair_a_queries"] == got["pair_b_queries"] == len(items)


# ----------------------------------------------------------------------------- paired bootstrap


def test_paired_bootstrap_two_queries_exact_interval():
    """Diffs {0, 1}: a resampled mean is 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4, so the 2.5th
    and 97.5th percentiles of many resamples are exactly 0 and 1."""
    r = paired_bootstrap({"a": 0.2, "b": 0.5}, {"a": 0.2, "b": 1.5}, resamples=20_000)
    assert (r["n"], r["mean_diff"], r["ci_low"], r["ci_high"]) == (2, 0.5, 0.0, 1.0)
    assert (r["better"], r["worse"], r["ties"]) == (1, 0, 1)
    narrow = paired_bootstrap({"a": 0.2, "b": 0.5}, {"a": 0.2, "b": 1.5}, resamples=20_000, confidence=0.4)
    assert (narrow["ci_low"], narrow["ci_high"]) == (0.5, 0.5)  # the middle 40% is all 0.5


def test_paired_bootstrap_constant_change_and_shared_queries_only():
    before = {f"q{i}": i / 10 for i in range(9)}
    after = {q: v - 0.25 for q, v in before.items()} | {"only-after": 5.0}
    r = paired_bootstrap(before | {"only-before": -3.0}, after)
    assert r["n"] == 9 and r["worse"] == 9 and r["better"] == r["ties"] == 0
    assert r["mean_diff"] == pytest.approx(-0.25) and r["ci_low"] == pytest.approx(-0.25)
    assert r["ci_high"] == pytest.approx(-0.25)


def test_paired_bootstrap_pairs_queries():
    """Per-query difficulty varies far more than the change: pairing cancels it, so a small consistent
    gain is resolved (an unpaired interval, built from the two means' spread, would span 0)."""
    rng = random.Random(11)
    before = {str(q): rng.uniform(0.0, 1.0) for q in range(60)}
    after = {q: v + 0.02 + rng.gauss(0.0, 0.005) for q, v in before.items()}
    r = paired_bootstrap(before, after, seed=3)
    assert 0.015 < r["ci_low"] < r["mean_diff"] < r["ci_high"] < 0.025 and r["better"] == 60
    unpaired_se = statistics.stdev(before.values()) * (2 / len(before)) ** 0.5
    assert unpaired_se > 0.02  # what an interval ignoring the pairing would have to allow for
    assert r == paired_bootstrap(before, after, seed=3)  # a pure function of inputs and seed


def test_paired_bootstrap_interval_covers_the_true_mean_about_as_often_as_claimed():
    """Frequentist check: over 200 samples of 40 query differences from N(0.1, 0.3²), the 90%
    interval holds 0.1 in roughly 90% of them (binomial sd ≈ 2%; the percentile interval runs a
    little narrow at n = 40)."""
    rng = random.Random(2)
    hits = 0
    for trial in range(200):
        diffs = {str(q): rng.gauss(0.1, 0.3) for q in range(40)}
        r = paired_bootstrap(dict.fromkeys(diffs, 0.0), diffs, resamples=1000, confidence=0.9, seed=trial)
        hits += r["ci_low"] <= 0.1 <= r["ci_high"]
    assert 0.82 <= hits / 200 <= 0.97, hits


@pytest.mark.parametrize("kwargs, match", [
    ({"resamples": 10}, "resamples=10"),
    ({"confidence": 1.0}, "confidence=1.0"),
    ({"confidence": 0}, "confidence=0"),
])
def test_paired_bootstrap_refuses_bad_settings(kwargs, match):
    with pytest.raises(ValueError, match=match):
        paired_bootstrap({"a": 0.0}, {"a": 1.0}, **kwargs)


def test_paired_bootstrap_refuses_unpaired_or_non_finite_input():
    with pytest.raises(ValueError, match="no query is scored by both"):
        paired_bootstrap({"a": 0.0}, {"b": 1.0})
    with pytest.raises(ValueError, match=r"\['b'\]"):
        paired_bootstrap({"a": 0.0, "b": 0.0}, {"a": 1.0, "b": math.nan})


# ----------------------------------------------------------------------------- Robustness@10


def test_robustness_at_10_min_per_group_then_mean():
    qrels = {"1_1": {"a": 1}, "1_2": {"b": 1}, "2_1": {"c": 1}, "2_2": {"c": 1}}
    run = {
        "1_1": {"a": 3.0, "x": 2.0},  # rank 1 → 1
        "1_2": {"x": 3.0, "y": 2.0, "b": 1.0},  # rank 3 → 1/log2(4) = 0.5
        "2_1": {"y": 3.0, "c": 2.0},  # rank 2 → 1/log2(3)
        "2_2": {"c": 3.0},  # rank 1 → 1
    }
    pq = per_query_metrics(qrels, run, [10])
    assert pq["1_2"]["ndcg_at_10"] == pytest.approx(0.5)
    expected = (0.5 + 1 / math.log2(3)) / 2
    assert robustness_at_10(pq) == pytest.approx(expected)
    with pytest.raises(ValueError, match="ndcg_at_10"):
        robustness_at_10(per_query_metrics(qrels, run, [5]))


# ----------------------------------------------------------------------------- against mteb itself


def test_metrics_match_mteb_on_random_tie_heavy_runs():
    """Cross-check with mteb's own implementation (skipped unless the `eval` extra is installed)."""
    pytest.importorskip("mteb")
    from mteb._evaluators.retrieval_metrics import calculate_pmrr, calculate_retrieval_scores
    from mteb._evaluators.retrieval_metrics import robustness_at_10 as mteb_robustness

    rng = random.Random(1)
    og, ch, diff, qrels = {}, {}, {}, {}
    for q in range(40):
        docs = [f"d{i:02d}" for i in rng.sample(range(30), 15)]
        og[f"{q}-og"] = {d: float(rng.choice([0.1, 0.2, 0.3, 0.4])) for d in docs[:12]}
        ch[f"{q}-changed"] = {d: float(rng.choice([0.1, 0.2, 0.3, 0.4])) for d in docs[3:]}
        diff[str(q)] = rng.sample(docs, 3)
        qrels[f"{q}_{rng.randrange(3)}"] = {d: rng.choice([0, 1, 2]) for d in docs[:5]}
    assert p_mrr(og, ch, diff) == pytest.approx(calculate_pmrr(og, ch, diff), abs=1e-12)

    run = {q: {d: float(rng.choice([0.1, 0.2, 0.3])) for d in rng.sample([f"d{i:02d}" for i in range(30)], 12)}
           for q in qrels}
    ks = [1, 3, 5, 10]
    ref = calculate_retrieval_scores(run, qrels, ks)
    ours = retrieval_metrics(qrels, run, ks)
    for k in ks:
        assert ours[f"ndcg_at_{k}"] == pytest.approx(ref.ndcg[f"NDCG@{k}"], abs=1e-5)  # mteb rounds to 5
        assert ours[f"map_at_{k}"] == pytest.approx(ref.map[f"MAP@{k}"], abs=1e-5)
        assert ours[f"recall_at_{k}"] == pytest.approx(ref.recall[f"Recall@{k}"], abs=1e-5)
        assert ours[f"precision_at_{k}"] == pytest.approx(ref.precision[f"P@{k}"], abs=1e-5)
        assert ours[f"mrr_at_{k}"] == pytest.approx(ref.mrr[f"MRR@{k}"], abs=1e-9)
    assert robustness_at_10(per_query_metrics(qrels, run, [10])) == pytest.approx(
        mteb_robustness(qrels, run, ref.all_scores), abs=1e-12)


def test_instruct_eval_gains_table_compares_later_models_with_the_first(tmp_path):
    """``bench/instruct_eval.py`` reads each model's ``infembed eval`` report and prints the paired
    change of every later model from the first; BM25 and failed models are left out."""
    from infembed.evaluate import jsonable

    ie = _instruct_eval()
    per_query = {"p-MRR": {"1": 0.0, "2": 0.5}, "ndcg_at_5": {"1": 1.0, "2": 0.5}, "pair_a": {"1": 0.0, "2": 1.0}}
    results = []
    for name, shift in (("base", 0.0), ("bm25", 0.9), ("broken", None), ("trained", 0.25)):
        if shift is None:
            results.append({"model": name, "error": "infembed eval exited 1"})
            continue
        metrics = {"per_query": {m: {q: v + shift for q, v in vals.items()} for m, vals in per_query.items()}}
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(jsonable({"tasks": {"msmarco_instruct": metrics}})))
        results.append({"model": name, "metrics": str(path)})
    lines = ie.gains_table(results).strip().splitlines()
    assert lines[-3] == "| model | p-MRR | nDCG@5 | pair (a) | pair (b) |"
    assert lines[-1] == ("| trained | +25.00 [+25.00, +25.00], 2↑ 0↓ | +25.00 [+25.00, +25.00], 2↑ 0↓ "
                         "| +0.250 [+0.250, +0.250], 2↑ 0↓ | – |")
    assert ie.gains_table(results[:2]) == ""  # one model besides BM25: nothing to compare
