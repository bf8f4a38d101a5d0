"""Settings helpers shared by the kernels: when to use Triton."""

from __future__ import annotations

import functools
import os

import torch


@functools.cache
def triton_available() -> bool:
    try:
        import triton  # noqa: F401
    except Exception:  # ImportError, or a broken install raising at import time
        return False
    return True


def force_reference() -> bool:
    return os.environ.get("INFEMBED_FORCE_REFERENCE", "0") not in ("", "0", "false", "False")


def use_triton(*tensors: torch.Tensor) -> bool:
    """True when every tensor is on CUDA, Triton imports and the reference is not forced."""
    return (
        not force_reference()
        and all(t.is_cuda for t in tensors)
        and triton_available()
    )
