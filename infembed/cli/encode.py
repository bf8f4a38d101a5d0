"""``infembed encode``: stream a BEIR corpus into embedding shards (sharded, resumable; local or Ray)."""

from __future__ import annotations

import json

import typer

from .model_options import mode_option, model_overrides, pooling_option, query_template_option

ENGINES = ("local", "ray")


def register(app: typer.Typer) -> None:
    @app.command("encode")
    def encode(
        model: str = typer.Option(..., "--model", help="infembed model dir, or an embedded name such as 'minilm'"),
        corpus: str = typer.Option(..., "--corpus", help="BEIR corpus.jsonl ({_id,title,text}), .jsonl.gz or "
                                   ".parquet; a local path or an fsspec URL (s3://, gs://, hf://, ...)"),
        out: str = typer.Option(..., "--out", help="shard directory (manifest.json + shard-*.npy/.ids): a local "
                                "folder or an fsspec URL (each file written as one object). `infembed index "
                                "build` reads local folders only: copy remote shards down first"),
        batch_size: int = typer.Option(64, "--batch-size", help="passages per forward pass"),
        max_length: int = typer.Option(None, "--max-length", help="tokens per passage [model's passage_max_length]"),
        dtype: str = typer.Option("fp16", "--dtype", help="stored dtype: fp16 or fp32"),
        shard_size: int = typer.Option(50_000, "--shard-size", help="passages per shard"),
        shard_id: int = typer.Option(None, "--shard-id", help="this run's index i: reads and encodes the i-th of n "
                                     "byte ranges of a JSONL file (row-group ranges of parquet; every n-th shard "
                                     "of a .gz) [Slurm array task id, else torchrun RANK, else 0]"),
        num_shards: int = typer.Option(None, "--num-shards", help="number n of runs splitting the corpus "
                                       "[Slurm array task count, else torchrun WORLD_SIZE, else 1]"),
        split: str = typer.Option("auto", "--split", help="how --num-shards runs share the corpus: auto (each "
                                  "reads only its byte range: JSONL, parquet; a .gz falls back to round-robin) "
                                  "or round-robin (each reads the whole file and encodes every n-th shard: "
                                  "bitwise the output of one run)"),
        overwrite: bool = typer.Option(False, "--overwrite", help="replace another run's output in --out"),
        skip_invalid: bool = typer.Option(False, "--skip-invalid", help="skip (and count) malformed records"),
        device: str = typer.Option("auto", "--device", help="auto (cuda:LOCAL_RANK when available), cpu, cuda:N; "
                                   "--engine ray: auto (GPU actors when the cluster has GPUs) or cpu"),
        num_workers: int = typer.Option(None, "--num-workers", help="tokenizer threads [1 on CPU, cores-1 on GPU]"),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="show a progress bar"),
        precision: str = typer.Option("auto", "--precision", help="compute precision: auto (bf16 autocast on "
                                      "CUDA, fp32 on CPU), fp32, or bf16 (also on CPU: about 2x faster where "
                                      "the CPU has AMX, e.g. Xeon Sapphire Rapids; cosine >= 0.9999 to fp32)"),
        engine: str = typer.Option("local", "--engine", help="local: this process (split a corpus across "
                                   "machines with --shard-id/--num-shards); ray: Ray Data actors on the cluster "
                                   "named by RAY_ADDRESS, else a local Ray; same shards bitwise "
                                   "(pip install 'infembed[ray]')"),
        ray_actors: int = typer.Option(None, "--ray-actors", help="--engine ray: encoder actors, one model each "
                                       "[one per GPU of the cluster, else 1]"),
        pooling: str = pooling_option(),
        mode: str = mode_option(),
        query_template: str = query_template_option(),
    ) -> None:
        """Embed every passage of a corpus into fp16/fp32 shards with a manifest.

        Rerunning the same command after a crash resumes from the last complete shard. Split a
        corpus across machines with --shard-id/--num-shards (or a Slurm array, or torchrun): each run
        reads only its part of the file and writes its own shards into the same --out; the last one
        to finish checks ids across parts and writes manifest.json. --engine ray runs the encoders as
        Ray Data actors instead (no resume).
        """
        from pathlib import Path

        from ..io import filesystem, is_file, is_remote
        from .errors import prepare_output

        settings = model_overrides(pooling=pooling, mode=mode, query_template=query_template)
        if split not in ("auto", "round-robin"):
            raise ValueError(f"--split {split!r}: choose auto or round-robin")
        if engine not in ENGINES:
            raise ValueError(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}")
        if is_remote(corpus):
            filesystem(corpus)  # an unknown protocol or a missing backend is named now
            if not is_file(corpus):
                raise FileNotFoundError(2, "no such corpus file", corpus)
        elif not Path(corpus).is_file():
            raise FileNotFoundError(2, "no such corpus file", corpus)
        if is_remote(out):
            filesystem(out)
        else:
            prepare_output(Path(out), directory=True)  # a bad --out fails now, not after the first shard
        if engine == "ray":
            summary = _encode_with_ray(model, corpus, out, batch_size=batch_size, max_length=max_length,
                                       dtype=dtype, shard_size=shard_size, shard_id=shard_id, num_shards=num_shards,
                                       overwrite=overwrite, skip_invalid=skip_invalid, device=device,
                                       num_workers=num_workers, progress=progress, precision=precision,
                                       ray_actors=ray_actors, model_settings=settings)
        else:
            if ray_actors is not None:
                raise ValueError("--ray-actors needs --engine ray")
            from ..distributed import resolve_device
            from ..embed import encode_corpus_to_shards
            from ..model import InfEmbed

            net = InfEmbed.from_pretrained(model, **settings).to(resolve_device(device))
            summary = encode_corpus_to_shards(
                net, corpus, out, batch_size=batch_size, max_length=max_length, dtype=dtype,
                shard_size=shard_size, shard_id=shard_id, num_shards=num_shards, overwrite=overwrite,
                skip_invalid=skip_invalid, show_progress_bar=progress, num_workers=num_workers,
                precision=precision, split=split,
            )
        s = summary
        typer.echo(
            f"encoded {s['encoded']:,} passages ({s['resumed']:,} kept from an earlier run) of {s['passages']:,} "
            f"in {s['seconds']:.1f} s: {s['passages_per_s']:,.0f} passages/s, {s['tokens_per_s']:,.0f} tokens/s; "
            f"skipped {s['skipped_invalid']} invalid, {s['empty']} empty, {s['truncated']} truncated; "
            + ("manifest complete" if s["complete"] else "waiting for the other --shard-id runs to finish")
        )
        typer.echo(json.dumps(summary, sort_keys=True))


def _encode_with_ray(model, corpus, out, *, shard_id, num_shards, skip_invalid, device, progress, ray_actors,
                     **kw) -> dict:
    if shard_id is not None or num_shards is not None:
        raise ValueError("--engine ray spreads the corpus over its actors itself: drop --shard-id/--num-shards")
    if skip_invalid:
        raise ValueError("--engine ray reads JSON with Ray's reader, which cannot skip malformed records: clean "
                         "the corpus, or use --engine local --skip-invalid")
    if device not in ("auto", "cpu"):
        raise ValueError(f"--device {device!r}: with --engine ray, Ray places the actors; choose auto (GPU actors "
                         "when the cluster has GPUs) or cpu")
    try:
        import ray  # noqa: F401

        from ..ray_encode import encode_corpus_with_ray
    except ImportError as e:
        raise ValueError("--engine ray needs ray[data]: pip install 'infembed[ray]'") from e
    return encode_corpus_with_ray(model, corpus, out, num_actors=ray_actors, num_gpus=0 if device == "cpu" else None,
                                  show_progress_bar=progress, **kw)
