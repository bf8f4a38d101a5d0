"""The quickstart pipeline in a reduced form (2 training steps on 24 rows): every stage leaves
its artefact and the metrics JSON is complete."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from infembed.quickstart import QuickstartConfig, run_quickstart


def test_quickstart_reduced_produces_every_artefact(tmp_path):
    lines: list[str] = []
    result = run_quickstart(QuickstartConfig(out=str(tmp_path / "qs"), steps=2, train_rows=24, batch_size=8,
                                             mini_batch_size=24), echo=lines.append)
    art = result["artefacts"]
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
    assert saved["train"]["steps"] == 2
    assert set(saved["metrics"]) == {"bm25", "base", "trained"}
    printed = "\n".join(lines)
    assert "| InF-Embed (after) |" in printed and "metrics_json" in printed


@pytest.mark.slow
def test_full_quickstart_improves_p_mrr_over_the_base_model(tmp_path):
    """The claim the quickstart makes: training on the demo InF-IR rows raises p-MRR on the
    (topic-disjoint) demo FollowIR-style set. Several minutes on 2 CPU cores."""
    result = run_quickstart(QuickstartConfig(out=str(tmp_path / "qs")), echo=lambda *_: None)
    base, trained = result["table"][1], result["table"][2]
    assert trained["p-MRR"] > base["p-MRR"], result["table"]
