"""infembed.packed: the unpadded BERT forward against the padded Hugging Face forward (the reference),
on the real MiniLM and on tiny random BERTs; fallbacks; the encode pipeline end to end."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from infembed.embed import encode_corpus_to_shards, encode_texts
from infembed.model import InfEmbed, InfEmbedConfig, pool
from infembed.packed import (
    PackedBatch,
    PackedBert,
    attention_groups,
    can_pack,
    pack_padded,
    pack_token_lists,
    packed_encoder_for,
    packed_pool,
    unsupported_reason,
)
from infembed.shards import load_all

WORDS = "tent winter stove river granite maple lantern copper violin orbit harbor meadow".split()


def texts_of(lengths: list[int]) -> list[str]:
    return [" ".join(WORDS[(i + j) % len(WORDS)] for j in range(n)) for i, n in enumerate(lengths)]


def reference(backbone, ids: torch.Tensor, mask: torch.Tensor, how: str) -> torch.Tensor:
    """Pooled output of the padded HF forward, ``[b, d]`` fp32."""
    return pool(backbone(input_ids=ids, attention_mask=mask).last_hidden_state, mask, how).float()


def check(got: torch.Tensor, ref: torch.Tensor, atol: float = 2e-5) -> None:
    assert got is not None and got.shape == ref.shape and got.dtype == torch.float32
    err = (got - ref).abs().max().item()
    cos = F.cosine_similarity(got, ref, dim=-1).min().item()
    assert err <= atol and cos >= 0.99999, f"max abs diff {err:.2e}, min cos {cos:.7f}"


# (word counts: 0 → only [CLS] [SEP]; 300 → truncated to max_length)
MINILM_CASES = {
    "batch of 1": [5],
    "batch of 1, max length": [300],
    "prime 7, odd lengths": [0, 1, 3, 17, 2, 40, 9],
    "prime 13 with truncation": [300, 1, 64, 0, 255, 7, 120, 33, 2, 5, 11, 299, 13],
    "equal lengths (no padding)": [6, 6, 6],
}


@pytest.mark.parametrize("case", list(MINILM_CASES))
def test_minilm_packed_matches_padded(minilm, case):
    feats = minilm.tokenize(texts_of(MINILM_CASES[case]), 256)
    with torch.inference_mode():
        ref = reference(minilm.backbone.eval(), feats.input_ids, feats.attention_mask, "mean")
        got = packed_pool(minilm.backbone, feats.input_ids, feats.attention_mask, "mean")
    check(got, ref)  # row i against row i: the input order is kept


def tiny_bert(hidden_act: str = "gelu", heads: int = 3, hidden: int = 48, max_pos: int = 40):
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=97, hidden_size=hidden, num_hidden_layers=2, num_attention_heads=heads,
                     intermediate_size=80, max_position_embeddings=max_pos, hidden_act=hidden_act,
                     type_vocab_size=2)
    return BertModel(cfg, add_pooling_layer=False).eval()


def random_rows(lengths: list[int], vocab: int = 97) -> list[list[int]]:
    g = torch.Generator().manual_seed(len(lengths))
    return [torch.randint(1, vocab, (n,), generator=g).tolist() for n in lengths]


def padded(rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    L = max(len(r) for r in rows)
    ids = torch.zeros(len(rows), L, dtype=torch.long)
    mask = torch.zeros(len(rows), L, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
        mask[i, :len(r)] = 1
    return ids, mask


@pytest.mark.parametrize("hidden_act,how", [("gelu", "mean"), ("relu", "cls"), ("gelu_new", "last"),
                                             ("gelu", "last")])
@pytest.mark.parametrize("lengths", [[1], [40], [1, 1], [3, 40, 1, 17, 2], [7] * 5,
                                     [31, 1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 37]])
def test_tiny_bert_packed_matches_padded(hidden_act, how, lengths):
    bert = tiny_bert(hidden_act)
    rows = random_rows(lengths)
    ids, mask = padded(rows)
    with torch.inference_mode():
        ref = reference(bert, ids, mask, how)
        from_lists = packed_encoder_for(bert).pooled(pack_token_lists(rows), how)
        from_padded = packed_pool(bert, ids, mask, how)
    check(from_lists, ref, atol=1e-5)
    check(from_padded, ref, atol=1e-5)


def test_pack_layout_and_errors():
    rows = [[5, 6, 7], [8], [9, 10]]
    b = pack_token_lists(rows)
    assert b.input_ids.tolist() == [5, 6, 7, 8, 9, 10]
    assert b.position_ids.tolist() == [0, 1, 2, 0, 0, 1]
    assert b.cu_seqlens.tolist() == [0, 3, 4, 6] and b.cu_seqlens.dtype == torch.int32
    assert b.pad_index.tolist() == [0, 1, 2, 3, 6, 7] and b.max_len == 3 and len(b) == 3
    p = pack_padded(*padded(rows))
    for name in ("input_ids", "position_ids", "pad_index", "cu_seqlens", "lengths"):
        assert torch.equal(getattr(p, name), getattr(b, name)), name
    with pytest.raises(ValueError, match="empty"):
        pack_token_lists([[1], []])
    with pytest.raises(ValueError, match="no sequences"):
        pack_token_lists([])
    with pytest.raises(ValueError, match="all zeros"):
        pack_padded(torch.ones(2, 3, dtype=torch.long), torch.tensor([[1, 1, 0], [0, 0, 0]]))
    with pytest.raises(ValueError, match=r"\[b, L\]"):
        pack_padded(torch.ones(3, dtype=torch.long), torch.ones(3, dtype=torch.long))


def test_attention_groups_layout():
    assert attention_groups([256, 250, 120, 90, 30, 2]) == [(0, 2), (2, 4), (4, 6)]
    assert attention_groups([32, 5, 1]) == [(0, 3)]  # short: one group, no extra SDPA calls
    assert attention_groups([7]) == [(0, 1)]
    b = pack_token_lists([[1] * 3, [2] * 40, [3] * 1, [4] * 38])  # sorted: 40, 38 | 3, 1
    assert [g[1:] for g in b.attn_groups] == [(0, 2, 40, True), (2, 2, 3, True)]
    assert b.slot_lengths.tolist() == [40, 38, 3, 1] and not b.attn_identity
    # rows: seq 1 at 0..39, seq 3 at 40..77, then group 2 (len 3): seq 0 at 80..82, seq 2 at 83
    assert b.attn_index.tolist() == [80, 81, 82, *range(0, 40), 83, *range(40, 78)]
    assert pack_token_lists([[1, 2], [3, 4]]).attn_identity


@pytest.mark.parametrize("ratio,min_len", [(0.99, 0), (0.0, 10_000)])
def test_many_or_one_attention_group_match_padded(monkeypatch, ratio, min_len):
    """A group per distinct length, and a single padded group, both equal the padded forward."""
    import infembed.packed as packed_mod

    monkeypatch.setattr(packed_mod, "GROUP_RATIO", ratio)
    monkeypatch.setattr(packed_mod, "GROUP_MIN_LEN", min_len)
    bert = tiny_bert()
    rows = random_rows([31, 1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 37, 40, 40, 2])
    ids, mask = padded(rows)
    batch = pack_token_lists(rows)
    assert len(batch.attn_groups) == (14 if ratio else 1)
    with torch.inference_mode():
        check(packed_encoder_for(bert).pooled(batch, "mean"), reference(bert, ids, mask, "mean"), atol=1e-5)


def test_too_long_for_the_positions_is_refused():
    bert = tiny_bert(max_pos=8)
    with torch.inference_mode(), pytest.raises(ValueError, match="positions"):
        packed_encoder_for(bert).pooled(pack_token_lists([[1] * 9]), "mean")


def test_reference_paths_stay_reference(monkeypatch):
    """Gradients, training mode, left padding and INFEMBED_FORCE_REFERENCE all give None (padded forward)."""
    bert = tiny_bert()
    ids, mask = padded(random_rows([3, 5]))
    assert packed_pool(bert, ids, mask, "mean") is None  # gradients enabled
    with torch.inference_mode():
        assert packed_pool(bert, ids, mask, "mean", padding_side="left") is None
        bert.train()
        assert packed_pool(bert, ids, mask, "mean") is None
        bert.eval()
        assert packed_pool(bert, ids, mask, "mean") is not None
        monkeypatch.setenv("INFEMBED_FORCE_REFERENCE", "1")
        assert packed_pool(bert, ids, mask, "mean") is None and not can_pack(bert)


def test_cached_weights_follow_in_place_updates():
    bert = tiny_bert()
    rows = random_rows([4, 9, 2])
    ids, mask = padded(rows)
    with torch.inference_mode():
        before = packed_pool(bert, ids, mask, "mean")
        enc = packed_encoder_for(bert)
        assert packed_encoder_for(bert) is enc  # cached: the fused QKV weight is built once
    with torch.no_grad():
        bert.encoder.layer[0].attention.self.value.weight.mul_(3.0)  # reaches only the fused QKV copy
    with torch.inference_mode():
        after = packed_pool(bert, ids, mask, "mean")
        assert packed_encoder_for(bert) is not enc
        check(after, reference(bert, ids, mask, "mean"), atol=1e-5)
    assert (after - before).abs().max() > 1e-4


def test_non_bert_backbone_falls_back(minilm):
    """A decoder (tiny random Llama, the SmolLM2 family) has no packed forward; encoding still works."""
    from transformers import LlamaConfig, LlamaModel

    cfg = LlamaConfig(vocab_size=minilm.tokenizer.vocab_size, hidden_size=32, intermediate_size=64,
                      num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2)
    model = InfEmbed(LlamaModel(cfg).eval(), minilm.tokenizer,
                     InfEmbedConfig(backbone="tiny-llama", pooling="last", padding_side="left",
                                    backbone_config=cfg.to_dict()))
    assert "not a BertModel" in unsupported_reason(model.backbone)
    assert not can_pack(model.backbone, "left", "last")
    texts = texts_of([3, 0, 8, 1])
    with pytest.raises(ValueError, match="no packed forward"):
        encode_texts(model, texts, batch_size=2, packed=True)
    got = encode_texts(model, texts, batch_size=2)
    ref = model.encode_corpus(texts, batch_size=3)
    assert np.abs(got - ref).max() < 1e-5


def test_encode_paths_packed_vs_reference(minilm, monkeypatch):
    """encode_texts / encode_corpus (packed) against the same calls on the padded reference."""
    texts = texts_of([0, 1, 5, 70, 17, 2, 33, 9, 3, 1, 12])
    packed = encode_texts(minilm, texts, batch_size=4, window_batches=2)
    padded_ = encode_texts(minilm, texts, batch_size=4, window_batches=2, packed=False)
    corpus = minilm.encode_corpus(texts, batch_size=3)
    monkeypatch.setenv("INFEMBED_FORCE_REFERENCE", "1")
    corpus_ref = minilm.encode_corpus(texts, batch_size=3)
    for a, b in ((packed, padded_), (corpus, corpus_ref), (packed, corpus_ref)):
        assert a.shape == (len(texts), minilm.dim)
        assert (a * b).sum(1).min() >= 0.99999 and np.abs(a - b).max() < 2e-5


def test_shards_match_encode_corpus_reference(minilm, tmp_path, monkeypatch):
    recs = [{"_id": f"d{i}", "text": t} for i, t in enumerate(texts_of([7, 1, 0, 33, 80, 2, 18, 4, 9]))]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "out", batch_size=2, window_batches=2,
                            dtype="float32", shard_size=4, show_progress_bar=False)
    ids, emb = load_all(tmp_path / "out")
    assert ids == [r["_id"] for r in recs]
    monkeypatch.setenv("INFEMBED_FORCE_REFERENCE", "1")
    ref = minilm.encode_corpus([r["text"] for r in recs], batch_size=4)
    assert (emb * ref).sum(1).min() >= 0.99999


@pytest.mark.gpu
def test_cuda_bf16_packed_vs_fp32_reference(minilm):
    """CUDA: bf16 autocast packed forward (varlen attention when torch has it) vs the fp32 padded
    forward; and the padded-SDPA fallback of the packed path in bf16."""
    model = minilm.to("cuda")
    try:
        texts = texts_of([0, 1, 5, 255, 300, 17, 2, 64, 9, 3, 120, 1, 31])
        feats = model.tokenize(texts, 256).to("cuda")
        with torch.inference_mode():
            ref = reference(model.backbone, feats.input_ids, feats.attention_mask, "mean")
            with torch.autocast("cuda", dtype=torch.bfloat16):
                got = packed_pool(model.backbone, feats.input_ids, feats.attention_mask, "mean")
                enc = packed_encoder_for(model.backbone)
                batch = pack_padded(feats.input_ids, feats.attention_mask)
                assert isinstance(batch, PackedBatch) and batch.input_ids.is_cuda
                saved, enc._varlen = enc._varlen, None  # force the padded-SDPA branch
                try:
                    got_sdpa = enc.pooled(batch, "mean")
                finally:
                    enc._varlen = saved
        for g in (got, got_sdpa):
            assert F.cosine_similarity(g, ref, dim=-1).min().item() >= 0.999
        if saved is not None:  # torch has varlen_attn: it must have run, not fallen back with a warning
            from infembed import packed

            assert not any("varlen_attn failed" in w for w in packed._WARNED), packed._WARNED
        out = encode_texts(model, texts, batch_size=4)
        ref_np = F.normalize(ref, dim=-1).cpu().numpy()
        assert (out * ref_np).sum(1).min() >= 0.999
    finally:
        minilm.to("cpu")


# ----------------------------------------------------------------------------- the CPU path: varlen runs, workspace, bf16


def test_seq_runs_layout():
    """Runs of consecutive equal-length sequences: (first row, count, length), in packed order."""
    b = pack_token_lists([[1] * 3, [2] * 3, [3] * 5, [4] * 5, [5] * 5, [6] * 2, [7] * 3])
    assert b.seq_runs == ((0, 2, 3), (6, 3, 5), (21, 1, 2), (23, 1, 3))
    assert pack_token_lists([[1]]).seq_runs == ((0, 1, 1),)
    assert pack_padded(*padded([[5, 6], [7, 8], [9]])).seq_runs == ((0, 2, 2), (4, 1, 1))


@pytest.mark.parametrize("lengths", [
    [1], [2, 2, 2], [40, 40, 39, 38, 38, 38, 7, 7, 1],           # sorted: few runs
    [3, 40, 1, 17, 2, 17, 17, 1, 1],                              # unsorted: runs of one and of three
    [31, 1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 37],              # 13 (prime) distinct lengths
])
@pytest.mark.parametrize("how", ["mean", "cls", "last"])
def test_cpu_varlen_attention_matches_padded(lengths, how):
    """The CPU forward (one unmasked SDPA per equal-length run, no padding) against the padded HF forward."""
    bert = tiny_bert()
    rows = random_rows(lengths)
    ids, mask = padded(rows)
    with torch.inference_mode():
        check(packed_encoder_for(bert).pooled(pack_token_lists(rows), how), reference(bert, ids, mask, how),
              atol=1e-5)


def test_cpu_workspace_reuse_does_not_leak_between_batches():
    """Batches of growing, shrinking and regrowing size through one encoder (its buffers reused and
    regrown) give what a fresh encoder gives for each batch alone."""
    bert = tiny_bert()
    sizes = [[40, 33, 33, 2], [1], [7, 7, 7, 3, 1], [40] * 9 + [39, 2], [5, 3]]
    enc = packed_encoder_for(bert)
    enc.release_workspace()
    with torch.inference_mode():
        got = [enc.pooled(pack_token_lists(random_rows(ls)), "mean") for ls in sizes]
        for ls, g in zip(sizes, got):
            fresh = PackedBert(bert).pooled(pack_token_lists(random_rows(ls)), "mean")
            torch.testing.assert_close(g, fresh, atol=1e-6, rtol=0)
        assert "ws" in enc._local.__dict__
        h1 = enc.hidden(pack_token_lists(random_rows([9, 4])))
        h1_copy = h1.clone()
        enc.hidden(pack_token_lists(random_rows([40, 40, 40])))  # must not overwrite what hidden returned
        assert torch.equal(h1, h1_copy)
    enc.release_workspace()
    assert "ws" not in enc._local.__dict__


def test_cpu_workspace_is_per_thread():
    """Two threads sharing one cached encoder (each with its own workspace) get the serial results."""
    from concurrent.futures import ThreadPoolExecutor

    bert = tiny_bert()
    batches = [pack_token_lists(random_rows(ls)) for ls in ([40, 3, 3], [7] * 6, [1, 2, 39], [20] * 4, [11, 13])] * 3
    enc = packed_encoder_for(bert)
    with torch.inference_mode():
        serial = [enc.pooled(b, "mean") for b in batches]

    def run(b):
        with torch.inference_mode():
            return enc.pooled(b, "mean")

    with ThreadPoolExecutor(2) as pool:
        threaded = list(pool.map(run, batches))
    for s, t in zip(serial, threaded):
        torch.testing.assert_close(t, s, atol=1e-6, rtol=0)


def test_encode_pipeline_releases_the_workspace(minilm):
    encode_texts(minilm, texts_of([3, 40, 1]), batch_size=2)
    assert "ws" not in packed_encoder_for(minilm.backbone)._local.__dict__


@pytest.mark.parametrize("onednn", [True, False])
def test_cpu_bf16_packed_error_within_twice_the_padded_bf16_error(minilm, monkeypatch, onednn):
    """bf16 autocast on the CPU (GEMMs by oneDNN's fused linear, or by addmm): the packed forward's
    error against the fp32 padded reference is at most 2× that of the padded HF forward under the
    same autocast (odd batch: prime count, unsorted, equal lengths, truncation), and cosine ≥ 0.999."""
    import infembed.packed as packed_mod

    if onednn and packed_mod._onednn_linear() is None:
        pytest.skip("oneDNN bf16 linear unavailable here")
    monkeypatch.setattr(packed_mod, "_ONEDNN_BF16", onednn)
    feats = minilm.tokenize(texts_of([0, 300, 5, 17, 17, 2, 64, 9, 255, 3, 120, 1, 31]), 256)
    bert = minilm.backbone.eval()
    with torch.inference_mode():
        ref = reference(bert, feats.input_ids, feats.attention_mask, "mean")
        with torch.autocast("cpu", dtype=torch.bfloat16):
            ours = packed_pool(bert, feats.input_ids, feats.attention_mask, "mean")
            hf = reference(bert, feats.input_ids, feats.attention_mask, "mean")
    ours_err, hf_err = (ours - ref).abs().max().item(), (hf - ref).abs().max().item()
    assert ours.dtype == torch.float32 and ours_err <= 2 * hf_err, (ours_err, hf_err)
    assert F.cosine_similarity(ours, ref, dim=-1).min().item() >= 0.999


@pytest.mark.parametrize("lengths", [[31, 1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 37, 40, 40, 2], [7] * 5, [3, 40, 1]])
def test_grouped_padded_attention_path_matches_padded(lengths):
    """The non-CPU forward's grouped, padded SDPA (CUDA without varlen_attn), run here on the CPU."""
    bert = tiny_bert()
    rows = random_rows(lengths)
    ids, mask = padded(rows)
    enc = packed_encoder_for(bert)
    with torch.inference_mode():
        x = enc._hidden_generic(pack_token_lists(rows))  # [T, H]
        ref = bert(input_ids=ids, attention_mask=mask).last_hidden_state[mask.bool()]  # [T, H], packed order
    check(x, ref, atol=1e-5)
