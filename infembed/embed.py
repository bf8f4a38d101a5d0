"""Offline encoding: the tokenize → forward pipeline, and the driver that streams a corpus into shards.

:func:`encode_corpus_to_shards` (the engine of ``infembed encode``) and :func:`encode_texts` (the
same pipeline for an in-memory list; ``InfEmbed.encode_corpus`` and joint-mode ``encode_queries``
call it) share one pipeline::

    reader thread ──windows of W passages──▶ tokenizer pool ──length-sorted batches──▶
    main thread: forward (bf16 autocast on CUDA) ──▶ rows put back in input order ──▶ shard writer

The corpus is read by :func:`infembed.data.iter_beir_corpus` (the one BEIR reader: its input rules,
``file:line`` errors and ``skip_invalid`` apply), tokens come from ``InfEmbed.token_ids`` and the
forward from ``InfEmbed.forward_packed`` / ``forward_passages``; shards and manifests are written by
:mod:`infembed.shards` (:class:`~infembed.shards.ShardRun`: manifest parts, resume, merge).

A BERT backbone gets packed batches (token ids end to end plus ``cu_seqlens``, no padding) and the
unpadded forward of :mod:`infembed.packed`; any other backbone (e.g. a decoder), ``packed=False`` or
``INFEMBED_FORCE_REFERENCE=1`` gets padded batches and the Hugging Face forward.

Determinism: batches depend only on the shard's content. A shard is cut into fixed windows of
``W = window_batches · batch_size`` passages; each window is sorted by token count (stable) and cut
into batches of ``batch_size`` (packed batches on the CPU: of ≤ ``CPU_BATCH_TOKENS`` tokens). Timing
never changes what goes into a batch, so on CPU a resumed run writes bitwise the same shards as an
uninterrupted one.

Sharding: a run with ``shard_id=i, num_shards=n`` (default: a Slurm job array's task id and count,
else torchrun's ``RANK`` and ``WORLD_SIZE``, else 0 and 1) encodes one ``n``-th of the corpus. All runs
write into the same directory (one manifest part per run, merged into ``manifest.json`` by the last to
finish; :mod:`infembed.shards`). How the corpus is split (``settings.split``):

* a single run reads the whole file: passage ``j`` (0-based, counting only valid passages) goes to
  shard ``k = j // shard_size``, named ``shard-KKKKK``.
* ``"ranges"`` (JSONL and parquet, ``n > 1``): run ``i`` reads only part ``i`` of the file — the lines
  whose first byte lies in the ``i``-th of ``n`` equal byte ranges (:func:`infembed.io.byte_ranges`),
  or the ``i``-th range of parquet row groups — and cuts its own passages into shards
  ``shard-IIIII-KKKKK`` of ``shard_size`` (the last one of each part may be short). Global order is
  part order, which is file order. Duplicate ids inside a part are found by its run (below); the run
  that merges the manifest parts reads every ``.ids`` file and refuses an id held by two parts
  (naming both corpus lines), so a complete ``manifest.json`` never holds a duplicate, as before;
  the difference is that such a duplicate is reported at the end, by the merging run.
  The rows of a shard differ from a single run's, so embeddings agree to fp32 rounding (batches are
  cut differently), and bitwise with a rerun of the same split.
* ``"round-robin"`` (a ``.gz`` corpus: gzip cannot be entered mid-stream; or asked for with
  ``split="round-robin"``, ``--split round-robin``): every run reads the whole file, numbers the
  passages as a single run does and encodes the shards ``k % n == i`` only; the merged directory is
  then the single run's, bitwise — the choice when bitwise equality with one process matters more
  than each run reading only its part.

Resume: the run's manifest is updated (atomically) after every shard; a rerun of the same command
re-hashes every shard the manifest lists as done, keeps those whose ``.npy`` sha256 and ``.ids``
match, and encodes the rest. A rerun with another model fingerprint or other settings is refused
unless ``overwrite=True`` (which deletes that run's own shards and manifests). ``batch_size`` and
``window_batches`` are not part of the checked settings (a smaller batch after an out-of-memory
error is a legitimate resume); keep them unchanged for a bitwise-identical result.

Paths: the corpus and the shard directory may be fsspec URLs (``s3://``, ``gs://``, ``hf://``, ...;
:mod:`infembed.io`): the corpus is read (and byte ranges entered) through fsspec, and every shard and
manifest file is written as one object, with the same bytes and checksums as on a local disk.
(:mod:`infembed.ray_encode` runs the same per-shard pipeline on Ray actors.)

Beyond the reader's rules, the driver:

* keeps empty text (after joining the title) and encodes it as the empty string (the model sees
  only its special tokens), so every id of the corpus gets a row; counted as ``empty``;
* always raises on a duplicate ``_id`` (even with ``skip_invalid``), naming both lines. Ids are
  tracked by :class:`~infembed.data.SeenIds` (16 bytes per passage); a hash hit is confirmed by
  re-reading both lines (in a byte range: seeking to their offsets), so a collision never raises falsely;
* truncates a passage longer than ``max_length`` tokens and counts it (``truncated``).
"""

from __future__ import annotations

import logging
import math
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .data import CorpusStats, DataError, SeenIds, beir_record_at, corpus_part, iter_beir_corpus
from .io import (
    canonical,
    count_records,
    exists,
    file_info,
    is_compressed,
    is_dir,
    is_file,
    is_remote,
    makedirs,
)
from .shards import MANIFEST_FORMAT, ShardRun, manifest_stats, write_shard

log = logging.getLogger(__name__)
SPLITS = ("auto", "round-robin")  # auto: byte/row-group ranges where the file allows, else round-robin

DTYPES = {"float16": "float16", "fp16": "float16", "half": "float16", "float32": "float32", "fp32": "float32"}


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


# Packed batches on the CPU are cut by tokens, not rows: MiniLM in bf16 (AMX) ran 8–12% faster (fp32:
# 0–4%) on MS MARCO and on a long-tailed mix with batches of ≈ 2,048 tokens than with 32-row batches
# (which range from 160 to 5,900 tokens there); 1,024–2,048 alike on the long-tail, 2,048 best on MS
# MARCO, 3,072–4,096 slower (bench/RESULTS.md).
CPU_BATCH_TOKENS = 2048


class _Encoder:
    """Tokenization (thread pool, one tokenizer copy per thread) + forward for one model.

    Batches: a window is sorted by token count (longest first) and cut into batches of ``batch_size``
    rows — or, for packed batches on the CPU, of at most ``batch_tokens`` tokens each (default
    :data:`CPU_BATCH_TOKENS`; a longer row is a batch of its own), as many rows as fit.
    """

    def __init__(self, model, *, batch_size: int, max_length: int | None, num_workers: int | None,
                 precision: str = "auto", packed: bool | None = None, side: str = "passages",
                 normalize: bool = True, batch_tokens: int | None = None) -> None:
        import torch

        from .packed import can_pack, unsupported_reason

        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size={batch_size!r}: must be an integer ≥ 1")
        if side == "queries" and model.config.mode != "joint":
            raise ValueError(f"side='queries' needs a joint-mode model (this one is {model.config.mode!r}: "
                             "use InfEmbed.encode_queries)")
        backbone = model.tower(side)
        if max_length is None:
            max_length = model.config.passage_max_length if side == "passages" else model.config.query_max_length
        if not isinstance(max_length, int) or max_length < 2:
            raise ValueError(f"max_length={max_length!r}: must be an integer ≥ 2 (tokens per passage)")
        self.model = model
        self.side = side
        self.batch_size = batch_size
        self.max_length = max_length
        self.device = model.device
        cuda = self.device.type == "cuda"
        tok = model.tokenizer
        self._pad = tok.pad_token_id
        self._left = model.config.padding_side == "left"
        # CPU: pad to the longest row exactly (every pad token costs a full row of FLOPs);
        # GPU: the config's multiple keeps tensor-core shapes.
        self._multiple = max(1, model.config.pad_to_multiple_of or 1) if cuda else 1
        self._pin = cuda
        self.precision = resolve_precision(precision, self.device)
        # bf16 autocast: tensor cores on CUDA; AMX / AVX512-BF16 GEMMs (oneDNN) on a CPU that has them.
        self._amp_device = self.device.type if self.precision == "bf16" else None
        self._normalize = normalize and not model.config.normalize
        # Packed (unpadded) batches for a BERT backbone: no FLOP on padding (infembed.packed).
        cfg = model.config
        auto = can_pack(backbone, cfg.padding_side, cfg.pooling)
        if packed and not auto:
            why = unsupported_reason(backbone) or (
                f"padding_side={cfg.padding_side!r}, pooling={cfg.pooling!r} or INFEMBED_FORCE_REFERENCE is set")
            raise ValueError(f"packed=True but this model has no packed forward: {why}; use packed=None or False")
        self.packed = auto if packed is None else bool(packed)
        if batch_tokens is not None and (not isinstance(batch_tokens, int) or batch_tokens < 1):
            raise ValueError(f"batch_tokens={batch_tokens!r}: must be an integer ≥ 1 (or None for the default)")
        # Token budget of a packed batch (None: batch_size rows, as on the GPU and for padded batches).
        self.batch_tokens = (batch_tokens or CPU_BATCH_TOKENS) if self.packed and not cuda else None
        if num_workers is None:
            num_workers = 1 if not cuda else max(1, min(8, (os.cpu_count() or 2) - 1))
        if num_workers < 1:
            raise ValueError(f"num_workers={num_workers}: must be ≥ 1")
        self.num_workers = num_workers
        # A fast tokenizer mutates its truncation state on every call: one copy per thread.
        # With one worker, that thread is the only one tokenizing while the pipeline runs (the caller's
        # thread only runs the forward), so it uses the model's tokenizer as InfEmbed.tokenize does.
        self._local = threading.local()
        self.pool = ThreadPoolExecutor(num_workers, thread_name_prefix="infembed-tok")
        self._torch = torch

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self.packed:  # the packed CPU forward's activation buffers, kept across the run's batches
            from .packed import release_workspace

            release_workspace(self.model.tower(self.side))

    def _tokenizer(self):
        if self.num_workers == 1:
            return self.model.tokenizer  # no copy (30–60 ms for MiniLM, on every encode_corpus call)
        tok = getattr(self._local, "tok", None)
        if tok is None:
            import copy

            tok = self._local.tok = copy.deepcopy(self.model.tokenizer)
        return tok

    def _cut(self, lengths: np.ndarray, order: np.ndarray) -> list[np.ndarray]:
        """Rows (window positions, in ``order``) of each batch: ``batch_size`` at a time, or greedily
        up to ``batch_tokens`` tokens (at least one row per batch)."""
        if self.batch_tokens is None:
            return [order[s:s + self.batch_size] for s in range(0, len(order), self.batch_size)]
        cuts, start, tokens = [], 0, 0
        for i, n in enumerate(lengths[order].tolist()):
            if i > start and tokens + n > self.batch_tokens:
                cuts.append(order[start:i])
                start, tokens = i, 0
            tokens += n
        return cuts + [order[start:]] if len(order) else cuts

    def prepare(self, texts: list[str]) -> _Prepared:
        """Tokenize a window, sort it by token count and cut it into batches, packed or padded (worker thread)."""
        from .model import Features
        from .packed import pack_token_lists

        torch = self._torch
        if self.side == "passages":  # the model's passage prompt, if any (query texts come formatted)
            texts = self.model.format_passages(texts)
        rows, truncated = self.model.token_ids(texts, self.max_length, tokenizer=self._tokenizer())
        lengths = np.fromiter((len(r) for r in rows), np.int64, len(rows))
        order = np.argsort(-lengths, kind="stable")  # longest first; ties keep input order
        batches = []
        for idx in self._cut(lengths, order):
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
        from .model import QueryFeatures
        from .packed import PackedBatch

        torch = self._torch
        model = self.model
        out = torch.empty((len(window.texts), model.dim), dtype=torch.float32, device=self.device)
        amp = torch.autocast(self._amp_device, dtype=torch.bfloat16) if self._amp_device else _nullcontext()
        with torch.inference_mode(), amp:
            for idx, feats in prepared.batches:
                # [b, d] fp32, pooled and normalised (when configured) by the model
                if isinstance(feats, PackedBatch):
                    emb = model.forward_packed(feats, self.side)
                elif self.side == "passages":
                    emb = model.forward_passages(feats)
                else:
                    emb = model.forward_queries(QueryFeatures(joint=feats))
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
                 precision: str = "auto", side: str = "passages", normalize: bool = True,
                 batch_tokens: int | None = None) -> np.ndarray:
    """Embed an in-memory list of passages (or joint-mode query texts) with the encode pipeline.

    This is the code behind ``InfEmbed.encode_corpus`` / ``encode_queries`` (joint mode) too; truncated
    texts are added to ``model.truncated[side]``.

    Args:
        model: an :class:`~infembed.model.InfEmbed` (on any device; bf16 autocast on CUDA).
        texts: ``n`` passage strings (``side="queries"``: texts from ``model.format_query``).
        batch_size: passages per forward pass (on the CPU, packed batches are cut by ``batch_tokens``
            instead; ``batch_size`` then only sets the window, below).
        max_length: tokens per text (default ``model.config.passage_max_length``, or
            ``query_max_length`` for queries).
        window_batches: windows of ``window_batches · batch_size`` passages are length-sorted.
        packed: run a BERT backbone unpadded (:mod:`infembed.packed`); ``None`` = whenever the
            backbone supports it and ``INFEMBED_FORCE_REFERENCE`` is unset, ``False`` = the padded
            Hugging Face forward.
        precision: ``auto`` (bf16 autocast on CUDA, fp32 on CPU), ``fp32``, or ``bf16`` (autocast on
            any device; on a CPU with AMX about 2× faster than fp32, cosine ≥ 0.9999 to it on MS MARCO).
        side: ``"passages"`` (the passage tower) or ``"queries"`` (the query tower; joint mode only).
        normalize: L2-normalise the rows even when the model's config does not.
        batch_tokens: tokens per packed batch on the CPU (default ``CPU_BATCH_TOKENS`` = 2048: as
            many length-sorted passages as fit, so short passages share a forward pass and long ones
            do not make huge ones); ignored on the GPU and for padded batches.

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
                   packed=packed, precision=precision, side=side, normalize=normalize, batch_tokens=batch_tokens)
    window = window_batches * batch_size
    out = np.empty((len(texts), model.dim), dtype=np.float32)  # [n, d]
    truncated = 0
    was_training = model.training
    model.eval()
    try:
        with tqdm(total=len(texts), unit="passage", disable=not show_progress_bar, desc="encode") as bar:
            events = (_Window(0, s, list(texts[s:s + window])) for s in range(0, len(texts), window))
            for res in enc.run(events):
                out[res.window.start:res.window.start + len(res.window.texts)] = res.embeddings
                truncated += res.truncated
                bar.update(len(res.window.texts))
    finally:
        enc.close()
        if was_training:
            model.train()
    model.truncated[side] += truncated
    return out


# ----------------------------------------------------------------------------- the shard driver


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


def encode_shard(enc: _Encoder, texts: Sequence[str], *, window: int, dtype: str) -> tuple[np.ndarray, int, int]:
    """Embed the passages of one whole shard exactly as :func:`encode_corpus_to_shards` does: windows of
    ``window`` texts from the shard's first row, each length-sorted and cut into batches by ``enc``.

    Returns:
        ``(embeddings [n, d] of dtype, tokens, truncated)``; the rows are bitwise those an encode run with
        the same model and settings writes for a shard holding these texts.
    """
    out = np.empty((len(texts), enc.model.dim), dtype=dtype)  # [n, d]
    tokens = truncated = 0
    events = (_Window(0, s, list(texts[s:s + window])) for s in range(0, len(texts), window))
    for res in enc.run(events):
        w = res.window
        out[w.start:w.start + len(w.texts)] = res.embeddings  # fp32 → dtype (round to nearest), as the driver
        tokens += res.tokens
        truncated += res.truncated
    return out, tokens, truncated


def _ranks_from_environment() -> tuple[int, int]:
    """``(shard_id, num_shards)`` of this process: a Slurm job array (task ids may start anywhere, so
    the id is counted from ``SLURM_ARRAY_TASK_MIN``), else torchrun's ``RANK``/``WORLD_SIZE``, else (0, 1)."""
    env = os.environ
    if "SLURM_ARRAY_TASK_ID" in env and "SLURM_ARRAY_TASK_COUNT" in env:
        try:
            task, count = int(env["SLURM_ARRAY_TASK_ID"]), int(env["SLURM_ARRAY_TASK_COUNT"])
            first = int(env.get("SLURM_ARRAY_TASK_MIN", 0))
        except ValueError:
            raise ValueError("SLURM_ARRAY_TASK_ID/COUNT/MIN are not integers; pass --shard-id/--num-shards") from None
        if int(env.get("SLURM_ARRAY_TASK_STEP", 1)) != 1:
            raise ValueError("a Slurm array with a step other than 1 (e.g. --array=0-9:2) does not map onto shard "
                             "ids; pass --shard-id/--num-shards")
        return task - first, count
    return int(env.get("RANK", 0)), int(env.get("WORLD_SIZE", 1))


def _resolve_ranks(shard_id: int | None, num_shards: int | None) -> tuple[int, int]:
    if (shard_id is None) != (num_shards is None):
        raise ValueError("pass both shard_id and num_shards (or neither; a Slurm array's or torchrun's "
                         "ranks are used then)")
    if shard_id is None:
        shard_id, num_shards = _ranks_from_environment()
    if not isinstance(num_shards, int) or num_shards < 1:
        raise ValueError(f"num_shards={num_shards!r}: must be an integer ≥ 1")
    if not isinstance(shard_id, int) or not 0 <= shard_id < num_shards:
        raise ValueError(f"shard_id={shard_id!r}: must be in [0, num_shards={num_shards})")
    return shard_id, num_shards


def manifest_head(model, corpus, *, dtype: str, max_length: int, shard_size: int, num_shards: int,
                  skip_invalid: bool, precision: str, split: str | None = None) -> dict:
    """The manifest of an encode run without its shards: model, dim, dtype and the checked settings
    (a rerun with another head is refused). ``precision`` is the resolved one (``fp32``/``bf16``)."""
    size, mtime_ns = file_info(corpus)
    settings = {
        "corpus": canonical(corpus), "corpus_size": size, "corpus_mtime_ns": mtime_ns,
        "max_length": max_length, "shard_size": shard_size, "num_shards": num_shards,
        "skip_invalid": bool(skip_invalid), "precision": precision,
    }
    if split is not None:
        settings["split"] = split
    return {"format": MANIFEST_FORMAT, "model_fingerprint": model.fingerprint(), "dim": model.dim, "dtype": dtype,
            "normalized": True, "settings": settings}


def duplicate_lines_error(corpus, pid: str) -> DataError | None:
    """The single-run message for a passage id that occurs twice (``file:line`` of both), found by
    reading the corpus again (an error path), or ``None`` when ``pid`` occurs once."""
    lines = []
    for rec in iter_beir_corpus(corpus, skip_invalid=True):
        if rec.id == pid:
            lines.append(rec.line)
            if len(lines) == 2:
                return DataError(f"{corpus}:{lines[1]}: duplicate passage id {pid!r} (first seen at line {lines[0]})")
    return None


def encode_corpus_to_shards(model, corpus_path: str | os.PathLike, out_dir: str | os.PathLike, *,
                            batch_size: int = 64, max_length: int | None = None, dtype: str = "float16",
                            shard_size: int = 50_000, shard_id: int | None = None,
                            num_shards: int | None = None, overwrite: bool = False,
                            skip_invalid: bool = False, show_progress_bar: bool = True,
                            num_workers: int | None = None, window_batches: int = 64,
                            packed: bool | None = None, precision: str = "auto", split: str = "auto") -> dict:
    """Stream a corpus into embedding shards (``infembed encode``); resumable, see the module doc.

    Args:
        model: an :class:`~infembed.model.InfEmbed` (move it to the GPU first to encode there).
        corpus_path: BEIR ``corpus.jsonl`` (or ``.jsonl.gz``) or ``.parquet`` with ``_id``, ``text``
            (and ``title``); a local path or an fsspec URL (``s3://…``, ``gs://…``, ``hf://…``).
        out_dir: the shard directory (created; shared by all runs of a ``num_shards`` split); a local
            folder or an fsspec URL (each file is then written as one object, see :mod:`infembed.io`).
        dtype: ``"float16"`` or ``"float32"`` for the ``.npy`` rows (computation is fp32, or bf16
            autocast on CUDA).
        shard_size: passages per shard; shard ``k`` holds passages ``[k·shard_size, (k+1)·shard_size)``
            of the run's part (of the corpus, for a single run).
        shard_id, num_shards: encode only part ``shard_id`` of ``num_shards`` (default: a Slurm array's
            ``SLURM_ARRAY_TASK_ID``/``SLURM_ARRAY_TASK_COUNT``, else torchrun's ``RANK``/``WORLD_SIZE``,
            else 0 and 1); see the module doc for how the corpus is split.
        overwrite: replace a previous run's output in ``out_dir`` instead of refusing a mismatch.
        skip_invalid: skip malformed records (counted) instead of raising.
        packed: unpadded BERT forward (see :func:`encode_texts`); not a checked setting, like
            ``batch_size`` (the two paths agree to fp32 rounding, not bitwise).
        precision: ``auto`` | ``fp32`` | ``bf16`` (see :func:`encode_texts`). The resolved value is a
            checked setting: resuming with another precision (or auto on another device type) is refused.
        split: how ``num_shards > 1`` runs share the corpus: ``"auto"`` (each reads only its byte /
            row-group range; a ``.gz`` falls back to round-robin) or ``"round-robin"`` (each reads all
            and encodes every n-th shard: bitwise a single run's output). See the module docstring.

    Returns:
        A summary dict: ``passages`` (valid passages this run read: the corpus, or its part),
        ``encoded`` (rows encoded by this call), ``resumed`` (rows kept from an earlier call),
        ``shards_written``, ``shards_resumed``, ``skipped_invalid``, ``empty``, ``truncated``, ``tokens``,
        ``seconds``, ``passages_per_s``, ``tokens_per_s``, ``split``, ``complete`` (``manifest.json``
        covers the whole corpus), ``out_dir``.

    Raises:
        DataError: malformed input (``file:line``), duplicate ids (both lines), an empty corpus.
        ValueError: bad arguments, ``out_dir`` holds another model's / settings' shards, or a URL
            whose fsspec backend is not installed.
    """
    from tqdm.auto import tqdm

    corpus = corpus_path if is_remote(corpus_path) else Path(corpus_path)
    out = out_dir if is_remote(out_dir) else Path(out_dir)
    if dtype not in DTYPES:
        raise ValueError(f"dtype={dtype!r}: choose 'float16' (fp16) or 'float32' (fp32)")
    dtype = DTYPES[dtype]
    if not isinstance(shard_size, int) or shard_size < 1:
        raise ValueError(f"shard_size={shard_size!r}: must be an integer ≥ 1")
    if not isinstance(window_batches, int) or window_batches < 1:
        raise ValueError(f"window_batches={window_batches!r}: must be an integer ≥ 1")
    shard_id, num_shards = _resolve_ranks(shard_id, num_shards)
    if not is_file(corpus):
        raise DataError(f"{corpus}: no such corpus file (pass a BEIR corpus.jsonl or a .parquet file)")
    if exists(out) and not is_dir(out):
        raise ValueError(f"out_dir={str(out)!r} exists and is not a directory")
    max_length = model.config.passage_max_length if max_length is None else max_length
    if not isinstance(max_length, int) or max_length < 2:
        raise ValueError(f"max_length={max_length!r}: must be an integer ≥ 2 (tokens per passage)")
    # ---- 0. this run's share of the corpus: a part of the file, or (gzip) every n-th shard of all of it
    if split not in SPLITS:
        raise ValueError(f"split={split!r}: choose one of {', '.join(SPLITS)}")
    part = corpus_part(corpus, shard_id, num_shards) if num_shards > 1 and split == "auto" else None
    split = None if num_shards == 1 else "ranges" if part is not None else "round-robin"
    if split == "round-robin":
        log.info("%s is compressed and cannot be read by byte range: run %d of %d reads the whole file and "
                 "encodes every %d-th shard", corpus, shard_id, num_shards, num_shards)
    makedirs(out)
    head = manifest_head(model, corpus, dtype=dtype, max_length=max_length, shard_size=shard_size,
                         num_shards=num_shards, skip_invalid=skip_invalid,
                         precision=resolve_precision(precision, model.device), split=split)
    run = ShardRun(out, head, shard_id, num_shards, split=split or "round-robin",
                   part=part.to_dict() if part is not None else None)

    # ---- 1. what is already there: refuse a mismatch, keep intact shards
    if overwrite:
        run.clear()
    resumed = run.resume()  # {shard: manifest entry}
    enc = _Encoder(model, batch_size=batch_size, max_length=max_length, num_workers=num_workers,
                   packed=packed, precision=precision)

    # ---- 2. reader thread: number the passages, cut shards and windows, check ids
    window = window_batches * batch_size
    stats = CorpusStats()
    # Where a record is, for the duplicate check: its line (row), or in a byte range its offset
    # (the line number is only counted when a duplicate has to be named).
    by_offset = part is not None and part.unit == "bytes"

    def duplicate(pos: int, earlier: int) -> None:
        a, b = ((beir_record_at(corpus, offset=earlier), beir_record_at(corpus, offset=pos)) if by_offset
                else (beir_record_at(corpus, earlier), beir_record_at(corpus, pos)))
        if a is not None and b is not None and a.id == b.id:
            raise DataError(f"{corpus}:{b.line}: duplicate passage id {b.id!r} (first seen at line {a.line})")

    def events() -> Iterator[object]:
        seen = SeenIds()
        ids: list[str] = []  # of shard k, when it is this run's
        texts: list[str] = []  # of the window being filled
        k = count = empty = start = 0  # shard, passages in it, empty ones, first row of the window
        for rec in iter_beir_corpus(corpus, skip_invalid=skip_invalid, stats=stats, part=part):
            pos = rec.offset if by_offset else rec.line
            if (earlier := seen.add(rec.id, pos)) is not None:
                duplicate(pos, earlier)
            if run.mine(k):
                ids.append(rec.id)
                if k not in resumed:
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
                yield _ShardEnd(k, count, empty, ids if run.mine(k) else None, run.mine(k))
                k, count, empty, start, ids, texts = k + 1, 0, 0, 0, [], []
        for line, earlier in seen.check():
            duplicate(line, earlier)
        if count:
            if texts:
                yield _Window(k, start, texts)
            yield _ShardEnd(k, count, empty, ids if run.mine(k) else None, run.mine(k))
        yield _End(stats.passages, stats.skipped_invalid)

    # ---- 3. main thread: forward, assemble shards, write them and the manifest
    entries = dict(resumed)
    buf: np.ndarray | None = None  # [shard_size, d] rows of the shard being encoded
    cur_truncated = tokens = encoded = resumed_rows = 0
    shards_written = 0
    num_shards_total = 0
    end: _End | None = None
    t0 = time.perf_counter()
    # The bar's total costs a pass over the file: only for an uncompressed local file read whole.
    total = (count_records(corpus) if show_progress_bar and part is None and not is_remote(corpus)
             and not is_compressed(corpus) else None)
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
                    run.check_resumed_ids(resumed[ev.shard], ev.ids, corpus)
                    resumed_rows += ev.count
                    bar.update(ev.count)
                    continue
                entry = write_shard(out, ev.shard, ev.ids, buf[:ev.count], name=run.name(ev.shard))
                entry.update(empty=ev.empty, truncated=cur_truncated)
                entries[ev.shard] = entry
                run.write_manifest(entries, complete=False)
                shards_written += 1
                buf, cur_truncated = None, 0
            elif isinstance(ev, _End):
                end = ev
    finally:
        bar.close()
        enc.close()
        if was_training:
            model.train()

    # ---- 4. finish: this run's manifest, then manifest.json when every run is done
    assert end is not None
    if end.passages == 0 and split != "ranges":  # (a part may be empty: the merge checks the whole)
        raise DataError(f"{corpus}: no valid passages" + (f" ({stats.skipped_invalid} invalid records skipped)"
                                                          if stats.skipped_invalid else ""))
    run.write_manifest(entries, complete=True, num_shards_total=num_shards_total, passages=end.passages,
                       skipped_invalid=end.skipped_invalid)

    def duplicate_across_parts(pid: str) -> None:
        if (error := duplicate_lines_error(corpus, pid)) is not None:
            raise error

    complete = run.merge(on_duplicate=duplicate_across_parts)
    seconds = time.perf_counter() - t0
    st = manifest_stats(list(entries.values()), end.passages, end.skipped_invalid)
    if stats.skipped_invalid:
        log.warning("%s: skipped %d invalid records, e.g. %s", corpus, stats.skipped_invalid, stats.errors[0][1])
    if st["truncated"]:
        log.warning("%d passages were longer than %d tokens and were truncated", st["truncated"], enc.max_length)
    return {
        "out_dir": str(out), "passages": end.passages, "encoded": encoded, "resumed": resumed_rows,
        "shards_written": shards_written, "shards_resumed": len(resumed), "num_shards_total": num_shards_total,
        "shard_id": shard_id, "num_shards": num_shards, "split": split or "single",
        "skipped_invalid": end.skipped_invalid,
        "empty": st["empty"], "truncated": st["truncated"], "tokens": tokens, "seconds": seconds,
        "passages_per_s": encoded / seconds if seconds > 0 else 0.0,
        "tokens_per_s": tokens / seconds if seconds > 0 else 0.0, "complete": complete,
    }
