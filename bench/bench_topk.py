"""Exact top-k on the CPU (P5) and hnswlib recall/QPS (P6).

Providers, same process, same data: ``cpp`` (infembed._topk), ``numpy`` (``q @ c.T`` +
``argpartition`` + sort of the k), ``faiss`` (``IndexFlatIP``, bench-only dependency). Threads are
pinned to 2 for all three (threadpoolctl for NumPy's BLAS, ``faiss.omp_set_num_threads``).

Two ways to run:
- pytest-benchmark: ``pytest bench/bench_topk.py --benchmark-json out.json`` (size from
  ``INFEMBED_BENCH_N``, default 100,000 × 768 so it stays a quick sanity run).
- the P5 table in one run: ``python bench/bench_topk.py`` (1M × 768) or ``--quick`` (100k × 768);
  prints a markdown table (median, p20/p80, GB/s of corpus read, ratios) and the hnswlib curve.
- forced SIMD paths side by side (same process, same data): ``--paths avx512bf16,avx512,amx,avx2`` adds a
  ``cpp <path>`` row per path (``simd=<path>``; paths this CPU lacks are listed and skipped) and a ratio
  line (faiss / path, numpy / path) per query count; ``--qs 16,256`` picks the query counts, ``--no-fp16``
  drops the fp16 rows, ``--rounds 2`` repeats the whole comparison in the same process (the box may be
  shared: compare within a round). ``INFEMBED_TOPK_SIMD=<path>`` changes what the ``cpp`` (auto) row runs.
- P4 on a GPU: ``python bench/bench_topk.py --gpu`` (CUDA path vs chunked matmul + topk, fp16,
  Q = 1,024 and 16, N = 2M, d = 768, k = 100; CUDA events, peak memory, copy bandwidth).

Bandwidth formula: bytes of corpus read once per query batch (N·d·itemsize) / median time.
On machines where OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are set, unset both for this command only and
check the "blas" line, which reports the OpenBLAS kernel actually used (threadpoolctl).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time

import numpy as np
import pytest

THREADS = 2
K = 10


def make_corpus(n: int, d: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, d), np.float32)
    for s in range(0, n, 65536):  # bounded temporaries
        out[s:s + 65536] = rng.standard_normal((min(65536, n - s), d), dtype=np.float32)
    return out


def numpy_topk(q: np.ndarray, c: np.ndarray, k: int):
    s = q @ c.T  # [Q, N] fp32 (BLAS)
    part = np.argpartition(-s, k - 1, axis=1)[:, :k]
    ps = np.take_along_axis(s, part, 1)
    order = np.argsort(-ps, axis=1, kind="stable")
    return np.take_along_axis(ps, order, 1), np.take_along_axis(part, order, 1)


def blas_info() -> str:
    from threadpoolctl import threadpool_info

    parts = [f"{i.get('internal_api')} {i.get('version')} kernel={i.get('architecture')} threads={i.get('num_threads')}"
             for i in threadpool_info() if i.get("user_api") == "blas"]
    env = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    return "; ".join(parts) + f" (env {env or 'unset'})"


def timeit(fn, repeats: int) -> list[float]:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def stats(times: list[float]) -> tuple[float, float, float]:
    ts = sorted(times)
    q = statistics.quantiles(ts, n=5) if len(ts) >= 2 else [ts[0]] * 4
    return statistics.median(ts), q[0], q[3]


def read_bandwidth(c: np.ndarray) -> float:
    """Streaming read GB/s with 2 threads (each sums half the corpus; NumPy releases the GIL)."""
    halves = np.array_split(c.reshape(-1), THREADS)

    def run():
        ts = [threading.Thread(target=np.add.reduce, args=(h,)) for h in halves]
        [t.start() for t in ts]
        [t.join() for t in ts]

    med = stats(timeit(run, 5))[0]
    return c.nbytes / med / 1e9


def cpu_model() -> str:
    """lscpu's model name and the SIMD flags that pick the top-k path."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            info = f.read()
    except OSError:
        return "unknown CPU"
    model = next((ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")), "?")
    flags = next((ln.split(":", 1)[1].split() for ln in info.splitlines() if ln.startswith("flags")), [])
    wanted = ("avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_bf16", "amx_tile", "amx_bf16")
    return f"{model}; flags: {' '.join(f for f in wanted if f in flags)}"


def p5_table(n: int, d: int, qs=(1, 16, 256), paths: tuple[str, ...] = (), fp16: bool = True,
             rounds: int = 1) -> list[str]:
    import faiss
    from infembed.kernels.reference import topk_reference
    from threadpoolctl import threadpool_limits

    from infembed import _topk

    faiss.omp_set_num_threads(THREADS)
    t0 = time.perf_counter()
    c32 = make_corpus(n, d)
    c16 = c32.astype(np.float16)
    index = faiss.IndexFlatIP(d)
    index.add(c32)
    print(f"data ready in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    supported = _topk.supported_simd()
    skipped = [p for p in paths if p not in supported]
    paths = tuple(p for p in paths if p in supported)
    lines = [f"CPU: {cpu_model()}", f"{os.cpu_count()} cores visible, {THREADS} threads used; best SIMD level "
             f"{_topk.simd_level()}, auto picks {', '.join(f'Q={nq}: {_topk.dispatch(nq)}' for nq in qs)} "
             f"(INFEMBED_TOPK_SIMD={os.environ.get('INFEMBED_TOPK_SIMD', 'unset')}); "
             f"numpy {np.__version__}, faiss {faiss.__version__}; blas: {blas_info()}"]
    if skipped:
        lines.append("forced paths skipped (this CPU lacks them): "
                     + "; ".join(f"{p}: {_topk.unsupported_reason(p)}" for p in skipped))
    for rnd in range(rounds):
        rng = np.random.default_rng(1)
        bw = read_bandwidth(c32)
        lines += [""] * (rnd > 0) + [
            f"round {rnd + 1}/{rounds}: corpus {n:,} × {d}, k={K}; 2-thread streaming read ≈ {bw:.1f} GB/s "
            f"(np.add.reduce on 2 halves); load average before {os.getloadavg()[0]:.2f}",
            "",
            "| provider | corpus | Q | median s | p20–p80 s | corpus GB/s | vs cpp |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += _p5_round(_topk, index, c32, c16 if fp16 else None, n, d, qs, paths, rng, bw, threadpool_limits,
                           topk_reference)
        lines.append(f"(load average after round {rnd + 1}: {os.getloadavg()[0]:.2f})")
    return lines


def _p5_round(_topk, index, c32, c16, n, d, qs, paths, rng, bw, threadpool_limits, topk_reference) -> list[str]:
    lines = []
    with threadpool_limits(THREADS):
        for nq in qs:
            q = rng.standard_normal((nq, d), dtype=np.float32)
            reps = 10 if nq == 1 else (5 if nq == 16 else 3)
            ref_ids = None
            res = {}
            forced = paths or (("avx512",) if "amx" in _topk.supported_simd() and nq >= 8 else ())
            for name, dtype, fn in [
                ("cpp", "fp32", lambda q=q: _topk.topk(q, c32, K, "ip", THREADS)),
                *([("cpp", "fp16", lambda q=q: _topk.topk(q, c16, K, "ip", THREADS))] if c16 is not None else []),
                *[(f"cpp {p}", "fp32", lambda q=q, p=p: _topk.topk(q, c32, K, "ip", THREADS, simd=p)) for p in forced],
                ("numpy", "fp32", lambda q=q: numpy_topk(q, c32, K)),
                ("faiss", "fp32", lambda q=q: index.search(q, K)),
            ]:
                med, p20, p80 = stats(timeit(fn, reps))
                res[(name, dtype)] = med
                ids = fn()[1]
                if name == "cpp" and dtype == "fp32":
                    ref_ids = ids
                agree = (np.asarray(ids) == ref_ids).mean()
                nbytes = n * d * (2 if dtype == "fp16" else 4)
                base = res[("cpp", dtype)] if ("cpp", dtype) in res else med
                lines.append(f"| {name} | {dtype} | {nq} | {med:.4f} | {p20:.4f}–{p80:.4f} | {nbytes / med / 1e9:.1f} | "
                             f"{med / base:.2f}× (ids = cpp fp32 ids: {agree:.3f}) |")
            exact = topk_reference(q[:4], c32, K)[1]  # correctness in the same run: the chunked fp64 oracle
            assert (exact == ref_ids[:4]).all(), "cpp fp32 ids differ from the fp64 reference"
            fp16_ratio = (f"fp32/fp16 (cpp) {res[('cpp', 'fp32')] / res[('cpp', 'fp16')]:.2f}, "
                          if ("cpp", "fp16") in res else "")
            lines.append(f"| ratios Q={nq} | | | faiss/cpp {res[('faiss', 'fp32')] / res[('cpp', 'fp32')]:.2f}, "
                         f"numpy/cpp {res[('numpy', 'fp32')] / res[('cpp', 'fp32')]:.2f}, {fp16_ratio}"
                         f"cpp fp32 read / streaming {n * d * 4 / res[('cpp', 'fp32')] / 1e9 / bw:.2f} | | | |")
            for p in forced:
                t = res[(f"cpp {p}", "fp32")]
                others = ", ".join(f"{o}/{p} {res[(f'cpp {o}', 'fp32')] / t:.2f}" for o in forced if o != p)
                lines.append(f"| ratios Q={nq}, {p} | | | faiss/{p} {res[('faiss', 'fp32')] / t:.2f}, "
                             f"numpy/{p} {res[('numpy', 'fp32')] / t:.2f}{', ' + others if others else ''} | | | |")
    return lines


MSMARCO = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "msmarco-sample")


def real_texts(n: int) -> tuple[list[str], list[str]]:
    """Up to ``n`` real passages and the MS MARCO sample queries, read in place (never copied).

    Passages: the sentences of the 1,743 MS MARCO sample passages, then paragraphs of the docstrings
    of installed Python packages (parsed with ``ast``, nothing imported) until ``n`` — real English
    text from two domains, so the embeddings have the clustered, anisotropic shape of real corpora.
    """
    import ast
    import json
    import re
    import sysconfig

    with open(os.path.join(MSMARCO, "queries.jsonl"), encoding="utf-8") as f:
        queries = [json.loads(line)["text"] for line in f]
    seen, texts = set(), []

    def add(t: str) -> None:
        t = " ".join(t.split())
        if 5 <= len(t.split()) <= 120 and t not in seen:
            seen.add(t)
            texts.append(t)

    with open(os.path.join(MSMARCO, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            for sent in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]):
                add(sent)
    roots = sorted({sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"]})
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if len(texts) >= n:
                    return texts[:n], queries
                if not name.endswith(".py"):
                    continue
                try:
                    with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                        tree = ast.parse(f.read())
                except (SyntaxError, UnicodeDecodeError, ValueError, OSError):
                    continue
                for node in ast.walk(tree):
                    if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                        for para in (ast.get_docstring(node) or "").split("\n\n"):
                            add(para)
    return texts[:n], queries


def real_embeddings(n: int, cache_dir: str) -> tuple[np.ndarray, np.ndarray]:
    """MiniLM (from the wheel) embeddings of :func:`real_texts`, cached as .npy in ``cache_dir``."""
    path_x, path_q = (os.path.join(cache_dir, f"real-{n}-{w}.npy") for w in ("passages", "queries"))
    if os.path.exists(path_x) and os.path.exists(path_q):
        return np.load(path_x), np.load(path_q)
    from infembed.embed import encode_texts
    from infembed.model import InfEmbed

    texts, queries = real_texts(n)
    model = InfEmbed.from_pretrained("minilm")
    t0 = time.perf_counter()
    x = encode_texts(model, texts, batch_size=64, show_progress_bar=True)
    q = model.encode_queries(queries, batch_size=64)
    print(f"encoded {len(texts):,} passages + {len(queries):,} queries in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)
    os.makedirs(cache_dir, exist_ok=True)
    np.save(path_x, x)
    np.save(path_q, q)
    return x, q


def hnsw_curve(n: int = 50_000, d: int = 384, nq: int = 500, real: tuple[np.ndarray, np.ndarray] | None = None,
               M: int = 16, ef_construction: int = 200) -> list[str]:
    import hnswlib

    from infembed import _topk

    if real is None:
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))
        from test_index import clustered  # the same clustered generator the recall test uses

        pts = clustered(n + nq, d, 100, np.random.default_rng(0))
        x, q = pts[:n], pts[n:]
        what = f"clustered synthetic {n:,} × {d} (unit vectors, 100 uneven low-rank clusters)"
    else:
        x, q = real[0], real[1][:nq]
        n, d, nq = len(x), x.shape[1], len(q)
        what = (f"REAL embeddings (all-MiniLM-L6-v2): {n:,} × {d} passages (MS MARCO sample sentences + "
                f"Python docstring paragraphs), {nq} MS MARCO queries")
    t0 = time.perf_counter()
    idx = hnswlib.Index(space="ip", dim=d)
    idx.init_index(max_elements=n, M=M, ef_construction=ef_construction, random_seed=100)
    idx.add_items(x, np.arange(n), num_threads=THREADS)
    build = time.perf_counter() - t0
    _, exact = _topk.topk(q, x, K, "ip", THREADS)
    t0 = time.perf_counter()
    for row in q[:100]:
        _topk.topk(row[None], x, K, "ip", 1)
    exact_qps = 100 / (time.perf_counter() - t0)
    lines = [f"hnswlib on {what}, "
             f"M={M}, ef_construction={ef_construction}, {THREADS} build threads: build {build:.1f} s; "
             f"exact single-query rate (cpp, 1 thread) {exact_qps:.0f} QPS",
             "", "| ef | recall@10 | QPS (1 thread, one query per call) | × exact QPS |", "|---|---|---|---|"]
    for ef in (10, 20, 40, 80, 160, 320):
        idx.set_ef(ef)
        labels, _ = idx.knn_query(q, k=K, num_threads=1)
        recall = np.mean([len(set(a) & set(b)) / K for a, b in zip(labels, exact, strict=True)])
        t0 = time.perf_counter()
        for row in q:
            idx.knn_query(row[None], k=K, num_threads=1)
        qps = nq / (time.perf_counter() - t0)
        lines.append(f"| {ef} | {recall:.4f} | {qps:.0f} | {qps / exact_qps:.0f}× |")
    return lines


def p4_table(n: int = 2_000_000, d: int = 768, k: int = 100) -> list[str]:
    """P4: CUDA and Triton paths vs chunked ``X @ Pᵀ`` + ``topk`` + merge (fp16 corpus), CUDA events,
    20 repeats; ids are also checked against the chunked fp64 oracle for the first 16 queries."""
    import torch
    from infembed.kernels.reference import topk_reference

    from infembed import _ext
    from infembed.search import _triton_topk, exact_topk

    has_cuda_ext = _ext.cuda_module() is not None  # a failed build still lets the Triton row run
    dev = torch.device("cuda")
    c = torch.randn(n, d, device=dev, dtype=torch.float16)

    def cuda_time(fn, reps: int = 20) -> tuple[float, float, float]:
        fn()
        torch.cuda.synchronize()
        times = []
        for _ in range(reps):
            a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            a.record()
            fn()
            b.record()
            torch.cuda.synchronize()
            times.append(a.elapsed_time(b) / 1e3)
        return stats(times)

    x = torch.empty(512 * 2**20, dtype=torch.uint8, device=dev)
    copy_bw = 2 * x.numel() / cuda_time(lambda buf=x: buf.clone())[0] / 1e9  # bytes read + written
    del x
    lines = [f"GPU: {torch.cuda.get_device_name()}, torch {torch.__version__}, CUDA {torch.version.cuda}; "
             f"corpus {n:,} × {d} fp16, k={k}; d2d copy {copy_bw:.0f} GB/s",
             "", "| provider | Q | median ms | p20–p80 ms | corpus GB/s (% of copy) | extra peak GB | ids = baseline "
             "| ids = fp64 (16 q) |", "|---|---|---|---|---|---|---|---|"]
    if not has_cuda_ext:
        lines.insert(1, f"(CUDA extension unavailable, its rows skipped: {_ext.load_errors().get('cuda')})")
    notes: list[str] = []  # candidate statistics of the Triton filter (bar quality, retries)
    for nq in (1024, 16):
        q = torch.randn(nq, d, device=dev)

        def baseline(q=q):
            best_s = best_i = None
            qh = q.half()
            for s0 in range(0, n, 262_144):
                v, i = (qh @ c[s0:s0 + 262_144].T).float().topk(k, dim=1)  # [Q, chunk] scores, then top-k
                i = i + s0
                if best_s is not None:
                    v, i = torch.cat([best_s, v], 1), torch.cat([best_i, i], 1)
                    v, o = v.topk(k, dim=1)
                    i = i.gather(1, o)
                best_s, best_i = v, i
            return best_s, best_i

        ref_ids = baseline()[1]
        oracle_ids = topk_reference(q[:16], c, k)[1]  # chunked fp64: the exact ids, ties → lower id
        providers = [("chunked torch", baseline)]
        if has_cuda_ext:
            providers.append(("infembed cuda", lambda q=q: exact_topk(q, c, k)))
        providers.append(("infembed triton", lambda q=q: _triton_topk(q, c, k, "ip")))
        tstats: dict = {}
        tk = _ext.triton_module()
        tk.exact_topk_triton(q, c, k, fallback=topk_reference, stats=tstats)
        rows = tstats["prefix_rows"]
        bar_ms = cuda_time(lambda q=q, tk=tk, rows=rows: tk._prefix_bar(q.double(), c, k, rows, False))[0] * 1e3
        notes.append(f"triton filter at Q={nq}: " + ", ".join(f"{key} {val:,.0f}" for key, val in tstats.items())
                     + f"; the fp64 bar alone {bar_ms:.2f} ms (median)")
        for name, fn in providers:
            torch.cuda.reset_peak_memory_stats()
            base_mem = torch.cuda.memory_allocated()
            ids = fn()[1]
            extra = (torch.cuda.max_memory_allocated() - base_mem) / 1e9
            med, p20, p80 = cuda_time(fn)
            agree = (ids == ref_ids).float().mean().item()
            exact = (ids[:16] == oracle_ids).float().mean().item()
            gbs = c.numel() * 2 / med / 1e9
            lines.append(f"| {name} | {nq} | {med * 1e3:.2f} | {p20 * 1e3:.2f}–{p80 * 1e3:.2f} | "
                         f"{gbs:.0f} ({100 * gbs / copy_bw:.0f}%) | {extra:.2f} | {agree:.3f} | {exact:.3f} |")
    return lines + [""] + notes


# ----------------------------------------------------------------------------- pytest-benchmark
BENCH_N = int(os.environ.get("INFEMBED_BENCH_N", "100000"))


@pytest.fixture(scope="module")
def corpus():
    c = make_corpus(BENCH_N, 768)
    return {"fp32": c, "fp16": c.astype(np.float16)}


@pytest.mark.parametrize("nq", [1, 16, 256])
@pytest.mark.parametrize("provider", ["cpp", "numpy", "faiss"])
def test_topk_cpu(benchmark, corpus, provider, nq):
    from threadpoolctl import threadpool_limits

    q = np.random.default_rng(1).standard_normal((nq, 768), dtype=np.float32)
    c = corpus["fp32"]
    if provider == "cpp":
        from infembed import _topk

        fn = lambda: _topk.topk(q, c, K, "ip", THREADS)  # noqa: E731
    elif provider == "numpy":
        fn = lambda: numpy_topk(q, c, K)  # noqa: E731
    else:
        faiss = pytest.importorskip("faiss")
        faiss.omp_set_num_threads(THREADS)
        index = faiss.IndexFlatIP(768)
        index.add(c)
        fn = lambda: index.search(q, K)  # noqa: E731
    benchmark.extra_info.update(provider=provider, Q=nq, N=BENCH_N, d=768, k=K, dtype="fp32", threads=THREADS,
                                blas=blas_info())
    with threadpool_limits(THREADS):
        _, ids = benchmark(fn)
    from infembed.kernels.reference import topk_reference

    if nq <= 16:  # correctness in the same run (fp64 oracle)
        np.testing.assert_array_equal(np.asarray(ids)[:1], topk_reference(q[:1], c, K)[1])


@pytest.mark.parametrize("nq", [1, 16])
def test_topk_cpu_fp16(benchmark, corpus, nq):
    from infembed import _topk

    q = np.random.default_rng(1).standard_normal((nq, 768), dtype=np.float32)
    benchmark.extra_info.update(provider="cpp", Q=nq, N=BENCH_N, d=768, k=K, dtype="fp16", threads=THREADS)
    benchmark(lambda: _topk.topk(q, corpus["fp16"], K, "ip", THREADS))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="100k × 768 instead of 1M × 768, smaller hnsw set")
    ap.add_argument("--skip-hnsw", action="store_true")
    ap.add_argument("--paths", default="", help="comma-separated forced cpp paths, e.g. avx512bf16,avx512,amx,avx2")
    ap.add_argument("--qs", default="1,16,256", help="query counts (default 1,16,256)")
    ap.add_argument("--no-fp16", action="store_true", help="skip the fp16-corpus rows")
    ap.add_argument("--rounds", type=int, default=1, help="repeat the whole comparison in this process")
    ap.add_argument("--gpu", action="store_true", help="only the P4 GPU table (CUDA machine)")
    ap.add_argument("--hnsw-real", type=int, metavar="N", default=0,
                    help="only the hnswlib curve, on MiniLM embeddings of N real passages (P6)")
    ap.add_argument("--M", type=int, default=16, help="hnswlib M (graph degree)")
    ap.add_argument("--ef-construction", type=int, default=200)
    ap.add_argument("--cache", default=os.path.join(os.path.dirname(__file__), ".cache"),
                    help="where --hnsw-real keeps its embeddings (default bench/.cache)")
    args = ap.parse_args()
    if args.gpu:
        print("\n".join(p4_table()))
        sys.exit(0)
    if args.hnsw_real:
        real = real_embeddings(args.hnsw_real, args.cache)
        print("\n".join(hnsw_curve(real=real, nq=1000, M=args.M, ef_construction=args.ef_construction)))
        sys.exit(0)
    n = 100_000 if args.quick else 1_000_000
    paths = tuple(p for p in args.paths.split(",") if p)
    qs = tuple(int(x) for x in args.qs.split(","))
    for line in p5_table(n, 768, qs, paths, fp16=not args.no_fp16, rounds=args.rounds):
        print(line, flush=True)
    if not args.skip_hnsw:
        print()
        for line in hnsw_curve(*((10_000, 128, 200) if args.quick else (50_000, 384, 500))):
            print(line, flush=True)
