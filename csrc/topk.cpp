// Exact top-k on the CPU: blocked fp32 SIMD scoring (AVX-512 / AVX2+FMA+F16C / scalar, chosen at run
// time), per-query candidate buffers per worker, merge, and fp64 rescoring of the candidates.
// See topk.h for the exactness argument.
#include "topk.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define INFEMBED_X86 1
#endif

namespace infembed {
namespace {

constexpr int kTileQ = 4;  // queries per micro-tile
constexpr int kTileC = 4;  // corpus rows per micro-tile

struct Kernels {
    void (*tile_f32)(const float*, int64_t, int, const void*, int64_t, int, int64_t, float*);
    void (*tile_f16)(const float*, int64_t, int, const void*, int64_t, int, int64_t, float*);
    float (*sqnorm_f32)(const void*, int64_t);
    float (*sqnorm_f16)(const void*, int64_t);
};

// IEEE binary16 bits -> float (exact; subnormals, inf and NaN included).
inline float half_to_float(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    const uint32_t mant = h & 0x3ffu;
    uint32_t bits;
    if (exp == 0) {
        const float f = std::ldexp(static_cast<float>(mant), -24);  // zero or subnormal
        return sign ? -f : f;
    } else if (exp == 31) {
        bits = sign | 0x7f800000u | (mant << 13);
    } else {
        bits = sign | ((exp + 112u) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

// ---------------------------------------------------------------- scalar (any CPU)
namespace scalar {
using vf = float;
constexpr int W = 1;
inline vf vzero() { return 0.0f; }
inline vf vload(const float* p) { return *p; }
inline vf vload(const uint16_t* p) { return half_to_float(*p); }
inline vf vload_tail(const float* p, int) { return *p; }
inline vf vload_tail(const uint16_t* p, int) { return half_to_float(*p); }
inline vf vfma(vf a, vf b, vf c) { return a * b + c; }
inline float vhsum(vf v) { return v; }
#include "topk_kernels.inc"
}  // namespace scalar

#ifdef INFEMBED_X86
// ---------------------------------------------------------------- AVX2 + FMA + F16C
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
namespace avx2 {
using vf = __m256;
constexpr int W = 8;
inline vf vzero() { return _mm256_setzero_ps(); }
inline vf vload(const float* p) { return _mm256_loadu_ps(p); }
inline vf vload(const uint16_t* p) { return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }
inline vf vload_tail(const float* p, int n) {
    alignas(32) float buf[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::memcpy(buf, p, sizeof(float) * n);
    return _mm256_load_ps(buf);
}
inline vf vload_tail(const uint16_t* p, int n) {
    alignas(16) uint16_t buf[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::memcpy(buf, p, sizeof(uint16_t) * n);
    return _mm256_cvtph_ps(_mm_load_si128(reinterpret_cast<const __m128i*>(buf)));
}
inline vf vfma(vf a, vf b, vf c) { return _mm256_fmadd_ps(a, b, c); }
inline float vhsum(vf v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
#include "topk_kernels.inc"
}  // namespace avx2
#pragma GCC pop_options

// ---------------------------------------------------------------- AVX-512 (F + BW + VL)
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx2,fma,f16c")
namespace avx512 {
using vf = __m512;
constexpr int W = 16;
inline vf vzero() { return _mm512_setzero_ps(); }
inline vf vload(const float* p) { return _mm512_loadu_ps(p); }
inline vf vload(const uint16_t* p) { return _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))); }
inline vf vload_tail(const float* p, int n) { return _mm512_maskz_loadu_ps(static_cast<__mmask16>((1u << n) - 1u), p); }
inline vf vload_tail(const uint16_t* p, int n) {
    return _mm512_cvtph_ps(_mm256_maskz_loadu_epi16(static_cast<__mmask16>((1u << n) - 1u), p));
}
inline vf vfma(vf a, vf b, vf c) { return _mm512_fmadd_ps(a, b, c); }
inline float vhsum(vf v) { return _mm512_reduce_add_ps(v); }
#include "topk_kernels.inc"
}  // namespace avx512
#pragma GCC pop_options
#endif  // INFEMBED_X86

Kernels kernels_for(Simd s) {
#ifdef INFEMBED_X86
    if (s == Simd::AVX512) return avx512::kernels();
    if (s == Simd::AVX2) return avx2::kernels();
#endif
    return scalar::kernels();
}

// Run fn(i) for i in [0, n) on `threads` std::threads (work taken from an atomic counter).
// A worker's exception stops the others at their next item and is rethrown after join.
template <typename Fn>
void parallel_for(int64_t n, int threads, Fn&& fn) {
    threads = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(threads, n)));
    std::atomic<int64_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::atomic_flag error_taken = ATOMIC_FLAG_INIT;
    auto work = [&]() {
        try {
            for (int64_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) fn(i);
        } catch (...) {
            if (!error_taken.test_and_set()) error = std::current_exception();
            failed = true;
        }
    };
    if (threads == 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(threads - 1);
        for (int t = 0; t < threads - 1; ++t) pool.emplace_back(work);
        work();
        for (auto& th : pool) th.join();
    }
    if (error) std::rethrow_exception(error);
}

struct Cand {
    float s;
    int64_t id;
};

// One query's candidates inside one worker's corpus range: every row whose fp32 score may still
// belong to the exact top-k. `kth` is a lazily updated lower bound of the k-th best fp32 score.
struct CandBuffer {
    std::vector<Cand> c;
    float kth = -std::numeric_limits<float>::infinity();
    size_t cap = 0;

    // Keep rows with s >= (k-th best fp32 score) - slack; grow if near-ties keep it full.
    void prune(int64_t k, float slack) {
        if (static_cast<int64_t>(c.size()) < k) return;
        std::nth_element(c.begin(), c.begin() + (k - 1), c.end(),
                         [](const Cand& a, const Cand& b) { return a.s > b.s; });
        kth = c[k - 1].s;
        const float lo = kth - slack;
        c.erase(std::remove_if(c.begin(), c.end(), [lo](const Cand& x) { return x.s < lo; }), c.end());
        if (c.size() * 2 > cap) cap = c.size() * 2;
    }
};

inline float row_float(const void* corpus, CorpusType t, int64_t d, int64_t row, int64_t p) {
    return t == CorpusType::F32 ? static_cast<const float*>(corpus)[row * d + p]
                                : half_to_float(static_cast<const uint16_t*>(corpus)[row * d + p]);
}

}  // namespace

Simd best_simd() {
#ifdef INFEMBED_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c"))
        return Simd::AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c"))
        return Simd::AVX2;
#endif
    return Simd::SCALAR;
}

bool simd_supported(Simd s) {
    if (s == Simd::AUTO || s == Simd::SCALAR) return true;
    const Simd best = best_simd();
    if (s == Simd::AVX2) return best == Simd::AVX2 || best == Simd::AVX512;
    return best == Simd::AVX512;
}

const char* simd_name(Simd s) {
    switch (s) {
        case Simd::AVX512: return "avx512";
        case Simd::AVX2: return "avx2";
        case Simd::SCALAR: return "scalar";
        default: return "auto";
    }
}

void topk(const float* queries, int64_t Q, int64_t d, const void* corpus, CorpusType ctype, int64_t N,
          int64_t k, Metric metric, int threads, Simd simd, float* out_scores, int64_t* out_ids) {
    if (Q <= 0) return;
    if (N <= 0 || d <= 0 || k <= 0) throw std::invalid_argument("topk: N, d and k must be >= 1");
    if (simd == Simd::AUTO) simd = best_simd();
    if (!simd_supported(simd)) throw std::invalid_argument(std::string("this CPU does not support ") + simd_name(simd));
    const Kernels K = kernels_for(simd);
    auto tile_fn = ctype == CorpusType::F32 ? K.tile_f32 : K.tile_f16;
    auto sqnorm_fn = ctype == CorpusType::F32 ? K.sqnorm_f32 : K.sqnorm_f16;
    const size_t esize = ctype == CorpusType::F32 ? 4 : 2;
    const char* cbytes = static_cast<const char*>(corpus);
    const int64_t kk = std::min(k, N);
    threads = std::max(1, threads);

    // fp32 rounding-error bound per unit of |x||c| (see topk.h), with margin for the fp32 norms.
    const double u = std::ldexp(1.0, -24);
    const double nu = static_cast<double>(d + 16) * u;
    if (nu >= 0.1) throw std::invalid_argument("topk: dimension too large for the fp32 error bound");
    const double gamma = 1.05 * nu / (1.0 - nu);

    // Query norms in double; for cosine the fp32 pass scores unit queries.
    std::vector<double> qnorm(Q);
    std::vector<float> qhat;
    for (int64_t q = 0; q < Q; ++q) {
        double s = 0;
        for (int64_t p = 0; p < d; ++p) s += static_cast<double>(queries[q * d + p]) * queries[q * d + p];
        qnorm[q] = std::sqrt(s);
    }
    const float* qs = queries;
    if (metric == Metric::COS) {
        qhat.resize(static_cast<size_t>(Q * d));
        for (int64_t q = 0; q < Q; ++q)
            for (int64_t p = 0; p < d; ++p)
                qhat[q * d + p] = qnorm[q] > 0 ? static_cast<float>(queries[q * d + p] / qnorm[q]) : 0.0f;
        qs = qhat.data();
    }

    // Work grid: corpus split into cparts ranges (parallel even for Q = 1), queries into qparts.
    const int64_t cparts = std::max<int64_t>(1, std::min<int64_t>(threads, (N + 1023) / 1024));
    const int64_t qparts = std::max<int64_t>(1, std::min<int64_t>(threads / cparts, Q));
    const int64_t ntasks = cparts * qparts;
    // bufs[task][q - q0]; maxnorm[task] = largest fp32 row norm the task has seen.
    std::vector<std::vector<CandBuffer>> bufs(ntasks);
    std::vector<float> maxnorm(ntasks, 0.0f);

    auto slack_for = [&](int64_t q, float mnorm) -> float {
        // 2E: twice the worst fp32 error of any score seen so far for this query (+ underflow margin)
        const double e = metric == Metric::COS ? gamma * 1.5 : gamma * qnorm[q] * mnorm * (1.0 + gamma);
        return static_cast<float>(2.0 * e + 1e-30);
    };

    parallel_for(ntasks, threads, [&](int64_t task) {
        const int64_t qi = task / cparts, ci = task % cparts;
        const int64_t q0 = Q * qi / qparts, q1 = Q * (qi + 1) / qparts;
        const int64_t c0 = N * ci / cparts, c1 = N * (ci + 1) / cparts;
        std::vector<CandBuffer>& buf = bufs[task];
        buf.resize(q1 - q0);
        for (auto& b : buf) {
            b.cap = static_cast<size_t>(2 * kk + 64);
            b.c.reserve(b.cap);
        }
        std::vector<float> slack(q1 - q0);
        float mnorm = 0.0f;
        alignas(64) float tile[kTileQ * kTileC];
        float inv[kTileC];
        for (int64_t cb = c0; cb < c1; cb += kTileC) {
            const int nc = static_cast<int>(std::min<int64_t>(kTileC, c1 - cb));
            bool grew = false;
            for (int j = 0; j < nc; ++j) {
                const float sq = sqnorm_fn(cbytes + (cb + j) * d * esize, d);
                if (!std::isfinite(sq))
                    throw std::invalid_argument(
                        "corpus row " + std::to_string(cb + j) +
                        " contains NaN/Inf (or values so large that its squared norm overflows float32); "
                        "clean the embeddings, e.g. keep rows where np.isfinite(x).all(1)");
                const float nrm = std::sqrt(sq);
                inv[j] = nrm > 0 ? 1.0f / nrm : 0.0f;
                if (nrm > mnorm) {
                    mnorm = nrm;
                    grew = true;
                }
            }
            if (grew || cb == c0)
                for (int64_t q = q0; q < q1; ++q) slack[q - q0] = slack_for(q, mnorm);
            for (int64_t qb = q0; qb < q1; qb += kTileQ) {
                const int nq = static_cast<int>(std::min<int64_t>(kTileQ, q1 - qb));
                tile_fn(qs + qb * d, d, nq, cbytes + cb * d * esize, d, nc, d, tile);
                for (int i = 0; i < nq; ++i) {
                    CandBuffer& b = buf[qb + i - q0];
                    const float lo = b.kth - slack[qb + i - q0];
                    for (int j = 0; j < nc; ++j) {
                        float s = tile[i * kTileC + j];
                        if (metric == Metric::COS) s *= inv[j];
                        if (s >= lo) {
                            b.c.push_back({s, cb + j});
                            if (b.c.size() >= b.cap) b.prune(kk, slack[qb + i - q0]);
                        }
                    }
                }
            }
        }
        maxnorm[task] = mnorm;
    });

    float gmax = 0.0f;
    for (float m : maxnorm) gmax = std::max(gmax, m);

    // Merge the cparts buffers of each query, filter with the global k-th best, rescore in fp64.
    parallel_for(Q, threads, [&](int64_t q) {
        const int64_t qi = std::min<int64_t>(qparts - 1, (q * qparts) / Q);
        int64_t owner = qi;  // the query range [Q*qi/qparts, Q*(qi+1)/qparts) that holds q
        while (owner > 0 && q < Q * owner / qparts) --owner;
        while (owner < qparts - 1 && q >= Q * (owner + 1) / qparts) ++owner;
        const int64_t q0 = Q * owner / qparts;
        CandBuffer all;
        for (int64_t ci = 0; ci < cparts; ++ci) {
            auto& v = bufs[owner * cparts + ci][q - q0].c;
            all.c.insert(all.c.end(), v.begin(), v.end());
            std::vector<Cand>().swap(v);
        }
        all.prune(kk, slack_for(q, gmax));
        struct Exact {
            double s;
            int64_t id;
        };
        std::vector<Exact> ex;
        ex.reserve(all.c.size());
        for (const Cand& c : all.c) {
            double dot = 0, cn = 0;
            for (int64_t p = 0; p < d; ++p) {
                const double x = row_float(corpus, ctype, d, c.id, p);
                dot += static_cast<double>(queries[q * d + p]) * x;
                cn += x * x;
            }
            double s = dot;
            if (metric == Metric::COS) {
                const double den = qnorm[q] * std::sqrt(cn);
                s = den > 0 ? dot / den : 0.0;
            }
            ex.push_back({s, c.id});
        }
        auto better = [](const Exact& a, const Exact& b) { return a.s > b.s || (a.s == b.s && a.id < b.id); };
        if (static_cast<int64_t>(ex.size()) < kk) throw std::logic_error("topk: candidate set smaller than k");
        std::partial_sort(ex.begin(), ex.begin() + kk, ex.end(), better);
        for (int64_t j = 0; j < kk; ++j) {
            out_scores[q * kk + j] = static_cast<float>(ex[j].s);
            out_ids[q * kk + j] = ex[j].id;
        }
    });
}

}  // namespace infembed
