"""Search indexes over embedding shards: ``exact`` (the shards themselves, searched with the C++
scorer) and ``hnsw`` (``hnswlib``, inner-product space on normalised vectors).

An index directory holds ``index.json`` (format, kind, model fingerprint, dim, normalised, count,
build settings and time, and the verified state below) and, for ``hnsw``, ``hnsw.bin`` plus
``ids.txt`` (passage ids in global order: shard order × row, the same ids :mod:`infembed.search`
uses). An ``exact`` index refers to its shard directory by absolute path and copies nothing.

Integrity: a build checks every shard against the shard manifest (``.npy`` header, size and sha256;
``.ids`` line count and the id rule of :func:`infembed.data.id_problem`), refuses non-finite rows, and
records what it verified: the sha256 of the shards' ``manifest.json`` and ``{size, mtime_ns, sha256}``
of every shard file (``exact``) or of ``hnsw.bin``/``ids.txt`` (``hnsw``, which copies what it needs).
:func:`load_index` compares the current files with that record (:func:`infembed.shards.check_file_state`:
a ``stat`` per file, a re-hash only when the mtime moved) and refuses a stale or damaged index with
a message naming the file and saying to rebuild.

hnswlib's ``'ip'`` space returns the distance ``1 - <q, x>``; :meth:`HnswIndex.search` converts it
back to the similarity ``<q, x>``.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .data import DataError
from .io import atomic_write_bytes, atomic_write_json
from .shards import (
    MANIFEST_NAME,
    RACY_NS,
    check_file_state,
    file_sha256,
    file_state,
    list_shards,
    read_manifest,
)

log = logging.getLogger(__name__)

INDEX_FORMAT = "infembed-index/2"  # /2: records the verified shard state (an /1 index is rebuilt)
INDEX_MANIFEST = "index.json"
KINDS = ("exact", "hnsw")
HNSW_FILES = ("hnsw.bin", "ids.txt")
_BLOCK = 65536  # rows per bounded fp32 copy of an fp16 shard


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
    shard_files: dict = field(default_factory=dict)  # exact: {file name: {size, mtime_ns, sha256}}
    index_files: dict = field(default_factory=dict)  # hnsw: the same for hnsw.bin and ids.txt
    checked_ns: int = 0  # time.time_ns() before those files were checked (see shards.check_file_state)
    format: str = INDEX_FORMAT

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _rebuild_hint(index_dir: Path, manifest: IndexManifest | None = None) -> str:
    if manifest is None:
        return "rebuild it with `infembed index build`"
    return (f"rebuild it: infembed index build --embeddings {manifest.embeddings} --out {index_dir} "
            f"--kind {manifest.kind}")


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
            "model the index was built with)")


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


def _check_finite(shard, pids: list[str], block: np.ndarray, start: int) -> None:
    """Refuse a block ``[b, d]`` (rows ``start..`` of ``shard``) holding nan/inf: it has no ranking."""
    bad = np.flatnonzero(~np.isfinite(block).all(axis=1))
    if bad.size:
        row = start + int(bad[0])
        raise DataError(f"{shard.npy_path}: row {row} (passage id {pids[row]!r}) holds a non-finite value (nan or "
                        "inf), which an index cannot rank; re-encode the corpus (`infembed encode ... --overwrite`; "
                        "a normalised embedding is always finite) or drop that passage")


def _backdate(path: Path) -> None:
    """Move a file the build just wrote RACY_NS·2 into the past, so that its recorded state is not
    racy (any later write sets a newer mtime, which :func:`load_index` notices with one ``stat``)."""
    t = time.time_ns() - 2 * RACY_NS
    os.utime(path, ns=(t, t))


def build_index(embeddings: str | os.PathLike, out: str | os.PathLike, kind: str = "exact", *, M: int = 16,
                ef_construction: int = 200, threads: int = 0, seed: int = 100,
                progress: bool | None = None) -> IndexManifest:
    """Build an index from an embedding-shard directory into ``out``.

    Every shard is verified first (size and sha256 against the shard manifest, ``.ids`` against the
    id rule) and every row must be finite; the verified state goes into ``index.json``.

    Args:
        kind: ``'exact'`` (a manifest pointing at the shards) or ``'hnsw'``.
        M, ef_construction, seed: hnswlib graph settings (``seed`` fixes level assignment; a build
            with ``threads > 1`` is not bit-reproducible because insertion order interleaves).
        threads: build threads (0 = all cores).

    Raises:
        DataError: a damaged shard (naming the file) or a non-finite row (naming shard, row and id).

    Example::

        build_index("emb/", "idx/", "hnsw", M=16, ef_construction=200, threads=2)
    """
    from tqdm.auto import tqdm

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if M < 2 or ef_construction < 1:
        raise ValueError(f"need M >= 2 and ef_construction >= 1, got M={M}, ef_construction={ef_construction}")
    src = Path(embeddings).resolve()
    shard_manifest = read_manifest(src)
    manifest_sha = file_sha256(src / MANIFEST_NAME)
    shards = list_shards(src)
    count = sum(s.count for s in shards)
    if count == 0:
        raise ValueError(f"{src} holds no embeddings; nothing to index")
    dim = int(shard_manifest["dim"])
    normalized = bool(shard_manifest.get("normalized", False))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / INDEX_MANIFEST).unlink(missing_ok=True)  # a build that fails leaves no index behind
    threads = threads or (os.cpu_count() or 1)
    t0 = time.perf_counter()
    checked_ns = time.time_ns()
    shard_files: dict[str, dict] = {}
    for shard in tqdm(shards, desc="verify shards", unit="shard", disable=progress is False or len(shards) < 2):
        shard_files.update(shard.verify(dim))
    settings: dict = {}
    index = None
    if kind == "hnsw":
        import hnswlib

        if not normalized:
            log.warning("%s: embeddings are not normalised; hnsw 'ip' search is then an approximate "
                        "maximum inner product search with weaker recall", src)
        index = hnswlib.Index(space="ip", dim=dim)
        index.init_index(max_elements=count, M=M, ef_construction=ef_construction, random_seed=seed)
        settings = {"M": M, "ef_construction": ef_construction, "seed": seed, "threads": threads, "space": "ip"}
    passage_ids: list[str] = []
    offset = 0
    with tqdm(total=count, desc=f"{kind} build", unit="vec", disable=progress is False) as bar:
        for shard in shards:
            pids, emb = shard.load(mmap=True)
            for start in range(0, shard.count, _BLOCK):  # bounded fp32 copies of fp16 shards
                block = np.ascontiguousarray(emb[start:start + _BLOCK], dtype=np.float32)  # [b, d]
                _check_finite(shard, pids, block, start)
                if index is not None:
                    labels = np.arange(offset + start, offset + start + block.shape[0], dtype=np.int64)
                    index.add_items(block, labels, num_threads=threads)
                bar.update(block.shape[0])
            passage_ids.extend(pids)
            offset += shard.count
    index_files: dict[str, dict] = {}
    if index is not None:
        tmp = out / f".hnsw.bin.tmp-{os.getpid()}"
        try:
            index.save_index(str(tmp))
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, out / "hnsw.bin")
        finally:
            tmp.unlink(missing_ok=True)
        atomic_write_bytes(out / "ids.txt", ("\n".join(passage_ids) + "\n").encode())
        checked_ns = time.time_ns()  # the recorded state is now that of the index's own files
        for name in HNSW_FILES:
            _backdate(out / name)
            index_files[name] = file_state(out / name)
        shard_files = {}  # hnsw copies the vectors and ids it needs: the shards may change afterwards
    if file_sha256(src / MANIFEST_NAME) != manifest_sha:
        raise DataError(f"{src / MANIFEST_NAME} changed while the index was being built (an encode run writing "
                        "there?); build again once it has finished")
    manifest = IndexManifest(kind=kind, model_fingerprint=shard_manifest.get("model_fingerprint", ""), dim=dim,
                             normalized=normalized, count=count, embeddings=str(src), settings=settings,
                             build_seconds=round(time.perf_counter() - t0, 3), shards_manifest_sha256=manifest_sha,
                             shard_files=shard_files, index_files=index_files, checked_ns=checked_ns)
    atomic_write_json(out / INDEX_MANIFEST, manifest.to_dict())
    return manifest


def _check_shards(index_dir: Path, manifest: IndexManifest) -> None:
    """Refuse an exact index whose shard directory is no longer the one it was built from."""
    src = Path(manifest.embeddings)
    fix = _rebuild_hint(index_dir, manifest)
    if not (src / MANIFEST_NAME).is_file():
        raise FileNotFoundError(f"{index_dir}: its shard directory {src} is gone (no {MANIFEST_NAME}); {fix}")
    current = read_manifest(src)
    now = current.get("model_fingerprint", "")
    if now != manifest.model_fingerprint:
        raise DataError(f"{src} now holds embeddings of model {now[:12]}…, but the index {index_dir} was built "
                        f"from model {manifest.model_fingerprint[:12]}…'s (the shards were re-encoded after the "
                        f"build), so an exact search would rank the new vectors for the old model's queries; {fix}")
    if file_sha256(src / MANIFEST_NAME) != manifest.shards_manifest_sha256:
        raise DataError(f"{src / MANIFEST_NAME} changed since the index {index_dir} was built (the shards were "
                        f"re-encoded or edited); {fix}")
    damaged = (f"{fix}; if the shard is damaged, first rerun the `infembed encode` command that wrote {src} "
               "(it re-encodes shards that fail their checksum)")
    for name, state in manifest.shard_files.items():
        check_file_state(src / name, state, manifest.checked_ns, damaged)


def load_index(index_dir: str | os.PathLike, model_fingerprint: str | None = None) -> ExactIndex | HnswIndex:
    """Open an index; with ``model_fingerprint``, refuse one built from another model's embeddings.

    Also refuses (naming the file, saying to rebuild) an index whose files no longer match what the
    build recorded: for ``exact``, the shard directory's manifest and every shard file; for
    ``hnsw``, ``hnsw.bin`` and ``ids.txt`` (missing, truncated or rewritten).
    """
    index_dir = Path(index_dir)
    manifest = _read_manifest(index_dir)
    check_fingerprint(manifest, model_fingerprint)
    if manifest.kind == "exact":
        _check_shards(index_dir, manifest)
        return ExactIndex(manifest)
    if manifest.kind == "hnsw":
        import hnswlib

        fix = _rebuild_hint(index_dir, manifest)
        for name in HNSW_FILES:
            if name not in manifest.index_files:
                raise DataError(f"{index_dir / INDEX_MANIFEST}: records no state for {name}; {fix}")
            check_file_state(index_dir / name, manifest.index_files[name], manifest.checked_ns, fix)
        index = hnswlib.Index(space="ip", dim=manifest.dim)
        try:
            index.load_index(str(index_dir / "hnsw.bin"), max_elements=manifest.count)
        except (RuntimeError, ValueError, OSError) as e:
            raise DataError(f"{index_dir / 'hnsw.bin'}: hnswlib cannot load it ({e}); {fix}") from None
        pids = (index_dir / "ids.txt").read_text(encoding="utf-8").split("\n")
        if pids and pids[-1] == "":
            pids.pop()
        if len(pids) != manifest.count or index.get_current_count() != manifest.count:
            raise DataError(f"{index_dir}: hnsw.bin holds {index.get_current_count()} vectors and ids.txt "
                            f"{len(pids)} ids, the manifest says {manifest.count}; {fix}")
        return HnswIndex(manifest, index, pids)
    raise ValueError(f"{index_dir}: unknown index kind {manifest.kind!r}")


def recall_at_k(index: HnswIndex | ExactIndex, queries: np.ndarray, exact_ids: np.ndarray, k: int = 10,
                ef: int | None = None) -> float:
    """Mean fraction of the exact top-k (``exact_ids [Q, >=k]`` global ids) that the index returns.

    Example::

        exact = search_shards(q, "emb/", 10).ids
        recall_at_k(load_index("idx/"), q, exact, k=10, ef=100)
    """
    _, ids, _ = index.search(queries, k, ef=ef)
    exact_ids = np.asarray(exact_ids)[:, :k]
    hits = sum(len(set(a.tolist()) & set(b.tolist())) for a, b in zip(ids, exact_ids, strict=True))
    return hits / float(exact_ids.size)
