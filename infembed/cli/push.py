"""``infembed push``: upload a model directory to the Hugging Face Hub (``huggingface_hub.HfApi``).

The directory is checked first (an infembed or sentence-transformers model dir with its weights),
its model card is re-rendered to name the Hub id, then ``create_repo(exist_ok=True)`` and one
``upload_folder`` commit; training checkpoints and hidden files stay behind. Refused while
``HF_HUB_OFFLINE`` is set. ``InfEmbed.from_pretrained("ORG/NAME")`` loads the pushed model back.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

# Never uploaded: resumable checkpoints (optimizer state; large), hidden and temporary files.
PUSH_IGNORE = ["checkpoints/*", ".*", "*/.*", "*.tmp-*"]


def check_model_dir(model_dir: Path) -> str:
    """The kind of ``model_dir`` (:func:`infembed.model_card.model_dir_kind`), or an error naming the
    fix: a missing path, a file, a folder without a model, or a model without its weights."""
    import errno

    from infembed.model_card import INFEMBED_CONFIG_NAME, model_dir_kind

    if not model_dir.exists():
        raise FileNotFoundError(errno.ENOENT, "no such model directory", str(model_dir))
    if not model_dir.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "", str(model_dir))
    kind = model_dir_kind(model_dir)
    if kind not in ("infembed", "infembed-first-format", "sentence-transformers"):
        raise ValueError(f"--model {model_dir}: not an infembed or sentence-transformers model directory (no "
                         f"{INFEMBED_CONFIG_NAME} or modules.json); pass the --out of `infembed train` or a "
                         "directory written by InfEmbed.save_pretrained")
    if kind == "infembed":
        import json

        try:
            json.loads((model_dir / INFEMBED_CONFIG_NAME).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ValueError(f"{model_dir / INFEMBED_CONFIG_NAME} is not valid JSON ({e}): the model directory "
                             "is damaged; nothing was uploaded") from e
    if not any(model_dir.glob("*.safetensors")) and not any(model_dir.glob("*/*.safetensors")):
        raise ValueError(f"--model {model_dir}: has no model.safetensors; the directory is not a complete model "
                         "(did the training run finish?)")
    return kind


def push_model_dir(model_dir: str | os.PathLike, repo: str, *, private: bool = False, revision: str | None = None,
                   token: str | None = None, commit_message: str = "Upload infembed model") -> str:
    """Upload ``model_dir`` to the Hub model repository ``repo`` (created if absent); returns the
    commit URL. The same road as ``infembed push``.

    Raises ``ValueError`` for a directory that is not a model, a bad repo id, or ``HF_HUB_OFFLINE``;
    ``ConnectionError`` when the Hub refuses or cannot be reached.
    """
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import validate_repo_id

    from infembed.model import hub_offline
    from infembed.model_card import set_model_id

    model_dir = Path(model_dir)
    kind = check_model_dir(model_dir)
    if repo.count("/") != 1:
        raise ValueError(f"--repo {repo!r}: give the Hub repository as ORG/NAME (your user name or an organisation)")
    try:
        validate_repo_id(repo)
    except HFValidationError as e:
        raise ValueError(f"--repo {repo!r}: not a valid Hugging Face repository id ({' '.join(str(e).split())})") from None
    if hub_offline():
        raise ValueError("HF_HUB_OFFLINE is set, so infembed does not contact the Hugging Face Hub: unset it "
                         "(or set HF_HUB_OFFLINE=0) to push")
    if kind == "infembed-first-format":
        typer.echo(f"warning: {model_dir} is in infembed's first format: only infembed will load it from the Hub; "
                   "re-save it with InfEmbed.from_pretrained(dir).save_pretrained(new_dir) first to make it "
                   "loadable by transformers and sentence-transformers too", err=True)
    if kind.startswith("infembed"):
        set_model_id(model_dir, repo)  # the card's snippets name the Hub id
    api = HfApi(token=token)
    try:
        api.create_repo(repo_id=repo, repo_type="model", private=private, exist_ok=True)
        if revision:
            api.create_branch(repo_id=repo, branch=revision, repo_type="model", exist_ok=True)
        commit = api.upload_folder(repo_id=repo, repo_type="model", folder_path=str(model_dir), revision=revision,
                                   commit_message=commit_message, ignore_patterns=PUSH_IGNORE)
    except Exception as e:
        if type(e).__name__ in ("HfHubHTTPError", "RepositoryNotFoundError", "GatedRepoError", "BadRequestError") \
                or "connect" in type(e).__name__.lower() or "timeout" in type(e).__name__.lower():
            raise ConnectionError(f"the Hugging Face Hub did not take {model_dir} as {repo} ({type(e).__name__}: "
                                  f"{' '.join(str(e).split())[:300]}); check the network and your write access "
                                  "(`hf auth login`, or --token)") from None
        raise
    return str(getattr(commit, "commit_url", None) or commit)


def register(app: typer.Typer) -> None:
    @app.command()
    def push(
        model: Path = typer.Option(..., "--model", help="Model dir: the --out of `infembed train`, a dir written by "
                                   "InfEmbed.save_pretrained, or a sentence-transformers model dir."),
        repo: str = typer.Option(..., "--repo", help="Hub repository ORG/NAME (created when absent)."),
        private: bool = typer.Option(False, "--private", help="Create the repository as private (an existing "
                                     "repository keeps its visibility)."),
        revision: str = typer.Option(None, "--revision", "--branch", help="Branch to push to, created when "
                                     "absent [the repository's default branch]."),
        token: str = typer.Option(None, "--token", help="Hugging Face token with write access [the token of "
                                  "`hf auth login`, or $HF_TOKEN]."),
        commit_message: str = typer.Option("Upload infembed model", "--commit-message", help="Commit message."),
    ) -> None:
        """Upload a model directory to the Hugging Face Hub; `InfEmbed.from_pretrained("ORG/NAME")`
        (and, in joint mode, `SentenceTransformer("ORG/NAME")`) loads it back.

        The model card (README.md) is updated to name ORG/NAME first; checkpoints/ and hidden files
        are not uploaded. Needs the network: refused while HF_HUB_OFFLINE is set.
        """
        url = push_model_dir(model, repo, private=private, revision=revision, token=token,
                             commit_message=commit_message)
        typer.echo(f"pushed {model} → https://huggingface.co/{repo}" + (f" (branch {revision})" if revision else "")
                   + f"\ncommit: {url}")
