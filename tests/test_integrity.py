"""What index build and index/search load refuse: stale or damaged shards, non-finite rows and
queries, ids that a TREC run or an ``.ids`` file cannot carry, truncated files. Every refusal names
the file (and the row/line) and says what to do."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from test_embed import SMALL, make_passages, write_jsonl
from typer.testing import CliRunner

import infembed.shards as shards_mod
from infembed.cli import app
from infembed.data import (
    DataError,
    check_id,
    id_problem,
    iter_beir_corpus,
    read_beir_corpus,
    read_trec_run,
    write_trec_run,
)
from infembed.embed import encode_corpus_to_shards
from infembed.index import INDEX_MANIFEST, build_index, load_index
from infembed.search import search_shards
from infembed.shards import MANIFEST_FORMAT, MANIFEST_NAME, atomic_write_json, load_all, write_shard

DIM = 16


def unit_rows(n: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, DIM))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def write_dir(directory, arrays, fingerprint="model-a"):
    """A shard directory as `infembed encode` writes it: ids p0.., one manifest entry per array."""
    directory.mkdir(exist_ok=True)
    entries, start = [], 0
    for n, emb in enumerate(arrays):
        entries.append(write_shard(directory, n, [f"p{start + j}" for j in range(len(emb))], emb))
        start += len(emb)
    atomic_write_json(directory / MANIFEST_NAME, {
        "format": MANIFEST_FORMAT, "model_fingerprint": fingerprint, "dim": DIM, "dtype": "float32",
        "normalized": True, "settings": {}, "shards": entries, "complete": True})
    return directory


def backdate(directory, seconds: float = 60.0) -> None:
    """Make every file older than the racy window, as shards encoded well before a build are."""
    t = int((os.path.getmtime(directory) - seconds) * 1e9)
    for p in directory.iterdir():
        os.utime(p, ns=(t, t))


def scribble(path, value: float = 0.25) -> None:
    """Finite garbage over the first data row of a float32 .npy, keeping its size (and header)."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size - 2 * 4 * DIM * 3)  # a row near the end: inside the array, never the header
        f.write(np.full(DIM, value, np.float32).tobytes())
    assert path.stat().st_size == size


@pytest.fixture
def emb_dir(tmp_path):
    return write_dir(tmp_path / "emb", [unit_rows(40, 0), unit_rows(30, 1)])


# ----------------------------------------------------------------------------- 1. stale exact index


def test_exact_index_refuses_shards_reencoded_by_another_model(emb_dir, tmp_path):
    build_index(emb_dir, tmp_path / "ex", "exact", progress=False)
    load_index(tmp_path / "ex", model_fingerprint="model-a")  # fine as built
    write_dir(emb_dir, [unit_rows(40, 7), unit_rows(30, 8)], fingerprint="model-b")  # `encode --overwrite`
    with pytest.raises(DataError, match=r"now holds embeddings of model model-b.*re-encoded.*infembed index build"):
        load_index(tmp_path / "ex", model_fingerprint="model-a")


def test_exact_index_refuses_shards_reencoded_by_the_same_model(emb_dir, tmp_path):
    build_index(emb_dir, tmp_path / "ex", "exact", progress=False)
    write_dir(emb_dir, [unit_rows(25, 7)])  # same model, another corpus
    with pytest.raises(DataError, match=r"manifest\.json changed since the index .* was built.*infembed index build"):
        load_index(tmp_path / "ex", model_fingerprint="model-a")


def test_cli_search_refuses_exact_index_after_encode_overwrite_with_another_model(minilm, tmp_path):
    """The report's case end to end: encode (A) → index build → encode --overwrite (B) → search (A)."""
    import torch

    from infembed.model import InfEmbed

    model_a, model_b = tmp_path / "model-a", tmp_path / "model-b"
    minilm.save_pretrained(model_a)
    other = InfEmbed.from_pretrained(model_a)
    with torch.no_grad():
        next(other.parameters()).add_(0.01)  # same architecture and dim, another fingerprint
    other.save_pretrained(model_b)
    corpus, queries = tmp_path / "corpus.jsonl", tmp_path / "queries.jsonl"
    write_jsonl(corpus, make_passages(12, max_words=8))
    write_jsonl(queries, [{"_id": "q1", "text": "granite river"}])
    runner = CliRunner()

    def ok(args):
        res = runner.invoke(app, args)
        assert res.exit_code == 0, res.output
        return res

    encode = ["encode", "--corpus", str(corpus), "--out", str(tmp_path / "emb"), "--no-progress", "--batch-size", "4"]
    ok(encode + ["--model", str(model_a)])
    ok(["index", "build", "--embeddings", str(tmp_path / "emb"), "--out", str(tmp_path / "idx"), "--kind", "exact"])
    search = ["search", "--index", str(tmp_path / "idx"), "--model", str(model_a), "--queries", str(queries),
              "--top-k", "3", "--out", str(tmp_path / "run.trec")]
    ok(search)
    (tmp_path / "run.trec").unlink()
    ok(encode + ["--model", str(model_b), "--overwrite"])
    res = runner.invoke(app, search)
    assert res.exit_code != 0
    assert "re-encoded" in res.output and "infembed index build" in res.output, res.output
    assert not (tmp_path / "run.trec").exists()


# ----------------------------------------------------------------------------- 2. checksums


def test_build_refuses_shard_that_fails_its_manifest_checksum(emb_dir, tmp_path):
    scribble(emb_dir / "shard-00001.npy")
    for kind in ("exact", "hnsw"):
        with pytest.raises(DataError, match=r"shard-00001\.npy: sha256 .* does not match the manifest"):
            build_index(emb_dir, tmp_path / kind, kind, progress=False)
        assert not (tmp_path / kind / INDEX_MANIFEST).exists()


def test_build_records_the_verified_shard_state(emb_dir, tmp_path):
    m = build_index(emb_dir, tmp_path / "ex", "exact", progress=False)
    assert sorted(m.shard_files) == ["shard-00000.ids", "shard-00000.npy", "shard-00001.ids", "shard-00001.npy"]
    recorded = json.loads((tmp_path / "ex" / INDEX_MANIFEST).read_text())["shard_files"]["shard-00001.npy"]
    st = (emb_dir / "shard-00001.npy").stat()
    assert recorded["size"] == st.st_size and recorded["mtime_ns"] == st.st_mtime_ns
    assert recorded["sha256"] == read_manifest_entry(emb_dir, "shard-00001")["sha256"]


def read_manifest_entry(directory, name):
    return next(e for e in json.loads((directory / MANIFEST_NAME).read_text())["shards"] if e["name"] == name)


@pytest.mark.parametrize("racy", [True, False])
def test_search_load_refuses_shard_changed_after_build(emb_dir, tmp_path, racy):
    if not racy:
        backdate(emb_dir)
    build_index(emb_dir, tmp_path / "ex", "exact", progress=False)
    mtime = (emb_dir / "shard-00000.npy").stat().st_mtime_ns
    scribble(emb_dir / "shard-00000.npy")
    if racy:  # a rewrite in the same clock tick as the build keeps the mtime: the sha256 still tells
        os.utime(emb_dir / "shard-00000.npy", ns=(mtime, mtime))
    with pytest.raises(DataError, match=r"shard-00000\.npy: its content changed.*infembed index build.*infembed encode"):
        load_index(tmp_path / "ex", model_fingerprint="model-a")


def test_search_load_is_one_stat_per_unchanged_shard(emb_dir, tmp_path, monkeypatch):
    backdate(emb_dir)
    build_index(emb_dir, tmp_path / "ex", "exact", progress=False)
    hashed = []
    real = shards_mod.file_sha256
    monkeypatch.setattr(shards_mod, "file_sha256", lambda p: hashed.append(p.name) or real(p))
    load_index(tmp_path / "ex")
    assert not [n for n in hashed if n.startswith("shard-")], hashed
    t = (emb_dir / "shard-00000.npy").stat().st_mtime_ns + 10**9
    os.utime(emb_dir / "shard-00000.npy", ns=(t, t))  # touched, same bytes: re-hashed and accepted
    load_index(tmp_path / "ex")
    assert "shard-00000.npy" in hashed
    (emb_dir / "shard-00001.ids").write_text("".join(f"x{j + 40}\n" for j in range(30)))  # same size, other ids
    with pytest.raises(DataError, match=r"shard-00001\.ids: its content changed"):
        load_index(tmp_path / "ex")


# ----------------------------------------------------------------------------- 3. non-finite rows


@pytest.mark.parametrize("kind", ["hnsw", "exact"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_build_refuses_non_finite_rows(tmp_path, kind, bad):
    second = unit_rows(30, 1)
    second[5, 3] = bad
    d = write_dir(tmp_path / "emb", [unit_rows(40, 0), second])
    with pytest.raises(DataError, match=r"shard-00001\.npy: row 5 \(passage id 'p45'\) holds a non-finite value"):
        build_index(d, tmp_path / "idx", kind, M=4, ef_construction=10, threads=1, progress=False)
    assert not (tmp_path / "idx" / INDEX_MANIFEST).exists()


@pytest.mark.parametrize("kind", ["hnsw", "exact"])
def test_search_refuses_non_finite_queries(emb_dir, tmp_path, kind):
    build_index(emb_dir, tmp_path / "idx", kind, M=4, ef_construction=10, threads=1, progress=False)
    idx = load_index(tmp_path / "idx", model_fingerprint="model-a")
    q = unit_rows(3, 9)
    s, _, _ = idx.search(q, 5)
    assert np.isfinite(s).all()
    q[2, 0] = np.nan
    with pytest.raises(ValueError, match=r"query embedding row 2 .* non-finite"):
        idx.search(q, 5)


# ----------------------------------------------------------------------------- 4. one id rule


BAD_IDS = ["a b", "a\tb", "a\u2028b", "a\u2029b", "a\nb", "a\rb", "a\x85b", "a\u00a0b", "a\u3000b", "a\x1cb",
           " lead", "trail ", ""]


def test_id_rule_is_str_isspace_and_non_empty():
    for pid in BAD_IDS:
        assert id_problem(pid) is not None, pid
    for pid in ["p1", "doc-1_x", "ünïcødé", "a\u200bb", "42"]:  # zero-width space is not whitespace
        assert id_problem(pid) is None, pid
    assert check_id(7, "f:1") == "7"
    for raw in [None, True, 1.5, ""]:
        with pytest.raises(DataError, match=r"f:1: missing or empty field '_id'"):
            check_id(raw, "f:1")


@pytest.mark.parametrize("pid", [p for p in BAD_IDS if p])
def test_corpus_reader_and_dict_refuse_ids_with_whitespace(tmp_path, pid):
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, [{"_id": "ok", "text": "fine"}, {"_id": pid, "text": "bad id"}])
    pattern = r"corpus\.jsonl:2: passage id .* contains (whitespace|a newline) \(U\+"
    with pytest.raises(DataError, match=pattern):
        list(iter_beir_corpus(path))
    with pytest.raises(DataError, match=pattern):
        read_beir_corpus(path)
    assert [r.id for r in iter_beir_corpus(path, skip_invalid=True)] == ["ok"]
    assert read_beir_corpus(path, skip_invalid=True) == {"ok": "fine"}


def test_encode_skips_and_counts_bad_ids(minilm, tmp_path):
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, [{"_id": "p0", "text": "kept"}] + [{"_id": p, "text": "x"} for p in BAD_IDS]
                + [{"_id": "p1", "text": "kept too"}])
    with pytest.raises(DataError, match=r"corpus\.jsonl:2: passage id 'a b' contains whitespace"):
        encode_corpus_to_shards(minilm, path, tmp_path / "o", **SMALL)
    s = encode_corpus_to_shards(minilm, path, tmp_path / "o2", skip_invalid=True, **SMALL)
    assert s["skipped_invalid"] == len(BAD_IDS) and s["passages"] == 2
    assert load_all(tmp_path / "o2")[0] == ["p0", "p1"]


def test_shard_writer_and_trec_run_writer_refuse_bad_ids(tmp_path):
    for pid in BAD_IDS:
        with pytest.raises(ValueError, match="passage id"):
            write_shard(tmp_path, 0, ["ok", pid], unit_rows(2, 0))
        with pytest.raises(ValueError, match=r"run\.trec: cannot write the TREC run: passage id"):
            write_trec_run(tmp_path / "run.trec", {"q1": [("ok", 1.0), (pid, 0.5)]})
        with pytest.raises(ValueError, match=r"run\.trec: cannot write the TREC run: query id"):
            write_trec_run(tmp_path / "run.trec", {pid: [("ok", 1.0)]})
    assert not (tmp_path / "run.trec").exists()
    with pytest.raises(ValueError, match="run tag"):
        write_trec_run(tmp_path / "run.trec", {"q1": [("ok", 1.0)]}, tag="my run")


def test_read_trec_run_wants_exactly_six_columns(tmp_path):
    (tmp_path / "r.trec").write_text("q1 Q0 d1 1 0.5 t\nq1 Q0 d 2 2 0.4 t\n")
    with pytest.raises(DataError, match=r"r\.trec:2: .*6 whitespace-separated columns.*has 7"):
        read_trec_run(tmp_path / "r.trec")


# ----------------------------------------------------------------------------- 5. truncated files


def test_truncated_shard_is_named(emb_dir, tmp_path):
    build_index(emb_dir, tmp_path / "ex", "exact", progress=False)
    npy = emb_dir / "shard-00001.npy"
    npy.write_bytes(npy.read_bytes()[:-100])
    for call in (lambda: search_shards(unit_rows(2, 3), emb_dir, 3), lambda: load_all(emb_dir),
                 lambda: build_index(emb_dir, tmp_path / "h", "hnsw", progress=False)):
        with pytest.raises(DataError, match=r"shard-00001\.npy: \d+ bytes, but its header .* truncated.*infembed encode"):
            call()
    with pytest.raises(DataError, match=r"shard-00001\.npy: \d+ bytes, but \d+ when it was checked.*index build"):
        load_index(tmp_path / "ex")
    npy.write_bytes(b"\x93NUMPY")  # not even a header
    with pytest.raises(DataError, match=r"shard-00001\.npy: not a readable \.npy file"):
        load_all(emb_dir)
    npy.unlink()
    with pytest.raises(DataError, match=r"shard-00001\.npy is missing"):
        load_all(emb_dir)


@pytest.mark.parametrize("name", ["hnsw.bin", "ids.txt"])
def test_missing_or_truncated_hnsw_files_are_named(emb_dir, tmp_path, name):
    build_index(emb_dir, tmp_path / "h", "hnsw", M=4, ef_construction=10, threads=1, progress=False)
    path = tmp_path / "h" / name
    path.write_bytes(path.read_bytes()[:-7])
    with pytest.raises(DataError, match=rf"{name}: \d+ bytes, but \d+ when it was checked.*infembed index build"):
        load_index(tmp_path / "h")
    path.unlink()
    with pytest.raises(DataError, match=rf"{name} is missing.*infembed index build --embeddings .* --kind hnsw"):
        load_index(tmp_path / "h")


def test_index_from_another_version_is_refused_with_rebuild(emb_dir, tmp_path):
    build_index(emb_dir, tmp_path / "ex", "exact", progress=False)
    path = tmp_path / "ex" / INDEX_MANIFEST
    raw = json.loads(path.read_text())
    path.write_text(json.dumps({**raw, "format": "infembed-index/1"}))
    with pytest.raises(DataError, match=r"format 'infembed-index/1' .* rebuild it"):
        load_index(tmp_path / "ex")
    path.write_text("{")
    with pytest.raises(DataError, match=r"index\.json: not valid JSON"):
        load_index(tmp_path / "ex")
