"""Scaled dot-product attention for training on the CPU: a matmul backward, and a cheaper dropout mask.

Two slow cases of PyTorch's CPU attention (bench/RESULTS.md, "bf16 training on the CPU: attention
backward and dropout"):

* **bf16 backward.** ``_scaled_dot_product_flash_attention_for_cpu``'s backward takes 55–125 ms per
  call for MiniLM's [48, 12, L, 32] against 3–6 ms for the forward: 31% of a quickstart training
  step. Without dropout this op keeps the fused forward and does the backward as five batched
  matmuls, recomputing the probabilities in fp32: 4–6× faster for L ≤ 80, 2× at L = 128. (In fp32
  the fused backward is as fast or faster, so :mod:`infembed.cpu_ops` routes only bf16 calls here.)
* **Dropout on the attention weights** (``dropout_p > 0``, the reference recipe's 0.1) sends PyTorch
  to its math path, whose mask takes one generator draw per element. Here the forward is the same
  math with the mask of :func:`infembed.fast_dropout.keep_mask` (four elements per 64-bit draw),
  kept as bool for the backward.

With ``S = scale · q kᵀ + mask``, ``P = softmax(S)``, ``D = keep / (1 − p)`` (1 without dropout),
``O = (P ⊙ D) v`` and ``dO`` the incoming gradient, the backward is::

    dv = (P ⊙ D)ᵀ dO        dP = (dO vᵀ) ⊙ D        dS = P ⊙ (dP − rowsum(dP ⊙ P))
    dq = scale · dS k        dk = scale · dSᵀ q

``P`` and ``dS`` are at least fp32 (cast to the input dtype only as matmul operands); rows that the mask
hides entirely get zero gradient. The reference is plain attention under autograd, in float64, with
the same dropout mask (tests/test_cpu_attention.py).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from .fast_dropout import keep_mask, keep_scale

__all__ = ["cpu_attention"]


def _probs(query, key, attn_mask, scale, acc):
    """P = softmax(scale · q kᵀ + mask) in ``acc`` precision: [*, Lq, Lk] (a fully masked row is 0)."""
    scores = torch.matmul(query, key.transpose(-1, -2)).to(acc).mul_(scale)  # [*, Lq, Lk]
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))
        else:
            scores = scores + attn_mask  # broadcasts; a new tensor if the mask is the larger
    probs = torch.softmax(scores, dim=-1)
    return probs.nan_to_num_(0.0) if attn_mask is not None else probs


class _CpuAttention(torch.autograd.Function):
    @staticmethod
    def forward(ctx, query, key, value, attn_mask, scale, dropout_p):
        ctx.scale, ctx.drop_scale = scale, 1.0
        if dropout_p == 0.0:
            out = F.scaled_dot_product_attention(query, key, value, attn_mask=attn_mask, scale=scale)
            ctx.save_for_backward(query, key, value, attn_mask, None)
            return out
        acc = torch.promote_types(query.dtype, torch.float32)
        probs = _probs(query, key, attn_mask, scale, acc)
        keep = keep_mask(probs.shape, dropout_p, probs.device)  # [*, Lq, Lk]
        ctx.drop_scale = keep_scale(dropout_p)
        ctx.save_for_backward(query, key, value, attn_mask, keep)
        return torch.matmul(probs.mul_(keep).mul_(ctx.drop_scale).to(query.dtype), value)

    @staticmethod
    def backward(ctx, grad_out):
        query, key, value, attn_mask, keep = ctx.saved_tensors
        scale, dtype = ctx.scale, query.dtype
        acc = torch.promote_types(dtype, torch.float32)  # fp32 for bf16 / fp16 (fp64 stays fp64: gradcheck)
        probs = _probs(query, key, attn_mask, scale, acc)  # [*, Lq, Lk]
        grad_probs = torch.matmul(grad_out, value.transpose(-1, -2)).to(acc)  # [*, Lq, Lk]
        if keep is None:
            kept = probs.to(dtype)
        else:
            kept = (probs * keep).mul_(ctx.drop_scale).to(dtype)
            grad_probs = grad_probs.mul_(keep).mul_(ctx.drop_scale)
        grad_value = torch.matmul(kept.transpose(-1, -2), grad_out)  # [*, Lk, Dv]
        # P ⊙ (dP − rowsum(dP ⊙ P)) in one pass; with dP's own rounding, so a single key gets exactly 0
        grad_scores = torch._softmax_backward_data(grad_probs, probs, -1, acc).mul_(scale).to(dtype)
        grad_query = torch.matmul(grad_scores, key)
        grad_key = torch.matmul(grad_scores.transpose(-1, -2), query)
        return grad_query, grad_key, grad_value, None, None, None


def cpu_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                  attn_mask: torch.Tensor | None = None, scale: float | None = None,
                  dropout_p: float = 0.0) -> torch.Tensor:
    """``F.scaled_dot_product_attention(query, key, value, attn_mask, dropout_p, scale=scale)`` (not
    causal) with the matmul backward and, for ``dropout_p > 0``, the dropout mask described above.

    query: [*, Lq, D]; key: [*, Lk, D]; value: [*, Lk, Dv], the same leading dims (no broadcasting,
    no grouped heads); attn_mask: None, or broadcastable to [*, Lq, Lk], bool (True = attend) or
    additive float, without gradient; dropout_p in [0, 1). Returns [*, Lq, Dv].
    """
    if attn_mask is not None and attn_mask.requires_grad:
        raise ValueError("cpu_attention: attn_mask must not require grad (use F.scaled_dot_product_attention)")
    if not (0.0 <= dropout_p < 1.0 and keep_scale(dropout_p) > 0.0):  # also refuses nan and p that rounds to 1
        raise ValueError(f"cpu_attention: dropout_p must be in [0, 1), got {dropout_p}")
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    return _CpuAttention.apply(query, key, value, attn_mask, scale, dropout_p)
