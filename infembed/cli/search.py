"""``infembed search``: encode queries (+ instructions) and write a TREC run from an index."""

from __future__ import annotations

from pathlib import Path

import typer


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
        batch_size: int = typer.Option(32, min=1, help="Queries per encoder batch."),
        threads: int = typer.Option(0, min=0, help="Search threads (0 = all cores)."),
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
        m = InfEmbed.from_pretrained(model)
        idx = load_index(index, model_fingerprint=m.fingerprint())
        emb = m.encode_queries([q.text for q in qs], [q.instruction for q in qs], batch_size=batch_size,
                               show_progress_bar=True, normalize=idx.manifest.normalized)
        if emb.shape[1] != idx.manifest.dim:
            raise ValueError(f"the model embeds in {emb.shape[1]} dims but the index {index} has "
                             f"{idx.manifest.dim}: search with the model that encoded the corpus")
        scores, _, pids = idx.search(emb, top_k, ef=ef, threads=threads or None, progress=True)
        write_trec_run(out, {q.id: list(zip(pids[i], scores[i].tolist(), strict=True)) for i, q in enumerate(qs)})
        typer.echo(f"{len(qs)} queries × top-{top_k} ({idx.manifest.kind}) → {out}")
