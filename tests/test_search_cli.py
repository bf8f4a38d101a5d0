"""`infembed index build` + `infembed search` end to end on shards written here, with real MiniLM."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from infembed.cli import app
from infembed.data import read_trec_run
from infembed.shards import MANIFEST_FORMAT, MANIFEST_NAME, atomic_write_json, write_shard

PASSAGES = {
    "bake": "Preheat the oven and bake the sourdough loaf for forty minutes until the crust is dark.",
    "bike": "To fix a flat bicycle tyre, remove the inner tube, find the puncture and apply a patch.",
    "dog": "Puppies should be house-trained with a regular schedule and praise after going outside.",
    "tax": "Self-employed workers must file quarterly estimated tax payments to avoid penalties.",
    "rose": "Prune rose bushes in late winter, cutting just above an outward-facing bud.",
    "guitar": "Tune the guitar's low E string first, then tune each string relative to the one below.",
}
QUERIES = [
    {"_id": "q1", "text": "how do I repair a punctured tire", "instruction": "bicycle maintenance"},
    {"_id": "q2", "text": "training a young dog", "instruction": ""},
    {"_id": "q3", "text": "bread", "instruction": "find baking instructions"},
]


def write_embedding_shards(directory, model, fingerprint):
    pids = list(PASSAGES)
    emb = model.encode_corpus([PASSAGES[p] for p in pids])  # [6, 384] float32, normalised
    entries = [write_shard(directory, 0, pids[:4], emb[:4].astype(np.float16)),
               write_shard(directory, 1, pids[4:], emb[4:].astype(np.float16))]
    atomic_write_json(directory / MANIFEST_NAME, {
        "format": MANIFEST_FORMAT, "model_fingerprint": fingerprint, "dim": int(emb.shape[1]), "dtype": "float16",
        "normalized": True, "settings": {}, "shards": entries, "complete": True})


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, minilm):
    root = tmp_path_factory.mktemp("cli")
    model_dir = root / "model"
    minilm.save_pretrained(model_dir)
    (root / "emb").mkdir()
    write_embedding_shards(root / "emb", minilm, minilm.fingerprint())
    (root / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in QUERIES))
    return root, model_dir


@pytest.mark.parametrize("kind", ["exact", "hnsw"])
def test_index_build_and_search_write_a_trec_run(workspace, kind):
    root, model_dir = workspace
    runner = CliRunner()
    extra = ["--M", "8", "--ef-construction", "20", "--threads", "1", "--seed", "5"] if kind == "hnsw" else []
    res = runner.invoke(app, ["index", "build", "--embeddings", str(root / "emb"), "--out", str(root / kind),
                              "--kind", kind, *extra])
    assert res.exit_code == 0, res.output
    out = root / f"{kind}.trec"
    args = ["search", "--index", str(root / kind), "--model", str(model_dir), "--queries", str(root / "queries.jsonl"),
            "--top-k", "3", "--out", str(out), "--batch-size", "2"]
    res = runner.invoke(app, args + (["--ef", "10"] if kind == "hnsw" else []))
    assert res.exit_code == 0, res.output
    lines = out.read_text().splitlines()
    assert len(lines) == 9 and all(len(line.split()) == 6 and line.split()[1] == "Q0" for line in lines)
    run = read_trec_run(out)
    best = {q: max(docs, key=docs.get) for q, docs in run.items()}
    assert best == {"q1": "bike", "q2": "dog", "q3": "bake"}, run


def test_search_refuses_another_models_index(workspace, tmp_path):
    root, model_dir = workspace
    other = tmp_path / "emb"
    other.mkdir()
    from infembed.model import InfEmbed

    write_embedding_shards(other, InfEmbed.from_pretrained(model_dir), "0" * 64)  # claims another model
    runner = CliRunner()
    assert runner.invoke(app, ["index", "build", "--embeddings", str(other), "--out", str(tmp_path / "i"),
                               "--kind", "exact"]).exit_code == 0
    res = runner.invoke(app, ["search", "--index", str(tmp_path / "i"), "--model", str(model_dir), "--queries",
                              str(root / "queries.jsonl"), "--top-k", "2", "--out", str(tmp_path / "r.trec")])
    assert res.exit_code != 0
    assert "encode the corpus with this model" in res.output
    assert not (tmp_path / "r.trec").exists()


def test_search_refuses_query_ids_a_trec_run_cannot_hold(workspace, tmp_path):
    """A query id with whitespace would give a 7-column TREC line that read_trec_run rejects: no run."""
    root, model_dir = workspace
    runner = CliRunner()
    assert runner.invoke(app, ["index", "build", "--embeddings", str(root / "emb"), "--out", str(tmp_path / "i"),
                               "--kind", "exact"]).exit_code == 0
    (tmp_path / "q.jsonl").write_text(json.dumps({"_id": "q 1", "text": "bread"}) + "\n")
    res = runner.invoke(app, ["search", "--index", str(tmp_path / "i"), "--model", str(model_dir), "--queries",
                              str(tmp_path / "q.jsonl"), "--top-k", "2", "--out", str(tmp_path / "r.trec")])
    assert res.exit_code != 0
    assert "'q 1'" in res.output + str(res.exception) and "whitespace" in res.output + str(res.exception)
    assert not (tmp_path / "r.trec").exists()


def test_encode_and_search_take_the_model_options(workspace, tmp_path, caplog):
    """--pooling given to encode must be given to search (the index refuses the other pooling's
    queries); --query-template shapes only the queries, so any template searches the same index."""
    from infembed.model import InfEmbed

    root, model_dir = workspace
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"_id": k, "text": v}) + "\n" for k, v in PASSAGES.items()))
    runner = CliRunner()
    res = runner.invoke(app, ["encode", "--model", str(model_dir), "--corpus", str(corpus), "--out",
                              str(tmp_path / "emb"), "--pooling", "cls", "--no-progress"])
    assert res.exit_code == 0, res.output
    cls_model = InfEmbed.from_pretrained(str(model_dir), pooling="cls")
    assert json.loads((tmp_path / "emb" / MANIFEST_NAME).read_text())["model_fingerprint"] == cls_model.fingerprint()
    res = runner.invoke(app, ["index", "build", "--embeddings", str(tmp_path / "emb"), "--out", str(tmp_path / "ix")])
    assert res.exit_code == 0, res.output
    search = ["search", "--index", str(tmp_path / "ix"), "--model", str(model_dir), "--queries",
              str(root / "queries.jsonl"), "--top-k", "3"]
    res = runner.invoke(app, [*search, "--out", str(tmp_path / "mean.trec")])
    assert res.exit_code == 2 and "built from embeddings of model" in res.output and "--pooling" in res.output
    runs = {}
    for template in ("{query} {instruction}", "{instruction}: {query}"):
        out = tmp_path / f"{len(runs)}.trec"
        res = runner.invoke(app, [*search, "--out", str(out), "--pooling", "cls", "--query-template", template])
        assert res.exit_code == 0, res.output
        runs[template] = read_trec_run(out)
    q = cls_model.encode_queries(["bread"], ["find baking instructions"], normalize=True)
    q2 = InfEmbed.from_pretrained(str(model_dir), pooling="cls", query_template="{instruction}: {query}") \
        .encode_queries(["bread"], ["find baking instructions"], normalize=True)
    assert not np.allclose(q, q2)  # the template really changed the query texts
    assert runs["{query} {instruction}"]["q3"] != runs["{instruction}: {query}"]["q3"]
    # --query-max-length is a query-side setting too (same index): every query cut to 2 tokens, counted
    with caplog.at_level("WARNING", logger="infembed.model"):
        res = runner.invoke(app, [*search, "--out", str(tmp_path / "short.trec"), "--pooling", "cls",
                                  "--query-max-length", "2"])
    assert res.exit_code == 0, res.output
    assert "3 of 3 queries were longer than 2 tokens" in caplog.text
    short = read_trec_run(tmp_path / "short.trec")
    assert any(short[q] != runs["{query} {instruction}"][q] for q in short)
    res = runner.invoke(app, [*search, "--out", str(tmp_path / "bad.trec"), "--pooling", "max"])
    assert res.exit_code == 2 and "--pooling" in res.output and "mean, cls, last" in res.output, res.output
