"""``infembed train``: contrastive training of InF-Embed on InF-IR rows.

The options are generated from :class:`infembed.recipe.TrainConfig`: each option's name
(``batch_size`` → ``--batch-size``), type, default and help text come from the dataclass field, so
a default lives in one place (``infembed.recipe`` imports no torch, so ``--help`` stays fast).
"""

from __future__ import annotations

import inspect
from dataclasses import MISSING
from typing import Any

import typer

from infembed.recipe import TrainConfig, cli_fields

_TYPES = {"str": str, "int": int, "float": float, "bool": bool}


def command_signature(config_fields: list) -> inspect.Signature:
    """The signature typer reads a command's options from: one ``typer.Option`` per field, typed and
    defaulted by the field, helped by its ``metadata["help"]`` (``required`` fields get no default)."""
    params = []
    for f in config_fields:
        annotation = _TYPES[f.type] if isinstance(f.type, str) else f.type
        default = f.default if f.default is not MISSING else None
        option = typer.Option(... if f.metadata.get("required") else default, help=f.metadata["help"],
                              hidden=f.metadata.get("hidden", False))
        params.append(inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation))
    return inspect.Signature(params, return_annotation=None)


def train(**options: Any) -> None:
    """Train InF-Embed with gradient caching; multi-GPU with `torchrun --nproc_per_node N $(which infembed) train ...`.

    The defaults are the paper's reference recipe (lengths 256/512, lr 5e-5, 2 epochs, no warmup,
    no weight decay, K-1 = 5 instruction negatives, τ = 0.05, seed 42).

    The model dir written at the end loads in infembed, transformers and (joint mode) sentence-transformers,
    and its README.md model card records the base model, the data's sha256 and row count, the recipe and
    the final loss; `infembed push` uploads it to the Hugging Face Hub.

    Example:  infembed train --data rows.jsonl --out runs/m --loss multi:P+I+IQ --batch-size 64 --mini-batch-size 96
    """
    import json

    from infembed import distributed
    from infembed.train import Trainer

    from .errors import prepare_output
    from .model_options import model_overrides

    cfg = TrainConfig(**options)
    # --pooling / --mode / --query-template checked as every verb checks them ('\n' in a template: a newline)
    checked = model_overrides(pooling=cfg.pooling, mode=cfg.mode, query_template=cfg.query_template)
    cfg.query_template = checked.get("query_template", cfg.query_template)
    cfg.validate()  # every option checked before anything is written
    prepare_output(cfg.out, directory=True)
    distributed.init_distributed_from_env()
    summary = Trainer(cfg).fit()
    if distributed.rank() == 0:
        typer.echo(json.dumps(summary, indent=2))
    if summary["interrupted"]:
        typer.echo(f"stopped early; continue with the same command plus --resume ({summary['checkpoint']})", err=True)
        raise typer.Exit(130)


train.__signature__ = command_signature(cli_fields())


def register(app: typer.Typer) -> None:
    app.command()(train)
