"""Training rows (the InF-IR schema), BEIR corpora/queries/qrels, and TREC runs: what records mean.

The bytes are read and written by :mod:`infembed.io`; the one BEIR corpus reader,
:func:`iter_beir_corpus`, serves ``infembed encode`` and evaluation alike.

An InF-IR row (arXiv 2505.21439) holds seven strings. It expands **explicitly** into three
(instruction, query, passage) pairs, which always land in the same batch:

    pair 0: (I+, Q+, P+)          the positive triplet
    pair 1: (I-, Q+, P_hn1)       poisoned instruction, with the passage that fits it
    pair 2: (I+, Q-, P_hn2)       poisoned query, with the passage that fits it

so each pair's siblings are its hard negatives. Unlike the reference code this
never depends on ``datasets.Dataset.__getitems__`` (which silently reorders rows in some ``datasets`` versions).
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .io import (
    _jsonl_records,
    atomic_write_bytes,
    byte_ranges,
    count_newlines,
    file_info,
    is_compressed,
    is_file,
    is_remote,
    iter_jsonl,
    iter_parquet,
    open_parquet,
    record_suffix,
    row_group_ranges,
    write_jsonl,
)

log = logging.getLogger(__name__)

ROW_FIELDS = (
    "query_positive",
    "instruction_positive",
    "document_positive",
    "query_negative",
    "instruction_negative",
    "hard_negative_document_1",
    "hard_negative_document_2",
)
# Older copies of the data (aarontrinh02/ms_marco_synthetic_data) call P+ "document".
FIELD_ALIASES = {"document": "document_positive"}
PAIRS_PER_ROW = 3


class DataError(ValueError):
    """A malformed input file: the message names the file, the line and the field."""


@dataclass(frozen=True)
class InfIRRow:
    query_positive: str
    instruction_positive: str
    document_positive: str
    query_negative: str
    instruction_negative: str
    hard_negative_document_1: str
    hard_negative_document_2: str
    # optional label of the row's subject, read from a "topic" field; only --batch-grouping topic uses it
    topic: str = field(default="", compare=False)

    def pairs(self) -> list[tuple[str, str, str]]:
        """The row's three ``(instruction, query, passage)`` pairs, in the fixed order above."""
        return [
            (self.instruction_positive, self.query_positive, self.document_positive),
            (self.instruction_negative, self.query_positive, self.hard_negative_document_1),
            (self.instruction_positive, self.query_negative, self.hard_negative_document_2),
        ]

    def to_dict(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in ROW_FIELDS}


@dataclass
class ReadReport:
    """What a reader kept and skipped (``skipped`` lists ``(where, why)``)."""

    kept: int = 0
    skipped: list[tuple[str, str]] | None = None

    def __post_init__(self) -> None:
        if self.skipped is None:
            self.skipped = []


def row_from_record(record: object, where: str) -> InfIRRow:
    """Validate one decoded record (a dict) into an :class:`InfIRRow`; ``where`` is ``file:line``."""
    if not isinstance(record, dict):
        raise DataError(f"{where}: expected a JSON object with the InF-IR fields, got {type(record).__name__}")
    values = {}
    for name in ROW_FIELDS:
        value = record.get(name)
        if value is None:
            for alias, target in FIELD_ALIASES.items():
                if target == name and alias in record:
                    value = record[alias]
        if value is None:
            raise DataError(
                f"{where}: missing field {name!r} (an InF-IR row needs {', '.join(ROW_FIELDS)}; "
                f"'document' is accepted for 'document_positive')"
            )
        if not isinstance(value, str):
            raise DataError(f"{where}: field {name!r} must be a string, got {type(value).__name__} {value!r:.60}")
        if not value.strip():
            raise DataError(f"{where}: field {name!r} is empty")
        values[name] = value
    topic = record.get("topic")
    if topic is not None and not isinstance(topic, (str, int)):
        raise DataError(f"{where}: field 'topic' must be a string, got {type(topic).__name__} {topic!r:.60}")
    return InfIRRow(**values, topic="" if topic is None else str(topic).strip())


def _looks_like_path(source: str) -> bool:
    """A data file's name (a known suffix, a folder separator or a leading dot), not a Hub dataset id."""
    suffix = Path(source.partition(":")[0]).suffix.lower()
    return suffix in (".jsonl", ".json", ".ndjson", ".parquet", ".gz", ".csv") or source.startswith((".", "/", "~")) \
        or os.sep in source and source.count("/") != 1


def _records(source: str | os.PathLike) -> Iterator[tuple[str, object | DataError]]:
    """``(where, record)`` from a jsonl/json/parquet file, or a HF ``datasets`` name or directory."""
    path = Path(source)
    if path.is_file():
        suffix = record_suffix(path)  # .jsonl for rows.jsonl.gz
        if suffix in (".jsonl", ".json", ".ndjson"):
            for lineno, rec in iter_jsonl(path):
                yield f"{path}:{lineno}", rec
            return
        if suffix == ".parquet":
            for row, rec in iter_parquet(path):
                yield f"{path}:row {row}", rec
            return
        raise DataError(f"{path}: unknown file type {suffix!r}; use .jsonl or .parquet")
    if path.exists() and not path.is_dir():
        raise DataError(f"{path}: not a regular file")
    if path.is_dir() and not any(path.glob("*.arrow")) and not (path / "dataset_info.json").exists() \
            and not (path / "dataset_dict.json").exists():
        raise DataError(f"{path}: directory is not a saved Hugging Face dataset; pass a .jsonl or .parquet file")
    if not path.exists() and _looks_like_path(str(source)):
        # a file name that is not there is a typo, not a Hub dataset: say so instead of asking the Hub
        raise DataError(f"{source}: no such file")
    try:
        import datasets
    except ImportError as e:
        raise DataError(
            f"{source}: no such file; loading a Hugging Face dataset by name needs `datasets` "
            "(pip install 'infembed[hub]')"
        ) from e
    name, _, split = str(source).partition(":")
    try:
        ds = datasets.load_from_disk(str(path)) if path.is_dir() else datasets.load_dataset(name)
    except (FileNotFoundError, ConnectionError, ValueError) as e:
        raise DataError(f"{source}: not a file here and not a loadable Hugging Face dataset ({e})") from e
    if isinstance(ds, datasets.DatasetDict):
        split = split or ("msmarco" if "msmarco" in ds else "train" if "train" in ds else next(iter(ds)))
        ds = ds[split]
    for i in range(len(ds)):  # plain per-index access: no reliance on __getitems__
        yield f"{source}:row {i + 1}", ds[i]


def read_rows(
    source: str | os.PathLike,
    *,
    skip_invalid: bool = False,
    report: ReadReport | None = None,
) -> list[InfIRRow]:
    """Read InF-IR rows from a ``.jsonl``/``.parquet`` file or a HF dataset name/dir.

    Args:
        source: a path, or ``"name[:split]"`` for the Hugging Face hub (needs ``datasets``).
        skip_invalid: skip malformed rows (counted in ``report`` and logged) instead of raising.
        report: filled with what was kept and skipped.

    Raises:
        DataError: naming the file, the line and the field, unless ``skip_invalid``.

    Example:
        >>> rows = read_rows("train.jsonl")            # doctest: +SKIP
        >>> rows[0].pairs()[1]                         # (I-, Q+, P_hn1)   # doctest: +SKIP
    """
    report = report if report is not None else ReadReport()
    rows: list[InfIRRow] = []
    for where, rec in _records(source):
        try:
            if isinstance(rec, DataError):
                raise rec
            rows.append(row_from_record(rec, where))
        except DataError as e:
            if not skip_invalid:
                raise
            report.skipped.append((where, str(e)))
    report.kept = len(rows)
    if report.skipped:
        log.warning("%s: skipped %d invalid rows (first: %s)", source, len(report.skipped), report.skipped[0][1])
    if not rows:
        raise DataError(f"{source}: no valid InF-IR rows")
    return rows


@dataclass(frozen=True)
class PairBatch:
    """One training batch of ``B = 3·R`` pairs from ``R`` rows, pairs of a row adjacent.

    ``row_ids[b]`` is the index (in the dataset) of the row that pair ``b`` comes from, so that
    losses can tell siblings apart from other rows.
    """

    instructions: list[str]
    queries: list[str]
    passages: list[str]
    row_ids: list[int]

    def __len__(self) -> int:
        return len(self.queries)


def make_batch(rows: Sequence[InfIRRow], row_ids: Sequence[int]) -> PairBatch:
    instructions, queries, passages, ids = [], [], [], []
    for rid in row_ids:
        for instruction, query, passage in rows[rid].pairs():
            instructions.append(instruction)
            queries.append(query)
            passages.append(passage)
            ids.append(int(rid))
    return PairBatch(instructions, queries, passages, ids)


class RowBatcher:
    """Deterministic, resumable batches of whole rows (each row's 3 pairs stay together).

    Epoch ``e`` uses the permutation drawn from ``seed + e``; position ``(epoch, batch_index)``
    is all the state there is, so resuming is exact. The last incomplete batch of an epoch is
    dropped (contrastive losses want full batches), unless it is the only one.

    With ``groups`` (a label per row: a topic or a cluster), the epoch is the groups in shuffled
    order, each group's rows shuffled within it: a batch holds the rows of one group, or of two
    where one group ends and the next begins (of several when groups are smaller than ``R``), so
    its in-batch negatives are mostly on-topic, as in topic-aware sampling (TAS). Every row still
    appears once per epoch.

    Args:
        num_rows: dataset size in rows.
        rows_per_batch: ``R``; a batch holds ``3·R`` pairs.
        seed: shuffling seed.
        shuffle: ``False`` keeps file order (for debugging).
        rank, world_size: under DDP each rank takes a contiguous ``R / world_size`` slice of every
            global batch, so the union over ranks is exactly the single-process batch.
        groups: ``[num_rows]`` integer group labels, or ``None`` for plain shuffling.
    """

    def __init__(self, num_rows: int, rows_per_batch: int, seed: int = 42, shuffle: bool = True,
                 rank: int = 0, world_size: int = 1, groups: Sequence[int] | None = None) -> None:
        if rows_per_batch < 1:
            raise ValueError(f"rows_per_batch={rows_per_batch}: must be ≥ 1")
        if num_rows < 1:
            raise ValueError("the dataset is empty")
        if rows_per_batch % world_size:
            raise ValueError(
                f"rows_per_batch={rows_per_batch} is not divisible by world_size={world_size}; "
                f"pick a multiple of {world_size}"
            )
        if groups is not None and len(groups) != num_rows:
            raise ValueError(f"groups has {len(groups)} labels for {num_rows} rows")
        self.num_rows = num_rows
        self.rows_per_batch = min(rows_per_batch, num_rows)
        self.seed, self.shuffle, self.rank, self.world_size = seed, shuffle, rank, world_size
        self.groups = None if groups is None else np.asarray(groups, dtype=np.int64)

    @property
    def batches_per_epoch(self) -> int:
        return max(1, self.num_rows // self.rows_per_batch)

    def epoch_order(self, epoch: int) -> np.ndarray:
        if not self.shuffle:
            return np.arange(self.num_rows)
        rng = np.random.default_rng(self.seed + epoch)
        if self.groups is None:
            return rng.permutation(self.num_rows)
        labels = np.unique(self.groups)
        return np.concatenate([rng.permutation(np.flatnonzero(self.groups == labels[i]))
                               for i in rng.permutation(len(labels))])

    def batch_rows(self, epoch: int, index: int) -> list[int]:
        """Row ids of global batch ``index`` of ``epoch`` that belong to this rank."""
        order = self.epoch_order(epoch)
        start = index * self.rows_per_batch
        global_rows = order[start : start + self.rows_per_batch]
        per_rank = len(global_rows) // self.world_size
        return [int(r) for r in global_rows[self.rank * per_rank : (self.rank + 1) * per_rank]]

    def iterate(self, start_epoch: int = 0, start_index: int = 0) -> Iterator[tuple[int, int, list[int]]]:
        """Yield ``(epoch, batch_index, row_ids)`` forever, starting at a saved position."""
        epoch, index = start_epoch, start_index
        while True:
            while index < self.batches_per_epoch:
                yield epoch, index, self.batch_rows(epoch, index)
                index += 1
            epoch, index = epoch + 1, 0


# ----------------------------------------------------------------------------- BEIR and TREC


# Characters that end a line somewhere (str.splitlines, Unicode line/paragraph separators): named
# "a newline" in messages. Every one of them is also whitespace (str.isspace).
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_WHITESPACE = re.compile(r"\s")


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be a passage or query id, or ``None`` when it can.

    The one id rule of the project: an id is a non-empty string without whitespace (any character
    for which ``str.isspace()`` holds: space, tab, newlines, U+2028, no-break space, ...). ``.ids``
    files hold one id per line and TREC runs are whitespace-separated columns, so only such ids
    survive the round trip corpus → shards → run → :func:`read_trec_run`.

    Example:
        >>> id_problem("doc-1") is None, id_problem("a b")
        (True, 'contains whitespace (U+0020 SPACE at position 1)')
    """
    if value == "":
        return "is empty"
    m = _WHITESPACE.search(value)  # re's \s on str is exactly str.isspace()
    if m is None:
        return None
    import unicodedata

    ch = m.group()
    what = "a newline" if ch in _LINE_BREAKS else "whitespace"
    name = unicodedata.name(ch, "")
    return f"contains {what} (U+{ord(ch):04X}{' ' + name if name else ''} at position {m.start()})"


def check_id(value: object, where: str, kind: str = "passage") -> str:
    """Validate the raw ``_id`` of a BEIR record (a string, or an integer read as its decimal string).

    Raises:
        DataError: ``where: ...`` naming the id and the rule, for a missing, empty, non-string id or
            one with whitespace (see :func:`id_problem`).
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        raise DataError(f"{where}: missing or empty field '_id' (got {value!r:.60})")
    value = str(value)
    problem = id_problem(value)
    if problem is not None:
        raise DataError(f"{where}: {kind} id {value!r:.60} {problem}; ids must be non-empty and contain no "
                        "whitespace (TREC runs and .ids files are whitespace- and line-separated): fix the "
                        "id in the file, or skip such records (--skip-invalid)")
    return value


def beir_passage_text(title: str | None, text: str) -> str:
    """The text a BEIR passage is embedded as: ``"title text"`` when a title is present, else ``text``."""
    return f"{title} {text}".strip() if title else text


@dataclass(frozen=True)
class CorpusRecord:
    """One valid BEIR passage: ``text`` has the title joined (:func:`beir_passage_text`); ``line`` is
    the 1-based line (jsonl) or row (parquet) number, or 0 when a byte-range part did not count it
    (``offset`` locates the record then: :func:`beir_record_at`); ``offset`` is the byte offset of a
    jsonl line (in the decompressed stream for ``.gz``), -1 for parquet."""

    id: str
    text: str
    line: int
    offset: int = -1


@dataclass(frozen=True)
class CorpusPart:
    """Part ``index`` of ``count`` of a corpus file, read by one of ``count`` workers.

    JSONL (``unit="bytes"``): the lines whose first byte lies in ``[start, end)`` of a ``total``-byte
    file (:func:`infembed.io.byte_ranges`); parquet (``unit="row_groups"``): row groups
    ``[start, end)`` of ``total`` (:func:`infembed.io.row_group_ranges`). The parts of a file hold its
    records, each exactly once, in file order.
    """

    index: int
    count: int
    unit: str
    start: int
    end: int
    total: int

    def to_dict(self) -> dict:
        return {"unit": self.unit, "start": self.start, "end": self.end, "total": self.total}


def corpus_part(path: str | os.PathLike, index: int, count: int) -> CorpusPart | None:
    """Part ``index`` of ``count`` of a corpus file (see :class:`CorpusPart`), or ``None`` when the file
    cannot be split (gzip has no random access: it is read whole). Reads only the file size (JSONL)
    or the parquet footer.

    Example:
        >>> corpus_part("corpus.jsonl", 1, 4)           # a 10,000-byte file   # doctest: +SKIP
        CorpusPart(index=1, count=4, unit='bytes', start=2500, end=5000, total=10000)
    """
    if not 0 <= index < count:
        raise ValueError(f"index={index}: must be in [0, count={count})")
    if is_compressed(path):
        return None
    if record_suffix(path) == ".parquet":
        meta = open_parquet(path).metadata
        groups = [meta.row_group(g).num_rows for g in range(meta.num_row_groups)]
        start, end = row_group_ranges(groups, count)[index]
        return CorpusPart(index, count, "row_groups", start, end, len(groups))
    size = file_info(path)[0]
    start, end = byte_ranges(size, count)[index]
    return CorpusPart(index, count, "bytes", start, end, size)


@dataclass
class CorpusStats:
    """What :func:`iter_beir_corpus` kept and skipped: counts, and ``(where, why)`` of the first
    ``max_errors`` skipped records (bounded, for corpora of millions of records)."""

    passages: int = 0
    skipped_invalid: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    max_errors: int = 5


def _beir_passage(rec: object, where: object) -> tuple[str, str]:
    if not isinstance(rec, dict):
        raise DataError(f"{where}: expected a JSON object with '_id' and 'text', got {type(rec).__name__}")
    pid, text, title = check_id(rec.get("_id"), where), rec.get("text"), rec.get("title")
    if not isinstance(text, str):
        raise DataError(f"{where}: field 'text' must be a string, got {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise DataError(f"{where}: field 'title' must be a string, got {type(title).__name__}")
    return pid, beir_passage_text(title, text)


def beir_passage(record: object, where: object) -> tuple[str, str]:
    """``(id, text)`` of one decoded BEIR record, by the rules of :func:`iter_beir_corpus` (the one
    place they live; ``where`` prefixes the :class:`DataError` of a bad record)."""
    return _beir_passage(record, where)


def _beir_raw_records(path, part: CorpusPart | None = None) -> Iterator[tuple[int, int, object, object]]:
    """``(line, offset, where, decoded record or DataError)``, streamed (jsonl by line, parquet by batch).

    ``where`` formats as ``file:line`` (``file:row N``); for a byte-range part ``line`` is 0 and
    ``where`` counts the line only when it is formatted (an error message).
    """
    suffix = record_suffix(path)
    if suffix in (".jsonl", ".ndjson", ".json"):
        if part is not None and part.unit != "bytes":
            raise ValueError(f"{path}: a JSONL file is split by bytes, not {part.unit}")
        byte_range = None if part is None else (part.start, part.end)
        # one position object, updated per line: used (formatted) before the next line is read
        for pos, rec in _jsonl_records(path, byte_range):
            yield (pos._index + 1 if part is None else 0), pos.offset, pos, rec
    elif suffix == ".parquet":
        if part is not None and part.unit != "row_groups":
            raise ValueError(f"{path}: a parquet file is split by row groups, not {part.unit}")
        names = set(open_parquet(path).schema_arrow.names)
        if "_id" not in names or "text" not in names:
            raise DataError(f"{path}: parquet corpus needs columns '_id' and 'text' (has {sorted(names)})")
        for row, rec in iter_parquet(path, columns=["_id", "text"] + (["title"] if "title" in names else []),
                                     row_groups=None if part is None else (part.start, part.end)):
            yield row, -1, f"{path}:row {row}", rec
    else:
        raise DataError(f"{path}: unknown corpus file type {suffix!r}; use .jsonl (or .jsonl.gz) or .parquet")


def iter_beir_corpus(path: str | os.PathLike, *, skip_invalid: bool = False,
                     stats: CorpusStats | None = None, part: CorpusPart | None = None) -> Iterator[CorpusRecord]:
    """Stream the valid passages of a BEIR ``corpus.jsonl`` (``{_id, title?, text}``; ``.jsonl.gz`` too)
    or a parquet file with those columns, never loading it whole. The one corpus reader of encode and
    evaluation. A URL (``s3://``, ``memory://``, ...) is read through fsspec (:mod:`infembed.io`).

    Rules: a record must be an object with an ``_id`` that passes :func:`check_id`, a string ``text``
    and, when present, a string ``title``; empty text is kept. Duplicate ids are *not* checked here
    (:func:`read_beir_corpus` keeps a dict; the streaming encoder uses :class:`SeenIds`).

    Args:
        part: read only this part of the file (:func:`corpus_part`): its byte range or row groups.
            Messages still name the exact ``file:line`` (counted when one is needed).

    Raises:
        DataError: ``file:line: why`` (``file:row N`` for parquet) for a malformed record, unless
            ``skip_invalid`` (then counted in ``stats.skipped_invalid``).

    Example:
        >>> [r.id for r in iter_beir_corpus("corpus.jsonl")][:2]      # doctest: +SKIP
        ['doc1', 'doc2']
    """
    path = path if is_remote(path) else Path(path)
    if not is_file(path):
        raise DataError(f"{path}: no such corpus file (pass a BEIR corpus.jsonl or a .parquet file)")
    stats = stats if stats is not None else CorpusStats()
    for line, offset, where, rec in _beir_raw_records(path, part):
        try:
            if isinstance(rec, DataError):
                raise rec
            pid, text = _beir_passage(rec, where)
        except DataError as e:
            if not skip_invalid:
                raise
            stats.skipped_invalid += 1
            if len(stats.errors) < stats.max_errors:
                stats.errors.append((str(where), str(e)))
            continue
        stats.passages += 1
        yield CorpusRecord(pid, text, line, offset)


def beir_record_at(path: str | os.PathLike, line: int | None = None, *, offset: int | None = None
                   ) -> CorpusRecord | None:
    """The valid passage at ``line`` (jsonl) or row (parquet) of a corpus, or ``None`` (re-reads the file
    up to there); or the one whose jsonl line starts at byte ``offset`` (reads that line, and counts
    the newlines before it for its ``line``)."""
    if offset is not None:
        size = file_info(path)[0]
        part = CorpusPart(0, 1, "bytes", offset, min(offset + 1, size), size)
        for rec in iter_beir_corpus(path, skip_invalid=True, part=part):
            return CorpusRecord(rec.id, rec.text, 1 + count_newlines(path, offset), rec.offset)
        return None
    for rec in iter_beir_corpus(path, skip_invalid=True):
        if rec.line == line:
            return rec
        if rec.line > line:
            break
    return None


def read_beir_corpus(path: str | os.PathLike, *, skip_invalid: bool = False,
                     report: ReadReport | None = None) -> dict[str, str]:
    """A BEIR corpus (``corpus.jsonl`` or parquet, see :func:`iter_beir_corpus`) → ``{id: "title text"}``.

    A duplicate id raises ``DataError`` naming both lines, or with ``skip_invalid`` is skipped (the
    first one is kept) and reported like a malformed record.
    """
    report = report if report is not None else ReadReport()
    stats = CorpusStats(max_errors=sys.maxsize)
    corpus: dict[str, str] = {}
    lines: dict[str, int] = {}
    for rec in iter_beir_corpus(path, skip_invalid=skip_invalid, stats=stats):
        if rec.id in corpus:
            e = DataError(f"{path}:{rec.line}: duplicate passage id {rec.id!r} (first seen at line {lines[rec.id]})")
            if not skip_invalid:
                raise e
            stats.errors.append((f"{path}:{rec.line}", str(e)))
            continue
        corpus[rec.id], lines[rec.id] = rec.text, rec.line
    report.skipped.extend(sorted(stats.errors, key=lambda e: _line_of(e[0])))  # file order
    report.kept = len(corpus)
    return corpus


def _line_of(where: str) -> int:
    return int(where.rpartition(":")[2].removeprefix("row "))


class SeenIds:
    """Duplicate-id detection for a streamed corpus in ~16 bytes per id: 64-bit hashes and line numbers
    in sorted arrays (160 MB for 10 M passages).

    New ids go to a dict (caught at once when repeated there); :meth:`check` compares the new ones
    with the sorted arrays (vectorised) and merges the dict into them when it has grown. A hash hit
    is only a candidate: confirm it by re-reading both lines (:func:`beir_record_at`).
    """

    def __init__(self) -> None:
        self._pending: dict[int, int] = {}  # hash -> line
        self._checked = 0  # how many pending entries were already compared with the arrays
        self._hashes = np.empty(0, np.uint64)  # sorted
        self._lines = np.empty(0, np.int64)

    @staticmethod
    def _hash(pid: str) -> int:
        return int.from_bytes(hashlib.blake2b(pid.encode(), digest_size=8).digest(), "little")

    def add(self, pid: str, line: int) -> int | None:
        """Remember ``pid``; return the line of an earlier id with the same hash, if any (pending only)."""
        h = self._hash(pid)
        prev = self._pending.setdefault(h, line)
        return prev if prev != line else None

    def check(self) -> list[tuple[int, int]]:
        """``(line, earlier_line)`` for new ids whose hash is already in the sorted arrays."""
        n_new = len(self._pending) - self._checked
        hits: list[tuple[int, int]] = []
        if n_new and len(self._hashes):
            hs = np.fromiter(itertools.islice(self._pending.keys(), self._checked, None), np.uint64, n_new)
            ls = np.fromiter(itertools.islice(self._pending.values(), self._checked, None), np.int64, n_new)
            pos = np.minimum(np.searchsorted(self._hashes, hs), len(self._hashes) - 1)
            for j in np.nonzero(self._hashes[pos] == hs)[0]:
                hits.append((int(ls[j]), int(self._lines[pos[j]])))
        self._checked = len(self._pending)
        if len(self._pending) >= max(1 << 16, len(self._hashes) // 4):
            hs = np.fromiter(self._pending.keys(), np.uint64, len(self._pending))
            ls = np.fromiter(self._pending.values(), np.int64, len(self._pending))
            all_h = np.concatenate([self._hashes, hs])
            order = np.argsort(all_h, kind="stable")
            self._hashes, self._lines = all_h[order], np.concatenate([self._lines, ls])[order]
            self._pending, self._checked = {}, 0
        return hits


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    instruction: str = ""


def read_beir_queries(path: str | os.PathLike, *, instruction_field: str = "instruction",
                      skip_invalid: bool = False, report: ReadReport | None = None) -> list[Query]:
    """``queries.jsonl`` (``{_id, text, instruction?}``) → queries in file order.

    The instruction is read from ``instruction_field`` at top level or inside ``metadata``.
    """
    report = report if report is not None else ReadReport()
    queries: list[Query] = []
    seen: set[str] = set()
    for lineno, rec in iter_jsonl(Path(path)):
        where = f"{path}:{lineno}"
        try:
            if isinstance(rec, DataError):
                raise rec
            if not isinstance(rec, dict):
                raise DataError(f"{where}: expected a JSON object")
            qid, text = check_id(rec.get("_id"), where, kind="query"), rec.get("text")
            if not isinstance(text, str) or not text.strip():
                raise DataError(f"{where}: field 'text' must be a non-empty string")
            instruction = rec.get(instruction_field)
            if instruction is None and isinstance(rec.get("metadata"), dict):
                instruction = rec["metadata"].get(instruction_field)
            if instruction is not None and not isinstance(instruction, str):
                raise DataError(f"{where}: field {instruction_field!r} must be a string")
            if str(qid) in seen:
                raise DataError(f"{where}: duplicate query id {qid!r}")
            seen.add(str(qid))
            queries.append(Query(str(qid), text, instruction or ""))
        except DataError as e:
            if not skip_invalid:
                raise
            report.skipped.append((where, str(e)))
    report.kept = len(queries)
    return queries


def read_qrels(path: str | os.PathLike) -> dict[str, dict[str, int]]:
    """BEIR qrels TSV (``query-id  corpus-id  score``, header optional) or TREC qrels
    (``qid 0 docid rel``) → ``{qid: {docid: relevance}}``."""
    qrels: dict[str, dict[str, int]] = {}
    path = Path(path)
    try:
        f = open(path, encoding="utf-8", newline="")
    except OSError as e:
        raise DataError(f"{path}: cannot read ({e.strerror or e})") from e
    with f:
        for lineno, line in enumerate(f, start=1):
            parts = line.split()
            if not parts:
                continue
            if lineno == 1 and not parts[-1].lstrip("-").isdigit():
                continue  # header
            if len(parts) == 3:
                qid, did, rel = parts
            elif len(parts) == 4:
                qid, _, did, rel = parts
            else:
                raise DataError(f"{path}:{lineno}: expected 3 (BEIR) or 4 (TREC) columns, got {len(parts)}")
            try:
                qrels.setdefault(qid, {})[did] = int(rel)
            except ValueError as e:
                raise DataError(f"{path}:{lineno}: relevance {rel!r} is not an integer") from e
    return qrels


def write_trec_run(path: str | os.PathLike, run: dict[str, Iterable[tuple[str, float]] | dict[str, float]],
                   tag: str = "infembed") -> None:
    """Write ``{qid: [(docid, score), ...]}`` (or ``{qid: {docid: score}}``) as a TREC run (``qid Q0 docid rank score tag``).

    Documents are ranked by descending score, ties by *descending* doc id — the order in which
    trec_eval and mteb (after its fix #5092) read a run back — so the rank column agrees with how the
    run is scored. Scores keep 9 significant digits (rounding must not create new ties). Atomic.
    """
    def checked(value: object, kind: str) -> str:
        problem = id_problem(value) if isinstance(value, str) else f"is a {type(value).__name__}, not a string"
        if problem is not None:
            raise ValueError(f"{path}: cannot write the TREC run: {kind} {value!r:.60} {problem}; TREC columns "
                             "are whitespace-separated, so ids (and the tag) must be non-empty strings without "
                             "whitespace (fix the ids in the corpus/queries file)")
        return value

    checked(tag, "run tag")
    lines = []
    for qid, docs in run.items():
        checked(qid, "query id")
        if isinstance(docs, dict):
            docs = docs.items()
        ranked = sorted(docs, key=lambda d: (float(d[1]), d[0]), reverse=True)
        for rank, (did, score) in enumerate(ranked, start=1):
            lines.append(f"{qid} Q0 {checked(did, 'passage id')} {rank} {float(score):.9g} {tag}")
    atomic_write_bytes(path, ("\n".join(lines) + ("\n" if lines else "")).encode())


def read_trec_run(path: str | os.PathLike) -> dict[str, dict[str, float]]:
    """TREC run file (exactly 6 whitespace-separated columns a line) → ``{qid: {docid: score}}``."""
    run: dict[str, dict[str, float]] = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 6:
                raise DataError(f"{path}:{lineno}: a TREC run line has 6 whitespace-separated columns (qid Q0 "
                                f"doc rank score tag), this one has {len(parts)} (an id with whitespace?)")
            try:
                run.setdefault(parts[0], {})[parts[2]] = float(parts[4])
            except ValueError as e:
                raise DataError(f"{path}:{lineno}: score {parts[4]!r} is not a number") from e
    return run


__all__ = [
    "ROW_FIELDS", "DataError", "InfIRRow", "ReadReport", "read_rows", "row_from_record", "PairBatch",
    "make_batch", "RowBatcher", "beir_passage_text", "CorpusRecord", "CorpusStats", "iter_beir_corpus",
    "beir_record_at", "beir_passage", "CorpusPart", "corpus_part", "SeenIds", "read_beir_corpus",
    "read_beir_queries", "Query", "read_qrels", "write_trec_run", "read_trec_run", "write_jsonl",
]
