"""infembed.embed: streaming shard encoding — order, accuracy vs encode_corpus, resume, refusal,
partition across runs, and every bad input."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from infembed.data import DataError, SeenIds, iter_beir_corpus
from infembed.embed import encode_corpus_to_shards, encode_texts
from infembed.shards import load_all, read_manifest

WORDS = ("tent winter stove river granite maple lantern copper violin orbit harbor meadow quartz "
         "saddle thunder pepper candle falcon glacier walnut").split()


def make_passages(n: int, seed: int = 0, max_words: int = 40) -> list[dict]:
    """BEIR records of long-tailed length; every third has a title."""
    rng = random.Random(seed)
    recs = []
    for i in range(n):
        k = min(max_words, int(rng.paretovariate(1.2) * 3))
        rec = {"_id": f"p{i}", "text": " ".join(rng.choice(WORDS) for _ in range(k))}
        if i % 3 == 0:
            rec["title"] = f"title {i}"
        recs.append(rec)
    return recs


def write_jsonl(path, recs) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))


def joined(rec: dict) -> str:
    return f"{rec['title']} {rec['text']}".strip() if rec.get("title") else rec["text"]


def shard_bytes(directory) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if not p.name.startswith(".")}


SMALL = dict(batch_size=8, window_batches=2, show_progress_bar=False)


@pytest.mark.parametrize("dtype,min_cos", [("float32", 0.99999), ("float16", 0.999)])
def test_shards_in_input_order_and_match_encode_corpus(minilm, tmp_path, dtype, min_cos):
    recs = make_passages(27)
    write_jsonl(tmp_path / "c.jsonl", recs)
    # batch 3, windows of 6 rows: two windows per shard of 10, the second one partial.
    summary = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "out", dtype=dtype,
                                      shard_size=10, **{**SMALL, "batch_size": 3})
    assert summary["passages"] == summary["encoded"] == 27 and summary["complete"]
    assert summary["shards_written"] == 3 and summary["tokens"] > 27
    ids, emb = load_all(tmp_path / "out")
    assert ids == [r["_id"] for r in recs]
    assert emb.dtype == np.dtype(dtype) and emb.shape == (27, minilm.dim)
    ref = minilm.encode_corpus([joined(r) for r in recs], batch_size=8)
    cos = (emb.astype(np.float32) * ref).sum(1) / np.linalg.norm(emb.astype(np.float32), axis=1)
    assert cos.min() >= min_cos, cos.min()
    man = read_manifest(tmp_path / "out")
    assert man["model_fingerprint"] == minilm.fingerprint() and man["dim"] == minilm.dim
    assert man["dtype"] == dtype and man["normalized"] is True and man["complete"] is True
    assert [s["count"] for s in man["shards"]] == [10, 10, 7]


def test_encode_texts_matches_encode_corpus(minilm):
    texts = [joined(r) for r in make_passages(23, seed=1)]
    ours = encode_texts(minilm, texts, batch_size=4, window_batches=2)
    ref = minilm.encode_corpus(texts, batch_size=5)
    assert ours.shape == ref.shape and ours.dtype == np.float32
    assert (ours * ref).sum(1).min() >= 0.99999


def test_bf16_precision_on_cpu_is_close_to_fp32(minilm):
    # bf16 autocast on the CPU (AMX / AVX512-BF16 GEMMs where present): really a different
    # computation (not bitwise fp32), yet within the P7 bar of cosine >= 0.999 to the fp32 embeddings.
    texts = [joined(r) for r in make_passages(29, seed=4)]
    fp32 = encode_texts(minilm, texts, batch_size=8)
    assert np.array_equal(encode_texts(minilm, texts, batch_size=8, precision="auto"), fp32)  # auto = fp32 on CPU
    bf16 = encode_texts(minilm, texts, batch_size=8, precision="bf16")
    assert bf16.dtype == np.float32 and not np.array_equal(bf16, fp32)
    assert (bf16 * fp32).sum(1).min() >= 0.999
    np.testing.assert_allclose(np.linalg.norm(bf16, axis=1), 1.0, atol=1e-5)


def test_rerun_resumes_and_refuses_other_settings(minilm, tmp_path):
    write_jsonl(tmp_path / "c.jsonl", make_passages(25))
    out = tmp_path / "out"
    encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", out, shard_size=10, **SMALL)
    first = shard_bytes(out)
    again = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", out, shard_size=10, **SMALL)
    assert again["shards_resumed"] == 3 and again["encoded"] == 0 and again["resumed"] == 25
    assert shard_bytes(out) == first
    # A damaged shard is detected by its checksum and encoded again, bitwise the same.
    npy = out / "shard-00001.npy"
    npy.write_bytes(npy.read_bytes()[:-8] + b"\0" * 8)
    fixed = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", out, shard_size=10, **SMALL)
    assert fixed["shards_written"] == 1 and fixed["shards_resumed"] == 2
    assert shard_bytes(out) == first
    for key, change in [("settings.shard_size", dict(shard_size=11)),
                        ("settings.max_length", dict(shard_size=10, max_length=32)),
                        ("dtype", dict(shard_size=10, dtype="float32")),
                        ("settings.precision", dict(shard_size=10, precision="bf16"))]:
        with pytest.raises(ValueError, match="different run") as e:
            encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", out, **{**SMALL, **change})
        assert key in str(e.value) and "--overwrite" in str(e.value)
    # Another model (fingerprint) is refused too.
    minilm._fingerprint, saved = "0" * 64, minilm.fingerprint()
    try:
        with pytest.raises(ValueError, match="model_fingerprint"):
            encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", out, shard_size=10, **SMALL)
    finally:
        minilm._fingerprint = saved
    s = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", out, shard_size=11, overwrite=True, **SMALL)
    assert s["shards_written"] == 3 and s["shards_resumed"] == 0
    assert read_manifest(out)["settings"]["shard_size"] == 11
    assert sorted(p.name for p in out.glob("shard-*.npy")) == [f"shard-0000{k}.npy" for k in range(3)]


@pytest.mark.parametrize("name, how", [("c.jsonl.gz", "auto"), ("c.jsonl", "round-robin")])
def test_shard_id_num_shards_partition_equals_single_run(minilm, tmp_path, name, how):
    # A .gz corpus cannot be split by bytes, and split="round-robin" asks for the same on JSONL: every
    # run reads all of it and takes the shards k % n == i, bitwise a single run (JSONL byte ranges,
    # the default, are tested in test_byte_ranges.py).
    recs = make_passages(29, seed=2)
    if name.endswith(".gz"):
        write_jsonl_gz(tmp_path / name, recs)
    else:
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in recs))
    single = tmp_path / "single"
    encode_corpus_to_shards(minilm, tmp_path / name, single, shard_size=5, **SMALL)
    split = tmp_path / "split"
    summaries = [encode_corpus_to_shards(minilm, tmp_path / name, split, shard_size=5, shard_id=i,
                                         num_shards=3, split=how, **SMALL) for i in (2, 0, 1)]
    assert {s["split"] for s in summaries} == {"round-robin"}
    assert [s["complete"] for s in summaries] == [False, False, True]  # the last to finish merges
    assert sum(s["encoded"] for s in summaries) == 29
    assert [s["shards_written"] for s in summaries] == [2, 2, 2]  # shards k % 3 == i, of 6
    ids, emb = load_all(split)
    assert ids == [r["_id"] for r in recs]  # every passage exactly once, in order
    ids1, emb1 = load_all(single)
    np.testing.assert_array_equal(emb, emb1)  # same batches per shard → bitwise equal
    man, man1 = read_manifest(split), read_manifest(single)
    assert man["shards"] == man1["shards"] and man["stats"] == man1["stats"]
    with pytest.raises(ValueError, match="shard_id"):
        encode_corpus_to_shards(minilm, tmp_path / name, split, shard_size=6, shard_id=3, num_shards=3)
    with pytest.raises(ValueError, match="both"):
        encode_corpus_to_shards(minilm, tmp_path / name, split, shard_size=6, shard_id=1)
    with pytest.raises(ValueError, match="split='bytes'"):
        encode_corpus_to_shards(minilm, tmp_path / name, split, shard_size=5, shard_id=0, num_shards=3,
                                split="bytes")


def write_jsonl_gz(path, recs) -> None:
    import gzip

    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in recs).encode()))


def test_torchrun_env_selects_the_rank(minilm, tmp_path, monkeypatch):
    write_jsonl_gz(tmp_path / "c.jsonl.gz", make_passages(9))  # round-robin: shard 1 of 0..2
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    s = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl.gz", tmp_path / "o", shard_size=4, **SMALL)
    assert (s["shard_id"], s["num_shards"], s["shards_written"], s["encoded"]) == (1, 2, 1, 4)
    assert (tmp_path / "o" / "manifest.part-00001-of-00002.json").is_file()
    assert not (tmp_path / "o" / "shard-00000.npy").exists()


def test_parquet_matches_jsonl(minilm, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    recs = make_passages(15, seed=3)
    write_jsonl(tmp_path / "c.jsonl", recs)
    table = pa.table({"_id": [r["_id"] for r in recs], "title": [r.get("title", "") for r in recs],
                      "text": [r["text"] for r in recs]})
    pq.write_table(table, tmp_path / "c.parquet", row_group_size=4)
    encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "a", shard_size=5, **SMALL)
    encode_corpus_to_shards(minilm, tmp_path / "c.parquet", tmp_path / "b", shard_size=5, **SMALL)
    assert load_all(tmp_path / "a")[0] == load_all(tmp_path / "b")[0]
    np.testing.assert_array_equal(load_all(tmp_path / "a")[1], load_all(tmp_path / "b")[1])


# ----------------------------------------------------------------------------- bad input


def test_malformed_lines_error_with_line_or_are_skipped(minilm, tmp_path):
    good = make_passages(6)
    lines = [json.dumps(good[0]), json.dumps(good[1]), "{not json", json.dumps({"text": "no id"}),
             json.dumps({"_id": "x", "text": 3}), json.dumps(["a list"]), json.dumps({"_id": "a\nb", "text": "t"}),
             "", json.dumps(good[2])]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match=r"c\.jsonl:3: invalid JSON"):
        encode_corpus_to_shards(minilm, path, tmp_path / "o", **SMALL)
    for lineno, bad in [(4, "_id"), (5, "'text' must be a string"), (6, "JSON object"), (7, "newline")]:
        with pytest.raises(DataError, match=rf"jsonl:{lineno}: .*{bad}"):
            _first_error(path, lineno)
    s = encode_corpus_to_shards(minilm, path, tmp_path / "o2", skip_invalid=True, **SMALL)
    assert s["skipped_invalid"] == 5 and s["passages"] == 3
    assert load_all(tmp_path / "o2")[0] == ["p0", "p1", "p2"]


def _first_error(path, lineno):
    """Raise the error of line ``lineno`` by reading a copy holding only that line at that number."""
    lines = path.read_text().split("\n")
    one = path.with_name("one.jsonl")
    one.write_text("\n" * (lineno - 1) + lines[lineno - 1] + "\n")
    list(iter_beir_corpus(one))


def test_duplicate_ids_name_both_lines(minilm, tmp_path):
    recs = make_passages(12)
    recs[9]["_id"] = recs[2]["_id"]  # p2 twice: lines 3 and 10, in different shards
    write_jsonl(tmp_path / "c.jsonl", recs)
    for shard_size in (4, 50):
        with pytest.raises(DataError, match=r"c\.jsonl:10: duplicate passage id 'p2' \(first seen at line 3\)"):
            encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / f"o{shard_size}",
                                    shard_size=shard_size, skip_invalid=True, **SMALL)


def test_seen_ids_across_merges():
    seen = SeenIds()
    for i in range(70_000):
        assert seen.add(f"id{i}", i + 1) is None
    assert seen.check() == []  # merged into the sorted arrays (≥ 65,536 pending)
    assert seen.add("id5", 80_000) is None  # not pending any more: found by check()
    seen.add("fresh", 80_001)
    assert seen.check() == [(80_000, 6)]


def test_empty_text_is_encoded_and_counted(minilm, tmp_path):
    recs = [{"_id": "a", "text": "granite"}, {"_id": "b", "text": ""}, {"_id": "c", "text": "  ", "title": ""}]
    write_jsonl(tmp_path / "c.jsonl", recs)
    s = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "o", dtype="float32", **SMALL)
    assert s["empty"] == 2 and s["passages"] == 3
    ids, emb = load_all(tmp_path / "o")
    assert ids == ["a", "b", "c"]
    ref = minilm.encode_corpus([""])[0]
    assert float(emb[1] @ ref) >= 0.99999 and float(emb[2] @ ref) >= 0.99999


def test_long_text_truncated_and_counted(minilm, tmp_path):
    recs = [{"_id": "long", "text": "granite " * 100}, {"_id": "short", "text": "granite"}]
    write_jsonl(tmp_path / "c.jsonl", recs)
    s = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "o", max_length=16,
                                dtype="float32", **SMALL)
    assert s["truncated"] == 1 and read_manifest(tmp_path / "o")["stats"]["truncated"] == 1
    minilm.config.passage_max_length, saved = 16, minilm.config.passage_max_length
    try:
        ref = minilm.encode_corpus(["granite " * 100])[0]
    finally:
        minilm.config.passage_max_length = saved
    assert float(load_all(tmp_path / "o")[1][0] @ ref) >= 0.99999


def test_empty_corpus_and_bad_arguments(minilm, tmp_path):
    (tmp_path / "e.jsonl").write_text("\n\n")
    with pytest.raises(DataError, match="no valid passages"):
        encode_corpus_to_shards(minilm, tmp_path / "e.jsonl", tmp_path / "o", **SMALL)
    with pytest.raises(DataError, match="no such corpus"):
        encode_corpus_to_shards(minilm, tmp_path / "missing.jsonl", tmp_path / "o", **SMALL)
    (tmp_path / "c.txt").write_text("x\n")
    with pytest.raises(DataError, match="unknown corpus file type"):
        encode_corpus_to_shards(minilm, tmp_path / "c.txt", tmp_path / "o", **SMALL)
    write_jsonl(tmp_path / "c.jsonl", make_passages(3))
    for bad, match in [(dict(dtype="int8"), "dtype"), (dict(batch_size=0), "batch_size"),
                       (dict(precision="fp16"), "precision='fp16': choose one of auto, fp32, bf16"),
                       (dict(shard_size=0), "shard_size"), (dict(max_length=1), "max_length")]:
        with pytest.raises(ValueError, match=match):
            encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "o", **{**SMALL, **bad})


def test_cpu_packed_batches_cut_by_token_budget(minilm):
    """On the CPU, packed batches hold as many length-sorted rows as fit in ``batch_tokens`` (a longer
    row alone); any budget gives the padded reference's embeddings."""
    from infembed.embed import CPU_BATCH_TOKENS, _Encoder

    texts = [joined(r) for r in make_passages(37, seed=3)]
    for budget, expect_default in ((None, True), (23, False), (1, False)):
        enc = _Encoder(minilm, batch_size=8, max_length=32, num_workers=1, batch_tokens=budget)
        try:
            assert enc.batch_tokens == (CPU_BATCH_TOKENS if expect_default else budget)
            prepared = enc.prepare(texts)
        finally:
            enc.close()
        rows = np.concatenate([idx for idx, _ in prepared.batches])
        assert sorted(rows.tolist()) == list(range(len(texts)))  # every row once
        sizes = [int(b.lengths.sum()) for _, b in prepared.batches]
        assert all(s <= enc.batch_tokens or len(idx) == 1 for s, (idx, _) in zip(sizes, prepared.batches))
        lens = np.concatenate([b.lengths.numpy() for _, b in prepared.batches])
        assert (np.diff(lens) <= 0).all()  # longest first across the window
    ref = encode_texts(minilm, texts, batch_size=5, max_length=32, packed=False)
    for budget in (None, 23, 1, 10**6):
        got = encode_texts(minilm, texts, batch_size=5, max_length=32, batch_tokens=budget)
        assert np.abs(got - ref).max() < 2e-5 and (got * ref).sum(1).min() >= 0.99999
    padded = _Encoder(minilm, batch_size=8, max_length=32, num_workers=1, packed=False)
    padded.close()
    assert padded.batch_tokens is None  # padded batches stay batch_size rows
    with pytest.raises(ValueError, match="batch_tokens=0"):
        encode_texts(minilm, texts, batch_tokens=0)
