"""``infembed.cpu_ops.CpuTrainingOps``: which calls it routes (and which it leaves alone), and the
training step under it: the gradient cache's replay still reproduces the dropout masks (cached =
uncached, fp32 and bf16; a no-replay negative control differs), and the trainer uses it on the CPU
unless ``--no-fast-cpu-ops`` or activation checkpointing."""

from __future__ import annotations

import json

import pytest
import torch
import torch.nn.functional as F
from conftest import make_rows

import infembed.cpu_ops
from infembed.cpu_attention import cpu_attention
from infembed.cpu_ops import CpuTrainingOps
from infembed.data import InfIRRow, make_batch
from infembed.fast_dropout import fast_dropout
from infembed.gradcache import cached_step, prepare_step, uncached_step
from infembed.model import InfEmbed


@pytest.fixture(autouse=True)
def bf16_matmuls_fast(monkeypatch):
    """Route bf16 attention whatever CPU runs the tests (the op is correct everywhere, only slow without
    AMX / AVX512-BF16); the test that needs the other answer patches it back."""
    monkeypatch.setattr(infembed.cpu_ops, "_bf16_matmuls_are_fast", lambda: True)


def test_dropout_is_routed_on_the_cpu():
    x = torch.randn(8, 33)
    with CpuTrainingOps() as ops:
        torch.manual_seed(1)
        routed = F.dropout(x, 0.3, training=True)
        torch.manual_seed(1)
        module = torch.nn.Dropout(0.3).train()(x)  # nn.Dropout calls F.dropout
        unchanged_inplace = F.dropout(x.clone(), p=0.3, inplace=True)  # left to torch: it must write x
    torch.manual_seed(1)
    assert torch.equal(routed, fast_dropout(x, 0.3)) and torch.equal(module, routed)
    assert ops.routed == {"dropout": 2, "attention": 0}
    assert unchanged_inplace.shape == x.shape


def _qkv(dtype, grad=True):
    return [torch.randn(2, 2, 5, 8, dtype=dtype, requires_grad=grad) for _ in range(3)]


def test_attention_is_routed_where_it_helps_and_nowhere_else():
    q, k, v = _qkv(torch.bfloat16)
    with CpuTrainingOps() as ops:
        out = F.scaled_dot_product_attention(q, k, v)
    assert ops.routed["attention"] == 1 and out.grad_fn is not None
    assert "CpuAttention" in type(out.grad_fn).__name__
    assert torch.equal(out, cpu_attention(q, k, v))

    routed = {
        "bf16 with gradient": (_qkv(torch.bfloat16), {}),
        "bf16 with dropout": (_qkv(torch.bfloat16), {"dropout_p": 0.1}),
        "bf16 with dropout, no gradient": (_qkv(torch.bfloat16, grad=False), {"dropout_p": 0.1}),
        "fp32 with dropout": (_qkv(torch.float32), {"dropout_p": 0.1}),
        "fp32 with dropout, no gradient": (_qkv(torch.float32, grad=False), {"dropout_p": 0.1}),
    }
    left_alone = {
        "fp32 without dropout": (_qkv(torch.float32), {}),
        "bf16 without dropout or gradient": (_qkv(torch.bfloat16, grad=False), {}),
        "causal": (_qkv(torch.bfloat16), {"is_causal": True, "dropout_p": 0.1}),
        "mask with grad": (_qkv(torch.bfloat16), {"attn_mask": torch.zeros(5, 5, dtype=torch.bfloat16,
                                                                             requires_grad=True)}),
        "fp16": (_qkv(torch.float16), {"dropout_p": 0.1}),
    }
    for expected, cases in ((1, routed), (0, left_alone)):
        for what, (tensors, kwargs) in cases.items():
            with CpuTrainingOps() as ops:
                F.scaled_dot_product_attention(*tensors, **kwargs)
            assert ops.routed["attention"] == expected, what
    with torch.no_grad(), CpuTrainingOps() as ops:
        F.scaled_dot_product_attention(q, k, v)
    assert ops.routed["attention"] == 0


def test_routed_dropout_attention_draws_the_ops_mask():
    q, k, v = _qkv(torch.float32)
    with CpuTrainingOps():
        torch.manual_seed(2)
        routed = F.scaled_dot_product_attention(q, k, v, dropout_p=0.2)
    torch.manual_seed(2)
    assert torch.equal(routed, cpu_attention(q, k, v, dropout_p=0.2))


def test_bf16_attention_stays_with_torch_without_fast_bf16_matmuls(monkeypatch):
    monkeypatch.setattr(infembed.cpu_ops, "_bf16_matmuls_are_fast", lambda: False)
    q, k, v = _qkv(torch.bfloat16)
    with CpuTrainingOps() as ops:
        F.scaled_dot_product_attention(q, k, v)
        F.scaled_dot_product_attention(q, k, v, dropout_p=0.1)
        F.dropout(q, 0.1)
    assert ops.routed == {"dropout": 1, "attention": 0}


def _step(tiny_bert_dir, cached, amp=False, replay=True, attention_dropout=0.0):
    from infembed.train import set_attention_dropout

    model = InfEmbed.from_pretrained(str(tiny_bert_dir)).train()  # hidden dropout 0.1 on
    set_attention_dropout(model, attention_dropout)
    rows = [InfIRRow(**r) for r in make_rows(6)]
    inputs = prepare_step(model, make_batch(rows, list(range(6))), variant="multi:P+I+IQ", mini_batch_size=5,
                          num_instruction_negatives=2, generator=torch.Generator().manual_seed(7))
    torch.manual_seed(123)
    with CpuTrainingOps() as ops:
        if cached:
            loss = cached_step(model, inputs, variant="multi:P+I+IQ", temperature=0.05, amp=amp, replay_rng=replay)
        else:
            loss = uncached_step(model, inputs, variant="multi:P+I+IQ", temperature=0.05, amp=amp)
    grads = torch.cat([p.grad.flatten() for p in model.parameters() if p.grad is not None])
    return float(loss), grads, ops.routed


@pytest.mark.parametrize("attention_dropout", [0.0, 0.1])
@pytest.mark.parametrize("amp", [False, True], ids=["fp32", "bf16"])
def test_gradient_cache_replays_the_fast_dropout_masks(tiny_bert_dir, amp, attention_dropout):
    loss_u, g_u, routed = _step(tiny_bert_dir, cached=False, amp=amp, attention_dropout=attention_dropout)
    loss_c, g_c, _ = _step(tiny_bert_dir, cached=True, amp=amp, attention_dropout=attention_dropout)
    _, g_bad, _ = _step(tiny_bert_dir, cached=True, amp=amp, replay=False,
                        attention_dropout=attention_dropout)  # negative control
    # the fast paths really ran: dropout always; attention in bf16, and in fp32 with its dropout on
    assert routed["dropout"] > 0 and (routed["attention"] > 0) == (amp or attention_dropout > 0)
    assert loss_c == pytest.approx(loss_u, rel=1e-5)

    def rel(g):
        return float((g - g_u).norm() / g_u.norm())

    assert rel(g_c) <= (5e-3 if amp else 1e-5) and rel(g_bad) >= 20 * rel(g_c), (rel(g_c), rel(g_bad))


@pytest.mark.parametrize("fast", [True, False])
def test_trainer_uses_the_fast_ops_on_the_cpu_unless_told_not_to(tiny_bert_dir, rows_file, tmp_path, monkeypatch, fast):
    import infembed.train
    from infembed.recipe import TrainConfig
    from infembed.train import Trainer

    entered = []

    class Spy(CpuTrainingOps):
        def __enter__(self):
            entered.append(self)
            return super().__enter__()

    monkeypatch.setattr(infembed.train, "CpuTrainingOps", Spy)
    cfg = TrainConfig(data=str(rows_file), model=str(tiny_bert_dir), out=str(tmp_path / "m"), loss="P", batch_size=4,
                      mini_batch_size=5, steps=2, device="cpu", precision="bf16", fast_cpu_ops=fast,
                      attention_dropout=0.0, show_progress_bar=False)
    Trainer(cfg).fit()
    losses = [json.loads(line)["loss"] for line in (tmp_path / "m" / "metrics.jsonl").read_text().splitlines()]
    assert len(losses) == 2 and all(loss == loss for loss in losses)  # finite, not nan
    if fast:
        assert len(entered) == 2 and all(ops.routed["dropout"] > 0 and ops.routed["attention"] > 0 for ops in entered)
    else:
        assert entered == []


def test_not_with_activation_checkpointing(tiny_bert_dir, rows_file, tmp_path):
    """Checkpointing recomputes the forward inside backward, outside the mode: torch's dropout would
    draw other masks there, so the trainer keeps torch's ops (and the masks consistent)."""
    from infembed.recipe import TrainConfig
    from infembed.train import Trainer

    cfg = TrainConfig(data=str(rows_file), model=str(tiny_bert_dir), out=str(tmp_path / "m"), loss="P", batch_size=4,
                      mini_batch_size=5, steps=1, device="cpu", gradient_checkpointing=True, show_progress_bar=False)
    trainer = Trainer(cfg)
    assert trainer.fast_cpu_ops is False
    trainer.fit()  # recomputation checks pass (with the mode on they raise CheckpointError)


def test_cli_has_the_switch(tmp_path):
    from typer.testing import CliRunner

    from infembed.cli import app

    res = CliRunner().invoke(app, ["train", "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0 and "--no-fast-cpu-ops" in res.output
