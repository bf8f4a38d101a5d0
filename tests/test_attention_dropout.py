"""``--attention-dropout``: which modules it reaches in BERT-, Llama- and GPT-2-style backbones, that it
removes all randomness from attention (train-mode outputs equal eval-mode ones once every other dropout
is off too), validation, and the resume key."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import pytest
import torch
from test_train import _checkpoint_without_setting, _env, _train_cmd
from torch import nn

from infembed.recipe import TrainConfig
from infembed.train import set_attention_dropout


def _tiny(kind: str) -> nn.Module:
    """A randomly initialised 2-layer backbone with dropout 0.3 everywhere it has dropout."""
    import transformers as tf

    torch.manual_seed(0)
    if kind == "bert":
        return tf.BertModel(tf.BertConfig(vocab_size=50, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                          intermediate_size=64, hidden_dropout_prob=0.3,
                                          attention_probs_dropout_prob=0.3), add_pooling_layer=False)
    if kind == "llama":
        return tf.LlamaModel(tf.LlamaConfig(vocab_size=50, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                            num_attention_heads=4, num_key_value_heads=2, attention_dropout=0.3))
    return tf.GPT2Model(tf.GPT2Config(vocab_size=50, n_embd=32, n_layer=2, n_head=2, resid_pdrop=0.3,
                                      embd_pdrop=0.3, attn_pdrop=0.3))


def _hidden(model: nn.Module, ids: torch.Tensor) -> torch.Tensor:
    return model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state


@pytest.mark.parametrize("kind", ["bert", "llama", "gpt2"])
def test_attention_dropout_off_leaves_no_randomness_in_attention(kind):
    model = _tiny(kind)
    ids = torch.randint(0, 50, (3, 11))
    for name, module in model.named_modules():  # every dropout but the attention weights' off
        if isinstance(module, nn.Dropout) and not name.endswith(("attention.self.dropout", "attn_dropout")):
            module.p = 0.0
    model.eval()
    reference = _hidden(model, ids)
    model.train()
    assert not torch.allclose(_hidden(model, ids), reference, atol=1e-6), "attention dropout should act in train()"
    assert set_attention_dropout(model, 0.0) == 2  # one per layer
    torch.testing.assert_close(_hidden(model, ids), reference, atol=1e-6, rtol=1e-5)


def test_attention_dropout_leaves_hidden_dropout_alone():
    model = _tiny("bert")
    assert set_attention_dropout(model, 0.05) == 2
    ps = {name: m.p for name, m in model.named_modules() if isinstance(m, nn.Dropout)}
    assert {p for n, p in ps.items() if n.endswith("attention.self.dropout")} == {0.05}
    assert {p for n, p in ps.items() if not n.endswith("attention.self.dropout")} == {0.3}
    assert set_attention_dropout(nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.1)), 0.0) == 0


@pytest.mark.parametrize("value, ok", [(-1.0, True), (0.0, True), (0.3, True), (-0.5, False), (1.0, False),
                                       (math.nan, False)])
def test_attention_dropout_validated(value, ok):
    cfg = TrainConfig(data="x.jsonl", out="o", attention_dropout=value)
    if ok:
        cfg.validate()
    else:
        with pytest.raises(ValueError, match="--attention-dropout"):
            cfg.validate()


def test_trainer_refuses_a_model_without_attention_dropout(tiny_bert_dir, rows_file, tmp_path, monkeypatch):
    import infembed.train as train

    monkeypatch.setattr(train, "set_attention_dropout", lambda model, p: 0)
    cfg = TrainConfig(data=str(rows_file), model=str(tiny_bert_dir), out=str(tmp_path / "o"), batch_size=4,
                      steps=1, attention_dropout=0.0, show_progress_bar=False)
    with pytest.raises(ValueError, match="--attention-dropout 0.0: .* use -1"):
        train.Trainer(cfg)


def test_attention_dropout_is_a_resume_key_and_old_checkpoints_resume_as_the_models_own(
        tiny_bert_dir, rows_file, tmp_path):
    out = tmp_path / "new"
    done = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, out, 2, "--attention-dropout", "0"), env=_env(),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    latest = (Path(out) / "checkpoints" / "latest").read_text().strip()
    state = json.loads((Path(out) / "checkpoints" / latest / "trainer_state.json").read_text())
    assert state["settings"]["attention_dropout"] == 0.0

    old = tmp_path / "old"
    _checkpoint_without_setting(rows_file, tiny_bert_dir, old, 3, "attention_dropout")
    refused = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, old, 3, "--resume", "--attention-dropout", "0"),
                             env=_env(), capture_output=True, text=True)
    assert refused.returncode != 0 and "attention_dropout: checkpoint -1.0 vs now 0.0" in refused.stderr
    resumed = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, old, 3, "--resume"), env=_env(),
                             capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
