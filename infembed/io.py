"""File I/O shared by every stage: atomic writes, and one record reader per format.

* :func:`atomic_write_bytes` / :func:`atomic_write_json` / :func:`write_jsonl`: every file infembed
  writes (model config, shards, manifests, indexes, TREC runs, metrics, checkpoints) goes through a
  temporary file in the same directory, ``fsync`` and a rename, so a crash leaves the old file or the
  new one, never half of one.
* :func:`iter_jsonl`: ``(line, record)`` of a JSONL file, decoded line by line (a bad line is one bad
  record, reported as a :class:`~infembed.data.DataError` naming ``file:line``, not the whole file).
* :func:`iter_parquet`: ``(row, record)`` of a parquet file, streamed a record batch at a time.

What a record *means* (InF-IR rows, BEIR passages, queries) is :mod:`infembed.data`'s business; this
module only turns bytes into Python objects and back. It imports nothing from infembed but
:class:`~infembed.data.DataError` (lazily, to stay at the bottom of the import graph).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

# ----------------------------------------------------------------------------- atomic writes


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
    """``obj`` as indented JSON with sorted keys (byte-stable for equal objects), atomically."""
    atomic_write_bytes(path, (json.dumps(obj, indent=2, sort_keys=True) + "\n").encode())


def write_jsonl(path: str | os.PathLike, records: Iterable[dict]) -> None:
    """One JSON object per line (UTF-8, not ASCII-escaped), atomically."""
    atomic_write_bytes(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode())


# ----------------------------------------------------------------------------- record readers


def _data_error(message: str) -> Exception:
    from .data import DataError

    return DataError(message)


def iter_jsonl(path: str | os.PathLike) -> Iterator[tuple[int, object]]:
    """Yield ``(line_number, decoded object or DataError)`` for the non-blank lines of a JSONL file.

    A line that is not UTF-8 or not JSON is yielded as a ``DataError`` naming ``file:line`` (the
    caller decides whether to raise or skip it); a file that cannot be opened raises one.
    """
    path = Path(path)
    try:
        f = open(path, "rb")  # decoded line by line, so a non-UTF-8 line is one bad record, not the file
    except OSError as e:
        raise _data_error(f"{path}: cannot read ({e.strerror or e})") from e
    with f:
        for lineno, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as e:
                yield lineno, _data_error(f"{path}:{lineno}: not UTF-8 (byte 0x{raw[e.start]:02x} at byte "
                                          f"{e.start + 1} of the line); re-save the file as UTF-8")
                continue
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as e:
                yield lineno, _data_error(f"{path}:{lineno}: invalid JSON ({e.msg} at column {e.colno})")


def open_parquet(path: str | os.PathLike):
    """A ``pyarrow.parquet.ParquetFile`` (metadata only; nothing is read yet).

    Raises:
        DataError: pyarrow is missing (names the extra to install), or the file is not parquet.
    """
    try:
        import pyarrow.parquet as pq
    except ImportError as e:
        raise _data_error(f"{path}: reading parquet needs pyarrow (pip install 'infembed[parquet]')") from e
    try:
        return pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises several types for a corrupt file
        raise _data_error(f"{path}: cannot read parquet ({e})") from e


def iter_parquet(path: str | os.PathLike, columns: Sequence[str] | None = None,
                 batch_size: int = 8192) -> Iterator[tuple[int, dict]]:
    """Yield ``(row_number, record dict)`` (1-based) of a parquet file, ``batch_size`` rows in memory
    at a time; ``columns`` restricts the columns read (default: all)."""
    pf = open_parquet(path)
    row = 0
    batches = pf.iter_batches(batch_size=batch_size, columns=list(columns) if columns is not None else None)
    while True:
        try:
            batch = next(batches, None)
        except Exception as e:  # a damaged data page: pyarrow raises several types
            raise _data_error(f"{path}: cannot read parquet after row {row} ({e})") from e
        if batch is None:
            return
        for rec in batch.to_pylist():
            row += 1
            yield row, rec


def count_records(path: str | os.PathLike) -> int:
    """Cheap upper bound on the records of a JSONL (line count) or parquet (row count) file."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return open_parquet(path).metadata.num_rows
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


__all__ = ["atomic_write_bytes", "atomic_write_json", "write_jsonl", "iter_jsonl", "open_parquet", "iter_parquet",
           "count_records"]
