"""Dropout with a cheaper random mask, for CPU training.

``torch.nn.functional.dropout`` on the CPU draws one random number per element from the
generator (``bernoulli_``), 5–8 ns an element on a 2-core box: about a second of a quickstart
training step (bench/RESULTS.md, "Where a CPU training step goes"). Here one 64-bit draw
(``random_`` over the full int64 range) feeds four elements: it is viewed as four uniform 16-bit
lanes, and an element is kept when its lane is at or above a threshold. The mask is about 5×
cheaper to make (1.5 ms against 7.8 ms for 1.5 M elements) and forward + backward 2× cheaper
(bench/bench_cpu_ops.py); the rest (multiply by ``keep / (1 - p)``, save the bool mask for
backward) is what ``F.dropout`` does.

Same distribution as ``F.dropout`` up to ``p`` rounded to a multiple of 1/65536 (``p = 0.1``
drops with probability 0.1000061); the scale uses that rounded ``p``, so the output stays
unbiased. The masks come from the device's default generator, so ``torch.manual_seed`` and the
gradient cache's replay (which saves and restores its state) reproduce them; they differ from
``F.dropout``'s masks for the same seed.

:class:`infembed.cpu_ops.CpuTrainingOps` routes ``F.dropout`` here while a CPU training step runs
(CUDA's fused dropout is already cheap). The reference is ``F.dropout`` (tests/test_fast_dropout.py).
"""

from __future__ import annotations

import torch

__all__ = ["LANES", "keep_scale", "keep_mask", "fast_dropout"]

LANES = 1 << 16  # values a 16-bit lane takes; p is rounded to a multiple of 1/LANES


def _threshold(p: float) -> int:
    """Lanes (of ``LANES``) that drop their element: ``round(p · 65536)``."""
    return round(p * LANES)


def keep_scale(p: float) -> float:
    """What a kept element is multiplied by: ``1 / (1 − p)`` with ``p`` rounded as :func:`keep_mask`
    rounds it (0.0 when ``p`` rounds to 1 and nothing is kept)."""
    dropped = _threshold(p)
    return LANES / (LANES - dropped) if dropped < LANES else 0.0


def keep_mask(shape: torch.Size | tuple[int, ...], p: float, device: torch.device | str = "cpu",
              generator: torch.Generator | None = None) -> torch.Tensor:
    """A bool mask of ``shape`` on ``device`` that is True with probability ``1 - round(p·65536)/65536``
    per element, independently; four elements per 64-bit draw of ``generator`` (the device's default
    one if None)."""
    numel = 1
    for size in shape:
        numel *= size
    words = torch.empty((numel + 3) // 4, dtype=torch.int64, device=device)
    words.random_(-(1 << 63), None, generator=generator)  # the full 64 bits: every lane uniform
    lanes = words.view(torch.int16)[:numel]  # [numel], uniform over [-32768, 32767]
    return (lanes >= _threshold(p) - LANES // 2).view(shape)


class _FastDropout(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x: torch.Tensor, p: float) -> torch.Tensor:
        ctx.scale = keep_scale(p)
        if ctx.scale == 0.0:  # p rounds to 1: everything dropped
            ctx.save_for_backward(None)
            return torch.zeros_like(x)
        keep = keep_mask(x.shape, p, x.device)
        ctx.save_for_backward(keep)
        return x.mul(keep).mul_(ctx.scale)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        (keep,) = ctx.saved_tensors
        if keep is None:
            return torch.zeros_like(grad), None
        return grad.mul(keep).mul_(ctx.scale), None


def fast_dropout(x: torch.Tensor, p: float = 0.5, training: bool = True) -> torch.Tensor:
    """``F.dropout(x, p, training)`` with the mask of :func:`keep_mask` (any device; meant for the CPU).

    x: [*] floating point; returns [*] of x's dtype. ``p`` in [0, 1]; 0 or ``training=False`` returns ``x``.
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, got {p}")
    if not training or p == 0.0:
        return x
    return _FastDropout.apply(x, p)

