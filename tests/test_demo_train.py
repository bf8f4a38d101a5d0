"""The shipped demo training set (infembed/demo/train.jsonl.gz): schema, size, poisoning, topic spread.

The file is its own source (named-key JSONL). These check it as users get it (through
``infembed.data.read_rows``), and that it passes ``tests/fixtures/demo/prepare.py`` unchanged: every
row valid, the file in canonical form.
"""

from __future__ import annotations

import gzip
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from conftest import demo_prepare

from infembed.data import ROW_FIELDS, InfIRRow, read_rows

prepare = demo_prepare()

TRAIN = resources.files("infembed.demo") / "train.jsonl.gz"

# Topics of the demo *evaluation* set; the training set must not touch them.
EVAL_TOPIC_WORDS = ("garden", "guitar", "piano", "football", "soccer", "puppy", "kitten", "photograph", "board game")


@pytest.fixture(scope="module")
def rows() -> list[InfIRRow]:
    return read_rows(str(TRAIN))


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return prepare._read_jsonl(Path(str(TRAIN)))


def test_size_and_fields(rows):
    assert len(rows) >= 1500
    for row in rows:
        for field in ROW_FIELDS:
            value = getattr(row, field)
            assert isinstance(value, str) and value.strip(), (field, row.query_positive)


def test_no_duplicate_positives(rows):
    q = Counter(r.query_positive.lower() for r in rows)
    p = Counter(r.document_positive for r in rows)
    assert [k for k, c in q.items() if c > 1] == []
    assert [k[:60] for k, c in p.items() if c > 1] == []


def test_poisoned_fields_differ(rows):
    for r in rows:
        assert r.instruction_negative != r.instruction_positive, r.query_positive
        assert r.query_negative.lower() != r.query_positive.lower(), r.query_positive
        passages = {r.document_positive, r.hard_negative_document_1, r.hard_negative_document_2}
        assert len(passages) == 3, r.query_positive
        # the three pairs of a row are distinct training inputs
        assert len({(i, q) for i, q, _ in r.pairs()}) == 3


def test_poisoning_is_a_near_miss(rows):
    """I- and Q- are edits of I+ and Q+, not unrelated text: they share vocabulary with their positive."""

    def overlap(a: str, b: str) -> float:
        wa, wb = set(a.lower().split()), set(b.lower().split())
        return len(wa & wb) / max(1, min(len(wa), len(wb)))

    q_overlap = [overlap(r.query_positive, r.query_negative) for r in rows]
    i_overlap = [overlap(r.instruction_positive, r.instruction_negative) for r in rows]
    assert sum(q_overlap) / len(rows) > 0.4, sum(q_overlap) / len(rows)
    assert sum(i_overlap) / len(rows) > 0.2, sum(i_overlap) / len(rows)


def test_lengths(rows):
    for r in rows:
        for text in (r.document_positive, r.hard_negative_document_1, r.hard_negative_document_2):
            assert 35 <= len(text.split()) <= 95, text[:60]
        for text in (r.query_positive, r.query_negative):
            assert 3 <= len(text.split()) <= 12, text


def test_topic_spread(records, rows):
    counts = Counter(r["topic"] for r in records)
    assert Counter(r.topic for r in rows) == counts  # what --batch-grouping topic groups by
    assert set(counts) == set(prepare.TRAIN_TOPICS) and len(counts) >= 20
    assert min(counts.values()) >= 20, counts
    assert max(counts.values()) <= 4 * min(counts.values()), counts


def test_disjoint_from_eval_topics(rows):
    for r in rows:
        text = " ".join((r.query_positive, r.query_negative)).lower()
        assert not any(w in text for w in EVAL_TOPIC_WORDS), text


def test_shipped_file_is_valid_and_canonical(records):
    """train.jsonl.gz passes the builder's checks, holds exactly what it renders, and its bytes are
    the builder's (gzip without a timestamp, so a rebuild changes nothing)."""
    text = prepare.render_train(prepare.check_train_rows(records))
    assert prepare._read_text(Path(str(TRAIN))) == text
    assert TRAIN.read_bytes() == gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


@pytest.mark.parametrize("edit,match", [
    (lambda r: r.update(instruction_negative=r["instruction_positive"]), "I- equals I+"),
    (lambda r: r.update(document_positive="too short"), "words"),
    (lambda r: r.pop("topic"), "fields"),
    (lambda r: r.update(topic="gardening"), "topic"),
])
def test_builder_rejects_bad_rows(records, edit, match):
    row = dict(records[0])
    edit(row)
    with pytest.raises(ValueError, match=match):
        prepare.check_train_rows([row])


def test_builder_rejects_duplicates(records):
    with pytest.raises(ValueError, match="duplicate Q"):
        prepare.check_train_rows([records[0], dict(records[0])])
