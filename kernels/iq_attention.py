"""Fused instruction→query attention + masked mean over instruction tokens (InF-Embed's iq_attention mode).

    S = H_I H_Qᵀ / √d  (masked over invalid query tokens),  P = softmax_q(S),
    out = (1/n_I) Σ_{valid i} P_i H_Q  =  wᵀ H_Q   with   w_q = (1/n_I) Σ_{valid i} P_iq.

The rewrite ``out = wᵀ H_Q`` is what lets the forward skip the ``[B, L_I, d]`` tensor Z: the mean
over instruction tokens commutes with the product by ``H_Q``. Backward, with ``g = ∂L/∂out[b]``
and ``u_q = H_Q[q]·g``:

    dP_iq = u_q / n_I                                  (the same for every valid i)
    dS_iq = P_iq (u_q − c_i) / n_I,   c_i = Σ_q P_iq u_q
    dH_I  = dS H_Q / √d,              dH_Q = dSᵀ H_I / √d + w gᵀ

Naive eager memory traffic per batch row: S and P (``L_I·L_Q`` fp32, twice each way) and Z
(``L_I·d``) plus their gradients; here only ``lse [B, L_I]``, ``w``/``u [B, L_Q]`` and ``c [B, L_I]``
(fp32, tiny) go to global memory besides the inputs, outputs and gradients. Every kernel owns the
tiles it writes (no atomics), so results are bitwise reproducible.

Layers: kernels (``_iq_*_kernel``) → launchers (``iq_attention_forward``/``_backward``)
→ :class:`IQAttentionFunction` → :func:`iq_attention`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import triton
import triton.language as tl

from .utils import check_device, check_float_tensor, interpreting

__all__ = ["iq_attention", "iq_attention_forward", "iq_attention_backward", "IQAttentionFunction"]


# ----------------------------------------------------------------------------------------------
# Kernels (all pointers to [B, L, d] tensors are contiguous: strides (L·d, d, 1) are passed anyway)
# ----------------------------------------------------------------------------------------------


@triton.jit
def _iq_scores(
    hi_ptr, hq_ptr,  # pointers already offset to batch row b
    stride_il, stride_ql,  # token strides (feature stride is 1)
    offs_i, offs_q, ok_i, ok_q, D, sm_scale,  # token offsets/validity, feature size, 1/√d
    BLOCK_K: tl.constexpr, UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """``S = H_I[offs_i] · H_Q[offs_q]ᵀ / √d`` → ``[BLOCK_I, BLOCK_Q]`` fp32; padded tokens load as 0."""
    acc = tl.zeros((offs_i.shape[0], offs_q.shape[0]), dtype=tl.float32)
    offs_k = tl.arange(0, BLOCK_K)
    for k0 in range(0, D, BLOCK_K):
        kk = k0 + offs_k
        mk = kk < D
        a = tl.load(hi_ptr + offs_i[:, None] * stride_il + kk[None, :], mask=ok_i[:, None] & mk[None, :], other=0.0)
        b = tl.load(hq_ptr + offs_q[:, None] * stride_ql + kk[None, :], mask=ok_q[:, None] & mk[None, :], other=0.0)
        if UPCAST:
            a = a.to(tl.float32)
            b = b.to(tl.float32)
        acc = tl.dot(a, tl.trans(b), acc, input_precision=DOT_PRECISION)
    return acc * sm_scale


@triton.jit
def _iq_token_mask(m_ptr, offs, L):
    """Validity of tokens ``offs`` of one batch row: inside ``L`` and mask ≠ 0."""
    inside = offs < L
    return inside & (tl.load(m_ptr + offs, mask=inside, other=0.0) != 0.0)


@triton.jit
def _iq_probs(s, lse_ptr, offs_i, ok_i, ok_q):
    """``P = exp(S − lse_i)`` on valid (i, q), 0 elsewhere (an empty row has lse = −inf)."""
    lse = tl.load(lse_ptr + offs_i, mask=ok_i, other=0.0)
    lse = tl.where(lse == float("-inf"), 0.0, lse)
    return tl.where(ok_i[:, None] & ok_q[None, :], tl.exp(s - lse[:, None]), 0.0)


@triton.jit
def _iq_fwd_lse_kernel(
    hi_ptr, hq_ptr, mi_ptr, mq_ptr, lse_ptr,  # pointers: H_I, H_Q, masks [B, L] fp32, lse [B, L_I]
    stride_ib, stride_il, stride_qb, stride_ql,  # strides
    L_I, L_Q, D, sm_scale,  # sizes, 1/√d
    BLOCK_I: tl.constexpr, BLOCK_Q: tl.constexpr, BLOCK_K: tl.constexpr,
    UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """lse[b, i] = log Σ_{valid q} exp(S_iq) for every instruction token (grid: B × i-blocks)."""
    b = tl.program_id(0).to(tl.int64)
    offs_i = tl.program_id(1).to(tl.int64) * BLOCK_I + tl.arange(0, BLOCK_I).to(tl.int64)
    hi_b = hi_ptr + b * stride_ib
    hq_b = hq_ptr + b * stride_qb
    ok_i = _iq_token_mask(mi_ptr + b * L_I, offs_i, L_I)
    m_i = tl.full((BLOCK_I,), float("-inf"), dtype=tl.float32)
    l_i = tl.zeros((BLOCK_I,), dtype=tl.float32)
    for q0 in range(0, L_Q, BLOCK_Q):
        offs_q = q0 + tl.arange(0, BLOCK_Q).to(tl.int64)
        ok_q = _iq_token_mask(mq_ptr + b * L_Q, offs_q, L_Q)
        s = _iq_scores(hi_b, hq_b, stride_il, stride_ql, offs_i, offs_q, ok_i, ok_q, D, sm_scale,
                       BLOCK_K, UPCAST, DOT_PRECISION)
        s = tl.where(ok_q[None, :], s, float("-inf"))
        m_new = tl.maximum(m_i, tl.max(s, axis=1))
        m_safe = tl.where(m_new == float("-inf"), 0.0, m_new)  # no valid query token yet
        l_i = l_i * tl.exp(m_i - m_safe) + tl.sum(tl.exp(s - m_safe[:, None]), axis=1)
        m_i = m_new
    lse = tl.where(l_i > 0, m_i + tl.log(tl.where(l_i > 0, l_i, 1.0)), float("-inf"))
    tl.store(lse_ptr + b * L_I + offs_i, lse, mask=offs_i < L_I)


@triton.jit
def _iq_fwd_w_kernel(
    hi_ptr, hq_ptr, mi_ptr, mq_ptr, lse_ptr, row_scale_ptr, w_ptr,  # row_scale = has_q / max(n_I, 1)
    stride_ib, stride_il, stride_qb, stride_ql,  # strides
    L_I, L_Q, D, sm_scale,  # sizes, 1/√d
    BLOCK_I: tl.constexpr, BLOCK_Q: tl.constexpr, BLOCK_K: tl.constexpr,
    UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """w[b, q] = row_scale[b] · Σ_{valid i} P_iq (grid: B × q-blocks)."""
    b = tl.program_id(0).to(tl.int64)
    offs_q = tl.program_id(1).to(tl.int64) * BLOCK_Q + tl.arange(0, BLOCK_Q).to(tl.int64)
    hi_b = hi_ptr + b * stride_ib
    hq_b = hq_ptr + b * stride_qb
    ok_q = _iq_token_mask(mq_ptr + b * L_Q, offs_q, L_Q)
    acc = tl.zeros((BLOCK_Q,), dtype=tl.float32)
    for i0 in range(0, L_I, BLOCK_I):
        offs_i = i0 + tl.arange(0, BLOCK_I).to(tl.int64)
        ok_i = _iq_token_mask(mi_ptr + b * L_I, offs_i, L_I)
        s = _iq_scores(hi_b, hq_b, stride_il, stride_ql, offs_i, offs_q, ok_i, ok_q, D, sm_scale,
                       BLOCK_K, UPCAST, DOT_PRECISION)
        acc += tl.sum(_iq_probs(s, lse_ptr + b * L_I, offs_i, ok_i, ok_q), axis=0)
    w = acc * tl.load(row_scale_ptr + b)
    tl.store(w_ptr + b * L_Q + offs_q, w, mask=offs_q < L_Q)


@triton.jit
def _iq_fwd_out_kernel(
    hq_ptr, w_ptr, out_ptr,  # H_Q [B, L_Q, d], w [B, L_Q] fp32, out [B, d]
    stride_qb, stride_ql, stride_ob,  # strides
    L_Q, D,  # sizes
    BLOCK_Q: tl.constexpr, BLOCK_D: tl.constexpr,
):
    """out[b, dblk] = Σ_q w[b, q] H_Q[b, q, dblk] (grid: B × d-blocks)."""
    b = tl.program_id(0).to(tl.int64)
    offs_d = tl.program_id(1).to(tl.int64) * BLOCK_D + tl.arange(0, BLOCK_D).to(tl.int64)
    md = offs_d < D
    acc = tl.zeros((BLOCK_D,), dtype=tl.float32)
    for q0 in range(0, L_Q, BLOCK_Q):
        offs_q = q0 + tl.arange(0, BLOCK_Q).to(tl.int64)
        mq = offs_q < L_Q
        w = tl.load(w_ptr + b * L_Q + offs_q, mask=mq, other=0.0)
        h = tl.load(hq_ptr + b * stride_qb + offs_q[:, None] * stride_ql + offs_d[None, :],
                    mask=mq[:, None] & md[None, :], other=0.0).to(tl.float32)
        acc += tl.sum(w[:, None] * h, axis=0)
    tl.store(out_ptr + b * stride_ob + offs_d, acc.to(out_ptr.dtype.element_ty), mask=md)


@triton.jit
def _iq_bwd_u_kernel(
    hq_ptr, mq_ptr, g_ptr, u_ptr,  # H_Q, mask_q, g_out [B, d] fp32, u [B, L_Q] fp32
    stride_qb, stride_ql, stride_gb,  # strides
    L_Q, D,  # sizes
    BLOCK_Q: tl.constexpr, BLOCK_D: tl.constexpr,
):
    """u[b, q] = H_Q[b, q] · g[b] on valid query tokens, 0 on padding (grid: B × q-blocks)."""
    b = tl.program_id(0).to(tl.int64)
    offs_q = tl.program_id(1).to(tl.int64) * BLOCK_Q + tl.arange(0, BLOCK_Q).to(tl.int64)
    ok_q = _iq_token_mask(mq_ptr + b * L_Q, offs_q, L_Q)
    acc = tl.zeros((BLOCK_Q,), dtype=tl.float32)
    for d0 in range(0, D, BLOCK_D):
        offs_d = d0 + tl.arange(0, BLOCK_D).to(tl.int64)
        md = offs_d < D
        h = tl.load(hq_ptr + b * stride_qb + offs_q[:, None] * stride_ql + offs_d[None, :],
                    mask=ok_q[:, None] & md[None, :], other=0.0).to(tl.float32)
        g = tl.load(g_ptr + b * stride_gb + offs_d, mask=md, other=0.0)
        acc += tl.sum(h * g[None, :], axis=1)
    tl.store(u_ptr + b * L_Q + offs_q, acc, mask=offs_q < L_Q)


@triton.jit
def _iq_bwd_c_kernel(
    hi_ptr, hq_ptr, mi_ptr, mq_ptr, lse_ptr, u_ptr, c_ptr,  # c [B, L_I] fp32
    stride_ib, stride_il, stride_qb, stride_ql,  # strides
    L_I, L_Q, D, sm_scale,  # sizes, 1/√d
    BLOCK_I: tl.constexpr, BLOCK_Q: tl.constexpr, BLOCK_K: tl.constexpr,
    UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """c[b, i] = Σ_q P_iq u_q (grid: B × i-blocks)."""
    b = tl.program_id(0).to(tl.int64)
    offs_i = tl.program_id(1).to(tl.int64) * BLOCK_I + tl.arange(0, BLOCK_I).to(tl.int64)
    hi_b = hi_ptr + b * stride_ib
    hq_b = hq_ptr + b * stride_qb
    ok_i = _iq_token_mask(mi_ptr + b * L_I, offs_i, L_I)
    acc = tl.zeros((BLOCK_I,), dtype=tl.float32)
    for q0 in range(0, L_Q, BLOCK_Q):
        offs_q = q0 + tl.arange(0, BLOCK_Q).to(tl.int64)
        ok_q = _iq_token_mask(mq_ptr + b * L_Q, offs_q, L_Q)
        s = _iq_scores(hi_b, hq_b, stride_il, stride_ql, offs_i, offs_q, ok_i, ok_q, D, sm_scale,
                       BLOCK_K, UPCAST, DOT_PRECISION)
        p = _iq_probs(s, lse_ptr + b * L_I, offs_i, ok_i, ok_q)
        u = tl.load(u_ptr + b * L_Q + offs_q, mask=offs_q < L_Q, other=0.0)
        acc += tl.sum(p * u[None, :], axis=1)
    tl.store(c_ptr + b * L_I + offs_i, acc, mask=offs_i < L_I)


@triton.jit
def _iq_bwd_dhi_kernel(
    hi_ptr, hq_ptr, mi_ptr, mq_ptr, lse_ptr, u_ptr, c_ptr, row_scale_ptr, dhi_ptr,  # dhi like H_I
    stride_ib, stride_il, stride_qb, stride_ql,  # strides (dhi shares H_I's)
    L_I, L_Q, D, sm_scale,  # sizes, 1/√d
    BLOCK_I: tl.constexpr, BLOCK_Q: tl.constexpr, BLOCK_K: tl.constexpr, BLOCK_D: tl.constexpr,
    UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """dH_I[b, iblk, dblk] = Σ_q dS_iq H_Q[q, dblk] / √d (grid: B × i-blocks × d-blocks)."""
    b = tl.program_id(0).to(tl.int64)
    offs_i = tl.program_id(1).to(tl.int64) * BLOCK_I + tl.arange(0, BLOCK_I).to(tl.int64)
    offs_d = tl.program_id(2).to(tl.int64) * BLOCK_D + tl.arange(0, BLOCK_D).to(tl.int64)
    md = offs_d < D
    hi_b = hi_ptr + b * stride_ib
    hq_b = hq_ptr + b * stride_qb
    ok_i = _iq_token_mask(mi_ptr + b * L_I, offs_i, L_I)
    c = tl.load(c_ptr + b * L_I + offs_i, mask=offs_i < L_I, other=0.0)
    row_scale = tl.load(row_scale_ptr + b)
    acc = tl.zeros((BLOCK_I, BLOCK_D), dtype=tl.float32)
    for q0 in range(0, L_Q, BLOCK_Q):
        offs_q = q0 + tl.arange(0, BLOCK_Q).to(tl.int64)
        ok_q = _iq_token_mask(mq_ptr + b * L_Q, offs_q, L_Q)
        s = _iq_scores(hi_b, hq_b, stride_il, stride_ql, offs_i, offs_q, ok_i, ok_q, D, sm_scale,
                       BLOCK_K, UPCAST, DOT_PRECISION)
        p = _iq_probs(s, lse_ptr + b * L_I, offs_i, ok_i, ok_q)
        u = tl.load(u_ptr + b * L_Q + offs_q, mask=offs_q < L_Q, other=0.0)
        ds = p * (u[None, :] - c[:, None]) * row_scale  # [BI, BQ]
        h = tl.load(hq_b + offs_q[:, None] * stride_ql + offs_d[None, :],
                    mask=ok_q[:, None] & md[None, :], other=0.0)  # [BQ, BD]
        if UPCAST:
            h = h.to(tl.float32)
        acc = tl.dot(ds.to(h.dtype), h, acc, input_precision=DOT_PRECISION)
    acc = acc * sm_scale
    tl.store(dhi_ptr + b * stride_ib + offs_i[:, None] * stride_il + offs_d[None, :],
             acc.to(dhi_ptr.dtype.element_ty), mask=(offs_i < L_I)[:, None] & md[None, :])


@triton.jit
def _iq_bwd_dhq_kernel(
    hi_ptr, hq_ptr, mi_ptr, mq_ptr, lse_ptr, u_ptr, c_ptr, row_scale_ptr, w_ptr, g_ptr, dhq_ptr,
    stride_ib, stride_il, stride_qb, stride_ql, stride_gb,  # strides (dhq shares H_Q's)
    L_I, L_Q, D, sm_scale,  # sizes, 1/√d
    BLOCK_I: tl.constexpr, BLOCK_Q: tl.constexpr, BLOCK_K: tl.constexpr, BLOCK_D: tl.constexpr,
    UPCAST: tl.constexpr, DOT_PRECISION: tl.constexpr,
):
    """dH_Q[b, qblk, dblk] = Σ_i dS_iq H_I[i, dblk] / √d + w_q g[dblk] (grid: B × q-blocks × d-blocks)."""
    b = tl.program_id(0).to(tl.int64)
    offs_q = tl.program_id(1).to(tl.int64) * BLOCK_Q + tl.arange(0, BLOCK_Q).to(tl.int64)
    offs_d = tl.program_id(2).to(tl.int64) * BLOCK_D + tl.arange(0, BLOCK_D).to(tl.int64)
    md = offs_d < D
    hi_b = hi_ptr + b * stride_ib
    hq_b = hq_ptr + b * stride_qb
    ok_q = _iq_token_mask(mq_ptr + b * L_Q, offs_q, L_Q)
    u = tl.load(u_ptr + b * L_Q + offs_q, mask=offs_q < L_Q, other=0.0)
    row_scale = tl.load(row_scale_ptr + b)
    acc = tl.zeros((BLOCK_Q, BLOCK_D), dtype=tl.float32)
    for i0 in range(0, L_I, BLOCK_I):
        offs_i = i0 + tl.arange(0, BLOCK_I).to(tl.int64)
        ok_i = _iq_token_mask(mi_ptr + b * L_I, offs_i, L_I)
        s = _iq_scores(hi_b, hq_b, stride_il, stride_ql, offs_i, offs_q, ok_i, ok_q, D, sm_scale,
                       BLOCK_K, UPCAST, DOT_PRECISION)
        p = _iq_probs(s, lse_ptr + b * L_I, offs_i, ok_i, ok_q)
        c = tl.load(c_ptr + b * L_I + offs_i, mask=offs_i < L_I, other=0.0)
        ds = p * (u[None, :] - c[:, None]) * row_scale  # [BI, BQ]
        h = tl.load(hi_b + offs_i[:, None] * stride_il + offs_d[None, :],
                    mask=ok_i[:, None] & md[None, :], other=0.0)  # [BI, BD]
        if UPCAST:
            h = h.to(tl.float32)
        acc = tl.dot(tl.trans(ds.to(h.dtype)), h, acc, input_precision=DOT_PRECISION)
    w = tl.load(w_ptr + b * L_Q + offs_q, mask=offs_q < L_Q, other=0.0)  # 0 on padded q
    g = tl.load(g_ptr + b * stride_gb + offs_d, mask=md, other=0.0)
    acc = acc * sm_scale + w[:, None] * g[None, :]
    tl.store(dhq_ptr + b * stride_qb + offs_q[:, None] * stride_ql + offs_d[None, :],
             acc.to(dhq_ptr.dtype.element_ty), mask=(offs_q < L_Q)[:, None] & md[None, :])


# ----------------------------------------------------------------------------------------------
# Launchers
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IQConfig:
    """Fixed meta-parameters (tiles over instruction tokens, query tokens, the d-loop and d-outputs)."""

    block_i: int
    block_q: int
    block_k: int
    block_d: int
    num_warps: int


def _config() -> IQConfig:
    if interpreting():
        return IQConfig(16, 16, 16, 16, 1)  # tiny test shapes still span several tiles
    return IQConfig(64, 32, 64, 128, 4)


def _meta(dtype: torch.dtype) -> dict:
    return {
        "UPCAST": interpreting() and dtype != torch.float32,
        "DOT_PRECISION": "ieee" if dtype == torch.float32 else "tf32",
    }


def _check_inputs(h_i, mask_i, h_q, mask_q) -> None:
    check_float_tensor("h_i", h_i, 3)
    check_float_tensor("h_q", h_q, 3)
    if h_i.dtype != h_q.dtype:
        raise TypeError(f"h_i and h_q must share a dtype, got {h_i.dtype} and {h_q.dtype}")
    B, L_I, D = h_i.shape
    if h_q.shape[0] != B or h_q.shape[2] != D:
        raise ValueError(f"h_i [B, L_I, d] and h_q [B, L_Q, d] disagree: {tuple(h_i.shape)} vs {tuple(h_q.shape)}")
    for name, m, L in (("mask_i", mask_i, L_I), ("mask_q", mask_q, h_q.shape[1])):
        if not isinstance(m, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(m).__name__}")
        if tuple(m.shape) != (B, L):
            raise ValueError(f"{name} must have shape {(B, L)} (1 = real token, 0 = padding), got {tuple(m.shape)}")
    if D == 0 or L_I == 0 or h_q.shape[1] == 0:
        raise ValueError(f"empty input: h_i {tuple(h_i.shape)}, h_q {tuple(h_q.shape)}")
    check_device(("h_i", h_i), ("mask_i", mask_i), ("h_q", h_q), ("mask_q", mask_q))


@dataclass
class IQSaved:
    """What the forward keeps for the backward besides the inputs (all fp32, O(B·L))."""

    mi: torch.Tensor  # [B, L_I] 0/1
    mq: torch.Tensor  # [B, L_Q] 0/1
    lse: torch.Tensor  # [B, L_I]
    w: torch.Tensor  # [B, L_Q]
    row_scale: torch.Tensor  # [B] has_q / max(n_I, 1)


def iq_attention_forward(
    h_i: torch.Tensor, mask_i: torch.Tensor, h_q: torch.Tensor, mask_q: torch.Tensor
) -> tuple[torch.Tensor, IQSaved]:
    """Launch the forward kernels → ``(out [B, d] in h_i's dtype, saved fp32 state for the backward)``."""
    _check_inputs(h_i, mask_i, h_q, mask_q)
    h_i, h_q = h_i.contiguous(), h_q.contiguous()
    B, L_I, D = h_i.shape
    L_Q = h_q.shape[1]
    mi = (mask_i != 0).to(torch.float32).contiguous()  # [B, L_I]
    mq = (mask_q != 0).to(torch.float32).contiguous()  # [B, L_Q]
    has_q = (mq.sum(1) > 0).to(torch.float32)  # [B]
    row_scale = (has_q / mi.sum(1).clamp(min=1.0)).contiguous()  # [B]
    cfg, meta = _config(), _meta(h_i.dtype)
    sm_scale = 1.0 / math.sqrt(D)
    lse = torch.empty(B, L_I, device=h_i.device, dtype=torch.float32)
    w = torch.empty(B, L_Q, device=h_i.device, dtype=torch.float32)
    out = torch.empty(B, D, device=h_i.device, dtype=h_i.dtype)
    strides = (h_i.stride(0), h_i.stride(1), h_q.stride(0), h_q.stride(1))
    tiles = dict(BLOCK_I=cfg.block_i, BLOCK_Q=cfg.block_q, BLOCK_K=cfg.block_k, num_warps=cfg.num_warps, **meta)
    _iq_fwd_lse_kernel[(B, triton.cdiv(L_I, cfg.block_i))](
        h_i, h_q, mi, mq, lse, *strides, L_I, L_Q, D, sm_scale, **tiles)
    _iq_fwd_w_kernel[(B, triton.cdiv(L_Q, cfg.block_q))](
        h_i, h_q, mi, mq, lse, row_scale, w, *strides, L_I, L_Q, D, sm_scale, **tiles)
    _iq_fwd_out_kernel[(B, triton.cdiv(D, cfg.block_d))](
        h_q, w, out, h_q.stride(0), h_q.stride(1), out.stride(0), L_Q, D,
        BLOCK_Q=cfg.block_q, BLOCK_D=cfg.block_d, num_warps=cfg.num_warps)
    return out, IQSaved(mi, mq, lse, w, row_scale)


def iq_attention_backward(
    h_i: torch.Tensor, h_q: torch.Tensor, saved: IQSaved, g_out: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Launch the backward kernels: ``g_out [B, d]`` → ``(dH_I [B, L_I, d], dH_Q [B, L_Q, d])``."""
    h_i, h_q = h_i.contiguous(), h_q.contiguous()
    B, L_I, D = h_i.shape
    L_Q = h_q.shape[1]
    g = g_out.to(torch.float32).contiguous()  # [B, d]
    cfg, meta = _config(), _meta(h_i.dtype)
    sm_scale = 1.0 / math.sqrt(D)
    u = torch.empty(B, L_Q, device=h_i.device, dtype=torch.float32)
    c = torch.empty(B, L_I, device=h_i.device, dtype=torch.float32)
    dhi = torch.empty_like(h_i)
    dhq = torch.empty_like(h_q)
    strides = (h_i.stride(0), h_i.stride(1), h_q.stride(0), h_q.stride(1))
    tiles = dict(BLOCK_I=cfg.block_i, BLOCK_Q=cfg.block_q, BLOCK_K=cfg.block_k, num_warps=cfg.num_warps, **meta)
    n_d = triton.cdiv(D, cfg.block_d)
    _iq_bwd_u_kernel[(B, triton.cdiv(L_Q, cfg.block_q))](
        h_q, saved.mq, g, u, h_q.stride(0), h_q.stride(1), g.stride(0), L_Q, D,
        BLOCK_Q=cfg.block_q, BLOCK_D=cfg.block_d, num_warps=cfg.num_warps)
    _iq_bwd_c_kernel[(B, triton.cdiv(L_I, cfg.block_i))](
        h_i, h_q, saved.mi, saved.mq, saved.lse, u, c, *strides, L_I, L_Q, D, sm_scale, **tiles)
    _iq_bwd_dhi_kernel[(B, triton.cdiv(L_I, cfg.block_i), n_d)](
        h_i, h_q, saved.mi, saved.mq, saved.lse, u, c, saved.row_scale, dhi, *strides,
        L_I, L_Q, D, sm_scale, BLOCK_D=cfg.block_d, **tiles)
    _iq_bwd_dhq_kernel[(B, triton.cdiv(L_Q, cfg.block_q), n_d)](
        h_i, h_q, saved.mi, saved.mq, saved.lse, u, c, saved.row_scale, saved.w, g, dhq, *strides,
        g.stride(0), L_I, L_Q, D, sm_scale, BLOCK_D=cfg.block_d, **tiles)
    return dhi, dhq


# ----------------------------------------------------------------------------------------------
# Autograd and functional
# ----------------------------------------------------------------------------------------------


class IQAttentionFunction(torch.autograd.Function):
    """Autograd wrapper: saves the inputs and O(B·(L_I + L_Q)) fp32 state; masks get no gradient."""

    @staticmethod
    def forward(ctx, h_i, mask_i, h_q, mask_q):
        out, saved = iq_attention_forward(h_i, mask_i, h_q, mask_q)
        ctx.save_for_backward(h_i, h_q, saved.mi, saved.mq, saved.lse, saved.w, saved.row_scale)
        return out

    @staticmethod
    def backward(ctx, g_out):
        h_i, h_q, mi, mq, lse, w, row_scale = ctx.saved_tensors
        if not (ctx.needs_input_grad[0] or ctx.needs_input_grad[2]):
            return None, None, None, None
        dhi, dhq = iq_attention_backward(h_i, h_q, IQSaved(mi, mq, lse, w, row_scale), g_out)
        return (dhi if ctx.needs_input_grad[0] else None, None,
                dhq if ctx.needs_input_grad[2] else None, None)


def iq_attention(
    h_i: torch.Tensor, mask_i: torch.Tensor, h_q: torch.Tensor, mask_q: torch.Tensor
) -> torch.Tensor:
    """Fused instruction→query attention + masked mean, differentiable in ``h_i`` and ``h_q``.

    Same contract as :func:`kernels.reference.iq_attention_reference` (masks are read as
    ``mask != 0``), without ``[B, L_I, L_Q]`` or ``[B, L_I, d]`` in global memory.

    Args:
        h_i: ``[B, L_I, d]`` instruction token states, fp32/fp16/bf16, CUDA.
        mask_i: ``[B, L_I]`` 1 for real instruction tokens, 0 for padding (bool/int/float).
        h_q: ``[B, L_Q, d]`` query token states, same dtype/device.
        mask_q: ``[B, L_Q]`` 1 for real query tokens.

    Returns:
        ``[B, d]`` in ``h_i``'s dtype (fp32 accumulation); zero for a row with no valid query or
        instruction token.

    Example:
        >>> h_i = torch.randn(8, 64, 768, device="cuda", dtype=torch.bfloat16)
        >>> h_q = torch.randn(8, 32, 768, device="cuda", dtype=torch.bfloat16)
        >>> iq_attention(h_i, torch.ones(8, 64, device="cuda"), h_q, torch.ones(8, 32, device="cuda")).shape
        torch.Size([8, 768])
    """
    return IQAttentionFunction.apply(h_i, mask_i, h_q, mask_q)
