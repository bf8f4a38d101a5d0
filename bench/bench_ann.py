"""Compressed ANN: faiss IVF-PQ (``infembed index build --kind faiss``) against hnswlib and exact search.

One table, same corpus, same queries, everything through infembed's own road (shards written with
``write_shard`` → ``build_index`` → ``load_index(...).search``): recall@10 against the exact top-10
(``search_shards``), single-query latency (1 thread, one query per call, as the P6 hnsw curve in
``bench_topk.py``; median and p20–p80 over ``--timed`` calls, QPS = 1 / median), bytes per vector
and build time, for hnsw at a few ``ef`` and for IVF-PQ with
PQ ``m`` ∈ ``--pq`` (8-bit codes) over an ``nprobe`` sweep, with and without exact re-ranking
(``rerank=N``: fp64 re-scoring of the N best candidates from the memory-mapped fp16 shards).

Bytes per vector: ``index file / N`` (what a search holds in memory; for IVF-PQ it includes the
8-byte ids of the inverted lists and the fixed codebooks and centroids, which weigh a lot at a
small N) and ``code + id`` (``m + 8``: the per-vector cost a large corpus tends to). The fp16
shards cost 2·d bytes (768 for d = 384); the issue's target is recall@10 ≥ 0.95 at ≤ 1/8 of that.
Re-ranking reads N shard rows per query from disk (page cache) on top of the index.

Corpus: ``--real N`` (default) embeds N real passages with MiniLM (the sentences of the MS MARCO
sample in ``../shared/data/msmarco-sample``, read in place, then docstring paragraphs of the installed
Python packages: ``bench_topk.real_texts``; cached as .npy in ``--cache``) and uses the sample's
queries; ``--synthetic N`` uses N clustered unit vectors (``tests/test_index.clustered``, d = 384)
instead. With a corpus this small, nlist must be small (≈ sqrt(N)): faiss' k-means wants 39 training
vectors per list.

Run: ``python bench/bench_ann.py --real 20000`` (prints a markdown table). ``OMP_WAIT_POLICY`` is set
to ``PASSIVE`` unless given: faiss' OpenMP threads otherwise spin at every barrier, which on a shared
2-core machine made PQ training ~4× slower.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before faiss loads its OpenMP runtime (see above)

import argparse  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

K = 10
HERE = Path(__file__).resolve().parent


def corpus(args) -> tuple[np.ndarray, np.ndarray, str]:
    """``(passages [N, d] float32, queries [Q, d] float32, description)``, unit vectors."""
    if args.synthetic:
        sys.path.insert(0, str(HERE.parent / "tests"))
        from test_index import clustered  # the generator of the hnsw recall test

        pts = clustered(args.synthetic + args.nq, 384, 100, np.random.default_rng(0))
        return (pts[:args.synthetic], pts[args.synthetic:],
                f"clustered synthetic {args.synthetic:,} × 384 (100 uneven low-rank clusters; not real embeddings)")
    sys.path.insert(0, str(HERE))
    from bench_topk import real_embeddings

    x, q = real_embeddings(args.real, args.cache)
    return (x, q[:args.nq], f"REAL all-MiniLM-L6-v2 embeddings: {len(x):,} × {x.shape[1]} passages (MS MARCO sample "
            "sentences, then Python docstring paragraphs), MS MARCO sample queries")


def write_corpus(directory: Path, x: np.ndarray, shard_rows: int = 8192) -> None:
    """fp16 shards as ``infembed encode --dtype fp16`` writes them."""
    from infembed.shards import MANIFEST_FORMAT, MANIFEST_NAME, atomic_write_json, write_shard

    entries = []
    for n, start in enumerate(range(0, len(x), shard_rows)):
        block = x[start:start + shard_rows].astype(np.float16)
        entries.append(write_shard(directory, n, [f"p{start + j}" for j in range(len(block))], block))
    atomic_write_json(directory / MANIFEST_NAME, {
        "format": MANIFEST_FORMAT, "model_fingerprint": "bench", "dim": int(x.shape[1]), "dtype": "float16",
        "normalized": True, "settings": {}, "shards": entries, "complete": True})


def recall(ids: np.ndarray, exact: np.ndarray) -> float:
    return float(np.mean([len(set(a.tolist()) & set(b.tolist())) / K for a, b in zip(ids, exact, strict=True)]))


def latency(fn, q: np.ndarray) -> tuple[float, float, float]:
    """``(median, p20, p80)`` seconds of ``fn`` on one query per call (medians: the box may be shared)."""
    fn(q[:1])  # warm-up (re-ranking opens the shards here)
    times = []
    for i in range(len(q)):
        t0 = time.perf_counter()
        fn(q[i:i + 1])
        times.append(time.perf_counter() - t0)
    p20, p50, p80 = np.percentile(times, [20, 50, 80])
    return float(p50), float(p20), float(p80)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", type=int, default=20_000, metavar="N", help="real MiniLM passages (default 20,000)")
    ap.add_argument("--synthetic", type=int, default=0, metavar="N", help="clustered synthetic corpus of N instead")
    ap.add_argument("--nq", type=int, default=1000, help="queries for recall (default 1,000)")
    ap.add_argument("--timed", type=int, default=500, help="of which timed one per call (default 500)")
    ap.add_argument("--nlist", type=int, default=0, help="IVF lists (default: power of two nearest sqrt(N))")
    ap.add_argument("--pq", default="16,32,48,64", help="PQ sub-quantizer counts m (8-bit codes)")
    ap.add_argument("--opq", default="", help="also OPQ{m},IVF..,PQ{m} for these m (comma list; slower to train)")
    ap.add_argument("--nprobe", default="16,64", help="nprobe sweep")
    ap.add_argument("--rerank", default="0,100,300", help="re-ranking depths (0 = off)")
    ap.add_argument("--ef", default="20,40,80", help="hnsw ef sweep")
    ap.add_argument("--M", type=int, default=32, help="hnsw graph degree")
    ap.add_argument("--ef-construction", type=int, default=400)
    ap.add_argument("--threads", type=int, default=2, help="build threads")
    ap.add_argument("--cache", default=str(HERE / ".cache"), help="where real embeddings are cached")
    args = ap.parse_args()

    import faiss
    import hnswlib

    from infembed import _topk
    from infembed.index import build_index, load_index
    from infembed.search import search_shards

    x, q, what = corpus(args)
    n, d = x.shape
    nlist = args.nlist or 2 ** round(math.log2(math.sqrt(n)))
    timed = q[:args.timed]
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo", encoding="utf-8")
                if ln.startswith("model name")), platform.processor())
    print(f"{what}; {len(q):,} queries for recall, {len(timed)} timed one per call on 1 thread; nlist = {nlist}; "
          f"CPU {cpu} ({os.cpu_count()} cores); faiss {faiss.__version__}, hnswlib {getattr(hnswlib, '__version__', '?')}, "
          f"numpy {np.__version__}; OMP_WAIT_POLICY={os.environ['OMP_WAIT_POLICY']}", flush=True)
    rows: list[tuple] = []  # (method, setting, recall, (median, p20, p80) s, file B/vec, code B/vec, build s)
    with tempfile.TemporaryDirectory(prefix="bench-ann-") as tmp:
        root = Path(tmp)
        (root / "emb").mkdir()
        write_corpus(root / "emb", x)
        exact = search_shards(q, root / "emb", K, threads=args.threads).ids  # [Q, 10] ground truth
        x16 = x.astype(np.float16)
        lat = latency(lambda one: _topk.topk(one, x16, K, "ip", 1), timed)
        rows.append(("exact (fp16 in memory, C++)", "–", 1.0, lat, 2 * d, 2 * d, 0.0))
        print(rows[-1], flush=True)

        m = build_index(root / "emb", root / "hnsw", "hnsw", M=args.M, ef_construction=args.ef_construction,
                        threads=args.threads, progress=False)
        index = load_index(root / "hnsw")
        size = (root / "hnsw" / "hnsw.bin").stat().st_size / n
        for ef in (int(e) for e in args.ef.split(",")):
            r = recall(index.search(q, K, ef=ef, threads=1)[1], exact)
            lat = latency(lambda one, ef=ef: index.search(one, K, ef=ef, threads=1), timed)
            rows.append((f"hnsw M={args.M}, efC={args.ef_construction}", f"ef={ef}", r, lat, size, 4 * d + 8 * args.M,
                         m.build_seconds))
            print(rows[-1], flush=True)

        factories = [f"IVF{nlist},PQ{pq}" for pq in args.pq.split(",")]
        factories += [f"OPQ{pq},IVF{nlist},PQ{pq}" for pq in args.opq.split(",") if pq]
        for factory in factories:
            out = root / factory.replace(",", "_")
            m = build_index(root / "emb", out, "faiss", factory=factory, threads=args.threads, progress=False)
            index = load_index(out)
            size = (out / "faiss.index").stat().st_size / n
            code = faiss.extract_index_ivf(index.index).code_size + 8  # + the id each inverted list stores
            for nprobe in (int(p) for p in args.nprobe.split(",")):
                for rerank in (int(r) for r in args.rerank.split(",")):
                    opts = {"nprobe": nprobe, "rerank": rerank, "threads": 1}
                    r = recall(index.search(q, K, **opts)[1], exact)
                    lat = latency(lambda one, opts=opts, index=index: index.search(one, K, **opts), timed)
                    setting = f"nprobe={nprobe}" + (f", rerank={rerank}" if rerank else "")
                    rows.append((factory, setting, r, lat, size, code, m.build_seconds))
                    print(rows[-1], flush=True)

    print(f"\n| method | setting | recall@10 | µs/query median [p20, p80] | QPS | index B/vec (file / N) | "
          f"code + id B/vec | × smaller than fp16 ({2 * d} B) | build s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for method, setting, r, (med, p20, p80), size, code, build in rows:
        print(f"| {method} | {setting} | {r:.4f} | {med * 1e6:,.0f} [{p20 * 1e6:,.0f}, {p80 * 1e6:,.0f}] | "
              f"{1 / med:,.0f} | {size:,.0f} | {code:,.0f} | {2 * d / size:.1f} | {build:.1f} |")
    budget = 2 * d / 8
    for col, what in ((4, "index file"), (5, "code + id")):
        fits = [row for row in rows if row[col] <= budget and row[2] >= 0.95]
        best = min(fits, key=lambda row: row[3][0]) if fits else None
        print(f"fastest row with recall@10 >= 0.95 at <= {budget:.0f} B/vec ({what}; 1/8 of fp16): "
              + (f"{best[0]} {best[1]} ({best[2]:.4f}, {1 / best[3][0]:,.0f} QPS)" if best else "none"))


if __name__ == "__main__":
    main()
