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


def interpreting() -> bool:
    """True when Triton runs its CPU interpreter (``TRITON_INTERPRET=1``).

    Triton 3.x reads ``TRITON_INTERPRET`` when ``@triton.jit`` *decorates* a kernel, i.e. when
    ``infembed.kernels.contrastive`` / ``iq_attention`` are first imported: the variable must be set
    before that import (tests set it at the top of their module). Under the interpreter the
    launchers accept CPU tensors and use small tiles; on GPU they require CUDA tensors.
    """
    return os.environ.get("TRITON_INTERPRET", "0") not in ("", "0", "false", "False")


def next_pow2(n: int) -> int:
    """Smallest power of two ≥ ``n`` (≥ 1); Triton block sizes must be powers of two."""
    return 1 << max(0, int(n) - 1).bit_length()


_FLOAT_DTYPES = (torch.float32, torch.float16, torch.bfloat16)


def check_float_tensor(name: str, t: object, ndim: int) -> torch.Tensor:
    """Boundary check shared by the launchers: a floating tensor of ``ndim`` dims, fp32/fp16/bf16."""
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
    if t.dim() != ndim:
        raise ValueError(f"{name} must have {ndim} dims, got shape {tuple(t.shape)}")
    if t.dtype not in _FLOAT_DTYPES:
        raise TypeError(
            f"{name} has dtype {t.dtype}; the Triton kernels take float32, float16 or bfloat16 "
            "(cast with .float() or .to(torch.bfloat16), or use the reference in kernels.reference)"
        )
    return t


def check_device(*named: tuple[str, torch.Tensor]) -> None:
    """All tensors on one device, and that device usable by Triton (CUDA, or CPU under the interpreter)."""
    devices = {t.device for _, t in named}
    if len(devices) != 1:
        listing = ", ".join(f"{n} on {t.device}" for n, t in named)
        raise ValueError(f"inputs must be on one device, got {listing}; move them with .to(device)")
    dev = next(iter(devices))
    if dev.type != "cuda" and not interpreting():
        raise ValueError(
            f"the Triton kernels need CUDA tensors, got {dev}; use the dispatching functions in "
            "infembed.kernels (they fall back to the reference), or set TRITON_INTERPRET=1 before "
            "importing the kernel module to run the interpreter on CPU"
        )
