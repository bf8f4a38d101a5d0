"""The ``infembed`` command line: one typer app, one module per verb.

Each ``infembed/cli/<verb>.py`` defines ``register(app)`` and imports the heavy modules (torch,
transformers) inside its command functions, so ``infembed --help`` stays fast.
"""

from __future__ import annotations

import importlib
import logging
import os

import typer

from .errors import DEBUG_ENV, ErrorContractGroup

app = typer.Typer(
    cls=ErrorContractGroup,
    name="infembed",
    help="Instruction-following retrieval: build InF-IR corpora, train InF-Embed, encode, index, "
    "search and evaluate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help text: rich markup would eat bracketed defaults such as "[torchrun RANK, else 0]".
    rich_markup_mode=None,
)

def _print_version(value: bool) -> None:
    if value:
        from infembed import __version__

        typer.echo(f"infembed {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help=f"Show the full traceback of an error (same as {DEBUG_ENV}=1)."),
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print infembed's version and exit."),
) -> None:
    """Instruction-following retrieval: build InF-IR corpora, train InF-Embed, encode, index,
    search and evaluate. Start with `infembed quickstart`.

    Errors: a mistake in the input (bad file, missing path, unknown model) prints one line naming
    what to fix and exits with code 2; `--debug` shows the traceback.
    """
    if debug:
        os.environ[DEBUG_ENV] = "1"


# Order here is the order in `infembed --help`.
COMMAND_MODULES = ["quickstart", "demo", "corpus", "train", "encode", "index", "search", "eval", "push"]

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as _e:  # a verb still under construction
        if _e.name != f"{__name__}.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app()
