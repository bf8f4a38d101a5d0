"""Validate the shipped FollowIR-style demo set (infembed/demo/followir_demo/).

Checks the files against the FollowIR layout the eval loader reads, the judging structure
p-MRR needs (both / og-only / neither per base query), and that the files are exactly what
``tests/fixtures/demo/prepare.py`` builds from the named-key content JSONL next to it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict

import pytest
from conftest import demo_prepare

from infembed.data import read_beir_corpus, read_beir_queries, read_qrels

build = demo_prepare()

DEMO = build.FOLLOWIR_DIR
FILES = ["corpus.jsonl", "queries.jsonl", "qrels/og.tsv", "qrels/changed.tsv", "qrel_diff.jsonl", "top_ranked.jsonl",
         "neither.jsonl"]


def _jsonl(name: str) -> list[dict]:
    with open(DEMO / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _qrels(name: str) -> dict[str, set[str]]:
    lines = (DEMO / name).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "query-id\tcorpus-id\tscore", f"{name}: bad header {lines[0]!r}"
    out: dict[str, set[str]] = defaultdict(set)
    for i, line in enumerate(lines[1:], start=2):
        qid, did, score = line.split("\t")
        assert score == "1", f"{name}:{i}: score {score!r}"
        assert did not in out[qid], f"{name}:{i}: duplicate row"
        out[qid].add(did)
    return dict(out)


@pytest.fixture(scope="module")
def demo():
    corpus = _jsonl("corpus.jsonl")
    queries = _jsonl("queries.jsonl")
    return {
        "corpus": corpus,
        "docs": {d["_id"]: d for d in corpus},
        "queries": {q["_id"]: q for q in queries},
        "n_query_rows": len(queries),
        "og": _qrels("qrels/og.tsv"),
        "changed": _qrels("qrels/changed.tsv"),
        "diff": {r["query-id"]: r["corpus-ids"] for r in _jsonl("qrel_diff.jsonl")},
        "top": {r["query-id"]: r["corpus-ids"] for r in _jsonl("top_ranked.jsonl")},
        "neither": {r["query-id"]: r["corpus-ids"] for r in _jsonl("neither.jsonl")},
    }


@pytest.fixture(scope="module")
def content():
    return build.load_followir_content()


def test_files_match_generator(content):
    """The shipped files are exactly what the builder emits (no hand edits, no stale files)."""
    files = build.render_followir(*content)
    assert sorted(files) == sorted(FILES)
    for rel, text in files.items():
        assert (DEMO / rel).read_text(encoding="utf-8") == text, f"{rel} is stale: run python tests/fixtures/demo/prepare.py"


def test_schema_and_ids(demo):
    for d in demo["corpus"]:
        assert set(d) == {"_id", "title", "text"}
        assert re.fullmatch(r"d\d{4}", d["_id"]) and d["title"].strip() and d["text"].strip()
    assert len(demo["docs"]) == len(demo["corpus"]), "duplicate doc ids"
    assert demo["n_query_rows"] == len(demo["queries"]), "duplicate query ids"
    bases = Counter()
    for qid, q in demo["queries"].items():
        assert set(q) == {"_id", "text", "instruction"}
        m = re.fullmatch(r"(q\d{3})-(og|changed)", qid)
        assert m, qid
        bases[m.group(1)] += 1
        lo, hi = build.QUERY_WORDS
        assert lo <= len(q["text"].split()) <= hi, qid
    assert all(n == 2 for n in bases.values()), "every base query needs exactly an -og and a -changed row"


def test_counts(demo, content):
    queries, distractors = content
    assert len(queries) >= 60
    assert len(demo["queries"]) == 2 * len(queries)
    assert len(demo["corpus"]) >= 250
    assert len(distractors) >= 40
    per_topic = Counter(q.topic for q in queries)
    assert set(per_topic) == set(build.TOPICS)
    assert min(per_topic.values()) >= 5, per_topic
    assert Counter(d.topic for d in distractors).keys() == set(build.TOPICS)


def test_og_changed_pairs(demo):
    for qid, og in demo["queries"].items():
        if not qid.endswith("-og"):
            continue
        ch = demo["queries"][qid.replace("-og", "-changed")]
        assert og["text"] == ch["text"], qid
        assert og["instruction"] != ch["instruction"], qid
        # The changed instruction is a stricter rewrite: it mostly shares the og wording.
        og_w, ch_w = set(og["instruction"].lower().split()), set(ch["instruction"].lower().split())
        assert len(og_w & ch_w) / len(og_w) >= 0.6, qid
        assert len(ch["instruction"]) > len(og["instruction"]), f"{qid}: changed should add a requirement"


def test_judgements(demo, content):
    """og = both ∪ og-only, changed = both, qrel_diff = og-only; every query has each kind."""
    queries, _ = content
    docs = demo["docs"]
    for q in queries:
        og, ch, diff = demo["og"][f"{q.qid}-og"], demo["changed"][f"{q.qid}-changed"], set(demo["diff"][q.qid])
        assert ch and diff, q.qid
        assert ch <= og and diff == og - ch and not (diff & ch), q.qid
        assert ch == {d.doc_id for d in q.both} and diff == {d.doc_id for d in q.og_only}, q.qid
        assert q.neither, f"{q.qid}: needs an on-topic doc relevant under neither instruction"
        assert all(d.doc_id not in og for d in q.neither), q.qid
        assert demo["neither"][q.qid] == sorted(d.doc_id for d in q.neither), q.qid
        for d in q.docs:
            assert docs[d.doc_id]["text"] == d.text
    assert set(demo["og"]) == {f"{q.qid}-og" for q in queries}
    assert set(demo["changed"]) == {f"{q.qid}-changed" for q in queries}
    assert set(demo["diff"]) == set(demo["neither"]) == {q.qid for q in queries}
    # Every judged doc id exists and no doc is judged for two different base queries.
    owners: dict[str, str] = {}
    for qid, ids in demo["og"].items():
        for did in ids:
            assert did in docs, (qid, did)
            assert owners.setdefault(did, qid) == qid, f"{did} judged for {owners[did]} and {qid}"


def test_no_duplicate_texts(demo, content):
    texts = Counter(" ".join(d["text"].lower().split()) for d in demo["corpus"])
    assert max(texts.values()) == 1
    titles = Counter(d["title"].lower() for d in demo["corpus"])
    assert max(titles.values()) == 1, [t for t, n in titles.items() if n > 1]
    qtexts = Counter(q["text"].lower() for q in demo["queries"].values())
    assert set(qtexts.values()) == {2}  # each base query text appears once for -og and once for -changed
    lo, hi = build.DOC_WORDS
    assert all(lo <= len(d["text"].split()) <= hi for d in demo["corpus"])


def test_top_ranked(demo, content):
    queries, distractors = content
    topic = {d.doc_id: d.topic for q in queries for d in q.docs} | {d.doc_id: d.topic for d in distractors}
    assert set(demo["top"]) == set(demo["queries"])
    judged_on_top = 0
    for q in queries:
        og_list, ch_list = demo["top"][f"{q.qid}-og"], demo["top"][f"{q.qid}-changed"]
        assert og_list == ch_list, q.qid
        assert len(set(og_list)) == len(og_list) == len(q.docs) + build.N_CANDIDATE_DISTRACTORS
        assert all(d in demo["docs"] for d in og_list)
        own = {d.doc_id for d in q.docs}
        assert own <= set(og_list), q.qid
        extra = [d for d in og_list if d not in own]
        # Same-topic distractors come first; every topic has more than 10 other docs.
        assert all(topic[d] == q.topic for d in extra), q.qid
        judged_on_top += set(og_list[: len(own)]) == own
    # Shuffled: the judged docs are not simply listed first (by chance this happens ~1/286 per query).
    assert judged_on_top <= len(queries) // 10


def test_loads_with_project_readers(demo):
    corpus = read_beir_corpus(DEMO / "corpus.jsonl")
    assert len(corpus) == len(demo["corpus"])
    queries = read_beir_queries(DEMO / "queries.jsonl")
    assert {q.id for q in queries} == set(demo["queries"])
    assert all(q.instruction for q in queries)
    og = read_qrels(DEMO / "qrels/og.tsv")
    assert {k: set(v) for k, v in og.items()} == demo["og"]
    changed = read_qrels(DEMO / "qrels/changed.tsv")
    assert {k: set(v) for k, v in changed.items()} == demo["changed"]


def test_prepare_check_passes():
    """``prepare.py --check followir`` (what an editor runs) agrees that every shipped file, neither.jsonl
    included, is current."""
    res = subprocess.run([sys.executable, str(build.HERE / "prepare.py"), "--check", "followir"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "up to date" in res.stdout


def test_loader_reads_neither_and_pair_checks_are_defined(demo):
    """The eval loader picks up neither.jsonl, and every base query has a pair (a) and a pair (b) triple."""
    from infembed.eval_tasks import load_followir
    from infembed.metrics import pairwise_checks

    (task,) = load_followir(DEMO)
    assert task.neither == demo["neither"]
    perfect = {q: {d: 1.0 for d in docs} for q, docs in demo["og"].items()}  # judged docs tie, others absent
    got = pairwise_checks(perfect, {}, task.qrels, task.qrel_diff, task.neither)
    n = len(demo["diff"])
    assert got == {"pair_a": 0.0, "pair_b": 1.0, "pair_a_queries": n, "pair_b_queries": n}


def test_builder_rejects_bad_content():
    """The builder's validation catches the mistakes a content author is likely to make."""
    with pytest.raises(ValueError, match="words"):
        build._docs([{"title": "t", "text": "too short"}], "qX/both", "pets")
    with pytest.raises(ValueError, match="title"):
        build._docs(["just text"], "qX/both", "pets")
    with pytest.raises(ValueError, match="non-empty"):
        build._docs([], "qX/neither", "pets")
    rows = [json.loads(line) for line in build.QUERIES_SOURCE.read_text(encoding="utf-8").splitlines()]
    with pytest.raises(ValueError, match="identical"):
        build.check_followir_content([{**rows[0], "changed": rows[0]["og"]}], [])
    with pytest.raises(ValueError, match="duplicate document"):
        build.check_followir_content([rows[0], rows[0]], [])
    with pytest.raises(ValueError, match="duplicate query"):
        build.check_followir_content([rows[0], {**rows[1], "query": rows[0]["query"]}], [])


def test_readme_counts_current(content):
    """README.md states the counts; keep it in step with the content."""
    queries, distractors = content
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    n_docs = sum(len(q.docs) for q in queries) + len(distractors)
    for phrase in (
        f"{len(queries)} base queries",
        f"{n_docs} passages",
        f"{sum(len(q.both) for q in queries)} relevant under both",
        f"{sum(len(q.og_only) for q in queries)} relevant under",
        f"{sum(len(q.neither) for q in queries)} on-topic",
        f"{len(distractors)} standalone distractors",
    ):
        assert phrase in readme, f"README.md is stale: expected {phrase!r}"
