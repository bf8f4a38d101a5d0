"""Training engine: gradient caching equals the uncached step, distributed equals one process,
resume after a real kill is exact, and a short real MiniLM run learns."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from conftest import make_rows, spawn_on_gloo

from infembed.data import InfIRRow, make_batch
from infembed.gradcache import cached_step, prepare_step, uncached_step
from infembed.model import InfEmbed

REPO = Path(__file__).resolve().parents[1]


def _grads(model) -> dict[str, torch.Tensor]:
    return {n: p.grad.detach().clone() for n, p in model.named_parameters() if p.grad is not None}


def _step(tiny_bert_dir, variant, mode, cached, replay=True, seed=123):
    model = InfEmbed.from_pretrained(str(tiny_bert_dir), mode=mode).train()  # dropout ON
    rows = [InfIRRow(**r) for r in make_rows(6)]
    batch = make_batch(rows, list(range(6)))  # 18 pairs
    inputs = prepare_step(model, batch, variant=variant, mini_batch_size=5, num_instruction_negatives=2,
                          generator=torch.Generator().manual_seed(7))
    torch.manual_seed(seed)
    model.zero_grad()
    if cached:
        loss = cached_step(model, inputs, variant=variant, temperature=0.05, replay_rng=replay)
    else:
        loss = uncached_step(model, inputs, variant=variant, temperature=0.05)
    return float(loss), _grads(model)


@pytest.mark.parametrize("variant, mode", [("P", "joint"), ("multi:P+I+IQ", "joint"), ("uni:P+IQ", "iq_attention")])
def test_cached_step_equals_uncached_step_with_dropout(tiny_bert_dir, variant, mode):
    loss_u, g_u = _step(tiny_bert_dir, variant, mode, cached=False)
    loss_c, g_c = _step(tiny_bert_dir, variant, mode, cached=True)
    assert loss_c == pytest.approx(loss_u, rel=1e-6)
    assert g_u.keys() == g_c.keys() and len(g_u) > 10
    for name in g_u:
        torch.testing.assert_close(g_c[name], g_u[name], rtol=1e-5, atol=1e-7, msg=lambda m, n=name: f"{n}: {m}")


def test_negative_control_without_rng_replay_gradients_differ(tiny_bert_dir):
    _, g_u = _step(tiny_bert_dir, "P", "joint", cached=False)
    _, g_bad = _step(tiny_bert_dir, "P", "joint", cached=True, replay=False)
    worst = max(float((g_bad[n] - g_u[n]).abs().max() / (g_u[n].abs().max() + 1e-12)) for n in g_u)
    assert worst > 1e-3, "without RNG replay the dropout masks differ, so the gradients must too"


def _dist_worker(rank, world, port, tiny_bert_dir, out_path):
    import torch.distributed as dist

    from infembed.distributed import average_gradients

    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    try:
        model = InfEmbed.from_pretrained(str(tiny_bert_dir)).eval()  # dropout off: ranks draw different RNG
        rows = [InfIRRow(**r) for r in make_rows(8)]
        per = 8 // world
        batch = make_batch(rows, list(range(rank * per, (rank + 1) * per)))
        inputs = prepare_step(model, batch, variant="multi:P+IQ", mini_batch_size=4)
        loss = cached_step(model, inputs, variant="multi:P+IQ", temperature=0.05)
        average_gradients(model)
        if rank == 0:
            torch.save({"loss": loss / world, "grads": _grads(model)}, out_path)
    finally:
        dist.destroy_process_group()


@pytest.mark.distributed
def test_two_ranks_on_gloo_equal_one_process(tiny_bert_dir, tmp_path):
    out = tmp_path / "rank0.pt"
    spawn_on_gloo(_dist_worker, 2, str(tiny_bert_dir), str(out))
    got = torch.load(out, weights_only=True)

    model = InfEmbed.from_pretrained(str(tiny_bert_dir)).eval()
    rows = [InfIRRow(**r) for r in make_rows(8)]
    inputs = prepare_step(model, make_batch(rows, list(range(8))), variant="multi:P+IQ", mini_batch_size=4)
    loss = cached_step(model, inputs, variant="multi:P+IQ", temperature=0.05)
    assert float(got["loss"]) == pytest.approx(float(loss), rel=1e-5)
    ref = _grads(model)
    for name, g in ref.items():
        torch.testing.assert_close(got["grads"][name], g, rtol=1e-4, atol=1e-6, msg=lambda m, n=name: f"{n}: {m}")


def _train_cmd(data, model_dir, out, steps, *extra):
    return [sys.executable, "-m", "infembed.cli", "train", "--data", str(data), "--model", str(model_dir),
            "--out", str(out), "--batch-size", "4", "--mini-batch-size", "5", "--steps", str(steps),
            "--lr", "1e-3", "--loss", "multi:P+I+IQ", "--instruction-negatives", "2", "--device", "cpu", *extra]


def _env():
    return {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO)}


def _checkpoint_without_setting(data, model_dir, out, steps, setting, *extra) -> None:
    """Train 1 of ``steps`` steps and stop, then drop ``setting`` from the checkpoint's recorded settings,
    as a checkpoint written before that option existed has them."""
    first = subprocess.run(_train_cmd(data, model_dir, out, steps, *extra, "--stop-after", "1"), env=_env(),
                           capture_output=True, text=True)
    assert first.returncode == 130, first.stderr[-2000:]
    state_file = Path(out) / "checkpoints" / "step-00000001" / "trainer_state.json"
    state = json.loads(state_file.read_text())
    del state["settings"][setting]
    state_file.write_text(json.dumps(state))


def _params(model_dir) -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    return load_file(str(Path(model_dir) / "model.safetensors"))


def test_resume_after_kill_is_exact(tiny_bert_dir, rows_file, tmp_path):
    straight = tmp_path / "straight"
    subprocess.run(_train_cmd(rows_file, tiny_bert_dir, straight, 6), check=True, env=_env(), capture_output=True)

    resumed = tmp_path / "resumed"
    proc = subprocess.Popen(_train_cmd(rows_file, tiny_bert_dir, resumed, 6, "--save-every", "2"), env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while not (resumed / "checkpoints" / "latest").exists():
        assert proc.poll() is None, "training exited before writing a checkpoint"
        assert time.time() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (resumed / "model.safetensors").exists(), "killed run must not have finished"
    done = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, resumed, 6, "--save-every", "2", "--resume"),
                          env=_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    a, b = _params(straight), _params(resumed)
    assert a.keys() == b.keys()
    for k in a:
        assert torch.equal(a[k], b[k]), k
    steps = [json.loads(line)["step"] for line in (resumed / "metrics.jsonl").read_text().splitlines()]
    assert steps[-1] == 6


def test_sigterm_checkpoints_and_exits_cleanly(tiny_bert_dir, rows_file, tmp_path):
    out = tmp_path / "sig"
    proc = subprocess.Popen(_train_cmd(rows_file, tiny_bert_dir, out, 500), env=_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not (out / "metrics.jsonl").exists():
        assert proc.poll() is None and time.time() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err
    latest = (out / "checkpoints" / "latest").read_text().strip()
    assert (out / "checkpoints" / latest / "optimizer.pt").is_file()
    # a mismatched resume is refused with a clear message
    bad = subprocess.run(_train_cmd(rows_file, tiny_bert_dir, out, 500, "--resume", "--seed", "9"),
                         env=_env(), capture_output=True, text=True)
    assert bad.returncode == 2 and "seed: checkpoint 42 vs now 9" in bad.stderr


def test_short_real_minilm_run_learns(tmp_path):
    from infembed.train import TrainConfig, Trainer

    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps(r) + "\n" for r in make_rows(24)))
    cfg = TrainConfig(data=str(rows), model="minilm", out=str(tmp_path / "m"), loss="P", batch_size=8,
                      mini_batch_size=12, steps=24, lr=5e-5, warmup_steps=0, query_max_length=32,
                      passage_max_length=32, device="cpu", show_progress_bar=False)
    summary = Trainer(cfg).fit()
    losses = [json.loads(line)["loss"] for line in (tmp_path / "m" / "metrics.jsonl").read_text().splitlines()]
    assert len(losses) == 24
    first, last = sum(losses[:6]) / 6, sum(losses[-6:]) / 6
    assert last < 0.8 * first, (first, last)
    model = InfEmbed.from_pretrained(summary["model_dir"])
    assert model.encode_queries(["facts about tents"], ["explain"]).shape == (1, 384)


def test_length_sorted_chunks_give_the_same_loss_and_gradients(tiny_bert_dir):
    """Sorting texts by length into mini-batches only changes padding: with dropout off the step
    is the same as with batch-order chunks, and the chunks really are sorted (less padding)."""
    def step(sort):
        model = InfEmbed.from_pretrained(str(tiny_bert_dir)).eval()
        rows = [InfIRRow(**r) for r in make_rows(6)]
        batch = make_batch(rows, list(range(6)))
        inputs = prepare_step(model, batch, variant="multi:P+I+IQ", mini_batch_size=4, num_instruction_negatives=2,
                              generator=torch.Generator().manual_seed(3), sort_by_length=sort)
        loss = cached_step(model, inputs, variant="multi:P+I+IQ", temperature=0.05)
        widths = sum(c.features.input_ids.numel() for c in inputs.passage_chunks)
        return float(loss), _grads(model), widths

    loss_s, g_s, cells_s = step(True)
    loss_u, g_u, cells_u = step(False)
    assert loss_s == pytest.approx(loss_u, rel=1e-5)
    for name in g_u:
        torch.testing.assert_close(g_s[name], g_u[name], rtol=1e-4, atol=1e-6, msg=lambda m, n=name: f"{n}: {m}")
    assert cells_s <= cells_u


@pytest.mark.parametrize("negatives, cached", [(1, True), (2, True), (2, False)])
def test_variants_that_are_queries_are_encoded_once_with_the_same_step(tiny_bert_dir, negatives, cached):
    """ℓ_I variants (Q+, I-) and (Q+, I+) are pairs 2's and 1's queries: the deduplicated step encodes
    them once and, with dropout off, equals the step that encodes every variant separately."""
    def step(dedup):
        model = InfEmbed.from_pretrained(str(tiny_bert_dir)).eval()
        rows = [InfIRRow(**r) for r in make_rows(6)]
        batch = make_batch(rows, list(range(6)))  # 18 pairs
        inputs = prepare_step(model, batch, variant="multi:P+I+IQ", mini_batch_size=4,
                              num_instruction_negatives=negatives, generator=torch.Generator().manual_seed(5),
                              dedup=dedup)
        run = cached_step if cached else uncached_step
        loss = run(model, inputs, variant="multi:P+I+IQ", temperature=0.05)
        encoded = sum(len(c.features) for c in inputs.variant_chunks)
        return float(loss), _grads(model), encoded

    loss_d, g_d, n_d = step(True)
    loss_a, g_a, n_a = step(False)
    assert n_a == 18 * negatives
    # the two sibling variants per row that are queries are never encoded again
    assert n_d <= n_a - 2 * 6
    if negatives == 1:
        assert n_d == 6  # only (Q-, I-) per row is new
    assert loss_d == pytest.approx(loss_a, rel=1e-5)
    assert g_a.keys() == g_d.keys() and len(g_a) > 10
    for name in g_a:
        torch.testing.assert_close(g_d[name], g_a[name], rtol=1e-4, atol=1e-6, msg=lambda m, n=name: f"{n}: {m}")


def test_variant_sources_reuse_queries_and_repeated_variants():
    from infembed.gradcache import variant_sources

    queries, instructions = ["q1", "q1", "q2"], ["i+", "i-", "i+"]
    vq = ["q1", "q1", "q2", "q2", "q1"]
    vi = ["i-", "i+", "i-", "i-", "x"]
    source, encode = variant_sources(queries, instructions, vq, vi)
    assert source == [1, 0, 3, 3, 4]  # queries 1 and 0; (q2, i-) encoded once; (q1, x) new
    assert encode == [2, 4]
