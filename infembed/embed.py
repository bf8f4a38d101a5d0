"""Offline passage encoding: stream a corpus into embedding shards, resumably and fast.

:func:`encode_corpus_to_shards` (the engine of ``infembed encode``) and :func:`encode_texts` (the
same pipeline for an in-memory list) share one pipeline::

    reader thread ──windows of W passages──▶ tokenizer pool ──length-sorted batches──▶
    main thread: forward (bf16 autocast on CUDA) ──▶ rows put back in input order ──▶ shard writer

A BERT backbone gets packed batches (token ids end to end plus ``cu_seqlens``, no padding) and the
unpadded forward of :mod:`infembed.packed`; any other backbone (e.g. a decoder), ``packed=False`` or
``INFEMBED_FORCE_REFERENCE=1`` gets padded batches and the Hugging Face forward.

Determinism: batches depend only on the shard's content. A shard is cut into fixed windows of
``W = window_batches · batch_size`` passages; each window is sorted by token count (stable) and cut
into batches of ``batch_size``. Timing never changes what goes into a batch, so on CPU a resumed run
writes bitwise the same shards as an uninterrupted one.

Sharding: passage ``j`` (0-based, counting only valid passages of the stream) belongs to shard
``k = j // shard_size``. A run with ``shard_id=i, num_shards=n`` (or, under ``torchrun``, ``RANK`` and
``WORLD_SIZE``) encodes the shards with ``k % n == i``; every run still reads the whole corpus (to
number the passages and to detect duplicate ids), but only tokenizes and encodes its own shards.
All runs write into the same directory:

* ``n == 1``: the run's state is ``manifest.json`` itself;
* ``n > 1``: run ``i`` keeps ``manifest.part-IIIII-of-NNNNN.json``; whichever run finishes last (or
  any rerun once all parts are complete) merges the parts into ``manifest.json``. Merging is
  deterministic, so two runs racing to merge write the same bytes.

Resume: the run's manifest is updated (atomically) after every shard; a rerun of the same command
re-hashes every shard the manifest lists as done, keeps those whose ``.npy`` sha256 and ``.ids``
match, and encodes the rest. A rerun with another model fingerprint or other settings is refused
unless ``overwrite=True`` (which deletes that run's own shards and manifests). ``batch_size`` and
``window_batches`` are not part of the checked settings (a smaller batch after an out-of-memory
error is a legitimate resume); keep them unchanged for a bitwise-identical result.

Input rules (BEIR ``corpus.jsonl`` ``{_id, title?, text}``, or parquet with the same columns):

* a malformed record (bad JSON, not an object, no ``_id``, non-string ``text``/``title``, an id that
  is empty or holds whitespace — :func:`~infembed.data.check_id`, the one id rule of every reader)
  raises :class:`~infembed.data.DataError` naming ``file:line`` (``file:row N`` for parquet), or
  with ``skip_invalid`` is skipped and counted (``skipped_invalid``); skipped records get no index;
* empty text (after joining the title) is **kept** and encoded as the empty string (the model sees
  only its special tokens), so every id of the corpus gets a row; counted as ``empty``;
* a duplicate ``_id`` always raises (even with ``skip_invalid``), naming both lines. Ids are tracked
  as 64-bit hashes plus line numbers in sorted numpy arrays (16 bytes per passage: 160 MB for 10 M
  passages); a hash hit is confirmed by re-reading both lines, so a collision never raises falsely;
* a passage longer than ``max_length`` tokens is truncated and counted (``truncated``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
import os
import queue
import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .data import DataError, _iter_jsonl, beir_passage_text, check_id
from .shards import MANIFEST_FORMAT, MANIFEST_NAME, atomic_write_json, file_sha256, shard_name, write_shard

log = logging.getLogger(__name__)

DTYPES = {"float16": "float16", "fp16": "float16", "half": "float16", "float32": "float32", "fp32": "float32"}
_SHARD_FILE = re.compile(r"^shard-(\d{5,})\.(npy|ids)$")
_PART_FILE = re.compile(r"^manifest\.part-(\d{5})-of-(\d{5})\.json$")


# ----------------------------------------------------------------------------- corpus reading


@dataclass(frozen=True)
class CorpusRecord:
    """One valid passage: ``line`` is the 1-based line (jsonl) or row (parquet) number."""

    id: str
    text: str
    line: int


@dataclass
class CorpusStats:
    passages: int = 0
    skipped_invalid: int = 0
    first_errors: list[str] = field(default_factory=list)


def _validate(rec: object, where: str) -> tuple[str, str]:
    if not isinstance(rec, dict):
        raise DataError(f"{where}: expected a JSON object with '_id' and 'text', got {type(rec).__name__}")
    pid, text, title = check_id(rec.get("_id"), where), rec.get("text"), rec.get("title")
    if not isinstance(text, str):
        raise DataError(f"{where}: field 'text' must be a string, got {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise DataError(f"{where}: field 'title' must be a string, got {type(title).__name__}")
    return pid, beir_passage_text(title, text)


def _raw_records(path: Path) -> Iterator[tuple[int, str, object]]:
    """``(line, where, decoded record or DataError)``, streamed (jsonl by line, parquet by batch)."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        for lineno, rec in _iter_jsonl(path):
            yield lineno, f"{path}:{lineno}", rec
    elif suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError as e:
            raise DataError(f"{path}: reading parquet needs pyarrow (pip install 'infembed[parquet]')") from e
        try:
            pf = pq.ParquetFile(path)
        except Exception as e:  # pyarrow raises several types for a corrupt file
            raise DataError(f"{path}: cannot read parquet ({e})") from e
        names = set(pf.schema_arrow.names)
        if "_id" not in names or "text" not in names:
            raise DataError(f"{path}: parquet corpus needs columns '_id' and 'text' (has {sorted(names)})")
        columns = ["_id", "text"] + (["title"] if "title" in names else [])
        row = 0
        for batch in pf.iter_batches(batch_size=8192, columns=columns):
            for rec in batch.to_pylist():
                row += 1
                yield row, f"{path}:row {row}", rec
    else:
        raise DataError(f"{path}: unknown corpus file type {suffix!r}; use .jsonl or .parquet")


def iter_corpus(path: str | os.PathLike, *, skip_invalid: bool = False,
                stats: CorpusStats | None = None) -> Iterator[CorpusRecord]:
    """Stream the valid passages of a BEIR ``corpus.jsonl`` or a parquet file (never loads it whole).

    Raises:
        DataError: ``file:line: why`` for a malformed record, unless ``skip_invalid`` (then counted
            in ``stats.skipped_invalid``). Duplicate ids are *not* checked here (see
            :func:`encode_corpus_to_shards`).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such corpus file (pass a BEIR corpus.jsonl or a .parquet file)")
    stats = stats if stats is not None else CorpusStats()
    for line, where, rec in _raw_records(path):
        try:
            if isinstance(rec, DataError):
                raise rec
            pid, text = _validate(rec, where)
        except DataError as e:
            if not skip_invalid:
                raise
            stats.skipped_invalid += 1
            if len(stats.first_errors) < 5:
                stats.first_errors.append(str(e))
            continue
        stats.passages += 1
        yield CorpusRecord(pid, text, line)


def _record_at(path: Path, line: int) -> CorpusRecord | None:
    for rec in iter_corpus(path, skip_invalid=True):
        if rec.line == line:
            return rec
        if rec.line > line:
            break
    return None


def _estimate_records(path: Path) -> int:
    """Cheap upper bound on the number of records (for the progress bar's total)."""
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


class _SeenIds:
    """Duplicate-id detection in ~16 bytes per id: 64-bit hashes and line numbers in sorted arrays.

    New ids go to a dict (caught at once when repeated there); :meth:`check` compares the new ones
    with the sorted arrays (vectorised) and merges the dict into them when it has grown.
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


# ----------------------------------------------------------------------------- the pipeline


@dataclass
class _Window:
    """``texts`` of shard ``shard`` starting at row ``start`` of that shard (in-memory: shard 0)."""

    shard: int
    start: int
    texts: list[str]


@dataclass
class _Prepared:
    batches: list[tuple[np.ndarray, object]]  # (rows within the window [b], Features)
    tokens: int
    truncated: int


@dataclass
class _WindowResult:
    window: _Window
    embeddings: np.ndarray  # [len(window.texts), d] float32, window order
    tokens: int
    truncated: int


PRECISIONS = ("auto", "fp32", "bf16")


def resolve_precision(precision: str, device) -> str:
    """The compute precision of an encode run: ``auto`` is ``bf16`` (autocast) on CUDA and ``fp32``
    elsewhere; ``bf16`` on a CPU autocasts too (fast where the CPU has AMX or AVX512-BF16)."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision={precision!r}: choose one of {', '.join(PRECISIONS)} "
                         "(auto = bf16 on CUDA, fp32 on CPU)")
    if precision == "auto":
        return "bf16" if getattr(device, "type", str(device)) == "cuda" else "fp32"
    return precision


class _Encoder:
    """Tokenization (thread pool, one tokenizer copy per thread) + forward for one model."""

    def __init__(self, model, *, batch_size: int, max_length: int | None, num_workers: int | None,
                 precision: str = "auto", packed: bool | None = None) -> None:
        import copy

        import torch

        from .packed import can_pack, unsupported_reason

        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size={batch_size!r}: must be an integer ≥ 1")
        max_length = model.config.passage_max_length if max_length is None else max_length
        if not isinstance(max_length, int) or max_length < 2:
            raise ValueError(f"max_length={max_length!r}: must be an integer ≥ 2 (tokens per passage)")
        self.model = model
        self.batch_size = batch_size
        self.max_length = max_length
        self.device = model.device
        cuda = self.device.type == "cuda"
        tok = model.tokenizer
        self._eos = tok.eos_token_id if model.config.append_eos and tok.eos_token_id is not None else None
        # Same budget as InfEmbed.tokenize, so truncation (and the tokens) are identical.
        self._budget = max(1, max_length - len(model._prefix_ids) - len(model._suffix_ids) - (self._eos is not None))
        self._prefix, self._suffix = list(model._prefix_ids), list(model._suffix_ids)
        self._pad = tok.pad_token_id
        self._left = model.config.padding_side == "left"
        # CPU: pad to the longest row exactly (every pad token costs a full row of FLOPs);
        # GPU: the config's multiple keeps tensor-core shapes.
        self._multiple = max(1, model.config.pad_to_multiple_of or 1) if cuda else 1
        self._pin = cuda
        self.precision = resolve_precision(precision, self.device)
        # bf16 autocast: tensor cores on CUDA; AMX / AVX512-BF16 GEMMs (oneDNN) on a CPU that has them.
        self._amp_device = self.device.type if self.precision == "bf16" else None
        self._normalize = not model.config.normalize
        # Packed (unpadded) batches for a BERT backbone: no FLOP on padding (infembed.packed).
        cfg = model.config
        auto = can_pack(model.passage_backbone, cfg.padding_side, cfg.pooling)
        if packed and not auto:
            why = unsupported_reason(model.passage_backbone) or (
                f"padding_side={cfg.padding_side!r}, pooling={cfg.pooling!r} or INFEMBED_FORCE_REFERENCE is set")
            raise ValueError(f"packed=True but this model has no packed forward: {why}; use packed=None or False")
        self.packed = auto if packed is None else bool(packed)
        if num_workers is None:
            num_workers = 1 if not cuda else max(1, min(8, (os.cpu_count() or 2) - 1))
        if num_workers < 1:
            raise ValueError(f"num_workers={num_workers}: must be ≥ 1")
        self.num_workers = num_workers
        # A fast tokenizer mutates its truncation state on every call: one copy per thread.
        self._local = threading.local()
        self._template = copy.deepcopy(tok)
        self.pool = ThreadPoolExecutor(num_workers, thread_name_prefix="infembed-tok")
        self._torch = torch

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _tokenizer(self):
        if self.num_workers == 1:
            return self._template  # the only thread that tokenizes: no second copy (~30 ms for MiniLM)
        tok = getattr(self._local, "tok", None)
        if tok is None:
            import copy

            tok = self._local.tok = copy.deepcopy(self._template)
        return tok

    def prepare(self, texts: list[str]) -> _Prepared:
        """Tokenize a window, sort it by token count and cut it into batches, packed or padded (worker thread)."""
        from .model import Features
        from .packed import pack_token_lists

        torch = self._torch
        encoded = self._tokenizer()(texts, add_special_tokens=False, truncation=True,
                                    max_length=self._budget + 1)["input_ids"]
        rows, truncated = [], 0
        for ids in encoded:
            if len(ids) > self._budget:
                truncated += 1
                ids = ids[: self._budget]
            ids = self._prefix + ids + self._suffix
            if self._eos is not None and (not ids or ids[-1] != self._eos):
                ids.append(self._eos)
            rows.append(ids)
        lengths = np.fromiter((len(r) for r in rows), np.int64, len(rows))
        order = np.argsort(-lengths, kind="stable")  # longest first; ties keep input order
        batches = []
        for s in range(0, len(rows), self.batch_size):
            idx = order[s:s + self.batch_size]
            if self.packed and lengths[idx[-1]] >= 1:  # (an empty row only without special tokens)
                batch = pack_token_lists([rows[j] for j in idx])  # [T] ids, no padding
                batches.append((idx, batch.pin_memory() if self._pin else batch))
                continue
            width = int(math.ceil(int(lengths[idx[0]]) / self._multiple) * self._multiple)
            ids = np.full((len(idx), width), self._pad, dtype=np.int64)  # [b, L]
            mask = np.zeros((len(idx), width), dtype=np.int64)  # [b, L]
            for r, j in enumerate(idx):
                n = int(lengths[j])
                if self._left:
                    ids[r, width - n:] = rows[j]
                    mask[r, width - n:] = 1
                else:
                    ids[r, :n] = rows[j]
                    mask[r, :n] = 1
            t_ids, t_mask = torch.from_numpy(ids), torch.from_numpy(mask)
            if self._pin:
                t_ids, t_mask = t_ids.pin_memory(), t_mask.pin_memory()
            batches.append((idx, Features(t_ids, t_mask, 0)))
        return _Prepared(batches, int(lengths.sum()), truncated)

    def forward_window(self, window: _Window, prepared: _Prepared) -> _WindowResult:
        """Embed every batch of a window; rows come back in the window's input order."""
        from .packed import PackedBatch, packed_encoder_for

        torch = self._torch
        out = torch.empty((len(window.texts), self.model.dim), dtype=torch.float32, device=self.device)
        amp = torch.autocast(self._amp_device, dtype=torch.bfloat16) if self._amp_device else _nullcontext()
        packed = packed_encoder_for(self.model.passage_backbone) if self.packed else None
        with torch.inference_mode(), amp:
            for idx, feats in prepared.batches:
                if isinstance(feats, PackedBatch):
                    pooled = packed.pooled(feats.to(self.device), self.model.config.pooling)  # [b, d] fp32
                    emb = self.model._finish(pooled)  # normalises exactly like forward_passages
                else:
                    emb = self.model.forward_passages(feats)  # [b, d] fp32 (pools + normalises)
                if self._normalize:
                    emb = torch.nn.functional.normalize(emb, dim=-1)
                out[torch.from_numpy(idx).to(self.device, non_blocking=True)] = emb.float()
        # One device→host copy per window: on CUDA the kernels above are queued asynchronously.
        return _WindowResult(window, out.cpu().numpy(), prepared.tokens, prepared.truncated)

    def run(self, events: Iterable[object], depth: int | None = None) -> Iterator[object]:
        """Yield, in order, a :class:`_WindowResult` per :class:`_Window` event (tokenized ``depth``
        windows ahead in the pool) and every other event unchanged."""
        depth = depth or self.num_workers + 1
        inflight: deque[tuple[object, Future | None]] = deque()

        def finish(item):
            ev, fut = item
            return self.forward_window(ev, fut.result()) if fut is not None else ev

        for ev in events:
            fut = self.pool.submit(self.prepare, ev.texts) if isinstance(ev, _Window) else None
            inflight.append((ev, fut))
            while inflight and (len(inflight) > depth or inflight[0][1] is None):
                yield finish(inflight.popleft())
        while inflight:
            yield finish(inflight.popleft())


class _nullcontext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


_DONE = object()


def _in_background(events: Iterator[object], maxsize: int) -> Iterator[object]:
    """Run a generator in a thread (JSON parsing off the main thread); re-raise its errors here."""
    q: queue.Queue = queue.Queue(maxsize)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce():
        try:
            for item in events:
                if not put(item):
                    return
            put(_DONE)
        except BaseException as e:  # noqa: BLE001 - handed to the consumer
            put(_Failure(e))

    thread = threading.Thread(target=produce, name="infembed-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)


@dataclass
class _Failure:
    error: BaseException


# ----------------------------------------------------------------------------- in-memory API


def encode_texts(model, texts: Sequence[str], *, batch_size: int = 64, max_length: int | None = None,
                 num_workers: int | None = None, window_batches: int = 64,
                 show_progress_bar: bool = False, packed: bool | None = None,
                 precision: str = "auto") -> np.ndarray:
    """Embed an in-memory list of passages with the encode pipeline.

    Args:
        model: an :class:`~infembed.model.InfEmbed` (on any device; bf16 autocast on CUDA).
        texts: ``n`` passage strings.
        batch_size: passages per forward pass.
        max_length: tokens per passage (default ``model.config.passage_max_length``).
        window_batches: windows of ``window_batches · batch_size`` passages are length-sorted.
        packed: run a BERT backbone unpadded (:mod:`infembed.packed`); ``None`` = whenever the
            backbone supports it and ``INFEMBED_FORCE_REFERENCE`` is unset, ``False`` = the padded
            Hugging Face forward.
        precision: ``auto`` (bf16 autocast on CUDA, fp32 on CPU), ``fp32``, or ``bf16`` (autocast on
            any device; on a CPU with AMX about 2× faster than fp32, cosine ≥ 0.9999 to it on MS MARCO).

    Returns:
        ``[n, d]`` float32, L2-normalised, in input order.

    Example:
        >>> emb = encode_texts(InfEmbed.from_pretrained("minilm"), ["a", "b c"])  # doctest: +SKIP
        >>> emb.shape
        (2, 384)
    """
    if isinstance(texts, str) or not all(isinstance(t, str) for t in texts):
        raise TypeError("texts must be a list of strings")
    from tqdm.auto import tqdm

    enc = _Encoder(model, batch_size=batch_size, max_length=max_length, num_workers=num_workers,
                   packed=packed, precision=precision)
    window = window_batches * batch_size
    out = np.empty((len(texts), model.dim), dtype=np.float32)  # [n, d]
    was_training = model.training
    model.eval()
    try:
        with tqdm(total=len(texts), unit="passage", disable=not show_progress_bar, desc="encode") as bar:
            events = (_Window(0, s, list(texts[s:s + window])) for s in range(0, len(texts), window))
            for res in enc.run(events):
                out[res.window.start:res.window.start + len(res.window.texts)] = res.embeddings
                bar.update(len(res.window.texts))
    finally:
        enc.close()
        if was_training:
            model.train()
    return out


# ----------------------------------------------------------------------------- shards API


@dataclass
class _ShardEnd:
    shard: int
    count: int
    empty: int
    ids: list[str] | None  # only for the shards this run encodes or resumes
    mine: bool


@dataclass
class _End:
    passages: int
    skipped_invalid: int


def _shard_is_intact(directory: Path, entry: dict) -> bool:
    name = entry.get("name", "")
    npy, ids = directory / f"{name}.npy", directory / f"{name}.ids"
    if not (entry.get("done") and npy.is_file() and ids.is_file()):
        return False
    if file_sha256(npy) != entry.get("sha256"):
        return False
    text, count = ids.read_bytes().decode("utf-8"), int(entry["count"])
    return text == "" if count == 0 else (text.endswith("\n") and text.count("\n") == count)


def _head_diff(a: dict, b: dict) -> list[str]:
    diffs = []
    for key in ("format", "model_fingerprint", "dim", "dtype", "normalized"):
        if a.get(key) != b.get(key):
            diffs.append(f"{key}: {a.get(key)!r} in the directory vs {b.get(key)!r} now")
    sa, sb = a.get("settings", {}), b.get("settings", {})
    for key in sorted(set(sa) | set(sb)):
        if sa.get(key) != sb.get(key):
            diffs.append(f"settings.{key}: {sa.get(key)!r} in the directory vs {sb.get(key)!r} now")
    return diffs


def _manifest_path(out: Path, shard_id: int, num_shards: int) -> Path:
    if num_shards == 1:
        return out / MANIFEST_NAME
    return out / f"manifest.part-{shard_id:05d}-of-{num_shards:05d}.json"


def _resolve_ranks(shard_id: int | None, num_shards: int | None) -> tuple[int, int]:
    if (shard_id is None) != (num_shards is None):
        raise ValueError("pass both shard_id and num_shards (or neither; torchrun's RANK/WORLD_SIZE are used then)")
    if shard_id is None:
        shard_id, num_shards = int(os.environ.get("RANK", 0)), int(os.environ.get("WORLD_SIZE", 1))
    if not isinstance(num_shards, int) or num_shards < 1:
        raise ValueError(f"num_shards={num_shards!r}: must be an integer ≥ 1")
    if not isinstance(shard_id, int) or not 0 <= shard_id < num_shards:
        raise ValueError(f"shard_id={shard_id!r}: must be in [0, num_shards={num_shards})")
    return shard_id, num_shards


def _clear_run(out: Path, shard_id: int, num_shards: int) -> None:
    """``overwrite``: delete this run's shard files and manifests (other runs' shards are theirs)."""
    for p in out.iterdir():
        m = _SHARD_FILE.match(p.name)
        if m and int(m.group(1)) % num_shards == shard_id:
            p.unlink()
        elif p.name.startswith(".shard-") and ".tmp-" in p.name:
            p.unlink()
        elif p.name == MANIFEST_NAME:
            p.unlink()
        elif (pm := _PART_FILE.match(p.name)) and (int(pm.group(2)) != num_shards or int(pm.group(1)) == shard_id):
            p.unlink()


def _merge_parts(out: Path, num_shards: int, head: dict) -> bool:
    """Write ``manifest.json`` from the ``num_shards`` parts when every part is complete."""
    parts = []
    for i in range(num_shards):
        p = _manifest_path(out, i, num_shards)
        if not p.is_file():
            return False
        try:
            part = json.loads(p.read_text())
        except json.JSONDecodeError:
            return False  # a half-visible write on an odd file system: the other run will merge
        if not part.get("complete") or _head_diff(part, head):
            return False
        parts.append(part)
    total = {p["num_shards_total"] for p in parts}
    entries = sorted((e for p in parts for e in p["shards"]), key=lambda e: e["name"])
    if len(total) != 1 or [e["name"] for e in entries] != [shard_name(k) for k in range(total.pop())]:
        raise RuntimeError(f"{out}: the {num_shards} manifest parts do not cover the shards exactly once")
    manifest = {**head, "shards": entries, "complete": True, "num_shards_total": len(entries),
                "stats": _stats(entries, parts[0]["stats"]["passages"], parts[0]["stats"]["skipped_invalid"])}
    atomic_write_json(out / MANIFEST_NAME, manifest)
    return True


def _stats(entries: list[dict], passages: int, skipped: int) -> dict:
    return {"passages": passages, "skipped_invalid": skipped,
            "encoded_rows": sum(e["count"] for e in entries),
            "empty": sum(e.get("empty", 0) for e in entries),
            "truncated": sum(e.get("truncated", 0) for e in entries)}


def encode_corpus_to_shards(model, corpus_path: str | os.PathLike, out_dir: str | os.PathLike, *,
                            batch_size: int = 64, max_length: int | None = None, dtype: str = "float16",
                            shard_size: int = 50_000, shard_id: int | None = None,
                            num_shards: int | None = None, overwrite: bool = False,
                            skip_invalid: bool = False, show_progress_bar: bool = True,
                            num_workers: int | None = None, window_batches: int = 64,
                            packed: bool | None = None, precision: str = "auto") -> dict:
    """Stream a corpus into embedding shards (``infembed encode``); resumable, see the module doc.

    Args:
        model: an :class:`~infembed.model.InfEmbed` (move it to the GPU first to encode there).
        corpus_path: BEIR ``corpus.jsonl`` or ``.parquet`` with ``_id``, ``text`` (and ``title``).
        out_dir: the shard directory (created; shared by all runs of a ``num_shards`` split).
        dtype: ``"float16"`` or ``"float32"`` for the ``.npy`` rows (computation is fp32, or bf16
            autocast on CUDA).
        shard_size: passages per shard; shard ``k`` holds passages ``[k·shard_size, (k+1)·shard_size)``.
        shard_id, num_shards: encode only the shards ``k % num_shards == shard_id`` (default: torchrun's
            ``RANK``/``WORLD_SIZE``, else 0 and 1).
        overwrite: replace a previous run's output in ``out_dir`` instead of refusing a mismatch.
        skip_invalid: skip malformed records (counted) instead of raising.
        packed: unpadded BERT forward (see :func:`encode_texts`); not a checked setting, like
            ``batch_size`` (the two paths agree to fp32 rounding, not bitwise).
        precision: ``auto`` | ``fp32`` | ``bf16`` (see :func:`encode_texts`). The resolved value is a
            checked setting: resuming with another precision (or auto on another device type) is refused.

    Returns:
        A summary dict: ``passages`` (valid passages in the corpus), ``encoded`` (rows encoded by this
        call), ``resumed`` (rows kept from an earlier call), ``shards_written``, ``shards_resumed``,
        ``skipped_invalid``, ``empty``, ``truncated``, ``tokens``, ``seconds``, ``passages_per_s``,
        ``tokens_per_s``, ``complete`` (``manifest.json`` covers the whole corpus), ``out_dir``.

    Raises:
        DataError: malformed input (``file:line``), duplicate ids (both lines), an empty corpus.
        ValueError: bad arguments, or ``out_dir`` holds another model's / settings' shards.
    """
    from tqdm.auto import tqdm

    corpus = Path(corpus_path)
    out = Path(out_dir)
    if dtype not in DTYPES:
        raise ValueError(f"dtype={dtype!r}: choose 'float16' (fp16) or 'float32' (fp32)")
    dtype = DTYPES[dtype]
    if not isinstance(shard_size, int) or shard_size < 1:
        raise ValueError(f"shard_size={shard_size!r}: must be an integer ≥ 1")
    if not isinstance(window_batches, int) or window_batches < 1:
        raise ValueError(f"window_batches={window_batches!r}: must be an integer ≥ 1")
    shard_id, num_shards = _resolve_ranks(shard_id, num_shards)
    if not corpus.is_file():
        raise DataError(f"{corpus}: no such corpus file (pass a BEIR corpus.jsonl or a .parquet file)")
    if out.exists() and not out.is_dir():
        raise ValueError(f"out_dir={str(out)!r} exists and is not a directory")
    max_length = model.config.passage_max_length if max_length is None else max_length
    if not isinstance(max_length, int) or max_length < 2:
        raise ValueError(f"max_length={max_length!r}: must be an integer ≥ 2 (tokens per passage)")
    out.mkdir(parents=True, exist_ok=True)
    st = corpus.stat()
    head = {
        "format": MANIFEST_FORMAT,
        "model_fingerprint": model.fingerprint(),
        "dim": model.dim,
        "dtype": dtype,
        "normalized": True,
        "settings": {
            "corpus": os.path.abspath(corpus), "corpus_size": st.st_size, "corpus_mtime_ns": st.st_mtime_ns,
            "max_length": max_length, "shard_size": shard_size, "num_shards": num_shards,
            "skip_invalid": bool(skip_invalid), "precision": resolve_precision(precision, model.device),
        },
    }
    my_manifest = _manifest_path(out, shard_id, num_shards)

    # ---- what is already there: refuse a mismatch, keep intact shards
    if overwrite:
        _clear_run(out, shard_id, num_shards)
    resumed: dict[int, dict] = {}
    for p in sorted(out.glob("manifest*.json")):
        try:
            existing = json.loads(p.read_text())
        except json.JSONDecodeError:
            raise ValueError(f"{p}: unreadable manifest; rerun with --overwrite to start over") from None
        diffs = _head_diff(existing, head)
        if diffs:
            raise ValueError(
                f"{out} already holds shards from a different run ({p.name}):\n  " + "\n  ".join(diffs)
                + "\nUse another --out directory, or --overwrite to replace them."
            )
        if p == my_manifest:
            for entry in existing.get("shards", []):
                k = int(entry["name"].split("-")[1])
                if k % num_shards == shard_id and _shard_is_intact(out, entry):
                    resumed[k] = entry
                elif entry.get("done"):
                    log.warning("%s: %s does not match its checksum; encoding it again", out, entry["name"])

    enc = _Encoder(model, batch_size=batch_size, max_length=max_length, num_workers=num_workers,
                   packed=packed, precision=precision)

    # ---- reader thread: number the passages, cut shards and windows, check ids
    window = window_batches * batch_size
    stats = CorpusStats()

    def events() -> Iterator[object]:
        seen = _SeenIds()
        ids: list[str] = []
        texts: list[str] = []
        count = empty = start = 0
        k = 0

        def duplicate(line: int, earlier: int) -> None:
            a, b = _record_at(corpus, earlier), _record_at(corpus, line)
            if a is not None and b is not None and a.id == b.id:
                raise DataError(f"{corpus}:{line}: duplicate passage id {b.id!r} (first seen at line {earlier})")

        for rec in iter_corpus(corpus, skip_invalid=skip_invalid, stats=stats):
            if (earlier := seen.add(rec.id, rec.line)) is not None:
                duplicate(rec.line, earlier)
            mine = k % num_shards == shard_id
            if mine:
                ids.append(rec.id)
            if mine and k not in resumed:
                texts.append(rec.text)
                if len(texts) == window:
                    yield _Window(k, start, texts)
                    start, texts = start + len(texts), []
            empty += not rec.text.strip()
            count += 1
            if count == shard_size:
                for line, earlier in seen.check():
                    duplicate(line, earlier)
                if texts:
                    yield _Window(k, start, texts)
                yield _ShardEnd(k, count, empty, ids if mine else None, mine)
                k, count, empty, start, ids, texts = k + 1, 0, 0, 0, [], []
        for line, earlier in seen.check():
            duplicate(line, earlier)
        if count:
            if texts:
                yield _Window(k, start, texts)
            yield _ShardEnd(k, count, empty, ids if k % num_shards == shard_id else None, k % num_shards == shard_id)
        yield _End(stats.passages, stats.skipped_invalid)

    # ---- main thread: forward, assemble shards, write them and the manifest
    def write_manifest(entries: dict[int, dict], complete: bool, end: _End | None = None) -> None:
        manifest = {**head, "shards": [entries[k] for k in sorted(entries)], "complete": complete}
        if num_shards > 1:
            manifest["shard_id"] = shard_id
        if end is not None:
            manifest["num_shards_total"] = num_shards_total
            manifest["stats"] = _stats(manifest["shards"], end.passages, end.skipped_invalid)
        atomic_write_json(my_manifest, manifest)

    entries = dict(resumed)
    buf: np.ndarray | None = None  # [shard_size, d] rows of the shard being encoded
    cur_truncated = tokens = encoded = resumed_rows = 0
    shards_written = 0
    num_shards_total = 0
    end: _End | None = None
    t0 = time.perf_counter()
    total = _estimate_records(corpus) if show_progress_bar else None
    was_training = model.training
    model.eval()
    bar = tqdm(total=None if total is None else math.ceil(total / num_shards), unit="passage",
               disable=not show_progress_bar, desc=f"encode {shard_id}/{num_shards}" if num_shards > 1 else "encode",
               dynamic_ncols=True)
    try:
        for ev in enc.run(_in_background(events(), maxsize=4)):
            if isinstance(ev, _WindowResult):
                w = ev.window
                if buf is None:
                    buf = np.empty((shard_size, model.dim), dtype=dtype)
                buf[w.start:w.start + len(w.texts)] = ev.embeddings  # fp32 → dtype (round to nearest)
                cur_truncated += ev.truncated
                tokens += ev.tokens
                encoded += len(w.texts)
                bar.update(len(w.texts))
                dt = max(time.perf_counter() - t0, 1e-9)
                bar.set_postfix_str(f"{encoded / dt:,.0f} p/s, {tokens / dt:,.0f} tok/s", refresh=False)
            elif isinstance(ev, _ShardEnd):
                num_shards_total = ev.shard + 1
                if not ev.mine:
                    continue
                if ev.shard in resumed:
                    entry = resumed[ev.shard]
                    have = (out / f"{entry['name']}.ids").read_text(encoding="utf-8").split("\n")[: entry["count"]]
                    if have != ev.ids:
                        raise ValueError(
                            f"{out}/{entry['name']}.ids does not match the corpus (was {corpus} edited in "
                            "place?); rerun with --overwrite"
                        )
                    resumed_rows += ev.count
                    bar.update(ev.count)
                    continue
                entry = write_shard(out, ev.shard, ev.ids, buf[:ev.count])
                entry.update(empty=ev.empty, truncated=cur_truncated)
                entries[ev.shard] = entry
                write_manifest(entries, complete=False)
                shards_written += 1
                buf, cur_truncated = None, 0
            elif isinstance(ev, _End):
                end = ev
    finally:
        bar.close()
        enc.close()
        if was_training:
            model.train()
    assert end is not None
    if end.passages == 0:
        raise DataError(f"{corpus}: no valid passages" + (f" ({stats.skipped_invalid} invalid records skipped)"
                                                          if stats.skipped_invalid else ""))
    write_manifest(entries, complete=True, end=end)
    complete = num_shards == 1 or _merge_parts(out, num_shards, head)
    seconds = time.perf_counter() - t0
    st = _stats(list(entries.values()), end.passages, end.skipped_invalid)
    if stats.skipped_invalid:
        log.warning("%s: skipped %d invalid records, e.g. %s", corpus, stats.skipped_invalid, stats.first_errors[0])
    if st["truncated"]:
        log.warning("%d passages were longer than %d tokens and were truncated", st["truncated"], enc.max_length)
    return {
        "out_dir": str(out), "passages": end.passages, "encoded": encoded, "resumed": resumed_rows,
        "shards_written": shards_written, "shards_resumed": len(resumed), "num_shards_total": num_shards_total,
        "shard_id": shard_id, "num_shards": num_shards, "skipped_invalid": end.skipped_invalid,
        "empty": st["empty"], "truncated": st["truncated"], "tokens": tokens, "seconds": seconds,
        "passages_per_s": encoded / seconds if seconds > 0 else 0.0,
        "tokens_per_s": tokens / seconds if seconds > 0 else 0.0, "complete": complete,
    }
