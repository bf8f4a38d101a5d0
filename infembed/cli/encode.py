"""``infembed encode``: stream a BEIR corpus into embedding shards (sharded, resumable)."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("encode")
    def encode(
        model: str = typer.Option(..., "--model", help="infembed model dir, or an embedded name such as 'minilm'"),
        corpus: Path = typer.Option(..., "--corpus", help="BEIR corpus.jsonl ({_id,title,text}) or .parquet"),
        out: Path = typer.Option(..., "--out", help="shard directory (manifest.json + shard-NNNNN.npy/.ids)"),
        batch_size: int = typer.Option(64, "--batch-size", help="passages per forward pass"),
        max_length: int = typer.Option(None, "--max-length", help="tokens per passage [model's passage_max_length]"),
        dtype: str = typer.Option("fp16", "--dtype", help="stored dtype: fp16 or fp32"),
        shard_size: int = typer.Option(50_000, "--shard-size", help="passages per shard"),
        shard_id: int = typer.Option(None, "--shard-id", help="this run's index i: encodes shards k with k % n == i "
                                                              "[Slurm array task id, else torchrun RANK, else 0]"),
        num_shards: int = typer.Option(None, "--num-shards", help="number n of runs splitting the corpus "
                                                                  "[Slurm array task count, else torchrun WORLD_SIZE, else 1]"),
        overwrite: bool = typer.Option(False, "--overwrite", help="replace another run's output in --out"),
        skip_invalid: bool = typer.Option(False, "--skip-invalid", help="skip (and count) malformed records"),
        device: str = typer.Option("auto", "--device", help="auto (cuda:LOCAL_RANK when available), cpu, cuda:N"),
        num_workers: int = typer.Option(None, "--num-workers", help="tokenizer threads [1 on CPU, cores-1 on GPU]"),
        progress: bool = typer.Option(True, "--progress/--no-progress", help="show a progress bar"),
        precision: str = typer.Option("auto", "--precision", help="compute precision: auto (bf16 autocast on "
                                      "CUDA, fp32 on CPU), fp32, or bf16 (also on CPU: about 2x faster where "
                                      "the CPU has AMX, e.g. Xeon Sapphire Rapids; cosine >= 0.9999 to fp32)"),
    ) -> None:
        """Embed every passage of a corpus into fp16/fp32 shards with a manifest.

        Rerunning the same command after a crash resumes from the last complete shard. Split a
        corpus across machines with --shard-id/--num-shards (or torchrun): every run writes its own
        shards into the same --out and the last one to finish writes manifest.json.
        """


        from ..distributed import resolve_device
        from ..embed import encode_corpus_to_shards
        from ..model import InfEmbed
        from .errors import prepare_output

        device = resolve_device(device)
        if not corpus.is_file():
            raise FileNotFoundError(2, "no such corpus file", str(corpus))
        prepare_output(out, directory=True)  # a bad --out fails now, not after the first shard
        net = InfEmbed.from_pretrained(model).to(device)
        summary = encode_corpus_to_shards(
            net, corpus, out, batch_size=batch_size, max_length=max_length, dtype=dtype,
            shard_size=shard_size, shard_id=shard_id, num_shards=num_shards, overwrite=overwrite,
            skip_invalid=skip_invalid, show_progress_bar=progress, num_workers=num_workers,
            precision=precision,
        )
        s = summary
        typer.echo(
            f"encoded {s['encoded']:,} passages ({s['resumed']:,} kept from an earlier run) of {s['passages']:,} "
            f"in {s['seconds']:.1f} s: {s['passages_per_s']:,.0f} passages/s, {s['tokens_per_s']:,.0f} tokens/s; "
            f"skipped {s['skipped_invalid']} invalid, {s['empty']} empty, {s['truncated']} truncated; "
            + ("manifest complete" if s["complete"] else "waiting for the other --shard-id runs to finish")
        )
        typer.echo(json.dumps(summary, sort_keys=True))
