// pybind11 front end of csrc/topk.cpp: validate with the GIL held, allocate the outputs, release
// the GIL for compute; C++ exceptions become Python exceptions (std::invalid_argument -> ValueError).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cmath>
#include <string>
#include <thread>

#include "topk.h"

namespace py = pybind11;
using infembed::CorpusType;
using infembed::Metric;
using infembed::Simd;

namespace {

std::string dtype_str(const py::array& a) { return py::str(a.dtype()).cast<std::string>(); }

[[noreturn]] void bad(const std::string& msg) { throw py::value_error(msg); }

// Check ndim / C-contiguity; copy to C order only when the caller allows it.
py::array contiguous(const py::array& a, const char* name, bool copy) {
    if (a.ndim() != 2)
        bad(std::string(name) + " must be a 2-D array [n, d], got ndim=" + std::to_string(a.ndim()) +
            (a.ndim() == 1 ? " (use x[None, :] for a single vector)" : ""));
    if (a.flags() & py::array::c_style) return a;
    if (!copy)
        bad(std::string(name) + " is not C-contiguous (e.g. a transposed or sliced view); pass "
            "np.ascontiguousarray(" + name + ") or copy=True");
    return py::array::ensure(a, py::array::c_style);
}

py::tuple topk_py(py::array queries, py::array corpus, int64_t k, const std::string& metric, int threads,
                  bool copy, const std::string& simd_name) {
    // ---- validation, GIL held
    if (!queries.dtype().is(py::dtype::of<float>()))
        bad("queries must be float32 (native byte order), got " + dtype_str(queries) +
            "; convert with queries.astype(np.float32)");
    CorpusType ctype;
    if (corpus.dtype().is(py::dtype::of<float>())) {
        ctype = CorpusType::F32;
    } else if (corpus.dtype().is(py::dtype("float16"))) {
        ctype = CorpusType::F16;
    } else {
        bad("corpus must be float32 or float16 (native byte order), got " + dtype_str(corpus) +
            "; convert with corpus.astype(np.float32)");
    }
    queries = contiguous(queries, "queries", copy);
    corpus = contiguous(corpus, "corpus", copy);
    const int64_t Q = queries.shape(0), d = queries.shape(1), N = corpus.shape(0);
    if (d == 0) bad("queries have dimension 0; embeddings need at least one dimension");
    if (corpus.shape(1) != d)
        bad("dimension mismatch: queries are [" + std::to_string(Q) + ", " + std::to_string(d) + "] but corpus is [" +
            std::to_string(N) + ", " + std::to_string(corpus.shape(1)) + "]; both need the same d");
    if (N == 0) bad("the corpus is empty (0 rows); there is nothing to search");
    if (k <= 0) bad("k must be >= 1, got " + std::to_string(k));
    Metric m;
    if (metric == "ip") {
        m = Metric::IP;
    } else if (metric == "cos") {
        m = Metric::COS;
    } else {
        bad("metric must be 'ip' or 'cos', got '" + metric + "'");
    }
    if (threads < 0) bad("threads must be >= 0 (0 = all cores), got " + std::to_string(threads));
    if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    Simd simd;
    try {
        // explicit simd= wins; 'auto' honours INFEMBED_TOPK_SIMD (bad or unsupported values raise here)
        simd = infembed::resolve_simd(infembed::parse_simd(simd_name), queries.shape(0));
    } catch (const std::invalid_argument& e) {
        bad(e.what());
    }
    if (!infembed::simd_supported(simd))
        bad("this CPU does not support simd='" + std::string(infembed::simd_name(simd)) +
            "': " + infembed::simd_unsupported_reason(simd));
    const float* qp = static_cast<const float*>(queries.data());
    for (int64_t i = 0; i < Q * d; ++i)
        if (!std::isfinite(qp[i]))
            bad("query row " + std::to_string(i / d) + " contains NaN or Inf; clean or drop it first");

    const int64_t kk = std::min(k, N);
    py::array_t<float> scores({Q, kk});
    py::array_t<int64_t> ids({Q, kk});
    float* sp = scores.mutable_data();
    int64_t* ip = ids.mutable_data();
    const void* cp = corpus.data();
    {
        py::gil_scoped_release release;  // compute without the GIL; exceptions propagate after re-acquire
        infembed::topk(qp, Q, d, cp, ctype, N, k, m, threads, simd, sp, ip);
    }
    return py::make_tuple(scores, ids);
}

}  // namespace

PYBIND11_MODULE(_topk, mod) {
    mod.doc() = "Exact top-k inner product / cosine search (CPU SIMD, multithreaded, GIL released).";
    mod.def("topk", &topk_py, py::arg("queries"), py::arg("corpus"), py::arg("k"), py::arg("metric") = "ip",
            py::arg("threads") = 1, py::arg("copy") = false, py::arg("simd") = "auto",
            R"doc(Exact top-k of queries against a corpus.

Args:
    queries: [Q, d] float32, C-contiguous (or copy=True).
    corpus:  [N, d] float32 or float16, C-contiguous; a np.memmap is read in place.
    k:       >= 1; k' = min(k, N) results per query.
    metric:  'ip' (inner product) or 'cos' (cosine; a zero vector scores 0).
    threads: worker threads (0 = all cores).
    copy:    accept non-contiguous inputs by copying them (default: refuse).
    simd:    'auto' | 'amx' | 'avx512bf16' | 'avx512' | 'avx2' | 'neon' | 'scalar' (for testing the dispatch
             paths). 'auto' uses AMX-BF16 tiles from 8 queries on where the CPU has them, else AVX512-BF16
             (VDPBF16PS) from 16 queries on, else AVX-512 / AVX2 / NEON / scalar; the environment variable
             INFEMBED_TOPK_SIMD=<level> overrides 'auto' (a level this CPU lacks raises ValueError).

Returns:
    (scores [Q, k'] float32, ids [Q, k'] int64), best first, ties broken by the lower id; the
    ids equal those of a float64 reference (fp32 scoring, fp64 rescoring of boundary candidates).

Example:
    >>> scores, ids = topk(np.eye(2, dtype=np.float32), np.eye(2, dtype=np.float32), k=1)
)doc");
    mod.def("simd_level", []() { return std::string(infembed::simd_name(infembed::best_simd())); },
            "The best SIMD level of this CPU: 'amx', 'avx512bf16', 'avx512', 'avx2', 'neon' or 'scalar' "
            "(INFEMBED_TOPK_SIMD not applied; see dispatch()).");
    mod.def(
        "dispatch",
        [](int64_t nq) {
            try {
                return std::string(infembed::simd_name(infembed::resolve_simd(Simd::AUTO, nq)));
            } catch (const std::invalid_argument& e) {
                bad(e.what());
            }
        },
        py::arg("nq") = 1,
        "The path simd='auto' runs for nq queries on this CPU, INFEMBED_TOPK_SIMD included "
        "(ValueError when that variable names a path this CPU lacks).");
    mod.def("unsupported_reason", [](const std::string& name) {
        return infembed::simd_unsupported_reason(infembed::parse_simd(name));
    }, "Why this CPU cannot run the named SIMD level ('' when it can).");
    mod.def("supported_simd", []() {
        py::list out;
        for (Simd s : {Simd::AMX, Simd::AVX512BF16, Simd::AVX512, Simd::AVX2, Simd::NEON, Simd::SCALAR})
            if (infembed::simd_supported(s)) out.append(infembed::simd_name(s));
        return out;
    });
}
