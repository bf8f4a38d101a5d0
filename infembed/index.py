"""Search indexes over embedding shards: ``exact`` (the shards themselves, searched with the C++
scorer), ``hnsw`` (``hnswlib``, inner-product space on normalised vectors) and ``faiss`` (any faiss
index factory string, e.g. the compressed ``IVF1024,PQ48``; optional dependency ``faiss-cpu``).

An index directory holds ``index.json`` (format, kind, model fingerprint, dim, normalised, count,
build settings and time, and the verified state below) and, for ``hnsw``/``faiss``, ``hnsw.bin`` or
``faiss.index`` plus ``ids.txt`` (passage ids in global order: shard order × row, the same ids
:mod:`infembed.search` uses; faiss labels are these global positions). An ``exact`` index refers to
its shard directory by absolute path and copies nothing.

Integrity: a build checks every shard against the shard manifest (``.npy`` header, size and sha256;
``.ids`` line count and the id rule of :func:`infembed.data.id_problem`), refuses non-finite rows, and
records what it verified: the sha256 of the shards' ``manifest.json`` and ``{size, mtime_ns, sha256}``
of every shard file (``exact``, and ``faiss`` for its exact re-ranking) and of ``hnsw.bin``/``faiss.index``
and ``ids.txt`` (``hnsw``/``faiss``, which copy what they need to search).
:func:`load_index` compares the current files with that record (:func:`infembed.shards.check_file_state`:
a ``stat`` per file, a re-hash only when the mtime moved) and refuses a stale or damaged index with
a message naming the file and saying to rebuild. A ``faiss`` index checks its shard files only when a
search re-ranks (``rerank=N``), the one step that reads them.

hnswlib's ``'ip'`` space returns the distance ``1 - <q, x>``; :meth:`HnswIndex.search` converts it
back to the similarity ``<q, x>``. faiss (``METRIC_INNER_PRODUCT``) returns ``<q, x>`` directly, as
its codes approximate it (PQ); ``rerank=N`` replaces those by fp64 scores of the stored vectors.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .data import DataError
from .io import atomic_write_bytes, atomic_write_json
from .shards import (
    MANIFEST_NAME,
    RACY_NS,
    Shard,
    check_file_state,
    file_sha256,
    file_state,
    list_shards,
    read_manifest,
)

log = logging.getLogger(__name__)

INDEX_FORMAT = "infembed-index/2"  # /2: records the verified shard state (an /1 index is rebuilt)
INDEX_MANIFEST = "index.json"
KINDS = ("exact", "hnsw", "faiss")
HNSW_FILES = ("hnsw.bin", "ids.txt")
FAISS_FILES = ("faiss.index", "ids.txt")
INDEX_FILES = {"hnsw": HNSW_FILES, "faiss": FAISS_FILES}  # what each copying kind writes and verifies
DEFAULT_NPROBE = 16
_BLOCK = 65536  # rows per bounded fp32 copy of an fp16 shard
_RERANK_FLOATS = 1 << 22  # fp64 values per block of gathered re-ranking candidates (32 MiB)
_FACTORY_HELP = ("pass a faiss index factory string such as 'IVF1024,PQ48' or 'OPQ48,IVF1024_HNSW32,PQ48' "
                 "(PQ m must divide the dim; https://github.com/facebookresearch/faiss/wiki/The-index-factory)")


@dataclass
class IndexManifest:
    kind: str
    model_fingerprint: str
    dim: int
    normalized: bool
    count: int
    embeddings: str  # absolute path of the shard directory the index was built from
    settings: dict = field(default_factory=dict)
    build_seconds: float = 0.0
    shards_manifest_sha256: str = ""  # of the shard directory's manifest.json at build time
    shard_files: dict = field(default_factory=dict)  # exact/faiss: {file name: {size, mtime_ns, sha256}}
    index_files: dict = field(default_factory=dict)  # hnsw/faiss: the same for INDEX_FILES[kind]
    checked_ns: int = 0  # time.time_ns() before those files were checked (see shards.check_file_state)
    format: str = INDEX_FORMAT

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _rebuild_hint(index_dir: Path, manifest: IndexManifest | None = None) -> str:
    if manifest is None:
        return "rebuild it with `infembed index build`"
    factory = f" --factory '{manifest.settings.get('factory', '')}'" if manifest.kind == "faiss" else ""
    return (f"rebuild it: infembed index build --embeddings {manifest.embeddings} --out {index_dir} "
            f"--kind {manifest.kind}{factory}")


def _read_manifest(index_dir: Path) -> IndexManifest:
    path = index_dir / INDEX_MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{index_dir} is not an index: {INDEX_MANIFEST} is missing "
                                "(build one with `infembed index build`)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: not valid JSON ({e}); {_rebuild_hint(index_dir)}") from None
    if not isinstance(raw, dict) or raw.get("format") != INDEX_FORMAT:
        found = raw.get("format") if isinstance(raw, dict) else None
        raise DataError(f"{path}: format {found!r} is not {INDEX_FORMAT!r} (an index written by another "
                        f"version of infembed); {_rebuild_hint(index_dir)}")
    try:
        return IndexManifest(**raw)
    except TypeError as e:
        raise DataError(f"{path}: unexpected fields ({e}); {_rebuild_hint(index_dir)}") from None


def check_fingerprint(manifest: IndexManifest, model_fingerprint: str | None, where: str = "index") -> None:
    """Refuse to search an index with queries from a different model."""
    if model_fingerprint is not None and manifest.model_fingerprint and model_fingerprint != manifest.model_fingerprint:
        raise ValueError(
            f"the {where} was built from embeddings of model {manifest.model_fingerprint[:12]}…, but the "
            f"query model is {model_fingerprint[:12]}…; encode the corpus with this model (or pass the "
            "model the index was built with, and the --pooling/--mode its encode was given)")


def _checked_queries(queries, dim: int) -> np.ndarray:
    """``queries [Q, dim]`` as contiguous float32, refusing a non-finite row (it has no ranking)."""
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    if queries.ndim != 2 or queries.shape[1] != dim:
        raise ValueError(f"queries have shape {queries.shape}; this index has dim {dim}")
    bad = np.flatnonzero(~np.isfinite(queries).all(axis=1))
    if bad.size:
        raise ValueError(f"query embedding row {int(bad[0])} (of {queries.shape[0]}; {bad.size} such rows) holds "
                         "a non-finite value (nan or inf), which has no ranking; check that query and the model "
                         "(a normalised embedding is always finite)")
    return queries


class ExactIndex:
    """Exact search over the shard directory an index points to."""

    def __init__(self, manifest: IndexManifest):
        self.manifest = manifest

    def search(self, queries: np.ndarray, k: int, ef: int | None = None, threads: int | None = None,
               progress: bool | None = None):
        """``queries [Q, d]`` float32 → ``(scores [Q, k'] float32, ids [Q, k'] int64, passage_ids)``."""
        from .search import search_shards

        queries = _checked_queries(queries, self.manifest.dim)
        res = search_shards(queries, self.manifest.embeddings, k, "ip", threads, progress)
        return res.scores, res.ids, res.passage_ids


class HnswIndex:
    """``hnswlib`` graph over the normalised embeddings; labels are global positions."""

    def __init__(self, manifest: IndexManifest, index, passage_ids: list[str]):
        self.manifest = manifest
        self.index = index
        self.passage_ids = passage_ids

    def search(self, queries: np.ndarray, k: int, ef: int | None = None, threads: int | None = None,
               progress: bool | None = None):
        """Approximate top-k.

        Args:
            queries: ``[Q, d]`` float32 (normalised, as the corpus; every value finite).
            k: results per query (``min(k, count)``).
            ef: search breadth (``>= k``; default ``max(50, k)``): larger is slower and more exact.

        Returns:
            ``(scores [Q, k'] float32 similarities, ids [Q, k'] int64 global positions, passage_ids)``.
        """
        queries = _checked_queries(queries, self.manifest.dim)
        if k <= 0:
            raise ValueError(f"k must be >= 1, got {k}")
        kk = min(k, self.manifest.count)
        ef = max(50, kk) if ef is None else ef
        if ef < kk:
            raise ValueError(f"ef={ef} must be >= k={kk} (hnswlib cannot return more than ef results)")
        self.index.set_ef(ef)
        labels, dist = self.index.knn_query(queries, k=kk, num_threads=threads or -1)
        scores = (1.0 - dist).astype(np.float32)  # 'ip' distance is 1 - <q, x>
        ids = labels.astype(np.int64)
        return scores, ids, [[self.passage_ids[j] for j in row] for row in ids]


class FaissIndex:
    """A faiss index (any factory string, inner product); labels are global positions.

    Searches return faiss' own scores (for PQ codes, approximations of ``<q, x>``) unless ``rerank``
    asks for fp64 re-scoring of the candidates from the shard files the index was built from.
    """

    def __init__(self, manifest: IndexManifest, index, passage_ids: list[str], index_dir: Path):
        faiss = _import_faiss()
        self.manifest = manifest
        self.index = index
        self.passage_ids = passage_ids
        self.index_dir = index_dir
        self._ivf = faiss.try_extract_index_ivf(index)  # None without an IVF layer: nprobe does not apply
        self._hnsw = getattr(faiss.downcast_index(_innermost(faiss, index)), "hnsw", None)  # 'HNSW32,Flat' etc.
        self._vectors: _ShardVectors | None = None  # opened (and checked) by the first re-ranking search

    def search(self, queries: np.ndarray, k: int, ef: int | None = None, threads: int | None = None,
               progress: bool | None = None, *, nprobe: int | None = None, rerank: int = 0):
        """Approximate top-k, optionally re-ranked exactly.

        Args:
            queries: ``[Q, d]`` float32 (normalised, as the corpus; every value finite).
            k: results per query (``min(k, count)``).
            ef: HNSW search breadth, for a factory whose top level is a graph (``'HNSW32,Flat'``);
                ignored otherwise, as by :class:`ExactIndex`.
            nprobe: IVF lists searched per query (``>= 1``, default :data:`DEFAULT_NPROBE`; capped by
                faiss at nlist): larger is slower and more exact.
            rerank: ``0`` (off) or ``N >= k``: take the ``N`` best candidates by faiss' score, re-score
                them in fp64 from the shards (memory-mapped) and keep the ``k`` best, ties → lower id.
                The top ids then equal exact search's whenever the candidates hold them. The shard
                files must be the ones the build recorded (checked on the first re-ranking search).

        Returns:
            ``(scores [Q, k'] float32, ids [Q, k'] int64 global positions, passage_ids)``. A query
            for which faiss finds fewer than ``k'`` vectors (too few lists probed) gets ids ``-1`` and
            scores ``-inf`` at the end of its row and a shorter passage id list (a warning says so).

        Example::

            idx = load_index("idx/")  # built with --kind faiss --factory IVF1024,PQ48
            scores, ids, pids = idx.search(q, 10, nprobe=32, rerank=100)
        """
        queries = _checked_queries(queries, self.manifest.dim)
        if k <= 0:
            raise ValueError(f"k must be >= 1, got {k}")
        nprobe = DEFAULT_NPROBE if nprobe is None else nprobe
        if nprobe < 1:
            raise ValueError(f"nprobe must be >= 1 (IVF lists searched per query), got {nprobe}")
        kk = min(k, self.manifest.count)
        if rerank < 0 or 0 < rerank < kk:
            raise ValueError(f"rerank={rerank} must be 0 (off) or >= k={kk} (the candidates re-scored per query)")
        fetch = min(max(kk, rerank), self.manifest.count)
        if self._ivf is not None:
            self._ivf.nprobe = nprobe
        if self._hnsw is not None and ef is not None:
            self._hnsw.efSearch = ef
        if threads:
            _import_faiss().omp_set_num_threads(threads)
        scores, ids = self.index.search(queries, fetch)  # [Q, fetch]; -1 where fewer were found
        if rerank:
            scores, ids = self._rerank(queries, ids, kk)
        else:
            scores, ids = scores[:, :kk], ids[:, :kk]
        found = ids >= 0
        if not found.all():
            short = int((~found).any(axis=1).sum())
            log.warning("%d of %d queries found fewer than %d vectors in the %s IVF lists probed; search more lists "
                        "(raise nprobe)", short, len(ids), kk, nprobe)
        scores = np.where(found, scores, -np.inf).astype(np.float32)
        return scores, ids, [[self.passage_ids[j] for j in row if j >= 0] for row in ids.tolist()]

    def _rerank(self, queries: np.ndarray, cand: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """fp64 scores of the candidates ``cand [Q, n]`` (global ids, ``-1`` = none) → the best ``k``:
        ``(scores [Q, k] float64, ids [Q, k] int64)``, ties → lower id, missing candidates last."""
        if self._vectors is None:
            _check_shards(self.index_dir, self.manifest, also="or search without rerank, which reads only the index")
            self._vectors = _ShardVectors(list_shards(self.manifest.embeddings), self.manifest.dim)
        q64 = queries.astype(np.float64)  # [Q, d]
        exact = np.full(cand.shape, -np.inf)  # [Q, n]
        for i, row in enumerate(cand):  # one query at a time: memory stays at n rows
            found = row >= 0
            # the shards were verified at build and are unchanged since (_check_shards): no finiteness pass
            vecs = self._vectors.gather(row[found], check=False)  # [n', d] float32, exact for fp16/fp32 shards
            exact[i, found] = vecs.astype(np.float64) @ q64[i]
        no_id = np.iinfo(np.int64).max
        order = np.lexsort((np.where(cand >= 0, cand, no_id), -exact))[:, :k]  # score desc, then id asc
        return np.take_along_axis(exact, order, 1), np.take_along_axis(cand, order, 1)


class _ShardVectors:
    """Rows of a shard directory by global position (shard order × row), read from memory-mapped
    shards as float32 (exact for float16/float32 shards), non-finite rows refused."""

    def __init__(self, shards: list[Shard], dim: int):
        self.shards = shards
        self.dim = dim
        self.offsets = np.cumsum([0] + [s.count for s in shards])  # [S + 1] global start of each shard
        self._open: dict[int, tuple[list[str], np.ndarray]] = {}

    def shard(self, s: int) -> tuple[list[str], np.ndarray]:
        """``(ids, embeddings [n, d])`` of shard ``s``, opened once; the array is a plain ndarray view of
        the memory map (indexing an ``np.memmap`` subclass costs more per call)."""
        if s not in self._open:
            pids, emb = self.shards[s].load(mmap=True)
            self._open[s] = (pids, np.asarray(emb))
        return self._open[s]

    def gather(self, positions: np.ndarray, check: bool = True) -> np.ndarray:
        """``positions [n]`` int64 (ascending reads fastest) → ``[n, d]`` float32; ``check``: refuse a
        non-finite row (naming it)."""
        out = np.empty((len(positions), self.dim), np.float32)
        owner = np.searchsorted(self.offsets, positions, side="right") - 1  # [n] shard of each position
        for s in np.unique(owner).tolist():
            sel = np.flatnonzero(owner == s)
            pids, emb = self.shard(s)
            rows = positions[sel] - self.offsets[s]
            block = emb[rows]  # [len(sel), d]; reads only these rows
            if check:
                _check_finite(self.shards[s], pids, block, rows)
            out[sel] = block
        return out

    def blocks(self) -> Iterator[np.ndarray]:
        """Every row in global order, as float32 blocks ``[<= _BLOCK, d]``."""
        for s, shard in enumerate(self.shards):
            pids, emb = self.shard(s)
            for start in range(0, shard.count, _BLOCK):
                block = np.ascontiguousarray(emb[start:start + _BLOCK], dtype=np.float32)  # [b, d]
                _check_finite(shard, pids, block, start)
                yield block

    def ids(self) -> list[str]:
        return [pid for s in range(len(self.shards)) for pid in self.shard(s)[0]]


def _import_faiss():
    """faiss, or a user error saying how to install it (an optional dependency)."""
    if "faiss" not in sys.modules:
        logging.getLogger("faiss.loader").setLevel(logging.WARNING)  # its INFO lines list every SIMD build it tried
    try:
        import faiss
    except ImportError:
        raise ValueError("faiss indexes (`--kind faiss`, `infembed index export`) need faiss, which is not "
                         "installed: pip install faiss-cpu (or pip install 'infembed[faiss]')") from None
    return faiss


def _faiss_reason(e: Exception) -> str:
    """faiss' C++ message without its ``Error in <function> at <file>:<line>:`` prefix."""
    text = " ".join(str(e).split())
    text = re.sub(r"^Error in .*? at \S+:\d+: ", "", text)
    return re.sub(r"^Error: '.*?' failed: ", "", text)


def _innermost(faiss, index):
    """The index under any pre-transforms (``OPQ16,...``, ``PCA64,...``)."""
    index = faiss.downcast_index(index)
    while isinstance(index, faiss.IndexPreTransform):
        index = faiss.downcast_index(index.index)
    return index


def _faiss_from_factory(faiss, factory: str | None, dim: int):
    """An empty inner-product faiss index for ``factory`` at ``dim``; a ValueError naming a string faiss refuses."""
    if not factory or not factory.strip():
        raise ValueError(f"--kind faiss needs --factory: {_FACTORY_HELP}")
    try:
        return faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as e:
        raise ValueError(f"--factory {factory!r}: faiss refuses it for dim {dim} ({_faiss_reason(e)}); "
                         f"{_FACTORY_HELP}") from None


def _train_faiss(faiss, index, factory: str, gather: Callable[[np.ndarray], np.ndarray], count: int,
                 train_size: int | None, seed: int, work=None) -> int:
    """Train ``index`` (or ``work``, its GPU copy, which faiss cannot inspect as it does the CPU index) on a
    seeded random sample of the ``count`` vectors (``gather(sorted positions [n]) → [n, d] float32``).
    Returns the sample size (0: the index needs no training, e.g. ``Flat``)."""
    work = index if work is None else work
    if work.is_trained:
        return 0
    ivf = faiss.try_extract_index_ivf(index)
    nlist = ivf.nlist if ivf is not None else 1
    coder = faiss.downcast_index(ivf) if ivf is not None else _innermost(faiss, index)
    pq = getattr(coder, "pq", None)
    if getattr(coder, "do_polysemous_training", False):
        # faiss' default for PQ (the factory's 'np' suffix turns it off) reorders the codes for a Hamming
        # pre-filter that infembed's search never enables; it took 30 of 33 s training PQ16 on 3,000 × 384.
        coder.do_polysemous_training = False
    centroids = max(nlist, pq.ksub if pq is not None else 1)  # the largest k-means of the training
    wanted = 39 * centroids  # faiss' k-means asks for 39 points per centroid
    n = min(count, train_size or max(40 * centroids, 50_000))
    if n < centroids:
        fix = (f"raise --train-size (up to {count})" if n < count else
               f"use fewer IVF lists for {count} vectors (e.g. IVF{2 ** int(math.log2(max(1, math.sqrt(count))))})"
               if nlist >= centroids else "use fewer PQ bits (e.g. PQ16x4) or a larger corpus")
        raise ValueError(f"--factory {factory!r}: training needs at least {centroids} vectors (one per k-means "
                         f"centroid) but has {n}; {fix}")
    if n < wanted:
        log.warning("training %r on %d vectors; faiss wants %d (39 per centroid of its %d-centroid k-means), so "
                    "the quantizer may be weaker (more vectors: --train-size, or fewer lists)", factory, n, wanted,
                    centroids)
        for cp in (getattr(ivf, "cp", None), getattr(pq, "cp", None)):  # said once here, not per k-means
            if cp is not None:
                cp.min_points_per_centroid = 1
    positions = np.sort(np.random.default_rng(seed).choice(count, size=n, replace=False))  # [n]
    try:
        work.train(gather(positions))
    except RuntimeError as e:
        raise ValueError(f"--factory {factory!r}: faiss could not train on {n} vectors ({_faiss_reason(e)})") from None
    return n


def _faiss_on_gpu(faiss, index):
    """A GPU copy of ``index`` when faiss-gpu sees a GPU (training and adding then run there), else ``index``."""
    if faiss.get_num_gpus() == 0 or not hasattr(faiss, "index_cpu_to_all_gpus"):
        return index
    try:
        return faiss.index_cpu_to_all_gpus(index)
    except RuntimeError as e:  # not every factory has a GPU version (OPQ, HNSW coarse quantizers, ...)
        log.info("faiss keeps this index on the CPU: %s", _faiss_reason(e))
        return index


def _write_atomically(path: Path, write: Callable[[str], None]) -> None:
    """``write(temporary path)``, fsync, then rename onto ``path``: a crash leaves the old file or the new one."""
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
    try:
        write(str(tmp))
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _check_finite(shard, pids: list[str], block: np.ndarray, rows: int | np.ndarray) -> None:
    """Refuse a block ``[b, d]`` of ``shard`` (its rows ``rows..``, or the rows ``rows [b]``) holding nan/inf:
    it has no ranking."""
    bad = np.flatnonzero(~np.isfinite(block).all(axis=1))
    if bad.size:
        row = rows + int(bad[0]) if isinstance(rows, int) else int(rows[bad[0]])
        raise DataError(f"{shard.npy_path}: row {row} (passage id {pids[row]!r}) holds a non-finite value (nan or "
                        "inf), which an index cannot rank; re-encode the corpus (`infembed encode ... --overwrite`; "
                        "a normalised embedding is always finite) or drop that passage")


def _backdate(path: Path) -> None:
    """Move a file the build just wrote RACY_NS·2 into the past, so that its recorded state is not
    racy (any later write sets a newer mtime, which :func:`load_index` notices with one ``stat``)."""
    t = time.time_ns() - 2 * RACY_NS
    os.utime(path, ns=(t, t))


def build_index(embeddings: str | os.PathLike, out: str | os.PathLike, kind: str = "exact", *, M: int = 16,
                ef_construction: int = 200, threads: int = 0, seed: int = 100, factory: str | None = None,
                train_size: int | None = None, progress: bool | None = None) -> IndexManifest:
    """Build an index from an embedding-shard directory into ``out``.

    Every shard is verified first (size and sha256 against the shard manifest, ``.ids`` against the
    id rule) and every row must be finite; the verified state goes into ``index.json``.

    Args:
        kind: ``'exact'`` (a manifest pointing at the shards), ``'hnsw'`` or ``'faiss'``.
        M, ef_construction: hnswlib graph settings.
        seed: hnsw: level assignment (a build with ``threads > 1`` is not bit-reproducible because
            insertion order interleaves); faiss: the training sample.
        threads: build threads (0 = all cores).
        factory: faiss only (required there): an index factory string, e.g. ``'IVF1024,PQ48'`` or
            ``'OPQ48,IVF1024_HNSW32,PQ48'``, built with the inner-product metric. Checked with faiss
            before any shard is read.
        train_size: faiss only: vectors sampled (seeded, uniformly over all shards) to train the
            quantizers; default ``max(40 × the largest k-means centroid count, 50,000)``, capped by the
            corpus. Fewer than faiss' 39 per centroid gives a warning, fewer than one per centroid an error.
            PQ codes are trained without faiss' polysemous reordering (as the factory suffix ``np`` does):
            it only serves a Hamming pre-filter that this search never uses.

    Raises:
        DataError: a damaged shard (naming the file) or a non-finite row (naming shard, row and id).
        ValueError: a bad setting, a factory string faiss refuses, or faiss not installed (``kind='faiss'``).

    Example::

        build_index("emb/", "idx/", "hnsw", M=16, ef_construction=200, threads=2)
        build_index("emb/", "idx-pq/", "faiss", factory="IVF1024,PQ48")
    """
    from tqdm.auto import tqdm

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if M < 2 or ef_construction < 1:
        raise ValueError(f"need M >= 2 and ef_construction >= 1, got M={M}, ef_construction={ef_construction}")
    if kind != "faiss" and (factory is not None or train_size is not None):
        raise ValueError(f"--factory and --train-size apply to --kind faiss, not --kind {kind}")
    if train_size is not None and train_size < 1:
        raise ValueError(f"train_size must be >= 1, got {train_size}")
    src = Path(embeddings).resolve()
    shard_manifest = read_manifest(src)
    manifest_sha = file_sha256(src / MANIFEST_NAME)
    shards = list_shards(src)
    count = sum(s.count for s in shards)
    if count == 0:
        raise ValueError(f"{src} holds no embeddings; nothing to index")
    dim = int(shard_manifest["dim"])
    normalized = bool(shard_manifest.get("normalized", False))
    if kind == "faiss":  # a bad factory string is refused before the shards are read
        faiss = _import_faiss()
        index = _faiss_from_factory(faiss, factory, dim)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / INDEX_MANIFEST).unlink(missing_ok=True)  # a build that fails leaves no index behind
    threads = threads or (os.cpu_count() or 1)
    t0 = time.perf_counter()
    checked_ns = time.time_ns()
    shard_files: dict[str, dict] = {}
    for shard in tqdm(shards, desc="verify shards", unit="shard", disable=progress is False or len(shards) < 2):
        shard_files.update(shard.verify(dim))
    if kind in ("hnsw", "faiss") and not normalized:
        log.warning("%s: embeddings are not normalised; %s inner-product search is then an approximate "
                    "maximum inner product search with weaker recall", src, kind)
    settings: dict = {}
    if kind == "hnsw":
        import hnswlib

        index = hnswlib.Index(space="ip", dim=dim)
        index.init_index(max_elements=count, M=M, ef_construction=ef_construction, random_seed=seed)
        settings = {"M": M, "ef_construction": ef_construction, "seed": seed, "threads": threads, "space": "ip"}
    elif kind == "faiss":
        faiss.omp_set_num_threads(threads)
        work = _faiss_on_gpu(faiss, index)
        trained_on = _train_faiss(faiss, index, factory, _ShardVectors(shards, dim).gather, count, train_size, seed,
                                  work)
        settings = {"factory": factory, "metric": "ip", "train_size": trained_on, "seed": seed, "threads": threads}
    passage_ids: list[str] = []
    offset = 0
    with tqdm(total=count, desc=f"{kind} build", unit="vec", disable=progress is False) as bar:
        for shard in shards:
            pids, emb = shard.load(mmap=True)
            for start in range(0, shard.count, _BLOCK):  # bounded fp32 copies of fp16 shards
                block = np.ascontiguousarray(emb[start:start + _BLOCK], dtype=np.float32)  # [b, d]
                _check_finite(shard, pids, block, start)
                if kind == "hnsw":
                    labels = np.arange(offset + start, offset + start + block.shape[0], dtype=np.int64)
                    index.add_items(block, labels, num_threads=threads)
                elif kind == "faiss":
                    try:
                        work.add(block)  # faiss labels rows in the order added: the global positions
                    except RuntimeError as e:  # e.g. 'IDMap,...', which takes only explicit ids
                        raise ValueError(f"--factory {factory!r}: faiss cannot add vectors to it "
                                         f"({_faiss_reason(e)}); {_FACTORY_HELP}") from None
                bar.update(block.shape[0])
            passage_ids.extend(pids)
            offset += shard.count
    index_files: dict[str, dict] = {}
    if kind in INDEX_FILES:
        if kind == "hnsw":
            _write_atomically(out / "hnsw.bin", index.save_index)
        else:
            index = index if work is index else faiss.index_gpu_to_cpu(work)
            _write_atomically(out / "faiss.index", lambda path: faiss.write_index(index, path))
        atomic_write_bytes(out / "ids.txt", ("\n".join(passage_ids) + "\n").encode())
        now_ns = time.time_ns()  # the recorded state is now that of the index's own files
        if kind == "faiss":  # re-ranking reads the shards: they must still be what was verified and indexed
            for name, state in shard_files.items():
                check_file_state(src / name, state, checked_ns, "it changed while the index was being built (an "
                                 "encode run writing there?); build again once it has finished")
        else:
            shard_files = {}  # hnsw copies the vectors and ids it needs: the shards may change afterwards
        checked_ns = now_ns
        for name in INDEX_FILES[kind]:
            _backdate(out / name)
            index_files[name] = file_state(out / name)
    if file_sha256(src / MANIFEST_NAME) != manifest_sha:
        raise DataError(f"{src / MANIFEST_NAME} changed while the index was being built (an encode run writing "
                        "there?); build again once it has finished")
    manifest = IndexManifest(kind=kind, model_fingerprint=shard_manifest.get("model_fingerprint", ""), dim=dim,
                             normalized=normalized, count=count, embeddings=str(src), settings=settings,
                             build_seconds=round(time.perf_counter() - t0, 3), shards_manifest_sha256=manifest_sha,
                             shard_files=shard_files, index_files=index_files, checked_ns=checked_ns)
    atomic_write_json(out / INDEX_MANIFEST, manifest.to_dict())
    return manifest


def _check_shards(index_dir: Path, manifest: IndexManifest, also: str = "") -> None:
    """Refuse an index whose shard directory is no longer the one it was built from (``also``: another
    way out, appended to the fix)."""
    src = Path(manifest.embeddings)
    fix = _rebuild_hint(index_dir, manifest) + (f" ({also})" if also else "")
    if not (src / MANIFEST_NAME).is_file():
        raise FileNotFoundError(f"{index_dir}: its shard directory {src} is gone (no {MANIFEST_NAME}); {fix}")
    current = read_manifest(src)
    now = current.get("model_fingerprint", "")
    if now != manifest.model_fingerprint:
        raise DataError(f"{src} now holds embeddings of model {now[:12]}…, but the index {index_dir} was built "
                        f"from model {manifest.model_fingerprint[:12]}…'s (the shards were re-encoded after the "
                        f"build), so searching them would rank the new vectors for the old model's queries; {fix}")
    if file_sha256(src / MANIFEST_NAME) != manifest.shards_manifest_sha256:
        raise DataError(f"{src / MANIFEST_NAME} changed since the index {index_dir} was built (the shards were "
                        f"re-encoded or edited); {fix}")
    damaged = (f"{fix}; if the shard is damaged, first rerun the `infembed encode` command that wrote {src} "
               "(it re-encodes shards that fail their checksum)")
    for name, state in manifest.shard_files.items():
        check_file_state(src / name, state, manifest.checked_ns, damaged)


def _read_ids(path: Path) -> list[str]:
    pids = path.read_text(encoding="utf-8").split("\n")
    if pids and pids[-1] == "":
        pids.pop()
    return pids


def load_index(index_dir: str | os.PathLike, model_fingerprint: str | None = None) -> ExactIndex | HnswIndex | FaissIndex:
    """Open an index; with ``model_fingerprint``, refuse one built from another model's embeddings.

    Also refuses (naming the file, saying to rebuild) an index whose files no longer match what the
    build recorded: for ``exact``, the shard directory's manifest and every shard file; for
    ``hnsw``/``faiss``, ``hnsw.bin``/``faiss.index`` and ``ids.txt`` (missing, truncated or rewritten).
    A ``faiss`` index checks its shard files on its first re-ranking search.
    """
    index_dir = Path(index_dir)
    manifest = _read_manifest(index_dir)
    check_fingerprint(manifest, model_fingerprint)
    if manifest.kind == "exact":
        _check_shards(index_dir, manifest)
        return ExactIndex(manifest)
    if manifest.kind not in INDEX_FILES:
        raise ValueError(f"{index_dir}: unknown index kind {manifest.kind!r}")
    fix = _rebuild_hint(index_dir, manifest)
    for name in INDEX_FILES[manifest.kind]:
        if name not in manifest.index_files:
            raise DataError(f"{index_dir / INDEX_MANIFEST}: records no state for {name}; {fix}")
        check_file_state(index_dir / name, manifest.index_files[name], manifest.checked_ns, fix)
    pids = _read_ids(index_dir / "ids.txt")
    if manifest.kind == "hnsw":
        import hnswlib

        index = hnswlib.Index(space="ip", dim=manifest.dim)
        try:
            index.load_index(str(index_dir / "hnsw.bin"), max_elements=manifest.count)
        except (RuntimeError, ValueError, OSError) as e:
            raise DataError(f"{index_dir / 'hnsw.bin'}: hnswlib cannot load it ({e}); {fix}") from None
        if len(pids) != manifest.count or index.get_current_count() != manifest.count:
            raise DataError(f"{index_dir}: hnsw.bin holds {index.get_current_count()} vectors and ids.txt "
                            f"{len(pids)} ids, the manifest says {manifest.count}; {fix}")
        return HnswIndex(manifest, index, pids)
    faiss = _import_faiss()
    try:
        index = faiss.read_index(str(index_dir / "faiss.index"))
    except RuntimeError as e:
        raise DataError(f"{index_dir / 'faiss.index'}: faiss cannot load it ({_faiss_reason(e)}); {fix}") from None
    if len(pids) != manifest.count or index.ntotal != manifest.count or index.d != manifest.dim:
        raise DataError(f"{index_dir}: faiss.index holds {index.ntotal} vectors of dim {index.d} and ids.txt "
                        f"{len(pids)} ids, the manifest says {manifest.count} of dim {manifest.dim}; {fix}")
    return FaissIndex(manifest, index, pids, index_dir)


def export_faiss(index_dir: str | os.PathLike, out: str | os.PathLike, *, factory: str | None = None,
                 train_size: int | None = None, seed: int = 100, threads: int = 0) -> tuple[Path, Path]:
    """Write an index's vectors as a plain faiss index file that ``faiss.read_index`` loads, plus the
    passage ids beside it (``<out>.ids.txt``, one per line): faiss label ``i`` is line ``i``, the
    global order of ``ids.txt`` and of :mod:`infembed.search`.

    A ``faiss`` index is copied as built (``factory`` must be ``None``). From an ``exact`` index (its
    shards) or an ``hnsw`` index (the vectors stored in ``hnsw.bin``), an ``IndexFlatIP`` is written,
    or with ``factory`` a trained index of that factory (sample as in :func:`build_index`). The index
    is verified first, as :func:`load_index` does. A flat index holds every vector in fp32 (count × dim × 4
    bytes in memory while it is written).

    Returns:
        ``(out, ids path)``.

    Example::

        export_faiss("idx/", "corpus.faiss")  # then: faiss.read_index("corpus.faiss")
    """
    faiss = _import_faiss()
    index_dir, out = Path(index_dir), Path(out)
    loaded = load_index(index_dir)
    manifest = loaded.manifest
    ids_path = out.with_name(out.name + ".ids.txt")
    faiss.omp_set_num_threads(threads or (os.cpu_count() or 1))
    if isinstance(loaded, FaissIndex):
        if factory is not None:
            raise ValueError(f"{index_dir} is already a faiss index (factory {manifest.settings.get('factory')!r}): "
                             "export copies it as built; drop --factory, or export from an exact or hnsw index")
        _write_atomically(out, lambda path: shutil.copyfile(index_dir / "faiss.index", path))
        pids = loaded.passage_ids
    else:
        if isinstance(loaded, HnswIndex):  # the vectors hnswlib stores (fp32 copies of the shards' rows)
            pids = loaded.passage_ids

            def gather(positions: np.ndarray) -> np.ndarray:
                return np.asarray(loaded.index.get_items(positions.tolist()), dtype=np.float32)

            blocks = (gather(np.arange(a, min(a + _BLOCK, manifest.count))) for a in range(0, manifest.count, _BLOCK))
        else:
            vectors = _ShardVectors(list_shards(manifest.embeddings), manifest.dim)
            pids, gather, blocks = vectors.ids(), vectors.gather, vectors.blocks()
        index = faiss.IndexFlatIP(manifest.dim) if factory is None else _faiss_from_factory(faiss, factory, manifest.dim)
        _train_faiss(faiss, index, factory, gather, manifest.count, train_size, seed)
        for block in blocks:
            index.add(block)
        _write_atomically(out, lambda path: faiss.write_index(index, path))
    atomic_write_bytes(ids_path, ("\n".join(pids) + "\n").encode())
    return out, ids_path


def recall_at_k(index: HnswIndex | ExactIndex | FaissIndex, queries: np.ndarray, exact_ids: np.ndarray, k: int = 10,
                ef: int | None = None, **search_options) -> float:
    """Mean fraction of the exact top-k (``exact_ids [Q, >=k]`` global ids) that the index returns.

    ``search_options`` go to the index's ``search`` (a faiss index's ``nprobe`` and ``rerank``).

    Example::

        exact = search_shards(q, "emb/", 10).ids
        recall_at_k(load_index("idx/"), q, exact, k=10, ef=100)
        recall_at_k(load_index("idx-pq/"), q, exact, k=10, nprobe=32, rerank=100)
    """
    _, ids, _ = index.search(queries, k, ef=ef, **search_options)
    exact_ids = np.asarray(exact_ids)[:, :k]
    hits = sum(len(set(a.tolist()) & set(b.tolist())) for a, b in zip(ids, exact_ids, strict=True))
    return hits / float(exact_ids.size)
