"""The quickstart pipeline in a reduced form (2 training steps on 24 rows): every stage leaves
its artefact and the metrics JSON is complete."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from infembed.evaluate import format_gains
from infembed.quickstart import QuickstartConfig, _row, format_table, run_quickstart


def test_quickstart_reduced_produces_every_artefact(tmp_path, monkeypatch):
    import infembed.train as train

    trainers = []
    init = train.Trainer.__init__
    monkeypatch.setattr(train.Trainer, "__init__", lambda self, cfg: (trainers.append(self), init(self, cfg))[1])
    lines: list[str] = []
    result = run_quickstart(QuickstartConfig(out=str(tmp_path / "qs"), steps=2, train_rows=24, batch_size=8,
                                             mini_batch_size=24, warmup_steps=1, layer_lr_decay=0.9,
                                             fast_cpu_ops=False),
                            echo=lines.append)
    (trainer,) = trainers
    assert trainer.cfg.fast_cpu_ops is False and trainer.fast_cpu_ops is False  # the switch reaches the trainer
    assert ("PyTorch's own CPU ops" in lines[0]) == (trainer.device.type == "cpu")
    art = result["artefacts"]
    state = json.loads((Path(art["checkpoints"]) / "step-00000002" / "trainer_state.json").read_text())
    settings = state["settings"]  # options reach training; attention dropout off is the quickstart's default
    assert (settings["warmup_steps"], settings["layer_lr_decay"], settings["attention_dropout"]) == (1, 0.9, 0.0)
    for key in ("model_dir", "base_shards", "trained_shards", "base_index", "trained_index", "checkpoints"):
        assert Path(art[key]).exists(), key
    assert (tmp_path / "qs" / "model" / "model.safetensors").is_file()
    assert (tmp_path / "qs" / "trained" / "shards" / "manifest.json").is_file()
    for run in art["runs"]:
        text = open(run).read().splitlines()
        assert text and len(text[0].split()) == 6, run
    saved = json.loads((tmp_path / "qs" / "metrics.json").read_text())
    assert [r["model"] for r in saved["table"]][0].startswith("BM25")
    for row in saved["table"]:
        for col in ("p-MRR", "nDCG@5", "MAP@1000", "changed nDCG@5"):
            assert isinstance(row[col], float) and math.isfinite(row[col]), (row["model"], col)
        assert -1.0 <= row["p-MRR"] <= 1.0 and 0.0 <= row["nDCG@5"] <= 1.0
        assert 0.0 <= row["pair (a)"] <= 1.0 and 0.0 <= row["pair (b)"] <= 1.0, row["model"]  # demo has neither.jsonl
    assert saved["train"]["steps"] == 2
    assert set(saved["metrics"]) == {"bm25", "base", "trained"}
    printed = "\n".join(lines)
    assert "| InF-Embed (after) |" in printed and "metrics_json" in printed
    gains = saved["gains"]["demo"]
    assert set(gains) == {"p-MRR", "ndcg_at_5", "pair_a", "pair_b"}
    base, trained = saved["table"][1], saved["table"][2]
    assert gains["p-MRR"]["mean_diff"] == pytest.approx(trained["p-MRR"] - base["p-MRR"])
    assert gains["pair_b"]["mean_diff"] == pytest.approx(trained["pair (b)"] - base["pair (b)"])
    assert "| set | p-MRR | nDCG@5 | pair (a) | pair (b) |" in printed and "\n| demo | " in printed


def test_gain_table_cells():
    g = {"n": 9, "mean_diff": 0.081, "ci_low": 0.0106, "ci_high": 0.1559, "better": 22, "worse": 11, "ties": 3}
    pb = {**g, "mean_diff": -0.0391, "ci_low": -0.0938, "ci_high": 0.0078, "better": 2, "worse": 6}
    table = format_gains({"demo": {"p-MRR": g, "pair_b": pb}}).splitlines()
    assert table[0] == "| set | p-MRR | nDCG@5 | pair (a) | pair (b) |"
    assert table[2] == "| demo | +8.10 [+1.06, +15.59], 22↑ 11↓ | – | – | -0.039 [-0.094, +0.008], 2↑ 6↓ |"


def test_table_shows_pair_checks_as_fractions():
    metrics = {"summary": {"p-MRR": 0.0512, "ndcg_at_5": 0.5, "map_at_1000": 0.25}, "changed": {"ndcg_at_5": 0.4},
               "pair_a": 0.8125, "pair_b": None}
    table = format_table([_row("m", metrics)]).splitlines()
    assert table[0] == "| model | p-MRR | nDCG@5 | MAP@1000 | changed nDCG@5 | pair (a) | pair (b) |"
    assert table[2] == "| m | +5.12 | 50.00 | 25.00 | 40.00 | 0.812 | – |"


@pytest.mark.slow
def test_full_quickstart_improves_p_mrr_over_the_base_model(tmp_path):
    """The claim the quickstart makes: training on the demo InF-IR rows raises p-MRR on the
    (topic-disjoint) demo FollowIR-style set. Several minutes on 2 CPU cores."""
    result = run_quickstart(QuickstartConfig(out=str(tmp_path / "qs")), echo=lambda *_: None)
    base, trained = result["table"][1], result["table"][2]
    assert trained["p-MRR"] > base["p-MRR"], result["table"]


def test_quickstart_scores_extra_sets_before_and_after(tmp_path):
    import shutil

    from infembed.quickstart import demo_path

    extra = tmp_path / "second_set"
    shutil.copytree(demo_path("followir_demo"), extra)
    lines: list[str] = []
    result = run_quickstart(QuickstartConfig(out=str(tmp_path / "qs"), steps=1, train_rows=16, batch_size=8,
                                             mini_batch_size=24, extra_eval=(str(extra),)), echo=lines.append)
    table = result["extra_eval"]["second_set"]["table"]
    assert [r["model"] for r in table] == ["BM25 (query + instruction)", "minilm (before)", "InF-Embed (after)"]
    # the same data as the demo set: the same figures, from the extra set's own artefacts
    assert table == result["table"]
    assert (tmp_path / "qs" / "trained" / "extra-second_set" / "runs" / "og.trec").is_file()
    assert "Extra set second_set" in "\n".join(lines)


def test_quickstart_refuses_bad_extra_sets_before_any_work(tmp_path):
    with pytest.raises(Exception, match="nope"):
        run_quickstart(QuickstartConfig(out=str(tmp_path / "qs"), extra_eval=(str(tmp_path / "nope"),)),
                       echo=lambda *_: None)
    assert not (tmp_path / "qs").exists()


def test_cli_options_reach_the_quickstart_config(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import infembed.quickstart as qs
    from infembed.cli import app

    seen = []
    monkeypatch.setattr(qs, "run_quickstart", lambda cfg, echo: seen.append(cfg))
    res = CliRunner().invoke(app, ["quickstart", "--out", str(tmp_path / "qs"), "--instruction-negatives", "2",
                                   "--seed", "7", "--epochs", "1.5", "--batch-grouping", "topic",
                                   "--layer-lr-decay", "0.8", "--warmup-steps", "3", "--attention-dropout", "-1",
                                   "--no-fast-cpu-ops"])
    assert res.exit_code == 0, res.output
    (cfg,) = seen
    assert (cfg.instruction_negatives, cfg.seed, cfg.epochs, cfg.batch_grouping, cfg.layer_lr_decay,
            cfg.warmup_steps, cfg.attention_dropout, cfg.fast_cpu_ops) == (2, 7, 1.5, "topic", 0.8, 3, -1.0, False)


@pytest.mark.parametrize(("flags", "fast"), [
    ("fpu sse2 avx2 avx512f avx512_bf16 amx_bf16 amx_tile", True),  # Sapphire Rapids: AMX
    ("fpu sse2 avx2 avx512f avx512_bf16 avx512_vnni", True),  # Zen 4: AVX512-BF16, no AMX
    ("fpu sse2 avx2 avx512f avx512_vnni", False),  # Skylake-SP / Ice Lake: no bf16 arithmetic
    ("fpu sse2 avx2 fma", False),
])
def test_auto_precision_trains_in_bf16_where_the_cpu_has_bf16_arithmetic(tmp_path, monkeypatch, flags, fast):
    """``--precision auto`` reads the CPU flags: bf16 autocast with AMX tiles or AVX512-BF16 (both measured
    faster than fp32 at the same loss), fp32 elsewhere; CUDA is always bf16; explicit choices pass."""
    import infembed.quickstart as qs

    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nmodel name\t: test\nflags\t\t: {flags}\n\nprocessor\t: 1\n"
                       f"flags\t\t: {flags}\n", encoding="utf-8")
    assert qs.cpu_has_fast_bf16(str(cpuinfo)) is fast
    monkeypatch.setattr(qs, "cpu_has_fast_bf16", lambda: fast)
    assert qs.training_precision("auto", "cpu") == ("bf16" if fast else "fp32")
    assert qs.training_precision("auto", "cuda:0") == "bf16"
    assert qs.training_precision("fp32", "cuda") == "fp32" and qs.training_precision("bf16", "cpu") == "bf16"


def test_cpu_flags_unreadable_means_fp32(tmp_path):
    """No /proc/cpuinfo (macOS, a sandbox) or no flags line: fp32, the safe choice."""
    from infembed.quickstart import cpu_has_fast_bf16

    assert cpu_has_fast_bf16(str(tmp_path / "absent")) is False
    (tmp_path / "noflags").write_text("processor\t: 0\n", encoding="utf-8")
    assert cpu_has_fast_bf16(str(tmp_path / "noflags")) is False
