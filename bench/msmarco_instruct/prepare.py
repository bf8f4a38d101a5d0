#!/usr/bin/env python3
"""Build the MS MARCO instruction-following set (FollowIR layout) from items.jsonl + the msmarco sample.

The repository holds only MS MARCO ids and text written by the project (items.jsonl). The real
queries and passages are read at run time from the msmarco-sample directory and never stored here.

Output (the layout of infembed/demo/followir_demo, read by ``infembed eval -b followir``)::

    OUT/corpus.jsonl        {"_id", "title", "text"}: every passage of the sample (real) except the
                            judged passages of the reserved queries + for each item
                            "mi-<query_id>-both" and "mi-<query_id>-neither" (written)
    OUT/queries.jsonl       {"_id": "<query_id>-og" | "<query_id>-changed", "text": real query,
                            "instruction": instruction_og | instruction_changed}
    OUT/qrels/og.tsv        header "query-id<TAB>corpus-id<TAB>score"; real passage and -both, score 1
    OUT/qrels/changed.tsv   only -both, score 1
    OUT/qrel_diff.jsonl     {"query-id": "<query_id>", "corpus-ids": [real passage id]}
    OUT/neither.jsonl       {"query-id": "<query_id>", "corpus-ids": ["mi-<query_id>-neither"]} (on topic,
                            relevant under neither instruction: pair (b) of ``infembed eval``'s pair checks)

There is no top_ranked.jsonl, so ``infembed eval`` searches the whole corpus (--protocol retrieve).

Reserved queries (the sample's reserved_query_ids.txt, kept for an independent evaluation) are
skipped entirely: an item naming one is refused, and their judged passages are left out of the corpus.

Stdlib only. Exit status 1 (with a message naming the item) on any bad item: a reserved query id,
an id missing from the sample, a passage that is not the query's judged passage, a duplicate, an
empty field, or a changed instruction that does not extend the og one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
DEFAULT_ITEMS = HERE / "items.jsonl"
DEFAULT_SAMPLE = REPO_ROOT / ".." / "shared" / "data" / "msmarco-sample"
FIELDS = ("query_id", "passage_id", "instruction_og", "instruction_changed", "both", "neither")
QRELS_HEADER = "query-id\tcorpus-id\tscore\n"


class PrepareError(Exception):
    pass


def both_id(qid: str) -> str:
    return f"mi-{qid}-both"


def neither_id(qid: str) -> str:
    return f"mi-{qid}-neither"


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise PrepareError(f"{path}:{n}: not JSON ({e})") from None
            if not isinstance(row, dict):
                raise PrepareError(f"{path}:{n}: not a JSON object")
            rows.append(row)
    return rows


def read_items(path: Path) -> list[dict]:
    """items.jsonl rows, with ids as strings and every field checked for presence."""
    items = []
    for n, row in enumerate(read_jsonl(path), 1):
        missing = [k for k in FIELDS if not str(row.get(k, "")).strip()]
        if missing:
            raise PrepareError(f"{path}: item {n} ({row.get('query_id')!r}): empty or missing {missing}")
        extra = sorted(set(row) - set(FIELDS))
        if extra:
            raise PrepareError(f"{path}: item {n} ({row['query_id']!r}): unknown fields {extra}")
        items.append({k: str(row[k]).strip() for k in FIELDS})
    return items


def load_sample(sample: Path) -> tuple[dict[str, str], dict[str, dict], dict[str, set[str]], set[str]]:
    """(queries {id: text}, corpus {id: row}, qrels {qid: {pid}}, reserved ids) of the msmarco sample."""
    for name in ("queries.jsonl", "corpus.jsonl", "qrels/test.tsv", "reserved_query_ids.txt"):
        if not (sample / name).is_file():
            raise PrepareError(f"{sample}: missing {name} (is --sample the msmarco-sample directory?)")
    queries = {str(r["_id"]): str(r["text"]) for r in read_jsonl(sample / "queries.jsonl")}
    corpus = {}
    for r in read_jsonl(sample / "corpus.jsonl"):
        corpus[str(r["_id"])] = {"_id": str(r["_id"]), "title": str(r.get("title") or ""), "text": str(r["text"])}
    qrels: dict[str, set[str]] = {}
    with open(sample / "qrels" / "test.tsv", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("\t")
            if n == 1 and not parts[-1].strip().lstrip("-").isdigit():
                continue  # header
            if len(parts) != 3:
                continue
            if int(parts[2]) > 0:
                qrels.setdefault(parts[0], set()).add(parts[1])
    reserved = {line.strip() for line in open(sample / "reserved_query_ids.txt", encoding="utf-8") if line.strip()}
    return queries, corpus, qrels, reserved


def reserved_passages(qrels: dict[str, set[str]], reserved: set[str]) -> set[str]:
    """Judged passages of the reserved queries (left out of the built corpus)."""
    return {pid for qid in reserved for pid in qrels.get(qid, set())}


def check_items(items: list[dict], queries: dict, corpus: dict, qrels: dict, reserved: set[str]) -> None:
    seen: set[str] = set()
    held_out = reserved_passages(qrels, reserved)
    for n, it in enumerate(items, 1):
        qid, pid = it["query_id"], it["passage_id"]
        where = f"item {n} (query {qid})"
        if qid in reserved:
            raise PrepareError(f"{where}: query id is RESERVED for the independent evaluation; remove this item")
        if qid in seen:
            raise PrepareError(f"{where}: duplicate query id")
        seen.add(qid)
        if qid not in queries:
            raise PrepareError(f"{where}: query id not in the sample's queries.jsonl")
        if pid not in corpus:
            raise PrepareError(f"{where}: passage id {pid} not in the sample's corpus.jsonl")
        if pid not in qrels.get(qid, set()):
            raise PrepareError(f"{where}: passage {pid} is not the judged relevant passage of this query "
                               f"(qrels: {sorted(qrels.get(qid, set()))})")
        if pid in held_out:
            raise PrepareError(f"{where}: passage {pid} is also judged for a reserved query; remove this item")
        og, ch = it["instruction_og"], it["instruction_changed"]
        if not ch.startswith(og) or len(ch) <= len(og):
            raise PrepareError(f"{where}: instruction_changed must be instruction_og plus an added requirement")
        if it["both"] == it["neither"]:
            raise PrepareError(f"{where}: 'both' and 'neither' are identical")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _jsonl(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def build(items_path: Path, sample: Path, out: Path) -> dict:
    """Check the items against the sample and write the FollowIR-layout set to ``out``. Returns counts."""
    items = read_items(items_path)
    if not items:
        raise PrepareError(f"{items_path}: no items")
    queries, corpus, qrels, reserved = load_sample(sample)
    check_items(items, queries, corpus, qrels, reserved)

    held_out = reserved_passages(qrels, reserved)
    docs = [row for pid, row in corpus.items() if pid not in held_out]
    n_real = len(docs)
    for it in items:
        docs.append({"_id": both_id(it["query_id"]), "title": "", "text": it["both"]})
        docs.append({"_id": neither_id(it["query_id"]), "title": "", "text": it["neither"]})
    qrows, og_rows, ch_rows, diff, neither = [], [], [], [], []
    for it in items:
        qid, pid = it["query_id"], it["passage_id"]
        qrows.append({"_id": f"{qid}-og", "text": queries[qid], "instruction": it["instruction_og"]})
        qrows.append({"_id": f"{qid}-changed", "text": queries[qid], "instruction": it["instruction_changed"]})
        og_rows += [f"{qid}-og\t{pid}\t1\n", f"{qid}-og\t{both_id(qid)}\t1\n"]
        ch_rows.append(f"{qid}-changed\t{both_id(qid)}\t1\n")
        diff.append({"query-id": qid, "corpus-ids": [pid]})
        neither.append({"query-id": qid, "corpus-ids": [neither_id(qid)]})

    out.mkdir(parents=True, exist_ok=True)
    stale = out / "top_ranked.jsonl"
    if stale.exists():
        stale.unlink()  # an old candidate file would switch eval to rerank over stale lists
    _write(out / "corpus.jsonl", _jsonl(docs))
    _write(out / "queries.jsonl", _jsonl(qrows))
    _write(out / "qrels" / "og.tsv", QRELS_HEADER + "".join(og_rows))
    _write(out / "qrels" / "changed.tsv", QRELS_HEADER + "".join(ch_rows))
    _write(out / "qrel_diff.jsonl", _jsonl(diff))
    _write(out / "neither.jsonl", _jsonl(neither))
    return {"items": len(items), "corpus": len(docs), "sample_passages": n_real, "held_out": len(held_out),
            "queries": len(qrows)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Build the msmarco_instruct FollowIR-layout set: real MS MARCO queries/passages (read at "
                    "run time from the sample) + the project's instructions and written passages.")
    p.add_argument("--out", type=Path, help="output directory (FollowIR layout); required unless --check")
    p.add_argument("--items", type=Path, default=DEFAULT_ITEMS, help=f"items file (default: {DEFAULT_ITEMS})")
    p.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE,
                   help="msmarco-sample directory (default: ../shared/data/msmarco-sample from the repo root)")
    p.add_argument("--check", action="store_true", help="only validate the items against the sample; write nothing")
    args = p.parse_args(argv)
    if args.out is None and not args.check:
        p.error("--out is required (or use --check)")
    try:
        if args.check:
            items = read_items(args.items)
            check_items(items, *load_sample(args.sample))
            print(f"ok: {len(items)} items")
            return 0
        counts = build(args.items, args.sample, args.out)
    except (PrepareError, OSError, KeyError, ValueError) as e:
        print(f"prepare.py: error: {e}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}: {counts['items']} items, {counts['queries']} queries, {counts['corpus']} passages "
          f"({counts['sample_passages']} from the sample + {counts['corpus'] - counts['sample_passages']} written; "
          f"{counts['held_out']} passages of reserved queries left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
