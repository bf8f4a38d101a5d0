"""``infembed push`` and loading back from the Hub, with huggingface_hub mocked at its public boundary
(``HfApi``, ``snapshot_download``, ``model_info``): no network. What the fake upload receives is what
``InfEmbed.from_pretrained("org/name")`` loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import huggingface_hub
import numpy as np
import pytest
from conftest import assert_user_error
from typer.testing import CliRunner

from infembed.cli import app
from infembed.model import InfEmbed

runner = CliRunner()
TEXTS = ["A four-season tent carries snow loads.", "Beach shelters block the sun."]


class FakeHub:
    """Stands in for the Hub: ``HfApi`` calls are recorded and ``upload_folder`` copies the files it
    would send (after ignore_patterns) into ``remote/<repo>@<revision>``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.calls: list[tuple[str, dict]] = []
        hub = self

        class Api:
            def __init__(self, token=None, **kw):
                hub.calls.append(("HfApi", {"token": token}))

            def create_repo(self, repo_id, **kw):
                hub.calls.append(("create_repo", {"repo_id": repo_id, **kw}))
                return f"https://huggingface.co/{repo_id}"

            def create_branch(self, repo_id, **kw):
                hub.calls.append(("create_branch", {"repo_id": repo_id, **kw}))

            def upload_folder(self, *, repo_id, folder_path, revision=None, ignore_patterns=None, **kw):
                hub.calls.append(("upload_folder", {"repo_id": repo_id, "revision": revision,
                                                    "ignore_patterns": ignore_patterns, **kw}))
                src = Path(folder_path)
                files = [p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()]
                dst = hub.remote(repo_id, revision)
                for rel in huggingface_hub.utils.filter_repo_objects(files, ignore_patterns=ignore_patterns):
                    (dst / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(src / rel, dst / rel)
                return f"https://huggingface.co/{repo_id}/commit/abc123"

        self.Api = Api

    def remote(self, repo_id: str, revision: str | None) -> Path:
        return self.root / f"{repo_id.replace('/', '--')}@{revision or 'main'}"

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def last(self, name: str) -> dict:
        return [kw for n, kw in self.calls if n == name][-1]


@pytest.fixture
def hub(tmp_path, monkeypatch):
    fake = FakeHub(tmp_path / "remote")
    monkeypatch.setattr(huggingface_hub, "HfApi", fake.Api)
    return fake


@pytest.fixture
def online(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")


@pytest.fixture(scope="module")
def model_dir(make_tiny_bert, tmp_path_factory):
    """A saved tiny model as `infembed train` leaves it: plus checkpoints/ and a hidden temp file."""
    d = tmp_path_factory.mktemp("pushme") / "model"
    InfEmbed.from_pretrained(str(make_tiny_bert(0.0)), query_template="{instruction}: {query}").save_pretrained(d)
    (d / "checkpoints" / "step-00000002").mkdir(parents=True)
    (d / "checkpoints" / "step-00000002" / "optimizer.pt").write_bytes(b"x" * 10)
    (d / ".model.safetensors.tmp-1").write_bytes(b"half")
    return d


def test_push_uploads_the_model_dir_and_it_loads_back_from_the_hub(hub, online, model_dir, monkeypatch):
    res = runner.invoke(app, ["push", "--model", str(model_dir), "--repo", "org/name", "--private", "--branch", "dev",
                              "--token", "hf_x", "--commit-message", "first model"])
    assert res.exit_code == 0, res.output + repr(res.exception)
    assert hub.names() == ["HfApi", "create_repo", "create_branch", "upload_folder"]
    assert hub.last("HfApi")["token"] == "hf_x"
    assert hub.last("create_repo") == {"repo_id": "org/name", "repo_type": "model", "private": True, "exist_ok": True}
    assert hub.last("create_branch")["branch"] == "dev"
    up = hub.last("upload_folder")
    assert (up["revision"], up["commit_message"]) == ("dev", "first model")
    remote = hub.remote("org/name", "dev")
    sent = {p.relative_to(remote).as_posix() for p in remote.rglob("*") if p.is_file()}
    assert {"infembed_config.json", "config.json", "model.safetensors", "modules.json", "README.md"} <= sent
    assert not any(s.startswith(("checkpoints/", ".")) for s in sent), sent
    assert 'from_pretrained("org/name")' in (remote / "README.md").read_text()

    asked = []

    def snapshot_download(repo_id, *, revision=None, local_files_only=False, **kw):
        asked.append((repo_id, revision, local_files_only))
        return str(hub.remote(repo_id, revision))

    monkeypatch.setattr(huggingface_hub, "model_info", lambda *a, **k: None)  # the probe before downloading
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    loaded = InfEmbed.from_pretrained("org/name", revision="dev")
    assert asked == [("org/name", "dev", False)]
    local = InfEmbed.from_pretrained(model_dir)
    assert loaded.config.query_template == "{instruction}: {query}" and loaded.config.backbone == local.config.backbone
    np.testing.assert_array_equal(loaded.encode_corpus(TEXTS), local.encode_corpus(TEXTS))
    np.testing.assert_array_equal(loaded.encode_queries(["tent"], ["winter"]), local.encode_queries(["tent"], ["winter"]))
    assert loaded.fingerprint() == local.fingerprint()


def test_hub_loads_respect_hf_hub_offline(hub, model_dir, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    asked = []

    def cached_only(repo_id, *, revision=None, local_files_only=False, **kw):
        asked.append(local_files_only)
        if repo_id == "org/cached":
            return str(model_dir)
        raise huggingface_hub.errors.LocalEntryNotFoundError("not in the cache")

    def no_network(*a, **k):
        raise AssertionError("the hub was asked while HF_HUB_OFFLINE=1")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", cached_only)
    monkeypatch.setattr(huggingface_hub, "model_info", no_network)
    assert InfEmbed.from_pretrained("org/cached").config.query_template == "{instruction}: {query}"
    with pytest.raises(FileNotFoundError, match="not in the Hugging Face cache.*HF_HUB_OFFLINE"):
        InfEmbed.from_pretrained("org/elsewhere")
    assert asked == [True, True]
    res = runner.invoke(app, ["push", "--model", str(model_dir), "--repo", "org/name"])
    assert_user_error(res, "HF_HUB_OFFLINE")
    assert hub.names() == []


@pytest.mark.parametrize("case", ["missing", "a_file", "not_a_model", "bad_repo", "no_weights"])
def test_push_checks_before_any_hub_call(hub, online, model_dir, tmp_path, case):
    model, repo, named = tmp_path / "nope", "org/name", "nope"
    if case == "a_file":
        model = tmp_path / "f.txt"
        model.write_text("x")
        named = "f.txt"
    elif case == "not_a_model":
        model = tmp_path / "empty"
        model.mkdir()
        named = "not an infembed or sentence-transformers model directory"
    elif case == "bad_repo":
        model, repo, named = model_dir, "just-a-name", "ORG/NAME"
    elif case == "no_weights":
        model = tmp_path / "m"
        shutil.copytree(model_dir, model)
        (model / "model.safetensors").unlink()
        named = "model.safetensors"
    res = runner.invoke(app, ["push", "--model", str(model), "--repo", repo])
    assert_user_error(res, named)
    assert hub.names() == []


def test_push_reports_a_hub_refusal_as_one_line(online, model_dir, monkeypatch):
    from huggingface_hub.errors import HfHubHTTPError

    class Refusing:
        def __init__(self, **kw):
            pass

        def create_repo(self, *a, **k):
            err = HfHubHTTPError.__new__(HfHubHTTPError)  # its __init__ wants an HTTP response object
            Exception.__init__(err, "401 Client Error: Unauthorized (invalid token)")
            raise err

    monkeypatch.setattr(huggingface_hub, "HfApi", Refusing)
    res = runner.invoke(app, ["push", "--model", str(model_dir), "--repo", "org/name"])
    assert_user_error(res, "did not take", "hf auth login")
