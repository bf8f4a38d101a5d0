"""The evaluation driver: protocols, run files, and reports — the Python API behind ``infembed eval``.

One road: a model's run and a run file are scored by the same code. ``infembed eval --model M``
makes the runs here (a :class:`~infembed.eval_tasks.Scorer`: :class:`~infembed.scorers.DenseScorer`
searches with :func:`infembed.search.exact_topk`, the scorer of an exact index) and writes them as
TREC files; ``infembed eval --run FILE`` reads the TREC runs ``infembed search`` wrote. Both go
through :func:`finish_run` (BRIGHT exclusions, cut to ``top_k``) and :func:`score_task`
(:mod:`infembed.metrics`).

Protocols (for a model):

* ``rerank`` scores only each query's ``top_ranked`` candidates (FollowIR's standard protocol);
* ``retrieve`` searches the full corpus (exact inner-product top-k; BRIGHT's ``excluded_ids`` are
  removed from the run before scoring).

Run files (``infembed eval --run``/``--runs``; :func:`assign_run_files`, :func:`read_task_run`):

* a task's runs are the union of its files (a query may come from one file only); query ids must be
  the task's (FollowIR: ``<qid>-og`` and ``<qid>-changed``, split by that suffix, so the og and
  changed runs may be two files or one run of the whole ``queries.jsonl``);
* ``--run TASK=PATH`` names the task; a bare ``--run PATH`` and every ``*.trec`` of ``--runs DIR``
  go to the only task when ``--data`` holds one, else to the task whose file name
  (``/`` → ``__``) is a dot-separated part of the file name (``robust04.og.trec``,
  ``metrics.ToyTask__extra_queries.trec``: the names ``infembed eval --out metrics.json`` writes);
* a query of the task absent from its runs scores 0 (trec_eval ``-c``; a warning says how many).

Dense models score with cosine similarity: ``InfEmbed.encode_queries(queries, instructions)`` and
``encode_corpus`` return L2-normalised float32 rows, so the inner product is the cosine.

Imports point one way: ``eval_tasks`` ← ``metrics`` ← ``evaluate``; ``eval_tasks`` ← ``bm25`` ←
``scorers`` ← ``evaluate``.
"""

from __future__ import annotations

import errno
import json
import logging
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .data import DataError, read_trec_run, write_trec_run
from .eval_tasks import EvalTask, Run, Scorer, load_followir
from .io import atomic_write_bytes
from .metrics import (
    DEFAULT_K_VALUES,
    check_k_values,
    mean_metrics,
    p_mrr,
    paired_bootstrap,
    pairwise_checks,
    per_query_metrics,
    retrieval_metrics,
    robustness_at_10,
    split_followir_run,
    truncate_run,
)
from .scorers import make_scorer

log = logging.getLogger(__name__)

PROTOCOLS = ("rerank", "retrieve")
RUN_FILES = "runs"  # the report's "protocol" when run files were scored


# ----------------------------------------------------------------------------- running a task


@dataclass
class TaskResult:
    """Metrics and runs of one task. ``runs`` maps a run name (``"run"``, or ``"og"``/``"changed"``
    for FollowIR) to ``{qid: {doc: score}}``."""

    name: str
    metrics: dict[str, Any]
    runs: dict[str, Run] = field(default_factory=dict)
    num_queries: int = 0


def run_task(task: EvalTask, scorer: Scorer, protocol: str = "rerank", top_k: int = 1000) -> Run:
    """Produce a run for every query of ``task`` under ``protocol``.

    ``rerank`` needs ``task.top_ranked``; each query's run is its candidates' scores, cut to
    ``top_k``. ``retrieve`` searches the whole corpus. BRIGHT's ``excluded_ids`` are removed
    from the run either way.
    """
    if protocol not in PROTOCOLS:
        raise ValueError(f"protocol={protocol!r}: choose one of {PROTOCOLS}")
    if top_k < 1:
        raise ValueError(f"top_k={top_k}: must be ≥ 1")
    qids = list(task.queries)
    if protocol == "rerank":
        if task.top_ranked is None:
            raise ValueError(
                f"task {task.name!r} has no top_ranked candidate lists, so it cannot be reranked; "
                "use protocol='retrieve' (--protocol retrieve)"
            )
        missing = [q for q in qids if q not in task.top_ranked]
        if missing:
            raise ValueError(f"task {task.name!r}: no top_ranked candidates for queries {missing[:5]}")
        run = scorer.score_candidates(task, qids, task.top_ranked)
    else:
        run = scorer.search(task, qids, top_k)
    return finish_run(task, run, top_k)


def finish_run(task: EvalTask, run: Mapping[str, Mapping[str, float]], top_k: int) -> Run:
    """The run the metrics see: BRIGHT's ``excluded_ids`` removed, then each query cut to its top
    ``top_k`` (the ranking rule of :mod:`infembed.metrics`). A model's run and a run file read back
    go through this same step."""
    excluded = task.excluded_ids or {}
    kept = {q: {d: s for d, s in docs.items() if d not in excluded.get(q, ())} for q, docs in run.items()}
    return truncate_run(kept, top_k)


def score_task(task: EvalTask, run: Mapping[str, Mapping[str, float]],
               k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, Any]:
    """All metrics of ``task`` for a run covering its queries (FollowIR: og and changed ids)."""
    if task.benchmark == "followir":
        og, changed = split_followir_run(run)
        return followir_metrics(og, changed, task, k_values)
    if task.excluded_ids:
        run = {q: {d: s for d, s in docs.items() if d not in task.excluded_ids.get(q, ())} for q, docs in run.items()}
    ks = set(check_k_values(k_values))
    if task.benchmark == "instructir":
        ks.add(10)
    pq = per_query_metrics(task.qrels, run, ks)
    metrics: dict[str, Any] = mean_metrics(pq)
    if task.benchmark == "instructir":
        metrics["robustness_at_10"] = robustness_at_10(pq)
    metrics["num_queries"] = len(pq)
    metrics["main_score"] = metrics.get(task.main_score)
    return metrics


def followir_metrics(og_run: Mapping[str, Mapping[str, float]], changed_run: Mapping[str, Mapping[str, float]],
                     task: EvalTask, k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, Any]:
    """p-MRR plus the standard metrics of the og and changed halves (as mteb's
    ``evaluate_p_mrr_change``), flattened: ``"p-MRR"``, ``"og": {...}``, ``"changed": {...}``, and the
    pairwise checks of :func:`infembed.metrics.pairwise_checks`: ``"pair_a"``, ``"pair_b"`` (``None``
    when not computable, e.g. ``pair_b`` without the task's ``neither.jsonl``) with
    ``"pair_a_queries"``, ``"pair_b_queries"``, and ``"per_query"``: ``{"p-MRR" | "ndcg_at_5" | "pair_a" |
    "pair_b": {base qid: value}}`` (og nDCG@5), what :func:`followir_gains` compares."""
    ks = set(check_k_values(k_values)) | {5, 1000}
    qrels_og = {q: r for q, r in task.qrels.items() if q.endswith("-og")}
    qrels_ch = {q: r for q, r in task.qrels.items() if not q.endswith("-og")}
    per_q: dict[str, float] = {}
    value = p_mrr(og_run, changed_run, task.qrel_diff or {}, per_query=per_q)
    pair_per_q: dict[str, dict[str, float]] = {}
    pairs = pairwise_checks(og_run, changed_run, task.qrels, task.qrel_diff or {}, task.neither, per_query=pair_per_q)
    og_per_q = per_query_metrics(qrels_og, og_run, ks) if qrels_og else {}
    return {
        "p-MRR": value,
        "og": mean_metrics(og_per_q),
        "changed": retrieval_metrics(qrels_ch, changed_run, ks) if qrels_ch else {},
        **pairs,
        "p-MRR_per_query": per_q,  # the key reports had before "per_query"; kept for their readers
        # {metric: {base qid: value}}: what paired comparisons between two models resample (followir_gains)
        "per_query": {"p-MRR": per_q,
                      "ndcg_at_5": {q.removesuffix("-og"): m["ndcg_at_5"] for q, m in og_per_q.items()},
                      **{k: {q: v[k] for q, v in pair_per_q.items() if k in v} for k in ("pair_a", "pair_b")}},
        "num_queries": len({q.rsplit("-", 1)[0] for q in task.queries}),
        "main_score": value,
    }


# metric key of "per_query" → its column in the gain table
GAIN_METRICS = {"p-MRR": "p-MRR", "ndcg_at_5": "nDCG@5", "pair_a": "pair (a)", "pair_b": "pair (b)"}


def followir_gains(before: Mapping[str, Any], after: Mapping[str, Any], *, resamples: int = 10_000,
                   confidence: float = 0.95, seed: int = 0) -> dict[str, dict[str, float | int]]:
    """Per-query paired change from ``before`` to ``after`` (two :func:`followir_metrics` dicts of the
    same task) in p-MRR, og nDCG@5 and the pairwise checks, each with a paired bootstrap interval
    (:func:`infembed.metrics.paired_bootstrap`). A metric without per-query values in both (e.g.
    ``pair_b`` on a task without ``neither.jsonl``) is left out."""
    out = {}
    for name in GAIN_METRICS:
        a = (before.get("per_query") or {}).get(name) or {}
        b = (after.get("per_query") or {}).get(name) or {}
        if set(a) & set(b):
            out[name] = paired_bootstrap(a, b, resamples=resamples, confidence=confidence, seed=seed)
    return out


def _gain_cell(metric: str, g: Mapping[str, Any] | None) -> str:
    """``+8.10 [+3.91, +12.30], 29↑ 10↓``: mean change, its interval, queries up and down (p-MRR and
    nDCG@5 ×100 like the tables, the pair checks as fractions)."""
    if g is None:
        return "–"
    scale, fmt = (1.0, "{:+.3f}") if metric.startswith("pair") else (100.0, "{:+.2f}")
    lo, mid, hi = (fmt.format(scale * g[k]) for k in ("ci_low", "mean_diff", "ci_high"))
    return f"{mid} [{lo}, {hi}], {g['better']}↑ {g['worse']}↓"


def format_gains(gains: Mapping[str, Mapping[str, Mapping[str, Any]]], row_label: str = "set") -> str:
    """Markdown table: one row per key of ``gains`` (an evaluation set, or a model: each a
    :func:`followir_gains` result), one column per metric of :data:`GAIN_METRICS`."""
    lines = [f"| {row_label} | " + " | ".join(GAIN_METRICS.values()) + " |", "|---" * (len(GAIN_METRICS) + 1) + "|"]
    for name, g in gains.items():
        lines.append(f"| {name} | " + " | ".join(_gain_cell(m, g.get(m)) for m in GAIN_METRICS) + " |")
    return "\n".join(lines)


def evaluate_task(task: EvalTask, model: Any, *, protocol: str = "rerank", top_k: int = 1000,
                  k_values: Iterable[int] = DEFAULT_K_VALUES, batch_size: int = 32) -> TaskResult:
    """Run and score one task. ``model``: an InfEmbed-like object, ``"bm25"``, or a :class:`Scorer`."""
    scorer = make_scorer(model, batch_size=batch_size)
    run = run_task(task, scorer, protocol, top_k)
    metrics = score_task(task, run, k_values)
    metrics["protocol"] = protocol
    if task.benchmark == "followir":
        og, changed = split_followir_run(run)
        runs = {"og": og, "changed": changed}
    else:
        runs = {"run": run}
    return TaskResult(task.name, metrics, runs, metrics.get("num_queries", len(task.queries)))


# ----------------------------------------------------------------------------- FollowIR API


def _followir_tasks(data: Any) -> list[EvalTask]:
    if isinstance(data, EvalTask):
        return [data]
    if isinstance(data, (list, tuple)) and all(isinstance(t, EvalTask) for t in data):
        return list(data)
    return load_followir(data)


def followir_official_metric(task_name: str) -> str:
    """The og-half metric FollowIR reports for a collection: nDCG@5 for News21, MAP@1000 for Robust04,
    Core17 and anything else (its default)."""
    return "ndcg_at_5" if "news21" in task_name.lower() else "map_at_1000"


def followir_summary(metrics: Mapping[str, Any], task_name: str = "") -> dict[str, Any]:
    """The FollowIR headline numbers of one task: ``map_at_1000`` and ``ndcg_at_5`` on the og half,
    ``official`` (the one of them the collection reports, named in ``official_metric``) and
    ``p-MRR`` (all raw, not ×100)."""
    og = metrics.get("og", {})
    official = followir_official_metric(task_name)
    return {"map_at_1000": og.get("map_at_1000"), "ndcg_at_5": og.get("ndcg_at_5"),
            "official": og.get(official), "official_metric": official, "p-MRR": metrics.get("p-MRR")}


def evaluate_followir(model_or_bm25: Any, data_dir: Any, *, protocol: str = "rerank", top_k: int = 1000,
                      batch_size: int = 32, k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, Any]:
    """Evaluate a model on a FollowIR-layout set (the quickstart's before/after table).

    Args:
        model_or_bm25: an ``InfEmbed`` (anything with ``encode_queries(queries, instructions)`` and
            ``encode_corpus``), ``"bm25"``, ``"minilm"`` or a model directory.
        data_dir: a FollowIR-layout directory (see :func:`infembed.eval_tasks.load_followir`), a
            directory of such directories, a hub name, or loaded :class:`EvalTask` objects.
        protocol: ``"rerank"`` (score each query's ``top_ranked`` candidates; FollowIR's protocol) or
            ``"retrieve"`` (exact search over the whole corpus).
        top_k: documents kept per query.

    Returns:
        ``{"protocol", "top_k", "model", "tasks": {name: metrics}, "average": {"map_at_1000",
        "ndcg_at_5", "p-MRR"}}`` where each task's metrics hold ``"p-MRR"``, ``"og"`` and
        ``"changed"`` (standard metrics of each half) and ``"summary"`` (the three headline
        numbers). Values are raw (p-MRR in [-1, 1], others in [0, 1]).

    Example:
        >>> from infembed.evaluate import evaluate_followir            # doctest: +SKIP
        >>> r = evaluate_followir(model, "infembed/demo/followir_demo") # doctest: +SKIP
        >>> r["average"]["p-MRR"] * 100                                 # doctest: +SKIP
    """
    tasks = _followir_tasks(data_dir)
    scorer = make_scorer(model_or_bm25, batch_size=batch_size)
    out: dict[str, Any] = {"protocol": protocol, "top_k": top_k, "model": getattr(scorer, "name", str(model_or_bm25)),
                           "tasks": {}}
    runs: dict[str, dict[str, Run]] = {}
    for task in tasks:
        res = evaluate_task(task, scorer, protocol=protocol, top_k=top_k, k_values=k_values)
        res.metrics["summary"] = followir_summary(res.metrics, task.name)
        out["tasks"][task.name] = res.metrics
        runs[task.name] = res.runs
    out["average"] = average_summaries([m["summary"] for m in out["tasks"].values()])
    out["_runs"] = runs  # dropped by the JSON writer; handy for callers that want the runs
    return out


def evaluate_followir_runs(og_run: Mapping[str, Mapping[str, float]], changed_run: Mapping[str, Mapping[str, float]],
                           data: Any, *, top_k: int | None = None,
                           k_values: Iterable[int] = DEFAULT_K_VALUES) -> dict[str, Any]:
    """Score precomputed FollowIR runs (e.g. from the project's own index search).

    Args:
        og_run: ``{"<qid>-og": {doc_id: score}}``; changed_run: ``{"<qid>-changed": {...}}``.
            Runs may be keyed with or without the suffix: a bare ``<qid>`` is mapped to the right one.
        data: one FollowIR task (an :class:`EvalTask`) or a FollowIR-layout directory with one task.
        top_k: cut each query's run to its top ``top_k`` first (the ranking rule of this module).

    Returns:
        The same per-task dict as :func:`evaluate_followir` (``"p-MRR"``, ``"og"``, ``"changed"``,
        ``"summary"``).
    """
    tasks = _followir_tasks(data)
    if len(tasks) != 1:
        raise ValueError(f"{data}: holds {len(tasks)} FollowIR tasks; pass one task (an EvalTask or its directory)")
    task = tasks[0]
    og = {(q if q.endswith("-og") else f"{q}-og"): dict(d) for q, d in og_run.items()}
    ch = {(q if q.endswith("-changed") else f"{q}-changed"): dict(d) for q, d in changed_run.items()}
    if top_k is not None:
        og, ch = truncate_run(og, top_k), truncate_run(ch, top_k)
    unknown = [q for q in list(og) + list(ch) if q not in task.queries]
    if unknown:
        raise ValueError(f"runs name queries not in {task.name!r}: {unknown[:5]} (ids look like '<qid>-og')")
    metrics = followir_metrics(og, ch, task, k_values)
    metrics["summary"] = followir_summary(metrics, task.name)
    return metrics


def average_summaries(summaries: Sequence[Mapping[str, Any]]) -> dict[str, float | None]:
    """Mean of each numeric key over tasks, ignoring ``None``/NaN. Over several FollowIR collections
    only ``official`` (each collection's own metric) and ``p-MRR`` are averaged, as FollowIR does."""
    keys: list[str] = []
    for s in summaries:
        keys += [k for k in s if k not in keys and not isinstance(s[k], str)]
    if len(summaries) > 1:
        keys = [k for k in keys if k not in ("map_at_1000", "ndcg_at_5")]
    out: dict[str, float | None] = {}
    for k in keys:
        vals = [s[k] for s in summaries if isinstance(s.get(k), (int, float)) and not math.isnan(s[k])]
        out[k] = sum(vals) / len(vals) if vals else None
    return out


# ----------------------------------------------------------------------------- a benchmark, from a model


def task_file_name(name: str) -> str:
    """A task name as one file-name part: ``/`` → ``__`` (MAIR's ``<task>/<split>``)."""
    return name.replace("/", "__")


def choose_protocol(tasks: Sequence[EvalTask], protocol: str | None = None) -> str:
    """``protocol``, or ``"rerank"`` when every task has ``top_ranked`` candidates, else ``"retrieve"``.

    Raises ``ValueError`` for an unknown protocol, and ``DataError`` for ``rerank`` on a task without
    candidates (naming the tasks and the fix)."""
    if protocol is None:
        return "rerank" if all(t.top_ranked for t in tasks) else "retrieve"
    if protocol not in PROTOCOLS:
        raise ValueError(f"protocol={protocol!r}: choose one of {PROTOCOLS}")
    if protocol == "rerank":
        missing = [t.name for t in tasks if not t.top_ranked]
        if missing:
            raise DataError(f"--protocol rerank needs top_ranked candidates; tasks {missing} have none "
                            "(use --protocol retrieve)")
    return protocol


def write_task_runs(runs: Mapping[str, Run], stem: str | Path, task_name: str, tag: str = "infembed") -> dict[str, str]:
    """Write a task's runs as TREC files ``<stem>.<task>.trec`` (FollowIR: ``<stem>.<task>.og.trec`` and
    ``.changed.trec``); returns ``{run name: path}``."""
    paths = {}
    for run_name, run in runs.items():
        suffix = "" if run_name == "run" else f".{run_name}"
        path = Path(f"{stem}.{task_file_name(task_name)}{suffix}.trec")
        write_trec_run(path, {q: list(d.items()) for q, d in run.items()}, tag=tag)
        paths[run_name] = str(path)
    return paths


# Evaluation-time token limits, per benchmark (query side, passage side). They are evaluation
# settings, not the training run's: a model trained on 128-token passages still reads 512-token
# documents here (clamped to the backbone's position limit). FollowIR narratives and BRIGHT posts are
# long on the query side too.
EVAL_MAX_LENGTHS: dict[str, tuple[int, int]] = {
    "followir": (512, 512), "instructir": (256, 512), "mair": (512, 512), "bright": (512, 512), "beir": (256, 512),
}
# BRIGHT's reference evaluation of embedding models formats every query this way.
BRIGHT_QUERY_TEMPLATE = "Instruct: {instruction}\nQuery: {query}"


def default_query_template(benchmark: str) -> str | None:
    """The query template a benchmark is evaluated with (``None``: the model's own)."""
    return BRIGHT_QUERY_TEMPLATE if benchmark == "bright" else None


def evaluate_benchmark(benchmark: str, tasks: Sequence[EvalTask], model: Any, *, protocol: str | None = None,
                       top_k: int = 1000, batch_size: int = 32, runs_stem: str | Path | None = None,
                       data: str = "", query_max_length: int | None = None, passage_max_length: int | None = None,
                       query_template: str | None = None, model_options: Mapping[str, Any] | None = None
                       ) -> dict[str, Any]:
    """Run a model on every task, score the runs and assemble the report ``infembed eval`` writes.

    Args:
        benchmark: one of :data:`infembed.eval_tasks.BENCHMARKS` (picks the table's columns).
        tasks: loaded tasks (:func:`infembed.eval_tasks.load_benchmark`).
        model: an InfEmbed-like object, ``"bm25"``, ``"minilm"``, a model dir, or a :class:`Scorer`.
        protocol: ``"rerank"``, ``"retrieve"``, or ``None`` (see :func:`choose_protocol`).
        runs_stem: when given, each task's runs are written as TREC files beside it
            (:func:`write_task_runs`), and ``report["runs"]`` lists them.
        model_options: settings for a model loaded here by name (``pooling``, ``mode``; see
            :func:`infembed.scorers.make_scorer`), reported under ``"settings"``.

    Returns:
        ``{"benchmark", "data", "model", "protocol", "top_k", "tasks": {name: metrics},
        "runs": {name: {run name: path}}, "average", "seconds", "notes"}``, values raw.

    Example:
        >>> r = evaluate_benchmark("followir", load_followir("infembed/demo/followir_demo"), "bm25")  # doctest: +SKIP
        >>> print(format_table(r["benchmark"], r["tasks"], r["average"]))                           # doctest: +SKIP
    """
    protocol = choose_protocol(tasks, protocol)
    q_len, p_len = EVAL_MAX_LENGTHS[benchmark]
    q_len, p_len = query_max_length or q_len, passage_max_length or p_len
    template = query_template if query_template is not None else default_query_template(benchmark)
    scorer = make_scorer(model, batch_size=batch_size, query_max_length=q_len, passage_max_length=p_len,
                         query_template=template, model_options=model_options)
    net = getattr(scorer, "model", None)
    report: dict[str, Any] = {"benchmark": benchmark, "data": str(data), "model": str(model), "protocol": protocol,
                              "top_k": top_k, "tasks": {}, "runs": {}}
    if hasattr(net, "truncated"):
        net.truncated.update(queries=0, passages=0)
        report["settings"] = {"query_max_length": net.config.query_max_length,
                              "passage_max_length": net.config.passage_max_length,
                              "query_template": net.config.query_template,
                              **{k: getattr(net.config, k) for k in (model_options or {})}}
    t0 = time.perf_counter()
    for task in tasks:
        res = evaluate_task(task, scorer, protocol=protocol, top_k=top_k, batch_size=batch_size)
        if benchmark == "followir":
            res.metrics["summary"] = followir_summary(res.metrics, task.name)
        report["tasks"][task.name] = res.metrics
        if runs_stem is not None:
            report["runs"][task.name] = write_task_runs(res.runs, runs_stem, task.name,
                                                        tag=f"infembed-{Path(str(model)).name}")
    report["average"] = average_metrics(benchmark, report["tasks"])
    report["seconds"] = round(time.perf_counter() - t0, 3)
    if hasattr(net, "truncated"):
        report["truncated"] = dict(net.truncated)
    report["notes"] = [
        f"protocol={protocol}: " + ("each query's top_ranked candidates were scored" if protocol == "rerank"
                                    else "the whole corpus was searched (exact inner product)"),
        "values are raw (0..1; p-MRR in -1..1); the printed table shows them x100",
    ]
    if str(model).lower() == "bm25":
        report["notes"].append("bm25: bm25s (Lucene, k1=1.5, b=0.75, English stop words), query text = "
                               "query + ' ' + instruction")
    return report


# ----------------------------------------------------------------------------- a benchmark, from run files


def _run_spec(spec: str, task_names: Sequence[str]) -> tuple[str | None, Path]:
    """``"TASK=PATH"`` → ``(TASK, PATH)``; a bare path → ``(None, PATH)``."""
    if "=" in spec:
        name, _, path = spec.partition("=")
        if name in task_names:
            return name, Path(path)
        if not Path(spec).exists():
            raise ValueError(f"--run {spec}: {name!r} is not a task of --data (its tasks: {list(task_names)[:8]}); "
                             "use --run TASK=PATH with one of them, or a bare --run PATH")
    return None, Path(spec)


def _check_run_file(path: Path) -> None:
    if path.is_dir():
        raise ValueError(f"{path}: is a directory; pass a TREC run file with --run, or the directory with --runs")
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, "no such run file", str(path))


def _task_of_file(path: Path, task_names: Sequence[str]) -> list[str]:
    parts = path.name.split(".")[:-1] if "." in path.name else [path.name]
    return [t for t in task_names if task_file_name(t) in parts]


def assign_run_files(tasks: Sequence[EvalTask], runs: Sequence[str] = (), runs_dir: str | Path | None = None
                     ) -> dict[str, list[Path]]:
    """Which TREC run files belong to which task (the rules are in the module docstring).

    Args:
        tasks: the loaded tasks of ``--data``.
        runs: ``--run`` values, ``"PATH"`` or ``"TASK=PATH"``.
        runs_dir: ``--runs``: a directory whose ``*.trec`` files are the runs.

    Returns:
        ``{task name: [run files]}`` with at least one file per task.

    Raises:
        ValueError/DataError naming the file or task and the fix; FileNotFoundError for a missing file.
    """
    names = [t.name for t in tasks]
    specs: list[tuple[str | None, Path, bool]] = []  # (task, path, named on the command line)
    for spec in runs:
        task, path = _run_spec(spec, names)
        _check_run_file(path)
        specs.append((task, path, True))
    if runs_dir is not None:
        d = Path(runs_dir)
        if not d.is_dir():
            if d.exists():
                raise ValueError(f"--runs {d}: is a file; pass the directory holding the .trec runs, or the file "
                                 "with --run")
            raise FileNotFoundError(errno.ENOENT, "no such run directory", str(d))
        found = sorted(p for p in d.glob("*.trec") if p.is_file())
        if not found:
            raise DataError(f"--runs {d}: holds no *.trec files (write them with `infembed search --out "
                            f"{d}/NAME.trec`)")
        specs += [(None, p, False) for p in found]
    if not specs:
        raise ValueError("no run files: pass --run PATH (repeatable) or --runs DIR")
    assigned: dict[str, list[Path]] = {n: [] for n in names}
    for task, path, named in specs:
        if task is None:
            matches = names if len(names) == 1 else _task_of_file(path, names)
            if len(matches) > 1:
                raise ValueError(f"{path}: its name fits tasks {matches}; pass --run TASK={path}")
            if not matches:
                if named:
                    raise ValueError(f"{path}: --data holds {len(names)} tasks and the file name names none of "
                                     f"them (e.g. {task_file_name(names[0])}.trec); pass --run TASK={path}")
                log.info("%s: names no task of --data; not scored", path)
                continue
            task = matches[0]
        if path not in assigned[task]:
            assigned[task].append(path)
    missing = [n for n, files in assigned.items() if not files]
    if missing:
        raise DataError(f"no run file for task(s) {missing[:5]}: pass --run {missing[0]}=PATH, or name the file "
                        f"{task_file_name(missing[0])}.trec in --runs")
    return assigned


def read_task_run(task: EvalTask, paths: Sequence[str | Path], top_k: int | None = None) -> Run:
    """One task's run from its TREC run files (as ``infembed search`` writes them), checked against
    the task and put through :func:`finish_run` when ``top_k`` is given.

    Raises ``DataError`` naming the file and the fix for an empty file, query ids the task does not
    have, a query in two files, passage ids none of which is in the corpus, and (FollowIR) runs
    without ``-og`` or without ``-changed`` queries. Bad lines are named by ``read_trec_run``.
    """
    run: Run = {}
    source: dict[str, Path] = {}
    for p in map(Path, paths):
        r = read_trec_run(p)
        if not r:
            raise DataError(f"{p}: holds no run lines ('qid Q0 docid rank score tag'); write the run with "
                            "`infembed search`")
        unknown = [q for q in r if q not in task.queries]
        if unknown:
            hint = " (FollowIR query ids end in -og / -changed)" if task.benchmark == "followir" else ""
            raise DataError(f"{p}: {len(unknown)} query ids are not in task {task.name!r} of --data (first: "
                            f"{unknown[:3]}){hint}; score a run against the data whose queries it searched")
        twice = next((q for q in r if q in source), None)
        if twice is not None:
            raise DataError(f"{p}: query {twice!r} is also in {source[twice]}; each query's run must come from one "
                            "file (pass one run per query set)")
        if not any(d in task.corpus for docs in r.values() for d in docs):
            raise DataError(f"{p}: none of its passage ids is in the corpus of task {task.name!r}; was it searched "
                            "over another corpus's index?")
        run.update(r)
        source.update(dict.fromkeys(r, p))
    if task.benchmark == "followir":
        og, changed = split_followir_run(run)
        for half, part in (("og", og), ("changed", changed)):
            if not part:
                files = ", ".join(map(str, paths))
                raise DataError(f"{files}: no '-{half}' queries; FollowIR scores the og and the changed runs "
                                f"together: pass both (--run og.trec --run changed.trec, or one run of all of "
                                f"queries.jsonl)")
    absent = [q for q in task.queries if q not in run]
    if absent:
        log.warning("task %s: %d of %d queries have no lines in %s; they score 0 (e.g. %s)", task.name,
                    len(absent), len(task.queries), ", ".join(map(str, paths)), absent[0])
    return finish_run(task, run, top_k) if top_k is not None else run


def evaluate_run_files(benchmark: str, tasks: Sequence[EvalTask], files: Mapping[str, Sequence[str | Path]], *,
                       top_k: int = 1000, k_values: Iterable[int] = DEFAULT_K_VALUES,
                       data: str = "") -> dict[str, Any]:
    """Score TREC run files (e.g. from ``infembed search``) and assemble the report ``infembed eval --run``
    writes: the same keys as :func:`evaluate_benchmark`, ``"protocol": "runs"``, and ``"runs"`` naming
    the files read.

    Args:
        files: ``{task name: [run files]}`` (:func:`assign_run_files`).
        top_k: each query's run is cut to its top ``top_k`` first (as for a model's run).

    Example:
        >>> tasks = load_followir("infembed/demo/followir_demo")                     # doctest: +SKIP
        >>> r = evaluate_run_files("followir", tasks, {tasks[0].name: ["run.trec"]})  # doctest: +SKIP
    """
    report: dict[str, Any] = {"benchmark": benchmark, "data": str(data), "model": None, "protocol": RUN_FILES,
                              "top_k": top_k, "tasks": {}, "runs": {}}
    t0 = time.perf_counter()
    absent = 0
    for task in tasks:
        run = read_task_run(task, files[task.name], top_k)
        absent += sum(1 for q in task.queries if q not in run)
        metrics = score_task(task, run, k_values)
        metrics["protocol"] = RUN_FILES
        if benchmark == "followir":
            metrics["summary"] = followir_summary(metrics, task.name)
        report["tasks"][task.name] = metrics
        paths = [str(p) for p in files[task.name]]
        stems = [Path(p).name.removesuffix(".trec") for p in paths]
        report["runs"][task.name] = dict(zip(stems, paths, strict=True)) if len(set(stems)) == len(stems) \
            else {str(i): p for i, p in enumerate(paths)}
    report["average"] = average_metrics(benchmark, report["tasks"])
    report["seconds"] = round(time.perf_counter() - t0, 3)
    report["notes"] = [
        f"runs: the TREC run files were scored as written (each query cut to its top {top_k})",
        "values are raw (0..1; p-MRR in -1..1); the printed table shows them x100",
    ]
    if absent:
        report["notes"].append(f"{absent} queries of the data had no lines in the runs and scored 0")
    return report


# ----------------------------------------------------------------------------- reports


# Columns printed per benchmark: (header, path into a task's metrics). Values are ×100 in the table.
TABLE_COLUMNS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "followir": [("MAP@1000 (og)", ("og", "map_at_1000")), ("nDCG@5 (og)", ("og", "ndcg_at_5")),
                 ("official (og)", ("summary", "official")), ("p-MRR", ("p-MRR",)),
                 ("pair (a)", ("pair_a",)), ("pair (b)", ("pair_b",))],
    "instructir": [("nDCG@10", ("ndcg_at_10",)), ("Robustness@10", ("robustness_at_10",))],
    "mair": [("nDCG@1", ("ndcg_at_1",)), ("nDCG@5", ("ndcg_at_5",)), ("nDCG@10", ("ndcg_at_10",))],
    "bright": [("nDCG@10", ("ndcg_at_10",)), ("Recall@100", ("recall_at_100",))],
    "beir": [("nDCG@10", ("ndcg_at_10",)), ("MAP@1000", ("map_at_1000",)), ("Recall@100", ("recall_at_100",)),
             ("MRR@10", ("mrr_at_10",))],
}


def _get(metrics: Mapping[str, Any], path: tuple[str, ...]) -> float | None:
    cur: Any = metrics
    for p in path:
        if not isinstance(cur, Mapping) or p not in cur:
            return None
        cur = cur[p]
    return cur if isinstance(cur, (int, float)) else None


def average_metrics(benchmark: str, tasks: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Averages over tasks of the table's columns. MAIR weights tasks by their number of queries
    (InF-Embed ``evals/mair.py`` ``print_results``); the others take the plain mean (FollowIR
    ``gather_results.py``)."""
    out: dict[str, Any] = {}
    for _, path in TABLE_COLUMNS[benchmark]:
        if benchmark == "followir" and path[0] == "og":
            # FollowIR averages each collection's own metric (MAP@1000 or nDCG@5), never one of them
            # over collections that report the other.
            out[".".join(path)] = None
            continue
        vals = [(_get(m, path), m.get("num_queries", 1) or 1) for m in tasks.values()]
        vals = [(v, w) for v, w in vals if v is not None]
        key = ".".join(path)
        if not vals:
            out[key] = None
        elif benchmark == "mair":
            out[key] = sum(v * w for v, w in vals) / sum(w for _, w in vals)
        else:
            out[key] = sum(v for v, _ in vals) / len(vals)
    return out


def format_table(benchmark: str, tasks: Mapping[str, Mapping[str, Any]], average: Mapping[str, Any] | None = None,
                 *, model: str = "", protocol: str = "") -> str:
    """A plain-text table (values ×100, two decimals)."""
    cols = TABLE_COLUMNS[benchmark]
    headers = ["task", *[h for h, _ in cols]]
    rows = []
    for name, m in tasks.items():
        rows.append([name, *[_fmt(_get(m, p)) for _, p in cols]])
    if average is not None and len(tasks) > 1:
        rows.append(["average", *[_fmt(average.get(".".join(p))) for _, p in cols]])
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))  # noqa: E731
    title = f"{benchmark} | model: {model} | protocol: {protocol} | values ×100"
    sep = "-" * len(line(headers))
    return "\n".join([title, line(headers), sep, *[line(r) for r in rows]])


def _fmt(v: float | None) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{100 * v:.2f}"


def jsonable(obj: Any) -> Any:
    """Drop private keys (``_runs``) and turn NaN into ``None`` so the JSON is strict."""
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items() if not str(k).startswith("_")}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, float) and (math.isnan(obj) or math.isinf(obj)):
        return None
    if isinstance(obj, (np.floating, np.integer)):
        return jsonable(obj.item())
    if isinstance(obj, Path):
        return str(obj)
    return obj


def write_report(report: Mapping[str, Any], out: str | Path) -> None:
    """The report as strict JSON (private keys dropped, NaN → null), written atomically."""
    atomic_write_bytes(out, (json.dumps(jsonable(report), indent=2) + "\n").encode())


def report_text(report: Mapping[str, Any], out: str | Path | None = None) -> str:
    """What ``infembed eval`` prints: the table, then where the metrics and runs are."""
    model = report["model"] if report["model"] is not None else "(run files)"
    text = format_table(report["benchmark"], report["tasks"], report["average"], model=str(model),
                        protocol=report["protocol"])
    runs = ", ".join(p for r in report["runs"].values() for p in r.values())
    label = "scored: " if report["protocol"] == RUN_FILES else "runs:    "
    lines = [text, ""]
    if "truncated" in report:
        st, tr = report["settings"], report["truncated"]
        lines.append(f"truncated: {tr['queries']} query texts at {st['query_max_length']} tokens, "
                     f"{tr['passages']} passages at {st['passage_max_length']} tokens "
                     "(--query-max-length / --passage-max-length)")
    if out is not None:
        lines.append(f"metrics: {out}")
    if runs:
        lines.append(f"{label}{runs}")
    return "\n".join(lines)


__all__ = [
    "PROTOCOLS", "RUN_FILES", "TaskResult", "run_task", "finish_run", "score_task", "followir_metrics",
    "evaluate_task", "evaluate_followir", "evaluate_followir_runs", "followir_summary", "followir_official_metric",
    "average_summaries", "EVAL_MAX_LENGTHS", "BRIGHT_QUERY_TEMPLATE", "default_query_template",
    "task_file_name", "choose_protocol", "write_task_runs", "evaluate_benchmark", "assign_run_files",
    "read_task_run", "evaluate_run_files", "average_metrics", "format_table", "TABLE_COLUMNS", "jsonable",
    "write_report", "report_text", "GAIN_METRICS", "followir_gains", "format_gains",
]
