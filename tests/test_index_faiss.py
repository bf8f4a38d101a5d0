"""faiss index kind: IVF-PQ recall against exact search on clustered data, exact re-ranking, the
integrity rules of the other kinds, user errors (bad factory, nprobe, faiss missing), export for
`faiss.read_index`, and `infembed index build` + `infembed search` end to end."""

from __future__ import annotations

import json
import shutil
import sys

import numpy as np
import pytest
from conftest import assert_user_error
from test_index import clustered, write_shards
from test_integrity import backdate, scribble, unit_rows, write_dir
from test_search_cli import workspace  # noqa: F401  (a fixture: MiniLM shards of six passages)
from typer.testing import CliRunner

from infembed.cli import app
from infembed.data import DataError, read_trec_run
from infembed.index import INDEX_MANIFEST, FaissIndex, build_index, export_faiss, load_index, recall_at_k
from infembed.search import search_shards

faiss = pytest.importorskip("faiss")

FACTORY = "IVF16,PQ16x4"  # 16 lists, 16 four-bit codes per 32-dim vector (8 bytes): small k-means, fast to train
runner = CliRunner()


@pytest.fixture(scope="module")
def clustered_dir(tmp_path_factory):
    """3,000 clustered unit vectors (d = 32) in three shards (one fp16) and 100 held-out queries."""
    pts = clustered(3100, 32, 16, np.random.default_rng(7))
    x, q = pts[:3000], pts[3000:]
    d = tmp_path_factory.mktemp("emb")
    write_shards(d, [x[:1200], x[1200:2000].astype(np.float16), x[2000:]])
    return d, q


@pytest.fixture(scope="module")
def pq_index(clustered_dir, tmp_path_factory):
    emb_dir, _ = clustered_dir
    out = tmp_path_factory.mktemp("idx") / "pq"
    build_index(emb_dir, out, "faiss", factory=FACTORY, threads=1, seed=3, progress=False)
    return out


@pytest.fixture(scope="module")
def exact_top10(clustered_dir):
    emb_dir, q = clustered_dir
    return search_shards(q, emb_dir, 10, threads=1)


def shard_matrix(emb_dir) -> np.ndarray:
    """Every shard row in global order, fp64 ``[N, d]``."""
    return np.concatenate([np.load(p) for p in sorted(emb_dir.glob("shard-*.npy"))]).astype(np.float64)


# ----------------------------------------------------------------------------- build and search


def test_faiss_build_records_factory_metric_and_files(clustered_dir, pq_index):
    emb_dir, _ = clustered_dir
    manifest = json.loads((pq_index / INDEX_MANIFEST).read_text())
    assert manifest["kind"] == "faiss" and manifest["count"] == 3000 and manifest["dim"] == 32
    assert manifest["settings"] == {"factory": FACTORY, "metric": "ip", "train_size": 3000, "seed": 3, "threads": 1}
    assert sorted(manifest["index_files"]) == ["faiss.index", "ids.txt"]
    assert len(manifest["shard_files"]) == 6  # recorded for re-ranking, which reads the shards
    ids = (pq_index / "ids.txt").read_text().split()
    assert ids == [f"p{j}" for j in range(3000)]
    index = faiss.read_index(str(pq_index / "faiss.index"))
    assert index.ntotal == 3000 and index.metric_type == faiss.METRIC_INNER_PRODUCT


def test_faiss_recall_on_clustered_data(clustered_dir, pq_index, exact_top10):
    _, q = clustered_dir
    index = load_index(pq_index, model_fingerprint="model-a")
    assert isinstance(index, FaissIndex)
    one, all_lists = (recall_at_k(index, q, exact_top10.ids, k=10, nprobe=n) for n in (1, 16))
    assert 0.4 <= one <= all_lists, (one, all_lists)  # 8-byte codes: approximate, better with more lists
    assert all_lists >= 0.6, all_lists
    reranked = recall_at_k(index, q, exact_top10.ids, k=10, nprobe=16, rerank=100)
    assert reranked >= 0.95, reranked
    s, ids, pids = index.search(q[:5], 10, nprobe=4)
    assert pids[0][0] == f"p{ids[0, 0]}" and np.all(np.diff(s, axis=1) <= 0)


def test_rerank_makes_the_top_ids_those_of_exact_search(clustered_dir, pq_index, exact_top10):
    emb_dir, q = clustered_dir
    index = load_index(pq_index)
    s, ids, pids = index.search(q, 10, nprobe=16, rerank=500)  # every list; 500 candidates hold the top 10
    np.testing.assert_array_equal(ids, exact_top10.ids)
    full = shard_matrix(emb_dir)
    np.testing.assert_allclose(s, np.einsum("qd,qkd->qk", q.astype(np.float64), full[ids]), rtol=0, atol=1e-6)
    assert pids == exact_top10.passage_ids
    _, without, _ = index.search(q, 10, nprobe=16)
    assert (without != exact_top10.ids).any()  # the codes alone do not order the top 10 exactly


def test_search_settings_are_checked(clustered_dir, pq_index):
    _, q = clustered_dir
    index = load_index(pq_index)
    with pytest.raises(ValueError, match="nprobe must be >= 1"):
        index.search(q[:2], 5, nprobe=0)
    with pytest.raises(ValueError, match="rerank=3 must be 0 .* or >= k=5"):
        index.search(q[:2], 5, rerank=3)
    bad = q[:2].copy()
    bad[1, 0] = np.nan
    with pytest.raises(ValueError, match=r"query embedding row 1 .* non-finite"):
        index.search(bad, 5)


def test_too_few_lists_probed_pads_and_warns(tmp_path, caplog):
    d = write_dir(tmp_path / "emb", [unit_rows(40, 0), unit_rows(30, 1)])
    build_index(d, tmp_path / "idx", "faiss", factory="IVF8,Flat", threads=1, progress=False)
    index = load_index(tmp_path / "idx")
    s, ids, pids = index.search(unit_rows(4, 9), 60, nprobe=1)  # one list of ~9 vectors, 60 asked
    assert (ids == -1).any() and np.isneginf(s[ids == -1]).all()
    assert [len(p) for p in pids] == (ids >= 0).sum(axis=1).tolist()
    assert "raise nprobe" in caplog.text


def test_training_sample_size_and_warning(clustered_dir, tmp_path, caplog):
    emb_dir, _ = clustered_dir
    m = build_index(emb_dir, tmp_path / "idx", "faiss", factory="IVF16,Flat", train_size=500, threads=1,
                    progress=False)
    assert m.settings["train_size"] == 500
    assert "faiss wants 624" in caplog.text  # 39 per list
    with pytest.raises(ValueError, match=r"needs at least 16 vectors .* has 10; raise --train-size"):
        build_index(emb_dir, tmp_path / "idx", "faiss", factory="IVF16,Flat", train_size=10, progress=False)
    with pytest.raises(ValueError, match=r"needs at least 256 vectors .* has 70; use fewer IVF lists for 70 "
                                         r"vectors \(e\.g\. IVF8\)"):
        build_index(write_dir(tmp_path / "small", [unit_rows(70, 0)]), tmp_path / "i2", "faiss",
                    factory="IVF256,Flat", progress=False)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_build_refuses_non_finite_rows(tmp_path, bad):
    second = unit_rows(30, 1)
    second[5, 3] = bad
    d = write_dir(tmp_path / "emb", [unit_rows(40, 0), second])
    with pytest.raises(DataError, match=r"shard-00001\.npy: row 5 \(passage id 'p45'\) holds a non-finite value"):
        build_index(d, tmp_path / "idx", "faiss", factory="IVF2,Flat", progress=False)
    assert not (tmp_path / "idx" / INDEX_MANIFEST).exists()


# ----------------------------------------------------------------------------- integrity


def copy_index(src, dst):
    shutil.copytree(src, dst)  # copy2: the recorded sizes and mtimes still hold
    return dst


def test_changed_faiss_files_are_refused_with_the_rebuild_command(pq_index, tmp_path):
    idx = copy_index(pq_index, tmp_path / "idx")
    load_index(idx)
    path = idx / "faiss.index"
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF  # same size, other bytes
    path.write_bytes(bytes(data))
    rebuild = rf"infembed index build --embeddings .* --out {idx} --kind faiss --factory '{FACTORY}'"
    with pytest.raises(DataError, match=rf"faiss\.index: its content changed.*{rebuild}"):
        load_index(idx)
    path.write_bytes(bytes(data[:-7]))
    with pytest.raises(DataError, match=rf"faiss\.index: \d+ bytes, but \d+ when it was checked.*{rebuild}"):
        load_index(idx)
    (idx / "ids.txt").unlink()
    path.unlink()
    with pytest.raises(DataError, match=rf"faiss\.index is missing.*{rebuild}"):
        load_index(idx)


def test_rerank_refuses_shards_changed_after_build(tmp_path):
    d = write_dir(tmp_path / "emb", [unit_rows(40, 0), unit_rows(30, 1)])
    backdate(d)
    build_index(d, tmp_path / "idx", "faiss", factory="IVF4,PQ4x4", threads=1, progress=False)
    q = unit_rows(3, 9)
    load_index(tmp_path / "idx").search(q, 5, rerank=20)
    scribble(d / "shard-00001.npy")  # same size, other bytes, new mtime
    index = load_index(tmp_path / "idx")
    s, _, _ = index.search(q, 5)  # without re-ranking the shards are not read
    assert np.isfinite(s).all()
    with pytest.raises(DataError, match=r"shard-00001\.npy: its content changed.*infembed index build.*"
                                        r"--kind faiss --factory 'IVF4,PQ4x4' \(or search without rerank"):
        index.search(q, 5, rerank=20)


# ----------------------------------------------------------------------------- user errors through the CLI


@pytest.mark.parametrize("factory,why", [("IVF16,PQ7", "multiple of the number of subquantizers"),
                                         ("bogus", "could not parse index string bogus")])
def test_bad_factory_is_a_user_error(clustered_dir, tmp_path, factory, why):
    emb_dir, _ = clustered_dir
    res = runner.invoke(app, ["index", "build", "--embeddings", str(emb_dir), "--out", str(tmp_path / "i"),
                              "--kind", "faiss", "--factory", factory])
    assert_user_error(res, f"--factory {factory!r}", why, "IVF1024,PQ48")
    assert not (tmp_path / "i").exists()  # refused before any shard was read or anything written


def test_factory_needed_for_faiss_and_only_for_faiss(clustered_dir, tmp_path):
    emb_dir, _ = clustered_dir
    base = ["index", "build", "--embeddings", str(emb_dir), "--out", str(tmp_path / "i")]
    assert_user_error(runner.invoke(app, [*base, "--kind", "faiss"]), "--kind faiss needs --factory")
    assert_user_error(runner.invoke(app, [*base, "--kind", "hnsw", "--factory", "IVF4,Flat"]),
                      "apply to --kind faiss")


def test_missing_faiss_is_a_user_error_naming_the_install(clustered_dir, tmp_path, monkeypatch):
    emb_dir, _ = clustered_dir
    monkeypatch.setitem(sys.modules, "faiss", None)  # `import faiss` now raises ImportError
    res = runner.invoke(app, ["index", "build", "--embeddings", str(emb_dir), "--out", str(tmp_path / "i"),
                              "--kind", "faiss", "--factory", FACTORY])
    assert_user_error(res, "pip install faiss-cpu")


def test_nprobe_zero_is_refused(tmp_path):
    res = runner.invoke(app, ["search", "--index", str(tmp_path), "--model", "minilm", "--queries", str(tmp_path / "q"),
                              "--out", str(tmp_path / "run.trec"), "--nprobe", "0"])
    assert_user_error(res, "--nprobe")


# ----------------------------------------------------------------------------- export


def test_export_faiss_index_round_trip(clustered_dir, pq_index, tmp_path):
    _, q = clustered_dir
    res = runner.invoke(app, ["index", "export", "--index", str(pq_index), "--out", str(tmp_path / "x.faiss")])
    assert res.exit_code == 0, res.output
    exported = faiss.read_index(str(tmp_path / "x.faiss"))
    assert (tmp_path / "x.faiss.ids.txt").read_text() == (pq_index / "ids.txt").read_text()
    faiss.extract_index_ivf(exported).nprobe = 4
    _, ids = exported.search(q, 10)
    np.testing.assert_array_equal(ids, load_index(pq_index).search(q, 10, nprobe=4)[1])
    assert_user_error(runner.invoke(app, ["index", "export", "--index", str(pq_index), "--out",
                                          str(tmp_path / "y.faiss"), "--factory", "Flat"]), "drop --factory")


@pytest.mark.parametrize("kind", ["exact", "hnsw"])
def test_export_flat_keeps_the_global_order(clustered_dir, tmp_path, kind):
    emb_dir, q = clustered_dir
    build_index(emb_dir, tmp_path / "idx", kind, M=8, ef_construction=20, threads=1, progress=False)
    out, ids_path = export_faiss(tmp_path / "idx", tmp_path / "flat.faiss")
    exported = faiss.read_index(str(out))
    assert isinstance(exported, faiss.IndexFlatIP) and exported.ntotal == 3000
    np.testing.assert_array_equal(exported.reconstruct_n(0, 3000), shard_matrix(emb_dir).astype(np.float32))
    assert ids_path.read_text().split() == [f"p{j}" for j in range(3000)]
    _, ids = exported.search(q[:5], 3)
    np.testing.assert_array_equal(ids, search_shards(q[:5], emb_dir, 3).ids)


def test_export_exact_with_a_factory(clustered_dir, tmp_path):
    emb_dir, q = clustered_dir
    build_index(emb_dir, tmp_path / "idx", "exact", progress=False)
    out, _ = export_faiss(tmp_path / "idx", tmp_path / "ivf.faiss", factory="IVF8,Flat", train_size=800)
    exported = faiss.read_index(str(out))
    assert exported.ntotal == 3000 and faiss.extract_index_ivf(exported).nlist == 8
    faiss.extract_index_ivf(exported).nprobe = 8  # every list: IVF-Flat is then exact
    _, ids = exported.search(q[:5], 3)
    np.testing.assert_array_equal(ids, search_shards(q[:5], emb_dir, 3).ids)


# ----------------------------------------------------------------------------- CLI end to end


def test_index_build_and_search_cli_with_faiss(workspace):  # noqa: F811
    root, model_dir = workspace
    res = runner.invoke(app, ["index", "build", "--embeddings", str(root / "emb"), "--out", str(root / "faiss"),
                              "--kind", "faiss", "--factory", "IVF2,SQ8", "--threads", "1"])
    assert res.exit_code == 0, res.output
    out = root / "faiss.trec"
    args = ["search", "--index", str(root / "faiss"), "--model", str(model_dir), "--queries",
            str(root / "queries.jsonl"), "--top-k", "3", "--out", str(out), "--batch-size", "2"]
    res = runner.invoke(app, [*args, "--nprobe", "2", "--rerank", "6"])
    assert res.exit_code == 0, res.output
    run = read_trec_run(out)
    assert {q: max(docs, key=docs.get) for q, docs in run.items()} == {"q1": "bike", "q2": "dog", "q3": "bake"}, run
    assert all(len(docs) == 3 for docs in run.values())
    assert_user_error(runner.invoke(app, [*args, "--rerank", "2"]), "--rerank 2", "--top-k 3")
    build_index(root / "emb", root / "exact-index", "exact", progress=False)
    res = runner.invoke(app, ["search", "--index", str(root / "exact-index"), "--model", str(model_dir),
                              "--queries", str(root / "queries.jsonl"), "--out", str(out), "--rerank", "5"])
    assert_user_error(res, "--rerank applies to faiss indexes", "drop --rerank")
