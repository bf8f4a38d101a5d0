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
into batches of ``batch_size``. Timing never changes what goes into a batch, so on CPU a resumed run
writes bitwise the same shards as an uninterrupted one.

Sharding: passage ``j`` (0-based, counting only valid passages of the stream) belongs to shard
``k = j // shard_size``. A run with ``shard_id=i, num_shards=n`` (or, under ``torchrun``, ``RANK`` and
``WORLD_SIZE``) encodes the shards with ``k % n == i``; every run still reads the whole corpus (to
number the passages and to detect duplicate ids), but only tokenizes and encodes its own shards.
All runs write into the same directory (``manifest.json``, or one manifest part per run, merged by
the last to finish).

Resume: the run's manifest is updated (atomically) after every shard; a rerun of the same command
re-hashes every shard the manifest lists as done, keeps those whose ``.npy`` sha256 and ``.ids``
match, and encodes the rest. A rerun with another model fingerprint or other settings is refused
unless ``overwrite=True`` (which deletes that run's own shards and manifests). ``batch_size`` and
``window_batches`` are not part of the checked settings (a smaller batch after an out-of-memory
error is a legitimate resume); keep them unchanged for a bitwise-identical result.

Beyond the reader's rules, the driver:

* keeps empty text (after joining the title) and encodes it as the empty string (the model sees
  only its special tokens), so every id of the corpus gets a row; counted as ``empty``;
* always raises on a duplicate ``_id`` (even with ``skip_invalid``), naming both lines. Ids are
  tracked by :class:`~infembed.data.SeenIds` (16 bytes per passage); a hash hit is confirmed by
  re-reading both lines, so a collision never raises falsely;
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

from .data import CorpusStats, DataError, SeenIds, beir_record_at, iter_beir_corpus
from .io import count_records
from .shards import MANIFEST_FORMAT, ShardRun, manifest_stats, write_shard

log = logging.getLogger(__name__)

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


class _Encoder:
    """Tokenization (thread pool, one tokenizer copy per thread) + forward for one model."""

    def __init__(self, model, *, batch_size: int, max_length: int | None, num_workers: int | None,
                 precision: str = "auto", packed: bool | None = None, side: str = "passages",
                 normalize: bool = True) -> None:
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

    def _tokenizer(self):
        if self.num_workers == 1:
            return self.model.tokenizer  # no copy (30–60 ms for MiniLM, on every encode_corpus call)
        tok = getattr(self._local, "tok", None)
        if tok is None:
            import copy

            tok = self._local.tok = copy.deepcopy(self.model.tokenizer)
        return tok

    def prepare(self, texts: list[str]) -> _Prepared:
        """Tokenize a window, sort it by token count and cut it into batches, packed or padded (worker thread)."""
        from .model import Features
        from .packed import pack_token_lists

        torch = self._torch
        rows, truncated = self.model.token_ids(texts, self.max_length, tokenizer=self._tokenizer())
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
                 precision: str = "auto", side: str = "passages", normalize: bool = True) -> np.ndarray:
    """Embed an in-memory list of passages (or joint-mode query texts) with the encode pipeline.

    This is the code behind ``InfEmbed.encode_corpus`` / ``encode_queries`` (joint mode) too; truncated
    texts are added to ``model.truncated[side]``.

    Args:
        model: an :class:`~infembed.model.InfEmbed` (on any device; bf16 autocast on CUDA).
        texts: ``n`` passage strings (``side="queries"``: texts from ``model.format_query``).
        batch_size: passages per forward pass.
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
                   packed=packed, precision=precision, side=side, normalize=normalize)
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
            ``RANK``/``WORLD_SIZE``, or a Slurm array's ``SLURM_ARRAY_TASK_ID``/``SLURM_ARRAY_TASK_COUNT``,
            else 0 and 1).
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
    run = ShardRun(out, head, shard_id, num_shards)

    # ---- 1. what is already there: refuse a mismatch, keep intact shards
    if overwrite:
        run.clear()
    resumed = run.resume()  # {shard: manifest entry}
    enc = _Encoder(model, batch_size=batch_size, max_length=max_length, num_workers=num_workers,
                   packed=packed, precision=precision)

    # ---- 2. reader thread: number the passages, cut shards and windows, check ids
    window = window_batches * batch_size
    stats = CorpusStats()

    def duplicate(line: int, earlier: int) -> None:
        a, b = beir_record_at(corpus, earlier), beir_record_at(corpus, line)
        if a is not None and b is not None and a.id == b.id:
            raise DataError(f"{corpus}:{line}: duplicate passage id {b.id!r} (first seen at line {earlier})")

    def events() -> Iterator[object]:
        seen = SeenIds()
        ids: list[str] = []  # of shard k, when it is this run's
        texts: list[str] = []  # of the window being filled
        k = count = empty = start = 0  # shard, passages in it, empty ones, first row of the window
        for rec in iter_beir_corpus(corpus, skip_invalid=skip_invalid, stats=stats):
            if (earlier := seen.add(rec.id, rec.line)) is not None:
                duplicate(rec.line, earlier)
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
    total = count_records(corpus) if show_progress_bar else None
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
                entry = write_shard(out, ev.shard, ev.ids, buf[:ev.count])
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
    if end.passages == 0:
        raise DataError(f"{corpus}: no valid passages" + (f" ({stats.skipped_invalid} invalid records skipped)"
                                                          if stats.skipped_invalid else ""))
    run.write_manifest(entries, complete=True, num_shards_total=num_shards_total, passages=end.passages,
                       skipped_invalid=end.skipped_invalid)
    complete = run.merge()
    seconds = time.perf_counter() - t0
    st = manifest_stats(list(entries.values()), end.passages, end.skipped_invalid)
    if stats.skipped_invalid:
        log.warning("%s: skipped %d invalid records, e.g. %s", corpus, stats.skipped_invalid, stats.errors[0][1])
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
