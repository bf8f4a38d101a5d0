"""Training rows (the InF-IR schema), BEIR corpora/queries/qrels, and TREC runs.

An InF-IR row (paper_spec §2.3) holds seven strings. It expands **explicitly** into three
(instruction, query, passage) pairs, which always land in the same batch:

    pair 0: (I+, Q+, P+)          the positive triplet
    pair 1: (I-, Q+, P_hn1)       poisoned instruction, with the passage that fits it
    pair 2: (I+, Q-, P_hn2)       poisoned query, with the passage that fits it

so each pair's siblings are its hard negatives (paper_spec §3.1). Unlike the reference code this
never depends on ``datasets.Dataset.__getitems__`` (paper_spec §8.5).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
    for field in ROW_FIELDS:
        value = record.get(field)
        if value is None:
            for alias, target in FIELD_ALIASES.items():
                if target == field and alias in record:
                    value = record[alias]
        if value is None:
            raise DataError(
                f"{where}: missing field {field!r} (an InF-IR row needs {', '.join(ROW_FIELDS)}; "
                f"'document' is accepted for 'document_positive')"
            )
        if not isinstance(value, str):
            raise DataError(f"{where}: field {field!r} must be a string, got {type(value).__name__} {value!r:.60}")
        if not value.strip():
            raise DataError(f"{where}: field {field!r} is empty")
        values[field] = value
    return InfIRRow(**values)


def _iter_jsonl(path: Path) -> Iterator[tuple[int, object | DataError]]:
    """Yield ``(line_number, decoded object or DataError)`` for the non-blank lines of a JSONL file."""
    try:
        f = open(path, "rb")  # decoded line by line, so a non-UTF-8 line is one bad record, not the file
    except OSError as e:
        raise DataError(f"{path}: cannot read ({e.strerror or e})") from e
    with f:
        for lineno, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as e:
                yield lineno, DataError(f"{path}:{lineno}: not UTF-8 (byte 0x{raw[e.start]:02x} at byte "
                                        f"{e.start + 1} of the line); re-save the file as UTF-8")
                continue
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as e:
                yield lineno, DataError(f"{path}:{lineno}: invalid JSON ({e.msg} at column {e.colno})")


def _records(source: str | os.PathLike) -> Iterator[tuple[str, object | DataError]]:
    """``(where, record)`` from a jsonl/json/parquet file, or a HF ``datasets`` name or directory."""
    path = Path(source)
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".json", ".ndjson"):
            for lineno, rec in _iter_jsonl(path):
                yield f"{path}:{lineno}", rec
            return
        if suffix == ".parquet":
            try:
                import pyarrow.parquet as pq
            except ImportError as e:
                raise DataError(f"{path}: reading parquet needs pyarrow (pip install 'infembed[parquet]')") from e
            try:
                table = pq.read_table(path)
            except Exception as e:  # pyarrow raises several types for a corrupt file
                raise DataError(f"{path}: cannot read parquet ({e})") from e
            for i, rec in enumerate(table.to_pylist(), start=1):
                yield f"{path}:row {i}", rec
            return
        raise DataError(f"{path}: unknown file type {suffix!r}; use .jsonl or .parquet")
    if path.exists() and not path.is_dir():
        raise DataError(f"{path}: not a regular file")
    if path.is_dir() and not any(path.glob("*.arrow")) and not (path / "dataset_info.json").exists() \
            and not (path / "dataset_dict.json").exists():
        raise DataError(f"{path}: directory is not a saved Hugging Face dataset; pass a .jsonl or .parquet file")
    try:
        import datasets
    except ImportError as e:
        raise DataError(
            f"{source}: no such file; loading a Hugging Face dataset by name needs `datasets` "
            "(pip install 'infembed[hub]')"
        ) from e
    name, _, split = str(source).partition(":")
    if path.is_dir():
        ds = datasets.load_from_disk(str(path))
    else:
        ds = datasets.load_dataset(name)
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

    Args:
        num_rows: dataset size in rows.
        rows_per_batch: ``R``; a batch holds ``3·R`` pairs.
        seed: shuffling seed.
        shuffle: ``False`` keeps file order (for debugging).
        rank, world_size: under DDP each rank takes a contiguous ``R / world_size`` slice of every
            global batch, so the union over ranks is exactly the single-process batch.
    """

    def __init__(self, num_rows: int, rows_per_batch: int, seed: int = 42, shuffle: bool = True,
                 rank: int = 0, world_size: int = 1) -> None:
        if rows_per_batch < 1:
            raise ValueError(f"rows_per_batch={rows_per_batch}: must be ≥ 1")
        if num_rows < 1:
            raise ValueError("the dataset is empty")
        if rows_per_batch % world_size:
            raise ValueError(
                f"rows_per_batch={rows_per_batch} is not divisible by world_size={world_size}; "
                f"pick a multiple of {world_size}"
            )
        self.num_rows = num_rows
        self.rows_per_batch = min(rows_per_batch, num_rows)
        self.seed, self.shuffle, self.rank, self.world_size = seed, shuffle, rank, world_size

    @property
    def batches_per_epoch(self) -> int:
        return max(1, self.num_rows // self.rows_per_batch)

    def epoch_order(self, epoch: int) -> np.ndarray:
        if not self.shuffle:
            return np.arange(self.num_rows)
        return np.random.default_rng(self.seed + epoch).permutation(self.num_rows)

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
    """The text a BEIR passage is embedded as: ``"title text"`` when a title is present, else ``text``
    (one rule for every reader: :func:`read_beir_corpus` and the streaming encoder)."""
    return f"{title} {text}".strip() if title else text


def read_beir_corpus(path: str | os.PathLike, *, skip_invalid: bool = False,
                     report: ReadReport | None = None) -> dict[str, str]:
    """``corpus.jsonl`` (``{_id, title?, text}``) → ``{id: "title text"}`` (title joined when present)."""
    report = report if report is not None else ReadReport()
    corpus: dict[str, str] = {}
    for lineno, rec in _iter_jsonl(Path(path)):
        where = f"{path}:{lineno}"
        try:
            if isinstance(rec, DataError):
                raise rec
            if not isinstance(rec, dict):
                raise DataError(f"{where}: expected a JSON object")
            pid, text, title = check_id(rec.get("_id"), where), rec.get("text"), rec.get("title") or ""
            if not isinstance(text, str):
                raise DataError(f"{where}: field 'text' must be a string")
            if not isinstance(title, str):
                raise DataError(f"{where}: field 'title' must be a string")
            if pid in corpus:
                raise DataError(f"{where}: duplicate passage id {pid!r}")
            corpus[pid] = beir_passage_text(title, text)
        except DataError as e:
            if not skip_invalid:
                raise
            report.skipped.append((where, str(e)))
    report.kept = len(corpus)
    return corpus


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
    for lineno, rec in _iter_jsonl(Path(path)):
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
    from .shards import atomic_write_bytes

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


def write_jsonl(path: str | os.PathLike, records: Iterable[dict]) -> None:
    from .shards import atomic_write_bytes

    atomic_write_bytes(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode())


__all__ = [
    "ROW_FIELDS", "DataError", "InfIRRow", "ReadReport", "read_rows", "row_from_record", "PairBatch",
    "make_batch", "RowBatcher", "beir_passage_text", "read_beir_corpus", "read_beir_queries", "Query", "read_qrels",
    "write_trec_run", "read_trec_run", "write_jsonl",
]
