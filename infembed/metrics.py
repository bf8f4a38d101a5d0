"""Retrieval metrics over runs and qrels: the ranking rule, nDCG/MAP/Recall/P/MRR, FollowIR p-MRR and
InstructIR Robustness@10. Pure functions of ``{qid: {doc: score}}`` dicts; no model, no files.

Metric rules (every one follows a public reference so numbers are comparable):

* **nDCG@k, MAP@k, Recall@k, P@k** come from ``pytrec_eval`` (``ndcg_cut``, ``map_cut``, ``recall``,
  ``P``), exactly as mteb's ``calculate_retrieval_scores`` and the InF-Embed reference
  (``evals/mair.py``) compute them. trec_eval ranks a run by score descending, ties by doc id
  *descending* (string order); see Lin & Yang, SIGIR 2019, and beir-cellar/beir#105.
* **MRR@k** is the reciprocal rank of the first relevant document (relevance > 0) within the top k,
  ranked with the same (score, doc id) descending key: mteb PR #5136 (fixing issue #5092) made
  mteb's ``mrr`` break ties this way so that it agrees with ``pytrec_eval``'s ``recip_rank``
  (tested against it in ``tests/test_metrics.py``).
* **Averages** are plain means over the queries of the qrels. A qrels query missing from a run
  scores 0 (trec_eval ``-c``); mteb averages only over queries present in the run. The two
  differ only for a run that omits a query, which the protocols here never produce.
* **p-MRR** (FollowIR, Weller et al. 2024, arXiv 2403.15246) follows mteb's
  ``mteb/_evaluators/retrieval_metrics.py`` ``calculate_pmrr`` / ``get_rank_from_dict`` /
  ``rank_score``:

  - the rank of a document is its 1-based position after sorting the query's run by
    (score, doc id) descending (mteb PR #5241 made ``get_rank_from_dict`` use this key);
  - a document missing from the run gets rank ``len(run) + 1``;
  - for each base query ``q`` in ``qrel_diff`` and each changed document:
    ``R_og >= R_new``  → ``R_new / R_og - 1`` (≤ 0: the doc rose or stayed although it became
    non-relevant); otherwise ``1 - R_og / R_new`` (> 0);
  - mean over the documents of a query, then mean over queries; a base query whose ``-og`` or
    ``-changed`` run is absent is skipped with a warning (as mteb does), and so is a query with
    an empty changed-document list (it has no rows in mteb's data frame);
  - values are in [-1, 1]; tables print them ×100, JSON keeps the raw value.
* **Pairwise checks** (:func:`pairwise_checks`; no public reference, the project's own): for each
  base query, *both* docs (relevant under og and changed), *og-only* docs (``qrel_diff``) and
  *neither* docs (on topic, relevant under neither instruction; FollowIR-layout ``neither.jsonl``).
  Pair (a): under the changed instruction a both doc ranks above an og-only doc. Pair (b): under
  the og instruction a both doc and an og-only doc both rank above a neither doc. Ranks follow the
  p-MRR rule above (a missing doc ranks below every present doc; two missing docs tie, and a tie
  is not "above"). Fraction of (both, og-only, neither) triples that hold per query, then the mean
  over queries; values in [0, 1].
* **Paired comparison** (:func:`paired_bootstrap`): the mean per-query change between two systems
  on the same queries, with a percentile interval from resampling queries (paired bootstrap).
* **Robustness@10** (InstructIR, Oh et al. 2024, arXiv 2402.14334; mteb ``robustness_at_10``):
  group query ids by the part before the first ``_``, take the minimum per-query nDCG@10 in each
  group, then the mean over groups.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from .eval_tasks import Qrels, Run

log = logging.getLogger(__name__)

DEFAULT_K_VALUES = (1, 3, 5, 10, 20, 100, 1000)


# ----------------------------------------------------------------------------- ranking rule


def rank_key(item: tuple[str, float]) -> tuple[float, str]:
    """Sort key for ``(doc_id, score)``: use with ``reverse=True`` → score desc, doc id desc."""
    return (item[1], item[0])


def ranked_docs(doc_scores: Mapping[str, float]) -> list[str]:
    """Doc ids of one query's run in rank order (score desc, ties by doc id desc, as trec_eval)."""
    return [d for d, _ in sorted(doc_scores.items(), key=rank_key, reverse=True)]


def doc_rank(doc_scores: Mapping[str, float], doc_id: str) -> int:
    """1-based rank of ``doc_id`` in one query's run; ``len(run) + 1`` when it is absent (mteb)."""
    if doc_id not in doc_scores:
        return len(doc_scores) + 1
    score = doc_scores[doc_id]
    # Docs strictly ahead: higher score, or equal score and larger id.
    ahead = sum(1 for d, s in doc_scores.items() if s > score or (s == score and d > doc_id))
    return ahead + 1


def truncate_run(run: Mapping[str, Mapping[str, float]], k: int) -> Run:
    """Keep each query's top ``k`` documents under the ranking rule above."""
    out: Run = {}
    for qid, docs in run.items():
        if len(docs) <= k:
            out[qid] = dict(docs)
        else:
            top = sorted(docs.items(), key=rank_key, reverse=True)[:k]
            out[qid] = dict(top)
    return out


# ----------------------------------------------------------------------------- standard metrics


def check_k_values(k_values: Iterable[int]) -> list[int]:
    """Sorted distinct cut-offs; raises ``ValueError`` for an empty list or a k below 1."""
    ks = sorted({int(k) for k in k_values})
    if not ks or ks[0] < 1:
        raise ValueError(f"k_values={list(k_values)}: each k must be ≥ 1")
    return ks


def per_query_metrics(qrels: Qrels, run: Mapping[str, Mapping[str, float]],
                      k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, dict[str, float]]:
    """Per-query metrics for every query of ``qrels``.

    Returns:
        ``{qid: {"ndcg_at_k", "map_at_k", "recall_at_k", "precision_at_k", "mrr_at_k", ...}}``
        with values in [0, 1]. A qrels query absent from the run scores 0 everywhere.
    """
    import pytrec_eval

    ks = check_k_values(k_values)
    ks_str = ",".join(str(k) for k in ks)
    measures = {f"ndcg_cut.{ks_str}", f"map_cut.{ks_str}", f"recall.{ks_str}", f"P.{ks_str}"}
    # pytrec_eval wants plain str → int / str → float dicts.
    qrels_c = {str(q): {str(d): int(r) for d, r in docs.items()} for q, docs in qrels.items()}
    run_c = {str(q): {str(d): float(s) for d, s in run.get(q, {}).items()} for q in qrels_c}
    evaluator = pytrec_eval.RelevanceEvaluator(qrels_c, measures)
    raw = evaluator.evaluate(run_c)
    out: dict[str, dict[str, float]] = {}
    for qid in qrels_c:
        r = raw.get(qid, {})
        relevant = {d for d, rel in qrels_c[qid].items() if rel > 0}
        order = ranked_docs(run_c[qid])
        first = next((i + 1 for i, d in enumerate(order) if d in relevant), None)
        m: dict[str, float] = {}
        for k in ks:
            m[f"ndcg_at_{k}"] = float(r.get(f"ndcg_cut_{k}", 0.0))
            m[f"map_at_{k}"] = float(r.get(f"map_cut_{k}", 0.0))
            m[f"recall_at_{k}"] = float(r.get(f"recall_{k}", 0.0))
            m[f"precision_at_{k}"] = float(r.get(f"P_{k}", 0.0))
            m[f"mrr_at_{k}"] = 1.0 / first if first is not None and first <= k else 0.0
        out[qid] = m
    return out


def mean_metrics(per_query: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Mean of each metric over queries."""
    if not per_query:
        return {}
    names = next(iter(per_query.values())).keys()
    n = len(per_query)
    return {name: sum(m[name] for m in per_query.values()) / n for name in names}


def retrieval_metrics(qrels: Qrels, run: Mapping[str, Mapping[str, float]],
                      k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, float]:
    """Mean nDCG@k / MAP@k / Recall@k / P@k / MRR@k over the queries of ``qrels``.

    Example:
        >>> retrieval_metrics({"q": {"a": 1}}, {"q": {"a": 0.9, "b": 0.5}}, [1])["ndcg_at_1"]
        1.0
    """
    if not qrels:
        raise ValueError("qrels is empty: nothing to evaluate")
    return mean_metrics(per_query_metrics(qrels, run, k_values))


# ----------------------------------------------------------------------------- FollowIR p-MRR


def rank_change_score(og_rank: int, new_rank: int) -> float:
    """mteb ``rank_score``: ≤ 0 when the doc rose or stayed, > 0 when it fell."""
    if og_rank < 1 or new_rank < 1:
        raise ValueError(f"ranks are 1-based, got og_rank={og_rank}, new_rank={new_rank}")
    if og_rank >= new_rank:
        return (1.0 / og_rank) / (1.0 / new_rank) - 1.0
    return 1.0 - (1.0 / new_rank) / (1.0 / og_rank)


def p_mrr(og_run: Mapping[str, Mapping[str, float]], changed_run: Mapping[str, Mapping[str, float]],
          qrel_diff: Mapping[str, Sequence[str]], *, per_query: dict[str, float] | None = None) -> float | None:
    """FollowIR p-MRR in [-1, 1] (see the module docstring for every rule).

    Args:
        og_run: runs keyed ``"<qid>-og"``.
        changed_run: runs keyed ``"<qid>-changed"``.
        qrel_diff: ``{qid: [doc ids relevant under og but not under changed]}`` (base ids).
        per_query: filled with ``{qid: mean score}`` when given.

    Returns:
        The mean over queries, or ``None`` when no query has a changed document in both runs.

    Example:
        >>> og = {"1-og": {"a": 3.0, "b": 2.0}}; ch = {"1-changed": {"a": 1.0, "b": 2.0}}
        >>> p_mrr(og, ch, {"1": ["a"]})   # a: rank 1 → 2, score 1 - 1/2
        0.5
    """
    scores: dict[str, float] = {}
    for qid, docs in qrel_diff.items():
        og_key, new_key = f"{qid}-og", f"{qid}-changed"
        if og_key not in og_run or new_key not in changed_run:
            log.warning("p-MRR: query %s not found in both runs (%s, %s); skipped", qid, og_key, new_key)
            continue
        if not docs:
            continue
        og_q, new_q = og_run[og_key], changed_run[new_key]
        vals = [rank_change_score(doc_rank(og_q, d), doc_rank(new_q, d)) for d in docs]
        scores[qid] = sum(vals) / len(vals)
    if per_query is not None:
        per_query.update(scores)
    if not scores:
        log.warning("p-MRR: no query with changed documents in both runs; p-MRR is undefined")
        return None
    return sum(scores.values()) / len(scores)


def _rank_map(doc_scores: Mapping[str, float]) -> dict[str, int]:
    """``{doc id: 1-based rank}`` of one query's run (the rule of :func:`doc_rank`, computed once)."""
    return {d: i for i, d in enumerate(ranked_docs(doc_scores), start=1)}


def pairwise_checks(og_run: Mapping[str, Mapping[str, float]], changed_run: Mapping[str, Mapping[str, float]],
                    qrels: Mapping[str, Mapping[str, int]], qrel_diff: Mapping[str, Sequence[str]],
                    neither: Mapping[str, Sequence[str]] | None = None, *,
                    per_query: dict[str, dict[str, float]] | None = None) -> dict[str, float | int | None]:
    """Pairwise instruction-following checks (a) and (b) of a FollowIR-layout task.

    Per base query ``q`` three judged sets: ``B`` (both) = docs with relevance > 0 in
    ``qrels["q-og"]`` and in ``qrels["q-changed"]``; ``O`` (og-only) = ``qrel_diff[q]``;
    ``N`` (neither) = ``neither[q]``. Over every triple ``(b, o, n)`` in ``B × O × N``:

    * pair (a) holds when ``b`` ranks above ``o`` in the run ``changed_run["q-changed"]``;
    * pair (b) holds when ``b`` and ``o`` both rank above ``n`` in ``og_run["q-og"]``.

    Ranks follow :func:`doc_rank` (score descending, ties by doc id descending); a doc absent from a
    run ranks below every present doc, two absent docs tie, and a tie is not "above". A query absent
    from a run counts as an empty run (each of its checks fails), as trec_eval scores it 0.

    Per query the value is the fraction of triples that hold; the result is the mean over queries
    with at least one triple. Pair (a) does not depend on ``n``, so its fraction over triples equals
    its fraction over ``(b, o)`` pairs, which is what a query without neither docs (or
    ``neither=None``) uses: such a query counts for pair (a) and not for pair (b). With one doc of
    each kind per query, pair (a) and (b) are the fractions of queries for which the check holds.

    Args:
        og_run: ``{"<qid>-og": {doc id: score}}`` (higher is better).
        changed_run: ``{"<qid>-changed": {doc id: score}}``.
        qrels: ``{query id: {doc id: relevance}}`` holding the ``-og`` and ``-changed`` halves.
        qrel_diff: ``{base qid: [og-only doc ids]}``; its keys are the base queries considered.
        neither: ``{base qid: [neither doc ids]}``, or ``None`` when the task has none.
        per_query: filled with ``{base qid: {"pair_a": fraction[, "pair_b": fraction]}}`` when given
            (the per-query values the means are taken over).

    Returns:
        ``{"pair_a": float | None, "pair_b": float | None, "pair_a_queries": int, "pair_b_queries": int}``:
        each mean in [0, 1], ``None`` when no query has a pair (a) pair / a pair (b) triple; the counts
        are the queries averaged over.

    Example:
        >>> qrels = {"1-og": {"b": 1, "o": 1}, "1-changed": {"b": 1, "o": 0}}
        >>> og = {"1-og": {"b": 3.0, "n": 2.0, "o": 1.0}}; ch = {"1-changed": {"b": 2.0, "o": 1.0}}
        >>> pairwise_checks(og, ch, qrels, {"1": ["o"]}, {"1": ["n"]})   # (a) holds; (b): o is below n
        {'pair_a': 1.0, 'pair_b': 0.0, 'pair_a_queries': 1, 'pair_b_queries': 1}
    """
    a_scores: list[float] = []
    b_scores: list[float] = []
    for qid, og_only in qrel_diff.items():
        og_rel = qrels.get(f"{qid}-og", {})
        ch_rel = qrels.get(f"{qid}-changed", {})
        both = [d for d, r in og_rel.items() if r > 0 and ch_rel.get(d, 0) > 0]
        if not both or not og_only:
            continue
        ch_q = changed_run.get(f"{qid}-changed", {})
        ch_rank, ch_missing = _rank_map(ch_q), len(ch_q) + 1
        # (a): fraction of (b, o) pairs with b strictly above o under the changed instruction.
        a_ok = sum(ch_rank.get(b, ch_missing) < ch_rank.get(o, ch_missing) for b in both for o in og_only)
        a_scores.append(a_ok / (len(both) * len(og_only)))
        if per_query is not None:
            per_query[qid] = {"pair_a": a_scores[-1]}
        nn = (neither or {}).get(qid) or []
        if not nn:
            continue
        og_q = og_run.get(f"{qid}-og", {})
        og_rank, og_missing = _rank_map(og_q), len(og_q) + 1
        rb = [og_rank.get(b, og_missing) for b in both]
        ro = [og_rank.get(o, og_missing) for o in og_only]
        # (b): for each n, the (b, o) pairs with both above n = (#b above n) × (#o above n).
        b_ok = 0
        for n in nn:
            r_n = og_rank.get(n, og_missing)
            b_ok += sum(r < r_n for r in rb) * sum(r < r_n for r in ro)
        b_scores.append(b_ok / (len(both) * len(og_only) * len(nn)))
        if per_query is not None:
            per_query[qid]["pair_b"] = b_scores[-1]
    return {"pair_a": sum(a_scores) / len(a_scores) if a_scores else None,
            "pair_b": sum(b_scores) / len(b_scores) if b_scores else None,
            "pair_a_queries": len(a_scores), "pair_b_queries": len(b_scores)}


def split_followir_run(run: Mapping[str, Mapping[str, float]]) -> tuple[Run, Run]:
    """Split a combined run into ``(og_run, changed_run)`` by the ``-og`` suffix (as mteb)."""
    og: Run = {}
    changed: Run = {}
    for qid, docs in run.items():
        (og if qid.endswith("-og") else changed)[qid] = dict(docs)
    return og, changed


# ----------------------------------------------------------------------------- InstructIR


def instructir_group(qid: str) -> str:
    """Base query id of an InstructIR query id ``<base>_<n>`` (mteb: ``qid.split('_')[0]``)."""
    return qid.split("_")[0]


def robustness_at_10(per_query: Mapping[str, Mapping[str, float]]) -> float:
    """Mean over base queries of the minimum nDCG@10 over that query's instruction variants.

    Args:
        per_query: output of :func:`per_query_metrics` (must include ``ndcg_at_10``).
    """
    groups: dict[str, list[float]] = defaultdict(list)
    for qid, m in per_query.items():
        if "ndcg_at_10" not in m:
            raise ValueError("robustness_at_10 needs ndcg_at_10: include 10 in k_values")
        groups[instructir_group(qid)].append(m["ndcg_at_10"])
    if not groups:
        raise ValueError("no queries to group for Robustness@10")
    return sum(min(v) for v in groups.values()) / len(groups)


# ----------------------------------------------------------------------------- paired comparison


def paired_bootstrap(before: Mapping[str, float], after: Mapping[str, float], *, resamples: int = 10_000,
                     confidence: float = 0.95, seed: int = 0) -> dict[str, float | int]:
    """Mean per-query change ``after − before`` with a paired bootstrap confidence interval.

    Queries are resampled with replacement ``resamples`` times (both systems keep their pairing, so
    per-query difficulty cancels); the interval is the percentile interval of the resampled means
    (Efron & Tibshirani 1993, ch. 13; the paired test of Sakai, SIGIR 2006). Only queries scored by
    both systems are compared; ``n`` says how many.

    Args:
        before, after: ``{qid: per-query value}`` of the two systems, e.g. ``p_mrr(..., per_query=)``.
        resamples: bootstrap samples (≥ 100).
        confidence: interval coverage in (0, 1).
        seed: the resampling seed (the result is a pure function of the inputs and the seed).

    Returns:
        ``{"n", "mean_diff", "ci_low", "ci_high", "better", "worse", "ties"}``: the mean of
        ``after − before`` over the ``n`` shared queries, its interval, and how many queries went up,
        down, or stayed.

    Example:
        >>> r = paired_bootstrap({"a": 0.5, "b": 0.2, "c": 0.1}, {"a": 0.7, "b": 0.3, "c": 0.1})
        >>> (r["n"], round(r["mean_diff"], 3), r["better"], r["worse"], r["ties"], r["ci_low"] >= 0)
        (3, 0.1, 2, 0, 1, True)
    """
    import math

    import numpy as np

    if resamples < 100:
        raise ValueError(f"resamples={resamples}: use at least 100 bootstrap samples")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence={confidence}: choose a coverage strictly between 0 and 1, e.g. 0.95")
    shared = sorted(set(before) & set(after))
    if not shared:
        raise ValueError(f"no query is scored by both systems (before: {len(before)} queries, "
                         f"after: {len(after)}); compare runs of the same task")
    diffs = np.array([after[q] - before[q] for q in shared], dtype=np.float64)  # (n,)
    if not np.isfinite(diffs).all():
        bad = [q for q, d in zip(shared, diffs) if not math.isfinite(d)]
        raise ValueError(f"non-finite per-query values for queries {bad[:5]}")
    rng = np.random.default_rng(seed)
    means = np.empty(resamples)
    chunk = max(1, 2_000_000 // len(diffs))  # bound the (chunk, n) index array to ~16 MB
    for start in range(0, resamples, chunk):
        stop = min(resamples, start + chunk)
        means[start:stop] = diffs[rng.integers(0, len(diffs), size=(stop - start, len(diffs)))].mean(axis=1)
    tail = 100.0 * (1.0 - confidence) / 2.0
    low, high = np.percentile(means, [tail, 100.0 - tail])
    return {"n": len(diffs), "mean_diff": float(diffs.mean()), "ci_low": float(low), "ci_high": float(high),
            "better": int((diffs > 0).sum()), "worse": int((diffs < 0).sum()), "ties": int((diffs == 0).sum())}


__all__ = [
    "DEFAULT_K_VALUES", "rank_key", "ranked_docs", "doc_rank", "truncate_run", "check_k_values", "per_query_metrics",
    "mean_metrics", "retrieval_metrics", "rank_change_score", "p_mrr", "pairwise_checks", "split_followir_run",
    "instructir_group", "robustness_at_10", "paired_bootstrap",
]
