"""``infembed eval``: score a model (or BM25) on FollowIR / InstructIR / MAIR / BRIGHT / BEIR-layout data."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_(
        benchmark: str = typer.Option(..., "--benchmark", "-b", help="followir | instructir | mair | bright | beir"),
        data: str = typer.Option(..., "--data", "-d", help="Local directory in the benchmark's layout, or a hub name "
                                 "(e.g. followir, robust04; needs `datasets` and network)."),
        model: str = typer.Option("minilm", "--model", "-m", help="InfEmbed model dir, 'minilm', a transformers "
                                  "path, or 'bm25'."),
        protocol: str = typer.Option(None, "--protocol", help="rerank (score the top_ranked candidates; default "
                                     "when the data has them) or retrieve (search the whole corpus)."),
        top_k: int = typer.Option(1000, "--top-k", min=1, help="Documents kept per query."),
        batch_size: int = typer.Option(32, "--batch-size", min=1, help="Encoding batch size."),
        tasks: str = typer.Option(None, "--tasks", help="Comma-separated sub-tasks (MAIR/BRIGHT)."),
        out: Path = typer.Option(Path("metrics.json"), "--out", "-o", help="Metrics JSON; TREC runs are written beside it."),
    ) -> None:
        """Evaluate on an instruction-following benchmark: metrics JSON, TREC runs, and a table.

        FollowIR prints MAP@1000 and nDCG@5 of the og half and p-MRR (FollowIR reports MAP@1000 for
        Robust04/Core17 and nDCG@5 for News21); InstructIR prints nDCG@10 and Robustness@10;
        MAIR/BRIGHT/BEIR print nDCG@10 and friends. Table values are ×100; the JSON keeps raw values.
        """
        import json
        import time

        from infembed.benchmarks import BENCHMARKS, load_benchmark
        from infembed.data import DataError, write_trec_run
        from infembed.evaluate import (
            PROTOCOLS,
            average_metrics,
            evaluate_task,
            followir_summary,
            format_table,
            jsonable,
            make_scorer,
        )
        from infembed.shards import atomic_write_bytes

        from .errors import prepare_output

        bench = benchmark.lower()
        if bench not in BENCHMARKS:
            raise typer.BadParameter(f"{benchmark!r}: choose one of {', '.join(BENCHMARKS)}", param_hint="--benchmark")
        if protocol is not None and protocol not in PROTOCOLS:
            raise typer.BadParameter(f"{protocol!r}: choose rerank or retrieve", param_hint="--protocol")
        kwargs = {}
        if tasks:
            if bench not in ("mair", "bright"):
                raise typer.BadParameter("--tasks applies to mair and bright", param_hint="--tasks")
            kwargs["tasks"] = [t.strip() for t in tasks.split(",") if t.strip()]
        prepare_output(out, directory=False)
        loaded = load_benchmark(bench, data, **kwargs)
        if protocol is None:
            protocol = "rerank" if all(t.top_ranked for t in loaded) else "retrieve"
        if protocol == "rerank":
            missing = [t.name for t in loaded if not t.top_ranked]
            if missing:
                raise DataError(f"--protocol rerank needs top_ranked candidates; tasks {missing} have none "
                                "(use --protocol retrieve)")

        scorer = make_scorer(model, batch_size=batch_size)
        stem = out.with_suffix("")
        report: dict = {"benchmark": bench, "data": str(data), "model": str(model), "protocol": protocol,
                        "top_k": top_k, "tasks": {}, "runs": {}}
        t0 = time.perf_counter()
        for task in loaded:
            res = evaluate_task(task, scorer, protocol=protocol, top_k=top_k, batch_size=batch_size)
            if bench == "followir":
                res.metrics["summary"] = followir_summary(res.metrics)
            report["tasks"][task.name] = res.metrics
            safe = task.name.replace("/", "__")
            paths = {}
            for run_name, run in res.runs.items():
                suffix = "" if run_name == "run" else f".{run_name}"
                path = Path(f"{stem}.{safe}{suffix}.trec")
                write_trec_run(path, {q: list(d.items()) for q, d in run.items()},
                               tag=f"infembed-{Path(str(model)).name}")
                paths[run_name] = str(path)
            report["runs"][task.name] = paths
        report["average"] = average_metrics(bench, report["tasks"])
        report["seconds"] = round(time.perf_counter() - t0, 3)
        report["notes"] = [
            f"protocol={protocol}: " + ("each query's top_ranked candidates were scored" if protocol == "rerank"
                                        else "the whole corpus was searched (exact inner product)"),
            "values are raw (0..1; p-MRR in -1..1); the printed table shows them x100",
        ]
        if str(model).lower() == "bm25":
            report["notes"].append("bm25: bm25s (Lucene, k1=1.5, b=0.75, English stop words), query text = "
                                   "query + ' ' + instruction")
        atomic_write_bytes(out, (json.dumps(jsonable(report), indent=2) + "\n").encode())
        typer.echo(format_table(bench, report["tasks"], report["average"], model=str(model), protocol=protocol))
        typer.echo(f"\nmetrics: {out}\nruns:    {', '.join(p for r in report['runs'].values() for p in r.values())}")
