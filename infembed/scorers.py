"""Scorers: what turns a model into runs for the evaluation protocols (:class:`~infembed.eval_tasks.Scorer`).

* :class:`DenseScorer`: an embedding model (``encode_queries(queries, instructions)`` and
  ``encode_corpus`` returning L2-normalised float32 rows, so the inner product is the cosine).
  ``rerank`` scores each query's candidates; ``retrieve`` searches the whole corpus with
  :func:`infembed.search.exact_topk`, the scorer behind ``infembed search`` over an exact index
  (ids equal to the fp64 reference :func:`infembed.kernels.reference.topk_reference`, ties → lower
  id). There is no second top-k here.
* :class:`infembed.bm25.BM25Scorer`: the lexical baseline (``"bm25"``).

:func:`make_scorer` picks one from what the user passed (a name, a model directory, an object).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from .bm25 import BM25Scorer
from .eval_tasks import EvalTask, Run, Scorer
from .search import exact_topk


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
                 doc_ids: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Exact inner-product top-k with per-query exclusions, through :func:`infembed.search.exact_topk`.

    Args:
        queries: ``[nq, d]`` float32. docs: ``[N, d]`` float32.
        k: results per query (capped at ``N``).
        exclude: per query, doc ids never returned (BRIGHT ``excluded_ids``); needs ``doc_ids``.
        doc_ids: ``N`` ids naming the rows of ``docs``.

    Returns:
        ``(scores [nq, k'] float32, indices [nq, k'] int64)``, best first, ties → lower index; ``-1``
        pads rows where exclusions left fewer than ``k'`` documents.

    Example:
        >>> q = np.eye(2, dtype=np.float32); d = np.eye(2, dtype=np.float32)
        >>> exact_search(q, d, 1, exclude=[["a"], []], doc_ids=["a", "b"])[1].tolist()
        [[1], [0]]
    """
    n_docs = docs.shape[0]
    kk = min(int(k), n_docs)
    if kk < 1:
        raise ValueError(f"top_k={k}: must be ≥ 1 (corpus has {n_docs} documents)")
    n_ex = max((len(set(e)) for e in exclude), default=0) if exclude else 0
    fetch = min(kk + n_ex, n_docs)  # enough rows that k' survive the exclusions
    queries = np.ascontiguousarray(queries, dtype=np.float32)  # [nq, d]
    docs = np.ascontiguousarray(docs, dtype=np.float32)  # [N, d]
    scores, idx = exact_topk(queries, docs, fetch, "ip")  # [nq, fetch] each
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


def make_scorer(model: Any, *, batch_size: int = 32, show_progress_bar: bool | None = None,
                query_max_length: int | None = None, passage_max_length: int | None = None,
                query_template: str | None = None, model_options: Mapping[str, Any] | None = None) -> Scorer:
    """``"bm25"`` → :class:`infembed.bm25.BM25Scorer`; ``"minilm"`` / a model dir / an HF path →
    a :class:`DenseScorer` over ``InfEmbed.from_pretrained``; an object with ``encode_queries`` →
    a :class:`DenseScorer`; an object with ``score_candidates``/``search`` is used as is.

    For a model loaded here, the evaluation settings replace what the model was trained with: token
    limits (clamped to the backbone's position limit) and the joint-mode query template;
    ``model_options`` (e.g. ``{"pooling": "cls", "mode": "iq_attention"}``) go to ``from_pretrained``.
    """
    if isinstance(model, (str, os.PathLike)):
        if str(model).lower() == "bm25":
            return BM25Scorer()
        from .model import InfEmbed

        net = InfEmbed.from_pretrained(model, **dict(model_options or {}))
        positions = getattr(net.backbone.config, "max_position_embeddings", None) or 10**9
        for name, value in (("query_max_length", query_max_length), ("passage_max_length", passage_max_length)):
            if value is not None:
                setattr(net.config, name, min(int(value), int(positions)))
        if query_template is not None:
            if "{query}" not in query_template:
                raise ValueError(f"query template {query_template!r} must contain {{query}}")
            net.config.query_template = query_template
        return DenseScorer(net, batch_size, show_progress_bar, name=str(model))
    if callable(getattr(model, "score_candidates", None)) and callable(getattr(model, "search", None)):
        return model
    return DenseScorer(model, batch_size, show_progress_bar)


__all__ = ["DenseScorer", "exact_search", "make_scorer"]
