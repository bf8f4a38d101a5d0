"""The embedding-shard format shared by ``infembed encode`` (writer) and ``index``/``search`` (readers).

A shard directory holds::

    manifest.json          # see MANIFEST_FORMAT below
    shard-00000.npy        # [n, d] float16 or float32, row i ↔ line i of the .ids file
    shard-00000.ids        # one passage id per line, UTF-8
    shard-00001.npy ...

``manifest.json``::

    {
      "format": "infembed-shards/1",
      "model_fingerprint": "<sha256 of the model config + weights>",
      "dim": 384, "dtype": "float16", "normalized": true,
      "settings": {...},                      # whatever the writer needs to refuse a mismatched rerun
      "shards": [{"name": "shard-00000", "count": 1000, "sha256": "<of the .npy bytes>", "done": true}, ...],
      "complete": true                        # every shard of the run is written
    }

Every file is written to a temporary name in the same directory and renamed when complete, so a
crash leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "infembed-shards/1"


def shard_name(index: int) -> str:
    return f"shard-{index:05d}"


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file + fsync + rename (atomic on POSIX)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def atomic_write_json(path: str | os.PathLike, obj: object) -> None:
    atomic_write_bytes(path, (json.dumps(obj, indent=2, sort_keys=True) + "\n").encode())


def npy_bytes(array: np.ndarray) -> bytes:
    import io

    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def write_shard(directory: str | os.PathLike, index: int, ids: list[str], embeddings: np.ndarray) -> dict:
    """Write one shard (``.ids`` first, ``.npy`` last, both atomically); return its manifest entry.

    Args:
        ids: ``n`` passage ids (no newlines).
        embeddings: ``[n, d]`` float16 or float32.
    """
    if embeddings.ndim != 2 or embeddings.shape[0] != len(ids):
        raise ValueError(f"shard {index}: embeddings {embeddings.shape} do not match {len(ids)} ids")
    for pid in ids:
        if "\n" in pid or "\r" in pid:
            raise ValueError(f"passage id {pid!r} contains a newline; ids must be single-line strings")
    directory = Path(directory)
    name = shard_name(index)
    atomic_write_bytes(directory / f"{name}.ids", ("\n".join(ids) + ("\n" if ids else "")).encode())
    data = npy_bytes(embeddings)
    atomic_write_bytes(directory / f"{name}.npy", data)
    return {"name": name, "count": len(ids), "sha256": hashlib.sha256(data).hexdigest(), "done": True}


def read_manifest(directory: str | os.PathLike) -> dict:
    path = Path(directory) / MANIFEST_NAME
    if not path.is_file():
        raise FileNotFoundError(
            f"{directory} is not an embedding-shard directory: {MANIFEST_NAME} is missing "
            "(create one with `infembed encode --out DIR`)"
        )
    try:
        manifest = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: invalid JSON ({e})") from e
    if manifest.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"{path}: format {manifest.get('format')!r} is not {MANIFEST_FORMAT!r}")
    return manifest


@dataclass(frozen=True)
class Shard:
    name: str
    count: int
    npy_path: Path
    ids_path: Path

    def load(self, mmap: bool = True) -> tuple[list[str], np.ndarray]:
        """Return ``(ids, embeddings [count, d])``; the array is memory-mapped when ``mmap``."""
        ids = self.ids_path.read_text(encoding="utf-8").split("\n")[: self.count]
        emb = np.load(self.npy_path, mmap_mode="r" if mmap else None, allow_pickle=False)
        if emb.shape[0] != self.count or len(ids) != self.count:
            raise ValueError(
                f"{self.npy_path}: {emb.shape[0]} rows and {len(ids)} ids, manifest says {self.count}"
            )
        return ids, emb


def list_shards(directory: str | os.PathLike, *, require_complete: bool = True) -> list[Shard]:
    """The finished shards of a directory, in order. Refuses an unfinished run unless asked."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    if require_complete and not manifest.get("complete", False):
        raise ValueError(
            f"{directory}: the encoding run is not complete (rerun the same `infembed encode` "
            "command to finish it)"
        )
    return [
        Shard(s["name"], int(s["count"]), directory / f"{s['name']}.npy", directory / f"{s['name']}.ids")
        for s in manifest["shards"]
        if s.get("done")
    ]


def iter_shards(directory: str | os.PathLike, mmap: bool = True) -> Iterator[tuple[list[str], np.ndarray]]:
    """Yield ``(ids, embeddings [n, d])`` shard by shard (bounded memory)."""
    for shard in list_shards(directory):
        yield shard.load(mmap=mmap)


def load_all(directory: str | os.PathLike) -> tuple[list[str], np.ndarray]:
    """Concatenate every shard: ``(ids, embeddings [N, d])`` (loads everything into memory)."""
    ids: list[str] = []
    arrays = []
    for shard_ids, emb in iter_shards(directory, mmap=True):
        ids.extend(shard_ids)
        arrays.append(np.asarray(emb))
    manifest = read_manifest(directory)
    if not arrays:
        return ids, np.zeros((0, int(manifest["dim"])), dtype=manifest["dtype"])
    return ids, np.concatenate(arrays, axis=0)
