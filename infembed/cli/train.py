"""``infembed train``: contrastive training of InF-Embed on InF-IR rows.

The options are generated from :class:`infembed.train.TrainConfig`: each option's name
(``batch_size`` → ``--batch-size``), type and default come from the dataclass field, so a default
lives in one place. This module adds only what the dataclass does not say, in :data:`OPTIONS`: the
help text, whether the option is required or hidden, and the order of ``--help``. Fields not in
:data:`OPTIONS` (``weight_decay``, ``max_grad_norm``, ``show_progress_bar``) keep their defaults.

``infembed.train`` imports torch, and the CLI imports heavy modules only inside commands (so
``infembed --help`` stays fast); :func:`dataclass_fields` therefore reads the fields from the
module's source instead of importing it. ``tests/test_train_extras.py`` checks that what it reads
equals the imported dataclass, and that every option's default is the field's.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
from pathlib import Path
from typing import Any

import typer

# field → (help text, extra typer.Option settings); the order is the order of `infembed train --help`.
OPTIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "data": ("InF-IR rows: .jsonl, .parquet, or a Hugging Face dataset name[:split] / saved dir.", {"required": True}),
    "model": ("Starting point: an embedded name (minilm, smollm2), a transformers model, or an infembed model dir.", {}),
    "out": ("Output dir: the final model, metrics.jsonl and checkpoints/.", {"required": True}),
    "mode": ("Query mode: joint ('{query} {instruction}' through the backbone) or iq_attention.", {}),
    "loss": ("Loss variant: P, IQ, I, uni:P+IQ, uni:P+I, uni:I+IQ, uni:P+I+IQ, multi:P+IQ, multi:P+I, multi:I+IQ, multi:P+I+IQ.", {}),
    "batch_size": ("InF-IR rows per optimizer step (global, over all GPUs); each row gives 3 pairs.", {}),
    "mini_batch_size": ("Texts per forward pass with gradient caching (0 = no caching: one graph for the batch).", {}),
    "steps": ("Optimizer steps (0 = derive from --epochs).", {}),
    "epochs": ("Passes over the data when --steps is 0.", {}),
    "lr": ("Peak learning rate (AdamW, linear warmup then linear decay).", {}),
    "warmup_steps": ("Warmup steps (-1 = 10% of the steps).", {}),
    "temperature": ("Contrastive temperature τ (scores are cosine/τ).", {}),
    "instruction_negatives": ("K-1 other-row instructions per pair for losses with the ℓ_I term.", {}),
    "save_every": ("Checkpoint every N steps (0 = only at the end). SIGINT/SIGTERM also checkpoint.", {}),
    "resume": ("Continue from OUT/checkpoints/latest exactly where it stopped.", {}),
    "seed": ("Seed for shuffling, dropout and negative sampling.", {}),
    "query_max_length": ("Token limit for (query, instruction) texts; longer ones are truncated and counted.", {}),
    "passage_max_length": ("Token limit for passages.", {}),
    "gradient_checkpointing": ("Recompute backbone activations in backward (large backbones).", {}),
    "skip_invalid": ("Skip malformed data rows (reported) instead of failing.", {}),
    "device": ("cpu, cuda, cuda:1 … (default: the GPU of this rank when present).", {}),
    "stop_after": ("Testing aid: checkpoint and stop after N steps of this process.", {"hidden": True}),
}

_BUILTIN_TYPES = {"str": str, "int": int, "float": float, "bool": bool}


def dataclass_fields(module: str, class_name: str) -> dict[str, tuple[type, Any]]:
    """``{field: (type, default)}`` of a dataclass, read from its module's source without importing it.

    Every field needs a ``str``/``int``/``float``/``bool`` annotation and a literal default (true of
    ``TrainConfig``); anything else is a ``TypeError`` naming the field, not a silent guess.

    Example:
        >>> dataclass_fields("infembed.train", "TrainConfig")["batch_size"]
        (<class 'int'>, 32)
    """
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"no source for module {module!r}")
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    cls = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name), None)
    if cls is None:
        raise LookupError(f"{module} has no class {class_name}")
    fields: dict[str, tuple[type, Any]] = {}
    for node in cls.body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            continue
        name, annotation = node.target.id, ast.unparse(node.annotation)
        if annotation not in _BUILTIN_TYPES or node.value is None:
            raise TypeError(f"{class_name}.{name}: needs a str/int/float/bool annotation and a default")
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            raise TypeError(f"{class_name}.{name}: the default must be a literal, got {ast.unparse(node.value)}") from None
        fields[name] = (_BUILTIN_TYPES[annotation], default)
    return fields


def command_signature(fields: dict[str, tuple[type, Any]], options: dict[str, tuple[str, dict[str, Any]]]) -> inspect.Signature:
    """The signature typer reads a command's options from: one ``typer.Option`` per entry of
    ``options``, typed and defaulted by ``fields`` (``required`` options get no default)."""
    params = []
    for name, (help_text, extra) in options.items():
        annotation, default = fields[name]
        option = typer.Option(... if extra.get("required") else default, help=help_text,
                              hidden=extra.get("hidden", False))
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation))
    return inspect.Signature(params, return_annotation=None)


def train(**options: Any) -> None:
    """Train InF-Embed with gradient caching; multi-GPU with `torchrun --nproc_per_node N $(which infembed) train ...`.

    Example:  infembed train --data rows.jsonl --out runs/m --batch-size 64 --mini-batch-size 96 --steps 200
    """
    import json

    from infembed import distributed
    from infembed.train import TrainConfig, Trainer

    from .errors import prepare_output

    prepare_output(options["out"], directory=True)
    distributed.init_distributed_from_env()
    cfg = TrainConfig(**options)
    summary = Trainer(cfg).fit()
    if distributed.rank() == 0:
        typer.echo(json.dumps(summary, indent=2))
    if summary["interrupted"]:
        typer.echo(f"stopped early; continue with the same command plus --resume ({summary['checkpoint']})", err=True)
        raise typer.Exit(130)


train.__signature__ = command_signature(dataclass_fields("infembed.train", "TrainConfig"), OPTIONS)


def register(app: typer.Typer) -> None:
    app.command()(train)
