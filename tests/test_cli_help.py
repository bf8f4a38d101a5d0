"""Every verb's ``--help`` works, shows each option's default, and keeps bracketed text intact."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from infembed.cli import app

runner = CliRunner()


def _commands(group, path=()):
    """``(path, click command)`` for every leaf command of the CLI."""
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*path, name))
        else:
            yield (*path, name), cmd


ROOT = typer.main.get_command(app)
COMMANDS = list(_commands(ROOT))


def test_every_verb_is_listed():
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"quickstart", "demo", "train", "encode", "index build", "search", "eval", "corpus build"} <= names


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_shows_every_default(path, cmd):
    res = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    text = res.stdout.split("\nOptions:", 1)[-1]
    for param in cmd.params:
        if not getattr(param, "opts", None) or param.hidden or param.required or param.name == "help":
            continue
        if param.default in (None, [], ()) or getattr(param, "is_flag", False):
            continue
        flag = max(param.opts, key=len)
        m = re.search(rf"^\s+(?:-\w, )?{re.escape(flag)}\b.*?(?=^\s+-|\Z)", text, flags=re.M | re.S)
        assert m, f"{' '.join(path)}: {flag} missing from --help"
        # typer prints "[default: X]"; an empty-string default ("pick at run time") is described in words.
        documented = "[default:" in m.group(0) or (param.default == "" and "(default:" in m.group(0))
        assert documented, f"{' '.join(path)}: {flag} shows no default:\n{m.group(0)}"


def test_bracketed_help_text_survives():
    res = runner.invoke(app, ["encode", "--help"], env={"COLUMNS": "200"})
    text = " ".join(res.stdout.split())  # help lines wrap
    assert "[Slurm array task id, else torchrun RANK, else 0]" in text
    assert "[model's passage_max_length]" in text


def test_version():
    from infembed import __version__

    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"infembed {__version__}"


# ----------------------------------------------------------------------------- the shared model options

MODEL_VERBS = ["train", "eval", "quickstart"]


@pytest.mark.parametrize("verb", MODEL_VERBS)
def test_model_verbs_take_the_shared_model_options(verb):
    res = runner.invoke(app, [verb, "--help"], env={"COLUMNS": "200"})
    for flag in ("--pooling", "--mode", "--query-template"):
        assert re.search(rf"^\s+{flag}\b", res.stdout, flags=re.M), f"{verb}: {flag} missing"


def test_model_option_choices_are_the_models():
    from infembed.cli.model_options import MODES, POOLINGS
    from infembed.model import MODES as MODEL_MODES
    from infembed.model import POOLINGS as MODEL_POOLINGS

    assert (POOLINGS, MODES) == (MODEL_POOLINGS, MODEL_MODES)


@pytest.mark.parametrize("verb,flag,value,named", [
    ("eval", "--pooling", "max", "mean, cls, last"), ("eval", "--mode", "cross", "joint, iq_attention"),
    ("eval", "--query-template", "{instruction}", "{query}"), ("eval", "--query-template", "{q} {query}", "{instruction}"),
    ("quickstart", "--pooling", "max", "mean, cls, last"), ("quickstart", "--mode", "cross", "joint, iq_attention"),
    ("train", "--pooling", "max", "mean, cls, last"), ("train", "--mode", "cross", "joint, iq_attention"),
    ("train", "--query-template", "{instruction}", "{query}"),
])
def test_bad_model_option_is_a_user_error_naming_value_and_choices(tmp_path, verb, flag, value, named):
    from conftest import assert_user_error

    args = {"eval": ["-b", "followir", "-d", str(tmp_path), "-m", "bm25", "-o", str(tmp_path / "m.json")],
            "quickstart": ["--out", str(tmp_path / "qs")],
            "train": ["--data", str(tmp_path / "rows.jsonl"), "--out", str(tmp_path / "run")]}[verb]
    res = runner.invoke(app, [verb, *args, flag, value])
    line = assert_user_error(res, value, named)
    assert flag in line or verb == "train"
    assert not (tmp_path / "qs").exists() and not (tmp_path / "run").exists()
