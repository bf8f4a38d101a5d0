"""The checkout's ``kernels/`` and ``corpus_tools/`` must not shadow installed packages of those names.

Each case runs a fresh interpreter the way a user in a clone does (``python -c`` with the repository
root as the working directory, so the root is ``sys.path[0]``). transformers ≥ 5.25 imports Hugging
Face's ``kernels`` when ``transformers.activations`` loads; with the root first on ``sys.path`` a
plain ``import kernels`` used to find the project's folder (``ImportError: cannot import name
'CUDAProperties'``). Where the real ``kernels`` distribution is absent (older transformers), a
stand-in is installed into a temporary site dir on ``PYTHONPATH``, which comes after ``sys.path[0]``:
the same order as site-packages.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_PRELUDE = """
import json, os, sys
root = os.path.realpath(sys.argv[1])
assert os.path.realpath(sys.path[0] or os.curdir) == root, ("sys.path[0] is not the checkout", sys.path[:3])
"""


def _run_in_checkout(code: str, site_dir: Path | None = None) -> dict:
    """Run ``code`` in a fresh ``python -c`` from the repository root; return the JSON it prints last."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["HF_HUB_OFFLINE"] = "1"
    if site_dir is not None:
        env["PYTHONPATH"] = str(site_dir)
    proc = subprocess.run(
        [sys.executable, "-c", _PRELUDE + code, str(ROOT)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, f"fresh interpreter failed:\n{proc.stderr[-4000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _stand_in_distribution(site_dir: Path, name: str) -> None:
    """A minimal installed distribution ``name`` (package + dist-info), marked so the test can tell it."""
    (site_dir / name).mkdir(parents=True)
    (site_dir / name / "__init__.py").write_text(f"STAND_IN = {name!r}\n__version__ = '0.0.1'\n")
    info = site_dir / f"{name}-0.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.1\n")
    (info / "top_level.txt").write_text(f"{name}\n")


def _has_distribution(name: str) -> bool:
    try:
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def test_kernels_from_checkout_root_is_the_installed_package_and_encoding_works(tmp_path):
    real = _has_distribution("kernels")
    site_dir = None
    if not real:
        site_dir = tmp_path / "site"
        _stand_in_distribution(site_dir, "kernels")
    out = _run_in_checkout("""
import transformers.activations  # transformers >= 5.25 imports the `kernels` distribution here
import kernels
from infembed import InfEmbed
emb = InfEmbed.from_pretrained("minilm").encode_corpus(["A four-season tent carries snow loads."])
print(json.dumps({"kernels_file": os.path.realpath(kernels.__file__),
                  "stand_in": getattr(kernels, "STAND_IN", None),
                  "shape": list(emb.shape), "finite": bool((emb == emb).all())}))
""", site_dir)
    assert not out["kernels_file"].startswith(str(ROOT / "kernels")), out
    if real:
        dist_files = importlib.metadata.distribution("kernels").locate_file("kernels")
        assert out["kernels_file"].startswith(os.path.realpath(dist_files)), out
    else:
        assert out["stand_in"] == "kernels", out
    assert out["shape"] == [1, 384] and out["finite"], out


def test_corpus_tools_from_checkout_root_yields_to_an_installed_distribution(tmp_path):
    site_dir = tmp_path / "site"
    _stand_in_distribution(site_dir, "corpus_tools")
    out = _run_in_checkout("""
import corpus_tools
import infembed.corpus_tools.client  # the project's own package is untouched
print(json.dumps({"stand_in": getattr(corpus_tools, "STAND_IN", None),
                  "ours": os.path.realpath(infembed.corpus_tools.__file__)}))
""", site_dir)
    assert out["stand_in"] == "corpus_tools", out
    assert out["ours"] == str(ROOT / "corpus_tools" / "__init__.py"), out


@pytest.mark.skipif(_has_distribution("corpus_tools"), reason="a corpus_tools distribution is installed here")
def test_top_level_name_with_nothing_installed_is_an_empty_namespace_package():
    # What Python itself gives for a folder without __init__.py; transformers' availability check
    # (find_spec, then no version and no __file__) reads it as "not installed".
    out = _run_in_checkout("""
import corpus_tools
import infembed.kernels
print(json.dumps({"file": getattr(corpus_tools, "__file__", None), "path": list(corpus_tools.__path__),
                  "has_docstring": bool(corpus_tools.__doc__),
                  "kernels_api": hasattr(infembed.kernels, "contrastive_lse")}))
""")
    assert out == {"file": None, "path": [], "has_docstring": False, "kernels_api": True}, out
