"""``infembed.cpu_attention``: the fused forward with a matmul backward, and the dropout path, against
plain attention in float64 under autograd (outputs and the three gradients; with dropout, on the
op's own mask), per dtype, odd sizes (one key, primes, Lq ≠ Lk, longer than a 64-row tile), no /
bool / additive masks, fully masked rows, gradcheck."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from conftest import assert_close

from infembed.cpu_attention import cpu_attention
from infembed.fast_dropout import LANES, keep_mask

SHAPES = [  # (batch, heads, Lq, Lk, D)
    (1, 1, 1, 1, 8),
    (2, 3, 7, 7, 16),
    (2, 2, 5, 13, 32),
    (1, 2, 97, 97, 8),
]


def _reference(q, k, v, mask, scale, keep=None, p=0.0):
    """(softmax(scale · q kᵀ + mask) ⊙ keep / (1 − p)) v in float64, differentiated by autograd."""
    scores = (q.double() @ k.double().transpose(-1, -2)) * scale
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf")) if mask.dtype == torch.bool else scores + mask.double()
    probs = torch.softmax(scores, -1)
    if keep is not None:
        probs = probs * keep / (1 - round(p * LANES) / LANES)
    return probs @ v.double()


def _mask(kind, b, lq, lk, dtype):
    if kind is None:
        return None
    keep = torch.ones(b, 1, 1, lk, dtype=torch.bool)
    keep[0, ..., lk - lk // 3:] = False  # the first sequence padded: its last third of keys hidden
    if kind == "bool":
        return keep
    additive = torch.zeros(b, 1, lq, lk, dtype=dtype).masked_fill(~keep, torch.finfo(dtype).min)
    return additive + 0.5 * torch.randn(b, 1, lq, lk, dtype=dtype)  # a bias, as relative positions give


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
@pytest.mark.parametrize("mask_kind", [None, "bool", "additive"])
@pytest.mark.parametrize("shape", SHAPES)
def test_forward_and_gradients_match_plain_attention(dtype, mask_kind, shape):
    b, h, lq, lk, d = shape
    q, k, v = (torch.randn(b, h, n, d, dtype=dtype, requires_grad=True) for n in (lq, lk, lk))
    mask = _mask(mask_kind, b, lq, lk, dtype)
    grad = torch.randn(b, h, lq, d, dtype=dtype)
    scale = d ** -0.5

    out = cpu_attention(q, k, v, mask)
    out.backward(grad)
    leaves = [t.detach().double().requires_grad_() for t in (q, k, v)]
    ref = _reference(*leaves, mask, scale)
    ref.backward(grad.double())

    assert out.dtype == dtype and out.shape == (b, h, lq, d)
    with torch.no_grad():
        assert torch.equal(out, F.scaled_dot_product_attention(q, k, v, attn_mask=mask))  # the fused forward itself
    assert_close(out, ref, dtype=dtype, what="output")
    for name, ours, theirs in zip("qkv", (q.grad, k.grad, v.grad), leaves):
        # bf16: operands rounded to 8 bits, so the error scales with the gradient's size
        atol = 2e-2 * float(theirs.grad.abs().max()) if dtype == torch.bfloat16 else None
        assert_close(ours, theirs.grad, dtype=dtype, atol=atol, what=f"d{name}")


def test_explicit_scale_and_broadcast_mask():
    q, k, v = (torch.randn(2, 3, 6, 4, dtype=torch.float64, requires_grad=True) for _ in range(3))
    mask = torch.tensor([True, True, False, True, False, True]).view(1, 1, 1, 6)  # one mask for the whole batch
    out = cpu_attention(q, k, v, mask, scale=0.3)
    out.sum().backward()
    leaves = [t.detach().clone().requires_grad_() for t in (q, k, v)]
    _reference(*leaves, mask, 0.3).sum().backward()
    assert_close(out, _reference(q.detach(), k.detach(), v.detach(), mask, 0.3), what="output")
    for ours, theirs in zip((q.grad, k.grad, v.grad), leaves):
        assert_close(ours, theirs.grad, what="grad")


def test_gradcheck():
    q, k, v = (torch.randn(1, 2, n, 3, dtype=torch.float64, requires_grad=True) for n in (4, 5, 5))
    mask = torch.tensor([True, True, True, False, True]).view(1, 1, 1, 5)
    assert torch.autograd.gradcheck(lambda a, b, c: cpu_attention(a, b, c, mask), (q, k, v))


def test_a_fully_masked_row_gets_no_gradient():
    q, k, v = (torch.randn(1, 1, 3, 4, requires_grad=True) for _ in range(3))
    mask = torch.ones(1, 1, 3, 3, dtype=torch.bool)
    mask[0, 0, 1] = False  # query 1 may see no key
    out = cpu_attention(q, k, v, mask)
    grad = torch.randn_like(out)
    grad[0, 0, 1] = 0.0  # whatever the forward gives that row, nothing downstream uses it
    out.backward(grad)
    assert all(torch.isfinite(t.grad).all() for t in (q, k, v))
    assert torch.equal(q.grad[0, 0, 1], torch.zeros(4))
    rows = [0, 2]
    leaves = [q.detach()[:, :, rows].clone().requires_grad_(), k.detach().clone().requires_grad_(),
              v.detach().clone().requires_grad_()]
    _reference(*leaves, mask[:, :, rows], 0.5).backward(grad[:, :, rows].double())
    assert_close(q.grad[:, :, rows], leaves[0].grad, what="dq of the visible rows")
    assert_close(k.grad, leaves[1].grad, what="dk")


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16, torch.float64])
@pytest.mark.parametrize("mask_kind", [None, "bool", "additive"])
@pytest.mark.parametrize("shape", SHAPES)
def test_dropout_matches_plain_attention_on_the_same_mask(dtype, mask_kind, shape):
    b, h, lq, lk, d = shape
    p = 0.3
    q, k, v = (torch.randn(b, h, n, d, dtype=dtype, requires_grad=True) for n in (lq, lk, lk))
    mask = _mask(mask_kind, b, lq, lk, dtype)
    grad = torch.randn(b, h, lq, d, dtype=dtype)
    torch.manual_seed(21)
    out = cpu_attention(q, k, v, mask, dropout_p=p)
    out.backward(grad)
    torch.manual_seed(21)
    keep = keep_mask((b, h, lq, lk), p)  # the mask the op drew
    leaves = [t.detach().double().requires_grad_() for t in (q, k, v)]
    ref = _reference(*leaves, mask, d ** -0.5, keep, p)
    ref.backward(grad.double())
    assert out.dtype == dtype and out.shape == (b, h, lq, d)
    assert_close(out, ref, dtype=dtype, atol=2e-2 * float(ref.detach().abs().max()) if dtype == torch.bfloat16 else None,
                 what="output")
    for name, ours, theirs in zip("qkv", (q.grad, k.grad, v.grad), leaves):
        atol = 2e-2 * float(theirs.grad.abs().max()) if dtype == torch.bfloat16 else None
        assert_close(ours, theirs.grad, dtype=dtype, atol=atol, what=f"d{name}")


def test_dropout_drops_and_rescales():
    """Each weight kept with probability 1 − p and scaled by 1 / (1 − p): with v = I the output is the
    weight matrix itself, so the dropped weights and the unbiased mean show directly."""
    lk = 64
    q, k = torch.randn(4, 8, 64, 16), torch.randn(4, 8, lk, 16)
    v = torch.eye(lk).expand(4, 8, lk, lk)
    weights = cpu_attention(q, k, v, dropout_p=0.25)
    plain = cpu_attention(q, k, v)
    dropped = float((weights == 0).float().mean())
    assert abs(dropped - 0.25) < 0.01
    kept = weights != 0
    torch.testing.assert_close(weights[kept], plain[kept] / (1 - round(0.25 * LANES) / LANES), rtol=1e-5, atol=1e-7)


def test_dropout_gradcheck():
    q, k, v = (torch.randn(1, 2, n, 3, dtype=torch.float64, requires_grad=True) for n in (4, 5, 5))
    mask = torch.tensor([True, True, True, False, True]).view(1, 1, 1, 5)

    def seeded(a, b, c):
        torch.manual_seed(4)  # the same mask at every call
        return cpu_attention(a, b, c, mask, dropout_p=0.4)

    assert torch.autograd.gradcheck(seeded, (q, k, v))


@pytest.mark.parametrize("bad", [-0.1, 1.0, 0.999999999, float("nan")])
def test_a_bad_dropout_is_refused(bad):
    q = torch.randn(1, 1, 2, 4)
    with pytest.raises(ValueError, match="dropout_p must be in"):
        cpu_attention(q, q, q, dropout_p=bad)


def test_a_mask_with_gradient_is_refused():
    q = torch.randn(1, 1, 2, 4)
    with pytest.raises(ValueError, match="attn_mask must not require grad"):
        cpu_attention(q, q, q, torch.zeros(1, 1, 2, 2, requires_grad=True))
