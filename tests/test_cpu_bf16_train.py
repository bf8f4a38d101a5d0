"""bf16 autocast training on the CPU (fp32 master weights, AMX / AVX512-BF16 GEMMs through oneDNN):
the cached step still equals the uncached one (RNG replay included, with its negative control),
its gradients stay close to fp32's, and ``infembed train --precision bf16`` runs it on the CPU."""

from __future__ import annotations

import json
import math

import pytest
import torch
from conftest import make_rows

from infembed.data import InfIRRow, make_batch
from infembed.gradcache import cached_step, prepare_step, uncached_step
from infembed.model import InfEmbed


def _grads(model) -> dict[str, torch.Tensor]:
    return {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


def _step(model_dir, *, amp: bool, cached: bool, replay: bool = True, train: bool = True, variant: str = "P"):
    model = InfEmbed.from_pretrained(str(model_dir)).train(train)
    batch = make_batch([InfIRRow(**r) for r in make_rows(5)], list(range(5)))  # 15 pairs (odd chunks of 4)
    inputs = prepare_step(model, batch, variant=variant, mini_batch_size=4, num_instruction_negatives=2,
                          generator=torch.Generator().manual_seed(7))
    torch.manual_seed(123)
    model.zero_grad()
    if cached:
        loss = cached_step(model, inputs, variant=variant, temperature=0.05, amp=amp, replay_rng=replay)
    else:
        loss = uncached_step(model, inputs, variant=variant, temperature=0.05, amp=amp)
    assert all(p.dtype == torch.float32 for p in model.parameters())  # fp32 master weights
    return float(loss), _grads(model)


def _flat(g: dict[str, torch.Tensor]) -> torch.Tensor:
    return torch.cat([g[n].flatten() for n in sorted(g)])


@pytest.mark.parametrize("variant", ["P", "multi:P+I+IQ"])
def test_bf16_cached_step_equals_uncached_step_on_cpu(tiny_bert_dir, variant):
    """Same bf16 forwards (dropout replayed), so the gradients agree to fp32 accumulation order."""
    loss_u, g_u = _step(tiny_bert_dir, amp=True, cached=False, variant=variant)
    loss_c, g_c = _step(tiny_bert_dir, amp=True, cached=True, variant=variant)
    assert loss_c == pytest.approx(loss_u, rel=1e-5)
    assert g_u.keys() == g_c.keys() and len(g_u) > 10
    # bf16 backward: the two graphs round some activation gradients differently, so compare the whole
    # gradient by its relative error in norm, against the negative control's error
    _, g_bad = _step(tiny_bert_dir, amp=True, cached=True, replay=False, variant=variant)  # no RNG replay
    ref = _flat(g_u)

    def rel(g):
        return float((_flat(g) - ref).norm() / ref.norm())

    assert rel(g_c) <= 5e-3 and rel(g_bad) >= 20 * rel(g_c), (rel(g_c), rel(g_bad))


def test_bf16_gradients_close_to_fp32_on_cpu(tiny_bert_dir):
    """Dropout off (eval mode): the bf16 autocast step's loss and gradient direction match fp32's."""
    loss32, g32 = _step(tiny_bert_dir, amp=False, cached=True, train=False)
    loss16, g16 = _step(tiny_bert_dir, amp=True, cached=True, train=False)
    assert loss16 != loss32  # really bf16
    assert loss16 == pytest.approx(loss32, rel=2e-2)
    a, b = _flat(g16), _flat(g32)
    assert float(torch.nn.functional.cosine_similarity(a, b, dim=0)) >= 0.99


def test_train_precision_bf16_on_cpu(tiny_bert_dir, rows_file, tmp_path):
    """``--precision bf16`` on the CPU: autocast on, recorded in the run settings, losses finite and
    close to the fp32 run's from the same seed (same batches, negatives and dropout masks)."""
    from infembed.recipe import TrainConfig
    from infembed.train import Trainer

    losses = {}
    for prec in ("fp32", "bf16"):
        cfg = TrainConfig(data=str(rows_file), model=str(tiny_bert_dir), out=str(tmp_path / prec), loss="P",
                          batch_size=4, mini_batch_size=5, steps=3, precision=prec, device="cpu",
                          show_progress_bar=False)
        trainer = Trainer(cfg)
        assert trainer.amp == (prec == "bf16") and trainer.run_settings()["precision"] == prec
        trainer.fit()
        losses[prec] = [json.loads(line)["loss"] for line in (tmp_path / prec / "metrics.jsonl").read_text().splitlines()]
    assert len(losses["bf16"]) == 3 and all(math.isfinite(x) for x in losses["bf16"])
    for a, b in zip(losses["bf16"], losses["fp32"]):
        assert a == pytest.approx(b, rel=5e-2)
