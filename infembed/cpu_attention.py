"""Scaled dot-product attention for bf16 training on the CPU: PyTorch's fused forward, a matmul backward.

Under bf16 autocast PyTorch's CPU attention backward (``_scaled_dot_product_flash_attention_for_cpu``'s
backward) is slow: for MiniLM's [48, 12, L, 32] it takes 55–125 ms per call against 3–6 ms for the
forward, and 31% of a quickstart training step went there (bench/RESULTS.md, "bf16 training on the
CPU: attention backward and dropout"). This op keeps the fused forward and does the backward as
five batched matmuls, like the unfused math path would, recomputing the probabilities in fp32:
4–6× faster for L ≤ 80, 2× at L = 128. In fp32 the fused backward is as fast or faster, so
:mod:`infembed.cpu_ops` routes only bf16 calls here.

The backward, with ``S = scale · q kᵀ + mask``, ``P = softmax(S)``, ``O = P v`` and ``dO`` the
incoming gradient::

    dv = Pᵀ dO        dP = dO vᵀ        dS = P ⊙ (dP − rowsum(dP ⊙ P))
    dq = scale · dS k        dk = scale · dSᵀ q

``P`` and ``dS`` are at least fp32 (cast to the input dtype only as matmul operands); rows that the mask
hides entirely get zero gradient. The reference is ``F.scaled_dot_product_attention`` under autograd
(tests/test_cpu_attention.py).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

__all__ = ["cpu_attention"]


class _CpuAttention(torch.autograd.Function):
    @staticmethod
    def forward(ctx, query, key, value, attn_mask, scale):
        out = F.scaled_dot_product_attention(query, key, value, attn_mask=attn_mask, scale=scale)
        ctx.save_for_backward(query, key, value, attn_mask)
        ctx.scale = scale
        return out

    @staticmethod
    def backward(ctx, grad_out):
        query, key, value, attn_mask = ctx.saved_tensors
        scale, dtype = ctx.scale, query.dtype
        acc = torch.promote_types(dtype, torch.float32)  # fp32 for bf16 / fp16 (fp64 stays fp64: gradcheck)
        scores = torch.matmul(query, key.transpose(-1, -2)).to(acc).mul_(scale)  # [*, Lq, Lk]
        if attn_mask is not None:
            if attn_mask.dtype == torch.bool:
                scores = scores.masked_fill(~attn_mask, float("-inf"))
            else:
                scores = scores + attn_mask  # broadcasts; a new tensor if the mask is the larger
        probs = torch.softmax(scores, dim=-1)
        if attn_mask is not None:
            probs = probs.nan_to_num_(0.0)  # a row with every key masked: no gradient through it
        grad_value = torch.matmul(probs.to(dtype).transpose(-1, -2), grad_out)  # [*, Lk, Dv]
        grad_probs = torch.matmul(grad_out, value.transpose(-1, -2)).to(acc)  # [*, Lq, Lk]
        # P ⊙ (dP − rowsum(dP ⊙ P)) in one pass; with dP's own rounding, so a single key gets exactly 0
        grad_scores = torch._softmax_backward_data(grad_probs, probs, -1, acc).mul_(scale).to(dtype)
        grad_query = torch.matmul(grad_scores, key)
        grad_key = torch.matmul(grad_scores.transpose(-1, -2), query)
        return grad_query, grad_key, grad_value, None, None


def cpu_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                  attn_mask: torch.Tensor | None = None, scale: float | None = None) -> torch.Tensor:
    """``F.scaled_dot_product_attention(query, key, value, attn_mask, scale=scale)`` (no dropout, not
    causal) with the matmul backward described above.

    query: [*, Lq, D]; key: [*, Lk, D]; value: [*, Lk, Dv], the same leading dims (no broadcasting,
    no grouped heads); attn_mask: None, or broadcastable to [*, Lq, Lk], bool (True = attend) or
    additive float, without gradient. Returns [*, Lq, Dv].
    """
    if attn_mask is not None and attn_mask.requires_grad:
        raise ValueError("cpu_attention: attn_mask must not require grad (use F.scaled_dot_product_attention)")
    if scale is None:
        scale = 1.0 / math.sqrt(query.shape[-1])
    return _CpuAttention.apply(query, key, value, attn_mask, scale)
