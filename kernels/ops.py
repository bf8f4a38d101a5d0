"""Public entry points of the fused ops: each dispatches on its inputs.

CUDA tensors go to the Triton kernel when Triton is importable, everything else to the reference
in ``reference.py``; ``INFEMBED_FORCE_REFERENCE=1`` forces the reference everywhere.
"""

from __future__ import annotations

import torch

from .reference import contrastive_lse_reference, iq_attention_reference
from .utils import use_triton

__all__ = ["contrastive_lse", "iq_attention"]


def contrastive_lse(
    x: torch.Tensor,
    p: torch.Tensor,
    scale: float,
    *,
    with_cols: bool = False,
    mask_diagonal_in_cols: bool = False,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Row/column log-sum-exp of ``scale · x pᵀ`` without keeping ``[B, N]`` (on CUDA).

    Same contract as :func:`reference.contrastive_lse_reference`; differentiable in ``x`` and ``p``.
    """
    if use_triton(x, p):
        from .contrastive import contrastive_lse as fused

        return fused(x, p, scale, with_cols=with_cols, mask_diagonal_in_cols=mask_diagonal_in_cols)
    return contrastive_lse_reference(
        x, p, scale, with_cols=with_cols, mask_diagonal_in_cols=mask_diagonal_in_cols
    )


def iq_attention(
    h_i: torch.Tensor, mask_i: torch.Tensor, h_q: torch.Tensor, mask_q: torch.Tensor
) -> torch.Tensor:
    """Instruction→query attention + masked mean, ``[B, L_I, d] × [B, L_Q, d] → [B, d]``.

    Same contract as :func:`reference.iq_attention_reference`; differentiable in both inputs.
    """
    if use_triton(h_i, h_q):
        from .iq_attention import iq_attention as fused

        return fused(h_i, mask_i, h_q, mask_q)
    return iq_attention_reference(h_i, mask_i, h_q, mask_q)
