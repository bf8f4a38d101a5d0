"""One error contract for every verb: a user's mistake is one line on stderr and exit code 2.

Library code raises ordinary exceptions that name the file, line, field or path and the fix
(``DataError``/``ValueError`` for bad input, ``OSError`` subclasses for paths). The root command
group (:class:`ErrorContractGroup`) turns them into::

    error: <message>                       exit 2: bad input, missing/unwritable path, corrupt file
    internal error: <type>: <message> ...  exit 1: a bug; the line says how to get the traceback

``INFEMBED_DEBUG=1`` (or ``infembed --debug VERB ...``) re-raises instead, traceback and all.
Click's own usage errors (unknown option, bad integer) keep click's format and exit code 2.
"""

from __future__ import annotations

import errno
import os
import pickle
import sys

import typer
from typer.core import TyperGroup

USER_ERROR = 2
INTERNAL_ERROR = 1
DEBUG_ENV = "INFEMBED_DEBUG"


def debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "0") not in ("", "0", "false", "False")


def _path_message(e: OSError) -> str:
    if e.filename is None:  # raised with a full message of its own
        return " ".join(str(e).split())
    path = str(e.filename) if e.filename2 is None else f"{e.filename} -> {e.filename2}"
    if isinstance(e, FileNotFoundError):
        return f"{(e.strerror or 'no such file or directory').lower()}: {path} (check the path)"
    if isinstance(e, PermissionError):
        return f"permission denied: {path} (choose a path you can write, or fix its permissions)"
    if isinstance(e, NotADirectoryError):
        return f"not a directory: {path} (a file stands where a folder is needed; choose another path)"
    if isinstance(e, IsADirectoryError):
        return f"is a directory: {path} (pass a file path)"
    if e.errno == errno.ENOSPC:
        return f"no space left on the device writing {path} (free space or choose another --out)"
    return f"{e.strerror or e}: {path}"


def describe(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one line for ``exc``."""
    if isinstance(exc, pickle.UnpicklingError):
        # torch.load(weights_only=True) refused a pickled object; its own message suggests
        # weights_only=False, which would run the file's code: never pass that advice on.
        return USER_ERROR, ("refused to load a file that contains pickled Python objects, not only tensors: "
                            "infembed never runs code from untrusted files (re-save the weights as safetensors)")
    if isinstance(exc, OSError):
        return USER_ERROR, _path_message(exc)
    if isinstance(exc, ValueError):  # DataError, JSONDecodeError and UnicodeDecodeError among them
        return USER_ERROR, " ".join(str(exc).split()) or type(exc).__name__
    if type(exc).__name__ in ("SafetensorError", "HFValidationError"):
        return USER_ERROR, str(exc)
    return INTERNAL_ERROR, (f"internal error: {type(exc).__name__}: {exc} "
                            f"(rerun with {DEBUG_ENV}=1 for the traceback, and please report it)")


class ErrorContractGroup(TyperGroup):
    """The root command group: every verb's exceptions go through :func:`describe`."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if debugging():
                raise
            # typer vendors click in newer releases: recognise click's exceptions by module,
            # whichever copy raised them. Exit and Abort keep click's handling; usage errors (a bad
            # option value) become the same one line instead of a boxed, wrapped panel.
            if type(exc).__module__.split(".")[0] in ("click", "typer"):
                if not hasattr(exc, "format_message") or getattr(exc, "exit_code", 1) != USER_ERROR:
                    raise
                sub = getattr(getattr(exc, "ctx", None), "command_path", None) or ctx.command_path
                typer.echo(f"error: {' '.join(exc.format_message().split())} (see `{sub} --help`)", err=True)
                raise typer.Exit(USER_ERROR) from None
            code, message = describe(exc)
            prefix = "" if code == INTERNAL_ERROR else "error: "
            typer.echo(f"{prefix}{message}", err=True)
            sys.stderr.flush()
            raise typer.Exit(code) from None


def prepare_output(path: os.PathLike | str, *, directory: bool) -> None:
    """Check, before any expensive work, that ``path`` can be written.

    ``directory=True``: ``path`` is a folder the verb creates and fills; nothing is created here, so
    a verb that fails later leaves no empty folder behind. Otherwise ``path`` is a file, whose
    missing parent folders are created. Raises the ``OSError`` that writing later would have raised
    (a file where a folder must be, no permission, a read-only disk), naming the path.
    """
    import tempfile
    from pathlib import Path

    path = Path(path)
    if path.is_dir() != directory and path.exists():
        kind = NotADirectoryError if directory else IsADirectoryError
        raise kind(errno.ENOTDIR if directory else errno.EISDIR, "", str(path))
    folder = path if directory else path.parent
    existing = next(p for p in (folder, *folder.parents) if p.exists() or p == Path(p.anchor))
    if not existing.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "", str(existing))
    if not directory:
        folder.mkdir(parents=True, exist_ok=True)
        existing = folder
    try:
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".infembed-write-check-"):
            pass
    except OSError as e:
        e.filename, e.filename2 = str(existing), None
        raise
