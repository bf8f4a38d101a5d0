"""Search indexes over embedding shards: ``exact`` (the shards themselves, searched with the C++
scorer) and ``hnsw`` (``hnswlib``, inner-product space on normalised vectors).

An index directory holds ``index.json`` (format, kind, model fingerprint, dim, normalised, count,
build settings and time) and, for ``hnsw``, ``hnsw.bin`` plus ``ids.txt`` (passage ids in global
order: shard order × row, the same ids :mod:`infembed.search` uses). An ``exact`` index refers to
its shard directory by absolute path and copies nothing.

hnswlib's ``'ip'`` space returns the distance ``1 - <q, x>``; :meth:`HnswIndex.search` converts it
back to the similarity ``<q, x>``.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

INDEX_FORMAT = "infembed-index/1"
INDEX_MANIFEST = "index.json"
KINDS = ("exact", "hnsw")


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
    format: str = INDEX_FORMAT

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _read_manifest(index_dir: Path) -> IndexManifest:
    import json

    path = index_dir / INDEX_MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{index_dir} is not an index: {INDEX_MANIFEST} is missing "
                                "(build one with `infembed index build`)")
    raw = json.loads(path.read_text())
    if raw.get("format") != INDEX_FORMAT:
        raise ValueError(f"{path}: format {raw.get('format')!r} is not {INDEX_FORMAT!r}")
    return IndexManifest(**raw)


def check_fingerprint(manifest: IndexManifest, model_fingerprint: str | None, where: str = "index") -> None:
    """Refuse to search an index with queries from a different model."""
    if model_fingerprint is not None and manifest.model_fingerprint and model_fingerprint != manifest.model_fingerprint:
        raise ValueError(
            f"the {where} was built from embeddings of model {manifest.model_fingerprint[:12]}…, but the "
            f"query model is {model_fingerprint[:12]}…; encode the corpus with this model (or pass the "
            "model the index was built with)")


class ExactIndex:
    """Exact search over the shard directory an index points to."""

    def __init__(self, manifest: IndexManifest):
        self.manifest = manifest

    def search(self, queries: np.ndarray, k: int, ef: int | None = None, threads: int | None = None,
               progress: bool | None = None):
        """``queries [Q, d]`` float32 → ``(scores [Q, k'] float32, ids [Q, k'] int64, passage_ids)``."""
        from .search import search_shards

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
            queries: ``[Q, d]`` float32 (normalised, as the corpus).
            k: results per query (``min(k, count)``).
            ef: search breadth (``>= k``; default ``max(50, k)``): larger is slower and more exact.

        Returns:
            ``(scores [Q, k'] float32 similarities, ids [Q, k'] int64 global positions, passage_ids)``.
        """
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if queries.ndim != 2 or queries.shape[1] != self.manifest.dim:
            raise ValueError(f"queries have shape {queries.shape}; this index has dim {self.manifest.dim}")
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


def build_index(embeddings: str | os.PathLike, out: str | os.PathLike, kind: str = "exact", *, M: int = 16,
                ef_construction: int = 200, threads: int = 0, seed: int = 100,
                progress: bool | None = None) -> IndexManifest:
    """Build an index from an embedding-shard directory into ``out``.

    Args:
        kind: ``'exact'`` (a manifest pointing at the shards) or ``'hnsw'``.
        M, ef_construction, seed: hnswlib graph settings (``seed`` fixes level assignment; a build
            with ``threads > 1`` is not bit-reproducible because insertion order interleaves).
        threads: build threads (0 = all cores).

    Example::

        build_index("emb/", "idx/", "hnsw", M=16, ef_construction=200, threads=2)
    """
    from tqdm.auto import tqdm

    from .shards import atomic_write_json, list_shards, read_manifest

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if M < 2 or ef_construction < 1:
        raise ValueError(f"need M >= 2 and ef_construction >= 1, got M={M}, ef_construction={ef_construction}")
    src = Path(embeddings).resolve()
    shard_manifest = read_manifest(src)
    shards = list_shards(src)
    count = sum(s.count for s in shards)
    if count == 0:
        raise ValueError(f"{src} holds no embeddings; nothing to index")
    dim = int(shard_manifest["dim"])
    normalized = bool(shard_manifest.get("normalized", False))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    threads = threads or (os.cpu_count() or 1)
    t0 = time.perf_counter()
    settings: dict = {}
    if kind == "hnsw":
        import hnswlib

        if not normalized:
            log.warning("%s: embeddings are not normalised; hnsw 'ip' search is then an approximate "
                        "maximum inner product search with weaker recall", src)
        index = hnswlib.Index(space="ip", dim=dim)
        index.init_index(max_elements=count, M=M, ef_construction=ef_construction, random_seed=seed)
        passage_ids: list[str] = []
        offset = 0
        with tqdm(total=count, desc="hnsw build", unit="vec", disable=progress is False) as bar:
            for shard in shards:
                pids, emb = shard.load(mmap=True)
                for start in range(0, shard.count, 65536):  # bounded fp32 copies of fp16 shards
                    block = np.ascontiguousarray(emb[start:start + 65536], dtype=np.float32)
                    labels = np.arange(offset + start, offset + start + block.shape[0], dtype=np.int64)
                    index.add_items(block, labels, num_threads=threads)
                    bar.update(block.shape[0])
                passage_ids.extend(pids)
                offset += shard.count
        index.save_index(str(out / "hnsw.bin"))
        from .shards import atomic_write_bytes

        atomic_write_bytes(out / "ids.txt", ("\n".join(passage_ids) + "\n").encode())
        settings = {"M": M, "ef_construction": ef_construction, "seed": seed, "threads": threads, "space": "ip"}
    manifest = IndexManifest(kind=kind, model_fingerprint=shard_manifest.get("model_fingerprint", ""), dim=dim,
                             normalized=normalized, count=count, embeddings=str(src), settings=settings,
                             build_seconds=round(time.perf_counter() - t0, 3))
    atomic_write_json(out / INDEX_MANIFEST, manifest.to_dict())
    return manifest


def load_index(index_dir: str | os.PathLike, model_fingerprint: str | None = None) -> ExactIndex | HnswIndex:
    """Open an index; with ``model_fingerprint``, refuse one built from another model's embeddings."""
    index_dir = Path(index_dir)
    manifest = _read_manifest(index_dir)
    check_fingerprint(manifest, model_fingerprint)
    if manifest.kind == "exact":
        if not Path(manifest.embeddings).is_dir():
            raise FileNotFoundError(f"{index_dir}: its shard directory {manifest.embeddings} is gone; rebuild the index")
        return ExactIndex(manifest)
    if manifest.kind == "hnsw":
        import hnswlib

        index = hnswlib.Index(space="ip", dim=manifest.dim)
        index.load_index(str(index_dir / "hnsw.bin"), max_elements=manifest.count)
        pids = (index_dir / "ids.txt").read_text(encoding="utf-8").split("\n")[: manifest.count]
        if len(pids) != manifest.count or index.get_current_count() != manifest.count:
            raise ValueError(f"{index_dir}: hnsw.bin/ids.txt do not match the manifest count {manifest.count}")
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
