"""Triton exact top-k (kernels/topk.py) against a float64 NumPy reference, ties included.

Without CUDA the kernel runs in Triton's CPU interpreter (tiny shapes, 16-wide tiles):
``conftest.import_for_interpreter`` sets ``TRITON_INTERPRET`` before the kernel module is imported
(or reloads it, and then the backend cache of ``infembed._ext`` is dropped too).
``prefix_rows=16`` makes the bar come from a strict prefix of the corpus, so the filter, the
bound-based pruning and the fp64 rescoring all do real work at these sizes.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import numpy as np
import pytest
import torch
from conftest import import_for_interpreter, np_reference

from infembed import _ext
from infembed.search import exact_topk, topk_reference

K = import_for_interpreter("infembed.kernels.topk", "_topk_filter_kernel")
if _ext._modules.get("triton") not in (None, K):  # cached before a reload: use the interpreted module
    _ext._modules.pop("triton")
DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


def run(q: np.ndarray, c: np.ndarray, k: int, metric: str = "ip", **kw):
    s, i = K.exact_topk_triton(torch.from_numpy(q).to(DEVICE), torch.from_numpy(c).to(DEVICE), k, metric, **kw)
    return s.cpu().numpy(), i.cpu().numpy()


SHAPES = [  # (Q, N, d, k): one row, smaller than a tile, several tiles, ragged d, k > N
    (1, 1, 8, 1),
    (1, 37, 33, 10),
    (5, 300, 8, 10),
    (17, 300, 33, 1),
    (5, 37, 33, 40),
    (17, 37, 8, 10),
    (5, 300, 33, 303),
]


@pytest.mark.parametrize("metric", ["ip", "cos"])
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
def test_matches_fp64_reference(shape, dtype, metric):
    Q, N, d, k = shape
    rng = np.random.default_rng(Q * 1000 + N + d)
    q = rng.standard_normal((Q, d)).astype(np.float32)
    c = rng.standard_normal((N, d)).astype(dtype)
    s, i = run(q, c, k, metric, prefix_rows=16)
    ref_s, ref_i = np_reference(q, c, k, metric)
    np.testing.assert_array_equal(i, ref_i)
    np.testing.assert_allclose(s, ref_s, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_default_prefix_and_cap_fp64_queries_of_any_magnitude(dtype):
    """Queries are scaled by powers of two before the fp16/tf32 rounding: huge, tiny and fp64 queries."""
    rng = np.random.default_rng(3)
    q = rng.standard_normal((4, 24)) * np.array([[1e6], [1e-6], [300.0], [1.0]])  # fp64
    c = rng.standard_normal((200, 24)).astype(dtype)
    for metric in ("ip", "cos"):
        np.testing.assert_array_equal(run(q, c, 7, metric)[1], np_reference(q, c, 7, metric)[1])


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("metric", ["ip", "cos"])
def test_exact_ties_break_by_lower_id(dtype, metric):
    rng = np.random.default_rng(12)
    base = rng.integers(-3, 4, size=(60, 19)).astype(dtype)
    base[5] = 0  # a zero row: cosine 0
    c = np.concatenate([base, base[::-1], base])  # exact duplicates spread over tiles
    q = rng.integers(-3, 4, size=(6, 19)).astype(np.float32)
    q[0] = 0  # every score 0: the k lowest ids
    _, i = run(q, c, 25, metric, prefix_rows=16)
    np.testing.assert_array_equal(i, np_reference(q, c, 25, metric)[1])
    assert i[0].tolist() == list(range(25))


def _near_tie_case():
    """Rows b (ids 20-22) outrank rows a (ids 23-25) once the query is rounded to fp16, but a wins
    in exact arithmetic by ≈ 1e-5; ids 0-19 are far below and form the bar's prefix."""
    d = 8
    q = np.zeros((1, d), np.float32)
    q[0, 0], q[0, 1] = 1 + 0.49 * 2**-10, 1 - 0.52 * 2**-10
    a = np.zeros(d, np.float16)
    a[0] = 1
    b = np.zeros(d, np.float16)
    b[1] = 1 + 2**-10
    c = np.concatenate([-np.ones((20, d), np.float16), np.stack([b] * 3 + [a] * 3)])
    return q, c


def test_near_ties_below_fp16_resolution_need_the_radius():
    q, c = _near_tie_case()
    approx = q.astype(np.float16).astype(np.float32) @ c.astype(np.float32).T
    assert approx[0, 20] > approx[0, 23]  # the negative control: the rounded scores pick b
    _, ref_i = np_reference(q, c, 3)
    assert ref_i.tolist() == [[23, 24, 25]]
    np.testing.assert_array_equal(run(q, c, 3, prefix_rows=16)[1], ref_i)


def _check_radius(Q: int, N: int, d: int, dtype, metric: str, seed: int) -> None:
    """Every kernel score lies within its radius of the exact (fp64) score (τ = −inf: all rows kept)."""
    rng = np.random.default_rng(seed)
    q = rng.standard_normal((Q, d)) * rng.uniform(0.01, 100, (Q, 1))
    c = (rng.standard_normal((N, d)) * rng.uniform(0.01, 100, (N, 1))).astype(dtype)
    c[3] = 0
    c[5] = np.abs(c[5]) * np.sign(q[0])  # all products of query 0 and row 5 positive: worst-case sum
    ct = torch.from_numpy(c).to(DEVICE)
    q64 = torch.from_numpy(q).to(DEVICE, torch.float64)
    c64 = ct.double()
    inv = None
    if metric == "cos":
        q64 = q64 / q64.norm(dim=1, keepdim=True)
        norms = c64.norm(dim=1)
        inv = torch.where(norms > 0, 1 / norms.clamp_min(1e-300), 0.0).float()
        c64 = c64 * torch.where(norms > 0, 1 / norms.clamp_min(1e-300), 0.0)[:, None]
    eq, ea = K.error_radius_terms(q64, d, ct.dtype)
    tau = torch.full((Q,), -torch.inf, device=DEVICE)
    cs, cr, ci, cnt = K.topk_filter(q64.to(ct.dtype).contiguous(), ct, inv, eq.float(), ea.float(), tau, N)
    assert cnt.tolist() == [N] * Q
    exact = (q64 @ c64.T).gather(1, ci.long())  # [Q, N] in candidate order
    err = (cs.double() - exact).abs()
    assert bool((err <= cr.double()).all()), float((err - cr.double()).max())
    assert float(cr.max()) < 0.01 * float(exact.abs().max())  # and the radius is not vacuous


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("metric", ["ip", "cos"])
def test_radius_bounds_the_kernel_error(dtype, metric):
    _check_radius(5, 70, 33, dtype, metric, seed=5)


def test_overflow_is_detected_and_retried(caplog):
    rng = np.random.default_rng(7)
    q = rng.standard_normal((5, 16)).astype(np.float32)
    c = rng.standard_normal((150, 16)).astype(np.float16)
    stats = {}
    with caplog.at_level(logging.INFO, logger="infembed.kernels.topk"):
        s, i = run(q, c, 4, cap=1, prefix_rows=8, stats=stats)
    assert "retrying" in caplog.text
    assert stats["overflowed"] == 5 and stats["candidates_max"] > 1 and stats["rescored_max"] >= 4
    np.testing.assert_array_equal(i, np_reference(q, c, 4)[1])


def test_overflow_beyond_budget_uses_the_fallback_or_raises(caplog):
    rng = np.random.default_rng(8)
    q = rng.standard_normal((3, 16)).astype(np.float32)
    c = rng.standard_normal((90, 16)).astype(np.float32)
    with caplog.at_level(logging.WARNING, logger="infembed.kernels.topk"):
        _, i = run(q, c, 5, cap=2, prefix_rows=8, retry_bytes=0, fallback=topk_reference)
    assert "fallback" in caplog.text
    np.testing.assert_array_equal(i, np_reference(q, c, 5)[1])
    with pytest.raises(RuntimeError, match="no fallback"):
        run(q, c, 5, cap=2, prefix_rows=8, retry_bytes=0)


def test_bad_inputs_raise_clear_errors():
    q = torch.randn(2, 8, device=DEVICE)
    c = torch.randn(10, 8, device=DEVICE)
    with pytest.raises(ValueError, match="k must be"):
        K.exact_topk_triton(q, c, 0)
    with pytest.raises(ValueError, match="metric"):
        K.exact_topk_triton(q, c, 1, "l2")
    with pytest.raises(ValueError, match=r"\[Q, d\]"):
        K.exact_topk_triton(q, c[:, :5], 1)
    with pytest.raises(ValueError, match="empty"):
        K.exact_topk_triton(q, c[:0], 1)
    with pytest.raises(ValueError, match="NaN"):
        K.exact_topk_triton(torch.full_like(q, float("nan")), c, 1)
    s, i = K.exact_topk_triton(q[:0], c, 3)
    assert tuple(s.shape) == (0, 3) and tuple(i.shape) == (0, 3)


def test_exact_topk_dispatches_to_triton_when_forced(monkeypatch):
    calls = []
    real = K.exact_topk_triton

    def spy(*a, **kw):
        calls.append(1)
        return real(*a, **kw)

    monkeypatch.setattr(K, "exact_topk_triton", spy)
    monkeypatch.setitem(_ext._modules, "triton", K)
    monkeypatch.setenv("INFEMBED_TOPK", "triton")
    rng = np.random.default_rng(2)
    q = rng.standard_normal((4, 12)).astype(np.float32)
    c = rng.standard_normal((50, 12)).astype(np.float16)
    s, i = exact_topk(torch.from_numpy(q).to(DEVICE), torch.from_numpy(c).to(DEVICE), 6)
    assert calls == [1]
    np.testing.assert_array_equal(i.cpu().numpy(), np_reference(q, c, 6)[1])


# ----------------------------------------------------------------------------------------------- GPU


@pytest.mark.gpu
@pytest.mark.parametrize("dtype", [torch.float32, torch.float16])
@pytest.mark.parametrize("metric", ["ip", "cos"])
def test_cuda_triton_matches_cpu_path(dtype, metric):
    _topk = pytest.importorskip("infembed._topk")
    rng = np.random.default_rng(11)
    for Q, N, d, k in [(1, 1, 1, 1), (5, 4, 17, 10), (13, 3001, 64, 100), (37, 70_001, 384, 1000),
                       (300, 20_000, 768, 10), (1024, 100_000, 768, 100)]:
        q = rng.standard_normal((Q, d)).astype(np.float32)
        c = rng.standard_normal((N, d)).astype(np.float32 if dtype == torch.float32 else np.float16)
        s_cpu, i_cpu = _topk.topk(q, c, k, metric, 2)  # exact (fp64-equal ids) on the CPU
        s_gpu, i_gpu = K.exact_topk_triton(torch.from_numpy(q).cuda(), torch.from_numpy(c).cuda(), k, metric)
        np.testing.assert_array_equal(i_gpu.cpu().numpy(), i_cpu)
        np.testing.assert_allclose(s_gpu.cpu().numpy(), s_cpu, rtol=1e-6, atol=1e-6)


@pytest.mark.gpu
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("metric", ["ip", "cos"])
def test_cuda_radius_bounds_tensor_core_error(dtype, metric):
    """The bound's assumptions (fp16/tf32 operand rounding, 2⁻²² accumulation unit) on real tensor
    cores, with each launcher config: Q ≤ 16, ≤ 64 and the large-Q one."""
    for seed, Q in enumerate((16, 64, 256)):
        _check_radius(Q, 3000, 768, dtype, metric, seed)


@pytest.mark.gpu
def test_cuda_triton_ties_near_ties_and_retry():
    rng = np.random.default_rng(12)
    base = rng.integers(-3, 4, size=(7000, 19)).astype(np.float16)
    c = np.concatenate([base, base[::-1], base])  # exact duplicates spread over tiles
    q = rng.integers(-3, 4, size=(6, 19)).astype(np.float32)
    _, i = K.exact_topk_triton(torch.from_numpy(q).cuda(), torch.from_numpy(c).cuda(), 64)
    np.testing.assert_array_equal(i.cpu().numpy(), np_reference(q, c, 64)[1])
    _, i = K.exact_topk_triton(torch.from_numpy(q).cuda(), torch.from_numpy(c).cuda(), 64, cap=70)
    np.testing.assert_array_equal(i.cpu().numpy(), np_reference(q, c, 64)[1])
    q, c = _near_tie_case()
    _, i = K.exact_topk_triton(torch.from_numpy(q).cuda(), torch.from_numpy(c).cuda(), 3, prefix_rows=16)
    assert i.cpu().tolist() == [[23, 24, 25]]


@pytest.mark.gpu
def test_cuda_exact_topk_backend_override(monkeypatch):
    monkeypatch.setenv("INFEMBED_TOPK", "triton")
    rng = np.random.default_rng(13)
    q = rng.standard_normal((64, 256)).astype(np.float32)
    c = rng.standard_normal((50_000, 256)).astype(np.float16)
    _, i = exact_topk(torch.from_numpy(q).cuda(), torch.from_numpy(c).cuda(), 50)
    np.testing.assert_array_equal(i.cpu().numpy(), np_reference(q, c, 50)[1])


def test_host_side_imports_without_triton():
    """The CUDA top-k path rescores through ``kernels/topk_host.py``, which must not need Triton."""
    code = ("import sys; sys.modules['triton'] = None\n"  # any `import triton` now raises ImportError
            "from infembed.kernels.topk_host import error_radius_terms, rescore_candidates\n"
            "import infembed.search\n"
            "assert 'infembed.kernels.topk' not in sys.modules\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
