"""Evaluation: retrieval metrics, FollowIR p-MRR, InstructIR Robustness@10, the rerank/retrieve
protocols, and the Python API behind ``infembed eval``.

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
* **Robustness@10** (InstructIR, Oh et al. 2024, arXiv 2402.14334; mteb ``robustness_at_10``):
  group query ids by the part before the first ``_``, take the minimum per-query nDCG@10 in each
  group, then the mean over groups.

Protocols:

* ``rerank`` scores only each query's ``top_ranked`` candidates (FollowIR's standard protocol);
* ``retrieve`` searches the full corpus (exact inner-product top-k; BRIGHT's ``excluded_ids`` are
  removed from the run before scoring).

Dense models score with cosine similarity: ``InfEmbed.encode_queries(queries, instructions)`` and
``encode_corpus`` return L2-normalised float32 rows, so the inner product is the cosine.
"""

from __future__ import annotations

import logging
import math
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from .benchmarks import EvalTask

log = logging.getLogger(__name__)

Run = dict[str, dict[str, float]]  # {query id: {doc id: score}}
Qrels = dict[str, dict[str, int]]  # {query id: {doc id: relevance}}

DEFAULT_K_VALUES = (1, 3, 5, 10, 20, 100, 1000)
PROTOCOLS = ("rerank", "retrieve")


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


def _check_k(k_values: Iterable[int]) -> list[int]:
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

    ks = _check_k(k_values)
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


# ----------------------------------------------------------------------------- scorers


class Scorer(Protocol):
    """What the protocols need from a model: scores for given candidates, or a full search."""

    name: str

    def score_candidates(self, task: EvalTask, qids: Sequence[str],
                         candidates: Mapping[str, Sequence[str]]) -> Run: ...

    def search(self, task: EvalTask, qids: Sequence[str], top_k: int) -> Run: ...


class DenseScorer:
    """Cosine scoring with an embedding model exposing ``encode_queries(queries, instructions)`` and
    ``encode_corpus(passages)`` (e.g. :class:`infembed.model.InfEmbed`).

    The query text and its instruction are passed **separately**, so models with an
    instruction-query attention see them apart; a joint model formats them with its own template.
    Corpus embeddings are cached per task (FollowIR's og and changed queries share one corpus).
    """

    def __init__(self, model: Any, batch_size: int = 32, show_progress_bar: bool | None = None,
                 name: str | None = None) -> None:
        for attr in ("encode_queries", "encode_corpus"):
            if not callable(getattr(model, attr, None)):
                raise TypeError(f"{type(model).__name__} has no {attr}(); pass an InfEmbed model or 'bm25'")
        if batch_size < 1:
            raise ValueError(f"batch_size={batch_size}: must be ≥ 1")
        self.model = model
        self.batch_size = batch_size
        self.show_progress_bar = show_progress_bar
        self.name = name or getattr(getattr(model, "config", None), "backbone", None) or type(model).__name__
        self._cache: dict[tuple[int, tuple[str, ...] | None], tuple[list[str], np.ndarray]] = {}

    def _encode_queries(self, task: EvalTask, qids: Sequence[str]) -> np.ndarray:
        qs = [task.queries[q] for q in qids]
        emb = self.model.encode_queries([q.text for q in qs], [q.instruction for q in qs],
                                        batch_size=self.batch_size, show_progress_bar=self.show_progress_bar)
        return np.ascontiguousarray(np.asarray(emb, dtype=np.float32))  # [nq, d]

    def _encode_docs(self, task: EvalTask, doc_ids: Sequence[str] | None) -> tuple[list[str], np.ndarray]:
        key = (id(task), None if doc_ids is None else tuple(doc_ids))
        if key not in self._cache:
            ids = list(task.corpus) if doc_ids is None else list(doc_ids)
            emb = self.model.encode_corpus([task.corpus[d] for d in ids], batch_size=self.batch_size,
                                           show_progress_bar=self.show_progress_bar)
            self._cache.clear()  # one task's corpus at a time: bounded memory
            self._cache[key] = (ids, np.ascontiguousarray(np.asarray(emb, dtype=np.float32)))
        return self._cache[key]

    def score_candidates(self, task: EvalTask, qids: Sequence[str],
                         candidates: Mapping[str, Sequence[str]]) -> Run:
        q_emb = self._encode_queries(task, qids)  # [nq, d]
        # Encode the union of candidates once; the same doc is shared by many queries.
        union = sorted({d for q in qids for d in candidates[q]})
        ids, d_emb = self._encode_docs(task, union)  # [nd, d]
        row = {d: i for i, d in enumerate(ids)}
        run: Run = {}
        for qi, qid in enumerate(qids):
            cand = list(dict.fromkeys(candidates[qid]))
            rows = np.fromiter((row[d] for d in cand), dtype=np.int64, count=len(cand))
            scores = q_emb[qi:qi + 1] @ d_emb[rows].T  # [1, n] cosine (rows are L2-normalised)
            run[qid] = {d: float(s) for d, s in zip(cand, scores[0], strict=True)}
        return run

    def search(self, task: EvalTask, qids: Sequence[str], top_k: int) -> Run:
        q_emb = self._encode_queries(task, qids)  # [nq, d]
        ids, d_emb = self._encode_docs(task, None)  # [N, d]
        exclude = [task.excluded_ids.get(q, ()) for q in qids] if task.excluded_ids else None
        scores, idx = exact_search(q_emb, d_emb, top_k, exclude=exclude, doc_ids=ids)
        run: Run = {}
        for qi, qid in enumerate(qids):
            run[qid] = {ids[j]: float(s) for s, j in zip(scores[qi], idx[qi], strict=True) if j >= 0}
        return run


def exact_search(queries: np.ndarray, docs: np.ndarray, k: int, *, exclude: Sequence[Iterable[str]] | None = None,
                 doc_ids: Sequence[str] | None = None, chunk: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """Exact inner-product top-k.

    Args:
        queries: ``[nq, d]`` float32. docs: ``[N, d]`` float32.
        k: results per query (capped at ``N``).
        exclude: per query, doc ids never returned (BRIGHT ``excluded_ids``); needs ``doc_ids``.

    Returns:
        ``(scores [nq, k'] float32, indices [nq, k'] int64)``, best first; ``-1`` pads rows where
        exclusions left fewer than ``k'`` documents.

    Uses ``infembed.search`` exact top-k when that module provides it, else a chunked
    ``torch`` matmul + topk (the reference path).
    """
    n_docs = docs.shape[0]
    kk = min(int(k), n_docs)
    if kk < 1:
        raise ValueError(f"top_k={k}: must be ≥ 1 (corpus has {n_docs} documents)")
    n_ex = max((len(set(e)) for e in exclude), default=0) if exclude else 0
    fetch = min(kk + n_ex, n_docs)
    scores, idx = _search_backend(queries, docs, fetch, chunk)
    if not exclude:
        return scores[:, :kk], idx[:, :kk]
    if doc_ids is None:
        raise ValueError("exclude needs doc_ids")
    pos = {d: i for i, d in enumerate(doc_ids)}
    out_s = np.full((queries.shape[0], kk), -np.inf, dtype=np.float32)
    out_i = np.full((queries.shape[0], kk), -1, dtype=np.int64)
    for qi, ex in enumerate(exclude):
        banned = {pos[d] for d in ex if d in pos}
        keep = [c for c in range(fetch) if int(idx[qi, c]) not in banned][:kk]
        out_s[qi, :len(keep)] = scores[qi, keep]
        out_i[qi, :len(keep)] = idx[qi, keep]
    return out_s, out_i


def _search_backend(queries: np.ndarray, docs: np.ndarray, k: int, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    try:
        from . import search as _search  # written by the search issue; optional here
    except ImportError:
        _search = None
    fn = getattr(_search, "exact_topk", None) if _search is not None else None
    if fn is not None:
        try:
            s, i = fn(queries, docs, k)
            return np.asarray(s, dtype=np.float32), np.asarray(i, dtype=np.int64)
        except (TypeError, ValueError) as e:  # an API we do not know: fall back, loudly
            log.warning("infembed.search.exact_topk failed (%s); using the torch reference", e)
    return torch_exact_topk(queries, docs, k, chunk)


def torch_exact_topk(queries: np.ndarray, docs: np.ndarray, k: int, chunk: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """Reference exact top-k: chunked ``q @ docs.T`` then ``torch.topk``.

    Returns ``(scores [nq, k] float32, indices [nq, k] int64)``.
    """
    import torch

    d = torch.from_numpy(np.ascontiguousarray(docs, dtype=np.float32))  # [N, d]
    out_s, out_i = [], []
    for start in range(0, queries.shape[0], chunk):
        q = torch.from_numpy(np.ascontiguousarray(queries[start:start + chunk], dtype=np.float32))  # [c, d]
        s, i = torch.topk(q @ d.T, k, dim=1)  # [c, k]
        out_s.append(s.numpy())
        out_i.append(i.numpy().astype(np.int64))
    return np.concatenate(out_s), np.concatenate(out_i)


def make_scorer(model: Any, *, batch_size: int = 32, show_progress_bar: bool | None = None) -> Scorer:
    """``"bm25"`` → :class:`infembed.bm25.BM25Scorer`; ``"minilm"`` / a model dir / an HF path →
    a :class:`DenseScorer` over ``InfEmbed.from_pretrained``; an object with ``encode_queries`` →
    a :class:`DenseScorer`; an object with ``score_candidates``/``search`` is used as is."""
    if isinstance(model, (str, os.PathLike)):
        if str(model).lower() == "bm25":
            from .bm25 import BM25Scorer

            return BM25Scorer()
        from .model import InfEmbed

        return DenseScorer(InfEmbed.from_pretrained(model), batch_size, show_progress_bar, name=str(model))
    if callable(getattr(model, "score_candidates", None)) and callable(getattr(model, "search", None)):
        return model
    return DenseScorer(model, batch_size, show_progress_bar)


# ----------------------------------------------------------------------------- running a task


@dataclass
class TaskResult:
    """Metrics and runs of one task. ``runs`` maps a run name (``"run"``, or ``"og"``/``"changed"``
    for FollowIR) to ``{qid: {doc: score}}``."""

    name: str
    metrics: dict[str, Any]
    runs: dict[str, Run] = field(default_factory=dict)
    num_queries: int = 0


def run_task(task: EvalTask, scorer: Scorer, protocol: str = "rerank", top_k: int = 1000) -> Run:
    """Produce a run for every query of ``task`` under ``protocol``.

    ``rerank`` needs ``task.top_ranked``; each query's run is its candidates' scores, cut to
    ``top_k``. ``retrieve`` searches the whole corpus. BRIGHT's ``excluded_ids`` are removed
    from the run either way.
    """
    if protocol not in PROTOCOLS:
        raise ValueError(f"protocol={protocol!r}: choose one of {PROTOCOLS}")
    if top_k < 1:
        raise ValueError(f"top_k={top_k}: must be ≥ 1")
    qids = list(task.queries)
    if protocol == "rerank":
        if task.top_ranked is None:
            raise ValueError(
                f"task {task.name!r} has no top_ranked candidate lists, so it cannot be reranked; "
                "use protocol='retrieve' (--protocol retrieve)"
            )
        missing = [q for q in qids if q not in task.top_ranked]
        if missing:
            raise ValueError(f"task {task.name!r}: no top_ranked candidates for queries {missing[:5]}")
        run = scorer.score_candidates(task, qids, task.top_ranked)
    else:
        run = scorer.search(task, qids, top_k)
    if task.excluded_ids:
        for qid, ex in task.excluded_ids.items():
            if qid in run:
                for d in ex:
                    run[qid].pop(d, None)
    return truncate_run(run, top_k)


def score_task(task: EvalTask, run: Mapping[str, Mapping[str, float]],
               k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, Any]:
    """All metrics of ``task`` for a run covering its queries (FollowIR: og and changed ids)."""
    if task.benchmark == "followir":
        og, changed = split_followir_run(run)
        return followir_metrics(og, changed, task, k_values)
    if task.excluded_ids:
        run = {q: {d: s for d, s in docs.items() if d not in task.excluded_ids.get(q, ())} for q, docs in run.items()}
    ks = set(_check_k(k_values))
    if task.benchmark == "instructir":
        ks.add(10)
    pq = per_query_metrics(task.qrels, run, ks)
    metrics: dict[str, Any] = mean_metrics(pq)
    if task.benchmark == "instructir":
        metrics["robustness_at_10"] = robustness_at_10(pq)
    metrics["num_queries"] = len(pq)
    metrics["main_score"] = metrics.get(task.main_score)
    return metrics


def followir_metrics(og_run: Mapping[str, Mapping[str, float]], changed_run: Mapping[str, Mapping[str, float]],
                     task: EvalTask, k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, Any]:
    """p-MRR plus the standard metrics of the og and changed halves (as mteb's
    ``evaluate_p_mrr_change``), flattened: ``"p-MRR"``, ``"og": {...}``, ``"changed": {...}``."""
    ks = set(_check_k(k_values)) | {5, 1000}
    qrels_og = {q: r for q, r in task.qrels.items() if q.endswith("-og")}
    qrels_ch = {q: r for q, r in task.qrels.items() if not q.endswith("-og")}
    per_q: dict[str, float] = {}
    value = p_mrr(og_run, changed_run, task.qrel_diff or {}, per_query=per_q)
    return {
        "p-MRR": value,
        "og": retrieval_metrics(qrels_og, og_run, ks) if qrels_og else {},
        "changed": retrieval_metrics(qrels_ch, changed_run, ks) if qrels_ch else {},
        "p-MRR_per_query": per_q,
        "num_queries": len({q.rsplit("-", 1)[0] for q in task.queries}),
        "main_score": value,
    }


def evaluate_task(task: EvalTask, model: Any, *, protocol: str = "rerank", top_k: int = 1000,
                  k_values: Iterable[int] = DEFAULT_K_VALUES, batch_size: int = 32) -> TaskResult:
    """Run and score one task. ``model``: an InfEmbed-like object, ``"bm25"``, or a :class:`Scorer`."""
    scorer = make_scorer(model, batch_size=batch_size)
    run = run_task(task, scorer, protocol, top_k)
    metrics = score_task(task, run, k_values)
    metrics["protocol"] = protocol
    if task.benchmark == "followir":
        og, changed = split_followir_run(run)
        runs = {"og": og, "changed": changed}
    else:
        runs = {"run": run}
    return TaskResult(task.name, metrics, runs, metrics.get("num_queries", len(task.queries)))


# ----------------------------------------------------------------------------- FollowIR API


def _followir_tasks(data: Any) -> list[EvalTask]:
    from .benchmarks import EvalTask, load_followir

    if isinstance(data, EvalTask):
        return [data]
    if isinstance(data, (list, tuple)) and all(isinstance(t, EvalTask) for t in data):
        return list(data)
    return load_followir(data)


def followir_summary(metrics: Mapping[str, Any]) -> dict[str, float | None]:
    """The three FollowIR headline numbers of one task: ``map_at_1000`` and ``ndcg_at_5`` on the og
    half, and ``p-MRR`` (all raw, not ×100)."""
    og = metrics.get("og", {})
    return {"map_at_1000": og.get("map_at_1000"), "ndcg_at_5": og.get("ndcg_at_5"), "p-MRR": metrics.get("p-MRR")}


def evaluate_followir(model_or_bm25: Any, data_dir: Any, *, protocol: str = "rerank", top_k: int = 1000,
                      batch_size: int = 32, k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, Any]:
    """Evaluate a model on a FollowIR-layout set (the quickstart's before/after table).

    Args:
        model_or_bm25: an ``InfEmbed`` (anything with ``encode_queries(queries, instructions)`` and
            ``encode_corpus``), ``"bm25"``, ``"minilm"`` or a model directory.
        data_dir: a FollowIR-layout directory (see :func:`infembed.benchmarks.load_followir`), a
            directory of such directories, a hub name, or loaded :class:`EvalTask` objects.
        protocol: ``"rerank"`` (score each query's ``top_ranked`` candidates; FollowIR's protocol) or
            ``"retrieve"`` (exact search over the whole corpus).
        top_k: documents kept per query.

    Returns:
        ``{"protocol", "top_k", "model", "tasks": {name: metrics}, "average": {"map_at_1000",
        "ndcg_at_5", "p-MRR"}}`` where each task's metrics hold ``"p-MRR"``, ``"og"`` and
        ``"changed"`` (standard metrics of each half) and ``"summary"`` (the three headline
        numbers). Values are raw (p-MRR in [-1, 1], others in [0, 1]).

    Example:
        >>> from infembed.evaluate import evaluate_followir            # doctest: +SKIP
        >>> r = evaluate_followir(model, "infembed/demo/followir_demo") # doctest: +SKIP
        >>> r["average"]["p-MRR"] * 100                                 # doctest: +SKIP
    """
    tasks = _followir_tasks(data_dir)
    scorer = make_scorer(model_or_bm25, batch_size=batch_size)
    out: dict[str, Any] = {"protocol": protocol, "top_k": top_k, "model": getattr(scorer, "name", str(model_or_bm25)),
                           "tasks": {}}
    runs: dict[str, dict[str, Run]] = {}
    for task in tasks:
        res = evaluate_task(task, scorer, protocol=protocol, top_k=top_k, k_values=k_values)
        res.metrics["summary"] = followir_summary(res.metrics)
        out["tasks"][task.name] = res.metrics
        runs[task.name] = res.runs
    out["average"] = average_summaries([m["summary"] for m in out["tasks"].values()])
    out["_runs"] = runs  # dropped by the JSON writer; handy for callers that want the runs
    return out


def evaluate_followir_runs(og_run: Mapping[str, Mapping[str, float]], changed_run: Mapping[str, Mapping[str, float]],
                           data: Any, *, top_k: int | None = None,
                           k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, Any]:
    """Score precomputed FollowIR runs (e.g. from the project's own index search).

    Args:
        og_run: ``{"<qid>-og": {doc_id: score}}``; changed_run: ``{"<qid>-changed": {...}}``.
            Runs may be keyed with or without the suffix: a bare ``<qid>`` is mapped to the right one.
        data: one FollowIR task (an :class:`EvalTask`) or a FollowIR-layout directory with one task.
        top_k: cut each query's run to its top ``top_k`` first (the ranking rule of this module).

    Returns:
        The same per-task dict as :func:`evaluate_followir` (``"p-MRR"``, ``"og"``, ``"changed"``,
        ``"summary"``).
    """
    tasks = _followir_tasks(data)
    if len(tasks) != 1:
        raise ValueError(f"{data}: holds {len(tasks)} FollowIR tasks; pass one task (an EvalTask or its directory)")
    task = tasks[0]
    og = {(q if q.endswith("-og") else f"{q}-og"): dict(d) for q, d in og_run.items()}
    ch = {(q if q.endswith("-changed") else f"{q}-changed"): dict(d) for q, d in changed_run.items()}
    if top_k is not None:
        og, ch = truncate_run(og, top_k), truncate_run(ch, top_k)
    unknown = [q for q in list(og) + list(ch) if q not in task.queries]
    if unknown:
        raise ValueError(f"runs name queries not in {task.name!r}: {unknown[:5]} (ids look like '<qid>-og')")
    metrics = followir_metrics(og, ch, task, k_values)
    metrics["summary"] = followir_summary(metrics)
    return metrics


def average_summaries(summaries: Sequence[Mapping[str, float | None]]) -> dict[str, float | None]:
    """Mean of each key over tasks, ignoring ``None`` values."""
    keys: list[str] = []
    for s in summaries:
        keys += [k for k in s if k not in keys]
    out: dict[str, float | None] = {}
    for k in keys:
        vals = [s[k] for s in summaries if s.get(k) is not None and not math.isnan(s[k])]
        out[k] = sum(vals) / len(vals) if vals else None
    return out


# ----------------------------------------------------------------------------- reports


# Columns printed per benchmark: (header, path into a task's metrics). Values are ×100 in the table.
TABLE_COLUMNS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "followir": [("MAP@1000 (og)", ("og", "map_at_1000")), ("nDCG@5 (og)", ("og", "ndcg_at_5")),
                 ("p-MRR", ("p-MRR",))],
    "instructir": [("nDCG@10", ("ndcg_at_10",)), ("Robustness@10", ("robustness_at_10",))],
    "mair": [("nDCG@1", ("ndcg_at_1",)), ("nDCG@5", ("ndcg_at_5",)), ("nDCG@10", ("ndcg_at_10",))],
    "bright": [("nDCG@10", ("ndcg_at_10",)), ("Recall@100", ("recall_at_100",))],
    "beir": [("nDCG@10", ("ndcg_at_10",)), ("MAP@1000", ("map_at_1000",)), ("Recall@100", ("recall_at_100",)),
             ("MRR@10", ("mrr_at_10",))],
}


def _get(metrics: Mapping[str, Any], path: tuple[str, ...]) -> float | None:
    cur: Any = metrics
    for p in path:
        if not isinstance(cur, Mapping) or p not in cur:
            return None
        cur = cur[p]
    return cur if isinstance(cur, (int, float)) else None


def average_metrics(benchmark: str, tasks: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Averages over tasks of the table's columns. MAIR weights tasks by their number of queries
    (InF-Embed ``evals/mair.py`` ``print_results``); the others take the plain mean (FollowIR
    ``gather_results.py``)."""
    out: dict[str, Any] = {}
    for _, path in TABLE_COLUMNS[benchmark]:
        vals = [(_get(m, path), m.get("num_queries", 1) or 1) for m in tasks.values()]
        vals = [(v, w) for v, w in vals if v is not None]
        key = ".".join(path)
        if not vals:
            out[key] = None
        elif benchmark == "mair":
            out[key] = sum(v * w for v, w in vals) / sum(w for _, w in vals)
        else:
            out[key] = sum(v for v, _ in vals) / len(vals)
    return out


def format_table(benchmark: str, tasks: Mapping[str, Mapping[str, Any]], average: Mapping[str, Any] | None = None,
                 *, model: str = "", protocol: str = "") -> str:
    """A plain-text table (values ×100, two decimals)."""
    cols = TABLE_COLUMNS[benchmark]
    headers = ["task", *[h for h, _ in cols]]
    rows = []
    for name, m in tasks.items():
        rows.append([name, *[_fmt(_get(m, p)) for _, p in cols]])
    if average is not None and len(tasks) > 1:
        rows.append(["average", *[_fmt(average.get(".".join(p))) for _, p in cols]])
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))  # noqa: E731
    title = f"{benchmark} | model: {model} | protocol: {protocol} | values ×100"
    sep = "-" * len(line(headers))
    return "\n".join([title, line(headers), sep, *[line(r) for r in rows]])


def _fmt(v: float | None) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{100 * v:.2f}"


def jsonable(obj: Any) -> Any:
    """Drop private keys (``_runs``) and turn NaN into ``None`` so the JSON is strict."""
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items() if not str(k).startswith("_")}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, float) and (math.isnan(obj) or math.isinf(obj)):
        return None
    if isinstance(obj, (np.floating, np.integer)):
        return jsonable(obj.item())
    if isinstance(obj, Path):
        return str(obj)
    return obj


__all__ = [
    "DEFAULT_K_VALUES", "PROTOCOLS", "rank_key", "ranked_docs", "doc_rank", "truncate_run", "per_query_metrics",
    "mean_metrics", "retrieval_metrics", "rank_change_score", "p_mrr", "split_followir_run", "instructir_group",
    "robustness_at_10", "Scorer", "DenseScorer", "exact_search", "torch_exact_topk", "make_scorer", "TaskResult",
    "run_task", "score_task", "followir_metrics", "evaluate_task", "evaluate_followir", "evaluate_followir_runs",
    "followir_summary", "average_summaries", "average_metrics", "format_table", "TABLE_COLUMNS", "jsonable",
]
