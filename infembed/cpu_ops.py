"""Cheaper CPU versions of two torch functions, switched in while a training step runs.

:class:`CpuTrainingOps` is a ``TorchFunctionMode``: inside ``with CpuTrainingOps():`` every call to

* ``F.dropout`` on a CPU tensor (training, not in place) goes to :func:`infembed.fast_dropout.fast_dropout`
  (four mask elements per 64-bit random draw instead of one);
* ``F.scaled_dot_product_attention`` on the CPU (not causal, no grouped heads, a mask without
  gradient) goes to :func:`infembed.cpu_attention.cpu_attention` when it helps: with dropout on the
  attention weights, in fp32 and in bf16 (the cheaper mask; also without gradient, so the gradient
  cache's no-grad pass and its replay draw the same masks); without dropout, in bf16 when a gradient
  is needed (the matmul backward). bf16 only on CPUs with AMX or AVX512-BF16;

everything else runs unchanged. A mode rather than patched modules: it reaches every backbone that
calls these functions (``nn.Dropout`` and transformers' attention layers do), changes nothing in the
model that is saved or evaluated, and ends with the step. The trainer enters it around each step on
the CPU (``--fast-cpu-ops``, on by default); the gradient cache's replay runs inside it too, so its
dropout masks match the first pass. Activation checkpointing recomputes the forward inside backward,
where the mode is not active (torch's checkpoint then refuses the mismatched recomputation), so the
trainer does not use the mode with ``--gradient-checkpointing``.
"""

from __future__ import annotations

import functools

import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode

from .cpu_attention import cpu_attention
from .fast_dropout import fast_dropout
from .recipe import cpu_has_fast_bf16

__all__ = ["CpuTrainingOps"]

_DROPOUT_ARGS = ("input", "p", "training", "inplace")
_SDPA_ARGS = ("query", "key", "value", "attn_mask", "dropout_p", "is_causal", "scale", "enable_gqa")


def _named(names: tuple[str, ...], args: tuple, kwargs: dict) -> dict:
    return {**dict(zip(names, args)), **kwargs}


def _dropout(input, p=0.5, training=True, inplace=False):
    if input.device.type != "cpu" or inplace:
        return None
    return fast_dropout(input, p, training)


@functools.cache
def _bf16_matmuls_are_fast() -> bool:
    """AMX or AVX512-BF16: without them oneDNN's bf16 matmuls are slow and the fused backward wins
    (2.6–3.2× at L = 40–128 with oneDNN capped at AVX2; bench/RESULTS.md)."""
    return cpu_has_fast_bf16()


def _attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False):
    if not (query.device.type == "cpu" and query.dtype == key.dtype == value.dtype
            and not is_causal and not enable_gqa and query.shape[:-2] == key.shape[:-2] == value.shape[:-2]
            and (attn_mask is None or not attn_mask.requires_grad)):
        return None
    bf16_fast = query.dtype == torch.bfloat16 and _bf16_matmuls_are_fast()
    if dropout_p > 0:
        # with or without gradient: the gradient cache's no-grad pass must draw the masks its replay draws
        return cpu_attention(query, key, value, attn_mask, scale, dropout_p) if (
            query.dtype == torch.float32 or bf16_fast) else None
    needs_grad = torch.is_grad_enabled() and (query.requires_grad or key.requires_grad or value.requires_grad)
    return cpu_attention(query, key, value, attn_mask, scale) if needs_grad and bf16_fast else None


class CpuTrainingOps(TorchFunctionMode):
    """Route ``F.dropout`` and ``F.scaled_dot_product_attention`` on the CPU to the cheaper ops above
    (where the module docstring says they help) while active; counts the calls it routed in
    ``routed`` (``{"dropout": n, "attention": m}``)."""

    def __init__(self) -> None:
        super().__init__()
        self.routed = {"dropout": 0, "attention": 0}

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is F.dropout:
            out = _dropout(**_named(_DROPOUT_ARGS, args, kwargs))
            if out is not None:
                self.routed["dropout"] += 1
                return out
        elif func is F.scaled_dot_product_attention:
            out = _attention(**_named(_SDPA_ARGS, args, kwargs))
            if out is not None:
                self.routed["attention"] += 1
                return out
        return func(*args, **kwargs)
