"""Shared pytest-benchmark helpers for ``bench/bench_<op>.py``.

- ``sync(fn)``: wraps a target so every timed call ends with ``torch.cuda.synchronize()`` (GPU work
  is asynchronous; without it the timer measures the launch only).
- ``provider``: the fixture parametrising ``torch`` (eager reference) against ``triton`` (fused);
  ``cpp`` is available for files that ask for it with ``@pytest.mark.parametrize("provider", ...)``.
- ``record(benchmark, ...)``: ``extra_info`` fields — device, versions, dtype, shape, and the
  achieved TFLOP/s or GB/s derived from the median of the run and a stated FLOP/byte count.

Run: ``pytest bench/bench_kernels.py --benchmark-json out.json`` (results are not committed).
"""

from __future__ import annotations

import platform
from collections.abc import Callable

import pytest
import torch

PROVIDERS = ("torch", "triton")


def sync(fn: Callable[[], object]) -> Callable[[], object]:
    """The target as timed: ``fn()`` then a device synchronisation when CUDA is in use."""
    if not torch.cuda.is_available():
        return fn

    def target():
        out = fn()
        torch.cuda.synchronize()
        return out

    return target


def device_name() -> str:
    if torch.cuda.is_available():
        return torch.cuda.get_device_name()
    return f"cpu ({platform.processor() or platform.machine()})"


def versions() -> dict:
    info = {"torch": torch.__version__}
    try:
        import triton

        info["triton"] = triton.__version__
    except Exception:  # noqa: BLE001 - triton is optional for the torch provider
        info["triton"] = None
    if torch.cuda.is_available():
        info["cuda"] = torch.version.cuda
    return info


def median(benchmark) -> float | None:
    """The benchmark's median time in s, or ``None`` under ``--benchmark-disable`` (a smoke run that
    only checks the code runs measures nothing)."""
    return benchmark.stats.stats.median if benchmark.stats else None


def record(benchmark, *, dtype: torch.dtype, shape: dict, flops: float | None = None,
           bytes_moved: float | None = None, formula: str = "") -> None:
    """Fill ``benchmark.extra_info`` after ``benchmark(...)`` ran: rates use the median time."""
    med = median(benchmark)
    info = benchmark.extra_info
    if med is None:
        info["benchmark_disabled"] = True
        return
    median_s = med
    info.update(device=device_name(), dtype=str(dtype).replace("torch.", ""), **versions(), **shape)
    if flops is not None:
        info["tflops"] = flops / median_s / 1e12
    if bytes_moved is not None:
        info["gbps"] = bytes_moved / median_s / 1e9
    if formula:
        info["formula"] = formula


def needs(provider: str) -> None:
    """Skip a provider that cannot run here (Triton needs CUDA; the interpreter is not a benchmark)."""
    if provider == "triton" and not torch.cuda.is_available():
        pytest.skip("the triton provider needs a CUDA device")


@pytest.fixture(params=PROVIDERS)
def provider(request) -> str:
    needs(request.param)
    return request.param
