"""Benchmarks of the fused kernels (targets P1, P3 in bench/RESULTS.md) against eager PyTorch, forward + backward.

pytest-benchmark mode (``pytest bench/bench_kernels.py``): providers ``torch`` (the eager reference
from ``kernels/reference.py``) and ``triton`` (the fused kernel, CUDA only), at the target shapes
when CUDA is present, plus tiny CPU sanity entries of the torch provider.

Standalone mode (``python bench/bench_kernels.py --gpu-table``): on a GPU, measure the card's copy
bandwidth and bf16 GEMM rate, time both ops with ``triton.testing.do_bench`` (median, p20/p80),
measure peak memory above the inputs, check results against the reference in the same run, find
the largest B whose InfoNCE fwd+bwd fits (N fixed, B doubled until OOM or the time cap), and print
a markdown table. Made to run unattended inside ``bench/gpu_check.sh``: every measurement is
guarded (an error becomes a table row) and no new one starts after ``--budget-s``.

Formulas: InfoNCE fwd+bwd counts 8·B·N·d FLOPs (2 forward + 6 backward with one recompute). iq_attention counts the bytes of H_I, H_Q and their gradients once,
2·B·(L_I + L_Q)·d·itemsize·2 — its physical lower bound.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import torch

# bench/conftest.py holds the shared helpers; load it under its own name so that it does not clash
# with tests/conftest.py when both directories are collected in one session.
_spec = importlib.util.spec_from_file_location("infembed_bench_helpers", Path(__file__).with_name("conftest.py"))
_helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_helpers)
record, sync, device_name, versions = _helpers.record, _helpers.sync, _helpers.device_name, _helpers.versions

SCALE = 20.0  # 1/τ with τ = 0.05
INFONCE_SHAPES = [(4096, 12288, 768), (16384, 49152, 768), (32768, 98304, 768)]  # the P1 shapes, N = 3B
IQ_SHAPES = [(4096, 64, 32, 768)]  # the P3 shape


def infonce_flops(B: int, N: int, d: int) -> float:
    return 8.0 * B * N * d


def iq_bytes(B: int, L_I: int, L_Q: int, d: int, itemsize: int) -> float:
    return 2.0 * B * (L_I + L_Q) * d * itemsize * 2


def make_infonce(B, N, d, dtype, device):
    """Unit-norm random embeddings (never zeros), as leaf tensors needing grad.

    Filled in chunks of 2^20 rows so that a huge B never needs a full-size fp32 temporary.
    """
    out = []
    for rows in (B, N):
        t = torch.empty(rows, d, device=device, dtype=dtype)
        for chunk in t.split(1 << 20):
            chunk.copy_(torch.nn.functional.normalize(torch.randn(chunk.shape, device=device), dim=1))
        out.append(t.requires_grad_())
    return out[0], out[1]


def make_iq(B, L_I, L_Q, d, dtype, device):
    """Random token states with ragged lengths (≥ 1 token per row)."""
    g = torch.Generator(device="cpu").manual_seed(0)
    h_i = torch.randn(B, L_I, d, device=device, dtype=dtype).requires_grad_()
    h_q = torch.randn(B, L_Q, d, device=device, dtype=dtype).requires_grad_()
    n_i = torch.randint(1, L_I + 1, (B,), generator=g).to(device)
    n_q = torch.randint(1, L_Q + 1, (B,), generator=g).to(device)
    m_i = torch.arange(L_I, device=device)[None] < n_i[:, None]
    m_q = torch.arange(L_Q, device=device)[None] < n_q[:, None]
    return h_i, m_i, h_q, m_q


def infonce_step(provider: str, x, p, scale: float = SCALE):
    """One InfoNCE fwd+bwd, positives on the diagonal of the first min(B, N) rows; returns the loss."""
    from infembed.kernels.reference import contrastive_lse_reference

    if provider == "triton":
        from infembed.kernels.contrastive import contrastive_lse as fn
    else:
        fn = contrastive_lse_reference
    x.grad = p.grad = None
    row, _ = fn(x, p, scale)  # [B] fp32
    c = min(x.shape[0], p.shape[0])
    pos = scale * (x[:c].float() * p[:c].float()).sum(1)  # [c]
    loss = row.mean() - pos.sum() / x.shape[0]
    loss.backward()
    return loss


def iq_step(provider: str, h_i, m_i, h_q, m_q):
    """One iq_attention fwd+bwd with upstream gradient ``out`` (any scalar function would do)."""
    from infembed.kernels.reference import iq_attention_reference

    if provider == "triton":
        from infembed.kernels.iq_attention import iq_attention as fn
    else:
        fn = iq_attention_reference
    h_i.grad = h_q.grad = None
    out = fn(h_i, m_i, h_q, m_q)  # [B, d]
    out.backward(out.detach())
    return out


# ---------------------------------------------------------------------------------------------
# pytest-benchmark entries
# ---------------------------------------------------------------------------------------------

try:
    import pytest
except ImportError:  # standalone use without pytest
    pytest = None

if pytest is not None:

    @pytest.mark.parametrize("shape", INFONCE_SHAPES, ids=lambda s: "B{}xN{}xd{}".format(*s))
    def test_infonce_fwd_bwd(benchmark, provider, shape):
        if not torch.cuda.is_available():
            pytest.skip("GPU shapes; see test_infonce_cpu_sanity")
        B, N, d = shape
        x, p = make_infonce(B, N, d, torch.bfloat16, "cuda")
        benchmark.pedantic(sync(lambda: infonce_step(provider, x, p)), rounds=10, warmup_rounds=2)
        record(benchmark, dtype=torch.bfloat16, shape={"B": B, "N": N, "d": d, "provider": provider},
               flops=infonce_flops(B, N, d), formula="8*B*N*d")

    @pytest.mark.parametrize("shape", IQ_SHAPES, ids=lambda s: "B{}xLI{}xLQ{}xd{}".format(*s))
    def test_iq_attention_fwd_bwd(benchmark, provider, shape):
        if not torch.cuda.is_available():
            pytest.skip("GPU shapes; see test_iq_attention_cpu_sanity")
        B, L_I, L_Q, d = shape
        args = make_iq(B, L_I, L_Q, d, torch.bfloat16, "cuda")
        benchmark.pedantic(sync(lambda: iq_step(provider, *args)), rounds=20, warmup_rounds=3)
        record(benchmark, dtype=torch.bfloat16,
               shape={"B": B, "L_I": L_I, "L_Q": L_Q, "d": d, "provider": provider},
               bytes_moved=iq_bytes(B, L_I, L_Q, d, 2), formula="2*B*(L_I+L_Q)*d*itemsize*2")

    def test_infonce_cpu_sanity(benchmark):
        """Tiny eager entry so the file runs (and is timed) on a CPU-only box."""
        B, N, d = 256, 768, 128
        x, p = make_infonce(B, N, d, torch.float32, "cpu")
        loss = benchmark(lambda: infonce_step("torch", x, p))
        assert torch.isfinite(loss)
        record(benchmark, dtype=torch.float32, shape={"B": B, "N": N, "d": d, "provider": "torch"},
               flops=infonce_flops(B, N, d), formula="8*B*N*d")

    def test_iq_attention_cpu_sanity(benchmark):
        B, L_I, L_Q, d = 64, 64, 32, 128
        args = make_iq(B, L_I, L_Q, d, torch.float32, "cpu")
        out = benchmark(lambda: iq_step("torch", *args))
        assert torch.isfinite(out).all()
        record(benchmark, dtype=torch.float32,
               shape={"B": B, "L_I": L_I, "L_Q": L_Q, "d": d, "provider": "torch"},
               bytes_moved=iq_bytes(B, L_I, L_Q, d, 4), formula="2*B*(L_I+L_Q)*d*itemsize*2")


# ---------------------------------------------------------------------------------------------
# Standalone GPU table
# ---------------------------------------------------------------------------------------------


class Table:
    """Markdown rows printed as they are measured (so a killed run still leaves its numbers)."""

    def __init__(self, start: float, budget_s: float):
        self.rows: list[str] = []
        self.start, self.budget_s = start, budget_s

    def time_left(self) -> float:
        return self.budget_s - (time.monotonic() - self.start)

    def add(self, *cells) -> None:
        row = "| " + " | ".join(str(c) for c in cells) + " |"
        self.rows.append(row)
        print(row, flush=True)

    def guarded(self, what: str, fn) -> None:
        if self.time_left() <= 0:
            self.add(what, "skipped: time budget spent", "", "", "", "")
            return
        try:
            fn()
        except torch.cuda.OutOfMemoryError:
            self.add(what, "out of memory", "", "", "", "")
        except Exception as e:  # noqa: BLE001 - an unattended run must go on and report
            self.add(what, f"error: {type(e).__name__}: {str(e)[:160]}", "", "", "", "")
        finally:
            torch.cuda.empty_cache()


def _bench(fn) -> tuple[float, float, float]:
    """(median, p20, p80) in ms with triton.testing.do_bench, repeats scaled to ≥ ~20 calls."""
    import triton.testing

    t0 = time.perf_counter()
    fn()
    torch.cuda.synchronize()
    est_ms = (time.perf_counter() - t0) * 1e3
    med, p20, p80 = triton.testing.do_bench(fn, warmup=max(25, 2 * est_ms), rep=max(100, 20 * est_ms),
                                            quantiles=[0.5, 0.2, 0.8])
    return med, p20, p80


def _extra_memory(fn) -> int:
    """Peak bytes allocated above what was live before the call (the inputs)."""
    torch.cuda.synchronize()
    torch.cuda.empty_cache()
    base = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    fn()
    torch.cuda.synchronize()
    return torch.cuda.max_memory_allocated() - base


def _ceilings(t: Table) -> dict:
    out = {}

    def copy_bw():
        a = torch.empty(1 << 30, dtype=torch.uint8, device="cuda")  # 1 GiB
        b = torch.empty_like(a)
        med, _, _ = _bench(lambda: b.copy_(a))
        out["copy_gbps"] = 2 * a.numel() / (med * 1e-3) / 1e9
        t.add("ceiling: D2D copy 1 GiB", f"{med:.3f} ms", "", f"{out['copy_gbps']:.0f} GB/s", "", "")

    def gemm():
        n = 8192
        a = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
        b = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
        med, _, _ = _bench(lambda: a @ b)
        out["gemm_tflops"] = 2 * n**3 / (med * 1e-3) / 1e12
        t.add("ceiling: bf16 GEMM 8192³", f"{med:.3f} ms", "", f"{out['gemm_tflops']:.0f} TFLOP/s", "", "")

    t.guarded("ceiling: D2D copy", copy_bw)
    t.guarded("ceiling: bf16 GEMM", gemm)
    return out


def _check_infonce(t: Table) -> None:
    """Same-run correctness: fused vs fp32 reference, bf16 inputs; max relative error of each output."""
    from infembed.kernels.contrastive import contrastive_lse
    from infembed.kernels.reference import contrastive_lse_reference

    B, N, d = 2048, 6144, 768
    x, p = make_infonce(B, N, d, torch.bfloat16, "cuda")
    g_row = torch.randn(B, device="cuda")
    g_col = torch.randn(B, device="cuda")
    res = {}
    for name, fn, dt in (("triton", contrastive_lse, torch.bfloat16), ("ref", contrastive_lse_reference, torch.float32)):
        xx = x.detach().to(dt).requires_grad_()
        pp = p.detach().to(dt).requires_grad_()
        row, col = fn(xx, pp, SCALE, with_cols=True, mask_diagonal_in_cols=True)
        ((row * g_row).sum() + (col * g_col).sum()).backward()
        res[name] = (row, col, xx.grad.float(), pp.grad.float())
    errs = [((a.float() - b).abs().max() / b.abs().max().clamp(min=1e-30)).item()
            for a, b in zip(res["triton"], res["ref"], strict=True)]
    ok = all(e < 2e-2 for e in errs)
    t.add(f"check InfoNCE bf16 B={B} N={N} (rel err row/col/dx/dp)", " / ".join(f"{e:.1e}" for e in errs),
          "", "", "", "PASS" if ok else "FAIL")


def _check_iq(t: Table) -> None:
    from infembed.kernels.iq_attention import iq_attention
    from infembed.kernels.reference import iq_attention_reference

    h_i, m_i, h_q, m_q = make_iq(512, 64, 32, 768, torch.bfloat16, "cuda")
    g = torch.randn(512, 768, device="cuda")
    res = {}
    for name, fn, dt in (("triton", iq_attention, torch.bfloat16), ("ref", iq_attention_reference, torch.float32)):
        a = h_i.detach().to(dt).requires_grad_()
        b = h_q.detach().to(dt).requires_grad_()
        out = fn(a, m_i, b, m_q)
        (out.float() * g).sum().backward()
        res[name] = (out.float(), a.grad.float(), b.grad.float())
    errs = [((a - b).abs().max() / b.abs().max().clamp(min=1e-30)).item()
            for a, b in zip(res["triton"], res["ref"], strict=True)]
    ok = all(e < 2e-2 for e in errs)
    t.add("check iq_attention bf16 B=512 (rel err out/dH_I/dH_Q)", " / ".join(f"{e:.1e}" for e in errs),
          "", "", "", "PASS" if ok else "FAIL")


def _provider_rows(t: Table, what: str, step, rate, digits: int) -> None:
    """Time ``step(provider)`` for Triton, then for eager PyTorch: one row each, labelled ``what``
    with ``{provider}`` filled in. The eager row's note holds eager ÷ Triton for time and for extra
    memory, so > 1 always means Triton is better (the header says so)."""
    times: dict[str, tuple[float, int]] = {}
    for provider in ("triton", "torch"):
        label = what.format(provider=provider)

        def one(provider=provider, label=label):
            mem = _extra_memory(lambda: step(provider))
            med, p20, p80 = _bench(lambda: step(provider))
            times[provider] = (med, mem)
            note = ""
            if provider == "torch" and "triton" in times:
                tm, mm = times["triton"]
                note = f"time {med / tm:.2f}×, memory {mem / max(mm, 1):.2f}×"
            t.add(label, f"{med:.{digits}f} ms", f"[{p20:.{digits}f}, {p80:.{digits}f}]", rate(med),
                  f"{mem / 1e9:.{digits}f} GB", note)
        t.guarded(label, one)


def _infonce_rows(t: Table, shape, ceil: dict) -> None:
    B, N, d = shape
    x, p = make_infonce(B, N, d, torch.bfloat16, "cuda")
    flops = infonce_flops(B, N, d)

    def rate(med_ms: float) -> str:
        tf = flops / (med_ms * 1e-3) / 1e12
        return f"{tf:.0f} TFLOP/s" + (f" ({tf / ceil['gemm_tflops']:.0%} of GEMM)" if "gemm_tflops" in ceil else "")

    _provider_rows(t, f"P1 InfoNCE fwd+bwd {{provider}} B={B} N={N} d={d} bf16", lambda pr: infonce_step(pr, x, p), rate, 2)


def _iq_rows(t: Table, shape, ceil: dict) -> None:
    B, L_I, L_Q, d = shape
    args = make_iq(B, L_I, L_Q, d, torch.bfloat16, "cuda")
    nbytes = iq_bytes(B, L_I, L_Q, d, 2)

    def rate(med_ms: float) -> str:
        gbps = nbytes / (med_ms * 1e-3) / 1e9
        return f"{gbps:.0f} GB/s" + (f" ({gbps / ceil['copy_gbps']:.0%} of copy)" if "copy_gbps" in ceil else "")

    _provider_rows(t, f"P3 iq_attention fwd+bwd {{provider}} B={B} L_I={L_I} L_Q={L_Q} d={d} bf16",
                   lambda pr: iq_step(pr, *args), rate, 3)


def _largest_b(t: Table, provider: str, N: int, d: int, b0: int, b_max: int, step_cap_s: float) -> None:
    """Double B (N fixed) until OOM, the step cap, or b_max; report the largest B that ran fwd+bwd."""
    best = None
    B = b0
    while B <= b_max and t.time_left() > 2 * step_cap_s:
        try:
            x, p = make_infonce(B, N, d, torch.bfloat16, "cuda")
            torch.cuda.synchronize()
            t0 = time.perf_counter()
            mem = _extra_memory(lambda x=x, p=p: infonce_step(provider, x, p))
            dt = time.perf_counter() - t0
            best = (B, dt, mem, torch.cuda.max_memory_allocated())
            del x, p
        except torch.cuda.OutOfMemoryError:
            break
        finally:
            torch.cuda.empty_cache()
        if dt > step_cap_s:
            break
        B *= 2
    if best is None:
        t.add(f"largest B {provider} (N={N}, d={d})", "none ran", "", "", "", "")
    else:
        B, dt, mem, peak = best
        t.add(f"largest B {provider} (N={N}, d={d}, bf16; doubling stopped at OOM/cap {b_max})", f"B={B:,}",
              f"{dt:.2f} s/step", "", f"extra {mem / 1e9:.2f} GB, peak {peak / 1e9:.1f} GB", "")


def run_table(budget_s: float = 200.0, quick: bool = False) -> int:
    start = time.monotonic()
    props = torch.cuda.get_device_properties(0)
    v = versions()
    print(f"\n## Kernel benchmarks on {device_name()} ({props.total_memory / 2**30:.0f} GiB), "
          f"torch {v['torch']}, triton {v['triton']}, CUDA {v.get('cuda')}\n")
    t = Table(start, budget_s)
    t.add("what", "median", "[p20, p80]", "rate", "extra memory", "note (eager ÷ triton: > 1 = triton better)")
    t.add("---", "---", "---", "---", "---", "---")
    ceil = _ceilings(t)
    t.guarded("check InfoNCE", lambda: _check_infonce(t))
    t.guarded("check iq_attention", lambda: _check_iq(t))
    shapes = INFONCE_SHAPES[:1] if quick else [INFONCE_SHAPES[0], INFONCE_SHAPES[2]]
    for shape in shapes:
        _infonce_rows(t, shape, ceil)
    for shape in IQ_SHAPES:
        _iq_rows(t, shape, ceil)
    b_max = 1 << (20 if quick else 24)
    t.guarded("largest B triton", lambda: _largest_b(t, "triton", 4096, 768, 1 << 17, b_max, 20.0))
    t.guarded("largest B torch", lambda: _largest_b(t, "torch", 4096, 768, 1 << 17, b_max, 20.0))
    print(f"\n(total {time.monotonic() - start:.0f} s; FLOPs 8·B·N·d, bytes 2·B·(L_I+L_Q)·d·2·2)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fused-kernel benchmarks (P1 InfoNCE, P3 iq_attention).")
    ap.add_argument("--gpu-table", action="store_true", help="run the P1/P3 comparison on the GPU and print a table")
    ap.add_argument("--budget-s", type=float, default=200.0, help="start no new measurement after this many seconds")
    ap.add_argument("--quick", action="store_true", help="smaller shapes (smoke test of the script)")
    args = ap.parse_args(argv)
    if not args.gpu_table:
        ap.print_help()
        return 0
    if not torch.cuda.is_available():
        print("no CUDA device: the GPU table needs one (nothing measured)")
        return 0
    torch.backends.cuda.matmul.allow_tf32 = False  # eager fp32 reference stays true fp32
    return run_table(budget_s=args.budget_s, quick=args.quick)


if __name__ == "__main__":
    sys.exit(main())
