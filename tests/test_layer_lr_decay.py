"""Layer-wise learning-rate decay (``--layer-lr-decay``): the parameter groups against an independent
per-name oracle, the first AdamW step of a real ``Trainer`` run, exact resume, and bad values."""

from __future__ import annotations

import json
import math
import subprocess

import pytest
import torch
from conftest import make_rows
from test_train import _checkpoint_without_setting, _env, _params, _train_cmd
from torch import nn

from infembed.recipe import TrainConfig
from infembed.train import Trainer, param_groups


def _lr_of(groups: list[dict]) -> dict[int, tuple[float, float]]:
    """id(parameter) → (lr, weight decay); every parameter must sit in exactly one group."""
    seen: dict[int, tuple[float, float]] = {}
    for g in groups:
        for p in g["params"]:
            assert id(p) not in seen, "a parameter in two groups"
            seen[id(p)] = (g.get("lr"), g["weight_decay"])
    return seen


class _Decoderish(nn.Module):
    """Parameter names as Llama / GPT-2 style checkpoints spell them (``layers.N`` / ``h.N``), 3 layers."""

    def __init__(self) -> None:
        super().__init__()
        self.model = nn.ModuleDict({"embed_tokens": nn.Embedding(10, 4),
                                    "layers": nn.ModuleList(nn.Linear(4, 4) for _ in range(3)),
                                    "norm": nn.LayerNorm(4)})


def test_groups_follow_depth_on_bert_names(tiny_bert_dir):
    from infembed.model import InfEmbed

    model = InfEmbed.from_pretrained(str(tiny_bert_dir))  # 2 layers: layer.0, layer.1
    lr, d = 1e-3, 0.5
    got = _lr_of(param_groups(model, lr=lr, weight_decay=0.01, layer_lr_decay=d))
    named = dict(model.named_parameters())
    assert set(got) == {id(p) for p in named.values()}
    for name, p in named.items():  # written out per name, not from the regex under test
        if ".encoder.layer.1." in name:
            want = lr
        elif ".encoder.layer.0." in name:
            want = lr * d
        elif ".embeddings." in name:
            want = lr * d * d
        else:  # pooler
            assert ".pooler." in name, name
            want = lr
        assert math.isclose(got[id(p)][0], want), name
        assert got[id(p)][1] == (0.01 if p.ndim >= 2 else 0.0), name


def test_groups_follow_depth_on_decoder_names():
    model = _Decoderish()
    got = _lr_of(param_groups(model, lr=1.0, weight_decay=0.0, layer_lr_decay=0.1))
    layers = model.model["layers"]
    for i, want in ((2, 1.0), (1, 0.1), (0, 0.01)):
        assert math.isclose(got[id(layers[i].weight)][0], want) and math.isclose(got[id(layers[i].bias)][0], want)
    assert math.isclose(got[id(model.model["embed_tokens"].weight)][0], 1e-3)
    assert got[id(model.model["norm"].weight)][0] == 1.0  # the final norm trains with the top layer


def test_no_decay_keeps_the_two_plain_groups(tiny_bert_dir):
    from infembed.model import InfEmbed

    model = InfEmbed.from_pretrained(str(tiny_bert_dir))
    groups = param_groups(model, lr=1e-3, weight_decay=0.02)
    assert [g["weight_decay"] for g in groups] == [0.02, 0.0] and all("lr" not in g for g in groups)
    assert [id(p) for p in groups[0]["params"]] == [id(p) for p in model.parameters() if p.ndim >= 2]
    assert [id(p) for p in groups[1]["params"]] == [id(p) for p in model.parameters() if p.ndim < 2]


def test_model_without_numbered_layers_is_refused():
    with pytest.raises(ValueError, match=r"--layer-lr-decay 0\.8: no numbered transformer layers"):
        param_groups(nn.Sequential(nn.Linear(3, 3)), lr=1e-3, weight_decay=0.0, layer_lr_decay=0.8)


@pytest.mark.parametrize("bad", [0.0, -0.5, 1.5, float("nan")])
def test_bad_values_are_refused_before_any_work(bad):
    with pytest.raises(ValueError, match=r"--layer-lr-decay .*: must be in \(0, 1\]"):
        TrainConfig(data="x.jsonl", layer_lr_decay=bad).validate()


def test_first_step_moves_each_layer_by_its_own_lr(tiny_bert_dir, tmp_path):
    """AdamW's first step moves a weight by at most its group's lr (≈ lr where the gradient is not
    tiny), so the largest change per tensor shows the lr each layer actually trained with."""
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps(r) + "\n" for r in make_rows(8)))
    lr, d = 1e-3, 0.25
    trainer = Trainer(TrainConfig(data=str(rows), model=str(tiny_bert_dir), out=str(tmp_path / "o"), loss="P",
                                  batch_size=8, mini_batch_size=0, steps=2, lr=lr, layer_lr_decay=d, device="cpu",
                                  show_progress_bar=False))
    before = {n: p.detach().clone() for n, p in trainer.model.named_parameters()}
    trainer.train_step(list(range(8)))
    moved = {n: (p.detach() - before[n]).abs().max().item() for n, p in trainer.model.named_parameters()}
    for name, want in (("backbone.encoder.layer.1.attention.self.query.weight", lr),
                       ("backbone.encoder.layer.0.attention.self.query.weight", lr * d),
                       ("backbone.embeddings.word_embeddings.weight", lr * d * d)):
        assert want * 0.5 < moved[name] <= want * (1 + 1e-4), (name, moved[name], want)


def test_resume_is_exact_and_keeps_the_setting(tiny_bert_dir, rows_file, tmp_path):
    decay = ("--layer-lr-decay", "0.7")
    straight = tmp_path / "straight"
    subprocess.run(_train_cmd(rows_file, tiny_bert_dir, straight, 4, *decay), check=True, env=_env(),
                   capture_output=True)
    resumed = tmp_path / "resumed"
    first = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, resumed, 4, *decay, "--stop-after", "2"),
                           env=_env(), capture_output=True, text=True)
    assert first.returncode == 130, first.stderr[-2000:]
    other = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, resumed, 4, "--resume"), env=_env(),
                           capture_output=True, text=True)
    assert other.returncode != 0 and "layer_lr_decay: checkpoint 0.7 vs now 1.0" in other.stderr
    done = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, resumed, 4, *decay, "--resume"), env=_env(),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    a, b = _params(straight), _params(resumed)
    assert all(torch.equal(a[k], b[k]) for k in a)
    first = json.loads((straight / "metrics.jsonl").read_text().splitlines()[0])
    assert math.isclose(first["lr"], 1e-3 * 3 / 4)  # the logged lr is the top layer's (peak 1e-3, 4 steps)
    plain = _params(_run_plain(rows_file, tiny_bert_dir, tmp_path / "plain"))
    assert not all(torch.equal(a[k], plain[k]) for k in a)  # control: the option changes the training


def _run_plain(rows_file, tiny_bert_dir, out):
    subprocess.run(_train_cmd(rows_file, tiny_bert_dir, out, 4), check=True, env=_env(), capture_output=True)
    return out


def test_checkpoint_from_before_the_option_resumes_without_decay(tiny_bert_dir, rows_file, tmp_path):
    out = tmp_path / "old"
    _checkpoint_without_setting(rows_file, tiny_bert_dir, out, 3, "layer_lr_decay")
    refused = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, out, 3, "--resume", "--layer-lr-decay", "0.9"),
                             env=_env(), capture_output=True, text=True)
    assert refused.returncode != 0 and "layer_lr_decay: checkpoint 1.0 vs now 0.9" in refused.stderr
    done = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, out, 3, "--resume"), env=_env(), capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr[-2000:]
