#!/usr/bin/env python3
"""Instruction-following check on the msmarco_instruct set: p-MRR, nDCG@5 and two pairwise tests.

Steps:
  1. build the set with bench/msmarco_instruct/prepare.py (real MS MARCO queries/passages read at run
     time from the sample + the project's written instructions and passages) into --data or a temp dir;
  2. for each model (every --model, plus BM25 unless --no-bm25) run
     ``infembed eval -b followir -d DIR -m MODEL --protocol retrieve -o OUT/metrics.json`` through the
     CLI (the ``infembed`` script next to sys.executable), so internal refactors do not break this;
  3. read p-MRR, og nDCG@5 and the two pairwise checks (``pair_a``, ``pair_b``) from the metrics JSON.
     ``infembed eval`` computes the checks for any FollowIR-layout set with a ``neither.jsonl``
     (``infembed.metrics.pairwise_checks``); on this set, with one passage of each kind per query:
       (a) the fraction of queries where, under the changed instruction, the written ``both`` passage
           outranks the real MS MARCO passage;
       (b) the fraction where, under the og instruction, both the real passage and ``both`` outrank
           the written ``neither``.
     A passage missing from a run counts as ranked below everything in it (two missing passages tie,
     which is not "outranks").
  4. print a markdown table: model | p-MRR x100 | nDCG@5 og x100 | pair (a) | pair (b); with two or
     more models, a second one: each later model's per-query change from the first (BM25 aside), with
     a 95% paired bootstrap interval over queries (``infembed.evaluate.followir_gains``).

``pair_checks`` below is the earlier computation from this set's id conventions
(``mi-<qid>-both`` / ``mi-<qid>-neither``) over the written TREC runs, kept as an independent
oracle: ``tests/test_metrics.py`` checks that it agrees with ``pairwise_checks``.

Example:
  .venv/bin/python bench/instruct_eval.py --model minilm --model runs/my_model
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PREPARE = HERE / "msmarco_instruct" / "prepare.py"
DEFAULT_ITEMS = HERE / "msmarco_instruct" / "items.jsonl"
INF = float("inf")


def find_cli(explicit: str | None) -> list[str]:
    """The ``infembed`` console script: --infembed, else next to sys.executable, else on PATH."""
    if explicit:
        return [explicit]
    bindir = Path(sys.executable).parent
    for name in ("infembed", "infembed.exe"):
        if (bindir / name).is_file():
            return [str(bindir / name)]
    found = shutil.which("infembed")
    if found:
        return [found]
    sys.exit("instruct_eval.py: cannot find the infembed CLI next to "
             f"{sys.executable} or on PATH; pass --infembed PATH (or run with the venv's python)")


def read_items(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_trec_ranks(path: str | Path) -> dict[str, dict[str, int]]:
    """``{qid: {docid: rank}}`` from a TREC run (``qid Q0 docid rank score tag``); rank 1 is best."""
    ranks: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 4:
                continue
            qid, doc, rank = parts[0], parts[2], int(parts[3])
            per_q = ranks.setdefault(qid, {})
            if doc not in per_q or rank < per_q[doc]:
                per_q[doc] = rank
    return ranks


def pair_checks(items: list[dict], og_run: dict, changed_run: dict) -> dict:
    """Pairwise checks (a) and (b) over the items from the id conventions, with ``{qid: {doc: rank}}``
    runs (:func:`read_trec_ranks`); absent passages rank below everything present. ``infembed eval``'s
    ``pair_a`` / ``pair_b`` give the same fractions on this set."""
    a_ok = b_ok = 0
    for it in items:
        qid, real = str(it["query_id"]), str(it["passage_id"])
        both, neither = f"mi-{qid}-both", f"mi-{qid}-neither"
        ch = changed_run.get(f"{qid}-changed", {})
        if ch.get(both, INF) < ch.get(real, INF):
            a_ok += 1
        og = og_run.get(f"{qid}-og", {})
        r_neither = og.get(neither, INF)
        if og.get(real, INF) < r_neither and og.get(both, INF) < r_neither:
            b_ok += 1
    n = len(items)
    return {"n": n, "pair_a": a_ok / n if n else None, "pair_a_count": a_ok,
            "pair_b": b_ok / n if n else None, "pair_b_count": b_ok}


def slug(model: str, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(model.rstrip("/")).name or model) or "model"
    name, k = base, 2
    while name in used:
        name, k = f"{base}_{k}", k + 1
    used.add(name)
    return name


def run_model(cli: list[str], model: str, data: Path, out_json: Path, args) -> dict:
    cmd = cli + ["eval", "-b", "followir", "-d", str(data), "-m", model, "--protocol", "retrieve",
                 "--top-k", str(args.top_k), "--batch-size", str(args.batch_size), "-o", str(out_json)]
    print(f"$ {' '.join(cmd)}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    secs = time.perf_counter() - t0
    log = out_json.with_suffix(".log")
    log.write_text(proc.stdout + ("\n--- stderr ---\n" + proc.stderr if proc.stderr else ""), encoding="utf-8")
    if proc.returncode != 0 or not out_json.is_file():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        return {"model": model, "error": f"infembed eval exited {proc.returncode}: " + " | ".join(tail),
                "log": str(log), "seconds": round(secs, 1)}
    report = json.loads(out_json.read_text(encoding="utf-8"))
    (task, metrics), = report["tasks"].items()
    runs = report["runs"][task]
    res = {"model": model, "task": task, "p-MRR": metrics.get("p-MRR"),
           "ndcg_at_5_og": (metrics.get("og") or {}).get("ndcg_at_5"),
           "map_at_1000_og": (metrics.get("og") or {}).get("map_at_1000"),
           "metrics": str(out_json), "runs": runs, "seconds": round(secs, 1)}
    for key in ("pair_a", "pair_b", "pair_a_queries", "pair_b_queries"):
        res[key] = metrics.get(key)
    if res["pair_b"] is None:
        print(f"instruct_eval.py: {model}: no pair (b) in {out_json}: is there a neither.jsonl in {data}? "
              f"(rebuild the set with {PREPARE})", file=sys.stderr)
    return res


def fmt100(v) -> str:
    return "n/a" if v is None else f"{100 * v:.2f}"


def fmt_frac(v) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def table(results: list[dict]) -> str:
    lines = ["| model | p-MRR ×100 | nDCG@5 og ×100 | pair (a) | pair (b) |", "|---|---:|---:|---:|---:|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['model']} | error | error | error | error |")
            continue
        lines.append(f"| {r['model']} | {fmt100(r['p-MRR'])} | {fmt100(r['ndcg_at_5_og'])} | "
                     f"{fmt_frac(r['pair_a'])} | {fmt_frac(r['pair_b'])} |")
    return "\n".join(lines)


def gains_table(results: list[dict]) -> str:
    """Change of every later model from the first, per query: mean [95% paired bootstrap interval],
    queries up ↑ / down ↓ (``infembed.evaluate.followir_gains`` on the metrics JSONs' per-query values)."""
    from infembed.evaluate import followir_gains, format_gains

    ok = [r for r in results if "error" not in r and r["model"].lower() != "bm25"]
    if len(ok) < 2:
        return ""
    metrics = [next(iter(json.loads(Path(r["metrics"]).read_text(encoding="utf-8"))["tasks"].values())) for r in ok]
    gains = {r["model"]: followir_gains(metrics[0], m) for r, m in zip(ok[1:], metrics[1:])}
    return (f"\nChange from {ok[0]['model']} per query: mean [95% paired bootstrap interval over queries], "
            "queries up ↑ and down ↓ (p-MRR and nDCG@5 ×100):\n\n" + format_gains(gains, row_label="model"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Build the msmarco_instruct set and evaluate models on it with `infembed eval` "
                    "(retrieve protocol), adding two pairwise instruction-following checks.",
        epilog="pair (a): fraction of queries where, under the changed instruction, the written 'both' passage "
               "outranks the real passage. pair (b): fraction where, under the og instruction, the real passage "
               "and 'both' both outrank the written 'neither' passage. Absent passages rank below all present. "
               "Both are read from the metrics JSON of `infembed eval` (pair_a, pair_b), which computes them "
               "from the set's qrels, qrel_diff.jsonl and neither.jsonl.")
    p.add_argument("--model", "-m", action="append", default=[],
                   help="model for `infembed eval -m` (repeatable): minilm, a trained model dir, an HF path. "
                        "Default: minilm. BM25 is added unless --no-bm25.")
    p.add_argument("--no-bm25", action="store_true", help="do not add the BM25 baseline")
    p.add_argument("--data", type=Path, help="directory to build the set in (default: a temp dir)")
    p.add_argument("--out", type=Path, help="directory for metrics JSON, TREC runs and logs (default: a temp dir)")
    p.add_argument("--items", type=Path, default=DEFAULT_ITEMS, help=f"items file (default: {DEFAULT_ITEMS})")
    p.add_argument("--sample", type=Path, help="msmarco-sample directory (default: prepare.py's default)")
    p.add_argument("--infembed", help="path of the infembed CLI (default: next to sys.executable)")
    p.add_argument("--top-k", type=int, default=1000, help="documents kept per query (default 1000)")
    p.add_argument("--batch-size", type=int, default=32, help="encoding batch size (default 32)")
    p.add_argument("--timeout", type=int, default=3600, help="seconds allowed per model run (default 3600)")
    p.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = p.parse_args(argv)

    models = args.model or ["minilm"]
    if not args.no_bm25 and not any(m.lower() == "bm25" for m in models):
        models = models + ["bm25"]
    cli = find_cli(args.infembed)

    tmp = tempfile.mkdtemp(prefix="instruct_eval_")
    data = args.data or Path(tmp) / "msmarco_instruct"
    outdir = args.out or Path(tmp) / "results"
    outdir.mkdir(parents=True, exist_ok=True)

    cmd = [sys.executable, str(PREPARE), "--out", str(data), "--items", str(args.items)]
    if args.sample:
        cmd += ["--sample", str(args.sample)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        return 1
    print(proc.stdout.strip(), file=sys.stderr)
    args.items_rows = read_items(args.items)

    results, used = [], set()
    for model in models:
        out_json = outdir / slug(model, used) / "metrics.json"
        out_json.parent.mkdir(parents=True, exist_ok=True)
        try:
            res = run_model(cli, model, data, out_json, args)
        except subprocess.TimeoutExpired:
            res = {"model": model, "error": f"timed out after {args.timeout}s"}
        if "error" in res:
            print(f"instruct_eval.py: {model}: {res['error']}", file=sys.stderr)
        results.append(res)

    print(f"\nmsmarco_instruct: {len(args.items_rows)} base queries, protocol=retrieve, set built in {data}, "
          f"results in {outdir}\n")
    print(table(results))
    print(gains_table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"data": str(data), "items": len(args.items_rows), "results": results},
                                        indent=2) + "\n", encoding="utf-8")
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
