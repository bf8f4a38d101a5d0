"""The shipped demo training set (infembed/demo/train.jsonl): schema, size, poisoning, topic spread.

These check the file as users get it (through ``infembed.data.read_rows``), and that it is exactly
what ``infembed.demo.build_train`` renders from the hand-written content modules.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest

from infembed.data import ROW_FIELDS, InfIRRow, read_rows
from infembed.demo import build_train

TRAIN = resources.files("infembed.demo") / "train.jsonl"

# Topics of the demo *evaluation* set; the training set must not touch them.
EVAL_TOPIC_WORDS = ("garden", "guitar", "piano", "football", "soccer", "puppy", "kitten", "photograph", "board game")


@pytest.fixture(scope="module")
def rows() -> list[InfIRRow]:
    return read_rows(str(TRAIN))


@pytest.fixture(scope="module")
def records() -> list[dict]:
    with TRAIN.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_size_and_fields(rows):
    assert len(rows) >= 300
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


def test_topic_spread(records):
    counts = Counter(r["topic"] for r in records)
    assert set(counts) == set(build_train.TOPICS)
    assert min(counts.values()) >= 20, counts
    assert max(counts.values()) <= 2 * min(counts.values()), counts


def test_disjoint_from_eval_topics(rows):
    for r in rows:
        text = " ".join((r.query_positive, r.query_negative)).lower()
        assert not any(w in text for w in EVAL_TOPIC_WORDS), text


def test_shipped_file_matches_sources():
    """train.jsonl is exactly what build_train renders (deterministic; no hand edits drift)."""
    assert TRAIN.read_text(encoding="utf-8") == build_train.render(build_train.load_records())
