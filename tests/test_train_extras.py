"""Training engine extras: gradient checkpointing under the cached step, the loss backend the step
goes through (the ``infembed.kernels`` dispatcher, fused on CUDA), and ``infembed train`` with and
without gradient caching giving the same loss curve."""

from __future__ import annotations

import json

import infembed.kernels
import pytest
import torch
from conftest import make_rows

import infembed.losses
from infembed.data import InfIRRow, make_batch
from infembed.gradcache import cached_step, prepare_step
from infembed.model import InfEmbed


@pytest.fixture(scope="module")
def tiny_bert_no_dropout(make_tiny_bert):
    """The tiny BERT with dropout 0: cached and uncached runs must then agree step after step,
    whatever the train/eval mode."""
    return make_tiny_bert(0.0)


@pytest.fixture
def rows8(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in make_rows(8)))
    return path


def _grads(model) -> dict[str, torch.Tensor]:
    return {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


# --------------------------------------------------------------------------- gradient checkpointing


def _trainer_step(rows_path, model_dir, out, checkpointing: bool):
    """One Trainer step (no clipping, so ``.grad`` is the raw step gradient); counts layer forwards."""
    from infembed.train import TrainConfig, Trainer

    cfg = TrainConfig(data=str(rows_path), model=str(model_dir), out=str(out), loss="multi:P+IQ", batch_size=4,
                      mini_batch_size=5, steps=1, max_grad_norm=0.0, gradient_checkpointing=checkpointing,
                      device="cpu", show_progress_bar=False)
    trainer = Trainer(cfg)
    # A module *inside* the layer: transformers checkpoints the layer's forward, keeping the layer's own
    # hooks outside the checkpoint, so only inner modules are seen again when backward recomputes.
    inner = trainer.model.backbone.encoder.layer[0].intermediate
    calls = []
    handle = inner.register_forward_hook(lambda *_: calls.append(torch.is_grad_enabled()))
    try:
        loss = trainer.train_step(list(range(4)))
    finally:
        handle.remove()
    return trainer, loss, _grads(trainer.model), calls


def test_gradient_checkpointing_with_cached_step_gives_same_grads(rows8, tiny_bert_no_dropout, tmp_path):
    t_plain, loss_plain, g_plain, calls_plain = _trainer_step(rows8, tiny_bert_no_dropout, tmp_path / "a", False)
    t_ckpt, loss_ckpt, g_ckpt, calls_ckpt = _trainer_step(rows8, tiny_bert_no_dropout, tmp_path / "b", True)

    assert not t_plain.model.backbone.is_activation_checkpointing
    assert t_ckpt.model.backbone.is_activation_checkpointing and t_ckpt.model.training
    # 12 queries + 12 passages in mini-batches of 5 → 6 chunks; the plain cached step runs the layer
    # twice per chunk (no-grad embed, replay); checkpointing recomputes it once more inside backward.
    assert len(calls_plain) == 12
    assert len(calls_ckpt) == 18, calls_ckpt

    assert loss_ckpt == pytest.approx(loss_plain, rel=1e-6)
    assert g_plain.keys() == g_ckpt.keys() and len(g_plain) > 10
    for name in g_plain:
        torch.testing.assert_close(g_ckpt[name], g_plain[name], rtol=1e-5, atol=1e-7,
                                   msg=lambda m, n=name: f"{n}: {m}")


def test_gradient_checkpointing_with_dropout_keeps_replay_exact(tiny_bert_dir):
    """Dropout on: checkpoint recomputation restores the RNG it saved, so the masks still match."""
    from infembed.train import enable_gradient_checkpointing

    results = []
    for checkpointing in (False, True):
        model = InfEmbed.from_pretrained(str(tiny_bert_dir))
        if checkpointing:
            enable_gradient_checkpointing(model)
        model.train()
        rows = [InfIRRow(**r) for r in make_rows(4)]
        inputs = prepare_step(model, make_batch(rows, list(range(4))), variant="P", mini_batch_size=5)
        torch.manual_seed(5)
        loss = cached_step(model, inputs, variant="P", temperature=0.05)
        results.append((float(loss), _grads(model)))
    (loss_a, g_a), (loss_b, g_b) = results
    assert loss_b == pytest.approx(loss_a, rel=1e-6)
    for name in g_a:
        torch.testing.assert_close(g_b[name], g_a[name], rtol=1e-5, atol=1e-7, msg=lambda m, n=name: f"{n}: {m}")


# --------------------------------------------------------------------------- loss backend


def _cached_loss(model_dir, variant="multi:P+IQ") -> float:
    model = InfEmbed.from_pretrained(str(model_dir)).eval()
    rows = [InfIRRow(**r) for r in make_rows(4)]
    inputs = prepare_step(model, make_batch(rows, list(range(4))), variant=variant, mini_batch_size=5)
    return float(cached_step(model, inputs, variant=variant, temperature=0.05))


def test_cached_step_goes_through_the_kernel_dispatcher(tiny_bert_no_dropout, monkeypatch):
    # The loss module holds the dispatcher itself (not the reference), so the backend is chosen per call.
    assert infembed.losses.contrastive_lse is infembed.kernels.contrastive_lse
    calls = []
    real = infembed.kernels.contrastive_lse

    def counting(x, p, scale, **kw):
        calls.append((tuple(x.shape), tuple(p.shape), kw))
        return real(x, p, scale, **kw)

    monkeypatch.setattr(infembed.losses, "contrastive_lse", counting)
    _cached_loss(tiny_bert_no_dropout)
    # multi:P+IQ on 12 pairs: one fused call gives QK row LSEs and the KQ column LSEs.
    assert calls == [((12, 32), (12, 32), {"with_cols": True, "mask_diagonal_in_cols": False})]


def test_dispatcher_picks_the_fused_kernel_when_triton_applies(tiny_bert_no_dropout, monkeypatch):
    """Simulate CUDA: with ``use_triton`` true, the step's loss goes to ``kernels.contrastive``."""
    pytest.importorskip("triton")
    import infembed.kernels.contrastive as fused_module

    expected = _cached_loss(tiny_bert_no_dropout)
    fused_calls = []

    def fake_fused(x, p, scale, **kw):  # stands in for the Triton launcher (CPU has no GPU to launch on)
        fused_calls.append(tuple(x.shape))
        return infembed.kernels.contrastive_lse_reference(x, p, scale, **kw)

    import infembed.kernels.ops as ops

    monkeypatch.setattr(ops, "use_triton", lambda *tensors: True)
    monkeypatch.setattr(fused_module, "contrastive_lse", fake_fused)
    got = _cached_loss(tiny_bert_no_dropout)
    assert fused_calls == [(12, 32)]
    assert got == pytest.approx(expected, rel=1e-6)

    monkeypatch.setenv("INFEMBED_FORCE_REFERENCE", "1")  # the escape hatch wins over the fused path
    monkeypatch.setattr(ops, "use_triton", infembed.kernels.utils.use_triton)
    _cached_loss(tiny_bert_no_dropout)
    assert fused_calls == [(12, 32)]


@pytest.mark.gpu
def test_cached_step_uses_the_fused_kernel_on_cuda(tiny_bert_no_dropout, monkeypatch):
    import infembed.kernels.contrastive as fused_module

    calls = []
    real = fused_module.contrastive_lse

    def counting(*a, **kw):
        calls.append(1)
        return real(*a, **kw)

    monkeypatch.setattr(fused_module, "contrastive_lse", counting)
    model = InfEmbed.from_pretrained(str(tiny_bert_no_dropout)).to("cuda").eval()
    rows = [InfIRRow(**r) for r in make_rows(4)]
    inputs = prepare_step(model, make_batch(rows, list(range(4))), variant="P", mini_batch_size=5)
    loss = cached_step(model, inputs, variant="P", temperature=0.05, amp=True)
    assert torch.isfinite(loss) and calls == [1]


# --------------------------------------------------------------------------- CLI: cached == uncached


def test_cli_train_cached_and_uncached_give_the_same_loss_curve(rows8, tiny_bert_no_dropout, tmp_path):
    from typer.testing import CliRunner

    from infembed.cli import app

    curves = {}
    for mini in (0, 5):
        out = tmp_path / f"mini{mini}"
        result = CliRunner().invoke(app, [
            "train", "--data", str(rows8), "--model", str(tiny_bert_no_dropout), "--out", str(out),
            "--batch-size", "4", "--mini-batch-size", str(mini), "--steps", "3", "--lr", "1e-3",
            "--warmup-steps", "0", "--loss", "multi:P+I+IQ", "--instruction-negatives", "2", "--device", "cpu"])
        assert result.exit_code == 0, (result.output, result.exception)
        records = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
        curves[mini] = [r["loss"] for r in records]
    assert len(curves[0]) == 3
    assert curves[5] == pytest.approx(curves[0], rel=1e-5), curves
    assert len(set(curves[0])) == 3, "the parameters must change between steps for the curve to mean anything"


# --------------------------------------------------------------------------- the GPU benchmark script


@pytest.mark.slow
def test_gpu_train_script_cpu_smoke(tmp_path):
    """``bench/gpu_train.py`` runs unattended on the GPU machine: its whole flow (OOM search, ST
    comparison, flatness, largest batch, sorted probe) is exercised here at tiny sizes."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "bench" / "gpu_train.py"
    out = tmp_path / "smoke.json"
    cmd = [sys.executable, str(script), "--cpu-smoke", "--fake-oom-rows", "4", "--budget-s", "400", "--json", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(out.read_text())
    assert got["uncached_oom_rows"] == 4 and got["p2_ratio"]["rows"] == 2
    assert got["p2_ratio"]["ratio"] > 0 and got["st"]["ratio"] > 0
    assert {"2", "4", "8", "16", "32"} <= set(got["cached"]), got["cached"].keys()
    assert "| measure | shape | result | target | met |" in proc.stdout


# --------------------------------------------------------------------------- CLI options from TrainConfig


def test_cli_options_are_trainconfig_fields_with_its_defaults():
    import dataclasses

    import typer

    from infembed.cli import app
    from infembed.recipe import cli_fields
    from infembed.train import TrainConfig

    fields = {f.name: f for f in dataclasses.fields(TrainConfig)}
    cmd = typer.main.get_command(app).commands["train"]
    params = {p.name: p for p in cmd.params if p.name != "help"}
    assert list(params) == [f.name for f in cli_fields()] and set(params) <= set(fields)
    assert {n for n, p in params.items() if p.required} == {"data", "out"}
    for name, param in params.items():
        if not param.required:
            assert param.default == fields[name].default, name
    assert [n for n, p in params.items() if p.hidden] == ["stop_after"]


def test_train_defaults_are_the_reference_recipe():
    from infembed.train import TrainConfig

    c = TrainConfig()
    assert (c.query_max_length, c.passage_max_length, c.lr, c.epochs, c.warmup_steps, c.weight_decay,
            c.instruction_negatives, c.seed, c.temperature) == (256, 512, 5e-5, 2.0, 0, 0.0, 5, 42, 0.05)


def test_train_help_shows_every_option_with_its_default():
    from typer.testing import CliRunner

    from infembed.cli import app
    from infembed.recipe import cli_fields

    res = CliRunner().invoke(app, ["train", "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    for f in cli_fields():
        flag = "--" + f.name.replace("_", "-")
        if f.metadata.get("hidden"):
            assert flag not in text
            continue
        assert flag in text and " ".join(f.metadata["help"].split()) in text, flag
        if not f.metadata.get("required") and f.default != "" and not isinstance(f.default, bool):
            assert f"[default: {f.default}]" in text, flag


def test_training_a_trained_model_keeps_its_own_mode_and_template(rows8, tiny_bert_no_dropout, tmp_path):
    """--mode/--query-template left out: a model dir keeps what it was trained with (the recipe's
    defaults used to overwrite it with joint and '{query} {instruction}')."""
    from infembed.train import TrainConfig, Trainer

    first = tmp_path / "first"
    InfEmbed.from_pretrained(str(tiny_bert_no_dropout), mode="iq_attention",
                             query_template="Q: {query} I: {instruction}").save_pretrained(first)
    cfg = TrainConfig(data=str(rows8), model=str(first), out=str(tmp_path / "again"), loss="P", batch_size=4,
                      mini_batch_size=0, steps=1, device="cpu", show_progress_bar=False)
    kept = Trainer(cfg).model.config
    assert (kept.mode, kept.query_template) == ("iq_attention", "Q: {query} I: {instruction}")
    cfg.mode, cfg.query_template = "joint", "{instruction} {query}"
    chosen = Trainer(cfg).model.config
    assert (chosen.mode, chosen.query_template) == ("joint", "{instruction} {query}")
