"""Encoding a corpus on a Ray cluster: ``ray.data.read_json(...).map_batches(EncodeActor, ...)`` into the
shard directory ``infembed encode`` writes, bitwise.

The pipeline (:func:`encode_corpus_with_ray`, also ``infembed encode --engine ray``)::

    ray.data.read_json(corpus)                          Ray's reader (pyarrow), any number of read tasks
      .map_batches(passages_batch)                      infembed's record rules (id, text, title joined)
      .repartition(target_num_rows_per_block=S,         blocks of exactly S = shard_size rows, in order:
                   strict=True)                         one block = one shard of a single `infembed encode`
      .map_batches(EncodeActor, batch_size=None,        one model per actor (GPU: num_gpus=1 each);
                   compute=ActorPoolStrategy(size=A))   one call = one shard, windowed as encode does
    driver: iter_batches in order ──▶ shard k = rows [k·S, (k+1)·S) ──▶ write_shard + ShardRun manifest

Why the driver writes the shards, and each call is a whole shard: an embedding depends on the batch
it was computed in (GEMM shapes, padding), not only on its text, so bitwise equality with
``infembed encode`` needs the same batches — the same windows of ``window_batches · batch_size``
passages from each shard's first row. Ray's own ``batch_size`` cuts batches per bundle of blocks,
not at global row offsets, and no Ray task knows the global row number of its rows; an exact
``shard_size``-row repartition (in order, ``preserve_order``) makes every actor call one whole shard,
which :func:`~infembed.embed.encode_shard` then windows exactly as the encode driver does. The driver
numbers the shards as the ordered results come back and checks that each one was one call of the
right size (so a Ray version that cuts blocks differently fails loudly instead of writing other
bits). It then writes shards and manifest with the same :func:`~infembed.shards.write_shard` and
:class:`~infembed.shards.ShardRun` as ``infembed encode``; ``infembed index build`` reads the result
like any shard directory. What Ray buys: many GPUs on many machines behind one call, parsing and
validation spread over the cluster, and actors restarted by Ray when a node dies. What it costs: every
embedding travels to the driver (``d · 2`` bytes a passage in fp16, written once there), and the
driver loads the model once for its fingerprint.

Why a verb option as well as a function: ``infembed encode --engine ray`` keeps one verb and one output
format for every way of encoding (the next verb, ``index build``, cannot tell them apart), and
:func:`encode_corpus_with_ray` serves a Python driver that builds its own dataset (``dataset=``, e.g.
``ray.data.read_parquet``). The Slurm/torchrun split of ``infembed encode`` needs no Ray at all and
resumes; Ray is for a cluster that already runs it.

Differences from ``infembed encode``:

* the JSON is parsed by pyarrow. Valid corpora read the same; a line that is not JSON fails the
  Ray read (no ``skip_invalid``), and a record that breaks infembed's rules is reported with its
  ``file:line`` by re-reading the file with :func:`infembed.data.iter_beir_corpus` on the driver;
* duplicate ids are found on the driver as the results stream in (named with both lines);
* no resume: a rerun encodes every shard again (bitwise the same); a directory written with another
  model or other settings is refused as by ``infembed encode``;
* the driver loads the model once on its CPU, for the fingerprint and dimension the manifest records;
  every actor checks that it loaded the same model (same fingerprint);
* on CPU actors torch runs on the actor's ``num_cpus`` threads (Ray sets ``OMP_NUM_THREADS``); CPU
  matrix products round differently with another thread count, so "bitwise" there means against an
  ``infembed encode`` with as many threads. On GPUs the CPU threads play no part.

Needs ``pip install 'infembed[ray]'`` (``ray[data]`` with ``repartition(..., strict=True)``).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np

from .data import DataError, SeenIds, beir_passage, iter_beir_corpus
from .embed import (
    DTYPES,
    _Encoder,
    duplicate_lines_error,
    encode_shard,
    manifest_head,
    resolve_precision,
)
from .io import exists, is_dir, is_file, is_remote, join, makedirs, read_bytes
from .shards import ShardRun, manifest_stats, write_shard

log = logging.getLogger(__name__)


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:
        raise ImportError("the Ray engine needs ray[data]: pip install 'infembed[ray]'") from e
    return ray


def passages_batch(batch, source: str = "corpus"):
    """One Ray batch of raw BEIR records (``pyarrow.Table``) → ``{"_id", "text"}`` by infembed's rules
    (:func:`infembed.data.beir_passage`: id rule, string text, title joined). Raises
    :class:`~infembed.data.DataError` on a bad record (the driver then names its line)."""
    import pyarrow as pa

    ids, texts = [], []
    for rec in batch.to_pylist():
        pid, text = beir_passage(rec, f"{source} (a record read by Ray)")
        ids.append(pid)
        texts.append(text)
    return pa.table({"_id": pa.array(ids, pa.string()), "text": pa.array(texts, pa.string())})


class EncodeActor:
    """A Ray Data callable class: one infembed model per actor, loaded in ``__init__``; each call
    embeds one whole shard (``{"_id", "text"}`` numpy columns of ``n`` rows) with
    :func:`~infembed.embed.encode_shard`.

    Returns per row: ``_id``, ``embedding`` (``[n, d]`` of ``dtype``), ``empty`` (bool), ``pos`` (row in
    the call) and ``rows`` (``n``); the call's ``tokens`` and ``truncated`` counts sit on its first row
    (zeros elsewhere), so sums over rows are totals.

    Args:
        model: an infembed model directory or embedded name (every actor loads its own copy).
        fingerprint: the model fingerprint the driver recorded; a different model is refused.
        device: ``None`` = ``cuda`` when Ray gave the actor a GPU (``num_gpus``), else ``cpu``.
        batch_size, max_length, window_batches, precision, packed, dtype, num_workers: as
            :func:`~infembed.embed.encode_corpus_to_shards`.

    Example:
        >>> ds.map_batches(EncodeActor, fn_constructor_kwargs={"model": "minilm"}, batch_size=None,
        ...                compute=ray.data.ActorPoolStrategy(size=2), num_gpus=1)   # doctest: +SKIP
    """

    def __init__(self, model: str, *, batch_size: int = 64, max_length: int | None = None,
                 window_batches: int = 64, precision: str = "auto", packed: bool | None = None,
                 dtype: str = "float16", num_workers: int | None = None, device: str | None = None,
                 fingerprint: str | None = None, model_settings: dict | None = None) -> None:
        import torch

        from .model import InfEmbed

        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = InfEmbed.from_pretrained(model, **(model_settings or {})).to(device)
        self.model.eval()
        if fingerprint is not None and self.model.fingerprint() != fingerprint:
            raise ValueError(f"{model}: this Ray worker loaded a different model (fingerprint "
                             f"{self.model.fingerprint()[:12]}…, the driver's is {fingerprint[:12]}…); make the "
                             "same model directory available on every node")
        self.dtype = DTYPES[dtype]
        self.window = window_batches * batch_size
        self.enc = _Encoder(self.model, batch_size=batch_size, max_length=max_length, num_workers=num_workers,
                            packed=packed, precision=precision)

    def __call__(self, batch: dict) -> dict:
        texts = [str(t) for t in batch["text"]]
        n = len(texts)
        emb, tokens, truncated = encode_shard(self.enc, texts, window=self.window, dtype=self.dtype)
        counts = np.zeros((2, n), np.int64)
        if n:
            counts[:, 0] = tokens, truncated
        return {"_id": np.asarray(batch["_id"], dtype=object), "embedding": emb,
                "empty": np.array([not t.strip() for t in texts], dtype=bool),
                "pos": np.arange(n, dtype=np.int64), "rows": np.full(n, n, dtype=np.int64),
                "tokens": counts[0], "truncated": counts[1]}


def _exact_blocks(ds, rows: int):
    """``ds`` cut into blocks of exactly ``rows`` rows (the last may be short), in order."""
    import inspect

    if "strict" in inspect.signature(ds.repartition).parameters:
        return ds.repartition(target_num_rows_per_block=rows, strict=True)
    return ds.repartition(target_num_rows_per_block=rows)  # exact in the Ray releases before `strict`


def encode_corpus_with_ray(model: str | os.PathLike, corpus: str | os.PathLike, out_dir: str | os.PathLike, *,
                           dataset=None, batch_size: int = 64, max_length: int | None = None,
                           dtype: str = "float16", shard_size: int = 50_000, window_batches: int = 64,
                           precision: str = "auto", packed: bool | None = None, num_actors: int | None = None,
                           num_gpus: float | None = None, num_cpus: float | None = None,
                           num_workers: int | None = None,
                           overwrite: bool = False, show_progress_bar: bool = False,
                           model_settings: dict | None = None) -> dict:
    """Encode a corpus with Ray Data into the shard directory of ``infembed encode`` (see the module doc).

    Uses the running Ray instance, else ``ray.init()`` (which joins the cluster named by
    ``RAY_ADDRESS``, or starts a local one).

    Args:
        model: an infembed model directory or embedded name (loaded by every actor, and once on the
            driver's CPU for the manifest's fingerprint).
        corpus: the BEIR ``corpus.jsonl`` (local or a URL pyarrow/fsspec can read on every node);
            recorded in the manifest like ``infembed encode`` does.
        out_dir: the shard directory (local, or an fsspec URL; written by the driver).
        dataset: a Ray Dataset of raw records (``_id``, ``text``, ``title``) in corpus order to use
            instead of ``ray.data.read_json(corpus)``.
        num_actors: encoder actors (default: one per GPU of the cluster, else 1).
        model_settings: ``InfEmbed.from_pretrained`` overrides (``pooling``, ``mode``,
            ``query_template``) applied on the driver and in every actor.
        num_gpus: GPUs per actor (default 1 when the cluster has GPUs, else 0: CPU actors).
        num_cpus: CPUs per actor (Ray's default 1). Ray sets ``OMP_NUM_THREADS`` to it, so a CPU actor
            runs torch on that many threads. CPU matrix products round differently with another
            thread count: on CPU, the shards are bitwise ``infembed encode``'s when that ran with as
            many threads (``torch.set_num_threads``); on GPUs the CPU threads play no part.
        batch_size, max_length, dtype, shard_size, window_batches, precision, packed, num_workers:
            as :func:`~infembed.embed.encode_corpus_to_shards`; with the same values (and the same
            device type) the shards and ``manifest.json`` are bitwise those of ``infembed encode``.

    Returns:
        A summary dict like :func:`~infembed.embed.encode_corpus_to_shards`'s (``engine="ray"``).

    Raises:
        DataError: a bad record (``file:line``), a duplicate id (both lines), an empty corpus.
        ValueError: bad arguments, or ``out_dir`` holds another model's / settings' shards.

    Example:
        >>> encode_corpus_with_ray("minilm", "corpus.jsonl", "shards/", num_actors=4)   # doctest: +SKIP
        {'passages': 8841823, 'shards_written': 177, 'complete': True, ...}
    """
    ray = _ray()
    from tqdm.auto import tqdm

    from .model import InfEmbed

    if not isinstance(model, (str, os.PathLike)):
        raise TypeError("model: pass the model's directory or embedded name (each Ray actor loads its own "
                        f"copy), not a {type(model).__name__}")
    corpus = corpus if is_remote(corpus) else Path(corpus)
    out = out_dir if is_remote(out_dir) else Path(out_dir)
    if dtype not in DTYPES:
        raise ValueError(f"dtype={dtype!r}: choose 'float16' (fp16) or 'float32' (fp32)")
    dtype = DTYPES[dtype]
    for name, value in (("shard_size", shard_size), ("window_batches", window_batches), ("batch_size", batch_size)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name}={value!r}: must be an integer ≥ 1")
    if num_actors is not None and (not isinstance(num_actors, int) or num_actors < 1):
        raise ValueError(f"num_actors={num_actors!r}: must be an integer ≥ 1")
    if not is_file(corpus):
        raise DataError(f"{corpus}: no such corpus file (pass a BEIR corpus.jsonl)")
    if exists(out) and not is_dir(out):
        raise ValueError(f"out_dir={str(out)!r} exists and is not a directory")
    if not ray.is_initialized():
        ray.init()
    if num_gpus is None:
        num_gpus = 1 if ray.cluster_resources().get("GPU", 0) >= 1 else 0
    if num_actors is None:
        num_actors = max(1, int(ray.cluster_resources().get("GPU", 0) // num_gpus)) if num_gpus else 1

    model_settings = dict(model_settings or {})  # --pooling/--mode/--query-template, as every actor loads it
    net = InfEmbed.from_pretrained(model, **model_settings)  # on the driver's CPU: fingerprint, dim, default max_length
    max_length = net.config.passage_max_length if max_length is None else max_length
    if not isinstance(max_length, int) or max_length < 2:
        raise ValueError(f"max_length={max_length!r}: must be an integer ≥ 2 (tokens per passage)")
    head = manifest_head(net, corpus, dtype=dtype, max_length=max_length, shard_size=shard_size, num_shards=1,
                         skip_invalid=False, precision=resolve_precision(precision, "cuda" if num_gpus else "cpu"))
    makedirs(out)
    run = ShardRun(out, head)
    if overwrite:
        run.clear()
    run.resume()  # refuses another model's / settings' directory (kept shards are encoded again)

    ds = dataset if dataset is not None else ray.data.read_json(str(corpus))
    ds = ds.map_batches(passages_batch, batch_format="pyarrow", fn_kwargs={"source": str(corpus)})
    ds = _exact_blocks(ds, shard_size)
    ds = ds.map_batches(
        EncodeActor, batch_size=None, batch_format="numpy", compute=ray.data.ActorPoolStrategy(size=num_actors),
        num_gpus=num_gpus, **({"num_cpus": num_cpus} if num_cpus is not None else {}),
        fn_constructor_kwargs=dict(model=str(model), batch_size=batch_size, max_length=max_length,
                                   window_batches=window_batches, precision=precision, packed=packed, dtype=dtype,
                                   num_workers=num_workers, fingerprint=net.fingerprint(),
                                   model_settings=model_settings,
                                   device="cuda" if num_gpus else "cpu"),
    )
    options = ds.context.execution_options
    saved_order, options.preserve_order = options.preserve_order, True  # results in corpus order

    entries: dict[int, dict] = {}
    seen = SeenIds()
    ids: list[str] = []  # of the shard being assembled
    parts: list[np.ndarray] = []  # its embedding rows
    pos_rows: list[np.ndarray] = []  # (pos, rows) per row: each shard must be one whole actor call
    empty = truncated = total_tokens = row = 0
    t0 = time.perf_counter()
    bar = tqdm(unit="passage", disable=not show_progress_bar, desc="encode (ray)", dynamic_ncols=True)

    def id_at(r: int) -> str:
        k, i = divmod(r, shard_size)
        if k in entries:
            return read_bytes(join(out, f"{entries[k]['name']}.ids")).decode().split("\n")[i]
        return ids[i]

    def duplicate(r: int, earlier: int) -> None:
        pid = id_at(r)
        if id_at(earlier) != pid:
            return  # a hash collision
        if dataset is None and (error := duplicate_lines_error(corpus, pid)) is not None:
            raise error
        raise DataError(f"{corpus}: duplicate passage id {pid!r} (rows {earlier + 1} and {r + 1} of the dataset)")

    def finish_shard() -> None:
        nonlocal ids, parts, pos_rows, empty, truncated
        k, n = len(entries), len(ids)
        pr = np.concatenate(pos_rows, axis=1)  # [2, n]
        if not (np.array_equal(pr[0], np.arange(n)) and (pr[1] == n).all()):
            raise RuntimeError(f"Ray did not hand shard {k} ({n} rows) to one actor call: this Ray version's "
                               "repartition(target_num_rows_per_block=..., strict=True) does not cut exact blocks "
                               f"(upgrade ray[data]); nothing of shard {k} was written")
        for r, earlier in seen.check():
            duplicate(r, earlier)
        entry = write_shard(out, k, ids, np.concatenate(parts, axis=0), name=run.name(k))
        entry.update(empty=empty, truncated=truncated)
        entries[k] = entry
        run.write_manifest(entries, complete=False)
        ids, parts, pos_rows, empty, truncated = [], [], [], 0, 0

    try:
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=2):
            i = 0
            while i < len(batch["_id"]):  # a result block may straddle a shard end: cut it there
                take = min(len(batch["_id"]) - i, shard_size - len(ids))
                sl = slice(i, i + take)
                for pid in batch["_id"][sl]:
                    ids.append(str(pid))
                    if (earlier := seen.add(ids[-1], row)) is not None:
                        duplicate(row, earlier)
                    row += 1
                parts.append(np.asarray(batch["embedding"][sl]))
                pos_rows.append(np.stack([batch["pos"][sl], batch["rows"][sl]]))
                empty += int(batch["empty"][sl].sum())
                total_tokens += int(batch["tokens"][sl].sum())
                truncated += int(batch["truncated"][sl].sum())
                i += take
                bar.update(take)
                if len(ids) == shard_size:
                    finish_shard()
        if ids:
            finish_shard()
    except Exception as e:
        if type(e) is DataError:  # the driver's own (a duplicate id): already names the lines
            raise
        # A record that breaks infembed's rules fails inside Ray without a line number: name it from
        # the file (the one reader's message), else pass Ray's error on.
        if dataset is None and _is_data_error(e):
            for _ in iter_beir_corpus(corpus):
                pass
        raise
    finally:
        options.preserve_order = saved_order
        bar.close()

    if row == 0:
        raise DataError(f"{corpus}: no valid passages")
    run.write_manifest(entries, complete=True, num_shards_total=len(entries), passages=row, skipped_invalid=0)
    seconds = time.perf_counter() - t0
    st = manifest_stats(list(entries.values()), row, 0)
    return {
        "out_dir": str(out), "engine": "ray", "passages": row, "encoded": row, "resumed": 0,
        "shards_written": len(entries), "shards_resumed": 0, "num_shards_total": len(entries),
        "shard_id": 0, "num_shards": 1, "split": "single", "skipped_invalid": 0, "empty": st["empty"],
        "truncated": st["truncated"], "tokens": total_tokens, "seconds": seconds,
        "passages_per_s": row / seconds if seconds > 0 else 0.0,
        "tokens_per_s": total_tokens / seconds if seconds > 0 else 0.0, "complete": True,
        "num_actors": num_actors, "num_gpus_per_actor": num_gpus,
    }


def _is_data_error(e: BaseException) -> bool:
    """Whether a Ray error wraps an infembed DataError (a bad record) somewhere in its causes."""
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, DataError) or "DataError" in type(e).__name__ or "DataError" in str(e):
            return True
        e = e.__cause__ or e.__context__
    return False


__all__ = ["EncodeActor", "encode_corpus_with_ray", "passages_batch"]
