"""``infembed.fast_dropout``: the mask's distribution (per lane of a 64-bit draw, so a biased lane
shows), the op against the plain formula ``x · keep / (1 − p)`` on the same mask (outputs and
gradients, per dtype, odd sizes), gradcheck, seeding, and the edge values of ``p``."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from conftest import assert_close

from infembed.fast_dropout import LANES, fast_dropout, keep_mask


def _reference(x: torch.Tensor, keep: torch.Tensor, p: float) -> torch.Tensor:
    """What dropout is, given its mask: kept elements scaled by 1 / (1 − p), the rest 0 (p rounded as documented)."""
    p_used = round(p * LANES) / LANES
    return x * keep.to(x.dtype) / (1 - p_used)


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_every_lane_keeps_with_probability_one_minus_p(p):
    n = 1_000_003  # prime: the last 64-bit word is only partly used
    keep = keep_mask((n,), p)
    assert keep.shape == (n,) and keep.dtype == torch.bool
    sigma = math.sqrt(p * (1 - p) / n)
    assert abs(float(keep.float().mean()) - (1 - p)) < 5 * sigma
    # each of the four 16-bit lanes of a draw on its own (a lane missing its sign bit would keep far more)
    per_lane = keep[: n - n % 4].view(-1, 4).float().mean(0)
    lane_sigma = math.sqrt(p * (1 - p) / (n // 4))
    assert (per_lane - (1 - p)).abs().max() < 5 * lane_sigma, per_lane
    # neighbours independent: both kept as often as (1 - p)²
    both = float((keep[0:-1:2] & keep[1::2]).float().mean())
    assert abs(both - (1 - p) ** 2) < 5 * math.sqrt((1 - p) ** 2 * (1 - (1 - p) ** 2) / (n // 2))


def test_output_is_unbiased():
    x = torch.ones(400_009)
    y = fast_dropout(x, 0.3)
    assert abs(float(y.mean()) - 1.0) < 5 * math.sqrt(0.3 / 0.7 / x.numel())
    values = torch.unique(y).tolist()
    assert len(values) == 2 and values[0] == 0.0
    assert values[1] == pytest.approx(1 / (1 - round(0.3 * LANES) / LANES), rel=1e-6)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16, torch.float64])
@pytest.mark.parametrize("shape", [(1,), (7,), (3, 13, 5), (2, 97, 33)])
@pytest.mark.parametrize("p", [0.1, 0.37])
def test_matches_the_formula_on_the_same_mask(dtype, shape, p):
    x = torch.randn(shape, dtype=dtype, requires_grad=True)
    grad = torch.randn(shape, dtype=dtype)
    torch.manual_seed(11)
    y = fast_dropout(x, p)
    y.backward(grad)
    torch.manual_seed(11)
    keep = keep_mask(shape, p)  # the mask the op drew
    x_ref = x.detach().clone().requires_grad_()
    y_ref = _reference(x_ref, keep, p)
    y_ref.backward(grad)
    assert y.dtype == dtype and y.shape == x.shape
    assert_close(y, y_ref, what="output")
    assert_close(x.grad, x_ref.grad, what="grad")
    assert torch.equal(y == 0, ~keep | (x.detach() == 0))


def test_gradcheck():
    x = torch.randn(5, 11, dtype=torch.float64, requires_grad=True)

    def seeded(t):
        torch.manual_seed(3)  # gradcheck calls the function many times: same mask each time
        return fast_dropout(t, 0.4)

    assert torch.autograd.gradcheck(seeded, (x,))


def test_same_seed_same_mask_other_seed_other_mask():
    x = torch.randn(64, 33)
    torch.manual_seed(5)
    a = fast_dropout(x, 0.5)
    torch.manual_seed(5)
    b = fast_dropout(x, 0.5)
    torch.manual_seed(6)
    c = fast_dropout(x, 0.5)
    assert torch.equal(a, b) and not torch.equal(a, c)


def test_distribution_matches_f_dropout():
    """Same law as the reference op: the fraction kept and the kept value agree with F.dropout's."""
    x = torch.full((200_003,), 2.0)
    ours, theirs = fast_dropout(x, 0.25), F.dropout(x, 0.25, training=True)
    assert abs(float((ours == 0).float().mean()) - float((theirs == 0).float().mean())) < 0.01
    assert float(ours[ours != 0][0]) == pytest.approx(float(theirs[theirs != 0][0]), rel=1e-4)


def test_edge_values_of_p():
    x = torch.randn(9, 4, requires_grad=True)
    assert fast_dropout(x, 0.0) is x and fast_dropout(x, 0.5, training=False) is x
    y = fast_dropout(x, 1.0)
    y.sum().backward()
    assert torch.equal(y, torch.zeros_like(x)) and torch.equal(x.grad, torch.zeros_like(x))
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="between 0 and 1"):
            fast_dropout(x, bad)
