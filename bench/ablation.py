#!/usr/bin/env python3
"""Loss variant × training rows: which InF-Embed loss to pick, measured on instruction-following sets.

For every (loss, rows, K-1) cell this trains MiniLM with ``infembed train`` on the first ``rows`` rows
of the shipped demo training set (the first 302 rows are the original one-style set, the rest add
varied instruction kinds), with the same steps and settings for every cell, then scores the model on
  * the real-query set ``bench/msmarco_instruct`` (built at run time from the MS MARCO sample) and
  * the demo FollowIR-style set ``infembed/demo/followir_demo``:
p-MRR, og nDCG@5 and the two pairwise checks ``pair_a`` / ``pair_b`` that ``infembed eval`` reports
for sets with a ``neither.jsonl`` (see ``bench/instruct_eval.py``), and prints one markdown table
(the base model first). Everything runs through the ``infembed`` CLI.

Examples (the first two give the tables in bench/RESULTS.md):
  .venv/bin/python bench/ablation.py --losses P,multi:P+IQ,multi:P+I+IQ --rows 302,0 --steps 24 --out runs/ablation
  .venv/bin/python bench/ablation.py --losses P,multi:P+IQ,multi:P+I+IQ --rows 302,0 --negatives 1 --steps 24 --lr 1.5e-4 --out runs/ablation
  .venv/bin/python bench/ablation.py --losses multi:P+I+IQ --negatives 1,3 --steps 0 --epochs 1 --out runs/ablation
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import instruct_eval  # noqa: E402  (the pairwise checks and the CLI finder live there)

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "infembed" / "demo" / "train.jsonl.gz"
DEMO_SET = ROOT / "infembed" / "demo" / "followir_demo"


def followir_scores(cli: list[str], model: str, data: Path, out: Path) -> dict:
    """p-MRR, og nDCG@5 and the pair checks of ``model`` on a FollowIR-layout set (retrieve protocol)."""
    out.mkdir(parents=True, exist_ok=True)
    metrics = out / "metrics.json"
    subprocess.run([*cli, "eval", "-b", "followir", "-d", str(data), "-m", model, "--protocol", "retrieve",
                    "-o", str(metrics)], check=True, capture_output=True, text=True)
    report = json.loads(metrics.read_text())
    (name, task), = report["tasks"].items()
    return {"p_mrr": task["p-MRR"], "ndcg5": task["og"]["ndcg_at_5"], "pair_a": task.get("pair_a"),
            "pair_b": task.get("pair_b"), "runs": report["runs"][name]}


def train(cli: list[str], loss: str, rows: int, negatives: int, args, out: Path) -> Path:
    """Train one cell (skipped when its model is already there, so an interrupted run resumes)."""
    data = TRAIN
    if rows:
        data = out / f"train-{rows}.jsonl"
        with gzip.open(TRAIN, "rt", encoding="utf-8") as f:
            data.write_text("".join(f.read().splitlines(keepends=True)[:rows]), encoding="utf-8")
    length = f"s{args.steps}" if args.steps else f"e{args.epochs:g}"
    model_dir = out / f"{loss.replace(':', '_').replace('+', '')}-{rows or 'all'}-k{negatives}-{length}"
    if not (model_dir / "model.safetensors").is_file():
        subprocess.run([*cli, "train", "--data", str(data), "--out", str(model_dir), "--loss", loss,
                        "--steps", str(args.steps), "--epochs", str(args.epochs), "--batch-size",
                        str(args.batch_size), "--mini-batch-size", str(args.mini_batch_size), "--lr", str(args.lr),
                        "--instruction-negatives", str(negatives), "--precision", args.precision],
                       check=True, capture_output=True, text=True)
    return model_dir


def _pair(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--losses", default="P,multi:P+IQ,multi:P+I+IQ", help="comma-separated loss variants")
    p.add_argument("--rows", default="302,0", help="comma-separated row counts (0 = every row)")
    p.add_argument("--negatives", default="3", help="comma-separated K-1 values for the ℓ_I term (default 3)")
    p.add_argument("--steps", type=int, default=24, help="optimizer steps per cell (default 24; 0 = use --epochs)")
    p.add_argument("--epochs", type=float, default=1.0, help="passes over each cell's rows when --steps is 0")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--mini-batch-size", type=int, default=48)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--precision", default="bf16", help="training precision (bf16 is the fast one on AMX CPUs)")
    p.add_argument("--out", type=Path, required=True, help="folder for models, sets and metrics (reused on rerun)")
    p.add_argument("--sample", type=Path, help="msmarco-sample directory (default: prepare.py's default)")
    args = p.parse_args(argv)

    cli = instruct_eval.find_cli(None)
    args.out.mkdir(parents=True, exist_ok=True)
    mi = args.out / "msmarco_instruct"
    prep = [sys.executable, str(ROOT / "bench" / "msmarco_instruct" / "prepare.py"), "--out", str(mi)]
    if args.sample:
        prep += ["--sample", str(args.sample)]
    if not (mi / "corpus.jsonl").is_file():
        subprocess.run(prep, check=True)

    cells = [("base", 0, 0, "minilm")]
    for loss in args.losses.split(","):
        for rows in (int(r) for r in args.rows.split(",")):
            for negatives in (int(k) for k in args.negatives.split(",")):
                t = time.perf_counter()
                cells.append((loss, rows, negatives, str(train(cli, loss, rows, negatives, args, args.out))))
                print(f"trained {loss} on {rows or 'all'} rows, K-1 = {negatives}, in "
                      f"{time.perf_counter() - t:.0f} s", file=sys.stderr)

    head = ["loss", "rows", "K-1", "real-query p-MRR", "real-query nDCG@5", "real pair (a)", "real pair (b)",
            "demo p-MRR", "demo nDCG@5", "demo pair (a)", "demo pair (b)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    results = []
    for loss, rows, negatives, model in cells:
        tag = Path(model).name if loss != "base" else "base"
        real = followir_scores(cli, model, mi, args.out / "eval" / tag / "real")
        demo = followir_scores(cli, model, DEMO_SET, args.out / "eval" / tag / "demo")
        results.append({"loss": loss, "rows": rows, "negatives": negatives, "real": real, "demo": demo})
        base = loss == "base"
        lines.append(f"| {loss} | {'–' if base else rows or 'all'} | {'–' if base else negatives} | "
                     f"{100 * real['p_mrr']:+.2f} | {100 * real['ndcg5']:.2f} | {_pair(real['pair_a'])} | "
                     f"{_pair(real['pair_b'])} | {100 * demo['p_mrr']:+.2f} | {100 * demo['ndcg5']:.2f} | "
                     f"{_pair(demo['pair_a'])} | {_pair(demo['pair_b'])} |")
    (args.out / "ablation.json").write_text(json.dumps(results, indent=2))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
