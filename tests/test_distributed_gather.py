"""Distributed helpers: the local fallback, and a real 2-process gloo run showing that the gathered,
world-size-scaled loss with DDP-style gradient averaging equals one process on the global batch."""

from __future__ import annotations

import datetime
import warnings

import pytest
import torch
import torch.nn.functional as F

from infembed import distributed
from infembed.losses import contrastive_loss


def test_local_fallback_returns_input_and_warns_once(monkeypatch):
    monkeypatch.setattr(distributed, "_WARNED", set())
    t = torch.randn(3, 4, requires_grad=True)
    assert not distributed.is_distributed()
    assert distributed.rank() == 0 and distributed.world_size() == 1
    with pytest.warns(RuntimeWarning, match="not initialised"):
        out = distributed.gather_with_grad(t)
    assert out is t
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a second warning would raise here
        assert distributed.gather_with_grad(t) is t
    with pytest.warns(RuntimeWarning, match="gather_object"):
        assert distributed.gather_object({"a": 1}) == [{"a": 1}]
    m = distributed.all_reduce_mean(t)
    assert torch.equal(m, t.detach()) and not m.requires_grad


def test_loss_without_process_group_does_not_warn(monkeypatch):
    monkeypatch.setattr(distributed, "_WARNED", set())
    x = F.normalize(torch.randn(4, 8), dim=-1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        contrastive_loss(x, x.clone(), gather=True)


B_GLOBAL, D_IN, D, K1, N_EXTRA = 8, 12, 6, 3, 2


def _data():
    g = torch.Generator().manual_seed(123)
    enc_q = torch.nn.Linear(D_IN, D).double()
    enc_p = torch.nn.Linear(D_IN, D).double()
    with torch.no_grad():
        for prm in (*enc_q.parameters(), *enc_p.parameters()):
            prm.copy_(torch.randn(prm.shape, generator=g, dtype=torch.float64))
    inp_q = torch.randn(B_GLOBAL, D_IN, generator=g, dtype=torch.float64)
    inp_p = torch.randn(B_GLOBAL, D_IN, generator=g, dtype=torch.float64)
    inp_v = torch.randn(B_GLOBAL, K1, D_IN, generator=g, dtype=torch.float64)
    inp_e = torch.randn(2 * N_EXTRA, D_IN, generator=g, dtype=torch.float64)  # extra negatives
    return enc_q, enc_p, inp_q, inp_p, inp_v, inp_e


def _worker(rank: int, world: int, init_file: str) -> None:
    import torch.distributed as dist

    dist.init_process_group(
        "gloo", init_method=f"file://{init_file}", rank=rank, world_size=world,
        timeout=datetime.timedelta(seconds=30),
    )
    try:
        _check(rank, world)
    finally:
        dist.destroy_process_group()


def _check(rank: int, world: int) -> None:
    import torch.distributed as dist

    enc_q, enc_p, inp_q, inp_p, inp_v, inp_e = _data()
    params = [*enc_q.parameters(), *enc_p.parameters()]
    b = B_GLOBAL // world
    sl = slice(rank * b, (rank + 1) * b)
    es = slice(rank * N_EXTRA, (rank + 1) * N_EXTRA)

    def embed(q, p, v, e):
        x = F.normalize(enc_q(q), dim=-1)
        pp = F.normalize(enc_p(torch.cat([p, e])), dim=-1)
        return x, pp, F.normalize(enc_q(v), dim=-1)

    for variant, extras in (("multi:P+I+IQ", False), ("uni:P+I+IQ", True), ("IQ", False)):
        # Reference: one process, whole global batch, no gathering.
        e_all = inp_e if extras else inp_e[:0]
        for prm in params:
            prm.grad = None
        x, p, v = embed(inp_q, inp_p, inp_v, e_all)
        x.retain_grad(), p.retain_grad(), v.retain_grad()
        ref = contrastive_loss(x, p, variant=variant, instruction_variants=v, gather=False)
        ref.backward()
        ref_param_grads = [prm.grad.clone() for prm in params]
        uses_i = v.grad is not None  # "IQ" ignores the instruction variants
        ref_gx, ref_gp = x.grad[sl], p.grad[sl]
        ref_gv = v.grad[sl] if uses_i else None
        ref_ge = p.grad[B_GLOBAL:][es]  # this rank's extra negatives (gathered after all positives)

        # Distributed: this rank's half, gathered; grads averaged over ranks as DDP does.
        for prm in params:
            prm.grad = None
        e_loc = inp_e[es] if extras else inp_e[:0]
        x, p, v = embed(inp_q[sl], inp_p[sl], inp_v[sl], e_loc)
        x.retain_grad(), p.retain_grad(), v.retain_grad()
        loss = contrastive_loss(x, p, variant=variant, instruction_variants=v, gather=True)
        loss.backward()
        for prm in params:
            dist.all_reduce(prm.grad)
            prm.grad /= world

        torch.testing.assert_close(loss / world, ref, msg=f"{variant}: loss")
        torch.testing.assert_close(distributed.all_reduce_mean(loss) / world, ref.detach())
        # Embedding grads: this rank's slice, scaled by W, then averaged (÷W) as DDP would.
        torch.testing.assert_close(x.grad / world, ref_gx, msg=f"{variant}: dx")
        torch.testing.assert_close(p.grad[:b] / world, ref_gp, msg=f"{variant}: dp")
        if uses_i:
            torch.testing.assert_close(v.grad / world, ref_gv, msg=f"{variant}: dv")
        else:
            assert v.grad is None
        torch.testing.assert_close(p.grad[b:] / world, ref_ge, msg=f"{variant}: d extra negatives")
        for got, want in zip(params, ref_param_grads, strict=True):
            torch.testing.assert_close(got.grad, want, msg=f"{variant}: parameter gradient")

    assert distributed.gather_object(rank) == list(range(world))
    # Unequal local batch sizes: a clear error on every rank, not a hang.
    t = torch.zeros(3 + rank, 2)
    with pytest.raises(ValueError, match="same tensor shape on every rank"):
        distributed.gather_with_grad(t)


@pytest.mark.distributed
def test_two_process_gather_matches_single_process(tmp_path):
    import torch.multiprocessing as mp

    mp.spawn(_worker, args=(2, str(tmp_path / "init")), nprocs=2, join=True)
