"""``infembed eval``: score a model (or BM25), or the TREC runs ``infembed search`` wrote, on FollowIR /
InstructIR / MAIR / BRIGHT / BEIR-layout data. The work is :mod:`infembed.evaluate`'s; this is options."""

from __future__ import annotations

from pathlib import Path

import typer

from .model_options import mode_option, model_overrides, pooling_option, query_template_option


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_(
        benchmark: str = typer.Option(..., "--benchmark", "-b", help="followir | instructir | mair | bright | beir"),
        data: str = typer.Option(..., "--data", "-d", help="Local directory in the benchmark's layout, or a hub name "
                                 "(e.g. followir, robust04; needs `datasets` and network)."),
        model: str = typer.Option(None, "--model", "-m", help="InfEmbed model dir, 'minilm', a transformers "
                                  "path, or 'bm25' [minilm]. Not with --run/--runs."),
        run: list[str] = typer.Option(None, "--run", "-r", help="Score this TREC run (from `infembed search`) "
                                      "instead of running a model; repeatable. PATH, or TASK=PATH when --data "
                                      "holds several tasks. FollowIR: the og and changed runs (two files, or "
                                      "one run of all of queries.jsonl; split by the -og/-changed query ids)."),
        runs: Path = typer.Option(None, "--runs", help="Score every *.trec file in this directory: all go to the "
                                  "task when --data holds one, else each to the task named by a dot-separated "
                                  "part of its file name (robust04.og.trec; '/' in a task name is '__')."),
        protocol: str = typer.Option(None, "--protocol", help="rerank (score the top_ranked candidates; default "
                                     "when the data has them) or retrieve (search the whole corpus). Model only."),
        top_k: int = typer.Option(1000, "--top-k", min=1, help="Documents kept per query (runs are cut to it too)."),
        batch_size: int = typer.Option(32, "--batch-size", min=1, help="Encoding batch size."),
        tasks: str = typer.Option(None, "--tasks", help="Comma-separated sub-tasks (MAIR/BRIGHT)."),
        query_max_length: int = typer.Option(None, "--query-max-length", min=2, help="Token limit for "
                                             "(query, instruction) texts [the benchmark's: 512 FollowIR/MAIR/"
                                             "BRIGHT, 256 InstructIR/BEIR], whatever the model was trained with."),
        passage_max_length: int = typer.Option(None, "--passage-max-length", min=2, help="Token limit for "
                                               "documents [512, clamped to the model's position limit]."),
        query_template: str = query_template_option(help="How a joint model joins query and instruction; must "
                                                    "contain {query}; a newline is \\n [BRIGHT: 'Instruct: "
                                                    "{instruction}\\nQuery: {query}', as BRIGHT's reference; else "
                                                    "the model's own]."),
        pooling: str = pooling_option(),
        mode: str = mode_option(),
        card: bool = typer.Option(True, "--card/--no-card", help="When --model is an infembed model dir, record "
                                  "the results in its model card (README.md, from model_card.json; the same "
                                  "evaluation again replaces its entry)."),
        out: Path = typer.Option(Path("metrics.json"), "--out", "-o", help="Metrics JSON; a model's TREC runs are "
                                 "written beside it (<out stem>.<task>[.og|.changed].trec)."),
    ) -> None:
        """Evaluate on an instruction-following benchmark: metrics JSON, TREC runs, and a table.

        Either a model is run here (--model), or the runs of `infembed search` are scored (--run /
        --runs): encode (--dtype fp32) → index build → search → eval --run is the same road as
        eval --model --protocol retrieve, and gives its metrics. A query missing from the runs
        scores 0 (trec_eval -c). Examples:

        infembed eval -b followir -d DIR --run run.trec      (search over DIR/queries.jsonl)

        infembed eval -b mair -d MAIR --run ToyTask=a.trec --run ToyTask/extra_queries=b.trec

        FollowIR prints MAP@1000 and nDCG@5 of the og half and p-MRR (FollowIR reports MAP@1000 for
        Robust04/Core17 and nDCG@5 for News21); InstructIR prints nDCG@10 and Robustness@10;
        MAIR/BRIGHT/BEIR print nDCG@10 and friends. Table values are ×100; the JSON keeps raw values.
        Run on an infembed model dir, the results also go into its model card (--no-card: not).
        """
        from infembed.eval_tasks import BENCHMARKS, load_benchmark
        from infembed.evaluate import (
            PROTOCOLS,
            assign_run_files,
            evaluate_benchmark,
            evaluate_run_files,
            report_text,
            write_report,
        )

        from .errors import prepare_output

        bench = benchmark.lower()
        if bench not in BENCHMARKS:
            raise typer.BadParameter(f"{benchmark!r}: choose one of {', '.join(BENCHMARKS)}", param_hint="--benchmark")
        if protocol is not None and protocol not in PROTOCOLS:
            raise typer.BadParameter(f"{protocol!r}: choose rerank or retrieve", param_hint="--protocol")
        options = model_overrides(pooling=pooling, mode=mode, query_template=query_template)
        template = options.pop("query_template", None)
        scoring_runs = bool(run) or runs is not None
        if scoring_runs and model is not None:
            raise typer.BadParameter("a run file is scored as it is; drop --model (or drop --run/--runs to run "
                                     "the model)", param_hint="--model")
        for hint, value in (("--protocol", protocol), ("--pooling", pooling), ("--mode", mode),
                            ("--query-template", query_template)):
            if scoring_runs and value is not None:
                raise typer.BadParameter("applies when eval runs a model; run files are scored as they are",
                                         param_hint=hint)
        kwargs = {}
        if tasks:
            if bench not in ("mair", "bright"):
                raise typer.BadParameter("--tasks applies to mair and bright", param_hint="--tasks")
            kwargs["tasks"] = [t.strip() for t in tasks.split(",") if t.strip()]
        prepare_output(out, directory=False)
        loaded = load_benchmark(bench, data, **kwargs)
        if scoring_runs:
            files = assign_run_files(loaded, run or (), runs)
            report = evaluate_run_files(bench, loaded, files, top_k=top_k, data=data)
        else:
            report = evaluate_benchmark(bench, loaded, model or "minilm", protocol=protocol, top_k=top_k,
                                        batch_size=batch_size, runs_stem=out.with_suffix(""), data=data,
                                        query_max_length=query_max_length, passage_max_length=passage_max_length,
                                        query_template=template, model_options=options)
        write_report(report, out)
        typer.echo(report_text(report, out))
        if card and not scoring_runs and model is not None:
            _record_in_card(model, report, out)


def _record_in_card(model: str, report: dict, out: Path) -> None:
    """Add the results to the model dir's card, when the model is an infembed dir we may write."""
    from infembed.model_card import evaluation_entry, model_dir_kind, record_evaluation

    if model_dir_kind(model) not in ("infembed", "infembed-first-format"):
        return
    try:
        card = record_evaluation(model, evaluation_entry(report, metrics_path=out.resolve()))
    except OSError as e:  # a read-only model dir: the metrics JSON is the result; say why the card is not
        typer.echo(f"warning: the model card of {model} was not updated ({e.strerror or e})", err=True)
        return
    if card is not None:
        typer.echo(f"card:    {card} (Evaluation section)")
