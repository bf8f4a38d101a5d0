"""``infembed encode``: a real ``kill -9`` mid-run then a rerun gives bitwise the uninterrupted output;
CLI refusal / bad-input messages; streaming memory stays flat (slow)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from test_embed import make_passages, shard_bytes, write_jsonl
from typer.testing import CliRunner

from infembed.cli import app
from infembed.embed import encode_corpus_to_shards
from infembed.shards import read_manifest

# The child runs the real CLI; each manifest update is followed by a pause so the kill lands
# mid-run (after a shard is recorded, or inside the next one's encoding) whatever the machine's speed.
CHILD = textwrap.dedent("""
    import sys, time
    import infembed.shards as shards
    _write = shards.atomic_write_json
    def slow_write(*args, **kwargs):
        _write(*args, **kwargs)
        time.sleep(float(sys.argv[1]))
    shards.atomic_write_json = slow_write
    from infembed.cli import app
    app(sys.argv[2:], standalone_mode=True)
""")


def _encode_args(corpus, out):
    return ["encode", "--model", "minilm", "--corpus", str(corpus), "--out", str(out), "--shard-size", "20",
            "--batch-size", "8", "--no-progress"]


def test_kill9_then_rerun_is_bitwise_identical(minilm, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, make_passages(200, max_words=12))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    out = tmp_path / "killed"
    child = subprocess.Popen([sys.executable, "-c", CHILD, "0.5", *_encode_args(corpus, out)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while not (out / "manifest.json").exists():
        assert child.poll() is None, child.stdout.read().decode()
        assert time.monotonic() < deadline, "the child wrote no shard in 120 s"
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    written = sorted(p.name for p in out.glob("shard-*.npy"))
    assert 1 <= len(written) < 10, written  # killed mid-run
    assert not read_manifest(out)["complete"] if (out / "manifest.json").exists() else True

    rerun = subprocess.run([sys.executable, "-c", CHILD, "0", *_encode_args(corpus, out)], env=env,
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    summary = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert summary["shards_resumed"] >= 1 and summary["shards_resumed"] + summary["shards_written"] == 10
    assert summary["resumed"] + summary["encoded"] == 200

    ref = tmp_path / "uninterrupted"
    encode_corpus_to_shards(minilm, corpus, ref, shard_size=20, batch_size=8, dtype="float16",
                            show_progress_bar=False)
    assert shard_bytes(out) == shard_bytes(ref)  # every .npy, .ids and manifest.json, byte for byte
    assert read_manifest(out)["complete"]


def test_cli_refuses_other_settings_and_reports_bad_lines(tmp_path):
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, make_passages(5))
    runner = CliRunner()
    args = ["encode", "--model", "minilm", "--corpus", str(corpus), "--out", str(tmp_path / "o"), "--no-progress"]
    ok = runner.invoke(app, args)
    assert ok.exit_code == 0, ok.output
    assert "encoded 5 passages" in ok.output and "manifest complete" in ok.output
    refused = runner.invoke(app, args + ["--max-length", "64"])
    assert refused.exit_code == 2
    assert "settings.max_length" in refused.output and "--overwrite" in refused.output
    replaced = runner.invoke(app, args + ["--max-length", "64", "--overwrite", "--dtype", "fp32"])
    assert replaced.exit_code == 0, replaced.output
    assert read_manifest(tmp_path / "o")["dtype"] == "float32"

    corpus.write_text(corpus.read_text() + '{"_id": "z", "text": 5}\n')
    bad = runner.invoke(app, ["encode", "--model", "minilm", "--corpus", str(corpus), "--out", str(tmp_path / "b"),
                              "--no-progress"])
    assert bad.exit_code == 2 and "c.jsonl:6: field 'text' must be a string" in bad.output
    skipped = runner.invoke(app, ["encode", "--model", "minilm", "--corpus", str(corpus), "--out",
                                  str(tmp_path / "b"), "--no-progress", "--skip-invalid"])
    assert skipped.exit_code == 0 and "skipped 1 invalid" in skipped.output


MEMORY_CHILD = textwrap.dedent("""
    import json, resource, sys
    from infembed.embed import encode_corpus_to_shards
    from infembed.model import InfEmbed
    model = InfEmbed.from_pretrained(sys.argv[1])
    s = encode_corpus_to_shards(model, sys.argv[2], sys.argv[3], batch_size=128, shard_size=10_000,
                                show_progress_bar=False)
    print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "passages": s["passages"],
                      "seconds": s["seconds"]}))
""")


@pytest.mark.slow
def test_streaming_memory_does_not_grow_with_corpus(minilm, tmp_path):
    """Peak RSS for 200k passages stays within a few MB of the peak for 50k (a tiny random BERT)."""
    import random

    from transformers import BertConfig, BertModel

    from infembed.model import InfEmbed, InfEmbedConfig

    bcfg = BertConfig(vocab_size=minilm.tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1,
                      num_attention_heads=2, intermediate_size=64, max_position_embeddings=512)
    tiny = InfEmbed(BertModel(bcfg), minilm.tokenizer,
                    InfEmbedConfig(backbone="tiny-bert", passage_max_length=64, backbone_config=bcfg.to_dict()))
    tiny.save_pretrained(tmp_path / "tiny")
    rng = random.Random(0)
    words = ["granite", "maple", "river", "violin", "harbor", "quartz", "falcon", "pepper"]
    with open(tmp_path / "big.jsonl", "w") as f:
        for i in range(200_000):
            # ~300 characters each: holding the texts alone would cost > 50 MB for 150k extra passages.
            f.write(json.dumps({"_id": f"doc-{i:07d}", "title": "",
                                "text": " ".join(rng.choice(words) for _ in range(45))}) + "\n")
    with open(tmp_path / "big.jsonl") as src, open(tmp_path / "small.jsonl", "w") as dst:
        for _ in range(50_000):
            dst.write(src.readline())
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    peaks = {}
    for name in ("small", "big"):
        r = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(tmp_path / "tiny"), str(tmp_path / f"{name}.jsonl"),
                            str(tmp_path / f"out-{name}")], env=env, capture_output=True, text=True, timeout=900)
        assert r.returncode == 0, r.stderr[-2000:]
        peaks[name] = json.loads(r.stdout.strip().splitlines()[-1])
    print("memory:", peaks)
    growth_mb = (peaks["big"]["maxrss_kb"] - peaks["small"]["maxrss_kb"]) / 1024
    assert peaks["big"]["passages"] == 200_000 and peaks["small"]["passages"] == 50_000
    assert growth_mb < 16, f"peak RSS grew by {growth_mb:.1f} MB from 50k to 200k passages: {peaks}"


def test_shard_ranks_come_from_a_slurm_array_then_torchrun(monkeypatch):
    from infembed.embed import _resolve_ranks

    for name in ("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP",
                 "RANK", "WORLD_SIZE"):
        monkeypatch.delenv(name, raising=False)
    assert _resolve_ranks(None, None) == (0, 1)
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "4")
    assert _resolve_ranks(None, None) == (1, 4)
    # sbatch --array=5-7: ids 5, 6, 7 → shards 0, 1, 2 of 3 (the array wins over torchrun's variables)
    monkeypatch.setenv("SLURM_ARRAY_TASK_ID", "7")
    monkeypatch.setenv("SLURM_ARRAY_TASK_COUNT", "3")
    monkeypatch.setenv("SLURM_ARRAY_TASK_MIN", "5")
    assert _resolve_ranks(None, None) == (2, 3)
    assert _resolve_ranks(0, 2) == (0, 2)  # explicit flags win
    monkeypatch.setenv("SLURM_ARRAY_TASK_STEP", "2")
    with pytest.raises(ValueError, match="step"):
        _resolve_ranks(None, None)
