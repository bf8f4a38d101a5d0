"""Tiled InfoNCE LSE kernel (kernels/contrastive.py) against the fp64 reference.

Without CUDA the kernels run in Triton's CPU interpreter (``conftest.import_for_interpreter`` sets
``TRITON_INTERPRET`` before the kernel module is imported, or reloads it). Interpreter shapes are tiny (it is ~1000× slower); the interpreter tiles are 16 wide, so sizes 1..97 cover
"smaller than a tile", "exactly a tile + 1" and "several tiles" in B, N and d.
"""

from __future__ import annotations

import pytest
import torch
from conftest import TOLERANCES, assert_close, import_for_interpreter
from infembed.kernels.reference import contrastive_lse_reference

K = import_for_interpreter("infembed.kernels.contrastive", "_contrastive_fwd_kernel")
DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
SCALE = 5.0  # 1/τ; modest so that fp16/bf16 inputs give well-conditioned softmaxes at tiny d

SHAPES = [  # (B, N, d)
    (1, 1, 1),
    (5, 7, 3),  # smaller than one tile everywhere
    (17, 17, 16),  # one tile + 1 in B and N, exactly one d tile
    (23, 11, 19),  # N < B: columns limited to C = N
    (31, 97, 33),  # N > B (hard negatives), several tiles, ragged d
]
COL_MODES = [(False, False), (True, False), (True, True)]  # (with_cols, mask_diagonal_in_cols)


def _inputs(B, N, d, dtype):
    x = torch.randn(B, d, device=DEVICE).to(dtype)
    p = torch.randn(N, d, device=DEVICE).to(dtype)
    # Unit-norm rows like real embeddings, so scale · x·p stays O(scale).
    x = torch.nn.functional.normalize(x.float(), dim=1).to(dtype).requires_grad_()
    p = torch.nn.functional.normalize(p.float(), dim=1).to(dtype).requires_grad_()
    return x, p


def _torch_same_dtype(x, p, scale, with_cols, mask_diag):
    """Stock PyTorch in the input dtype (the error yardstick): logits materialised in ``dtype``."""
    s = scale * (x @ p.T)  # [B, N] in x.dtype
    row = torch.logsumexp(s.float(), dim=1)
    if not with_cols:
        return row, None
    c = min(x.shape[0], p.shape[0])
    blk = s[:, :c].float()
    if mask_diag:
        blk = blk.masked_fill(torch.eye(x.shape[0], c, dtype=torch.bool, device=x.device), float("-inf"))
    return row, torch.logsumexp(blk, dim=0)


def _run(fn, x, p, with_cols, mask_diag, g_row, g_col):
    """Forward + backward of Σ g_row·row_lse + Σ g_col·col_lse; returns (row, col, dx, dp) detached."""
    x = x.detach().clone().requires_grad_()
    p = p.detach().clone().requires_grad_()
    row, col = fn(x, p, SCALE, with_cols, mask_diag)
    loss = (row.double() * g_row).sum()
    if col is not None:
        loss = loss + (col.double() * g_col).sum()
    loss.backward()
    return row.detach(), None if col is None else col.detach(), x.grad, p.grad


def _fused(x, p, scale, with_cols, mask_diag):
    return K.contrastive_lse(x, p, scale, with_cols=with_cols, mask_diagonal_in_cols=mask_diag)


def _reference64(x, p, scale, with_cols, mask_diag):
    """The reference's math in fp64 end to end (the oracle for every dtype)."""
    s = scale * (x.double() @ p.double().T)  # [B, N] fp64
    row = torch.logsumexp(s, dim=1)
    if not with_cols:
        return row, None
    c = min(x.shape[0], p.shape[0])
    blk = s[:, :c]
    if mask_diag:
        blk = blk.masked_fill(torch.eye(x.shape[0], c, dtype=torch.bool, device=x.device), float("-inf"))
    return row, torch.logsumexp(blk, dim=0)


def test_oracle_matches_kernels_reference():
    x, p = _inputs(9, 14, 6, torch.float32)
    for with_cols, mask_diag in COL_MODES:
        ours = _reference64(x, p, SCALE, with_cols, mask_diag)
        ref = contrastive_lse_reference(x, p, SCALE, with_cols=with_cols, mask_diagonal_in_cols=mask_diag)
        for a, e in zip(ours, ref, strict=True):
            assert (a is None) == (e is None)
            if a is not None:
                assert_close(e, a, atol=1e-5, rtol=1e-5, what="reference vs fp64 oracle")


def _err(a, b):
    """Max abs error ignoring matching infinities (empty columns give −inf on both sides)."""
    a, b = a.double(), b.double()
    same_inf = torch.isinf(a) & torch.isinf(b) & (a == b)
    return (a - b).abs().masked_fill(same_inf, 0.0).max().item() if a.numel() else 0.0


def _grads(B, N, with_cols, random_grad):
    c = min(B, N)
    if random_grad:
        return torch.randn(B, dtype=torch.float64, device=DEVICE), torch.randn(c, dtype=torch.float64, device=DEVICE)
    return torch.ones(B, dtype=torch.float64, device=DEVICE), torch.ones(c, dtype=torch.float64, device=DEVICE)


@pytest.mark.parametrize("B,N,d", SHAPES)
@pytest.mark.parametrize("with_cols,mask_diag", COL_MODES)
def test_fp32_matches_fp64_reference(B, N, d, with_cols, mask_diag):
    x, p = _inputs(B, N, d, torch.float32)
    g_row, g_col = _grads(B, N, with_cols, random_grad=True)
    ours = _run(_fused, x, p, with_cols, mask_diag, g_row, g_col)
    ref = _run(_reference64, x, p, with_cols, mask_diag, g_row, g_col)
    atol, rtol = TOLERANCES[torch.float32]
    for name, a, e in zip(("row_lse", "col_lse", "dx", "dp"), ours, ref, strict=True):
        if e is None:
            assert a is None, name
            continue
        assert a.dtype == torch.float32, name
        if name == "col_lse" and torch.isinf(e).any():  # B = 1 with the diagonal masked: empty column
            assert torch.equal(torch.isinf(a), torch.isinf(e)), name
            continue
        assert_close(a, e, atol=atol, rtol=rtol, what=f"{name} B={B} N={N} d={d}")


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
@pytest.mark.parametrize("B,N,d", [(23, 11, 19), (31, 97, 33)])
@pytest.mark.parametrize("random_grad", [False, True])
def test_low_precision_error_within_2x_torch(dtype, B, N, d, random_grad):
    """flash-attention's rule: our error vs fp64 ≤ 2× stock PyTorch's error in the same dtype."""
    with_cols, mask_diag = True, True
    x, p = _inputs(B, N, d, dtype)
    g_row, g_col = _grads(B, N, with_cols, random_grad)
    ours = _run(_fused, x, p, with_cols, mask_diag, g_row, g_col)
    torch_lp = _run(_torch_same_dtype, x, p, with_cols, mask_diag, g_row, g_col)
    ref = _run(_reference64, x, p, with_cols, mask_diag, g_row, g_col)
    atol = TOLERANCES[dtype][0] * 0.1  # floor for cases where torch happens to be exact
    for name, a, t, e in zip(("row_lse", "col_lse", "dx", "dp"), ours, torch_lp, ref, strict=True):
        assert a.dtype == t.dtype, name
        ours_err, torch_err = _err(a, e), _err(t, e)
        assert ours_err <= 2 * torch_err + atol, f"{name} {dtype}: ours {ours_err:.3g} vs torch {torch_err:.3g}"


def test_column_gradient_only():
    """Only col_lse feeds the loss: g_row arrives as None and must count as zero."""
    x, p = _inputs(19, 29, 17, torch.float32)
    xr, pr = x.detach().double().requires_grad_(), p.detach().double().requires_grad_()
    _, col = K.contrastive_lse(x, p, SCALE, with_cols=True)
    col.sum().backward()
    _, col_r = contrastive_lse_reference(xr, pr, SCALE, with_cols=True)
    col_r.sum().backward()
    assert_close(x.grad, xr.grad, atol=1e-5, rtol=1e-4, what="dx")
    assert_close(p.grad, pr.grad, atol=1e-5, rtol=1e-4, what="dp")


def test_infonce_loss_and_negative_control():
    """End to end: the InfoNCE loss built on row_lse matches the reference, and a wrong scale does not."""
    B, N, d = 13, 26, 24
    x, p = _inputs(B, N, d, torch.float32)
    pos = SCALE * (x * p[:B]).sum(1)
    row, _ = K.contrastive_lse(x, p, SCALE)
    loss = (row - pos).mean()
    row_r, _ = contrastive_lse_reference(x.double(), p.double(), SCALE)
    loss_r = (row_r - SCALE * (x.double() * p[:B].double()).sum(1)).mean()
    assert_close(loss, loss_r, atol=1e-5, rtol=1e-5, what="loss")
    wrong, _ = K.contrastive_lse(x, p, SCALE * 1.01)
    assert (wrong - pos).mean().item() != pytest.approx(loss_r.item(), abs=1e-4)


def test_repeat_is_bitwise_identical():
    x, p = _inputs(37, 53, 40, torch.float32)
    g_row, g_col = _grads(37, 53, True, random_grad=True)
    first = _run(_fused, x, p, True, True, g_row, g_col)
    for _ in range(2):
        again = _run(_fused, x, p, True, True, g_row, g_col)
        for a, b in zip(first, again, strict=True):
            assert torch.equal(a, b)


def test_input_errors_are_clear():
    x = torch.randn(4, 8, device=DEVICE)
    with pytest.raises(ValueError, match="share d"):
        K.contrastive_lse(x, torch.randn(4, 9, device=DEVICE), 1.0)
    with pytest.raises(TypeError, match="share a dtype"):
        K.contrastive_lse(x, torch.randn(4, 8, device=DEVICE).half(), 1.0)
    with pytest.raises(TypeError, match="float32, float16 or bfloat16"):
        K.contrastive_lse(x.double(), torch.randn(4, 8, device=DEVICE).double(), 1.0)
    with pytest.raises(ValueError, match="2 dims"):
        K.contrastive_lse(x[None], torch.randn(4, 8, device=DEVICE), 1.0)
    with pytest.raises(ValueError, match="finite"):
        K.contrastive_lse(x, torch.randn(4, 8, device=DEVICE), float("nan"))


# ---------------------------------------------------------------------------------------------
# GPU: realistic shapes, same-dtype error rule, determinism, memory at large B
# ---------------------------------------------------------------------------------------------


@pytest.mark.gpu
@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float32])
@pytest.mark.parametrize("B,N,d", [(4096, 12288, 768), (1000, 3001, 97)])
def test_gpu_realistic_within_2x_torch(dtype, B, N, d):
    x, p = _inputs(B, N, d, dtype)
    g_row, g_col = _grads(B, N, True, random_grad=True)
    ours = _run(_fused, x, p, True, False, g_row, g_col)
    torch_lp = _run(_torch_same_dtype, x, p, True, False, g_row, g_col)
    ref = _run(_reference64, x, p, True, False, g_row, g_col)
    for name, a, t, e in zip(("row_lse", "col_lse", "dx", "dp"), ours, torch_lp, ref, strict=True):
        ours_err, torch_err = _err(a, e), _err(t, e)
        assert ours_err <= 2 * torch_err + 1e-6, f"{name} {dtype}: ours {ours_err:.3g} vs torch {torch_err:.3g}"


@pytest.mark.gpu
def test_gpu_twenty_runs_bitwise_identical():
    x, p = _inputs(2048, 6144, 768, torch.bfloat16)
    g_row, g_col = _grads(2048, 6144, True, random_grad=True)
    first = _run(_fused, x, p, True, True, g_row, g_col)
    for _ in range(19):
        again = _run(_fused, x, p, True, True, g_row, g_col)
        for a, b in zip(first, again, strict=True):
            assert torch.equal(a, b)


@pytest.mark.gpu
def test_gpu_large_batch_memory_is_linear():
    """B = 262,144 queries × N = 8,192: the logits alone would be 8.6 GB in fp32; we stay O((B + N)·d)."""
    B, N, d = 262_144, 8_192, 128
    x = torch.randn(B, d, device="cuda", dtype=torch.bfloat16, requires_grad=True)
    p = torch.randn(N, d, device="cuda", dtype=torch.bfloat16, requires_grad=True)
    torch.cuda.synchronize()
    base = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    row, _ = K.contrastive_lse(x, p, 20.0)
    row.sum().backward()
    torch.cuda.synchronize()
    extra = torch.cuda.max_memory_allocated() - base
    io_bytes = (B + N) * d * 2  # the two gradients, same size as the inputs
    assert extra < io_bytes + 16 * B + (64 << 20), f"extra {extra / 1e9:.2f} GB"
    assert extra < (B * N * 4) / 20
    assert torch.isfinite(row).all() and torch.isfinite(x.grad).all() and torch.isfinite(p.grad).all()
