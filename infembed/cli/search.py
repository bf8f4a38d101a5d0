"""``infembed search``: encode queries (+ instructions) and write a TREC run from an index."""

from __future__ import annotations

from pathlib import Path

import typer

from . import model_options
from .model_options import mode_option, model_overrides, pooling_option, query_template_option

POOLING_HELP = model_options.POOLING_HELP + " Give the same --pooling as `infembed encode` had."
MODE_HELP = model_options.MODE_HELP + " Give the same --mode as `infembed encode` had."
TEMPLATE_HELP = model_options.TEMPLATE_HELP + " Only the queries use it: any template searches the same index."


def register(app: typer.Typer) -> None:
    @app.command()
    def search(
        index: Path = typer.Option(..., help="Index directory from `infembed index build`."),
        model: str = typer.Option(..., help="Model dir (or embedded name) that encoded the corpus."),
        queries: Path = typer.Option(..., help="BEIR queries.jsonl ({_id, text, instruction?})."),
        instruction_field: str = typer.Option("instruction", help="Field holding each query's instruction."),
        top_k: int = typer.Option(100, min=1, help="Passages per query."),
        out: Path = typer.Option(..., help="TREC run file to write."),
        ef: int = typer.Option(None, help="hnsw: search breadth (>= top-k; default max(50, top-k))."),
        nprobe: int = typer.Option(16, min=1, help="faiss: IVF lists searched per query (more is slower and more "
                                   "exact)."),
        rerank: int = typer.Option(0, min=0, help="faiss: re-score this many candidates per query in fp64 from the "
                                   "shards the index was built from (>= top-k; 0 = off), so the top ids match "
                                   "exact search when the candidates hold them."),
        batch_size: int = typer.Option(32, min=1, help="Queries per encoder batch."),
        threads: int = typer.Option(0, min=0, help="Search threads (0 = all cores)."),
        query_max_length: int = typer.Option(None, "--query-max-length", min=2, help="Tokens per (query, "
                                             "instruction) text; longer ones are truncated and counted [the "
                                             "model's query_max_length]."),
        pooling: str = pooling_option(help=POOLING_HELP),
        mode: str = mode_option(help=MODE_HELP),
        query_template: str = query_template_option(help=TEMPLATE_HELP),
    ) -> None:
        """Search an index with a model's query embeddings; the run is standard TREC format."""
        from infembed.data import DataError, read_beir_queries, write_trec_run
        from infembed.index import load_index
        from infembed.model import InfEmbed

        from .errors import prepare_output

        prepare_output(out, directory=False)  # before the work, so the results have somewhere to go
        qs = read_beir_queries(queries, instruction_field=instruction_field)
        if not qs:
            raise DataError(f"{queries} has no queries")
        settings = model_overrides(pooling=pooling, mode=mode, query_template=query_template)
        template = settings.pop("query_template", None)
        m = InfEmbed.from_pretrained(model, **settings)  # --pooling/--mode as `infembed encode` was given them
        idx = load_index(index, model_fingerprint=m.fingerprint())
        # query-side settings shape only the query texts, so the passages' fingerprint still holds
        if template is not None:
            m.config.query_template = template
        if query_max_length is not None:  # clamped to the backbone's positions, as `infembed eval` does
            positions = getattr(m.backbone.config, "max_position_embeddings", None) or query_max_length
            m.config.query_max_length = min(query_max_length, int(positions))
        if rerank and idx.manifest.kind != "faiss":
            raise ValueError(f"--rerank applies to faiss indexes; {index} is {idx.manifest.kind} (which scores the "
                             "stored vectors already): drop --rerank")
        if 0 < rerank < min(top_k, idx.manifest.count):
            raise ValueError(f"--rerank {rerank} re-scores fewer candidates than --top-k {top_k} returns: pass "
                             f"--rerank >= {top_k} (e.g. {max(100, 2 * top_k)}), or 0 for no re-ranking")
        options = {"nprobe": nprobe, "rerank": rerank} if idx.manifest.kind == "faiss" else {}
        emb = m.encode_queries([q.text for q in qs], [q.instruction for q in qs], batch_size=batch_size,
                               show_progress_bar=True, normalize=idx.manifest.normalized)
        if emb.shape[1] != idx.manifest.dim:
            raise ValueError(f"the model embeds in {emb.shape[1]} dims but the index {index} has "
                             f"{idx.manifest.dim}: search with the model that encoded the corpus")
        scores, _, pids = idx.search(emb, top_k, ef=ef, threads=threads or None, progress=True, **options)
        # a faiss query that found fewer than top-k vectors has a shorter pids row (scores padded with -inf)
        write_trec_run(out, {q.id: list(zip(pids[i], scores[i, :len(pids[i])].tolist(), strict=True))
                             for i, q in enumerate(qs)})
        typer.echo(f"{len(qs)} queries × top-{top_k} ({idx.manifest.kind}) → {out}")
