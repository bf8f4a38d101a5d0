"""Remote paths through fsspec: ``encode`` reads a corpus from and writes shards to a URL (here
fsspec's in-process ``memory://``), bitwise the local result; resume, byte-range parts and ``.gz``
work there too; an unknown protocol or a missing backend is a user error naming the fix."""

from __future__ import annotations

import gzip
import importlib.util
import io as _io
import json
import uuid

import numpy as np
import pytest
from conftest import assert_user_error
from test_embed import SMALL, make_passages, write_jsonl
from typer.testing import CliRunner

from infembed.data import DataError, iter_beir_corpus
from infembed.embed import encode_corpus_to_shards
from infembed.io import atomic_write_bytes, filesystem, list_names, read_bytes
from infembed.shards import load_all, read_manifest

fsspec = pytest.importorskip("fsspec")


@pytest.fixture
def mem():
    """A fresh ``memory://`` folder (the store is process-global: removed afterwards)."""
    root = f"memory://infembed-test-{uuid.uuid4().hex[:8]}"
    yield root
    fs, path = filesystem(root)
    if fs.exists(path):
        fs.rm(path, recursive=True)


def jsonl_bytes(recs) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in recs).encode()


def remote_shards(url: str) -> tuple[dict, list[str], np.ndarray]:
    """``(manifest, ids, embeddings)`` of a shard directory read back through fsspec."""
    manifest = json.loads(read_bytes(f"{url}/manifest.json"))
    ids, arrays = [], []
    for s in manifest["shards"]:
        ids += read_bytes(f"{url}/{s['name']}.ids").decode().split("\n")[:-1]
        arrays.append(np.load(_io.BytesIO(read_bytes(f"{url}/{s['name']}.npy")), allow_pickle=False))
    return manifest, ids, np.concatenate(arrays)


def without_paths(manifest: dict) -> dict:
    """The manifest apart from where the corpus lives and when it was written."""
    m = json.loads(json.dumps(manifest))
    for key in ("corpus", "corpus_mtime_ns"):
        m["settings"].pop(key)
    return m


def test_memory_to_memory_equals_a_local_encode(minilm, tmp_path, mem):
    recs = make_passages(23, seed=21)
    write_jsonl(tmp_path / "c.jsonl", recs)
    atomic_write_bytes(f"{mem}/in/c.jsonl", jsonl_bytes(recs))
    local = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "out", shard_size=10, **SMALL)
    remote = encode_corpus_to_shards(minilm, f"{mem}/in/c.jsonl", f"{mem}/out", shard_size=10, **SMALL)
    assert remote["complete"] and remote["passages"] == local["passages"] == 23
    manifest, ids, emb = remote_shards(f"{mem}/out")
    ids1, emb1 = load_all(tmp_path / "out")
    assert ids == ids1 == [r["_id"] for r in recs]
    assert emb.dtype == emb1.dtype and np.array_equal(emb, emb1)  # bitwise
    local_manifest = read_manifest(tmp_path / "out")
    assert without_paths(manifest) == without_paths(local_manifest)  # checksums, counts, stats, settings
    assert manifest["settings"]["corpus"] == f"memory:///{mem.removeprefix('memory://')}/in/c.jsonl"
    # every file was written under its final name, nothing temporary left behind
    assert list_names(f"{mem}/out") == sorted(p.name for p in (tmp_path / "out").iterdir())
    # A rerun resumes from the remote manifest (checksums read back through fsspec).
    again = encode_corpus_to_shards(minilm, f"{mem}/in/c.jsonl", f"{mem}/out", shard_size=10, **SMALL)
    assert again["shards_resumed"] == 3 and again["encoded"] == 0
    with pytest.raises(ValueError, match="settings.max_length"):
        encode_corpus_to_shards(minilm, f"{mem}/in/c.jsonl", f"{mem}/out", shard_size=10, max_length=32, **SMALL)
    fixed = encode_corpus_to_shards(minilm, f"{mem}/in/c.jsonl", f"{mem}/out", shard_size=10, max_length=32,
                                    overwrite=True, **SMALL)
    assert fixed["shards_written"] == 3 and json.loads(read_bytes(f"{mem}/out/manifest.json"))["complete"]


def test_remote_parts_and_gzip(minilm, tmp_path, mem):
    recs = make_passages(17, seed=22)
    atomic_write_bytes(f"{mem}/c.jsonl", jsonl_bytes(recs))
    parts = [encode_corpus_to_shards(minilm, f"{mem}/c.jsonl", f"{mem}/split", shard_id=i, num_shards=3,
                                     shard_size=4, **SMALL) for i in range(3)]
    assert [s["split"] for s in parts] == ["ranges"] * 3 and parts[-1]["complete"]
    manifest, ids, _ = remote_shards(f"{mem}/split")
    assert ids == [r["_id"] for r in recs] and manifest["stats"]["passages"] == 17
    # a gzip corpus is decompressed through fsspec, and read whole
    atomic_write_bytes(f"{mem}/c.jsonl.gz", gzip.compress(jsonl_bytes(recs)))
    assert [r.id for r in iter_beir_corpus(f"{mem}/c.jsonl.gz")] == [r["_id"] for r in recs]
    s = encode_corpus_to_shards(minilm, f"{mem}/c.jsonl.gz", tmp_path / "gz", shard_size=4, **SMALL)
    assert s["passages"] == 17 and load_all(tmp_path / "gz")[0] == ids
    # a bad line of a remote file is named with the URL and its line
    atomic_write_bytes(f"{mem}/bad.jsonl", jsonl_bytes(recs[:4]) + b"{oops\n")
    with pytest.raises(DataError, match=r"memory://.*/bad\.jsonl:5: invalid JSON"):
        encode_corpus_to_shards(minilm, f"{mem}/bad.jsonl", tmp_path / "bad", **SMALL)


def test_unknown_protocol_and_missing_backend_are_user_errors(minilm, tmp_path):
    with pytest.raises(ValueError, match=r"unknown protocol 'nosuchfs://'"):
        encode_corpus_to_shards(minilm, "nosuchfs://bucket/c.jsonl", tmp_path / "o", **SMALL)
    runner = CliRunner()
    from infembed.cli import app

    write_jsonl(tmp_path / "c.jsonl", make_passages(3))
    base = ["encode", "--model", "minilm", "--no-progress"]
    res = runner.invoke(app, [*base, "--corpus", "nosuchfs://bucket/c.jsonl", "--out", str(tmp_path / "o")])
    assert_user_error(res, "unknown protocol 'nosuchfs://'")
    if importlib.util.find_spec("s3fs") is None:  # the usual case: fsspec knows s3:// but s3fs is absent
        res = runner.invoke(app, [*base, "--corpus", str(tmp_path / "c.jsonl"), "--out", "s3://bucket/shards"])
        assert_user_error(res, "s3://bucket/shards", "pip install s3fs")
        with pytest.raises(ValueError, match="pip install s3fs"):
            encode_corpus_to_shards(minilm, "s3://bucket/c.jsonl", tmp_path / "o", **SMALL)
    res = runner.invoke(app, [*base, "--corpus", "memory://infembed-missing/c.jsonl", "--out", str(tmp_path / "o")])
    assert_user_error(res, "memory://infembed-missing/c.jsonl")
    assert not (tmp_path / "o").exists()


def test_cli_encodes_to_a_url_and_index_build_asks_for_a_local_copy(minilm, tmp_path, mem):
    from infembed.cli import app

    recs = make_passages(6, seed=23)
    atomic_write_bytes(f"{mem}/c.jsonl", jsonl_bytes(recs))
    res = CliRunner().invoke(app, ["encode", "--model", "minilm", "--corpus", f"{mem}/c.jsonl", "--out",
                                   f"{mem}/shards", "--no-progress"])
    assert res.exit_code == 0, res.output
    assert remote_shards(f"{mem}/shards")[1] == [r["_id"] for r in recs]
    with pytest.raises(ValueError, match="local folders only"):
        read_manifest(f"{mem}/shards")
