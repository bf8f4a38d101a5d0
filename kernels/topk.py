"""Exact top-k on the GPU by fused tensor-core scoring + threshold filtering (Triton), then fp64 rescoring.

Naive cost (the chunked baseline): ``X @ Pᵀ`` writes ``Q·chunk`` fp32 scores per corpus chunk and
``topk`` reads them back — at Q=1,024, N=2M that is 8 GB of score traffic on top of the
``2·Q·N·d`` FLOPs. Here each program scores a ``BLOCK_Q × BLOCK_N`` tile with ``tl.dot`` (fp16
operands, fp32 accumulation) and keeps it on chip; only entries that *might* belong to the top-k
leave it: those whose score upper bound reaches a per-query bar ``τ_q``. Memory traffic is the
corpus once (per query block, served by L2) plus a few thousand ``(score, radius, id)`` candidates
per query. No ``Q × N`` matrix exists anywhere.

Algorithm (``exact_topk_triton``)

1. **Bar.** Exact fp64 top-k over a prefix of ``S`` corpus rows gives ``S'_k`` (its k-th best score).
   The prefix is a subset of the corpus, so ``S'_k ≤ S_k`` (the final k-th best), and every true
   top-k row has exact score ``≥ S'_k``.
2. **Filter kernel** (``_topk_filter_kernel``). For query ``q`` and row ``c_n`` it computes the fp32
   score ``s`` and a radius ``r ≥ |s − q·c_n|`` and appends ``(s, r, n)`` to the query's candidate
   buffer ``[Q, cap]`` when ``s + r ≥ τ_q`` (``τ_q`` = ``S'_k`` rounded down to fp32; fp rounding is
   monotone, so ``exact ≥ S'_k`` ⇒ ``fl(s + r) ≥ τ_q``: no true top-k row is dropped). Slots come
   from one ``tl.atomic_add`` per (program, query) plus a ``cumsum`` inside the tile. Entries past
   ``cap`` are dropped but the counter keeps counting, so overflow is detected and the overflowing
   queries are re-run with ``cap = their count`` (or handed to a fallback when that is too big).
3. **Prune + rescore.** Among a query's candidates, the k-th largest lower bound ``L_k`` of
   ``s − r`` satisfies ``L_k ≤ S_k``; a row can be in the top-k only if ``s + r ≥ S_k ≥ L_k``.
   The survivors (typically k plus a handful) are gathered and rescored in fp64, then sorted by
   (score desc, id asc) — the same order as the fp64 reference, ties → lower id.

Error radius (the bound that makes 2. and 3. exact). Let ``u`` be the unit roundoff of the operand
rounding (fp16 query for an fp16 corpus: ``u = 2⁻¹¹``; tf32 query *and* corpus for an fp32 corpus:
``u = 2⁻¹⁰``, which also covers a hardware that truncates instead of rounding to tf32; the query's
``u`` gets ``+2⁻²³`` for a double rounding fp64 → fp32 → fp16/tf32; an fp16 corpus is not rounded at
all, so its ``u`` is spare) and
``γ_d = d·v / (1 − d·v)`` the fp32 accumulation bound with ``v = 2⁻²²`` (4× the IEEE ``2⁻²⁴``:
tensor cores align and truncate inside their block FMAs). With ``q̂_i = q_i(1+δ_i)``,
``ĉ_i = c_i(1+ε_i)``, ``|δ|,|ε| ≤ u``, the products ``q̂_i ĉ_i`` are exact in fp32 and

    |q̂·ĉ − q·c| ≤ (2u + u²) Σ|q_i c_i|,          |fl(Σ q̂_i ĉ_i) − q̂·ĉ| ≤ γ_d Σ|q̂_i ĉ_i|
    ⇒ |s − q·c| ≤ ((2u + u²)(1 + γ_d) + γ_d) · ‖q‖ · ‖c‖          (Cauchy–Schwarz: Σ|q_i c_i| ≤ ‖q‖‖c‖)

We use the per-row ``‖c_n‖`` (computed in the kernel from the tile it loads anyway, so no extra
corpus pass and a tighter bar than ``max_n ‖c_n‖``). Further terms, all folded into the radius:
fp16 subnormals (each query is scaled by an exact power of two so its largest entry lies in
``[2¹⁴, 2¹⁵)``; a value below ``2⁻¹⁴`` is off by ≤ ``2⁻²⁵`` absolutely, adding ``2⁻²⁵·√d·‖c‖``),
tf32/fp32 flush-to-zero for an fp32 corpus (an absolute ``√d·‖q‖·2⁻¹²⁵ + d·2⁻¹⁴⁸``), and the
fp32 computation of ``‖c_n‖`` and ``r`` itself (a relative inflation ``1 + 4γ_{d+2} + 2⁻²⁰``).
For ``cos`` the query is normalised in fp64 and the kernel multiplies by ``inv_n = 1/‖c_n‖`` (fp64,
then rounded to fp32), so the radius is ``(eq·‖c_n‖ + ea)·inv_n ≤ (eq + ea·inv_n)(1 + 2⁻²⁴)`` (no
norm computed in the kernel) plus ``2⁻²¹·|s|`` for the fp32 rounding of ``inv_n`` and of the product.

Layers: kernel (``_topk_filter_kernel``) → launcher (:func:`topk_filter`) → the search
(:func:`exact_topk_triton`). There is no autograd. The plain-PyTorch host side (bar, radius terms,
fp64 rescoring) lives in ``topk_host.py``, which imports no Triton: the CUDA top-k path shares it. ``infembed.search`` wires it as the CUDA
backend ``INFEMBED_TOPK=triton``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import torch
import triton
import triton.language as tl

from .topk_host import (  # plain-torch host side: bar, radius, fp64 rescoring
    _prefix_bar,
    _round_down_f32,
    _round_up_f32,
    error_radius_terms,
    rescore_candidates,
)
from .utils import interpreting

__all__ = ["exact_topk_triton", "topk_filter", "error_radius_terms", "PREFIX_ROWS"]

log = logging.getLogger(__name__)

PREFIX_ROWS = 32_768  # rows scored exactly for the bar (at least 16·k); fp64 GEMM Q × S × d
RETRY_BYTES = 1 << 30  # largest candidate buffer the overflow retry may allocate before falling back


# ----------------------------------------------------------------------------------------------
# Kernel
# ----------------------------------------------------------------------------------------------


@triton.jit
def _topk_filter_kernel(
    q_ptr, c_ptr, inv_ptr, eq_ptr, ea_ptr, tau_ptr,  # in: q [Q, d], c [N, d], inv [N], eq/ea/tau [Q] fp32
    cand_s_ptr, cand_r_ptr, cand_i_ptr, count_ptr,  # out: [Q, CAP] fp32, fp32, int32; count [Q] int32
    stride_qm, stride_qk, stride_cn, stride_ck, stride_cand,  # strides
    Q, N, D, CAP, NUM_QB,  # sizes, number of query blocks
    BLOCK_Q: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr,
    COS: tl.constexpr, UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """Score one ``[BLOCK_Q, BLOCK_N]`` tile, keep ``(s, r, n)`` where ``s + r ≥ τ_q``.

    ``s = q̂·ĉ_n`` (fp32 accumulation; ``· inv_n`` under COS), ``r = eq_q·‖c_n‖ + ea_q`` (the error
    radius of the module docstring). Program ids run query blocks fastest, so the ``NUM_QB``
    programs sharing a corpus tile run together and the tile is read from HBM once.
    """
    pid = tl.program_id(0)
    pid_q = pid % NUM_QB
    pid_n = pid // NUM_QB
    offs_q = pid_q.to(tl.int64) * BLOCK_Q + tl.arange(0, BLOCK_Q).to(tl.int64)
    offs_n = pid_n.to(tl.int64) * BLOCK_N + tl.arange(0, BLOCK_N).to(tl.int64)
    mask_q = offs_q < Q
    mask_n = offs_n < N
    offs_k = tl.arange(0, BLOCK_K)
    acc = tl.zeros((BLOCK_Q, BLOCK_N), dtype=tl.float32)
    ss = tl.zeros((BLOCK_N,), dtype=tl.float32)  # Σ c_n,i² for the radius
    for k0 in range(0, D, BLOCK_K):
        kk = k0 + offs_k
        mask_k = kk < D
        qt = tl.load(q_ptr + offs_q[:, None] * stride_qm + kk[None, :] * stride_qk,
                     mask=mask_q[:, None] & mask_k[None, :], other=0.0)  # [BQ, BK]
        ct = tl.load(c_ptr + offs_n[:, None] * stride_cn + kk[None, :] * stride_ck,
                     mask=mask_n[:, None] & mask_k[None, :], other=0.0)  # [BN, BK]
        if not COS:  # cosine gets ‖c_n‖ from inv_n instead
            c32 = ct.to(tl.float32)
            ss += tl.sum(c32 * c32, axis=1)
        if UPCAST:  # the interpreter's fp16 dot is unreliable: exact fp16 values, fp32 products
            qt = qt.to(tl.float32)
            ct = ct.to(tl.float32)
        acc = tl.dot(qt, tl.trans(ct), acc, input_precision=DOT_PRECISION)
    eq = tl.load(eq_ptr + offs_q, mask=mask_q, other=0.0)
    ea = tl.load(ea_ptr + offs_q, mask=mask_q, other=0.0)
    tau = tl.load(tau_ptr + offs_q, mask=mask_q, other=0.0)
    if COS:
        # s = acc·inv_n; (eq‖c_n‖ + ea)·inv_n with ‖c_n‖·inv_n ≤ 1 + 2⁻²⁴, plus 2⁻²¹|s| for the
        # fp32 rounding of inv_n and of the product (|s| is at most the scaled |cos|)
        inv = tl.load(inv_ptr + offs_n, mask=mask_n, other=0.0)
        s = acc * inv[None, :]
        r = (eq[:, None] + ea[:, None] * inv[None, :]) * 1.000001 + tl.abs(s) * 4.8e-7  # [BQ, BN]
    else:
        s = acc
        r = eq[:, None] * tl.sqrt_rn(ss)[None, :] + ea[:, None]  # [BQ, BN]
    keep = (s + r >= tau[:, None]) & mask_q[:, None] & mask_n[None, :]
    keep_i = keep.to(tl.int32)
    cnt = tl.sum(keep_i, axis=1)  # [BQ]
    base = tl.atomic_add(count_ptr + offs_q, cnt, mask=mask_q & (cnt > 0))
    base = tl.where(cnt > 0, base, 0)
    pos = base[:, None] + tl.cumsum(keep_i, axis=1) - 1  # slot of each kept entry
    ok = keep & (pos < CAP)
    dst = offs_q[:, None] * stride_cand + pos.to(tl.int64)
    ids = (offs_n[None, :] + tl.zeros((BLOCK_Q, BLOCK_N), dtype=tl.int64)).to(tl.int32)
    tl.store(cand_s_ptr + dst, s, mask=ok)
    tl.store(cand_r_ptr + dst, r, mask=ok)
    tl.store(cand_i_ptr + dst, ids, mask=ok)


# ----------------------------------------------------------------------------------------------
# Launcher
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopkConfig:
    """Fixed meta-parameters (no autotuning on the tested kernel)."""

    block_q: int
    block_n: int
    block_k: int
    num_warps: int
    num_stages: int


def _config(n_queries: int, dtype: torch.dtype) -> TopkConfig:
    if interpreting():
        return TopkConfig(16, 16, 16, 1, 1)  # tiny shapes still span several tiles
    if n_queries <= 16:
        return TopkConfig(16, 256, 64, 4, 4)
    if n_queries <= 64:
        return TopkConfig(64, 128, 64, 4, 4)
    if dtype == torch.float32:
        return TopkConfig(128, 128, 32, 8, 3)
    return TopkConfig(128, 128, 64, 8, 3)


def topk_filter(
    q: torch.Tensor, c: torch.Tensor, inv: torch.Tensor | None, eq: torch.Tensor, ea: torch.Tensor,
    tau: torch.Tensor, cap: int,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Launch the filter kernel.

    Args:
        q: ``[Q, d]`` in the corpus dtype (fp16 for an fp16 corpus, fp32 otherwise), contiguous.
        c: ``[N, d]`` fp16 or fp32, contiguous.
        inv: ``[N]`` fp32 inverse row norms (cosine), or ``None`` (inner product).
        eq, ea, tau: ``[Q]`` fp32 radius coefficients and bars (see the module docstring).
        cap: candidate slots per query (≥ 1).

    Returns:
        ``(cand_s [Q, cap] fp32, cand_r [Q, cap] fp32, cand_i [Q, cap] int32, count [Q] int32)``;
        slots ``≥ min(count, cap)`` are unset. ``count > cap`` means the query overflowed.
    """
    Q, D = q.shape
    N = c.shape[0]
    assert q.dtype == c.dtype and q.is_contiguous() and c.is_contiguous(), "launcher invariants"
    dev = q.device
    cfg = _config(Q, c.dtype)
    cand_s = torch.empty(Q, cap, device=dev, dtype=torch.float32)
    cand_r = torch.empty(Q, cap, device=dev, dtype=torch.float32)
    cand_i = torch.empty(Q, cap, device=dev, dtype=torch.int32)
    count = torch.zeros(Q, device=dev, dtype=torch.int32)
    num_qb = triton.cdiv(Q, cfg.block_q)
    grid = (num_qb * triton.cdiv(N, cfg.block_n),)
    _topk_filter_kernel[grid](
        q, c, inv if inv is not None else eq, eq, ea, tau,
        cand_s, cand_r, cand_i, count,
        q.stride(0), q.stride(1), c.stride(0), c.stride(1), cand_s.stride(0),
        Q, N, D, cap, num_qb,
        BLOCK_Q=cfg.block_q, BLOCK_N=cfg.block_n, BLOCK_K=cfg.block_k,
        COS=inv is not None, UPCAST=interpreting() and c.dtype != torch.float32,
        DOT_PRECISION="tf32", num_warps=cfg.num_warps, num_stages=cfg.num_stages,
    )
    return cand_s, cand_r, cand_i, count


Fallback = Callable[[torch.Tensor, torch.Tensor, int, str], tuple[torch.Tensor, torch.Tensor]]


@torch.no_grad()
def exact_topk_triton(
    queries: torch.Tensor,
    corpus: torch.Tensor,
    k: int,
    metric: str = "ip",
    *,
    fallback: Fallback | None = None,
    prefix_rows: int | None = None,
    cap: int | None = None,
    retry_bytes: int = RETRY_BYTES,
    stats: dict | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Exact top-k by the fused score + threshold filter, ids identical to an fp64 reference.

    Args:
        queries: ``[Q, d]`` floating tensor (CUDA; CPU only under ``TRITON_INTERPRET=1``).
        corpus: ``[N, d]`` fp16 or fp32 on the same device (other float dtypes are cast to fp32).
        k: ``>= 1``; ``k' = min(k, N)`` results per query.
        metric: ``'ip'`` or ``'cos'`` (a zero vector has cosine 0).
        fallback: ``(queries_subset, corpus, k, metric) → (scores, ids)``, used (and logged) for
            queries whose candidates overflow beyond ``retry_bytes`` or for inputs the bound does
            not cover (cosine of fp32 rows with norm < 2⁻¹²⁶); without one those raise RuntimeError.
        prefix_rows: rows scored exactly for the bar (default ``max(PREFIX_ROWS, 16·k')``).
        cap: candidate slots per query (default from the expected ``k'·N/S``); a small cap only
            costs a retry.
        retry_bytes: largest candidate buffer the retry of overflowing queries may allocate.
        stats: if a dict, filled with ``prefix_rows``, ``cap``, ``candidates_mean``/``_max`` (rows
            passing the bar per query), ``overflowed`` (queries re-run) and ``rescored_max``.

    The corpus is not scanned for NaN/Inf (that would be one more full pass): a NaN row never
    becomes a candidate, and a corpus with enough of them raises RuntimeError.

    Returns:
        ``(scores [Q, k'] float32, ids [Q, k'] int64)`` on the input device, best first, ties
        broken by the lower id; scores are the fp64 scores rounded to fp32.

    Example:
        >>> c = torch.randn(100_000, 768, device="cuda", dtype=torch.float16)
        >>> s, i = exact_topk_triton(torch.randn(8, 768, device="cuda"), c, 10)   # [8, 10] each
    """
    if metric not in ("ip", "cos"):
        raise ValueError(f"metric must be 'ip' or 'cos', got {metric!r}")
    if queries.ndim != 2 or corpus.ndim != 2 or queries.shape[1] != corpus.shape[1]:
        raise ValueError(f"expected queries [Q, d] and corpus [N, d], got {tuple(queries.shape)} and {tuple(corpus.shape)}")
    if corpus.shape[0] == 0:
        raise ValueError("the corpus is empty (0 rows); there is nothing to search")
    if k <= 0:
        raise ValueError(f"k must be >= 1, got {k}")
    if corpus.shape[0] >= 2**31 - 1:
        raise ValueError(f"the corpus has {corpus.shape[0]} rows; the Triton path stores int32 ids (< 2^31)")
    if queries.device != corpus.device:
        raise ValueError(f"queries on {queries.device} and corpus on {corpus.device}; move them to one device")
    if not queries.is_floating_point() or not corpus.is_floating_point():
        raise TypeError(f"queries and corpus must be floating tensors, got {queries.dtype} and {corpus.dtype}")
    cos = metric == "cos"
    nq, d = queries.shape
    n = corpus.shape[0]
    kk = min(k, n)
    dev = queries.device
    if nq == 0:
        return torch.empty(0, kk, device=dev), torch.empty(0, kk, device=dev, dtype=torch.int64)
    q64 = queries.to(torch.float64)
    if not bool(torch.isfinite(q64).all()):
        raise ValueError("queries contain NaN or Inf; clean them before searching")
    c = corpus if corpus.dtype in (torch.float16, torch.float32) else corpus.to(torch.float32)
    c = c.contiguous()
    inv = None
    if cos:
        qn = q64.norm(dim=1, keepdim=True)
        q64 = torch.where(qn > 0, q64 / qn.clamp_min(1e-300), torch.zeros_like(q64))
        # [N] inverse row norms in fp64 (chunked: no fp64 copy of the corpus), rounded to fp32
        norms = torch.cat([c[i:i + 32768].double().norm(dim=1) for i in range(0, n, 32768)])
        inv64 = torch.where(norms > 0, 1.0 / norms.clamp_min(1e-300), torch.zeros_like(norms))
        if bool((inv64 > torch.finfo(torch.float32).max).any()):
            if fallback is None:
                raise RuntimeError("cosine over fp32 rows with norm < 2^-126 is outside the Triton bound")
            log.warning("Triton top-k: rows with norm < 2^-126 under cosine; using the fallback")
            return fallback(queries, corpus, k, metric)
        inv = inv64.to(torch.float32).contiguous()

    # 1. the bar: exact k-th best over a prefix (≤ the final k-th best)
    rows = min(n, max(prefix_rows if prefix_rows is not None else max(PREFIX_ROWS, 16 * kk), kk))
    bar = _prefix_bar(q64, c, kk, rows, cos)  # [Q] fp64
    # scale each query by 2^p (exact) so that its largest entry lies in [2^14, 2^15) for fp16 (away
    # from overflow and subnormals) or [1, 2) for fp32 (no overflow of fp64 queries cast to fp32)
    amax = q64.abs().amax(dim=1)
    top = 14 if c.dtype == torch.float16 else 0
    p = torch.where(amax > 0, top - torch.floor(torch.log2(amax.clamp_min(1e-300))), 0.0)
    scale = torch.pow(2.0, p)  # [Q] fp64 powers of two
    qs = q64 * scale[:, None]
    eq, ea = error_radius_terms(qs, d, c.dtype)
    eq32, ea32 = _round_up_f32(eq), _round_up_f32(ea)
    tau32 = _round_down_f32(bar * scale)
    q_in = qs.to(c.dtype).contiguous()  # the rounding the bound accounts for

    # 2. filter; re-run overflowing queries with cap = their (exact) count
    if cap is None:  # ≈ k'·N/S pass the bar (plus a band of width ~2r); 2× covers the bar's variance
        cap = int(2 * kk * n / rows) + 2 * kk + 64
    cap = max(1, min(cap, n))
    cand_s, cand_r, cand_i, count = topk_filter(q_in, c, inv, eq32, ea32, tau32, cap)
    if int(count.min()) < kk:  # internal invariant: the prefix's k rows always pass
        raise RuntimeError("Triton top-k: fewer than k candidates passed the bar: the corpus holds NaN/Inf "
                           "rows, or the error bound was violated (please report)")
    scores = torch.empty(nq, kk, device=dev, dtype=torch.float32)
    ids = torch.empty(nq, kk, device=dev, dtype=torch.int64)
    over = count > cap
    fine = ~over
    if stats is not None:
        stats.update(prefix_rows=rows, cap=cap, candidates_mean=float(count.double().mean()),
                     candidates_max=int(count.max()), overflowed=int(over.sum()))
    if bool(fine.any()):
        idx = fine.nonzero()[:, 0]
        scores[idx], ids[idx] = rescore_candidates(q64[idx], c, cand_s[idx], cand_r[idx], cand_i[idx], count[idx], kk, cos,
                                         stats)
    if bool(over.any()):
        idx = over.nonzero()[:, 0]
        cap2 = int(count[idx].max())
        if idx.numel() * cap2 * 12 <= retry_bytes:
            log.info("Triton top-k: %d queries overflowed cap=%d; retrying with cap=%d", idx.numel(), cap, cap2)
            sub = topk_filter(q_in[idx].contiguous(), c, inv, eq32[idx].contiguous(), ea32[idx].contiguous(),
                              tau32[idx].contiguous(), cap2)
            scores[idx], ids[idx] = rescore_candidates(q64[idx], c, *sub, kk, cos, stats)
        elif fallback is not None:
            log.warning("Triton top-k: %d queries need %d candidate slots (> retry_bytes); using the fallback",
                        idx.numel(), cap2)
            fs, fi = fallback(queries[idx], corpus, k, metric)
            scores[idx], ids[idx] = fs.to(dev, torch.float32), fi.to(dev, torch.int64)
        else:
            raise RuntimeError(f"Triton top-k: {idx.numel()} queries need {cap2} candidate slots each "
                               f"(> retry_bytes={retry_bytes}) and no fallback was given")
    return scores, ids
