"""Fused instruction→query attention + masked mean (kernels/iq_attention.py) against the fp64 reference.

Runs in Triton's CPU interpreter without CUDA (``conftest.import_for_interpreter`` sets
``TRITON_INTERPRET`` before the kernel module is imported: Triton reads it at decoration time).
Interpreter tiles are 16 wide, so the shapes below cover fewer than one tile, one tile + 1 and several tiles in L_I, L_Q and d.
"""

from __future__ import annotations

import pytest
import torch
from conftest import TOLERANCES, assert_close, import_for_interpreter
from infembed.kernels.reference import MASK_VALUE, iq_attention_reference

K = import_for_interpreter("infembed.kernels.iq_attention", "_iq_fwd_lse_kernel")
DEVICE = "cuda" if torch.cuda.is_available() else "cpu"

SHAPES = [  # (B, L_I, L_Q, d)
    (2, 1, 1, 1),
    (3, 5, 3, 8),  # smaller than one tile
    (3, 17, 33, 21),  # L_Q spans 3 tiles, ragged d
    (2, 37, 19, 40),  # L_I spans 3 tiles
]


def _inputs(B, L_I, L_Q, d, dtype, ragged=True):
    h_i = torch.randn(B, L_I, d, device=DEVICE).to(dtype)
    h_q = torch.randn(B, L_Q, d, device=DEVICE).to(dtype)
    if ragged:
        # Ragged lengths (≥ 1 real token), plus the defined edge cases in the first rows.
        n_i = torch.randint(1, L_I + 1, (B,), device=DEVICE)
        n_q = torch.randint(1, L_Q + 1, (B,), device=DEVICE)
        if B >= 3:
            n_i[0] = 0  # no valid instruction token → zero output, zero grads
            n_q[1] = 0  # no valid query token → zero output, zero grads
        mask_i = torch.arange(L_I, device=DEVICE)[None] < n_i[:, None]
        mask_q = torch.arange(L_Q, device=DEVICE)[None] < n_q[:, None]
    else:
        mask_i = torch.ones(B, L_I, device=DEVICE, dtype=torch.bool)
        mask_q = torch.ones(B, L_Q, device=DEVICE, dtype=torch.bool)
    return h_i, mask_i, h_q, mask_q


def _run(fn, h_i, mask_i, h_q, mask_q, g):
    """Forward + backward of Σ g·out; returns (out, dH_I, dH_Q) detached."""
    hi = h_i.detach().clone().requires_grad_()
    hq = h_q.detach().clone().requires_grad_()
    out = fn(hi, mask_i, hq, mask_q)
    (out.double() * g).sum().backward()
    return out.detach(), hi.grad, hq.grad


def _reference64(h_i, mask_i, h_q, mask_q):
    """``kernels.reference.iq_attention_reference``'s math in fp64 end to end (the oracle)."""
    mi, mq = mask_i.double(), mask_q.double()
    hi, hq = h_i.double() * mi[..., None], h_q.double() * mq[..., None]
    s = hi @ hq.transpose(1, 2) / h_i.shape[-1] ** 0.5 + (1.0 - mq)[:, None, :] * MASK_VALUE
    z = torch.softmax(s, dim=-1) @ hq  # [B, L_I, d]
    out = (z * mi[..., None]).sum(1) / mi.sum(1).clamp(min=1.0)[:, None]
    return out * (mq.sum(1) > 0).double()[:, None]


def test_oracle_matches_kernels_reference():
    h_i, mask_i, h_q, mask_q = _inputs(3, 7, 6, 9, torch.float32, ragged=True)
    assert_close(iq_attention_reference(h_i, mask_i, h_q, mask_q), _reference64(h_i, mask_i, h_q, mask_q),
                 atol=1e-5, rtol=1e-5, what="reference vs fp64 oracle")


def _torch_same_dtype(h_i, mask_i, h_q, mask_q):
    """Stock eager attention in the input dtype (the error yardstick)."""
    mi = mask_i.to(h_i.dtype)
    mq = mask_q.to(h_i.dtype)
    hi, hq = h_i * mi[..., None], h_q * mq[..., None]
    s = (hi @ hq.transpose(1, 2)) / h_i.shape[-1] ** 0.5  # [B, L_I, L_Q]
    s = s.masked_fill(~mask_q.bool()[:, None, :], float("-inf"))
    a = torch.softmax(s.float(), dim=-1).to(h_i.dtype).nan_to_num(0.0)
    z = a @ hq  # [B, L_I, d]
    n_i = mi.sum(1).clamp(min=1)
    return (z * mi[..., None]).sum(1) / n_i[:, None]


def _err(a, b):
    return (a.double() - b.double()).abs().max().item()


@pytest.mark.parametrize("B,L_I,L_Q,d", SHAPES)
@pytest.mark.parametrize("ragged,random_grad", [(False, False), (True, False), (True, True)])
def test_fp32_matches_fp64_reference(B, L_I, L_Q, d, ragged, random_grad):
    h_i, mask_i, h_q, mask_q = _inputs(B, L_I, L_Q, d, torch.float32, ragged)
    g = torch.randn(B, d, dtype=torch.float64, device=DEVICE) if random_grad else torch.ones(
        B, d, dtype=torch.float64, device=DEVICE)
    ours = _run(K.iq_attention, h_i, mask_i, h_q, mask_q, g)
    ref = _run(_reference64, h_i, mask_i, h_q, mask_q, g)
    atol, rtol = TOLERANCES[torch.float32]
    for name, a, e in zip(("out", "dH_I", "dH_Q"), ours, ref, strict=True):
        assert a.dtype == torch.float32 and a.shape == e.shape, name
        assert_close(a, e, atol=atol, rtol=rtol, what=f"{name} {(B, L_I, L_Q, d)}")


def test_empty_rows_give_zero_output_and_grads():
    h_i, mask_i, h_q, mask_q = _inputs(4, 6, 5, 8, torch.float32, ragged=True)
    mask_i[0] = False
    mask_q[1] = False
    g = torch.randn(4, 8, dtype=torch.float64, device=DEVICE)
    out, dhi, dhq = _run(K.iq_attention, h_i, mask_i, h_q, mask_q, g)
    for b in (0, 1):
        assert torch.equal(out[b], torch.zeros_like(out[b]))
        assert torch.equal(dhi[b], torch.zeros_like(dhi[b]))
        assert torch.equal(dhq[b], torch.zeros_like(dhq[b]))
    # Padded tokens of valid rows get exactly zero gradient too.
    assert torch.equal(dhi[~mask_i.bool()], torch.zeros_like(dhi[~mask_i.bool()]))
    assert torch.equal(dhq[~mask_q.bool()], torch.zeros_like(dhq[~mask_q.bool()]))
    assert torch.isfinite(out).all()


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
@pytest.mark.parametrize("B,L_I,L_Q,d", [(3, 17, 33, 21), (2, 37, 19, 40)])
def test_low_precision_error_within_2x_torch(dtype, B, L_I, L_Q, d):
    h_i, mask_i, h_q, mask_q = _inputs(B, L_I, L_Q, d, dtype, ragged=True)
    g = torch.randn(B, d, dtype=torch.float64, device=DEVICE)
    ours = _run(K.iq_attention, h_i, mask_i, h_q, mask_q, g)
    torch_lp = _run(_torch_same_dtype, h_i, mask_i, h_q, mask_q, g)
    ref = _run(_reference64, h_i, mask_i, h_q, mask_q, g)
    atol = TOLERANCES[dtype][0] * 0.1
    for name, a, t, e in zip(("out", "dH_I", "dH_Q"), ours, torch_lp, ref, strict=True):
        assert a.dtype == dtype, name
        ours_err, torch_err = _err(a, e), _err(t, e)
        assert ours_err <= 2 * torch_err + atol, f"{name} {dtype}: ours {ours_err:.3g} vs torch {torch_err:.3g}"


def test_int_and_float_masks_agree_with_bool():
    h_i, mask_i, h_q, mask_q = _inputs(3, 7, 6, 9, torch.float32, ragged=True)
    a = K.iq_attention(h_i, mask_i, h_q, mask_q)
    b = K.iq_attention(h_i, mask_i.long(), h_q, mask_q.float())
    assert torch.equal(a, b)


def test_repeat_is_bitwise_identical():
    h_i, mask_i, h_q, mask_q = _inputs(3, 17, 33, 21, torch.float32, ragged=True)
    g = torch.randn(3, 21, dtype=torch.float64, device=DEVICE)
    first = _run(K.iq_attention, h_i, mask_i, h_q, mask_q, g)
    again = _run(K.iq_attention, h_i, mask_i, h_q, mask_q, g)
    for x, y in zip(first, again, strict=True):
        assert torch.equal(x, y)


def test_input_errors_are_clear():
    h_i, mask_i, h_q, mask_q = _inputs(2, 3, 4, 8, torch.float32, ragged=False)
    with pytest.raises(ValueError, match="disagree"):
        K.iq_attention(h_i, mask_i, h_q[:, :, :7], mask_q)
    with pytest.raises(ValueError, match="mask_q must have shape"):
        K.iq_attention(h_i, mask_i, h_q, mask_q[:, :2])
    with pytest.raises(TypeError, match="share a dtype"):
        K.iq_attention(h_i, mask_i, h_q.half(), mask_q)
    with pytest.raises(ValueError, match="3 dims"):
        K.iq_attention(h_i[0], mask_i, h_q, mask_q)


# ---------------------------------------------------------------------------------------------
# GPU
# ---------------------------------------------------------------------------------------------


@pytest.mark.gpu
@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float32])
@pytest.mark.parametrize("B,L_I,L_Q,d", [(512, 64, 32, 768), (64, 300, 77, 1030)])
def test_gpu_realistic_within_2x_torch(dtype, B, L_I, L_Q, d):
    h_i, mask_i, h_q, mask_q = _inputs(B, L_I, L_Q, d, dtype, ragged=True)
    g = torch.randn(B, d, dtype=torch.float64, device=DEVICE)
    ours = _run(K.iq_attention, h_i, mask_i, h_q, mask_q, g)
    torch_lp = _run(_torch_same_dtype, h_i, mask_i, h_q, mask_q, g)
    ref = _run(_reference64, h_i, mask_i, h_q, mask_q, g)
    for name, a, t, e in zip(("out", "dH_I", "dH_Q"), ours, torch_lp, ref, strict=True):
        ours_err, torch_err = _err(a, e), _err(t, e)
        assert ours_err <= 2 * torch_err + 1e-6, f"{name} {dtype}: ours {ours_err:.3g} vs torch {torch_err:.3g}"


@pytest.mark.gpu
def test_gpu_twenty_runs_bitwise_identical():
    h_i, mask_i, h_q, mask_q = _inputs(1024, 64, 32, 768, torch.bfloat16, ragged=True)
    g = torch.randn(1024, 768, dtype=torch.float64, device=DEVICE)
    first = _run(K.iq_attention, h_i, mask_i, h_q, mask_q, g)
    for _ in range(19):
        again = _run(K.iq_attention, h_i, mask_i, h_q, mask_q, g)
        for x, y in zip(first, again, strict=True):
            assert torch.equal(x, y)
