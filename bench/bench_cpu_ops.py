"""The CPU training ops of ``infembed.cpu_ops`` against torch's: dropout, bf16 attention and attention
with dropout (each fwd+bwd) as pytest-benchmarks, and whole training steps as a script.

pytest-benchmark (``provider`` torch = ``F.dropout`` / ``F.scaled_dot_product_attention``, infembed =
``fast_dropout`` / ``cpu_attention``), shapes of the quickstart's MiniLM step: hidden states
[48, L, 384] for dropout, [48, 12, L, 32] per attention call, L = 40 / 80 / 128 tokens::

    pytest bench/bench_cpu_ops.py --benchmark-json out.json

``extra_info`` carries the shape, dtype, device and, on the infembed rows, ``speedup`` over the torch
row of the same shape (when it ran first in the session, as it does by default).

Training steps (``python bench/bench_cpu_ops.py --steps``): :class:`infembed.train.Trainer` with the
quickstart's settings (MiniLM, 32 rows, mini-batch 48, ``multi:P+I+IQ``, K-1 = 1, attention dropout
0, or the model's own 0.1 with ``--attention-dropout -1``) on the demo rows, ``--fast-cpu-ops`` on and off in fp32 and bf16, interleaved round by round over
the same batches (each round a fresh trainer runs ``--steps-per-round`` steps; the first step of a
round is warm-up and not counted). Prints a markdown table of mean seconds per step and the ratio.
About 6 minutes on 2 cores at the defaults.
"""

from __future__ import annotations

import argparse
import statistics
import time

import pytest
import torch
import torch.nn.functional as F

from infembed.cpu_attention import cpu_attention
from infembed.fast_dropout import fast_dropout

LENGTHS = (40, 80, 128)
_torch_median: dict[tuple, float] = {}


def _record(benchmark, key: tuple, provider: str, **info) -> None:
    med = benchmark.stats.stats.median if benchmark.stats else None
    if provider == "torch" and med:
        _torch_median[key] = med
    speedup = _torch_median[key] / med if provider != "torch" and med and key in _torch_median else None
    benchmark.extra_info.update(device="cpu", torch=torch.__version__, speedup=speedup, **info)


@pytest.mark.parametrize("provider", ["torch", "infembed"])
@pytest.mark.parametrize("length", LENGTHS)
def test_dropout(benchmark, provider, length):
    x = torch.randn(48, length, 384, requires_grad=True)
    grad = torch.randn_like(x)
    op = F.dropout if provider == "torch" else fast_dropout

    def step():
        op(x, 0.1, True).backward(grad)

    benchmark.pedantic(step, rounds=20, iterations=1, warmup_rounds=2)
    _record(benchmark, ("dropout", length), provider, shape=list(x.shape), dtype="float32", p=0.1)


@pytest.mark.parametrize("provider", ["torch", "infembed"])
@pytest.mark.parametrize("length", LENGTHS)
def test_bf16_attention(benchmark, provider, length):
    q, k, v = (torch.randn(48, 12, length, 32, dtype=torch.bfloat16, requires_grad=True) for _ in range(3))
    mask = torch.zeros(48, 1, 1, length, dtype=torch.bfloat16)
    mask[::2, ..., length - length // 4:] = torch.finfo(torch.bfloat16).min  # half the rows padded
    grad = torch.randn(48, 12, length, 32, dtype=torch.bfloat16)

    def step():
        if provider == "torch":
            F.scaled_dot_product_attention(q, k, v, attn_mask=mask).backward(grad)
        else:
            cpu_attention(q, k, v, mask).backward(grad)

    benchmark.pedantic(step, rounds=10, iterations=1, warmup_rounds=1)
    _record(benchmark, ("attention", length), provider, shape=list(q.shape), dtype="bfloat16")


@pytest.mark.parametrize("provider", ["torch", "infembed"])
@pytest.mark.parametrize("dtype", ["float32", "bfloat16"])
@pytest.mark.parametrize("length", LENGTHS[:2])
def test_attention_with_dropout(benchmark, provider, dtype, length):
    """The reference recipe's attention dropout (0.1): torch's math path with its mask against ours."""
    dt = getattr(torch, dtype)
    q, k, v = (torch.randn(48, 12, length, 32, dtype=dt, requires_grad=True) for _ in range(3))
    mask = torch.zeros(48, 1, 1, length, dtype=dt)
    mask[::2, ..., length - length // 4:] = torch.finfo(dt).min
    grad = torch.randn(48, 12, length, 32, dtype=dt)

    def step():
        if provider == "torch":
            F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=0.1).backward(grad)
        else:
            cpu_attention(q, k, v, mask, dropout_p=0.1).backward(grad)

    benchmark.pedantic(step, rounds=10, iterations=1, warmup_rounds=1)
    _record(benchmark, ("attention-dropout", dtype, length), provider, shape=list(q.shape), dtype=dtype, p=0.1)


def _trainer(precision: str, fast: bool, steps: int, attention_dropout: float = 0.0):
    from infembed.quickstart import demo_path
    from infembed.recipe import TrainConfig
    from infembed.train import Trainer

    cfg = TrainConfig(data=str(demo_path("train.jsonl.gz")), model="minilm", out="/tmp/infembed-bench-cpu-ops",
                      mode="joint", loss="multi:P+I+IQ", batch_size=32, mini_batch_size=48, steps=steps, lr=1.5e-4,
                      warmup_steps=5, attention_dropout=attention_dropout, instruction_negatives=1, seed=42, device="cpu",
                      query_template="{query} {instruction}", precision=precision, fast_cpu_ops=fast,
                      show_progress_bar=False)
    return Trainer(cfg)


def time_steps(rounds: int, steps_per_round: int, attention_dropout: float = 0.0) -> list[dict]:
    settings = [(p, f) for p in ("fp32", "bf16") for f in (False, True)]
    times: dict[tuple, list[float]] = {s: [] for s in settings}
    losses: dict[tuple, float] = {}
    for r in range(rounds):
        for precision, fast in settings:
            trainer = _trainer(precision, fast, steps_per_round, attention_dropout)
            for s in range(steps_per_round):
                batch = list(range(32 * (r * steps_per_round + s), 32 * (r * steps_per_round + s + 1)))
                t0 = time.perf_counter()
                losses[(precision, fast)] = trainer.train_step(batch)
                if s:  # the first step of a round warms up
                    times[(precision, fast)].append(time.perf_counter() - t0)
                trainer.step += 1
    rows = []
    for precision, fast in settings:
        mean = statistics.fmean(times[(precision, fast)])
        base = statistics.fmean(times[(precision, False)])
        rows.append({"precision": precision, "fast_cpu_ops": fast, "s_per_step": mean, "ratio": base / mean,
                     "steps": len(times[(precision, fast)]), "last_loss": losses[(precision, fast)]})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", action="store_true", help="time whole training steps (the script mode)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps-per-round", type=int, default=5)
    ap.add_argument("--attention-dropout", type=float, default=0.0,
                    help="as in infembed train: 0 = the quickstart's setting, -1 = the model's own (0.1)")
    args = ap.parse_args()
    if not args.steps:
        ap.error("the op benchmarks run under pytest (pytest bench/bench_cpu_ops.py); --steps times training steps")
    rows = time_steps(args.rounds, args.steps_per_round, args.attention_dropout)
    print(f"CPU: {torch.get_num_threads()} threads, torch {torch.__version__}, "
          f"attention dropout {args.attention_dropout:g}\n")
    print("| precision | fast CPU ops | s per step | speed-up | steps timed | last loss |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['precision']} | {'on' if r['fast_cpu_ops'] else 'off'} | {r['s_per_step']:.2f} | "
              f"{r['ratio']:.2f}× | {r['steps']} | {r['last_loss']:.4f} |")


if __name__ == "__main__":
    main()
