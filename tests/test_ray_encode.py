"""Ray Data encoding (infembed.ray_encode): read_json → map_batches(EncodeActor) writes the shard
directory of ``infembed encode`` bitwise (shards and manifest.json), ``index build`` accepts it, and
bad records / duplicate ids are named with their lines. One local Ray instance for the module."""

from __future__ import annotations

import json

import pytest
import torch
from test_embed import joined, make_passages, shard_bytes, write_jsonl
from typer.testing import CliRunner

from infembed.data import DataError
from infembed.embed import encode_corpus_to_shards
from infembed.shards import load_all, read_manifest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

from infembed.ray_encode import encode_corpus_with_ray  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray's own DataContext fields

SETTINGS = dict(shard_size=10, batch_size=4, window_batches=2, dtype="float32")


@pytest.fixture(scope="module", autouse=True)
def ray_instance():
    """A local Ray on 2 CPUs (the encoder actor takes 1, the read tasks the other)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


@pytest.fixture
def one_thread():
    """CPU GEMMs round differently with another thread count: a CPU actor runs torch on its 1 CPU,
    so the local reference does too (on GPUs the CPU threads play no part)."""
    saved = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(saved)


def test_ray_writes_the_shards_of_infembed_encode_bitwise(minilm, tmp_path, one_thread):
    recs = make_passages(45, seed=11)
    recs[7]["text"] = ""  # an empty passage is encoded and counted, as encode does
    corpus = tmp_path / "c.jsonl"
    # CRLF and a blank line: pyarrow's reader and infembed's see the same records
    corpus.write_text("\r\n".join(json.dumps(r) for r in recs[:20]) + "\r\n\n"
                      + "".join(json.dumps(r) + "\n" for r in recs[20:]))
    s = encode_corpus_with_ray("minilm", corpus, tmp_path / "ray", **SETTINGS)
    assert (s["passages"], s["shards_written"], s["empty"], s["complete"]) == (45, 5, 1, True)
    encode_corpus_to_shards(minilm, corpus, tmp_path / "local", show_progress_bar=False, **SETTINGS)
    ray_files, local_files = shard_bytes(tmp_path / "ray"), shard_bytes(tmp_path / "local")
    assert sorted(ray_files) == sorted(local_files)
    assert ray_files == local_files  # every .npy, .ids and manifest.json, byte for byte
    ids, emb = load_all(tmp_path / "ray")
    assert ids == [r["_id"] for r in recs]
    assert ((emb * minilm.encode_corpus([joined(r) for r in recs])).sum(1)).min() >= 0.99999
    from infembed.index import build_index

    build_index(tmp_path / "ray", tmp_path / "index", kind="exact", progress=False)
    # A directory of another run (settings) is refused, as by `infembed encode`.
    with pytest.raises(ValueError, match="settings.shard_size"):
        encode_corpus_with_ray("minilm", corpus, tmp_path / "ray", **{**SETTINGS, "shard_size": 11})


def test_bad_records_and_duplicates_name_their_lines(tmp_path):
    recs = make_passages(12, seed=12)
    recs[6]["_id"] = "has space"
    write_jsonl(tmp_path / "bad.jsonl", recs)
    with pytest.raises(DataError, match=r"bad\.jsonl:7: passage id 'has space' contains whitespace"):
        encode_corpus_with_ray("minilm", tmp_path / "bad.jsonl", tmp_path / "o1", **SETTINGS)
    recs = make_passages(25, seed=12)
    recs[21]["_id"] = recs[3]["_id"]  # lines 4 and 22, in shards 0 and 2
    write_jsonl(tmp_path / "dup.jsonl", recs)
    with pytest.raises(DataError, match=r"dup\.jsonl:22: duplicate passage id 'p3' \(first seen at line 4\)"):
        encode_corpus_with_ray("minilm", tmp_path / "dup.jsonl", tmp_path / "o2", **SETTINGS)
    assert not (tmp_path / "o2" / "manifest.json").exists() or not read_manifest(tmp_path / "o2")["complete"]


def test_cli_engine_ray(tmp_path, one_thread, minilm):
    from infembed.cli import app

    write_jsonl(tmp_path / "c.jsonl", make_passages(13, seed=13))
    args = ["encode", "--model", "minilm", "--corpus", str(tmp_path / "c.jsonl"), "--no-progress",
            "--shard-size", "5", "--batch-size", "4", "--dtype", "fp32"]
    res = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "ray"), "--engine", "ray", "--ray-actors", "1"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["engine"] == "ray" and summary["passages"] == 13 and summary["complete"]
    encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "local", shard_size=5, batch_size=4,
                            dtype="float32", show_progress_bar=False)
    assert shard_bytes(tmp_path / "ray") == shard_bytes(tmp_path / "local")
    from conftest import assert_user_error

    bad = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "x"), "--engine", "ray", "--num-shards", "2",
                                   "--shard-id", "0"])
    assert_user_error(bad, "--engine ray", "--shard-id/--num-shards")
