"""Tiled InfoNCE log-sum-exp: row (and column) LSE of ``S = scale · x pᵀ`` without a ``[B, N]`` tensor.

Naive cost: ``x @ p.T`` writes ``B·N`` fp32 logits (B=32,768 × N=98,304 → 12.9 GB) and softmax
backward reads and writes them again. Here the forward streams ``p`` tiles past a block of ``x``
rows held on chip and keeps only the online max/sum per row: it writes ``4·B`` bytes (row LSE) and
``4·C`` (column LSE). The backward recomputes each score tile from the saved LSE:

    dS_ij = g_row_i · exp(S_ij − row_lse_i) + g_col_j · exp(S_ij − col_lse_j)   (j < C, i ≠ j if masked)
    dx_i  = scale · Σ_j dS_ij p_j          (``_contrastive_bwd_dx_kernel``: programs own rows of dx)
    dp_j  = scale · Σ_i dS_ij x_i          (``_contrastive_bwd_dp_kernel``: programs own rows of dp)

Both backward passes are atomic-free, so results are bitwise reproducible. FLOPs: forward
``2·B·N·d`` (+ ``2·B·C·d`` for columns), backward ``2·B·N·d`` per pass for the recompute times the
number of d-blocks of the output, plus ``2·B·N·d`` per pass for the gradient GEMM. The score-tile design follows the blockwise idea of Inf-CL (arXiv 2410.17243).

Layers: kernels (``_contrastive_*_kernel``) → launchers (``contrastive_forward``/``_backward``)
→ :class:`ContrastiveLSEFunction` → :func:`contrastive_lse`.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import triton
import triton.language as tl

from .utils import check_device, check_float_tensor, interpreting, next_pow2

__all__ = [
    "contrastive_lse",
    "contrastive_forward",
    "contrastive_backward",
    "ContrastiveLSEFunction",
]


# ----------------------------------------------------------------------------------------------
# Kernels
# ----------------------------------------------------------------------------------------------


@triton.jit
def _score_tile(
    x_ptr, p_ptr,  # pointers
    stride_xm, stride_xk, stride_pn, stride_pk,  # strides
    offs_m, offs_n, mask_m, mask_n, D,  # row/column offsets (int64) and sizes
    BLOCK_K: tl.constexpr, UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """Unscaled score tile ``x[offs_m] · p[offs_n]ᵀ`` → ``[BLOCK_M, BLOCK_N]`` fp32, K-loop over d."""
    acc = tl.zeros((offs_m.shape[0], offs_n.shape[0]), dtype=tl.float32)
    offs_k = tl.arange(0, BLOCK_K)
    for k0 in range(0, D, BLOCK_K):
        kk = k0 + offs_k
        mask_k = kk < D
        xt = tl.load(x_ptr + offs_m[:, None] * stride_xm + kk[None, :] * stride_xk,
                     mask=mask_m[:, None] & mask_k[None, :], other=0.0)  # [BM, BK]
        pt = tl.load(p_ptr + offs_n[:, None] * stride_pn + kk[None, :] * stride_pk,
                     mask=mask_n[:, None] & mask_k[None, :], other=0.0)  # [BN, BK]
        if UPCAST:  # the interpreter's bf16/fp16 dot is unreliable: do it in fp32 there
            xt = xt.to(tl.float32)
            pt = pt.to(tl.float32)
        acc = tl.dot(xt, tl.trans(pt), acc, input_precision=DOT_PRECISION)
    return acc


@triton.jit
def _contrastive_fwd_kernel(
    x_ptr, p_ptr, lse_ptr,  # pointers: x [B, d], p [N, d], row_lse [B] fp32
    stride_xm, stride_xk, stride_pn, stride_pk,  # strides
    B, N, D, scale,  # sizes, logit scale
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr,
    UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """row_lse_i = log Σ_{j<N} exp(scale · x_i·p_j), online over column tiles (one program per row block)."""
    pid = tl.program_id(0)
    offs_m = pid.to(tl.int64) * BLOCK_M + tl.arange(0, BLOCK_M).to(tl.int64)
    mask_m = offs_m < B
    m_i = tl.full((BLOCK_M,), float("-inf"), dtype=tl.float32)  # running max
    l_i = tl.zeros((BLOCK_M,), dtype=tl.float32)  # running Σ exp(s − m)
    for n0 in range(0, N, BLOCK_N):
        offs_n = n0 + tl.arange(0, BLOCK_N).to(tl.int64)
        mask_n = offs_n < N
        s = _score_tile(x_ptr, p_ptr, stride_xm, stride_xk, stride_pn, stride_pk,
                        offs_m, offs_n, mask_m, mask_n, D, BLOCK_K, UPCAST, DOT_PRECISION)
        s = tl.where(mask_n[None, :], s * scale, float("-inf"))  # [BM, BN]
        m_new = tl.maximum(m_i, tl.max(s, axis=1))  # finite: every tile has a valid column
        alpha = tl.exp(m_i - m_new)
        l_i = l_i * alpha + tl.sum(tl.exp(s - m_new[:, None]), axis=1)
        m_i = m_new
    tl.store(lse_ptr + offs_m, m_i + tl.log(l_i), mask=mask_m)


@triton.jit
def _contrastive_fwd_col_kernel(
    x_ptr, p_ptr, lse_ptr,  # pointers: x [B, d], p [N, d], col_lse [C] fp32
    stride_xm, stride_xk, stride_pn, stride_pk,  # strides
    B, C, D, scale,  # sizes (C = min(B, N) columns), logit scale
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr,
    MASK_DIAG: tl.constexpr, UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """col_lse_j = log Σ_{i<B, i≠j if MASK_DIAG} exp(S_ij) for j < C (one program per column block).

    A column may be empty (B = 1 with the diagonal masked): its LSE is −inf like ``torch.logsumexp``.
    """
    pid = tl.program_id(0)
    offs_n = pid.to(tl.int64) * BLOCK_N + tl.arange(0, BLOCK_N).to(tl.int64)
    mask_n = offs_n < C
    m_j = tl.full((BLOCK_N,), float("-inf"), dtype=tl.float32)
    l_j = tl.zeros((BLOCK_N,), dtype=tl.float32)
    for m0 in range(0, B, BLOCK_M):
        offs_m = m0 + tl.arange(0, BLOCK_M).to(tl.int64)
        mask_m = offs_m < B
        s = _score_tile(x_ptr, p_ptr, stride_xm, stride_xk, stride_pn, stride_pk,
                        offs_m, offs_n, mask_m, mask_n, D, BLOCK_K, UPCAST, DOT_PRECISION)
        keep = mask_m[:, None]
        if MASK_DIAG:
            keep = keep & (offs_m[:, None] != offs_n[None, :])
        s = tl.where(keep, s * scale, float("-inf"))  # [BM, BN]
        m_new = tl.maximum(m_j, tl.max(s, axis=0))
        m_safe = tl.where(m_new == float("-inf"), 0.0, m_new)  # all-masked so far: avoid −inf − −inf
        l_j = l_j * tl.exp(m_j - m_safe) + tl.sum(tl.exp(s - m_safe[None, :]), axis=0)
        m_j = m_new
    lse = tl.where(l_j > 0, m_j + tl.log(tl.where(l_j > 0, l_j, 1.0)), float("-inf"))
    tl.store(lse_ptr + offs_n, lse, mask=mask_n)


@triton.jit
def _grad_scores_tile(
    s, offs_m, offs_n, mask_m, mask_n,  # raw score tile [BM, BN] fp32 and its offsets
    row_lse_ptr, g_row_ptr, col_lse_ptr, g_col_ptr, C, scale,
    HAS_COLS: tl.constexpr, MASK_DIAG: tl.constexpr,
):
    """dS tile (w.r.t. the *scaled* scores) from the saved LSE and upstream grads → [BM, BN] fp32."""
    s = s * scale
    row_lse = tl.load(row_lse_ptr + offs_m, mask=mask_m, other=0.0)
    g_row = tl.load(g_row_ptr + offs_m, mask=mask_m, other=0.0)
    valid = mask_m[:, None] & mask_n[None, :]
    ds = tl.where(valid, g_row[:, None] * tl.exp(s - row_lse[:, None]), 0.0)
    if HAS_COLS:
        in_c = offs_n < C
        col_lse = tl.load(col_lse_ptr + offs_n, mask=in_c, other=0.0)
        col_lse = tl.where(col_lse == float("-inf"), 0.0, col_lse)  # empty column: no entries count
        g_col = tl.load(g_col_ptr + offs_n, mask=in_c, other=0.0)
        keep = mask_m[:, None] & in_c[None, :]
        if MASK_DIAG:
            keep = keep & (offs_m[:, None] != offs_n[None, :])
        ds += tl.where(keep, g_col[None, :] * tl.exp(s - col_lse[None, :]), 0.0)
    return ds


@triton.jit
def _contrastive_bwd_dx_kernel(
    x_ptr, p_ptr, dx_ptr,  # pointers: x [B, d], p [N, d], dx [B, d]
    row_lse_ptr, g_row_ptr, col_lse_ptr, g_col_ptr,  # [B], [B], [C], [C] fp32
    stride_xm, stride_xk, stride_pn, stride_pk, stride_dxm, stride_dxk,  # strides
    B, N, C, D, scale,  # sizes, logit scale
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr, BLOCK_D: tl.constexpr,
    HAS_COLS: tl.constexpr, MASK_DIAG: tl.constexpr, UPCAST: tl.constexpr,
    DOT_PRECISION: tl.constexpr,
):
    """dx[rows, dcols] = scale · Σ_j dS[rows, j] p[j, dcols]; program (row block, d block) owns its tile."""
    pid_m = tl.program_id(0)
    pid_d = tl.program_id(1)
    offs_m = pid_m.to(tl.int64) * BLOCK_M + tl.arange(0, BLOCK_M).to(tl.int64)
    offs_d = pid_d.to(tl.int64) * BLOCK_D + tl.arange(0, BLOCK_D).to(tl.int64)
    mask_m = offs_m < B
    mask_d = offs_d < D
    acc = tl.zeros((BLOCK_M, BLOCK_D), dtype=tl.float32)
    for n0 in range(0, N, BLOCK_N):
        offs_n = n0 + tl.arange(0, BLOCK_N).to(tl.int64)
        mask_n = offs_n < N
        s = _score_tile(x_ptr, p_ptr, stride_xm, stride_xk, stride_pn, stride_pk,
                        offs_m, offs_n, mask_m, mask_n, D, BLOCK_K, UPCAST, DOT_PRECISION)
        ds = _grad_scores_tile(s, offs_m, offs_n, mask_m, mask_n, row_lse_ptr, g_row_ptr,
                               col_lse_ptr, g_col_ptr, C, scale, HAS_COLS, MASK_DIAG)
        pt = tl.load(p_ptr + offs_n[:, None] * stride_pn + offs_d[None, :] * stride_pk,
                     mask=mask_n[:, None] & mask_d[None, :], other=0.0)  # [BN, BD]
        if UPCAST:
            pt = pt.to(tl.float32)
        acc = tl.dot(ds.to(pt.dtype), pt, acc, input_precision=DOT_PRECISION)
    acc = acc * scale
    tl.store(dx_ptr + offs_m[:, None] * stride_dxm + offs_d[None, :] * stride_dxk,
             acc.to(dx_ptr.dtype.element_ty), mask=mask_m[:, None] & mask_d[None, :])


@triton.jit
def _contrastive_bwd_dp_kernel(
    x_ptr, p_ptr, dp_ptr,  # pointers: x [B, d], p [N, d], dp [N, d]
    row_lse_ptr, g_row_ptr, col_lse_ptr, g_col_ptr,  # [B], [B], [C], [C] fp32
    stride_xm, stride_xk, stride_pn, stride_pk, stride_dpn, stride_dpk,  # strides
    B, N, C, D, scale,  # sizes, logit scale
    BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr, BLOCK_K: tl.constexpr, BLOCK_D: tl.constexpr,
    HAS_COLS: tl.constexpr, MASK_DIAG: tl.constexpr, UPCAST: tl.constexpr,
    DOT_PRECISION: tl.constexpr,
):
    """dp[cols, dcols] = scale · Σ_i dS[i, cols] x[i, dcols]; program (column block, d block) owns its tile."""
    pid_n = tl.program_id(0)
    pid_d = tl.program_id(1)
    offs_n = pid_n.to(tl.int64) * BLOCK_N + tl.arange(0, BLOCK_N).to(tl.int64)
    offs_d = pid_d.to(tl.int64) * BLOCK_D + tl.arange(0, BLOCK_D).to(tl.int64)
    mask_n = offs_n < N
    mask_d = offs_d < D
    acc = tl.zeros((BLOCK_N, BLOCK_D), dtype=tl.float32)
    for m0 in range(0, B, BLOCK_M):
        offs_m = m0 + tl.arange(0, BLOCK_M).to(tl.int64)
        mask_m = offs_m < B
        s = _score_tile(x_ptr, p_ptr, stride_xm, stride_xk, stride_pn, stride_pk,
                        offs_m, offs_n, mask_m, mask_n, D, BLOCK_K, UPCAST, DOT_PRECISION)
        ds = _grad_scores_tile(s, offs_m, offs_n, mask_m, mask_n, row_lse_ptr, g_row_ptr,
                               col_lse_ptr, g_col_ptr, C, scale, HAS_COLS, MASK_DIAG)
        xt = tl.load(x_ptr + offs_m[:, None] * stride_xm + offs_d[None, :] * stride_xk,
                     mask=mask_m[:, None] & mask_d[None, :], other=0.0)  # [BM, BD]
        if UPCAST:
            xt = xt.to(tl.float32)
        acc = tl.dot(tl.trans(ds.to(xt.dtype)), xt, acc, input_precision=DOT_PRECISION)
    acc = acc * scale
    tl.store(dp_ptr + offs_n[:, None] * stride_dpn + offs_d[None, :] * stride_dpk,
             acc.to(dp_ptr.dtype.element_ty), mask=mask_n[:, None] & mask_d[None, :])


# ----------------------------------------------------------------------------------------------
# Launchers
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContrastiveConfig:
    """Fixed meta-parameters (no autotuning: one config per dtype keeps runs reproducible)."""

    block_m: int
    block_n: int
    block_k: int
    block_d: int  # d-tile of the dx/dp outputs (the score tile is recomputed once per d-tile)
    num_warps: int
    num_stages: int


def _config(dtype: torch.dtype, d: int) -> ContrastiveConfig:
    if interpreting():
        # Small tiles so that tiny test shapes still span several tiles in every dimension.
        return ContrastiveConfig(16, 16, 16, 16, 1, 1)
    block_d = min(256, max(16, next_pow2(d)))
    if dtype == torch.float32:
        return ContrastiveConfig(64, 64, 32, min(block_d, 128), 4, 2)
    return ContrastiveConfig(128, 64, 64, block_d, 8, 3)


def _meta(dtype: torch.dtype) -> dict:
    return {
        "UPCAST": interpreting() and dtype != torch.float32,
        # fp32 inputs: true fp32 products (tl.dot would otherwise use TF32 on Ampere+).
        "DOT_PRECISION": "ieee" if dtype == torch.float32 else "tf32",
    }


def _check_inputs(x: torch.Tensor, p: torch.Tensor, scale: float) -> None:
    check_float_tensor("x", x, 2)
    check_float_tensor("p", p, 2)
    if x.dtype != p.dtype:
        raise TypeError(f"x and p must share a dtype, got {x.dtype} and {p.dtype}; cast one of them")
    if x.shape[1] != p.shape[1]:
        raise ValueError(f"x [B, d] and p [N, d] must share d, got {tuple(x.shape)} and {tuple(p.shape)}")
    if x.shape[0] == 0 or p.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"empty input: x {tuple(x.shape)}, p {tuple(p.shape)}")
    check_device(("x", x), ("p", p))
    if not isinstance(scale, (int, float)) or not (scale == scale) or scale in (float("inf"), float("-inf")):
        raise ValueError(f"scale must be a finite Python number (1/temperature), got {scale!r}")


def contrastive_forward(
    x: torch.Tensor,
    p: torch.Tensor,
    scale: float,
    *,
    with_cols: bool = False,
    mask_diagonal_in_cols: bool = False,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Launch the forward kernels. ``x [B, d]``, ``p [N, d]`` → ``(row_lse [B] fp32, col_lse [C] fp32 | None)``."""
    _check_inputs(x, p, scale)
    x, p = x.contiguous(), p.contiguous()
    B, D = x.shape
    N = p.shape[0]
    cfg = _config(x.dtype, D)
    meta = _meta(x.dtype)
    row_lse = torch.empty(B, device=x.device, dtype=torch.float32)
    _contrastive_fwd_kernel[(triton.cdiv(B, cfg.block_m),)](
        x, p, row_lse,
        x.stride(0), x.stride(1), p.stride(0), p.stride(1),
        B, N, D, float(scale),
        BLOCK_M=cfg.block_m, BLOCK_N=cfg.block_n, BLOCK_K=cfg.block_k,
        num_warps=cfg.num_warps, num_stages=cfg.num_stages, **meta,
    )
    if not with_cols:
        return row_lse, None
    C = min(B, N)
    col_lse = torch.empty(C, device=x.device, dtype=torch.float32)
    # Column pass: the transposed problem, rows of x streamed past a block of p columns.
    _contrastive_fwd_col_kernel[(triton.cdiv(C, cfg.block_n),)](
        x, p, col_lse,
        x.stride(0), x.stride(1), p.stride(0), p.stride(1),
        B, C, D, float(scale),
        BLOCK_M=cfg.block_m, BLOCK_N=cfg.block_n, BLOCK_K=cfg.block_k,
        MASK_DIAG=bool(mask_diagonal_in_cols),
        num_warps=cfg.num_warps, num_stages=cfg.num_stages, **meta,
    )
    return row_lse, col_lse


def contrastive_backward(
    x: torch.Tensor,
    p: torch.Tensor,
    scale: float,
    row_lse: torch.Tensor,
    g_row: torch.Tensor | None,
    col_lse: torch.Tensor | None = None,
    g_col: torch.Tensor | None = None,
    *,
    mask_diagonal_in_cols: bool = False,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Launch the two atomic-free backward kernels → ``(dx [B, d], dp [N, d])`` in the input dtype.

    ``g_row [B]`` / ``g_col [C]`` are the upstream gradients of ``row_lse`` / ``col_lse`` (None = 0).
    """
    _check_inputs(x, p, scale)
    x, p = x.contiguous(), p.contiguous()
    B, D = x.shape
    N = p.shape[0]
    C = min(B, N)
    has_cols = col_lse is not None and g_col is not None
    f32 = {"device": x.device, "dtype": torch.float32}
    g_row = torch.zeros(B, **f32) if g_row is None else g_row.to(**f32).contiguous()
    if has_cols:
        col_lse = col_lse.to(**f32).contiguous()
        g_col = g_col.to(**f32).contiguous()
    else:  # dummies, never read (HAS_COLS=False)
        col_lse = g_col = row_lse
    row_lse = row_lse.to(**f32).contiguous()
    cfg = _config(x.dtype, D)
    meta = _meta(x.dtype)
    dx = torch.empty_like(x)
    dp = torch.empty_like(p)
    n_dblk = triton.cdiv(D, cfg.block_d)
    common = dict(
        # 64-row blocks in the backward: the [BLOCK_M, BLOCK_D] fp32 accumulator lives in registers.
        BLOCK_M=min(cfg.block_m, 64), BLOCK_N=cfg.block_n, BLOCK_K=cfg.block_k, BLOCK_D=cfg.block_d,
        HAS_COLS=has_cols, MASK_DIAG=bool(mask_diagonal_in_cols) and has_cols,
        num_warps=cfg.num_warps, num_stages=cfg.num_stages, **meta,
    )
    _contrastive_bwd_dx_kernel[(triton.cdiv(B, common["BLOCK_M"]), n_dblk)](
        x, p, dx, row_lse, g_row, col_lse, g_col,
        x.stride(0), x.stride(1), p.stride(0), p.stride(1), dx.stride(0), dx.stride(1),
        B, N, C, D, float(scale), **common,
    )
    _contrastive_bwd_dp_kernel[(triton.cdiv(N, cfg.block_n), n_dblk)](
        x, p, dp, row_lse, g_row, col_lse, g_col,
        x.stride(0), x.stride(1), p.stride(0), p.stride(1), dp.stride(0), dp.stride(1),
        B, N, C, D, float(scale), **common,
    )
    return dx, dp


# ----------------------------------------------------------------------------------------------
# Autograd and functional
# ----------------------------------------------------------------------------------------------


class ContrastiveLSEFunction(torch.autograd.Function):
    """Autograd wrapper: saves ``x``, ``p`` and the fp32 LSE vectors only (O((B + N)·d) memory)."""

    @staticmethod
    def forward(ctx, x, p, scale, with_cols, mask_diagonal_in_cols):
        row_lse, col_lse = contrastive_forward(
            x, p, scale, with_cols=with_cols, mask_diagonal_in_cols=mask_diagonal_in_cols
        )
        if col_lse is None:
            ctx.save_for_backward(x, p, row_lse)
        else:
            ctx.save_for_backward(x, p, row_lse, col_lse)
        ctx.scale = scale
        ctx.mask_diag = mask_diagonal_in_cols
        return row_lse, col_lse

    @staticmethod
    def backward(ctx, g_row, g_col):
        x, p, row_lse, *rest = ctx.saved_tensors
        col_lse = rest[0] if rest else None
        if not (ctx.needs_input_grad[0] or ctx.needs_input_grad[1]):
            return None, None, None, None, None
        dx, dp = contrastive_backward(
            x, p, ctx.scale, row_lse, g_row, col_lse, g_col, mask_diagonal_in_cols=ctx.mask_diag
        )
        return (dx if ctx.needs_input_grad[0] else None,
                dp if ctx.needs_input_grad[1] else None, None, None, None)


def contrastive_lse(
    x: torch.Tensor,
    p: torch.Tensor,
    scale: float,
    *,
    with_cols: bool = False,
    mask_diagonal_in_cols: bool = False,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Fused row/column log-sum-exp of ``S = scale · x pᵀ``, differentiable in ``x`` and ``p``.

    Same contract as :func:`kernels.reference.contrastive_lse_reference`, without the ``[B, N]``
    matrix in forward or backward.

    Args:
        x: ``[B, d]`` fp32/fp16/bf16, CUDA (or CPU under ``TRITON_INTERPRET=1``).
        p: ``[N, d]`` same dtype/device.
        scale: logit scale ``1/τ`` (Python float).
        with_cols: also return the LSE of columns ``j < C = min(B, N)`` over rows ``i < B``.
        mask_diagonal_in_cols: leave ``S[j, j]`` out of column ``j`` (the *uni* variants).

    Returns:
        ``(row_lse [B] fp32, col_lse [C] fp32 or None)``.

    Example:
        >>> x, p = torch.randn(4096, 768, device="cuda"), torch.randn(8192, 768, device="cuda")
        >>> row, _ = contrastive_lse(x.bfloat16(), p.bfloat16(), 20.0)
        >>> loss = (row - 20.0 * (x * p[:4096]).sum(1)).mean()   # InfoNCE with positives p[:B]
    """
    return ContrastiveLSEFunction.apply(x, p, float(scale), bool(with_cols), bool(mask_diagonal_in_cols))
