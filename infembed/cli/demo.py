"""``infembed demo``: a 10-second look at instruction-following search on a tiny built-in sample."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        model: str = typer.Option("minilm", help="Model dir or embedded name (default: all-MiniLM-L6-v2 from its wheel)."),
        top_k: int = typer.Option(2, min=1, help="Passages to show per query."),
    ) -> None:
        """Load a model, embed a built-in sample of passages, and search it with instructed queries.

        The same query with two different instructions should surface different passages.
        """
        import json
        from importlib import resources

        import numpy as np

        from infembed.model import InfEmbed

        sample = json.loads(resources.files("infembed.demo").joinpath("sample.json").read_text())
        passages = sample["passages"]
        queries = sample["queries"]
        m = InfEmbed.from_pretrained(model)
        p = m.encode_corpus([x["text"] for x in passages])
        q = m.encode_queries([x["query"] for x in queries], [x["instruction"] for x in queries])
        sims = q @ p.T  # [Q, N] cosine: a 4 × 9 matrix needs no index
        ids = np.argsort(-sims, axis=1, kind="stable")[:, :top_k]
        scores = np.take_along_axis(sims, ids, axis=1)
        typer.echo(f"model: {m.config.backbone} ({m.config.mode}, {m.dim}-d), {len(passages)} passages\n")
        for qi, item in enumerate(queries):
            typer.echo(f"query: {item['query']!r}  +  instruction: {item['instruction']!r}")
            for rank, (s, j) in enumerate(zip(scores[qi], ids[qi]), start=1):
                typer.echo(f"  {rank}. [{s:.3f}] {passages[j]['_id']}: {passages[j]['text'][:90]}…")
            typer.echo("")
