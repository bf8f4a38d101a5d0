"""The embedding-shard format shared by ``infembed encode`` (writer) and ``index``/``search`` (readers).

A shard directory holds::

    manifest.json          # see MANIFEST_FORMAT below
    shard-00000.npy        # [n, d] float16 or float32, row i ↔ line i of the .ids file
    shard-00000.ids        # one passage id per line, UTF-8 (non-empty, no whitespace: data.id_problem)
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

from .data import DataError, id_problem

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "infembed-shards/1"
SHARD_DTYPES = ("float16", "float32")
# A file whose mtime is within this of the moment it was checked is "racy": a same-size rewrite in
# the same file-system clock tick would keep its mtime, so its sha256 is compared on every check.
RACY_NS = 2_000_000_000


def shard_name(index: int) -> str:
    return f"shard-{index:05d}"


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file + fsync + rename (atomic on POSIX)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:  # a full disk or an interrupt: leave no half-written file behind
        tmp.unlink(missing_ok=True)
        raise


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
        problem = id_problem(pid) if isinstance(pid, str) else f"is a {type(pid).__name__}, not a string"
        if problem is not None:
            raise ValueError(f"shard {index}: passage id {pid!r:.60} {problem}; ids must be non-empty strings "
                             "without whitespace (see infembed.data.id_problem)")
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


_REENCODE = "rerun the same `infembed encode` command to re-encode it (it redoes shards that fail their checksum)"


def file_sha256(path: str | os.PathLike) -> str:
    """sha256 of a file's bytes, read 4 MiB at a time."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def npy_layout(path: Path) -> tuple[tuple[int, ...], np.dtype, int]:
    """``(shape, dtype, data offset)`` from a ``.npy`` header, checking that the file holds all the
    bytes the header promises (a truncated shard is named here, not by a numpy traceback)."""
    try:
        with open(path, "rb") as f:
            version = np.lib.format.read_magic(f)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
            else:
                raise ValueError(f"unsupported .npy version {version}")
            offset = f.tell()
    except FileNotFoundError:
        raise DataError(f"{path} is missing; {_REENCODE}") from None
    except (ValueError, OSError, EOFError) as e:
        raise DataError(f"{path}: not a readable .npy file ({e}); {_REENCODE}") from None
    if dtype.hasobject or fortran:
        raise DataError(f"{path}: holds {'objects' if dtype.hasobject else 'a Fortran-order array'}, not a "
                        f"shard; {_REENCODE}")
    expected = offset + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    size = path.stat().st_size
    if size != expected:
        raise DataError(f"{path}: {size} bytes, but its header ({shape} {dtype}) needs {expected}: the file is "
                        f"{'truncated' if size < expected else 'longer than its array'}; {_REENCODE}")
    return shape, dtype, offset


def file_state(path: Path) -> dict:
    """``{size, mtime_ns, sha256}`` of a file, refusing one that changes while it is hashed."""
    before = path.stat()
    digest = file_sha256(path)
    after = path.stat()
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise DataError(f"{path} changed while it was being read; wait for the writer to finish and retry")
    return {"size": after.st_size, "mtime_ns": after.st_mtime_ns, "sha256": digest}


def check_file_state(path: Path, recorded: dict, checked_ns: int, fix: str) -> bool:
    """Check that ``path`` still is the file described by ``recorded`` (from :func:`file_state`, taken
    no earlier than ``checked_ns``, a ``time.time_ns()``).

    The rule: the size must match; the sha256 is compared again only when the mtime differs or is
    racy (within :data:`RACY_NS` of ``checked_ns``), so an unchanged file costs one ``stat``. A
    rewrite that keeps both the size and the mtime of a file older than that is not detected.

    Returns:
        whether the file was re-hashed. Raises :class:`DataError` naming the file and ``fix``.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataError(f"{path} is missing; {fix}") from None
    if st.st_size != recorded["size"]:
        raise DataError(f"{path}: {st.st_size} bytes, but {recorded['size']} when it was checked; {fix}")
    if st.st_mtime_ns == recorded["mtime_ns"] and recorded["mtime_ns"] < checked_ns - RACY_NS:
        return False
    if file_sha256(path) != recorded["sha256"]:
        raise DataError(f"{path}: its content changed (sha256 differs from the one recorded); {fix}")
    return True


@dataclass(frozen=True)
class Shard:
    name: str
    count: int
    npy_path: Path
    ids_path: Path
    sha256: str = ""  # of the .npy bytes, from the manifest

    def read_ids(self) -> list[str]:
        """The shard's ``count`` passage ids (one per line of the ``.ids`` file)."""
        try:
            text = self.ids_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DataError(f"{self.ids_path} is missing; {_REENCODE}") from None
        except UnicodeDecodeError as e:
            raise DataError(f"{self.ids_path}: not UTF-8 ({e.reason}); {_REENCODE}") from None
        ids = text.split("\n")
        if ids[-1] == "":
            ids.pop()
        if len(ids) != self.count:
            raise DataError(f"{self.ids_path}: {len(ids)} ids, the manifest says {self.count}; {_REENCODE}")
        return ids

    def load(self, mmap: bool = True) -> tuple[list[str], np.ndarray]:
        """Return ``(ids, embeddings [count, d])``; the array is memory-mapped when ``mmap``.

        A missing, truncated or mis-shaped file raises :class:`~infembed.data.DataError` naming it.
        """
        ids = self.read_ids()
        shape, dtype, _ = npy_layout(self.npy_path)
        if len(shape) != 2 or shape[0] != self.count or dtype.name not in SHARD_DTYPES:
            raise DataError(f"{self.npy_path}: holds a {shape} {dtype} array, the manifest says {self.count} "
                            f"rows of float16/float32; {_REENCODE}")
        try:
            emb = np.load(self.npy_path, mmap_mode="r" if mmap else None, allow_pickle=False)
        except (ValueError, OSError, EOFError) as e:
            raise DataError(f"{self.npy_path}: cannot be read ({e}); {_REENCODE}") from None
        return ids, emb

    def verify(self, dim: int) -> dict[str, dict]:
        """Check the shard against its manifest entry: ``.npy`` header ``[count, dim]`` float16/float32,
        its size, its sha256, and ``count`` valid ids. Returns ``{file name: file_state}`` for both files.
        """
        shape, found, _ = npy_layout(self.npy_path)
        if tuple(shape) != (self.count, dim) or found.name not in SHARD_DTYPES:
            raise DataError(f"{self.npy_path}: holds a {shape} {found} array, the manifest says "
                            f"({self.count}, {dim}) float16/float32; {_REENCODE}")
        npy = file_state(self.npy_path)
        if npy["sha256"] != self.sha256:
            raise DataError(f"{self.npy_path}: sha256 {npy['sha256'][:12]}… does not match the manifest's "
                            f"{self.sha256[:12]}…: the file changed after `infembed encode` wrote it; {_REENCODE}")
        for n, pid in enumerate(self.read_ids(), start=1):
            if (problem := id_problem(pid)) is not None:
                raise DataError(f"{self.ids_path}:{n}: passage id {pid!r:.60} {problem}; {_REENCODE}")
        return {self.npy_path.name: npy, self.ids_path.name: file_state(self.ids_path)}


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
        Shard(s["name"], int(s["count"]), directory / f"{s['name']}.npy", directory / f"{s['name']}.ids",
              s.get("sha256", ""))
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
