"""``infembed quickstart``: the main job end to end on the embedded defaults."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def quickstart(
        out: str = typer.Option("quickstart-out", help="Where every artefact goes (model, shards, indexes, runs, metrics.json)."),
        mode: str = typer.Option("joint", help="Query mode to train: joint or iq_attention."),
        loss: str = typer.Option("multi:P+I+IQ", help="Loss variant (see `infembed train --help`)."),
        epochs: float = typer.Option(3.0, help="Passes over the demo training rows."),
        steps: int = typer.Option(0, help="Optimizer steps (0 = from --epochs); a small number gives a quick smoke run."),
        batch_size: int = typer.Option(32, help="InF-IR rows per step (3 pairs each)."),
        mini_batch_size: int = typer.Option(48, help="Texts per forward pass in the gradient cache."),
        lr: float = typer.Option(1e-4, help="Peak learning rate."),
        train_rows: int = typer.Option(0, help="Use only the first N demo rows (0 = all)."),
        device: str = typer.Option("", help="cpu or cuda (default: the GPU when there is one)."),
    ) -> None:
        """Measure all-MiniLM-L6-v2 on the demo FollowIR-style set, train InF-Embed on the demo
        InF-IR rows, encode → index → search → evaluate again, and print a before/after table with BM25.

        Takes about 5-10 minutes on 2 CPU cores; under a minute on a GPU.
        """
        from infembed.quickstart import QuickstartConfig, run_quickstart

        cfg = QuickstartConfig(out=out, mode=mode, loss=loss, epochs=epochs, steps=steps, batch_size=batch_size,
                               mini_batch_size=mini_batch_size, lr=lr, train_rows=train_rows, device=device)
        try:
            run_quickstart(cfg, echo=typer.echo)
        except ValueError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
