"""The evaluation vocabulary and the benchmark data loaders.

Types shared by every evaluation module (this module imports none of them; they all import it):

* :data:`Run` ``{query id: {doc id: score}}`` and :data:`Qrels` ``{query id: {doc id: relevance}}``;
* :class:`EvalTask`: one task's corpus, queries, qrels and protocol data;
* :class:`Scorer`: what a model must offer the protocols (``infembed.scorers.DenseScorer``,
  ``infembed.bm25.BM25Scorer``).

The loaders read each benchmark's released layout into :class:`EvalTask` objects.

Local layouts (the public releases' own formats):

* **FollowIR** (Weller et al. 2024; mteb ``InstructionReranking``) — one directory per collection::

      corpus.jsonl        {"_id", "title", "text"}
      queries.jsonl       {"_id": "<qid>-og" | "<qid>-changed", "text": query, "instruction": ...}
      qrels/og.tsv        BEIR tsv (header ``query-id corpus-id score``), ids ``<qid>-og``
      qrels/changed.tsv   the same for ``<qid>-changed``
      qrel_diff.jsonl     {"query-id": "<qid>", "corpus-ids": [relevant under og, not under changed]}
      top_ranked.jsonl    {"query-id": "<qid>-og" | "<qid>-changed", "corpus-ids": [candidates]}
      neither.jsonl       optional: {"query-id": "<qid>", "corpus-ids": [on-topic, relevant under neither]}

  (``qrels/test.tsv`` holding both halves is accepted instead of og/changed.) A directory whose
  sub-directories each have this layout (e.g. ``robust04/ news21/ core17/``) gives one task each.
  ``qrel_diff.jsonl`` may be absent: it is then derived from the qrels (docs relevant under og and
  not under changed), which is how FollowIR defines it. ``neither.jsonl`` (an infembed extension, not
  in the FollowIR release) names, per base query, on-topic docs judged relevant under neither
  instruction; with it the pairwise checks of :func:`infembed.metrics.pairwise_checks` get their
  pair (b). Its docs must not be relevant (score > 0) in that query's og or changed qrels.
* **InstructIR** (kaistAI/InstructIR) — BEIR layout, query ids ``<base>_<n>``; the instruction comes
  from an ``instruction`` field, or the ``text`` is ``"<instruction> [SEP] <query>"`` (the
  released ``queries.jsonl``), or ``text`` is the instruction and ``metadata.origin_query`` the
  query (``only_instruction_queries.jsonl``). Variants are grouped by ``<base>``.
* **MAIR** (MAIR-Bench/MAIR-Queries + MAIR-Docs) — ``MAIR-Queries/<task>/<split>.jsonl`` with
  ``{"qid", "query", "instruction", "labels": [{"id", "score"}]}`` and ``MAIR-Docs/<task>/<docsplit>.jsonl``
  with ``{"id", "doc"}``, where the docs split of ``queries`` is ``docs`` and of ``X_queries`` is
  ``X_docs``. A single task directory holding both files also works.
* **BRIGHT** (xlangai/BRIGHT) — ``examples/<task>*.{parquet,jsonl}`` (or ``examples/<task>/``) with
  ``{"id", "query", "gold_ids", "gold_ids_long", "excluded_ids"}`` and ``documents/<task>*`` (or
  ``long_documents/``) with ``{"id", "content"}``. ``excluded_ids`` are removed from runs before
  scoring (BRIGHT ``retrievers.py``), and ``"N/A"`` entries are ignored.
* **BEIR** — ``corpus.jsonl``, ``queries.jsonl`` (optional ``instruction`` field, top level or in
  ``metadata``), ``qrels/<split>.tsv``, optional ``top_ranked.jsonl``.

A name that is not a local path is fetched from the Hugging Face hub (needs ``datasets`` and network;
``HF_HUB_OFFLINE=1`` or no ``datasets`` gives a clear error).

Malformed files raise :class:`infembed.data.DataError` naming the file and the line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .data import (
    DataError,
    Query,
    beir_passage_text,
    read_beir_corpus,
    read_beir_queries,
    read_qrels,
)
from .io import iter_jsonl, iter_parquet

log = logging.getLogger(__name__)

Run = dict[str, dict[str, float]]  # {query id: {doc id: score}}
Qrels = dict[str, dict[str, int]]  # {query id: {doc id: relevance}}

BENCHMARKS = ("followir", "instructir", "mair", "bright", "beir")

# mteb v2 repos of the FollowIR collections (configs: corpus, queries, default, top_ranked, qrel_diff).
FOLLOWIR_HUB = {
    "robust04": "mteb/Robust04InstructionRetrieval",
    "news21": "mteb/News21InstructionRetrieval",
    "core17": "mteb/Core17InstructionRetrieval",
}
INSTRUCTIR_HUB = "mteb/InstructIR-mteb"
BRIGHT_HUB = "xlangai/BRIGHT"
MAIR_HUB = ("MAIR-Bench/MAIR-Queries", "MAIR-Bench/MAIR-Docs")

BRIGHT_TASKS = (
    "biology", "earth_science", "economics", "psychology", "robotics", "stackoverflow", "sustainable_living",
    "leetcode", "pony", "aops", "theoremqa_questions", "theoremqa_theorems",
)
_STACKEXCHANGE = {"biology", "earth_science", "economics", "psychology", "robotics", "stackoverflow",
                  "sustainable_living"}


def bright_instruction(task: str) -> str:
    """The task instruction BRIGHT uses for embedding models (BRIGHT's configs).

    The model receives it as the *instruction*, separate from the query.
    """
    pretty = task.replace("_", " ")
    if task in _STACKEXCHANGE:
        return f"Given a {pretty} post, retrieve relevant passages that help answer the post"
    if task == "pony":
        return "Given a pony question, retrieve relevant passages that help answer the question"
    if task == "leetcode":
        return "Given a coding problem, retrieve relevant examples that help answer the problem"
    if task == "theoremqa_theorems":
        return "Given a math problem, retrieve relevant theorems that help answer the problem"
    return "Given a math problem, retrieve relevant examples that help answer the problem"


@dataclass
class EvalTask:
    """One evaluation task.

    Attributes:
        name: task name (directory name, or the benchmark's sub-task name).
        benchmark: one of :data:`BENCHMARKS`.
        corpus: ``{doc_id: text}`` (title joined in front of the text when present).
        queries: ``{qid: Query(id, text, instruction)}`` in file order.
        qrels: ``{qid: {doc_id: relevance}}`` (FollowIR: og and changed ids together).
        top_ranked: ``{qid: [candidate doc ids]}`` for reranking, else ``None``.
        qrel_diff: FollowIR ``{base qid: [doc ids relevant under og only]}``.
        excluded_ids: BRIGHT ``{qid: {doc ids never scored}}``.
        main_score: the metric key the benchmark reports.
        neither: FollowIR ``{base qid: [on-topic doc ids relevant under neither instruction]}`` from
            the optional ``neither.jsonl``, else ``None``.
    """

    name: str
    benchmark: str
    corpus: dict[str, str]
    queries: dict[str, Query]
    qrels: dict[str, dict[str, int]]
    top_ranked: dict[str, list[str]] | None = None
    qrel_diff: dict[str, list[str]] | None = None
    excluded_ids: dict[str, set[str]] | None = None
    main_score: str = "ndcg_at_10"
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    neither: dict[str, list[str]] | None = None

    def __repr__(self) -> str:
        return (f"EvalTask({self.name!r}, {self.benchmark}, {len(self.queries)} queries, "
                f"{len(self.corpus)} docs, top_ranked={'yes' if self.top_ranked else 'no'})")


class Scorer(Protocol):
    """What the protocols need from a model: scores for given candidates, or a full search.

    ``score_candidates`` returns ``{qid: {doc id: score}}`` for each query's candidates (rerank);
    ``search`` returns each query's ``top_k`` best documents of ``task.corpus`` (retrieve), BRIGHT's
    ``task.excluded_ids`` already removed.
    """

    name: str

    def score_candidates(self, task: EvalTask, qids: Sequence[str],
                         candidates: Mapping[str, Sequence[str]]) -> Run: ...

    def search(self, task: EvalTask, qids: Sequence[str], top_k: int) -> Run: ...


# ----------------------------------------------------------------------------- small readers


def _jsonl_records(path: Path) -> Iterator[tuple[str, dict]]:
    """``(where, record)`` of a JSONL file; raises DataError naming file:line on bad JSON/non-objects."""
    for lineno, rec in iter_jsonl(path):
        where = f"{path}:{lineno}"
        if isinstance(rec, DataError):
            raise rec
        if not isinstance(rec, dict):
            raise DataError(f"{where}: expected a JSON object, got {type(rec).__name__}")
        yield where, rec


def _table_records(path: Path) -> Iterator[tuple[str, dict]]:
    """Records of a ``.jsonl`` or ``.parquet`` file."""
    if path.suffix.lower() == ".parquet":
        for i, rec in iter_parquet(path):
            yield f"{path}:row {i}", rec
    else:
        yield from _jsonl_records(path)


def _str_id(value: Any, where: str, name: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        raise DataError(f"{where}: field {name!r} must be a non-empty string or integer, got {value!r:.60}")
    return str(value)


def _id_list(value: Any, where: str, name: str) -> list[str]:
    if not isinstance(value, (list, tuple)):
        raise DataError(f"{where}: field {name!r} must be a list of ids, got {type(value).__name__}")
    return [_str_id(v, where, name) for v in value]


def read_id_lists(path: str | os.PathLike, *, key: str = "query-id", values: str = "corpus-ids") -> dict[str, list[str]]:
    """``{"query-id": ..., "corpus-ids": [...]}`` lines (FollowIR ``top_ranked`` / ``qrel_diff``)."""
    path = Path(path)
    out: dict[str, list[str]] = {}
    for where, rec in _jsonl_records(path):
        if key not in rec:
            raise DataError(f"{where}: missing field {key!r}")
        if values not in rec:
            raise DataError(f"{where}: missing field {values!r}")
        qid = _str_id(rec[key], where, key)
        if qid in out:
            raise DataError(f"{where}: duplicate {key} {qid!r}")
        out[qid] = _id_list(rec[values], where, values)
    return out


def _require(path: Path, what: str) -> Path:
    if not path.is_file():
        raise DataError(f"{path}: missing ({what})")
    return path


def _check_ids(mapping: Mapping[str, Any], known: Mapping[str, Any], where: str, what: str, of: str) -> None:
    bad = [k for k in mapping if k not in known]
    if bad:
        raise DataError(f"{where}: {len(bad)} {what} not in {of} (first: {bad[:3]})")


# ----------------------------------------------------------------------------- FollowIR


def _is_followir_dir(path: Path) -> bool:
    return (path / "corpus.jsonl").is_file() and (path / "queries.jsonl").is_file()


def load_followir(source: str | os.PathLike) -> list[EvalTask]:
    """FollowIR task(s) from a local directory (see the module docstring) or a hub name.

    ``source`` may be one task directory, a directory of task directories, or a hub name:
    ``"followir"`` (Robust04, News21, Core17), ``"robust04"``/``"news21"``/``"core17"``, or a repo id.
    """
    path = Path(source)
    if path.is_dir():
        if _is_followir_dir(path):
            return [_load_followir_dir(path)]
        subdirs = sorted(p for p in path.iterdir() if p.is_dir() and _is_followir_dir(p))
        if not subdirs:
            raise DataError(f"{path}: no FollowIR layout here (need corpus.jsonl, queries.jsonl, qrels/og.tsv, "
                            "qrels/changed.tsv, top_ranked.jsonl), nor in its sub-directories")
        return [_load_followir_dir(p) for p in subdirs]
    if path.exists():
        raise DataError(f"{path}: is a file; pass the FollowIR directory")
    _not_a_path(source)
    name = str(source)
    if name.lower() == "followir":
        return [_followir_from_hub(k, repo) for k, repo in FOLLOWIR_HUB.items()]
    key = name.lower()
    repo = FOLLOWIR_HUB.get(key, name)
    return [_followir_from_hub(key if key in FOLLOWIR_HUB else name.rsplit("/", 1)[-1], repo)]


def _load_followir_dir(path: Path) -> EvalTask:
    corpus = read_beir_corpus(_require(path / "corpus.jsonl", "the FollowIR corpus"))
    qpath = _require(path / "queries.jsonl", "the FollowIR queries")
    queries = {q.id: q for q in read_beir_queries(qpath)}
    for qid, q in queries.items():
        if not (qid.endswith("-og") or qid.endswith("-changed")):
            raise DataError(f"{qpath}: query id {qid!r} must end in '-og' or '-changed'")
        if not q.instruction:
            log.warning("%s: query %s has no instruction", qpath, qid)
    bases = {q.rsplit("-", 1)[0] for q in queries}
    for b in bases:
        for suffix in ("-og", "-changed"):
            if f"{b}{suffix}" not in queries:
                raise DataError(f"{qpath}: query {b!r} has no '{b}{suffix}' entry; FollowIR needs both halves")
    if (path / "qrels" / "og.tsv").is_file() or (path / "qrels" / "changed.tsv").is_file():
        qrels = {**read_qrels(_require(path / "qrels" / "og.tsv", "FollowIR og qrels")),
                 **read_qrels(_require(path / "qrels" / "changed.tsv", "FollowIR changed qrels"))}
    else:
        qrels = read_qrels(_require(path / "qrels" / "test.tsv", "FollowIR qrels (og.tsv + changed.tsv, or test.tsv)"))
    _check_ids(qrels, queries, str(path / "qrels"), "qrels query ids", "queries.jsonl")
    for qid, docs in qrels.items():
        _check_ids(docs, corpus, str(path / "qrels"), f"doc ids of query {qid}", "corpus.jsonl")
    diff_path = path / "qrel_diff.jsonl"
    if diff_path.is_file():
        qrel_diff = read_id_lists(diff_path)
        for b, docs in qrel_diff.items():
            if b not in bases:
                raise DataError(f"{diff_path}: query id {b!r} has no '{b}-og'/'{b}-changed' in queries.jsonl "
                                "(qrel_diff uses the base id without the suffix)")
            _check_ids(dict.fromkeys(docs), corpus, str(diff_path), f"doc ids of query {b}", "corpus.jsonl")
    else:
        qrel_diff = derive_qrel_diff(qrels)
        log.info("%s: no qrel_diff.jsonl; derived it from the qrels", path)
    tr_path = path / "top_ranked.jsonl"
    top_ranked = None
    if tr_path.is_file():
        top_ranked = read_id_lists(tr_path)
        _check_ids(top_ranked, queries, str(tr_path), "query ids", "queries.jsonl")
        for qid, docs in top_ranked.items():
            _check_ids(dict.fromkeys(docs), corpus, str(tr_path), f"candidates of {qid}", "corpus.jsonl")
    neither = _read_neither(path / "neither.jsonl", bases, corpus, qrels)
    name = path.name
    main = "p-MRR"
    return EvalTask(name, "followir", corpus, queries, qrels, top_ranked, qrel_diff, None, main, str(path),
                    neither=neither)


def _read_neither(path: Path, bases: set[str], corpus: Mapping[str, str],
                  qrels: Mapping[str, Mapping[str, int]]) -> dict[str, list[str]] | None:
    """The optional ``neither.jsonl`` of a FollowIR directory, checked; ``None`` when absent."""
    if not path.is_file():
        return None
    neither = read_id_lists(path)
    for b, docs in neither.items():
        if b not in bases:
            raise DataError(f"{path}: query id {b!r} has no '{b}-og'/'{b}-changed' in queries.jsonl "
                            "(neither.jsonl uses the base id without the suffix)")
        _check_ids(dict.fromkeys(docs), corpus, str(path), f"doc ids of query {b}", "corpus.jsonl")
        for half in ("og", "changed"):
            judged = qrels.get(f"{b}-{half}", {})
            relevant = [d for d in docs if judged.get(d, 0) > 0]
            if relevant:
                raise DataError(f"{path}: query {b!r} lists {relevant[:3]} as relevant under neither instruction, "
                                f"but the qrels judge them relevant for '{b}-{half}'; remove them from "
                                "neither.jsonl or fix the qrels")
    return neither


def derive_qrel_diff(qrels: Mapping[str, Mapping[str, int]]) -> dict[str, list[str]]:
    """Docs relevant (>0) under ``<qid>-og`` but not under ``<qid>-changed``, per base id."""
    out: dict[str, list[str]] = {}
    for qid, docs in qrels.items():
        if not qid.endswith("-og"):
            continue
        base = qid[: -len("-og")]
        changed = qrels.get(f"{base}-changed", {})
        out[base] = sorted(d for d, r in docs.items() if r > 0 and changed.get(d, 0) <= 0)
    return out


# ----------------------------------------------------------------------------- hub access


def _not_a_path(source: str | os.PathLike) -> None:
    """A missing local path must not be sent to the hub as a name."""
    s = str(source)
    if isinstance(source, os.PathLike) or s.startswith(("/", ".", "~")) or os.sep + os.sep in s:
        raise DataError(f"{s}: no such directory")


def _datasets():
    try:
        import datasets
    except ImportError as e:
        raise DataError("loading a benchmark by name from the Hugging Face hub needs `datasets` "
                        "(pip install 'infembed[hub]'); or pass a local directory") from e
    if os.environ.get("HF_HUB_OFFLINE") == "1" or os.environ.get("HF_DATASETS_OFFLINE") == "1":
        log.info("HF_HUB_OFFLINE=1: only cached hub datasets can load")
    return datasets


def _hub_split(repo: str, config: str | None, split: str | None = "test"):
    datasets = _datasets()
    try:
        ds = datasets.load_dataset(repo, config)
    except Exception as e:  # network, offline mode, unknown repo/config: one clear message
        raise DataError(
            f"cannot load {repo!r} (config {config!r}) from the Hugging Face hub: {type(e).__name__}: {e}. "
            "Offline? Download it once online, or pass a local directory in the documented layout."
        ) from e
    if isinstance(ds, datasets.DatasetDict):
        if split in ds:
            return ds[split]
        if len(ds) == 1:
            return next(iter(ds.values()))
        raise DataError(f"{repo} ({config}): no split {split!r}; available: {list(ds)}")
    return ds


def _hub_corpus(repo: str) -> dict[str, str]:
    """A hub dataset's ``corpus`` split → ``{doc_id: text}`` (the BEIR title rule of the file readers)."""
    return {str(rec.get("_id", rec.get("id"))): beir_passage_text(rec.get("title"), rec.get("text") or "")
            for rec in _hub_split(repo, "corpus")}


def _followir_from_hub(name: str, repo: str) -> EvalTask:
    corpus = _hub_corpus(repo)
    queries = {}
    for rec in _hub_split(repo, "queries"):
        qid = str(rec.get("_id", rec.get("id")))
        queries[qid] = Query(qid, rec["text"], rec.get("instruction") or "")
    try:
        for rec in _hub_split(repo, "instruction"):
            q = queries.get(str(rec["query-id"]))
            if q is not None:
                queries[q.id] = Query(q.id, q.text, rec["instruction"])
    except DataError:
        pass  # instructions inline in queries
    qrels: dict[str, dict[str, int]] = {}
    for rec in _hub_split(repo, "default"):
        qrels.setdefault(str(rec["query-id"]), {})[str(rec["corpus-id"])] = int(rec["score"])
    top_ranked = {str(r["query-id"]): [str(d) for d in r["corpus-ids"]] for r in _hub_split(repo, "top_ranked")}
    try:
        qrel_diff = {str(r["query-id"]): [str(d) for d in r["corpus-ids"]] for r in _hub_split(repo, "qrel_diff")}
    except DataError:
        qrel_diff = derive_qrel_diff(qrels)
    queries = {q: v for q, v in queries.items() if q in qrels or q in top_ranked}
    return EvalTask(name, "followir", corpus, queries, qrels, top_ranked, qrel_diff, None, "p-MRR", repo)


# ----------------------------------------------------------------------------- BEIR / InstructIR


def _qrels_file(path: Path, split: str) -> Path:
    f = path / "qrels" / f"{split}.tsv"
    if f.is_file():
        return f
    found = sorted((path / "qrels").glob("*.tsv")) if (path / "qrels").is_dir() else []
    if len(found) == 1:
        return found[0]
    raise DataError(f"{f}: missing (BEIR layout needs qrels/{split}.tsv; found {[p.name for p in found]})")


def load_beir(source: str | os.PathLike, *, split: str = "test", queries_file: str = "queries.jsonl",
              benchmark: str = "beir", name: str | None = None) -> list[EvalTask]:
    """A BEIR-layout directory (optional ``instruction`` per query, optional ``top_ranked.jsonl``)."""
    path = Path(source)
    if not path.is_dir():
        raise DataError(f"{path}: not a directory (BEIR layout: corpus.jsonl, queries.jsonl, qrels/{split}.tsv)")
    corpus = read_beir_corpus(_require(path / "corpus.jsonl", "the corpus"))
    qpath = _require(path / queries_file, "the queries")
    queries = {q.id: q for q in read_beir_queries(qpath)}
    qrels_path = _qrels_file(path, split)
    qrels = read_qrels(qrels_path)
    _check_ids(qrels, queries, str(qrels_path), "query ids", qpath.name)
    for qid, docs in qrels.items():
        _check_ids(docs, corpus, str(qrels_path), f"doc ids of query {qid}", "corpus.jsonl")
    queries = {q: v for q, v in queries.items() if q in qrels}  # as mteb: queries without qrels are dropped
    top_ranked = None
    if (path / "top_ranked.jsonl").is_file():
        top_ranked = read_id_lists(path / "top_ranked.jsonl")
        for qid, docs in top_ranked.items():
            _check_ids(dict.fromkeys(docs), corpus, str(path / "top_ranked.jsonl"), f"candidates of {qid}", "corpus.jsonl")
    return [EvalTask(name or path.name, benchmark, corpus, queries, qrels, top_ranked, source=str(path))]


def split_instructir_query(q: Query, where: str) -> Query:
    """InstructIR query normalisation: ``"<instruction> [SEP] <query>"`` text → separate fields."""
    if q.instruction:
        return q
    if "[SEP]" in q.text:
        instruction, _, query = q.text.partition("[SEP]")
        if not query.strip():
            raise DataError(f"{where}: query {q.id!r} has nothing after [SEP]")
        return Query(q.id, query.strip(), instruction.strip())
    return q


def load_instructir(source: str | os.PathLike, *, split: str = "test") -> list[EvalTask]:
    """InstructIR (kaistAI layout, see the module docstring) or the hub copy ``mteb/InstructIR-mteb``."""
    path = Path(source)
    if not path.is_dir():
        if path.exists():
            raise DataError(f"{path}: is a file; pass the InstructIR directory")
        _not_a_path(source)
        return [_beir_from_hub(str(source) if "/" in str(source) else INSTRUCTIR_HUB, "instructir",
                               "robustness_at_10")]
    qfile = "queries.jsonl"
    if not (path / qfile).is_file() and (path / "only_instruction_queries.jsonl").is_file():
        qfile = "only_instruction_queries.jsonl"
    qpath = path / qfile
    # origin_query (metadata) is the query when `text` is the instruction.
    origin = {q.id: q.instruction for q in read_beir_queries(_require(qpath, "the queries"), instruction_field="origin_query")}
    task = load_beir(path, split=split, queries_file=qfile, benchmark="instructir")[0]
    fixed = {}
    for qid, q in task.queries.items():
        if not q.instruction and origin.get(qid):
            q = Query(qid, origin[qid], q.text)
        q = split_instructir_query(q, str(qpath))
        fixed[qid] = q
    task.queries = fixed
    bad = [q for q in fixed if "_" not in q]
    if bad:
        log.warning("%s: %d query ids lack the '<base>_<n>' form (e.g. %r); each is its own group", qpath, len(bad), bad[0])
    task.main_score = "robustness_at_10"
    task.extra["groups"] = len({q.split("_")[0] for q in fixed})
    return [task]


def _beir_from_hub(repo: str, benchmark: str, main_score: str) -> EvalTask:
    corpus = _hub_corpus(repo)
    queries = {}
    for rec in _hub_split(repo, "queries"):
        qid = str(rec.get("_id", rec.get("id")))
        queries[qid] = split_instructir_query(Query(qid, rec["text"], rec.get("instruction") or ""), repo)
    qrels: dict[str, dict[str, int]] = {}
    for rec in _hub_split(repo, "default"):
        qrels.setdefault(str(rec["query-id"]), {})[str(rec["corpus-id"])] = int(rec["score"])
    queries = {q: v for q, v in queries.items() if q in qrels}
    return EvalTask(repo.rsplit("/", 1)[-1], benchmark, corpus, queries, qrels, main_score=main_score, source=repo)


# ----------------------------------------------------------------------------- MAIR


def _mair_pairs(query_dir: Path, doc_dir: Path) -> list[tuple[str, Path, Path]]:
    pairs = []
    for qf in sorted(query_dir.glob("*.jsonl")):
        split = qf.stem
        if split != "queries" and not split.endswith("_queries"):
            continue
        doc_split = "docs" if split == "queries" else split[: -len("_queries")] + "_docs"
        df = doc_dir / f"{doc_split}.jsonl"
        if not df.is_file():
            raise DataError(f"{df}: missing (the documents of {qf})")
        pairs.append((split, qf, df))
    return pairs


def load_mair(source: str | os.PathLike, *, tasks: list[str] | None = None) -> list[EvalTask]:
    """MAIR tasks from a local copy of ``MAIR-Queries``/``MAIR-Docs`` or a single task directory.

    Each (task, split) pair becomes an :class:`EvalTask` named ``"<task>"`` or ``"<task>/<split>"``.
    """
    path = Path(source)
    if not path.is_dir():
        if path.exists():
            raise DataError(f"{path}: is a file; pass the MAIR directory")
        raise DataError(f"{path}: no such directory. MAIR from the hub: download MAIR-Bench/MAIR-Queries and "
                        "MAIR-Bench/MAIR-Docs (e.g. `huggingface-cli download --repo-type dataset ...`) into "
                        f"one folder and pass it ({MAIR_HUB})")
    jobs: list[tuple[str, Path, Path]] = []
    if (path / "MAIR-Queries").is_dir():
        qroot, droot = path / "MAIR-Queries", path / "MAIR-Docs"
        if not droot.is_dir():
            raise DataError(f"{droot}: missing (MAIR needs MAIR-Docs beside MAIR-Queries)")
        names = tasks or sorted(p.name for p in qroot.iterdir() if p.is_dir())
        for t in names:
            if not (qroot / t).is_dir():
                raise DataError(f"{qroot / t}: no such MAIR task")
            jobs += [(t, qd, dd) for qd, dd in [(qroot / t, droot / t)]]
    else:
        jobs.append((path.name, path, path))
    out = []
    for task_name, qdir, ddir in jobs:
        pairs = _mair_pairs(qdir, ddir)
        if not pairs:
            raise DataError(f"{qdir}: no queries.jsonl or *_queries.jsonl (MAIR layout)")
        for split, qf, df in pairs:
            name = task_name if split == "queries" else f"{task_name}/{split}"
            out.append(_load_mair_split(name, qf, df))
    return out


def _load_mair_split(name: str, qf: Path, df: Path) -> EvalTask:
    corpus: dict[str, str] = {}
    for where, rec in _table_records(df):
        did = _str_id(rec.get("id"), where, "id")
        text = rec.get("doc")
        if not isinstance(text, str):
            raise DataError(f"{where}: field 'doc' must be a string")
        if did in corpus:
            raise DataError(f"{where}: duplicate document id {did!r}")
        corpus[did] = text
    queries: dict[str, Query] = {}
    qrels: dict[str, dict[str, int]] = {}
    for where, rec in _table_records(qf):
        qid = _str_id(rec.get("qid"), where, "qid")
        query, instruction = rec.get("query"), rec.get("instruction") or ""
        if not isinstance(query, str) or not query.strip():
            raise DataError(f"{where}: field 'query' must be a non-empty string")
        if not isinstance(instruction, str):
            raise DataError(f"{where}: field 'instruction' must be a string")
        labels = rec.get("labels")
        if not isinstance(labels, list):
            raise DataError(f"{where}: field 'labels' must be a list of {{'id', 'score'}}")
        rels = {}
        for lab in labels:
            if not isinstance(lab, dict) or "id" not in lab or "score" not in lab:
                raise DataError(f"{where}: each label needs 'id' and 'score', got {lab!r:.80}")
            try:
                rels[str(lab["id"])] = int(lab["score"])
            except (TypeError, ValueError) as e:
                raise DataError(f"{where}: label score {lab['score']!r} is not an integer") from e
        if qid in queries:
            raise DataError(f"{where}: duplicate qid {qid!r}")
        queries[qid] = Query(qid, query, instruction)
        qrels[qid] = rels
    return EvalTask(name, "mair", corpus, queries, qrels, main_score="ndcg_at_10", source=str(qf))


# ----------------------------------------------------------------------------- BRIGHT


def _bright_files(root: Path, sub: str, task: str) -> list[Path]:
    base = root / sub
    found = sorted(base.glob(f"{task}-*.parquet")) + sorted(base.glob(f"{task}.parquet")) \
        + sorted(base.glob(f"{task}.jsonl")) + sorted(base.glob(f"{task}-*.jsonl"))
    if (base / task).is_dir():
        found += sorted((base / task).glob("*.parquet")) + sorted((base / task).glob("*.jsonl"))
    return found


def load_bright(source: str | os.PathLike, *, tasks: list[str] | None = None, long_documents: bool = False) -> list[EvalTask]:
    """BRIGHT tasks from a local copy of ``xlangai/BRIGHT`` (``examples/``, ``documents/``) or the hub.

    Queries get :func:`bright_instruction` as their instruction; ``gold_ids`` (or ``gold_ids_long``
    with ``long_documents``) are the relevant docs (relevance 1).
    """
    path = Path(source)
    sub_docs = "long_documents" if long_documents else "documents"
    gold_key = "gold_ids_long" if long_documents else "gold_ids"
    local = path.is_dir()
    if not local and path.exists():
        raise DataError(f"{path}: is a file; pass the BRIGHT directory")
    if not local:
        _not_a_path(source)
    if local and not (path / "examples").is_dir():
        raise DataError(f"{path}: BRIGHT layout needs examples/ and {sub_docs}/ sub-directories")
    if tasks is None:
        if local:
            names = {p.name.split("-")[0].removesuffix(".parquet").removesuffix(".jsonl")
                     for p in (path / "examples").iterdir()}
            tasks = [t for t in BRIGHT_TASKS if t in names] + sorted(names - set(BRIGHT_TASKS))
        else:
            tasks = list(BRIGHT_TASKS)
    out = []
    for t in tasks:
        if local:
            ex_files, doc_files = _bright_files(path, "examples", t), _bright_files(path, sub_docs, t)
            if not ex_files:
                raise DataError(f"{path / 'examples'}: no files for task {t!r}")
            if not doc_files:
                raise DataError(f"{path / sub_docs}: no files for task {t!r}")
            examples = [x for f in ex_files for x in _table_records(f)]
            docs = [x for f in doc_files for x in _table_records(f)]
        else:
            examples = [(f"{BRIGHT_HUB}:examples/{t}:{i}", r) for i, r in enumerate(_hub_split(BRIGHT_HUB, "examples", t))]
            docs = [(f"{BRIGHT_HUB}:{sub_docs}/{t}:{i}", r) for i, r in enumerate(_hub_split(BRIGHT_HUB, sub_docs, t))]
        out.append(_bright_task(t, examples, docs, gold_key, str(path)))
    return out


def _bright_task(task: str, examples, docs, gold_key: str, source: str) -> EvalTask:
    corpus: dict[str, str] = {}
    for where, rec in docs:
        did = _str_id(rec.get("id"), where, "id")
        text = rec.get("content")
        if not isinstance(text, str):
            raise DataError(f"{where}: field 'content' must be a string")
        corpus[did] = text
    instruction = bright_instruction(task)
    queries, qrels, excluded = {}, {}, {}
    for where, rec in examples:
        qid = _str_id(rec.get("id"), where, "id")
        query = rec.get("query")
        if not isinstance(query, str) or not query.strip():
            raise DataError(f"{where}: field 'query' must be a non-empty string")
        gold = _id_list(rec.get(gold_key, []), where, gold_key)
        ex = [d for d in _id_list(rec.get("excluded_ids") or [], where, "excluded_ids") if d != "N/A"]
        if qid in queries:
            raise DataError(f"{where}: duplicate example id {qid!r}")
        queries[qid] = Query(qid, query, instruction)
        qrels[qid] = {d: 1 for d in gold}
        if ex:
            excluded[qid] = set(ex)
    return EvalTask(task, "bright", corpus, queries, qrels, excluded_ids=excluded or None, main_score="ndcg_at_10",
                    source=source)


# ----------------------------------------------------------------------------- dispatch


def load_benchmark(benchmark: str, source: str | os.PathLike, **kwargs) -> list[EvalTask]:
    """Load ``benchmark`` (one of :data:`BENCHMARKS`) from a directory or hub name."""
    b = benchmark.lower()
    if b == "followir":
        return load_followir(source)
    if b == "instructir":
        return load_instructir(source, **kwargs)
    if b == "mair":
        return load_mair(source, **kwargs)
    if b == "bright":
        return load_bright(source, **kwargs)
    if b == "beir":
        p = Path(source)
        if p.is_dir() and not (p / "corpus.jsonl").is_file():
            subs = sorted(d for d in p.iterdir() if d.is_dir() and (d / "corpus.jsonl").is_file())
            if subs:
                return [t for d in subs for t in load_beir(d, **kwargs)]
        return load_beir(source, **kwargs)
    raise ValueError(f"benchmark={benchmark!r}: choose one of {BENCHMARKS}")


__all__ = [
    "Run", "Qrels", "Scorer", "BENCHMARKS", "EvalTask", "load_benchmark", "load_followir", "load_instructir", "load_mair", "load_bright",
    "load_beir", "read_id_lists", "derive_qrel_diff", "bright_instruction", "split_instructir_query",
    "FOLLOWIR_HUB", "BRIGHT_TASKS",
]
