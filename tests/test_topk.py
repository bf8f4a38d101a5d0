"""infembed._topk (C++) and infembed.search against float64 references, ties included."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import torch
from conftest import check_topk_with_ties, np_reference

from infembed import _ext
from infembed.search import exact_topk, merge_topk, search_shards, topk_reference
from infembed.shards import MANIFEST_FORMAT, MANIFEST_NAME, atomic_write_json, write_shard

_topk = pytest.importorskip("infembed._topk")
SIMD = _topk.supported_simd()


SHAPES = [  # (Q, N, d, k): primes, N < k, d not a multiple of 8/16, one row, several tiles
    (1, 1, 1, 1),
    (3, 97, 13, 5),
    (7, 1009, 37, 10),
    (5, 4, 17, 10),
    (2, 2053, 101, 100),
    (13, 3001, 64, 1500),
    (1, 4099, 384, 10),
    (37, 1031, 45, 7),  # AMX: two query tiles, a partial block of each kind, d below a tile step
    (70, 997, 97, 20),  # AMX: three query blocks, the last of 6 queries; AVX512-BF16: 6 kernel calls, last of 10
    (29, 1000, 768, 10),  # AVX512-BF16: 3 query groups (12, 12, 5), 31 full 32-row blocks + one of 8, d = 768
]


@pytest.mark.parametrize("simd", SIMD)
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("metric", ["ip", "cos"])
@pytest.mark.parametrize("threads", [1, 2])
def test_matches_fp64_reference(simd, dtype, metric, threads):
    rng = np.random.default_rng(123)
    for Q, N, d, k in SHAPES:
        q = rng.standard_normal((Q, d)).astype(np.float32)
        c = (rng.standard_normal((N, d)) * rng.uniform(0.5, 2.0, (N, 1))).astype(dtype)  # varied row norms
        scores, ids = _topk.topk(q, c, k, metric, threads, simd=simd)
        ref_s, ref_i = np_reference(q, c, k, metric)
        assert ids.shape == (Q, min(k, N)) and ids.dtype == np.int64 and scores.dtype == np.float32
        np.testing.assert_array_equal(ids, ref_i, err_msg=f"Q={Q} N={N} d={d} k={k}")
        np.testing.assert_allclose(scores, ref_s, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("simd", SIMD)
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_exact_ties_break_by_lower_id(simd, dtype):
    # Small integers: every dot product is exact in any summation order, so duplicated rows tie exactly.
    rng = np.random.default_rng(7)
    base = rng.integers(-3, 4, size=(40, 19)).astype(dtype)
    c = np.concatenate([base, base[::-1], base[:7]])  # 87 rows, many exact duplicates
    q = rng.integers(-3, 4, size=(6, 19)).astype(np.float32)
    for k in (1, 5, 30, 87, 100):
        for threads in (1, 2):
            s, i = _topk.topk(q, c, k, "ip", threads, simd=simd)
            ref_s, ref_i = np_reference(q, c, k)
            np.testing.assert_array_equal(i, ref_i)
            np.testing.assert_array_equal(s, ref_s)
            check_topk_with_ties(ref_s, ref_i, s, i)


@pytest.mark.parametrize("simd", SIMD)
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_near_ties_below_bf16_resolution(simd, dtype):
    # Clusters of rows that differ by ~1e-3 relative: bf16 (AMX) scoring cannot order them, fp32 can
    # mostly; the fp64 rescoring of every candidate inside the error bound must still give exact ids.
    rng = np.random.default_rng(11)
    base = rng.standard_normal((12, 67))
    c = np.repeat(base, 90, axis=0) * (1 + 1e-3 * rng.standard_normal((12 * 90, 67)))
    c = c.astype(dtype)
    q = (base[rng.integers(0, 12, 41)] + 0.01 * rng.standard_normal((41, 67))).astype(np.float32)
    for metric in ("ip", "cos"):
        for threads in (1, 2):
            s, i = _topk.topk(q, c, 25, metric, threads, simd=simd)
            ref_s, ref_i = np_reference(q, c, 25, metric)
            np.testing.assert_array_equal(i, ref_i, err_msg=f"{metric} threads={threads}")
            np.testing.assert_allclose(s, ref_s, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("simd", SIMD)
def test_cosine_of_rows_with_tiny_norms(simd):
    # fp32 squared norms underflow below |c| ~ 1e-19 (and AMX flushes denormals): such rows must
    # still get their exact cosine, here 1 for the rows parallel to the query.
    rng = np.random.default_rng(5)
    q = rng.standard_normal((20, 40)).astype(np.float32)
    c = rng.standard_normal((300, 40)).astype(np.float32)
    c[17] = q[3] * 1e-25
    c[250] = q[11] * 1e-41  # fp32 denormals
    c[40] = 0.0  # a zero row scores 0
    s, i = _topk.topk(q, c, 5, "cos", 2, simd=simd)
    ref_s, ref_i = np_reference(q, c, 5, "cos")
    np.testing.assert_array_equal(i, ref_i)
    assert i[3, 0] == 17 and i[11, 0] == 250
    np.testing.assert_allclose(s, ref_s, rtol=1e-6, atol=1e-6)


def test_auto_dispatch_is_exact_on_both_sides_of_the_amx_threshold():
    if "amx" not in SIMD:
        pytest.skip("this CPU has no AMX-BF16 tiles")
    assert _topk.simd_level() == "amx"
    rng = np.random.default_rng(3)
    c = rng.standard_normal((3000, 64)).astype(np.float32)
    for nq in (1, 7, 8, 64):  # below and above the AMX threshold
        q = rng.standard_normal((nq, 64)).astype(np.float32)
        np.testing.assert_array_equal(_topk.topk(q, c, 9)[1], np_reference(q, c, 9)[1])


def test_env_variable_forces_each_path(monkeypatch):
    # INFEMBED_TOPK_SIMD overrides simd='auto' (also through infembed.search.exact_topk); a path this
    # CPU lacks, or a bad name, is a ValueError saying why -- never a silent fallback.
    rng = np.random.default_rng(6)
    q = rng.standard_normal((20, 96)).astype(np.float32)
    c = (rng.standard_normal((2000, 96)) * (1 + 1e-3 * rng.standard_normal((2000, 1)))).astype(np.float32)
    ref_i = np_reference(q, c, 12)[1]
    for level in SIMD:
        monkeypatch.setenv("INFEMBED_TOPK_SIMD", level.upper() if level == "avx2" else level)
        assert _topk.dispatch(1) == level and _topk.dispatch(256) == level
        np.testing.assert_array_equal(_topk.topk(q, c, 12, "ip", 2)[1], ref_i, err_msg=level)
        np.testing.assert_array_equal(exact_topk(q, c, 12, threads=2)[1], ref_i, err_msg=level)
        assert _topk.topk(q, c, 3, simd="scalar")[1].tolist() == ref_i[:, :3].tolist()  # explicit simd= wins
    for level in {"scalar", "avx2", "avx512", "avx512bf16", "amx", "neon"} - set(SIMD):
        monkeypatch.setenv("INFEMBED_TOPK_SIMD", level)
        reason = _topk.unsupported_reason(level)
        assert reason
        with pytest.raises(ValueError, match=f"INFEMBED_TOPK_SIMD={level} forces a path this CPU cannot run"):
            _topk.topk(q, c, 5)
        with pytest.raises(ValueError, match="cannot run"):
            exact_topk(q, c, 5)
        with pytest.raises(ValueError, match="lacks|refused|built only|instruction set"):
            _topk.dispatch(8)
    monkeypatch.setenv("INFEMBED_TOPK_SIMD", "sse9")
    with pytest.raises(ValueError, match="INFEMBED_TOPK_SIMD='sse9'"):
        _topk.topk(q, c, 5)
    monkeypatch.setenv("INFEMBED_TOPK_SIMD", "auto")
    assert _topk.dispatch(256) in ("amx", "avx512bf16", "avx512", "avx2", "neon", "scalar")
    monkeypatch.delenv("INFEMBED_TOPK_SIMD")
    assert _topk.dispatch(1) not in ("amx", "avx512bf16")  # few queries: the fp32 scan


def test_auto_picks_avx512bf16_where_amx_is_missing():
    # On a CPU with VDPBF16PS but no usable AMX (Zen 4/5, Cooper Lake, or AMX refused by the OS).
    if _topk.simd_level() != "avx512bf16":
        pytest.skip(f"best level here is {_topk.simd_level()!r}; forced-path tests cover avx512bf16")
    assert [_topk.dispatch(n) for n in (1, 15, 16, 256)] == ["avx512", "avx512", "avx512bf16", "avx512bf16"]


def test_all_rows_equal_returns_lowest_ids():
    c = np.ones((5000, 24), np.float32)
    s, i = _topk.topk(np.ones((2, 24), np.float32), c, 50, "ip", 2)
    np.testing.assert_array_equal(i, np.tile(np.arange(50), (2, 1)))
    assert (s == 24).all()


def test_large_k_and_memmap(tmp_path):
    rng = np.random.default_rng(1)
    c = rng.standard_normal((12007, 48)).astype(np.float16)
    path = tmp_path / "c.npy"
    np.save(path, c)
    mm = np.load(path, mmap_mode="r")  # read-only memory map, used in place
    q = rng.standard_normal((3, 48)).astype(np.float32)
    s, i = _topk.topk(q, mm, 10000, "ip", 2)
    ref_s, ref_i = np_reference(q, c, 10000)
    np.testing.assert_array_equal(i, ref_i)


def test_cosine_zero_vectors_score_zero():
    c = np.zeros((4, 8), np.float32)
    c[2, 0] = 3.0
    s, i = _topk.topk(np.eye(1, 8, dtype=np.float32), c, 4, "cos", 1)
    assert i[0].tolist() == [2, 0, 1, 3] and s[0].tolist() == [1.0, 0.0, 0.0, 0.0]


def test_torch_reference_is_a_valid_oracle():
    rng = np.random.default_rng(5)
    q, c = rng.standard_normal((4, 33)).astype(np.float32), rng.standard_normal((999, 33)).astype(np.float32)
    for metric in ("ip", "cos"):
        s, i = topk_reference(q, c, 17, metric, chunk_size=100)
        ref_s, ref_i = np_reference(q, c, 17, metric)
        np.testing.assert_array_equal(i, ref_i)
        st, it = topk_reference(torch.from_numpy(q), torch.from_numpy(c), 17, metric, chunk_size=64)
        assert isinstance(it, torch.Tensor)
        np.testing.assert_array_equal(it.numpy(), ref_i)


def test_gil_is_released_during_compute():
    rng = np.random.default_rng(2)
    c = rng.standard_normal((400_000, 96)).astype(np.float32)
    q = rng.standard_normal((32, 96)).astype(np.float32)
    count, stop = [0], threading.Event()

    def spin():
        while not stop.is_set():
            count[0] += 1

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)
    before = count[0]
    t0 = time.perf_counter()
    _topk.topk(q, c, 10, "ip", 1, simd="scalar")  # the slowest path: long enough to observe
    elapsed = time.perf_counter() - t0
    during = count[0] - before
    stop.set()
    t.join()
    assert elapsed > 0.05, "search too short to observe the GIL"
    assert during > 1000, f"the Python thread advanced only {during} steps during a {elapsed:.2f} s search"


def test_worker_error_is_reraised_as_value_error():
    c = np.random.default_rng(0).standard_normal((50_000, 16)).astype(np.float32)
    c[43_210, 3] = np.nan
    with pytest.raises(ValueError, match="corpus row 43210"):
        _topk.topk(np.ones((3, 16), np.float32), c, 5, "ip", 2)
    c[43_210, 3] = np.inf
    with pytest.raises(ValueError, match="NaN/Inf"):
        _topk.topk(np.ones((3, 16), np.float32), c.astype(np.float16), 5, "ip", 1)


def test_bad_inputs_raise_clear_value_errors():
    q = np.ones((2, 8), np.float32)
    c = np.ones((10, 8), np.float32)
    cases = [
        (dict(queries=np.ones(8, np.float32)), "2-D"),
        (dict(corpus=np.ones((10, 8, 1), np.float32)), "2-D"),
        (dict(corpus=np.ones((10, 9), np.float32)), "dimension mismatch"),
        (dict(corpus=np.ones((0, 8), np.float32)), "empty"),
        (dict(k=0), "k must be >= 1"),
        (dict(k=-3), "k must be >= 1"),
        (dict(queries=np.ones((2, 8))), "float32"),
        (dict(corpus=np.ones((10, 8))), "float32 or float16"),
        (dict(corpus=np.ones((10, 8), ">f4")), "native"),
        (dict(queries=np.full((2, 8), np.nan, np.float32)), "NaN"),
        (dict(queries=np.array([[1, 2, np.inf, 0, 0, 0, 0, 0]], np.float32)), "NaN or Inf"),
        (dict(corpus=np.ones((8, 10), np.float32).T), "not C-contiguous"),
        (dict(queries=np.ones((8, 4), np.float32).T[:, :8]), "dimension mismatch|not C-contiguous"),
        (dict(metric="l2"), "metric"),
        (dict(threads=-1), "threads"),
        (dict(simd="sse9"), "simd"),
        (dict(queries=np.ones((2, 0), np.float32), corpus=np.ones((3, 0), np.float32)), "dimension 0"),
    ]
    for over, msg in cases:
        args = dict(queries=q, corpus=c, k=3, metric="ip", threads=1, simd="auto") | over
        with pytest.raises(ValueError, match=msg):
            _topk.topk(args.pop("queries"), args.pop("corpus"), args.pop("k"), **args)


def test_copy_flag_accepts_non_contiguous():
    rng = np.random.default_rng(3)
    big = rng.standard_normal((40, 300)).astype(np.float32)
    c = big[:, ::2]  # [40, 150] strided view
    q = rng.standard_normal((150, 3)).astype(np.float32).T  # [3, 150] Fortran-ordered
    with pytest.raises(ValueError, match="copy=True"):
        _topk.topk(q, c, 5)
    s, i = _topk.topk(q, c, 5, copy=True)
    np.testing.assert_array_equal(i, np_reference(q, c, 5)[1])


def test_zero_queries_give_empty_results():
    s, i = _topk.topk(np.ones((0, 8), np.float32), np.ones((3, 8), np.float32), 5)
    assert s.shape == (0, 3) and i.shape == (0, 3)


def test_backend_override(monkeypatch):
    rng = np.random.default_rng(4)
    q, c = rng.standard_normal((3, 20)).astype(np.float32), rng.standard_normal((500, 20)).astype(np.float32)
    monkeypatch.setenv("INFEMBED_TOPK", "torch")
    s_t, i_t = exact_topk(q, c, 7)
    monkeypatch.setenv("INFEMBED_TOPK", "cpu")
    s_c, i_c = exact_topk(q, c, 7)
    np.testing.assert_array_equal(i_t, i_c)
    monkeypatch.setenv("INFEMBED_TOPK", "bogus")
    with pytest.raises(ValueError, match="INFEMBED_TOPK"):
        exact_topk(q, c, 7)
    if not torch.cuda.is_available():
        monkeypatch.setenv("INFEMBED_TOPK", "cuda")
        with pytest.raises(RuntimeError, match="CUDA"):
            exact_topk(q, c, 7)
        assert "cuda" in _ext.load_errors()


def _write_shards(directory, arrays, fingerprint="fp-test", normalized=False):
    entries, start = [], 0
    for n, emb in enumerate(arrays):
        ids = [f"doc{start + j}" for j in range(len(emb))]
        entries.append(write_shard(directory, n, ids, emb))
        start += len(emb)
    atomic_write_json(directory / MANIFEST_NAME, {
        "format": MANIFEST_FORMAT, "model_fingerprint": fingerprint, "dim": int(arrays[0].shape[1]),
        "dtype": str(arrays[0].dtype), "normalized": normalized, "settings": {}, "shards": entries, "complete": True})


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_sharded_search_equals_one_array(tmp_path, dtype):
    rng = np.random.default_rng(9)
    parts = [rng.standard_normal((n, 40)).astype(dtype) for n in (1000, 3, 0, 2500, 7)]
    parts[3][100] = parts[0][5]  # an exact tie across shards: global ids 5 and 1103
    _write_shards(tmp_path, parts)
    full = np.concatenate(parts)
    q = rng.standard_normal((9, 40)).astype(np.float32)
    q[0] = full[5].astype(np.float32)  # its best match is the duplicated row
    res = search_shards(q, tmp_path, 20, threads=2)
    ref_s, ref_i = np_reference(q, full, 20)
    np.testing.assert_array_equal(res.ids, ref_i)
    np.testing.assert_allclose(res.scores, ref_s, rtol=1e-6)
    assert res.ids[0, :2].tolist() == [5, 1103]
    assert res.passage_ids[0][:2] == ["doc5", "doc1103"]
    with pytest.raises(ValueError, match="dim"):
        search_shards(q[:, :10], tmp_path, 5)


def test_merge_keeps_first_set_on_ties():
    s, i = merge_topk(np.array([[1.0, 0.5]]), np.array([[3, 4]]), np.array([[1.0, 0.7]]), np.array([[1, 2]]), 3)
    assert i.tolist() == [[3, 1, 2]]


@pytest.mark.gpu
@pytest.mark.parametrize("dtype", [torch.float32, torch.float16])
@pytest.mark.parametrize("metric", ["ip", "cos"])
def test_cuda_matches_cpu(dtype, metric):
    assert _ext.cuda_module() is not None, _ext.load_errors()
    rng = np.random.default_rng(11)
    for Q, N, d, k in [(1, 1, 1, 1), (5, 4, 17, 10), (13, 3001, 64, 100), (37, 70_001, 384, 1000),
                       (300, 20_000, 768, 10)]:
        q = rng.standard_normal((Q, d)).astype(np.float32)
        c = rng.standard_normal((N, d)).astype(np.float32 if dtype == torch.float32 else np.float16)
        s_cpu, i_cpu = _topk.topk(q, c, k, metric, 2)
        s_gpu, i_gpu = exact_topk(torch.from_numpy(q).cuda(), torch.from_numpy(c).cuda(), k, metric)
        check_topk_with_ties(s_cpu, i_cpu, s_gpu.cpu().numpy(), i_gpu.cpu().numpy(), decimal=3)
        # ids agree except where fp32 accumulation order flips near-ties
        assert (i_gpu.cpu().numpy() == i_cpu).mean() > 0.99


@pytest.mark.gpu
def test_cuda_exact_ties():
    assert _ext.cuda_module() is not None, _ext.load_errors()
    rng = np.random.default_rng(12)
    base = rng.integers(-3, 4, size=(700, 19)).astype(np.float16)
    c = np.concatenate([base, base[::-1], base])  # exact duplicates spread over tiles
    q = rng.integers(-3, 4, size=(6, 19)).astype(np.float32)
    s, i = exact_topk(torch.from_numpy(q).cuda(), torch.from_numpy(c).cuda(), 64)
    ref_s, ref_i = np_reference(q, c, 64)
    np.testing.assert_array_equal(i.cpu().numpy(), ref_i)


def _fp32_ranking(q: np.ndarray, c: np.ndarray, k2: int, metric: str):
    """What the CUDA kernel hands over: fp32 scores of the best k2 rows (score desc, id asc)."""
    qt, ct = torch.from_numpy(q), torch.from_numpy(c).float()
    if metric == "cos":
        qt = torch.nn.functional.normalize(qt, dim=1)
        ct = torch.nn.functional.normalize(ct, dim=1)
    s = qt @ ct.T  # [Q, N] fp32
    order = torch.sort(s, dim=1, descending=True, stable=True).indices[:, :k2]
    return s.gather(1, order), order


@pytest.mark.parametrize("metric", ["ip", "cos"])
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_fp32_candidates_become_the_exact_fp64_top_k(metric, dtype):
    # The CUDA path ranks in fp32 and returns k2 > k rows; near-ties closer than fp32 rounding are
    # reordered by the fp64 rescoring, and a query whose spare rows cannot rule out the rest falls
    # back to the reference -- the ids always equal the fp64 reference's.
    from infembed.search import exact_from_fp32_candidates

    rng = np.random.default_rng(8)
    base = rng.standard_normal((6, 96))
    c = (np.repeat(base, 50, axis=0) * (1 + 3e-7 * rng.standard_normal((300, 96)))).astype(dtype)
    c[7] = c[3]  # an exact tie
    q = (base[rng.integers(0, 6, 11)] + 1e-3 * rng.standard_normal((11, 96))).astype(np.float32)
    ref_s, ref_i = np_reference(q, c, 10, metric)
    if dtype == np.float32:  # (in fp16 the perturbation rounds away: exact ties instead)
        fp32_i = _fp32_ranking(q, c, 10, metric)[1].numpy()
        assert (fp32_i != ref_i).any(), "the data should make plain fp32 ranking wrong somewhere"
    for k2 in (10, 26, 300):  # no spare rows (→ fallback), some, all
        cs, ci = _fp32_ranking(q, c, k2, metric)
        s, i = exact_from_fp32_candidates(torch.from_numpy(q), torch.from_numpy(c), cs, ci, 10, metric)
        np.testing.assert_array_equal(i.numpy(), ref_i, err_msg=f"k2={k2}")
        np.testing.assert_allclose(s.numpy(), ref_s, rtol=1e-6, atol=1e-6)


def test_fp32_candidates_cosine_with_a_tiny_row_uses_the_reference():
    from infembed.search import exact_from_fp32_candidates

    rng = np.random.default_rng(9)
    q = rng.standard_normal((4, 24)).astype(np.float32)
    c = rng.standard_normal((50, 24)).astype(np.float32)
    c[20] = q[1] * 1e-35  # its fp32 norm underflows: the kernel would score it 0, its cosine is 1
    cs, ci = _fp32_ranking(q, np.where(np.arange(50)[:, None] == 20, 0, c).astype(np.float32), 12, "cos")
    s, i = exact_from_fp32_candidates(torch.from_numpy(q), torch.from_numpy(c), cs, ci, 5, "cos")
    np.testing.assert_array_equal(i.numpy(), np_reference(q, c, 5, "cos")[1])
    assert i[1, 0] == 20
