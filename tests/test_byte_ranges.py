"""Per-worker byte ranges: every line of a file belongs to exactly one range wherever the cuts fall
(mid-line, on a newline, blank lines, CRLF, no final newline, more ranges than lines), a worker reads
only about its range, and ``encode --shard-id/--num-shards`` over JSONL byte ranges / parquet row
groups writes parts whose union is the corpus, merged and checked for duplicate ids across parts."""

from __future__ import annotations

import io as _io
import json
import logging

import numpy as np
import pytest
from test_embed import SMALL, joined, make_passages, write_jsonl

import infembed.io as fio
from infembed.data import DataError, corpus_part, iter_beir_corpus
from infembed.embed import encode_corpus_to_shards
from infembed.io import byte_ranges, iter_jsonl_lines, iter_lines
from infembed.shards import MANIFEST_NAME, load_all, read_manifest

# Files whose lines are awkward for a range reader: blank lines, CRLF, a lone \r, no final newline,
# a file that is only newlines, one long line, and the empty file.
AWKWARD = [
    b"a\nbb\n\nccc\r\nd",
    b"\n\n\n",
    b"x\r\ny\r\n\r\nz\r\n",
    b"one line without newline",
    b"first\nlong " + b"w" * 40 + b"\nlast\n",
    b"a\rb\nc\n",
    b"",
]


def reference_lines(data: bytes) -> list[tuple[int, bytes]]:
    """``(offset, line)`` of a whole file by plain splitting (no final empty line)."""
    pieces = data.split(b"\n")
    if pieces[-1] == b"":
        pieces.pop()
    out, off = [], 0
    for piece in pieces:
        out.append((off, piece))
        off += len(piece) + 1
    return out


@pytest.mark.parametrize("data", AWKWARD, ids=range(len(AWKWARD)))
def test_every_cut_gives_every_line_once(tmp_path, data):
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    ref = reference_lines(data)
    assert list(iter_lines(path, chunk_size=3)) == ref
    # every single cut point, and every pair of cut points (mid-line, on a \n, right after one)
    for a in range(len(data) + 1):
        for b in range(a, len(data) + 1):
            got = [x for r in [(0, a), (a, b), (b, len(data))] for x in iter_lines(path, r, chunk_size=2)]
            assert got == ref, (data, a, b)
    # more workers than lines (and than bytes): empty ranges yield nothing, the union is still whole
    for n in (1, 2, 5, len(data) + 3):
        assert [x for r in byte_ranges(len(data), n) for x in iter_lines(path, r)] == ref


def test_a_line_starting_exactly_at_the_cut_belongs_to_the_later_range(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"aa\nbb\ncc\n")  # lines start at 0, 3, 6
    assert list(iter_lines(path, (0, 3))) == [(0, b"aa")]
    assert list(iter_lines(path, (3, 6))) == [(3, b"bb")]
    assert list(iter_lines(path, (2, 3))) == []  # the \n of line 1 only
    assert list(iter_lines(path, (4, 9))) == [(6, b"cc")]  # starts mid-line: skips the rest of "bb"


class CountingFile(_io.RawIOBase):
    """A raw file that records its seeks and counts the bytes it hands out."""

    def __init__(self, path, log):
        self.f = open(path, "rb", buffering=0)
        self.log = log

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=0):
        self.log["seeks"].append(offset)
        return self.f.seek(offset, whence)

    def tell(self):
        return self.f.tell()

    def readinto(self, b):
        n = self.f.readinto(b)
        self.log["read"] += n
        return n

    def close(self):
        self.f.close()
        super().close()


@pytest.fixture
def counted(monkeypatch):
    """Every local open of infembed.io counted: ``logs`` gets one {seeks, read} per open."""
    logs = []
    real = fio.open_binary

    def open_counted(path, *, decompress=True):
        if fio.is_remote(path) or (decompress and fio.is_compressed(path)):
            return real(path, decompress=decompress)
        logs.append({"path": str(path), "seeks": [], "read": 0})
        return CountingFile(path, logs[-1])

    monkeypatch.setattr(fio, "open_binary", open_counted)
    monkeypatch.setattr(fio, "READ_CHUNK", 256)
    return logs


def test_a_range_reader_reads_only_about_its_range(tmp_path, counted):
    """Each range is one open, one seek to ``start - 1`` and about ``end - start`` bytes read."""
    lines = [json.dumps({"_id": f"d{i}", "text": "w" * (i % 37)}) for i in range(400)]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n")
    size, longest = path.stat().st_size, max(len(x) for x in lines) + 1
    got = []
    for start, end in byte_ranges(size, 7):
        before = len(counted)
        got += [rec["_id"] for _, rec in iter_jsonl_lines(path, (start, end))]
        (log,) = counted[before:]  # one open per range, no line counting (no error)
        assert log["seeks"] == ([start - 1] if start else [])
        assert log["read"] <= (end - start) + 1 + longest + 256, (start, end, log)
    assert got == [f"d{i}" for i in range(400)]


def test_errors_in_a_range_name_the_exact_line(tmp_path, counted):
    lines = [json.dumps({"_id": f"d{i}", "text": "t"}) for i in range(50)]
    lines[41] = "{not json"
    lines[44] = json.dumps({"_id": "has space", "text": "t"})
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n")
    part = corpus_part(path, 3, 4)  # the last quarter of the bytes
    counted.clear()
    with pytest.raises(DataError, match=r"c\.jsonl:42: invalid JSON"):
        list(iter_beir_corpus(path, part=part))
    # The range, then one count of the newlines before it, made only because a message needs a line.
    assert len(counted) == 2 and counted[1]["seeks"] == [] and counted[1]["read"] <= part.start + 40
    from infembed.data import CorpusStats

    counted.clear()
    stats = CorpusStats()
    kept = [r.id for r in iter_beir_corpus(path, part=part, skip_invalid=True, stats=stats)]
    assert [w for w, _ in stats.errors] == [f"{path}:42", f"{path}:45"]
    assert "d41" not in kept and "d44" not in kept and kept[-1] == "d49"
    assert len(counted) == 2  # the lines before the range counted once for both messages


# ----------------------------------------------------------------------------- encode over parts


def encode_parts(model, corpus, out, n, **kw):
    return [encode_corpus_to_shards(model, corpus, out, shard_id=i, num_shards=n, dtype="float32", **{**SMALL, **kw})
            for i in range(n)]


def test_parts_union_is_the_corpus_and_merges(minilm, tmp_path, counted):
    recs = make_passages(41, seed=5)
    lines = [json.dumps(r) for r in recs]
    # CRLF and blank lines, and no final newline: the byte cuts land wherever they land.
    text = "\r\n".join(lines[:20]) + "\r\n\r\n\n" + "\n".join(lines[20:])
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(text.encode())
    single = encode_corpus_to_shards(minilm, corpus, tmp_path / "single", shard_size=4, dtype="float32", **SMALL)
    counted.clear()
    parts = encode_parts(minilm, corpus, tmp_path / "split", 3, shard_size=4)
    size, longest = corpus.stat().st_size, max(len(x) for x in lines) + 2
    assert len(counted) == 3
    for i, (s, log) in enumerate(zip(parts, counted)):  # one open per run: its range, nothing else
        start, end = byte_ranges(size, 3)[i]
        assert log["seeks"] == ([start - 1] if start else [])
        assert log["read"] <= (end - start) + 1 + longest + 256, (i, log)
        assert s["split"] == "ranges" and s["shard_id"] == i
    assert [s["complete"] for s in parts] == [False, False, True]  # the last to finish merges
    assert sum(s["passages"] for s in parts) == sum(s["encoded"] for s in parts) == single["passages"] == 41
    ids, emb = load_all(tmp_path / "split")
    assert ids == [r["_id"] for r in recs]  # every passage once, in file order
    ids1, emb1 = load_all(tmp_path / "single")
    cos = (emb * emb1).sum(1)  # other batches than the single run: equal to fp32 rounding
    assert emb.shape == emb1.shape and cos.min() >= 0.99999, cos.min()
    man, man1 = read_manifest(tmp_path / "split"), read_manifest(tmp_path / "single")
    assert man["complete"] and man["settings"]["split"] == "ranges"
    assert man["stats"]["passages"] == man1["stats"]["passages"] == 41
    assert man["stats"]["encoded_rows"] == 41 and man["stats"]["empty"] == man1["stats"]["empty"]
    names = [e["name"] for e in man["shards"]]
    assert names == sorted(names) and all(n.startswith("shard-0000") and n.count("-") == 2 for n in names)
    assert man["num_shards_total"] == len(names)
    # Each part holds only its own lines, cut into its own shards of 4 (the last one short).
    for i in range(3):
        part = read_manifest_part(tmp_path / "split", i, 3)
        counts = [e["count"] for e in part["shards"]]
        assert all(c == 4 for c in counts[:-1]) and 1 <= counts[-1] <= 4
        assert part["part"]["unit"] == "bytes" and part["part"]["total"] == size
    # A rerun of a part resumes it, bitwise; the index builder accepts the merged directory.
    before = {p.name: p.read_bytes() for p in (tmp_path / "split").iterdir()}
    again = encode_corpus_to_shards(minilm, corpus, tmp_path / "split", shard_id=1, num_shards=3, dtype="float32",
                                    shard_size=4, **SMALL)
    assert again["encoded"] == 0 and again["shards_resumed"] == parts[1]["shards_written"] and again["complete"]
    assert {p.name: p.read_bytes() for p in (tmp_path / "split").iterdir()} == before
    from infembed.index import build_index

    build_index(tmp_path / "split", tmp_path / "index", kind="exact", progress=False)
    # Another split of the same directory is refused (settings.num_shards), as before.
    with pytest.raises(ValueError, match="num_shards"):
        encode_corpus_to_shards(minilm, corpus, tmp_path / "split", shard_id=0, num_shards=2, dtype="float32",
                                shard_size=4, **SMALL)


def read_manifest_part(directory, i, n):
    return json.loads((directory / f"manifest.part-{i:05d}-of-{n:05d}.json").read_text())


def test_more_workers_than_lines(minilm, tmp_path):
    recs = make_passages(3, seed=6)
    write_jsonl(tmp_path / "c.jsonl", recs)
    parts = encode_parts(minilm, tmp_path / "c.jsonl", tmp_path / "o", 7, shard_size=2)
    assert sum(s["passages"] for s in parts) == 3 and sum(s["shards_written"] for s in parts) == 3
    assert [s["passages"] for s in parts].count(0) == 4 and parts[-1]["complete"]
    ids, emb = load_all(tmp_path / "o")
    assert ids == [r["_id"] for r in recs]
    ref = minilm.encode_corpus([joined(r) for r in recs])
    assert ((emb * ref).sum(1)).min() >= 0.99999
    # No valid passage in any part: the merge says so.
    (tmp_path / "e.jsonl").write_text("\n\n\n\n")
    with pytest.raises(DataError, match="no valid passages"):
        encode_parts(minilm, tmp_path / "e.jsonl", tmp_path / "e", 2)


def test_duplicate_ids_across_and_within_parts_name_both_lines(minilm, tmp_path):
    recs = make_passages(20, seed=7)
    recs[17]["_id"] = recs[2]["_id"]  # lines 3 and 18: different parts of 2
    write_jsonl(tmp_path / "c.jsonl", recs)
    first = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "o", shard_id=0, num_shards=2,
                                    shard_size=3, **SMALL)
    assert not first["complete"]  # part 0 alone cannot see the duplicate
    with pytest.raises(DataError, match=r"c\.jsonl:18: duplicate passage id 'p2' \(first seen at line 3\)"):
        encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "o", shard_id=1, num_shards=2,
                                shard_size=3, **SMALL)
    assert not (tmp_path / "o" / MANIFEST_NAME).exists()  # never a complete manifest with a duplicate
    # Inside one part, its run finds it (looked up by byte offset, lines counted for the message).
    recs = make_passages(20, seed=7)
    recs[19]["_id"] = recs[14]["_id"]
    write_jsonl(tmp_path / "d.jsonl", recs)
    with pytest.raises(DataError, match=r"d\.jsonl:20: duplicate passage id 'p14' \(first seen at line 15\)"):
        encode_corpus_to_shards(minilm, tmp_path / "d.jsonl", tmp_path / "d", shard_id=1, num_shards=2,
                                skip_invalid=True, **SMALL)


def test_gzip_falls_back_to_reading_everything(minilm, tmp_path, caplog):
    import gzip

    recs = make_passages(9, seed=8)
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in recs).encode()))
    assert corpus_part(path, 0, 2) is None
    with caplog.at_level(logging.INFO, logger="infembed.embed"):
        parts = encode_parts(minilm, path, tmp_path / "o", 2, shard_size=4)
    assert "compressed" in caplog.text and "whole file" in caplog.text
    assert [s["split"] for s in parts] == ["round-robin"] * 2 and [s["passages"] for s in parts] == [9, 9]
    assert load_all(tmp_path / "o")[0] == [r["_id"] for r in recs]
    assert read_manifest(tmp_path / "o")["settings"]["split"] == "round-robin"


def test_parquet_parts_are_row_groups(minilm, tmp_path, monkeypatch):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    recs = make_passages(23, seed=9)
    table = pa.table({"_id": [r["_id"] for r in recs], "title": [r.get("title", "") for r in recs],
                      "text": [r["text"] for r in recs]})
    pq.write_table(table, tmp_path / "c.parquet", row_group_size=5)  # groups of 5, 5, 5, 5, 3
    spans = [(p.start, p.end) for p in (corpus_part(tmp_path / "c.parquet", i, 3) for i in range(3))]
    assert spans == [(0, 2), (2, 3), (3, 5)]  # first rows 0, 5 | 10 | 15, 20 of rows [0,7) [7,15) [15,23)
    read_groups = []
    real = pq.ParquetFile.iter_batches

    def spy(self, *args, row_groups=None, **kw):
        read_groups.append(row_groups)
        return real(self, *args, row_groups=row_groups, **kw)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    parts = encode_parts(minilm, tmp_path / "c.parquet", tmp_path / "o", 3, shard_size=4)
    assert read_groups == [[0, 1], [2], [3, 4]]  # each run read only its row groups
    assert [s["passages"] for s in parts] == [10, 5, 8]
    assert load_all(tmp_path / "o")[0] == [r["_id"] for r in recs]
    # A bad record in a later part names its row in the file, not in the part.
    bad = table.set_column(0, "_id", pa.array([r["_id"] if i != 17 else "a b" for i, r in enumerate(recs)]))
    pq.write_table(bad, tmp_path / "b.parquet", row_group_size=5)
    with pytest.raises(DataError, match=r"b\.parquet:row 18: passage id 'a b'"):
        list(iter_beir_corpus(tmp_path / "b.parquet", part=corpus_part(tmp_path / "b.parquet", 2, 3)))


def test_torchrun_env_selects_the_byte_range(minilm, tmp_path, monkeypatch):
    for name in ("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT"):
        monkeypatch.delenv(name, raising=False)
    recs = make_passages(12, seed=10)
    write_jsonl(tmp_path / "c.jsonl", recs)
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    s = encode_corpus_to_shards(minilm, tmp_path / "c.jsonl", tmp_path / "o", shard_size=4, **SMALL)
    assert (s["shard_id"], s["num_shards"], s["split"], s["complete"]) == (1, 2, "ranges", False)
    part = read_manifest_part(tmp_path / "o", 1, 2)
    ids = [line for e in part["shards"] for line in (tmp_path / "o" / f"{e['name']}.ids").read_text().split()]
    assert ids == [r["_id"] for r in recs][-len(ids):] and 0 < len(ids) < 12  # the second half, in order
    assert np.isfinite(np.load(tmp_path / "o" / f"{part['shards'][0]['name']}.npy")).all()
