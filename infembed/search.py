"""Exact top-k search over arrays and over embedding-shard directories.

Backends (picked by :mod:`infembed._ext`): the C++ scorer ``infembed._topk`` for NumPy inputs, the
CUDA extension for CUDA tensors (or, with ``INFEMBED_TOPK=triton``, the Triton filter kernel of
``kernels/topk.py``), and :func:`topk_reference` (chunked fp64 torch) as the fallback and test
oracle. All of them order results by descending score, ties broken by the lower id.

Global ids over a shard directory are positions in shard order: shard 0's rows are ``0..n0-1``,
shard 1's rows follow, and so on (the order of ``manifest.json``). Shards are searched one at a
time (memory-mapped, so memory stays bounded by one shard plus the ``[Q, k]`` results) and merged
with a stable sort, so a tie across shards keeps the lower global id. Across shards, scores are
compared as the float32 values the scorer returns.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import numpy as np

from . import _ext

log = logging.getLogger(__name__)

METRICS = ("ip", "cos")


def _default_threads() -> int:
    return max(1, os.cpu_count() or 1)


def topk_reference(queries, corpus, k: int, metric: str = "ip", chunk_size: int = 16384):
    """The exact top-k reference (chunked fp64 scores, ties → lower id): the oracle of the compiled
    paths and their fallback. One implementation, :func:`infembed.kernels.reference.topk_reference`
    (see it for shapes and an example); imported on first use so ``import infembed.search`` stays
    free of torch."""
    from .kernels.reference import topk_reference as reference

    return reference(queries, corpus, k, metric, chunk_size)


def exact_topk(queries, corpus, k: int, metric: str = "ip", threads: int | None = None, copy: bool = False):
    """Exact top-k with the fastest available backend.

    Args:
        queries: ``[Q, d]`` float32 NumPy array, or a torch tensor (CUDA tensors use the CUDA path).
        corpus: ``[N, d]`` float32/float16 NumPy array (a ``np.memmap`` is read in place) or tensor.
        k: ``>= 1``; ``k' = min(k, N)`` results per query.
        metric: ``'ip'`` or ``'cos'``.
        threads: CPU threads (default: all cores).
        copy: accept non-contiguous arrays by copying them.

    Returns:
        ``(scores [Q, k'] float32, ids [Q, k'] int64)``, NumPy for NumPy input, tensors for tensors.

    Example:
        >>> s, i = exact_topk(np.random.rand(2, 8).astype(np.float32), np.random.rand(100, 8).astype(np.float32), 5)
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be 'ip' or 'cos', got {metric!r}")
    threads = _default_threads() if threads is None else threads
    is_tensor = not isinstance(queries, np.ndarray)
    if is_tensor:
        import torch

        on_cuda = queries.is_cuda
        backend = _ext.choose_backend(on_cuda=on_cuda)
        if backend == "cuda" and on_cuda:
            return _cuda_topk(queries, corpus, k, metric)
        if backend == "triton" and (on_cuda or _interpreting()):
            return _triton_topk(queries, corpus, k, metric)
        if backend == "cpu" and not on_cuda:
            s, i = exact_topk(queries.detach().numpy(), np.asarray(corpus.detach()), k, metric, threads, copy)
            return torch.from_numpy(s), torch.from_numpy(i)
        return topk_reference(queries, corpus, k, metric)
    backend = _ext.choose_backend(on_cuda=False)
    if backend == "cpu":
        return _ext.cpu_module().topk(queries, corpus, k, metric, threads, copy)
    return topk_reference(queries, corpus, k, metric)


def _cuda_topk(queries, corpus, k: int, metric: str):
    """CUDA path: fused tile scoring + selection in fp32 (``csrc/topk_cuda.cu``) of a few more than k
    rows, then :func:`exact_from_fp32_candidates` makes the ids those of the fp64 reference.
    k above the kernel's limit → :func:`topk_reference`."""
    import torch

    mod = _ext.cuda_module()
    if queries.ndim != 2 or corpus.ndim != 2 or queries.shape[1] != corpus.shape[1]:
        raise ValueError(f"expected queries [Q, d] and corpus [N, d], got {tuple(queries.shape)} and {tuple(corpus.shape)}")
    if corpus.shape[0] == 0:
        raise ValueError("the corpus is empty (0 rows); there is nothing to search")
    if k <= 0:
        raise ValueError(f"k must be >= 1, got {k}")
    n = corpus.shape[0]
    kk = min(k, n)
    k2 = min(n, max(kk + 16, 2 * kk), mod.max_k)  # spare rows, so fp32 misorderings can be undone
    if kk > mod.max_k:
        log.info("k=%d exceeds the CUDA kernel's limit %d; using the torch reference", k, mod.max_k)
        return topk_reference(queries, corpus, k, metric)
    q = queries.to(torch.float32).contiguous()
    c = corpus if corpus.dtype in (torch.float16, torch.float32) else corpus.to(torch.float32)
    c = c.contiguous()
    norms = _row_norms(c)  # [N] fp32, cached per corpus tensor
    inv = None
    if metric == "cos":
        q = torch.nn.functional.normalize(q, dim=1)
        inv = torch.where(norms > 0, 1.0 / norms, torch.zeros_like(norms)).contiguous()
    cand_s, cand_i = mod.topk(q, c, inv, k2)  # [Q, k2] fp32 ranking
    return exact_from_fp32_candidates(queries, c, cand_s, cand_i, kk, metric)


_NORMS: dict = {}


def _row_norms(c):
    """fp32 L2 norm of every row ``[N]``, chunked (no fp32 copy of an fp16 corpus), cached for the
    last corpus tensor searched (same storage and version)."""
    import torch

    key = (c.data_ptr(), c.shape, c.dtype, c._version, str(c.device))
    if _NORMS.get("key") != key:
        _NORMS.clear()
        _NORMS["key"] = key
        _NORMS["norms"] = torch.cat([c[i:i + 262144].float().norm(dim=1) for i in range(0, c.shape[0], 262144)])
    return _NORMS["norms"]


def exact_from_fp32_candidates(queries, corpus, cand_s, cand_i, k: int, metric: str):
    """Turn an fp32 top-k2 ranking (``k2 ≥ k``) into the exact fp64 top-k, ties → lower id.

    An fp32 dot product of length d is off by at most γ·|q|·|c| (γ = γ_{d+8} with margin, any
    summation order; cosine: ≤ 3γ, covering the fp32 normalisation of q and 1/|c|). A row the kernel
    did not return scored at most ``cand_s[:, -1]``, so its exact score is at most that plus the radius
    of the largest row norm; when this is below the k-th largest lower bound ``cand_s − r`` among the
    candidates, no outside row can be in the top-k, and the candidates are rescored in fp64 (pruned by
    bounds first). Queries where that does not hold (more near-ties than spare rows), and cosine over
    a corpus with a row of norm < 2⁻³⁰ (fp32 norms underflow there), use :func:`topk_reference`.

    Args:
        queries: ``[Q, d]`` tensor (any float dtype; the exact scores use it in fp64).
        corpus: ``[N, d]`` fp16/fp32 tensor the candidates index.
        cand_s, cand_i: ``[Q, k2]`` fp32 scores (best first) and int64 ids of the fp32 ranking.

    Returns:
        ``(scores [Q, k'] float32, ids [Q, k'] int64)`` with ``k' = min(k, N)``.
    """
    import torch

    from .kernels.topk_host import rescore_candidates

    n, d = corpus.shape
    kk, k2 = min(k, n), cand_s.shape[1]
    cos = metric == "cos"
    u = 2.0 ** -24
    gamma = 1.05 * (d + 8) * u / (1 - (d + 8) * u)
    q64 = queries.to(torch.float64)
    qn = q64.norm(dim=1)  # [Q]
    if cos:
        q64 = torch.where(qn[:, None] > 0, q64 / qn.clamp_min(1e-300)[:, None], torch.zeros_like(q64))
        r = torch.full(cand_s.shape, 3 * gamma + 1e-300, dtype=torch.float64, device=cand_s.device)  # [Q, k2]
        r_out = torch.full_like(qn, 3 * gamma + 1e-300)
    else:
        norms = _row_norms(corpus)  # [N] fp32, cached
        cn = norms[cand_i].double() * (1 + gamma)  # [Q, k2]; fp32 norms, inflated by their error
        r = gamma * (1 + gamma) * qn[:, None] * cn + 1e-300
        r_out = gamma * (1 + gamma) * qn * float(norms.max()) * (1 + 4 * gamma) + 1e-300
    s64 = cand_s.double()
    if k2 >= n:
        complete = torch.ones(len(qn), dtype=torch.bool, device=qn.device)
    else:
        lower_k = (s64 - r).topk(kk, dim=1).values[:, -1]  # [Q] ≤ the exact k-th best
        outside = s64[:, -1] + r_out  # [Q] the best exact score a row not returned can have
        complete = outside + outside.abs() * 2.0 ** -50 + 2.0 ** -1000 < lower_k  # (+ fp64 rounding)
    if cos and float(_row_norms(corpus).min()) < 2.0 ** -30:
        complete[:] = False
    scores = torch.empty(len(qn), kk, dtype=torch.float32, device=cand_s.device)
    ids = torch.empty(len(qn), kk, dtype=torch.int64, device=cand_s.device)
    if bool(complete.any()):
        m = complete
        count = torch.full((int(m.sum()),), k2, dtype=torch.int64, device=cand_s.device)
        scores[m], ids[m] = rescore_candidates(q64[m], corpus, cand_s[m], r[m].to(torch.float64),
                                               cand_i[m], count, kk, cos)
    if not bool(complete.all()):
        m = ~complete
        log.info("%d queries have more fp32 near-ties than spare rows; using the torch reference for them",
                 int(m.sum()))
        scores[m], ids[m] = topk_reference(queries[m], corpus, kk, metric)
    return scores, ids


def _interpreting() -> bool:
    return os.environ.get("TRITON_INTERPRET", "0") not in ("", "0", "false", "False")


def _triton_topk(queries, corpus, k: int, metric: str):
    """Triton path (``INFEMBED_TOPK=triton``): fused tensor-core scoring + threshold filter, then
    fp64 rescoring of the few survivors (``kernels/topk.py``); ids equal the fp64 reference.
    Queries whose candidate lists overflow the retry budget fall back to :func:`topk_reference`."""
    if queries.device != corpus.device:
        raise ValueError(f"queries on {queries.device} and corpus on {corpus.device}; move them to one device")
    return _ext.triton_module().exact_topk_triton(queries, corpus, k, metric, fallback=topk_reference)


@dataclass
class ShardSearchResult:
    """Per-query results over a shard directory.

    Attributes:
        scores: ``[Q, k']`` float32, best first.
        ids: ``[Q, k']`` int64 global positions (shard order × row).
        passage_ids: ``Q`` lists of ``k'`` passage id strings (from the shards' ``.ids`` files).
    """

    scores: np.ndarray
    ids: np.ndarray
    passage_ids: list[list[str]]


def merge_topk(s1: np.ndarray, i1: np.ndarray, s2: np.ndarray, i2: np.ndarray, k: int, extra=None):
    """Merge two ``[Q, *]`` result sets; set 1 must hold the lower ids (ties keep set 1 first).

    ``extra``: optional pair of ``[Q, *]`` object arrays carried along (passage ids).
    """
    s, i = np.concatenate([s1, s2], 1), np.concatenate([i1, i2], 1)
    order = np.argsort(-s, axis=1, kind="stable")[:, :k]  # [Q, k]
    out = (np.take_along_axis(s, order, 1), np.take_along_axis(i, order, 1))
    if extra is not None:
        e = np.concatenate(extra, 1)
        out = out + (np.take_along_axis(e, order, 1),)
    return out


def search_shards(queries: np.ndarray, shards_dir: str | os.PathLike, k: int, metric: str = "ip",
                  threads: int | None = None, progress: bool | None = None) -> ShardSearchResult:
    """Exact top-k of ``queries [Q, d]`` float32 over every shard of ``shards_dir``.

    Shards are memory-mapped and searched one after another; per-query results are merged as they
    come (ties → lower global id). Example::

        res = search_shards(model.encode_queries(["q"]), "emb/", k=10)
        res.passage_ids[0][:3]
    """
    from tqdm.auto import tqdm

    from .shards import list_shards, read_manifest

    manifest = read_manifest(shards_dir)
    shards = list_shards(shards_dir)
    queries = np.ascontiguousarray(queries, dtype=np.float32) if isinstance(queries, np.ndarray) else queries
    if queries.ndim != 2 or queries.shape[1] != int(manifest["dim"]):
        raise ValueError(f"queries have shape {tuple(queries.shape)} but the shards in {shards_dir} have "
                         f"dim {manifest['dim']}; encode the queries with the same model")
    if k <= 0:
        raise ValueError(f"k must be >= 1, got {k}")
    total = sum(s.count for s in shards)
    if total == 0:
        raise ValueError(f"{shards_dir} holds no embeddings; nothing to search")
    nq = queries.shape[0]
    best_s = np.empty((nq, 0), np.float32)
    best_i = np.empty((nq, 0), np.int64)
    best_p = np.empty((nq, 0), object)
    offset = 0
    bar = tqdm(shards, desc="search shards", unit="shard",
               disable=(not progress) if progress is not None else len(shards) < 2)
    for shard in bar:
        if shard.count == 0:
            continue
        pids, emb = shard.load(mmap=True)  # [n, d] memmap, read in place by the scorer
        s, i = exact_topk(queries, emb, k, metric, threads)
        p = np.asarray(pids, dtype=object)[i]  # [Q, k_shard]
        best_s, best_i, best_p = merge_topk(best_s, best_i, s, i + offset, k, extra=(best_p, p))
        offset += shard.count
    return ShardSearchResult(best_s, best_i, [list(row) for row in best_p])
