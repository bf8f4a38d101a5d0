"""Loader for the compiled top-k backends: CUDA first, then CPU, then plain torch.

- ``cuda``: ``csrc/topk_cuda.cu`` + ``csrc/topk_cuda_binding.cpp``, compiled on first use with
  ``torch.utils.cpp_extension.load`` (only where torch has CUDA and a GPU is present).
- ``cpu``: ``infembed._topk``, the pybind11 module built by ``setup.py``.
- ``torch``: :func:`infembed.search.topk_reference` (always available; the test oracle).
- ``triton``: ``kernels/topk.py`` (fused tensor-core score + threshold filter, fp64 rescoring), for
  CUDA tensors only when forced; not the default until a GPU run has measured it against ``cuda``
  (``bench/bench_topk.py --gpu``).

``INFEMBED_TOPK=cpu|cuda|triton|torch`` forces one backend (an unavailable forced backend is an error, not a
silent fallback). Every failed load is logged with its reason and kept in :func:`load_errors`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

BACKENDS = ("cuda", "cpu", "triton", "torch")
_modules: dict[str, ModuleType | None] = {}
_errors: dict[str, str] = {}


def _csrc() -> Path:
    return Path(__file__).resolve().parent.parent / "csrc"


def cpu_module() -> ModuleType | None:
    """``infembed._topk`` or ``None`` (reason logged once)."""
    if "cpu" not in _modules:
        try:
            from infembed import _topk

            _modules["cpu"] = _topk
        except ImportError as e:
            _modules["cpu"] = None
            _errors["cpu"] = f"infembed._topk failed to import ({e}); rebuild with `pip install -e .`"
            log.warning("C++ top-k unavailable: %s", _errors["cpu"])
    return _modules["cpu"]


def cuda_module() -> ModuleType | None:
    """The JIT-built CUDA extension, or ``None`` (reason logged once)."""
    if "cuda" not in _modules:
        _modules["cuda"] = None
        try:
            import torch

            if not torch.cuda.is_available() or torch.version.cuda is None:
                _errors["cuda"] = "torch has no CUDA device"
                log.info("CUDA top-k unavailable: %s", _errors["cuda"])
                return None
            src = _csrc()
            sources = [src / "topk_cuda_binding.cpp", src / "topk_cuda.cu"]
            missing = [str(s) for s in sources if not s.is_file()]
            if missing:
                raise FileNotFoundError(f"CUDA sources not found: {missing} (install from a source checkout)")
            from torch.utils.cpp_extension import load

            _modules["cuda"] = load(
                name="infembed_topk_cuda", sources=[str(s) for s in sources], extra_include_paths=[str(src)],
                extra_cflags=["-O3"], extra_cuda_cflags=["-O3"], verbose=False)
        except Exception as e:  # a compiler/toolkit problem must not break CPU search
            _errors["cuda"] = f"{type(e).__name__}: {e}"
            log.warning("CUDA top-k unavailable: %s", _errors["cuda"])
    return _modules["cuda"]


def triton_module() -> ModuleType | None:
    """``infembed.kernels.topk`` (needs Triton), or ``None`` (reason logged once)."""
    if "triton" not in _modules:
        try:
            from infembed.kernels import topk

            _modules["triton"] = topk
        except Exception as e:  # ImportError, or a broken Triton install raising at import time
            _modules["triton"] = None
            _errors["triton"] = f"{type(e).__name__}: {e}"
            log.warning("Triton top-k unavailable: %s", _errors["triton"])
    return _modules["triton"]


def forced_backend() -> str | None:
    value = os.environ.get("INFEMBED_TOPK", "").strip().lower()
    if not value:
        return None
    if value not in BACKENDS:
        raise ValueError(f"INFEMBED_TOPK={value!r}: expected one of {', '.join(BACKENDS)} (or unset)")
    return value


def choose_backend(on_cuda: bool) -> str:
    """The backend for inputs on a CUDA device (``on_cuda``) or on the CPU, honouring the override."""
    forced = forced_backend()
    if forced == "cuda" and cuda_module() is None:
        raise RuntimeError(f"INFEMBED_TOPK=cuda but the CUDA extension is unavailable: {_errors.get('cuda')}")
    if forced == "triton" and triton_module() is None:
        raise RuntimeError(f"INFEMBED_TOPK=triton but infembed.kernels.topk is unavailable: {_errors.get('triton')}")
    if forced == "cpu" and cpu_module() is None:
        raise RuntimeError(f"INFEMBED_TOPK=cpu but infembed._topk is unavailable: {_errors.get('cpu')}")
    if forced:
        return forced
    if on_cuda and cuda_module() is not None:
        return "cuda"
    if cpu_module() is not None:
        return "cpu"
    return "torch"


def load_errors() -> dict[str, str]:
    """Why each backend that failed to load did so (``{}`` when none failed)."""
    return dict(_errors)
