"""Build ``infembed/demo/train.jsonl``, the project-authored demo training set, from the
hand-written content modules ``_train_content_<topic>.py``.

Every content module holds ``TOPIC: str`` and ``ROWS: list[tuple[str, ...]]``; each tuple has
seven strings in the order they were written (the order a reviewer reads a row in):

    (Q+, I+, P+, I-, P_hn1, Q-, P_hn2)

    Q+     query_positive            a natural search query
    I+     instruction_positive      extra intent / constraint that P+ satisfies
    P+     document_positive         answers Q+ and satisfies I+
    I-     instruction_negative      a minimal edit of I+ that P+ no longer satisfies
    P_hn1  hard_negative_document_1  answers Q+ and satisfies I- (so not I+)
    Q-     query_negative            a minimal edit of Q+ that P+ does not answer
    P_hn2  hard_negative_document_2  answers Q- and satisfies I+

The output is deterministic (modules in ``TOPICS`` order, rows in written order, sorted JSON keys),
so ``python -m infembed.demo.build_train --check`` can verify that the shipped file is current.

Usage:
    python -m infembed.demo.build_train            # (re)write train.jsonl
    python -m infembed.demo.build_train --check    # exit 1 if train.jsonl is stale or a row is invalid
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

# Disjoint from the demo evaluation topics (gardening, music, sports, pets, architecture, ...).
TOPICS = (
    "physics",
    "chemistry",
    "biology",
    "health",
    "law",
    "cooking",
    "travel",
    "software",
    "finance",
    "history",
    "education",
    "energy",
)

# Written order inside a content tuple -> InF-IR field name.
WRITTEN_ORDER = (
    "query_positive",
    "instruction_positive",
    "document_positive",
    "instruction_negative",
    "hard_negative_document_1",
    "query_negative",
    "hard_negative_document_2",
)
PASSAGE_FIELDS = ("document_positive", "hard_negative_document_1", "hard_negative_document_2")
QUERY_FIELDS = ("query_positive", "query_negative")

# Length bounds (in whitespace words) the authors aimed for; checked, not silently clipped.
PASSAGE_WORDS = (35, 95)
QUERY_WORDS = (3, 12)

OUT_PATH = Path(__file__).with_name("train.jsonl")


def _words(text: str) -> int:
    return len(text.split())


def load_records(allow_missing: bool = False) -> list[dict[str, str]]:
    """All rows as InF-IR records (the seven fields plus ``topic``), in deterministic order.

    Raises:
        ValueError: naming the module and row, if a row is malformed (wrong arity, empty or
            non-string field, length out of bounds, a poisoned field equal to its positive,
            or a duplicate Q+ / P+ across the set).
    """
    records: list[dict[str, str]] = []
    seen_q: dict[str, str] = {}
    seen_p: dict[str, str] = {}
    length_errors: list[str] = []  # collected, so one run lists every row to fix
    for topic in TOPICS:
        try:
            mod = importlib.import_module(f"infembed.demo._train_content_{topic}")
        except ModuleNotFoundError:
            if allow_missing:  # only while the set is being written, chunk by chunk
                continue
            raise
        if mod.TOPIC != topic:
            raise ValueError(f"{mod.__name__}: TOPIC is {mod.TOPIC!r}, expected {topic!r}")
        for n, tup in enumerate(mod.ROWS, start=1):
            where = f"{mod.__name__} row {n}"
            if len(tup) != len(WRITTEN_ORDER):
                raise ValueError(f"{where}: expected {len(WRITTEN_ORDER)} strings, got {len(tup)}")
            rec = {}
            for field, value in zip(WRITTEN_ORDER, tup, strict=True):
                if not isinstance(value, str) or not value.strip():
                    raise ValueError(f"{where}: field {field!r} must be a non-empty string")
                rec[field] = " ".join(value.split())  # one space between words, no stray newlines
            for field in PASSAGE_FIELDS:
                w = _words(rec[field])
                if not PASSAGE_WORDS[0] <= w <= PASSAGE_WORDS[1]:
                    length_errors.append(f"{where}: {field} has {w} words, want {PASSAGE_WORDS}")
            for field in QUERY_FIELDS:
                w = _words(rec[field])
                if not QUERY_WORDS[0] <= w <= QUERY_WORDS[1]:
                    length_errors.append(f"{where}: {field} has {w} words, want {QUERY_WORDS}")
            if rec["instruction_negative"] == rec["instruction_positive"]:
                raise ValueError(f"{where}: I- equals I+")
            if rec["query_negative"] == rec["query_positive"]:
                raise ValueError(f"{where}: Q- equals Q+")
            if len({rec[f] for f in PASSAGE_FIELDS}) != 3:
                raise ValueError(f"{where}: the three passages must differ")
            q_key, p_key = rec["query_positive"].lower(), rec["document_positive"]
            if q_key in seen_q:
                raise ValueError(f"{where}: duplicate Q+ (also {seen_q[q_key]})")
            if p_key in seen_p:
                raise ValueError(f"{where}: duplicate P+ (also {seen_p[p_key]})")
            seen_q[q_key], seen_p[p_key] = where, where
            rec["topic"] = topic
            records.append(rec)
    if length_errors:
        raise ValueError("rows out of length bounds:\n  " + "\n  ".join(length_errors))
    return records


def render(records: list[dict[str, str]]) -> str:
    """JSONL text, one record per line, sorted keys, UTF-8 (no ASCII escaping)."""
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="verify train.jsonl is up to date; write nothing")
    ap.add_argument("--out", type=Path, default=OUT_PATH, help="output path (default: the shipped file)")
    ap.add_argument("--allow-missing", action="store_true", help="skip topics whose module is absent")
    args = ap.parse_args(argv)
    records = load_records(allow_missing=args.allow_missing)
    text = render(records)
    counts: dict[str, int] = {}
    for r in records:
        counts[r["topic"]] = counts.get(r["topic"], 0) + 1
    summary = ", ".join(f"{t}={c}" for t, c in counts.items())
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale; run: python -m infembed.demo.build_train", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date, {len(records)} rows ({summary})")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {len(records)} rows to {args.out} ({summary})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
