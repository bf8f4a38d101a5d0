"""Build (or check) the project-authored FollowIR-style demo set in ``followir_demo/``.

The content is hand-written by the infembed team in ``_followir_content_*.py`` (plain Python
data, one or two topics per file). This script validates it and emits the FollowIR layout:

    followir_demo/corpus.jsonl       {"_id": "dNNNN", "title", "text"}
    followir_demo/queries.jsonl      {"_id": "qNNN-og"|"qNNN-changed", "text", "instruction"}
    followir_demo/qrels/og.tsv       docs relevant under the og instruction (both + og-only)
    followir_demo/qrels/changed.tsv  docs relevant under the changed instruction (both only)
    followir_demo/qrel_diff.jsonl    {"query-id": "qNNN", "corpus-ids": [og-only docs]}
    followir_demo/top_ranked.jsonl   candidate list per query id (same list for -og and -changed)

Doc ids are assigned through a seeded permutation so that the id order leaks nothing about
relevance (p-MRR breaks score ties by doc id). Everything is deterministic: running the script
twice gives byte-identical files.

Usage:
    python -m infembed.demo.build_followir_demo            # (re)write the files
    python -m infembed.demo.build_followir_demo --check    # exit 1 if the shipped files differ
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

SEED = 20240611
N_CANDIDATE_DISTRACTORS = 10  # extra candidates per query on top of its own judged docs
CONTENT_MODULES = [f"infembed.demo._followir_content_{i}" for i in range(1, 7)]
OUT_DIR = Path(__file__).resolve().parent / "followir_demo"

# Bounds the hand-written content must respect (checked here and in tests/test_demo_followir.py).
QUERY_WORDS = (4, 10)
DOC_WORDS = (40, 90)

TOPICS = (
    "gardening",
    "music",
    "sports_fitness",
    "pets",
    "architecture_home_repair",
    "automobiles_cycling",
    "photography",
    "fashion_textiles",
    "board_games_puzzles",
    "hiking_outdoor",
    "parenting",
    "arts_crafts",
)


@dataclass
class Doc:
    key: str  # stable content key, e.g. "q007/og_only/0" or "distractor/pets/2"
    topic: str
    title: str
    text: str
    doc_id: str = ""


@dataclass
class QuerySpec:
    qid: str
    topic: str
    query: str
    og: str
    changed: str
    both: list[Doc]
    og_only: list[Doc]
    neither: list[Doc]

    @property
    def docs(self) -> list[Doc]:
        return self.both + self.og_only + self.neither


def _words(text: str) -> int:
    return len(text.split())


def _docs(raw: object, key: str, topic: str) -> list[Doc]:
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{key}: expected a non-empty list of (title, text) pairs, got {raw!r:.80}")
    out = []
    for i, pair in enumerate(raw):
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) for s in pair)):
            raise ValueError(f"{key}/{i}: expected a (title, text) tuple of strings, got {pair!r:.80}")
        title, text = (s.strip() for s in pair)
        n = _words(text)
        if not DOC_WORDS[0] <= n <= DOC_WORDS[1]:
            raise ValueError(f"{key}/{i} ({title!r}): {n} words, expected {DOC_WORDS[0]}-{DOC_WORDS[1]}")
        out.append(Doc(f"{key}/{i}", topic, title, text))
    return out


def load_content() -> tuple[list[QuerySpec], list[Doc]]:
    """Import the content modules and validate them. Returns (queries, standalone distractors)."""
    queries: list[QuerySpec] = []
    distractors: list[Doc] = []
    for name in CONTENT_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError:
            continue  # content is written in chunks; a missing chunk is simply not there yet
        for topic, items in mod.QUERIES.items():
            if topic not in TOPICS:
                raise ValueError(f"{name}: unknown topic {topic!r}; use one of {TOPICS}")
            for item in items:
                qid = f"q{len(queries) + 1:03d}"
                n = _words(item["query"])
                if not QUERY_WORDS[0] <= n <= QUERY_WORDS[1]:
                    raise ValueError(f"{name} {qid} {item['query']!r}: {n} words, expected {QUERY_WORDS}")
                if item["og"].strip() == item["changed"].strip():
                    raise ValueError(f"{name} {qid}: og and changed instructions are identical")
                queries.append(
                    QuerySpec(
                        qid=qid,
                        topic=topic,
                        query=item["query"].strip(),
                        og=item["og"].strip(),
                        changed=item["changed"].strip(),
                        both=_docs(item["both"], f"{qid}/both", topic),
                        og_only=_docs(item["og_only"], f"{qid}/og_only", topic),
                        neither=_docs(item["neither"], f"{qid}/neither", topic),
                    )
                )
        for topic, items in getattr(mod, "DISTRACTORS", {}).items():
            if topic not in TOPICS:
                raise ValueError(f"{name}: unknown distractor topic {topic!r}; use one of {TOPICS}")
            distractors += _docs(items, f"distractor/{topic}", topic)

    all_docs = [d for q in queries for d in q.docs] + distractors
    seen: dict[str, str] = {}
    for d in all_docs:
        norm = " ".join(d.text.lower().split())
        if norm in seen:
            raise ValueError(f"duplicate document text: {d.key} repeats {seen[norm]}")
        seen[norm] = d.key
    seen_q: dict[str, str] = {}
    for q in queries:
        if q.query.lower() in seen_q:
            raise ValueError(f"duplicate query text: {q.qid} repeats {seen_q[q.query.lower()]}")
        seen_q[q.query.lower()] = q.qid

    # Seeded permutation of doc ids: id order says nothing about relevance.
    order = list(range(len(all_docs)))
    random.Random(SEED).shuffle(order)
    for new_index, doc_index in enumerate(order):
        all_docs[doc_index].doc_id = f"d{new_index + 1:04d}"
    return queries, distractors


def candidate_lists(queries: list[QuerySpec], distractors: list[Doc]) -> dict[str, list[str]]:
    """Per base query: its own docs + N_CANDIDATE_DISTRACTORS others (same topic first), shuffled."""
    owner = {d.doc_id: q.qid for q in queries for d in q.docs}
    pool = [d for q in queries for d in q.docs] + distractors
    out = {}
    for q in queries:
        rng = random.Random(f"{SEED}-{q.qid}")
        same = sorted(d.doc_id for d in pool if d.topic == q.topic and owner.get(d.doc_id) != q.qid)
        other = sorted(d.doc_id for d in pool if d.topic != q.topic)
        rng.shuffle(same)
        rng.shuffle(other)
        extra = (same + other)[:N_CANDIDATE_DISTRACTORS]
        cands = [d.doc_id for d in q.docs] + extra
        rng.shuffle(cands)
        out[q.qid] = cands
    return out


def _jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def render(queries: list[QuerySpec], distractors: list[Doc]) -> dict[str, str]:
    """Relative path -> file content."""
    all_docs = sorted([d for q in queries for d in q.docs] + distractors, key=lambda d: d.doc_id)
    cands = candidate_lists(queries, distractors)
    files = {
        "corpus.jsonl": _jsonl([{"_id": d.doc_id, "title": d.title, "text": d.text} for d in all_docs]),
        "queries.jsonl": _jsonl(
            [
                row
                for q in queries
                for row in (
                    {"_id": f"{q.qid}-og", "text": q.query, "instruction": q.og},
                    {"_id": f"{q.qid}-changed", "text": q.query, "instruction": q.changed},
                )
            ]
        ),
        "qrels/og.tsv": "query-id\tcorpus-id\tscore\n"
        + "".join(f"{q.qid}-og\t{d.doc_id}\t1\n" for q in queries for d in sorted(q.both + q.og_only, key=lambda d: d.doc_id)),
        "qrels/changed.tsv": "query-id\tcorpus-id\tscore\n"
        + "".join(f"{q.qid}-changed\t{d.doc_id}\t1\n" for q in queries for d in sorted(q.both, key=lambda d: d.doc_id)),
        "qrel_diff.jsonl": _jsonl(
            [{"query-id": q.qid, "corpus-ids": sorted(d.doc_id for d in q.og_only)} for q in queries]
        ),
        "top_ranked.jsonl": _jsonl(
            [
                {"query-id": f"{q.qid}-{kind}", "corpus-ids": cands[q.qid]}
                for q in queries
                for kind in ("og", "changed")
            ]
        ),
    }
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help=f"output directory (default {OUT_DIR})")
    args = ap.parse_args(argv)

    queries, distractors = load_content()
    files = render(queries, distractors)
    n_docs = sum(len(q.docs) for q in queries) + len(distractors)
    summary = (
        f"{len(queries)} base queries ({2 * len(queries)} with og/changed), {n_docs} docs "
        f"({sum(len(q.both) for q in queries)} both, {sum(len(q.og_only) for q in queries)} og-only, "
        f"{sum(len(q.neither) for q in queries)} neither, {len(distractors)} distractors)"
    )
    if args.check:
        stale = [p for p, text in files.items() if not (args.out / p).is_file() or (args.out / p).read_text() != text]
        if stale:
            print(f"stale or missing under {args.out}: {stale}; rerun without --check", file=sys.stderr)
            return 1
        print(f"up to date: {summary}")
        return 0
    for rel, text in files.items():
        path = args.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    print(f"wrote {args.out}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
