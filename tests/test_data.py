"""InF-IR rows, batching, BEIR readers and TREC runs — including every malformed-input error."""

from __future__ import annotations

import json

import pytest

from infembed.data import (
    ROW_FIELDS,
    DataError,
    ReadReport,
    RowBatcher,
    make_batch,
    read_beir_corpus,
    read_beir_queries,
    read_qrels,
    read_rows,
    read_trec_run,
    write_trec_run,
)


def row(i: int, **over) -> dict:
    r = {f: f"{f} {i}" for f in ROW_FIELDS}
    r.update(over)
    return r


def write_jsonl(path, records):
    path.write_text("".join((json.dumps(r) if not isinstance(r, str) else r) + "\n" for r in records))
    return path


def test_rows_expand_explicitly_into_three_pairs(tmp_path):
    rows = read_rows(write_jsonl(tmp_path / "t.jsonl", [row(0), row(1)]))
    pairs = rows[1].pairs()
    assert pairs == [
        ("instruction_positive 1", "query_positive 1", "document_positive 1"),
        ("instruction_negative 1", "query_positive 1", "hard_negative_document_1 1"),
        ("instruction_positive 1", "query_negative 1", "hard_negative_document_2 1"),
    ]


def test_document_alias_is_accepted(tmp_path):
    r = row(0)
    r["document"] = r.pop("document_positive")
    rows = read_rows(write_jsonl(tmp_path / "t.jsonl", [r]))
    assert rows[0].document_positive == "document_positive 0"


def test_parquet_rows(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([row(0), row(1)]), tmp_path / "t.parquet")
    assert len(read_rows(tmp_path / "t.parquet")) == 2


@pytest.mark.parametrize(
    "bad, message",
    [
        (row(1, query_negative=""), r"t.jsonl:2: field 'query_negative' is empty"),
        (row(1, instruction_positive=7), r"t.jsonl:2: field 'instruction_positive' must be a string"),
        ({k: v for k, v in row(1).items() if k != "hard_negative_document_2"}, r"t.jsonl:2: missing field 'hard_negative_document_2'"),
        ("{not json", r"t.jsonl:2: invalid JSON"),
        ("[1, 2]", r"t.jsonl:2: expected a JSON object"),
    ],
)
def test_malformed_rows_name_file_line_and_field(tmp_path, bad, message):
    path = write_jsonl(tmp_path / "t.jsonl", [row(0), bad, row(2)])
    with pytest.raises(DataError, match=message):
        read_rows(path)
    report = ReadReport()
    rows = read_rows(path, skip_invalid=True, report=report)
    assert len(rows) == 2 and report.kept == 2 and len(report.skipped) == 1
    assert report.skipped[0][0].endswith("t.jsonl:2")


def test_unreadable_and_unknown_files(tmp_path):
    with pytest.raises(DataError, match="no valid InF-IR rows|cannot read|no such file|datasets"):
        read_rows(tmp_path / "missing.jsonl")
    (tmp_path / "x.csv").write_text("a,b\n")
    with pytest.raises(DataError, match="unknown file type '.csv'"):
        read_rows(tmp_path / "x.csv")
    (tmp_path / "empty.jsonl").write_text("\n")
    with pytest.raises(DataError, match="no valid InF-IR rows"):
        read_rows(tmp_path / "empty.jsonl")


def test_batcher_keeps_siblings_together_and_is_deterministic():
    rows = [type("R", (), {"pairs": (lambda self, i=i: [(f"I{i}", f"Q{i}", f"P{i}")] * 3)})() for i in range(10)]
    b = RowBatcher(num_rows=10, rows_per_batch=4, seed=3)
    assert b.batches_per_epoch == 2
    seen = list(zip(range(4), b.iterate()))
    again = list(zip(range(4), RowBatcher(10, 4, seed=3).iterate()))
    assert [s[1] for s in seen] == [a[1] for a in again]
    epochs = [e for _, (e, _, _) in seen]
    assert epochs == [0, 0, 1, 1]
    e0 = seen[0][1][2] + seen[1][1][2]
    assert len(set(e0)) == 8  # no row twice within an epoch
    batch = make_batch(rows, seen[0][1][2])
    assert len(batch) == 12 and batch.row_ids[0:3] == [seen[0][1][2][0]] * 3
    # resuming at (epoch=1, index=1) gives exactly the 4th batch
    assert next(RowBatcher(10, 4, seed=3).iterate(1, 1)) == seen[3][1]


def test_batcher_splits_global_batch_across_ranks():
    full = RowBatcher(12, 6, seed=1).batch_rows(0, 1)
    parts = [RowBatcher(12, 6, seed=1, rank=r, world_size=3).batch_rows(0, 1) for r in range(3)]
    assert sum(parts, []) == full
    with pytest.raises(ValueError, match="not divisible by world_size=4"):
        RowBatcher(12, 6, world_size=4)


def test_beir_readers(tmp_path):
    write_jsonl(tmp_path / "corpus.jsonl", [{"_id": "d1", "title": "T", "text": "body"}, {"_id": 2, "text": "two"}])
    assert read_beir_corpus(tmp_path / "corpus.jsonl") == {"d1": "T body", "2": "two"}
    write_jsonl(tmp_path / "dup.jsonl", [{"_id": "d1", "text": "a"}, {"_id": "d1", "text": "b"}])
    with pytest.raises(DataError, match=r"dup.jsonl:2: duplicate passage id 'd1'"):
        read_beir_corpus(tmp_path / "dup.jsonl")
    write_jsonl(tmp_path / "queries.jsonl", [
        {"_id": "q1", "text": "a query", "instruction": "be brief"},
        {"_id": "q2", "text": "other", "metadata": {"instruction": "from metadata"}},
        {"_id": "q3", "text": "none"},
    ])
    qs = read_beir_queries(tmp_path / "queries.jsonl")
    assert [(q.id, q.instruction) for q in qs] == [("q1", "be brief"), ("q2", "from metadata"), ("q3", "")]
    write_jsonl(tmp_path / "badq.jsonl", [{"_id": "q1", "text": ""}])
    with pytest.raises(DataError, match=r"badq.jsonl:1: field 'text'"):
        read_beir_queries(tmp_path / "badq.jsonl")


def test_qrels_beir_and_trec(tmp_path):
    (tmp_path / "a.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t0\n")
    (tmp_path / "b.txt").write_text("q1 0 d1 2\n")
    assert read_qrels(tmp_path / "a.tsv") == {"q1": {"d1": 1, "d2": 0}}
    assert read_qrels(tmp_path / "b.txt") == {"q1": {"d1": 2}}
    (tmp_path / "c.tsv").write_text("q1\td1\t1\nq1\td2\tx\n")
    with pytest.raises(DataError, match=r"c.tsv:2: relevance 'x' is not an integer"):
        read_qrels(tmp_path / "c.tsv")
    (tmp_path / "c.tsv").write_text("q1\td1\t1\nq1 d2\n")
    with pytest.raises(DataError, match=r"c.tsv:2: expected 3 \(BEIR\) or 4 \(TREC\) columns"):
        read_qrels(tmp_path / "c.tsv")


def test_trec_run_round_trip_and_tie_order(tmp_path):
    write_trec_run(tmp_path / "run.trec", {"q1": [("d2", 0.5), ("d1", 0.5), ("d3", 0.9)]})
    lines = (tmp_path / "run.trec").read_text().splitlines()
    assert [ln.split()[2] for ln in lines] == ["d3", "d2", "d1"]  # ties: doc id descending, as trec_eval
    assert lines[0].split()[:4] == ["q1", "Q0", "d3", "1"]
    assert read_trec_run(tmp_path / "run.trec") == {"q1": {"d3": 0.9, "d1": 0.5, "d2": 0.5}}
