"""The model options every verb that loads or trains a model shares: ``--pooling``, ``--mode``,
``--query-template``.

One definition of each option (name, help, default) and one check of its value, so ``train``,
``eval``, ``quickstart``, ``encode`` and ``search`` say the same thing. A verb declares them with
the ``*_option()`` factories and turns what it got into ``InfEmbed.from_pretrained`` settings with
:func:`model_overrides`::

    def search(..., pooling: str = pooling_option(), mode: str = mode_option(),
               query_template: str = query_template_option(), ...):
        net = InfEmbed.from_pretrained(model, **model_overrides(pooling=pooling, mode=mode,
                                                                query_template=query_template))

An option left out (``None``) keeps the model's own setting. Imports no torch (``--help`` stays fast).
"""

from __future__ import annotations

import typer

# = infembed.model.POOLINGS / MODES (tests/test_cli_help.py checks they agree; no torch import here).
POOLINGS = ("mean", "cls", "last")
MODES = ("joint", "iq_attention")

POOLING_HELP = ("Pooling of token states: mean, cls or last (the last real token, for decoders) "
                "[the model's own: a sentence-transformers checkpoint's Pooling, else mean for encoders, "
                "last for decoders].")
MODE_HELP = ("Query mode: joint (the query template's text through the backbone) or iq_attention "
             "(instruction tokens attend over query tokens) [the model's own; joint for a fresh backbone].")
TEMPLATE_HELP = ("How a joint-mode model joins a query and its instruction; must contain {query} (and "
                 "usually {instruction}); write a newline as \\n [the model's own; '{query} {instruction}' "
                 "for a fresh backbone].")


def pooling_option(default: str | None = None, help: str = POOLING_HELP):
    """``--pooling`` (``None``: the model's own)."""
    return typer.Option(default, "--pooling", help=help)


def mode_option(default: str | None = None, help: str = MODE_HELP):
    """``--mode`` (``None``: the model's own)."""
    return typer.Option(default, "--mode", help=help)


def query_template_option(default: str | None = None, help: str = TEMPLATE_HELP):
    """``--query-template`` (``None``: the model's own)."""
    return typer.Option(default, "--query-template", help=help)


def check_pooling(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in POOLINGS:
        raise typer.BadParameter(f"{value!r}: choose one of {', '.join(POOLINGS)}", param_hint="--pooling")
    return value


def check_mode(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in MODES:
        raise typer.BadParameter(f"{value!r}: choose one of {', '.join(MODES)}", param_hint="--mode")
    return value


def check_query_template(value: str | None) -> str | None:
    """The template with ``\\n`` turned into a newline; refuses one without ``{query}`` or with a
    placeholder other than ``{query}`` / ``{instruction}``."""
    if value in (None, ""):
        return None
    template = value.replace("\\n", "\n")
    if "{query}" not in template:
        raise typer.BadParameter(f"{value!r}: must contain {{query}} (and usually {{instruction}}), e.g. "
                                 "'{query} {instruction}'", param_hint="--query-template")
    try:
        template.format(query="q", instruction="i")
    except (KeyError, IndexError, ValueError) as e:
        raise typer.BadParameter(f"{value!r}: only {{query}} and {{instruction}} may appear in braces ({e!r}); "
                                 "write a literal brace as {{ or }}", param_hint="--query-template") from None
    return template


def model_overrides(*, pooling: str | None = None, mode: str | None = None,
                    query_template: str | None = None) -> dict[str, str]:
    """The checked options as ``InfEmbed.from_pretrained`` settings; options left out are absent.

    Raises ``typer.BadParameter`` naming the option, the value and the choices (exit code 2).

    Example:
        >>> model_overrides(pooling="cls", mode=None, query_template="{instruction}\\\\n{query}")
        {'pooling': 'cls', 'query_template': '{instruction}\\n{query}'}
    """
    out = {"pooling": check_pooling(pooling), "mode": check_mode(mode),
           "query_template": check_query_template(query_template)}
    return {k: v for k, v in out.items() if v is not None}


__all__ = ["POOLINGS", "MODES", "pooling_option", "mode_option", "query_template_option", "check_pooling",
           "check_mode", "check_query_template", "model_overrides"]
