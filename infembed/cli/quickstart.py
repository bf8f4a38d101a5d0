"""``infembed quickstart``: the main job end to end on the embedded defaults."""

from __future__ import annotations

from pathlib import Path

import typer

from infembed.quickstart import QuickstartConfig  # light: stdlib imports only

from .model_options import mode_option, model_overrides, pooling_option, query_template_option

_D = QuickstartConfig()  # one source for the defaults


def register(app: typer.Typer) -> None:
    @app.command()
    def quickstart(
        out: str = typer.Option(_D.out, help="Where every artefact goes (model, shards, indexes, runs, metrics.json)."),
        mode: str = mode_option(_D.mode, help="Query mode to train: joint or iq_attention."),
        pooling: str = pooling_option(),
        query_template: str = query_template_option(_D.query_template, help="How a joint model joins a query "
                                                    "and its instruction (base and trained model alike); must "
                                                    "contain {query}; a newline is \\n."),
        loss: str = typer.Option(_D.loss, help="Loss variant (see `infembed train --help`)."),
        epochs: float = typer.Option(_D.epochs, help="Passes over the demo training rows."),
        steps: int = typer.Option(_D.steps, help="Optimizer steps (0 = from --epochs); a small number gives a quick smoke run."),
        batch_size: int = typer.Option(_D.batch_size, help="InF-IR rows per step (3 pairs each)."),
        mini_batch_size: int = typer.Option(_D.mini_batch_size, help="Texts per forward pass in the gradient cache."),
        lr: float = typer.Option(_D.lr, help="Peak learning rate."),
        warmup_steps: int = typer.Option(_D.warmup_steps, help="Steps of linear lr warmup before the linear "
                                         "decay (-1 = 10% of the steps)."),
        layer_lr_decay: float = typer.Option(_D.layer_lr_decay, help="Layer-wise lr decay: each transformer layer "
                                             "trains at this factor times the lr of the one above (1 = none)."),
        attention_dropout: float = typer.Option(_D.attention_dropout, help="Dropout on the attention weights "
                                                "while training (-1 = the model's own, 0.1 for MiniLM); 0 keeps "
                                                "the CPU's fused attention kernel."),
        instruction_negatives: int = typer.Option(_D.instruction_negatives, help="K-1: in-batch instructions per "
                                                  "pair in the ℓ_I term (the row's poisoned instruction always "
                                                  "among them)."),
        batch_grouping: str = typer.Option(_D.batch_grouping, help="How rows meet in a batch: random, topic (one "
                                           "demo topic per batch, so in-batch negatives are on-topic) or cluster "
                                           "(k-means clusters of the base model's query embeddings)."),
        seed: int = typer.Option(_D.seed, help="Seed for shuffling, dropout and negative sampling."),
        train_rows: int = typer.Option(_D.train_rows, help="Use only the first N demo rows (0 = all)."),
        device: str = typer.Option(_D.device, help="cpu or cuda (default: the GPU when there is one)."),
        precision: str = typer.Option(_D.precision, help="Training precision: auto (bf16 autocast on CUDA and on "
                                      "CPUs with AMX or AVX512-BF16, fp32 elsewhere), fp32 or bf16."),
        fast_cpu_ops: bool = typer.Option(_D.fast_cpu_ops, help="On the CPU, train with infembed's cheaper dropout "
                                          "mask and bf16 attention backward (see infembed train --help); off "
                                          "gives PyTorch's own ops, other random masks."),
        extra_eval: list[Path] = typer.Option([], "--extra-eval", help="Another FollowIR-layout set to score "
                                              "before and after training (repeatable), e.g. the real-query set "
                                              "built by bench/msmarco_instruct/prepare.py."),
    ) -> None:
        """Measure all-MiniLM-L6-v2 on the demo FollowIR-style set, train InF-Embed on the demo
        InF-IR rows, encode → index → search → evaluate again, and print a before/after table with BM25
        and each metric's per-query change with a 95% paired bootstrap interval over queries.

        About 6 minutes on 2 cores of a Zen 4 EPYC, less with AMX (both train in bf16 autocast); CPUs
        without bf16 arithmetic train in fp32, 1.6–2× slower per step.
        """
        from infembed.quickstart import run_quickstart

        from .errors import prepare_output

        options = model_overrides(pooling=pooling, mode=mode, query_template=query_template)
        prepare_output(out, directory=True)
        cfg = QuickstartConfig(out=out, mode=options.get("mode", _D.mode), pooling=options.get("pooling", ""),
                               query_template=options.get("query_template", _D.query_template), loss=loss,
                               epochs=epochs, steps=steps, batch_size=batch_size, mini_batch_size=mini_batch_size,
                               lr=lr, warmup_steps=warmup_steps, layer_lr_decay=layer_lr_decay,
                               attention_dropout=attention_dropout,
                               instruction_negatives=instruction_negatives, batch_grouping=batch_grouping,
                               seed=seed, train_rows=train_rows, device=device, precision=precision,
                               fast_cpu_ops=fast_cpu_ops,
                               extra_eval=tuple(str(p) for p in extra_eval))
        run_quickstart(cfg, echo=typer.echo)
