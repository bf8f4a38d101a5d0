"""File I/O shared by every stage: atomic writes, one record reader per format, and remote paths.

* :func:`atomic_write_bytes` / :func:`atomic_write_json` / :func:`write_jsonl`: every file infembed
  writes (model config, shards, manifests, indexes, TREC runs, metrics, checkpoints) goes through a
  temporary file in the same directory, ``fsync`` and a rename, so a crash leaves the old file or the
  new one, never half of one. A remote path (below) is written as one object in one request
  (``fsspec``'s ``pipe_file``): object stores (S3, GCS, Azure) make an object visible whole or not at
  all, so that is their atomic write; a temporary name plus ``mv`` would be a copy and a delete there.
* :func:`iter_jsonl` / :func:`iter_jsonl_lines`: the records of a JSONL file (``.gz`` too), decoded line
  by line (a bad line is one bad record, reported as a :class:`~infembed.data.DataError` naming
  ``file:line``, not the whole file); ``byte_range`` reads only the lines that *start* in a byte range
  (:func:`byte_ranges` splits a file so that every line belongs to exactly one range).
* :func:`iter_parquet`: ``(row, record)`` of a parquet file, streamed a record batch at a time, of all
  row groups or of a range of them.

Paths: a ``str`` with a protocol (``s3://``, ``gs://``, ``hf://``, ``memory://``, ``file://``, ...) is
opened through ``fsspec`` (:func:`filesystem`; a missing backend such as ``s3fs`` is a ``ValueError``
naming the package to install); anything else is a local path, handled by the standard library as
before. The directory helpers (:func:`join`, :func:`list_names`, :func:`remove`, ...) take either.

What a record *means* (InF-IR rows, BEIR passages, queries) is :mod:`infembed.data`'s business; this
module only turns bytes into Python objects and back. It imports nothing from infembed but
:class:`~infembed.data.DataError` (lazily, to stay at the bottom of the import graph).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

# ----------------------------------------------------------------------------- paths: local or fsspec URL

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
# Protocols every fsspec install has, named in the unknown-protocol message.
_COMMON = ("s3://", "gs://", "az://", "hf://", "http(s)://", "memory://", "file://")


def url_protocol(path: object) -> str | None:
    """The protocol of a URL string (``"s3"`` for ``s3://bucket/key``), ``None`` for a local path.

    A :class:`~pathlib.Path` is always local (it would have collapsed ``s3://`` to ``s3:/`` anyway).
    """
    if not isinstance(path, str):
        return None
    m = _URL.match(path)
    return m.group(1).lower() if m else None


def is_remote(path: object) -> bool:
    """Whether ``path`` is a URL opened through fsspec (see :func:`url_protocol`)."""
    return url_protocol(path) is not None


def filesystem(url: str):
    """``(fsspec file system, path within it)`` for a URL.

    Raises:
        ValueError: fsspec is missing, the protocol is unknown, or its backend package is not
            installed (naming the package to ``pip install``, e.g. ``s3fs`` for ``s3://``).
    """
    proto = url_protocol(url)
    if proto is None:
        raise ValueError(f"{url!r} has no protocol (expected e.g. s3://bucket/key)")
    try:
        import fsspec
        from fsspec.registry import known_implementations, registry
    except ImportError as e:
        raise ValueError(f"{url}: a path with a protocol is opened through fsspec, which is not installed "
                         "(pip install fsspec)") from e
    if proto not in known_implementations and proto not in registry:
        raise ValueError(f"{url}: unknown protocol {proto + '://'!r}: no fsspec file system is registered under "
                         f"that name (known ones include {', '.join(_COMMON)}); check the spelling, or install "
                         "the package that provides it")
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as e:
        package = known_implementations.get(proto, {}).get("class", proto).split(".")[0]
        raise ValueError(f"{url}: {proto}:// paths need the fsspec backend {package!r}, which is not installed "
                         f"(pip install {package})") from e


def canonical(path: str | os.PathLike) -> str:
    """An absolute local path, or the URL as fsspec spells it (what manifests record)."""
    if is_remote(path):
        fs, p = filesystem(path)
        return fs.unstrip_protocol(p)
    return os.path.abspath(path)


def join(directory: str | os.PathLike, name: str) -> str | Path:
    """``directory / name`` for a local folder, ``directory/name`` for a URL."""
    if is_remote(directory):
        return f"{directory.rstrip('/')}/{name}"
    return Path(directory) / name


def basename(path: str | os.PathLike) -> str:
    return path.rstrip("/").rpartition("/")[2] if is_remote(path) else Path(path).name


def exists(path: str | os.PathLike) -> bool:
    if is_remote(path):
        fs, p = filesystem(path)
        return fs.exists(p)
    return Path(path).exists()


def is_file(path: str | os.PathLike) -> bool:
    if is_remote(path):
        fs, p = filesystem(path)
        return fs.isfile(p)
    return Path(path).is_file()


def is_dir(path: str | os.PathLike) -> bool:
    if is_remote(path):
        fs, p = filesystem(path)
        return fs.isdir(p)
    return Path(path).is_dir()


def makedirs(path: str | os.PathLike) -> None:
    """Create a folder and its parents (a no-op on object stores, where folders are key prefixes)."""
    if is_remote(path):
        fs, p = filesystem(path)
        fs.makedirs(p, exist_ok=True)
    else:
        Path(path).mkdir(parents=True, exist_ok=True)


def list_names(directory: str | os.PathLike) -> list[str]:
    """The names (not paths) of the entries of a folder, sorted; ``[]`` when it does not exist."""
    if is_remote(directory):
        fs, p = filesystem(directory)
        try:
            return sorted(e.rstrip("/").rpartition("/")[2] for e in fs.ls(p, detail=False) if e.rstrip("/") != p)
        except FileNotFoundError:
            return []
    d = Path(directory)
    return sorted(e.name for e in d.iterdir()) if d.is_dir() else []


def remove(path: str | os.PathLike) -> None:
    """Delete a file (missing is fine)."""
    if is_remote(path):
        fs, p = filesystem(path)
        if fs.exists(p):
            fs.rm_file(p)
    else:
        Path(path).unlink(missing_ok=True)


def read_bytes(path: str | os.PathLike) -> bytes:
    if is_remote(path):
        fs, p = filesystem(path)
        return fs.cat_file(p)
    return Path(path).read_bytes()


def file_info(path: str | os.PathLike) -> tuple[int, int | None]:
    """``(size in bytes, mtime in ns or None)`` of a file (a remote store may not report an mtime)."""
    if not is_remote(path):
        st = Path(path).stat()
        return st.st_size, st.st_mtime_ns
    fs, p = filesystem(path)
    size = int(fs.info(p)["size"])
    try:
        mtime = fs.modified(p)
        return size, int(round(mtime.timestamp() * 1e9))
    except (NotImplementedError, AttributeError, KeyError, OSError, ValueError):
        return size, None


def is_compressed(path: str | os.PathLike) -> bool:
    """Whether ``path`` is gzip-compressed (by its name: ``.gz``); such a file is read whole, never by range."""
    return str(path).lower().endswith(".gz")


def record_suffix(path: str | os.PathLike) -> str:
    """The format suffix of a (possibly ``.gz``) data file: ``.jsonl`` for ``corpus.jsonl.gz``."""
    name = basename(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def open_binary(path: str | os.PathLike, *, decompress: bool = True):
    """A binary file object to read ``path`` (local, or a URL through fsspec); ``.gz`` is decompressed."""
    gz = decompress and is_compressed(path)
    if is_remote(path):
        fs, p = filesystem(path)
        return fs.open(p, "rb", compression="gzip" if gz else None)
    if gz:
        import gzip

        return gzip.open(path, "rb")
    return open(path, "rb")


# ----------------------------------------------------------------------------- atomic writes


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file + fsync + rename (atomic on POSIX).

    A URL is written as one object in one request (fsspec ``pipe_file``), the atomic write of an
    object store: readers see the old object or the new one.
    """
    if is_remote(path):
        fs, p = filesystem(path)
        fs.pipe_file(p, bytes(data))
        return
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


# ----------------------------------------------------------------------------- lines and byte ranges


def _data_error(message: str) -> Exception:
    from .data import DataError

    return DataError(message)


def byte_ranges(size: int, parts: int) -> list[tuple[int, int]]:
    """Cut ``[0, size)`` into ``parts`` contiguous ranges ``[start, end)`` of (almost) equal length.

    With :func:`iter_lines`, a line belongs to the range in which its first byte lies, so the
    ranges' lines are the file's lines, each exactly once, wherever the cuts fall.

    Example:
        >>> byte_ranges(10, 3)
        [(0, 3), (3, 6), (6, 10)]
    """
    if parts < 1:
        raise ValueError(f"parts={parts}: must be ≥ 1")
    return [(i * size // parts, (i + 1) * size // parts) for i in range(parts)]


READ_CHUNK = 1 << 20  # bytes per read of iter_lines


def iter_lines(path: str | os.PathLike, byte_range: tuple[int, int] | None = None, *,
               chunk_size: int | None = None) -> Iterator[tuple[int, bytes]]:
    """Yield ``(offset, line)`` for the lines of a file, without their ``\\n`` (a ``\\r`` of CRLF stays).

    ``offset`` is the byte offset of the line's first byte (in the decompressed stream for ``.gz``).
    With ``byte_range=(start, end)`` only the lines whose first byte lies in ``[start, end)`` are
    yielded: the reader seeks to ``start - 1`` (unless ``start`` is 0) and drops everything up to and
    including the first ``\\n`` (the tail of a line that started before ``start``, or just that
    ``\\n`` when a line starts exactly at ``start``), then reads lines until one would start at or
    after ``end``; the last one may run past ``end``. Bytes read: the range, plus the rest of its
    last line, plus at most one ``chunk_size`` read ahead.

    A last line without ``\\n`` is yielded; a trailing ``\\n`` does not make an empty last line.

    Example:
        >>> # the file holds b"aa\\nbb\\ncc": lines start at bytes 0, 3 and 6; ranges [0, 4) and [4, 8)
        >>> [list(iter_lines(path, r)) for r in byte_ranges(8, 2)]       # doctest: +SKIP
        [[(0, b'aa'), (3, b'bb')], [(6, b'cc')]]
    """
    if byte_range is not None and is_compressed(path):
        raise ValueError(f"{path}: a compressed file cannot be read by byte range (read it whole)")
    start, end = byte_range if byte_range is not None else (0, None)
    if start < 0 or (end is not None and end < start):
        raise ValueError(f"byte_range={byte_range}: need 0 ≤ start ≤ end")
    if end is not None and end == start:
        return
    chunk_size = chunk_size or READ_CHUNK
    try:
        f = open_binary(path)
    except OSError as e:
        raise _data_error(f"{path}: cannot read ({e.strerror or e})") from e
    with f:
        pos = 0  # file offset of the first byte of `tail`
        skip = start > 0  # still dropping the line that started before `start`
        if skip:
            f.seek(start - 1)
            pos = start - 1
        tail = b""
        while True:
            chunk = f.read(chunk_size)
            if not chunk:
                if tail and not skip and (end is None or pos < end):
                    yield pos, tail
                return
            data = tail + chunk if tail else chunk
            if skip:
                cut = data.find(b"\n")
                if cut < 0:
                    pos, tail = pos + len(data), b""
                    continue
                pos, data, skip = pos + cut + 1, data[cut + 1:], False
            lines = data.split(b"\n")
            tail = lines.pop()  # the unfinished line (b"" when `data` ended with \n)
            for line in lines:
                if end is not None and pos >= end:
                    return
                yield pos, line
                pos += len(line) + 1
            if end is not None and pos >= end:
                return


def count_newlines(path: str | os.PathLike, end: int) -> int:
    """How many ``\\n`` bytes the first ``end`` bytes of a file hold (line number of offset ``end``, minus 1)."""
    n, left = 0, end
    with open_binary(path) as f:
        while left > 0 and (chunk := f.read(min(left, 1 << 22))):
            n += chunk.count(b"\n")
            left -= len(chunk)
    return n


class LinePos:
    """Where a JSONL line is: ``offset`` (its first byte) and ``line`` (1-based), and ``str(pos)`` is
    ``"path:line"``. A byte-range reader knows offsets only: the line number of its first line costs a
    count of the newlines before it, done once, when a message first needs a line number."""

    __slots__ = ("path", "offset", "_index", "_first")

    def __init__(self, path: str | os.PathLike, offset: int, index: int, first: Callable[[], int]) -> None:
        self.path, self.offset, self._index, self._first = path, offset, index, first

    @property
    def line(self) -> int:
        return self._first() + self._index

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class _FirstLine:
    """The line number of a reader's first line, counted on first use (and remembered)."""

    def __init__(self, path: str | os.PathLike, offset: int) -> None:
        self.path, self.offset = path, offset
        self.value = 1 if offset == 0 else None

    def __call__(self) -> int:
        if self.value is None:
            self.value = 1 + count_newlines(self.path, self.offset)
        return self.value


def _jsonl_records(path: str | os.PathLike, byte_range: tuple[int, int] | None) -> Iterator[tuple[LinePos, object]]:
    """:func:`iter_jsonl_lines` with one :class:`LinePos` updated in place (no object per line): use each
    position before advancing the generator (the corpus reader's hot loop)."""
    pos: LinePos | None = None
    for offset, raw in iter_lines(path, byte_range):
        if pos is None:
            pos = LinePos(path, offset, 0, _FirstLine(path, offset))
        else:
            pos.offset, pos._index = offset, pos._index + 1
        try:
            line = raw.decode("utf-8-sig" if offset == 0 else "utf-8")
        except UnicodeDecodeError as e:
            yield pos, _data_error(f"{pos}: not UTF-8 (byte 0x{raw[e.start]:02x} at byte {e.start + 1} of the line); "
                                   "re-save the file as UTF-8")
            continue
        if not line.strip():
            continue
        try:
            yield pos, json.loads(line.rstrip("\r"))
        except json.JSONDecodeError as e:
            yield pos, _data_error(f"{pos}: invalid JSON ({e.msg} at column {e.colno})")


def iter_jsonl_lines(path: str | os.PathLike,
                     byte_range: tuple[int, int] | None = None) -> Iterator[tuple[LinePos, object]]:
    """Yield ``(LinePos, decoded object or DataError)`` for the non-blank lines of a JSONL file (of the
    lines starting in ``byte_range``, see :func:`iter_lines`).

    A line that is not UTF-8 or not JSON is yielded as a ``DataError`` naming ``file:line`` (the
    caller decides whether to raise or skip it); a file that cannot be opened raises one.
    """
    for pos, rec in _jsonl_records(path, byte_range):
        yield LinePos(pos.path, pos.offset, pos._index, pos._first), rec


def iter_jsonl(path: str | os.PathLike) -> Iterator[tuple[int, object]]:
    """Yield ``(line_number, decoded object or DataError)`` for the non-blank lines of a JSONL file
    (``.gz`` is decompressed; a URL is read through fsspec); see :func:`iter_jsonl_lines`."""
    for pos, rec in _jsonl_records(path, None):
        yield pos._index + 1, rec  # read from the start: the first line is line 1


# ----------------------------------------------------------------------------- parquet


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
        return pq.ParquetFile(open_binary(path, decompress=False) if is_remote(path) else path)
    except Exception as e:  # pyarrow raises several types for a corrupt file
        raise _data_error(f"{path}: cannot read parquet ({e})") from e


def row_group_ranges(num_rows: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """Cut row groups (``num_rows[g]`` rows each) into ``parts`` contiguous ranges ``[first, last)`` of
    groups: group ``g`` goes to the part in whose share of the rows (:func:`byte_ranges`, rows for
    bytes) its first row lies. A part may get no group (fewer groups than parts).

    Example:
        >>> row_group_ranges([4, 4, 4], 2)
        [(0, 2), (2, 3)]
    """
    firsts, row = [], 0
    for n in num_rows:
        firsts.append(row)
        row += n
    out, g = [], 0
    for _, end in byte_ranges(row, parts):
        lo = g
        while g < len(firsts) and firsts[g] < end:
            g += 1
        out.append((lo, g))
    out[-1] = (out[-1][0], len(firsts))  # trailing empty groups
    return out


def iter_parquet(path: str | os.PathLike, columns: Sequence[str] | None = None,
                 batch_size: int = 8192, row_groups: tuple[int, int] | None = None) -> Iterator[tuple[int, dict]]:
    """Yield ``(row_number, record dict)`` (1-based, counted from the file's first row) of a parquet file,
    ``batch_size`` rows in memory at a time; ``columns`` restricts the columns read (default: all);
    ``row_groups=(first, last)`` reads only those row groups."""
    pf = open_parquet(path)
    row = 0
    groups = None
    if row_groups is not None:
        groups = list(range(*row_groups))
        row = sum(pf.metadata.row_group(g).num_rows for g in range(row_groups[0]))
        if not groups:
            return
    batches = pf.iter_batches(batch_size=batch_size, row_groups=groups,
                              columns=list(columns) if columns is not None else None)
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
    if record_suffix(path) == ".parquet":
        return open_parquet(path).metadata.num_rows
    n, last = 0, b"\n"
    with open_binary(path) as f:
        while chunk := f.read(1 << 22):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


__all__ = ["atomic_write_bytes", "atomic_write_json", "write_jsonl", "iter_jsonl", "iter_jsonl_lines", "iter_lines",
           "byte_ranges", "count_newlines", "LinePos", "open_parquet", "iter_parquet", "row_group_ranges",
           "count_records", "url_protocol", "is_remote", "filesystem", "canonical", "join", "basename", "exists",
           "is_file", "is_dir", "makedirs", "list_names", "remove", "read_bytes", "file_info", "is_compressed",
           "record_suffix", "open_binary"]
