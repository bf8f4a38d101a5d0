"""hnswlib index: recall against exact search on clustered data, save/load, fingerprint refusal."""

from __future__ import annotations

import json

import numpy as np
import pytest

from infembed.index import build_index, load_index, recall_at_k
from infembed.search import search_shards
from infembed.shards import MANIFEST_FORMAT, MANIFEST_NAME, atomic_write_json, write_shard


def clustered(n: int, d: int, clusters: int, rng: np.random.Generator, rank: int = 12) -> np.ndarray:
    """Unit vectors in uneven clusters, each spread over its own ``rank``-dim subspace plus a little
    isotropic noise: low intrinsic dimension like real embeddings, not an isotropic cloud."""
    centres = rng.standard_normal((clusters, d))
    basis = rng.standard_normal((clusters, rank, d))  # each cluster's own directions
    sizes = rng.dirichlet(np.full(clusters, 0.7))
    labels = rng.choice(clusters, size=n, p=sizes)
    x = (centres[labels] + 0.5 * np.einsum("nr,nrd->nd", rng.standard_normal((n, rank)), basis[labels])
         + 0.1 * rng.standard_normal((n, d)))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def write_shards(directory, arrays, fingerprint="model-a", normalized=True):
    entries, start = [], 0
    for n, emb in enumerate(arrays):
        entries.append(write_shard(directory, n, [f"p{start + j}" for j in range(len(emb))], emb))
        start += len(emb)
    atomic_write_json(directory / MANIFEST_NAME, {
        "format": MANIFEST_FORMAT, "model_fingerprint": fingerprint, "dim": int(arrays[0].shape[1]),
        "dtype": str(arrays[0].dtype), "normalized": normalized, "settings": {}, "shards": entries, "complete": True})


@pytest.fixture(scope="module")
def clustered_dir(tmp_path_factory):
    rng = np.random.default_rng(2024)
    pts = clustered(20_200, 64, 50, rng)
    x, q = pts[:20_000], pts[20_000:]  # held-out queries from the same distribution
    d = tmp_path_factory.mktemp("emb")
    write_shards(d, [x[:8000], x[8000:15000].astype(np.float16), x[15000:]])
    return d, q


def test_hnsw_recall_on_clustered_data(clustered_dir, tmp_path):
    emb_dir, q = clustered_dir
    m = build_index(emb_dir, tmp_path / "idx", "hnsw", M=16, ef_construction=100, threads=2, seed=1, progress=False)
    assert m.count == 20_000 and m.kind == "hnsw" and m.build_seconds > 0
    exact = search_shards(q, emb_dir, 10, threads=2)
    index = load_index(tmp_path / "idx", model_fingerprint="model-a")
    recall = recall_at_k(index, q, exact.ids, k=10, ef=100)
    assert recall >= 0.95, recall
    low = recall_at_k(index, q, exact.ids, k=10, ef=10)
    assert low <= recall
    # scores are similarities (1 - hnsw 'ip' distance), equal to the exact scores of the same ids
    s, ids, pids = index.search(q, 10, ef=100)
    full = np.concatenate([np.load(p) for p in sorted(emb_dir.glob("shard-*.npy"))]).astype(np.float64)
    np.testing.assert_allclose(s, np.einsum("qd,qkd->qk", q.astype(np.float64), full[ids]), atol=1e-5)
    assert pids[0][0] == f"p{ids[0, 0]}"


def test_save_load_round_trip_and_fingerprint(clustered_dir, tmp_path):
    emb_dir, q = clustered_dir
    build_index(emb_dir, tmp_path / "idx", "hnsw", M=8, ef_construction=40, threads=1, seed=3, progress=False)
    a = load_index(tmp_path / "idx")
    b = load_index(tmp_path / "idx", model_fingerprint="model-a")
    sa, ia, _ = a.search(q[:20], 5, ef=60)
    sb, ib, _ = b.search(q[:20], 5, ef=60)
    np.testing.assert_array_equal(ia, ib)
    np.testing.assert_array_equal(sa, sb)
    manifest = json.loads((tmp_path / "idx" / "index.json").read_text())
    assert manifest["model_fingerprint"] == "model-a" and manifest["dim"] == 64 and manifest["normalized"] is True
    assert manifest["settings"] == {"M": 8, "ef_construction": 40, "seed": 3, "threads": 1, "space": "ip"}
    with pytest.raises(ValueError, match="model-a"):
        load_index(tmp_path / "idx", model_fingerprint="model-b")
    with pytest.raises(ValueError, match="ef=3 must be >= k=5"):
        a.search(q[:2], 5, ef=3)


def test_exact_index_kind(clustered_dir, tmp_path):
    emb_dir, q = clustered_dir
    m = build_index(emb_dir, tmp_path / "ex", "exact")
    assert not (tmp_path / "ex" / "hnsw.bin").exists() and m.count == 20_000
    idx = load_index(tmp_path / "ex", model_fingerprint="model-a")
    s, ids, pids = idx.search(q[:4], 3, threads=2)
    ref = search_shards(q[:4], emb_dir, 3)
    np.testing.assert_array_equal(ids, ref.ids)
    assert recall_at_k(idx, q[:4], ref.ids, k=3) == 1.0


def test_build_rejects_bad_settings(clustered_dir, tmp_path):
    emb_dir, _ = clustered_dir
    with pytest.raises(ValueError, match="kind"):
        build_index(emb_dir, tmp_path / "x", "ivf")
    with pytest.raises(ValueError, match="M >= 2"):
        build_index(emb_dir, tmp_path / "x", "hnsw", M=1)
    with pytest.raises(FileNotFoundError, match="manifest"):
        build_index(tmp_path, tmp_path / "x", "hnsw")
    with pytest.raises(FileNotFoundError, match="index build"):
        load_index(tmp_path)
