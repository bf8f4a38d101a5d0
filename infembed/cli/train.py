"""``infembed train``: contrastive training of InF-Embed on InF-IR rows."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def train(
        data: str = typer.Option(..., help="InF-IR rows: .jsonl, .parquet, or a Hugging Face dataset name[:split] / saved dir."),
        model: str = typer.Option("minilm", help="Starting point: an embedded name (minilm, smollm2), a transformers model, or an infembed model dir."),
        out: str = typer.Option(..., help="Output dir: the final model, metrics.jsonl and checkpoints/."),
        mode: str = typer.Option("joint", help="Query mode: joint ('{query} {instruction}' through the backbone) or iq_attention."),
        loss: str = typer.Option("P", help="Loss variant: P, IQ, I, uni:P+IQ, uni:P+I, uni:I+IQ, uni:P+I+IQ, multi:P+IQ, multi:P+I, multi:I+IQ, multi:P+I+IQ."),
        batch_size: int = typer.Option(32, help="InF-IR rows per optimizer step (global, over all GPUs); each row gives 3 pairs."),
        mini_batch_size: int = typer.Option(64, help="Texts per forward pass with gradient caching (0 = no caching: one graph for the batch)."),
        steps: int = typer.Option(0, help="Optimizer steps (0 = derive from --epochs)."),
        epochs: float = typer.Option(1.0, help="Passes over the data when --steps is 0."),
        lr: float = typer.Option(2e-5, help="Peak learning rate (AdamW, linear warmup then linear decay)."),
        warmup_steps: int = typer.Option(-1, help="Warmup steps (-1 = 10% of the steps)."),
        temperature: float = typer.Option(0.05, help="Contrastive temperature τ (scores are cosine/τ)."),
        instruction_negatives: int = typer.Option(3, help="K-1 other-row instructions per pair for losses with the ℓ_I term."),
        save_every: int = typer.Option(0, help="Checkpoint every N steps (0 = only at the end). SIGINT/SIGTERM also checkpoint."),
        resume: bool = typer.Option(False, help="Continue from OUT/checkpoints/latest exactly where it stopped."),
        seed: int = typer.Option(42, help="Seed for shuffling, dropout and negative sampling."),
        query_max_length: int = typer.Option(128, help="Token limit for (query, instruction) texts; longer ones are truncated and counted."),
        passage_max_length: int = typer.Option(256, help="Token limit for passages."),
        gradient_checkpointing: bool = typer.Option(False, help="Recompute backbone activations in backward (large backbones)."),
        skip_invalid: bool = typer.Option(False, help="Skip malformed data rows (reported) instead of failing."),
        device: str = typer.Option("", help="cpu, cuda, cuda:1 … (default: the GPU of this rank when present)."),
        stop_after: int = typer.Option(0, hidden=True, help="Testing aid: checkpoint and stop after N steps of this process."),
    ) -> None:
        """Train InF-Embed with gradient caching; multi-GPU with `torchrun --nproc_per_node N $(which infembed) train ...`.

        Example:  infembed train --data rows.jsonl --out runs/m --batch-size 64 --mini-batch-size 96 --steps 200
        """
        import json

        from infembed.train import TrainConfig, Trainer, init_distributed_from_env

        from .errors import prepare_output

        prepare_output(out, directory=True)
        init_distributed_from_env()
        cfg = TrainConfig(data=data, model=model, out=out, mode=mode, loss=loss, batch_size=batch_size,
                          mini_batch_size=mini_batch_size, steps=steps, epochs=epochs, lr=lr,
                          warmup_steps=warmup_steps, temperature=temperature,
                          instruction_negatives=instruction_negatives, save_every=save_every, resume=resume,
                          seed=seed, query_max_length=query_max_length, passage_max_length=passage_max_length,
                          gradient_checkpointing=gradient_checkpointing, skip_invalid=skip_invalid,
                          device=device, stop_after=stop_after)
        summary = Trainer(cfg).fit()
        from infembed import distributed

        if distributed.rank() == 0:
            typer.echo(json.dumps(summary, indent=2))
        if summary["interrupted"]:
            typer.echo(f"stopped early; continue with the same command plus --resume ({summary['checkpoint']})", err=True)
            raise typer.Exit(130)
