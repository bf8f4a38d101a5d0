"""``infembed index build``: an exact, HNSW or faiss index from a directory of embedding shards;
``infembed index export``: any index as a plain faiss index file plus its ids."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    index_app = typer.Typer(help="Build search indexes over embedding shards, and export them for faiss.",
                            no_args_is_help=True)

    @index_app.command("build")
    def build(
        embeddings: Path = typer.Option(..., help="Shard directory written by `infembed encode`."),
        out: Path = typer.Option(..., help="Index directory to write."),
        kind: str = typer.Option("exact", help="'exact' (C++ brute force over the shards), 'hnsw' (hnswlib) or "
                                 "'faiss' (a faiss index of --factory, e.g. compressed IVF-PQ; pip install faiss-cpu)."),
        M: int = typer.Option(16, "--M", help="hnsw: graph degree (32 with --ef-construction 400 reached recall@10 0.95 at ef 40 on 100k real MiniLM embeddings; see bench/RESULTS.md)."),
        ef_construction: int = typer.Option(200, help="hnsw: build-time search breadth."),
        factory: str = typer.Option(None, help="faiss (required there): index factory string, inner-product metric, "
                                    "e.g. 'IVF1024,PQ48' (1024 lists, 48 one-byte codes per vector) or "
                                    "'OPQ48,IVF1024_HNSW32,PQ48'; PQ m must divide the dim. About 4·sqrt(N) lists "
                                    "for N vectors, and at least 39 training vectors per list."),
        train_size: int = typer.Option(None, min=1, help="faiss: vectors sampled (seeded, over all shards) to train "
                                       "the quantizers (default: max(40 × the largest k-means centroid count, "
                                       "50,000), capped by the corpus)."),
        threads: int = typer.Option(0, min=0, help="Build threads (0 = all cores)."),
        seed: int = typer.Option(100, help="hnsw: random seed for level assignment; faiss: for the training sample."),
    ) -> None:
        """Build an index; the manifest records the model fingerprint so search refuses another model.

        --kind faiss trains the quantizers of --factory on a random sample, then adds the shards block
        by block (memory-mapped); search it with `infembed search --nprobe N [--rerank N]`.
        """
        from infembed.index import build_index

        from .errors import prepare_output

        prepare_output(out, directory=True)
        m = build_index(embeddings, out, kind, M=M, ef_construction=ef_construction, threads=threads, seed=seed,
                        factory=factory, train_size=train_size)
        typer.echo(f"{m.kind} index of {m.count} × {m.dim} embeddings → {out} ({m.build_seconds:.2f} s)")

    @index_app.command("export")
    def export(
        index: Path = typer.Option(..., help="Index directory from `infembed index build` (any kind)."),
        out: Path = typer.Option(..., help="faiss index file to write; the passage ids go to OUT.ids.txt."),
        factory: str = typer.Option(None, help="exact/hnsw indexes: write a trained index of this faiss factory "
                                    "string (e.g. 'IVF1024,PQ48') instead of IndexFlatIP. Not for a faiss index, "
                                    "which is copied as built."),
        train_size: int = typer.Option(None, min=1, help="With --factory: training sample size (as `index build`)."),
        threads: int = typer.Option(0, min=0, help="Threads (0 = all cores)."),
        seed: int = typer.Option(100, help="With --factory: seed of the training sample."),
    ) -> None:
        """Write an index as a plain faiss index file for other tools.

        `faiss.read_index(OUT)` loads it; its label i is line i of OUT.ids.txt, the global order of the
        index's ids.txt (shard order × row). A faiss index is copied as built; an exact index (from its
        shards) or an hnsw index (from the vectors in hnsw.bin) becomes an IndexFlatIP, or a trained
        --factory index. The index is verified first, as search does.
        """
        from infembed.index import export_faiss

        from .errors import prepare_output

        prepare_output(out, directory=False)
        path, ids_path = export_faiss(index, out, factory=factory, train_size=train_size, seed=seed, threads=threads)
        typer.echo(f"faiss index → {path}, ids → {ids_path}")

    app.add_typer(index_app, name="index")
