// Exact top-k on the CPU: blocked fp32 SIMD scoring (AVX-512 / AVX2+FMA+F16C / scalar, chosen at run
// time), per-query candidate buffers per worker, merge, and fp64 rescoring of the candidates.
// See topk.h for the exactness argument.
#include "topk.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define INFEMBED_X86 1
#endif
#if defined(__aarch64__)
#include <arm_neon.h>
#define INFEMBED_NEON 1
#endif
#if defined(__x86_64__) && defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#define INFEMBED_AMX 1
#endif

// Per-ISA code regions: GCC takes `#pragma GCC target`, clang an attribute applied to every function
// of the region (it ignores the GCC pragma). Both compile the rest of the file for the baseline ISA.
#define INFEMBED_PRAGMA(x) _Pragma(#x)
#if defined(__clang__)
#define INFEMBED_TARGET_BEGIN(isa) \
    INFEMBED_PRAGMA(clang attribute push(__attribute__((target(isa))), apply_to = function))
#define INFEMBED_TARGET_END INFEMBED_PRAGMA(clang attribute pop)
#else
#define INFEMBED_TARGET_BEGIN(isa) INFEMBED_PRAGMA(GCC push_options) INFEMBED_PRAGMA(GCC target(isa))
#define INFEMBED_TARGET_END INFEMBED_PRAGMA(GCC pop_options)
#endif

namespace infembed {
namespace {

constexpr int kTileQ = 4;  // queries per micro-tile
constexpr int kTileC = 4;  // corpus rows per micro-tile
constexpr int64_t kAmxMinQueries = 8;  // auto picks AMX tiles from this many queries on
// auto picks AVX512-BF16 (no AMX) from this many queries on: on the 2-core Xeon (AMX forced off) it
// was at parity with the fp32 AVX-512 scan at Q = 16 and ahead from Q = 32; below, both are bound by
// reading the corpus and the bf16 packing only adds work.
constexpr int64_t kDpMinQueries = 16;
constexpr float kTinySqNorm = 0x1p-60f;  // cosine rows with |c| < 2^-30 are scored in fp64

struct Kernels {
    void (*tile_f32)(const float*, int64_t, int, const void*, int64_t, int, int64_t, float*, float*);
    void (*tile_f16)(const float*, int64_t, int, const void*, int64_t, int, int64_t, float*, float*);
    float (*sqnorm_f16)(const void*, int64_t);
    void (*dot64_f32)(const float*, const void*, int64_t, double*, double*);
    void (*dot64_f16)(const float*, const void*, int64_t, double*, double*);
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

inline float to_float(float x) { return x; }
inline float to_float(uint16_t h) { return half_to_float(h); }

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
using vd = double;
constexpr int WD = 1;
inline vd vdzero() { return 0.0; }
inline vd vdload(const float* p) { return *p; }
inline vd vdload(const uint16_t* p) { return half_to_float(*p); }
inline vd vdfma(vd a, vd b, vd c) { return a * b + c; }
inline double vdhsum(vd v) { return v; }
#include "topk_kernels.inc"
}  // namespace scalar

#ifdef INFEMBED_X86
// ---------------------------------------------------------------- AVX2 + FMA + F16C
INFEMBED_TARGET_BEGIN("avx2,fma,f16c")
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
using vd = __m256d;
constexpr int WD = 4;
inline vd vdzero() { return _mm256_setzero_pd(); }
inline vd vdload(const float* p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }
inline vd vdload(const uint16_t* p) {
    return _mm256_cvtps_pd(_mm_cvtph_ps(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))));
}
inline vd vdfma(vd a, vd b, vd c) { return _mm256_fmadd_pd(a, b, c); }
inline double vdhsum(vd v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}
#include "topk_kernels.inc"
}  // namespace avx2
INFEMBED_TARGET_END

// ---------------------------------------------------------------- AVX-512 (F + BW + VL)
INFEMBED_TARGET_BEGIN("avx512f,avx512bw,avx512vl,avx2,fma,f16c")
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
using vd = __m512d;
constexpr int WD = 8;
inline vd vdzero() { return _mm512_setzero_pd(); }
inline vd vdload(const float* p) { return _mm512_cvtps_pd(_mm256_loadu_ps(p)); }
inline vd vdload(const uint16_t* p) {
    return _mm512_cvtps_pd(_mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
}
inline vd vdfma(vd a, vd b, vd c) { return _mm512_fmadd_pd(a, b, c); }
inline double vdhsum(vd v) { return _mm512_reduce_add_pd(v); }
#include "topk_kernels.inc"
}  // namespace avx512
INFEMBED_TARGET_END

// ---------------------------------------------------------------- AVX512-BF16 dot products (Zen 4/5, Cooper Lake)
// Candidate scoring for many queries on CPUs with VDPBF16PS but no usable AMX tiles. Corpus blocks of
// kRows rows are rounded to bf16 once and stored as kPanels panels of 16 rows in "VNNI" order (for
// each pair t of dimensions (2t, 2t+1): the 16 rows' bf16 pairs, one 32-bit lane each). A micro-kernel
// keeps NQ x kPanels accumulators in zmm registers; per pair step it loads kPanels corpus vectors and,
// per query, broadcasts that query's bf16 pair from memory: one VDPBF16PS = 16 rows x 2 dims, i.e.
// 32 multiply-adds, and no horizontal sums (lane r of accumulator (i, p) is the score of query i
// against row 16 p + r).
//
// Rounding bound of this kernel (why the fp32 bound gamma_d is NOT enough, and what is):
// VDPBF16PS (Intel SDM; AMD Zen 4/5 implement the same instruction) does, per fp32 lane j,
//     acc_j <- acc_j + a[2j+1] * b[2j+1];  acc_j <- acc_j + a[2j] * b[2j]
// each step an fp32 FMA, round to nearest even, bf16 input denormals treated as zero, fp32 output
// denormals flushed to zero. Here lane j of one accumulator is one (query, row) score that starts at 0
// and takes the d products xh_t * ch_t of one dot product, two per instruction (zero padding adds 0).
//  (1) Operands: xh_t = x_t (1 + a_t), ch_t = c_t (1 + b_t), |a_t|, |b_t| <= ub = 2^-8 (VCVTNE2PS2BF16
//      rounds to nearest even into an 8-bit significand), so |xh_t ch_t - x_t c_t| <= (2 ub + ub^2)|x_t c_t|
//      and, by Cauchy-Schwarz, sum_t |xh_t ch_t - x_t c_t| <= (2 ub + ub^2) |x| |c|.
//  (2) Products: bf16 x bf16 has <= 16 significant bits, so xh_t ch_t is exact in fp32 (below 2^-126
//      see (4)); only the additions round.
//  (3) Accumulation: d exact terms added with one rounding each, so every term passes through at most
//      d roundings and |fl(sum) - sum| <= gamma_d sum_t |xh_t ch_t|, gamma_d = d u / (1 - d u) (Higham,
//      Accuracy and Stability of Numerical Algorithms, ch. 4: any order and grouping). The same bound
//      covers an implementation that adds the two products of a pair first or fuses them into one
//      rounding (fewer roundings per term). We evaluate gamma_d with u = 2^-23 instead of 2^-24 so it
//      still holds if a CPU truncated instead of rounding to nearest (|delta| < 2^-23); the total
//      bound moves from 0.7853% to 0.7858% for d = 768. And sum_t |xh_t ch_t| <= |xh||ch| <= (1 + ub)^2 |x||c|.
//  Total: |score - x.c| <= [(2 ub + ub^2) + gamma_d (1 + ub)^2] |x||c| = [(2 ub + ub^2)(1 + gamma_d) + gamma_d] |x||c|
//  -- the AMX formula (TDPBF16PS: same operand rounding, fp32 accumulation), with gamma_d at u = 2^-23.
//  (4) Denormals (DAZ/FTZ) lose at most (|x_t| + |c_t| + 2) 2^-126 per term, as for AMX (`flush`).
// The plain fp32 bound gamma_d (about 4.6e-5 for d = 768) misses (1), about 2^-7 = 0.78%, so it would
// drop true top-k rows (checked by hand: with gamma_d as the avx512bf16 bound, tests/test_topk.py's
// near-tie and fp64-reference cases and csrc/topk_selftest.cpp fail).
INFEMBED_TARGET_BEGIN("avx512f,avx512bw,avx512vl,avx512dq,avx512bf16,avx2,fma,f16c")
namespace bf16dp {
constexpr int kPanels = 2;             // 16-row panels per corpus block
constexpr int kRows = 16 * kPanels;    // corpus rows per block
constexpr int kQ = 12;                 // queries per micro-kernel call (kQ x kPanels accumulators)

inline __m512 load16(const float* p, __mmask16 m) { return _mm512_maskz_loadu_ps(m, p); }
inline __m512 load16(const uint16_t* p, __mmask16 m) { return _mm512_cvtph_ps(_mm256_maskz_loadu_epi16(m, p)); }
inline __mmask16 lanes(int64_t n) { return n >= 16 ? 0xffff : n <= 0 ? 0 : static_cast<__mmask16>((1u << n) - 1u); }

// 32 values -> 16 bf16 pairs (element 2t in the low half of lane t), round to nearest even.
inline __m512i pairs(__m512 lo, __m512 hi) { return reinterpret_cast<__m512i>(_mm512_cvtne2ps_pbh(hi, lo)); }

// In-register transpose of a 16 x 16 matrix of 32-bit lanes: v[r][k] -> v[k][r].
inline void transpose16(__m512i* v) {
    __m512i t[16], u[16];
    for (int i = 0; i < 8; ++i) {
        t[2 * i] = _mm512_unpacklo_epi32(v[2 * i], v[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_epi32(v[2 * i], v[2 * i + 1]);
    }
    for (int g = 0; g < 16; g += 4) {  // u[g + e], 128-bit lane L: element 4 L + e of rows g .. g + 3
        u[g] = _mm512_unpacklo_epi64(t[g], t[g + 2]);
        u[g + 1] = _mm512_unpackhi_epi64(t[g], t[g + 2]);
        u[g + 2] = _mm512_unpacklo_epi64(t[g + 1], t[g + 3]);
        u[g + 3] = _mm512_unpackhi_epi64(t[g + 1], t[g + 3]);
    }
    for (int e = 0; e < 4; ++e) {
        const __m512i a = _mm512_shuffle_i32x4(u[e], u[4 + e], 0x88), b = _mm512_shuffle_i32x4(u[e], u[4 + e], 0xdd);
        const __m512i c = _mm512_shuffle_i32x4(u[8 + e], u[12 + e], 0x88), d = _mm512_shuffle_i32x4(u[8 + e], u[12 + e], 0xdd);
        v[e] = _mm512_shuffle_i32x4(a, c, 0x88);
        v[4 + e] = _mm512_shuffle_i32x4(b, d, 0x88);
        v[8 + e] = _mm512_shuffle_i32x4(a, c, 0xdd);
        v[12 + e] = _mm512_shuffle_i32x4(b, d, 0xdd);
    }
}

// dst[t][p][r] = bf16 pair t of row 16 p + r (zero for rows >= n and dimensions >= d), sq[r] = fp32 |c_r|^2.
//   c: [n, d] fp32 or fp16 bits, n <= kRows    dst: [np2, kPanels, 16] uint32, 64-byte aligned
//   np2: pairs per row, a multiple of 16 (d rounded up to 32, halved)
template <typename T>
void pack_rows(const T* c, int n, int64_t d, int64_t np2, uint32_t* dst, float* sq) {
    for (int pnl = 0; pnl < kPanels; ++pnl) {
        const int r0 = pnl * 16, nr = std::max(0, std::min(16, n - r0));
        __m512 sqv[16];
        for (int r = 0; r < 16; ++r) sqv[r] = _mm512_setzero_ps();
        for (int64_t p = 0; p < 2 * np2; p += 32) {
            const __mmask16 mlo = lanes(d - p), mhi = lanes(d - p - 16);
            __m512i v[16];
            for (int r = 0; r < 16; ++r) {
                if (r < nr) {
                    const T* row = c + (r0 + r) * d + p;
                    const __m512 lo = load16(row, mlo), hi = load16(row + 16, mhi);
                    sqv[r] = _mm512_fmadd_ps(hi, hi, _mm512_fmadd_ps(lo, lo, sqv[r]));
                    v[r] = pairs(lo, hi);
                } else {
                    v[r] = _mm512_setzero_si512();
                }
            }
            transpose16(v);
            uint32_t* out = dst + (p / 2 * kPanels + pnl) * 16;
            for (int k = 0; k < 16; ++k) _mm512_store_si512(out + k * kPanels * 16, v[k]);
        }
        for (int r = 0; r < nr; ++r) sq[r0 + r] = _mm512_reduce_add_ps(sqv[r]);
    }
}

// out[i][t] = bf16 pair t of query i (zero beyond d).  q: [nq, d] fp32    out: [nq, np2] uint32
void pack_queries(const float* q, int64_t nq, int64_t d, int64_t np2, std::vector<uint32_t>& out) {
    out.assign(static_cast<size_t>(nq * np2), 0u);
    for (int64_t i = 0; i < nq; ++i)
        for (int64_t p = 0; p < 2 * np2; p += 32) {
            const float* row = q + i * d + p;
            _mm512_storeu_si512(out.data() + i * np2 + p / 2,
                                pairs(load16(row, lanes(d - p)), load16(row + 16, lanes(d - p - 16))));
        }
}

// Scores of one corpus block against NQ queries, scaled per row, and the lanes that reach the bar:
//   out[i * kRows + r] = scale[r] * <q_i, c_r>;  bit r of masks[i] set iff out[i * kRows + r] >= lo[i]
//   blk: pack_rows output    q: NQ packed queries, stride qs uint32    scale: [kRows] (NaN = skip)
template <int NQ>
void score(const uint32_t* blk, int64_t np2, const uint32_t* q, int64_t qs, const float* scale, const float* lo,
           float* out, uint64_t* masks) {
    __m512 acc[NQ][kPanels];
    for (int i = 0; i < NQ; ++i)
        for (int j = 0; j < kPanels; ++j) acc[i][j] = _mm512_setzero_ps();
    for (int64_t t = 0; t < np2; ++t) {
        __m512bh cv[kPanels];
        for (int j = 0; j < kPanels; ++j)
            cv[j] = reinterpret_cast<__m512bh>(_mm512_load_si512(blk + (t * kPanels + j) * 16));
        for (int i = 0; i < NQ; ++i) {
            const __m512bh qv = reinterpret_cast<__m512bh>(_mm512_set1_epi32(static_cast<int>(q[i * qs + t])));
            for (int j = 0; j < kPanels; ++j) acc[i][j] = _mm512_dpbf16_ps(acc[i][j], cv[j], qv);
        }
    }
    for (int i = 0; i < NQ; ++i) {
        const __m512 bar = _mm512_set1_ps(lo[i]);
        uint64_t m = 0;
        for (int j = 0; j < kPanels; ++j) {
            const __m512 s = _mm512_mul_ps(acc[i][j], _mm512_loadu_ps(scale + 16 * j));
            _mm512_storeu_ps(out + i * kRows + 16 * j, s);
            m |= static_cast<uint64_t>(_mm512_cmp_ps_mask(s, bar, _CMP_GE_OQ)) << (16 * j);
        }
        masks[i] = m;
    }
}

using ScoreFn = void (*)(const uint32_t*, int64_t, const uint32_t*, int64_t, const float*, const float*, float*,
                         uint64_t*);
template <int... I>
constexpr std::array<ScoreFn, sizeof...(I)> score_table(std::integer_sequence<int, I...>) {
    return {score<I + 1>...};
}
// score_fns[nq - 1] scores nq queries, 1 <= nq <= kQ.
constexpr std::array<ScoreFn, kQ> score_fns = score_table(std::make_integer_sequence<int, kQ>{});
}  // namespace bf16dp
INFEMBED_TARGET_END
#endif  // INFEMBED_X86

#ifdef INFEMBED_NEON
// ---------------------------------------------------------------- NEON (AArch64: always present)
namespace neon {
using vf = float32x4_t;
constexpr int W = 4;
inline vf vzero() { return vdupq_n_f32(0.0f); }
inline vf vload(const float* p) { return vld1q_f32(p); }
inline vf vload(const uint16_t* p) { return vcvt_f32_f16(vreinterpret_f16_u16(vld1_u16(p))); }
inline vf vload_tail(const float* p, int n) {
    float buf[4] = {0, 0, 0, 0};
    std::memcpy(buf, p, sizeof(float) * n);
    return vld1q_f32(buf);
}
inline vf vload_tail(const uint16_t* p, int n) {
    uint16_t buf[4] = {0, 0, 0, 0};
    std::memcpy(buf, p, sizeof(uint16_t) * n);
    return vload(buf);
}
inline vf vfma(vf a, vf b, vf c) { return vfmaq_f32(c, a, b); }
inline float vhsum(vf v) { return vaddvq_f32(v); }
using vd = float64x2_t;
constexpr int WD = 2;
inline vd vdzero() { return vdupq_n_f64(0.0); }
inline vd vdload(const float* p) { return vcvt_f64_f32(vld1_f32(p)); }
inline vd vdload(const uint16_t* p) {
    const float two[2] = {half_to_float(p[0]), half_to_float(p[1])};  // exactly WD halves: no over-read
    return vcvt_f64_f32(vld1_f32(two));
}
inline vd vdfma(vd a, vd b, vd c) { return vfmaq_f64(c, a, b); }
inline double vdhsum(vd v) { return vaddvq_f64(v); }
#include "topk_kernels.inc"
}  // namespace neon
#endif  // INFEMBED_NEON

#ifdef INFEMBED_AMX
// ---------------------------------------------------------------- AMX-BF16 tiles (Sapphire Rapids and later)
// Candidate scoring for many queries at once: corpus rows and queries rounded to bf16, products
// accumulated in fp32 by the tile unit (TDPBF16PS), ~8x the FMA rate of AVX-512. The rounding error
// is bounded (see kAmxGamma in topk()), so the candidate buffers and the fp64 rescoring keep the
// result exact, exactly as for the fp32 paths.
INFEMBED_TARGET_BEGIN("avx512f,avx512bw,avx512vl,avx512bf16,amx-tile,amx-bf16,avx2,fma,f16c")
namespace amx {
constexpr int kRows = 32;     // corpus rows per block: two 16-row A tiles
constexpr int kCols = 32;     // queries per block: two 16-column B tiles
constexpr int kDepth = 32;    // bf16 elements of d per tile step (one 64-byte tile row)
constexpr int kTileElems = 512;  // bf16 elements in one 16 x 64-byte tile

struct alignas(64) TileConfig {
    uint8_t palette;
    uint8_t start_row;
    uint8_t reserved[14];
    uint16_t colsb[16];
    uint8_t rows[16];
};

// Tiles 0-3: C (16 x 16 fp32); 4-5: A (16 corpus rows x 32 bf16); 6-7: B (16 pairs x 16 queries).
// The configuration is per thread: every worker loads it before its first tile instruction.
inline void configure() {
    TileConfig cfg;
    std::memset(&cfg, 0, sizeof cfg);
    cfg.palette = 1;
    for (int t = 0; t < 8; ++t) {
        cfg.rows[t] = 16;
        cfg.colsb[t] = 64;
    }
    // GCC's _tile_loadconfig tells the optimiser it reads only 8 bytes, which lets it drop the
    // stores above; the barrier keeps them.
    __asm__ __volatile__("" : : "r"(&cfg) : "memory");
    _tile_loadconfig(&cfg);
}

inline void release() { _tile_release(); }

// 16 floats -> 16 bf16, round to nearest even (denormals flush to zero: covered by the bound).
inline void store_bf16(uint16_t* dst, __m512 v) {
    const __m256bh b = _mm512_cvtneps_pbh(v);
    std::memcpy(dst, &b, 32);
}

inline __m512 load16(const float* p, __mmask16 m) { return _mm512_maskz_loadu_ps(m, p); }
inline __m512 load16(const uint16_t* p, __mmask16 m) { return _mm512_cvtph_ps(_mm256_maskz_loadu_epi16(m, p)); }

// dst[r, :] = bf16(corpus row r) zero-padded to dp columns for r < n, zero rows up to kRows;
// sq[r] = fp32 squared norm of row r (read once for both).
//   c: [n, d] fp32 or fp16 bits    dst: [kRows, dp] bf16 bits    sq: [kRows]
template <typename T>
void convert_rows(const T* c, int n, int64_t d, int64_t dp, uint16_t* dst, float* sq) {
    for (int r = 0; r < n; ++r) {
        const T* row = c + r * d;
        uint16_t* out = dst + r * dp;
        __m512 acc = _mm512_setzero_ps();
        int64_t p = 0;
        for (; p + 16 <= d; p += 16) {
            const __m512 v = load16(row + p, 0xffff);
            acc = _mm512_fmadd_ps(v, v, acc);
            store_bf16(out + p, v);
        }
        if (p < d) {  // tail lanes load as zeros, so the 16 stored values are zero-padded
            const __m512 v = load16(row + p, static_cast<__mmask16>((1u << (d - p)) - 1u));
            acc = _mm512_fmadd_ps(v, v, acc);
            store_bf16(out + p, v);
            p += 16;
        }
        if (p < dp) std::memset(out + p, 0, sizeof(uint16_t) * (dp - p));
        sq[r] = _mm512_reduce_add_ps(acc);
    }
    if (n < kRows) std::memset(dst + n * dp, 0, sizeof(uint16_t) * (kRows - n) * dp);
}

// Pack queries [nq, d] fp32 into B tiles: tile (t, kc) holds, for query t*16 + j and pair i,
// bf16(x[2i], x[2i+1]) of dims kc*32 + 2i + {0, 1} at element i*32 + 2j + {0, 1} (VNNI order).
//   out: [ceil(nq / 16), dp / 32, 512] bf16 bits, zero outside [nq, d]
void pack_queries(const float* q, int64_t nq, int64_t d, int64_t dp, std::vector<uint16_t>& out) {
    const int64_t qt = (nq + 15) / 16, kt = dp / kDepth;
    out.assign(static_cast<size_t>(qt * kt * kTileElems), 0);
    std::vector<float> row(static_cast<size_t>(dp));
    std::vector<uint16_t> b(static_cast<size_t>(dp));
    for (int64_t i = 0; i < nq; ++i) {
        std::fill(row.begin(), row.end(), 0.0f);
        std::memcpy(row.data(), q + i * d, sizeof(float) * d);
        for (int64_t p = 0; p < dp; p += 16) store_bf16(b.data() + p, _mm512_loadu_ps(row.data() + p));
        const int64_t t = i / 16, j = i % 16;
        for (int64_t kc = 0; kc < kt; ++kc) {
            uint16_t* tile = out.data() + (t * kt + kc) * kTileElems;
            for (int pair = 0; pair < 16; ++pair) {
                tile[pair * 32 + 2 * j] = b[kc * kDepth + 2 * pair];
                tile[pair * 32 + 2 * j + 1] = b[kc * kDepth + 2 * pair + 1];
            }
        }
    }
}

// out[r * kCols + j] = <c_r, q_j> for a 32-row bf16 block and NB * 16 packed queries.
//   cblk: [kRows, dp] bf16    qtiles: NB consecutive query tiles, each [dp / 32, 512]    out: [kRows, kCols]
template <int NB>
void score_block(const uint16_t* cblk, int64_t dp, const uint16_t* qtiles, float* out) {
    const int64_t kt = dp / kDepth, stride = dp * 2;
    _tile_zero(0);
    _tile_zero(1);
    if (NB == 2) {
        _tile_zero(2);
        _tile_zero(3);
    }
    for (int64_t kc = 0; kc < kt; ++kc) {
        _tile_loadd(4, cblk + kc * kDepth, stride);
        _tile_loadd(5, cblk + 16 * dp + kc * kDepth, stride);
        _tile_loadd(6, qtiles + kc * kTileElems, 64);
        _tile_dpbf16ps(0, 4, 6);
        _tile_dpbf16ps(1, 5, 6);
        if (NB == 2) {
            _tile_loadd(7, qtiles + (kt + kc) * kTileElems, 64);
            _tile_dpbf16ps(2, 4, 7);
            _tile_dpbf16ps(3, 5, 7);
        }
    }
    _tile_stored(0, out, kCols * 4);
    _tile_stored(1, out + 16 * kCols, kCols * 4);
    if (NB == 2) {
        _tile_stored(2, out + 16, kCols * 4);
        _tile_stored(3, out + 16 * kCols + 16, kCols * 4);
    }
}

// Lanes j of one block row with score * scale >= lo[j] (lo = +inf on padded lanes).
inline uint32_t passing(const float* scores, float scale, const float* lo, bool two) {
    const __m512 s = _mm512_set1_ps(scale);
    uint32_t m = _mm512_cmp_ps_mask(_mm512_mul_ps(_mm512_load_ps(scores), s), _mm512_loadu_ps(lo), _CMP_GE_OQ);
    if (two)
        m |= static_cast<uint32_t>(_mm512_cmp_ps_mask(_mm512_mul_ps(_mm512_load_ps(scores + 16), s),
                                                      _mm512_loadu_ps(lo + 16), _CMP_GE_OQ))
             << 16;
    return m;
}
}  // namespace amx
INFEMBED_TARGET_END

// CPUID + the Linux permission for tile data (arch_prctl ARCH_REQ_XCOMP_PERM, once per process).
bool amx_usable() {
    static const bool ok = [] {
        unsigned a, b, c, d;
        if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
        const bool tile = (d >> 24) & 1u, bf16 = (d >> 22) & 1u;
        if (!__get_cpuid_count(7, 1, &a, &b, &c, &d)) return false;
        const bool avx512bf16 = (a >> 5) & 1u;
        if (!(tile && bf16 && avx512bf16)) return false;
        constexpr long kReqXcompPerm = 0x1023, kXfeatureXtiledata = 18;
        return syscall(SYS_arch_prctl, kReqXcompPerm, kXfeatureXtiledata) == 0;
    }();
    return ok;
}
#endif  // INFEMBED_AMX

Kernels kernels_for(Simd s) {
#ifdef INFEMBED_X86
    if (s == Simd::AVX512 || s == Simd::AVX512BF16 || s == Simd::AMX) return avx512::kernels();
    if (s == Simd::AVX2) return avx2::kernels();
#endif
#ifdef INFEMBED_NEON
    if (s == Simd::NEON) return neon::kernels();
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


}  // namespace

#ifdef INFEMBED_X86
namespace {
// What the CPU has and the OS saves on context switches (CPUID + XGETBV), read directly: it works
// the same under GCC and clang and on any libc, unlike __builtin_cpu_supports.
struct X86Features {
    bool avx2 = false, avx512 = false, avx512bf16 = false;
};

X86Features x86_features() {
    X86Features f;
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
    const bool osxsave = (c >> 27) & 1u, avx = (c >> 28) & 1u, fma = (c >> 12) & 1u, f16c = (c >> 29) & 1u;
    if (!(osxsave && avx && fma && f16c)) return f;
    unsigned xlo, xhi;
    __asm__ __volatile__("xgetbv" : "=a"(xlo), "=d"(xhi) : "c"(0));
    const bool ymm_state = (xlo & 0x6u) == 0x6u, zmm_state = (xlo & 0xe6u) == 0xe6u;
    if (!ymm_state || !__get_cpuid_count(7, 0, &a, &b, &c, &d)) return f;
    f.avx2 = (b >> 5) & 1u;
    f.avx512 = f.avx2 && zmm_state && ((b >> 16) & 1u) && ((b >> 30) & 1u) && ((b >> 31) & 1u);  // F, BW, VL
    const bool dq = (b >> 17) & 1u;
    if (f.avx512 && dq && __get_cpuid_count(7, 1, &a, &b, &c, &d)) f.avx512bf16 = (a >> 5) & 1u;  // VDPBF16PS
    return f;
}
}  // namespace
#endif

#ifdef INFEMBED_X86
namespace {
const X86Features& features() {
    static const X86Features f = x86_features();
    return f;
}
}  // namespace
#endif

Simd best_simd() {
#ifdef INFEMBED_X86
    const X86Features& f = features();
#ifdef INFEMBED_AMX
    if (f.avx512 && amx_usable()) return Simd::AMX;
#endif
    if (f.avx512bf16) return Simd::AVX512BF16;  // no AMX, or the OS refused its tile state
    if (f.avx512) return Simd::AVX512;
    if (f.avx2) return Simd::AVX2;
#endif
#ifdef INFEMBED_NEON
    return Simd::NEON;  // Advanced SIMD is part of every AArch64 CPU
#endif
    return Simd::SCALAR;
}

std::string simd_unsupported_reason(Simd s) {
    if (s == Simd::AUTO || s == Simd::SCALAR) return "";
#ifdef INFEMBED_X86
    const X86Features& f = features();
    switch (s) {
        case Simd::NEON: return "NEON is an AArch64 instruction set and this is an x86-64 CPU";
        case Simd::AVX2: return f.avx2 ? "" : "the CPU (or the OS) lacks AVX2+FMA+F16C";
        case Simd::AVX512: return f.avx512 ? "" : "the CPU (or the OS) lacks AVX-512 F/BW/VL";
        case Simd::AVX512BF16: return f.avx512bf16 ? "" : "the CPU (or the OS) lacks AVX512-BF16 (VDPBF16PS)";
        case Simd::AMX: {
#ifdef INFEMBED_AMX
            if (f.avx512 && amx_usable()) return "";
            unsigned a, b, c, d;
            const bool tiles = __get_cpuid_count(7, 0, &a, &b, &c, &d) && ((d >> 24) & 1u) && ((d >> 22) & 1u);
            if (!tiles || !f.avx512bf16 || !f.avx512) return "the CPU lacks AMX-BF16 tiles (or AVX-512/AVX512-BF16)";
            return "the OS refused AMX tile state (arch_prctl ARCH_REQ_XCOMP_PERM; needs Linux >= 5.16)";
#else
            return "the AMX path is built only for Linux on x86-64";
#endif
        }
        default: return "";
    }
#else
    if (s == Simd::NEON) return best_simd() == Simd::NEON ? "" : "this build has no NEON path";
    return std::string(simd_name(s)) + " is an x86-64 instruction set and this CPU is not x86-64";
#endif
}

bool simd_supported(Simd s) { return simd_unsupported_reason(s).empty(); }

const char* simd_name(Simd s) {
    switch (s) {
        case Simd::AMX: return "amx";
        case Simd::AVX512BF16: return "avx512bf16";
        case Simd::NEON: return "neon";
        case Simd::AVX512: return "avx512";
        case Simd::AVX2: return "avx2";
        case Simd::SCALAR: return "scalar";
        default: return "auto";
    }
}

Simd parse_simd(const std::string& name) {
    for (Simd s : {Simd::AUTO, Simd::SCALAR, Simd::AVX2, Simd::AVX512, Simd::AVX512BF16, Simd::AMX, Simd::NEON})
        if (name == simd_name(s)) return s;
    throw std::invalid_argument("simd must be 'auto', 'amx', 'avx512bf16', 'avx512', 'avx2', 'neon' or 'scalar', got '" +
                                name + "'");
}

Simd resolve_simd(Simd requested, int64_t Q) {
    if (requested != Simd::AUTO) return requested;
    if (const char* env = std::getenv("INFEMBED_TOPK_SIMD")) {
        std::string v;
        for (const char* p = env; *p; ++p)
            if (*p != ' ' && *p != '\t') v += static_cast<char>(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        if (!v.empty() && v != "auto") {
            Simd s;
            try {
                s = parse_simd(v);
            } catch (const std::invalid_argument&) {
                throw std::invalid_argument("INFEMBED_TOPK_SIMD='" + std::string(env) +
                                            "': expected auto, scalar, avx2, avx512, avx512bf16, amx or neon (or unset)");
            }
            const std::string why = simd_unsupported_reason(s);
            if (!why.empty())
                throw std::invalid_argument("INFEMBED_TOPK_SIMD=" + v + " forces a path this CPU cannot run: " + why +
                                            "; unset it to let the scorer choose");
            return s;
        }
    }
    Simd s = best_simd();
    // A bf16 block step serves many queries; with few queries the scan is bound by reading the corpus,
    // which the fp32 SIMD path already does at near streaming bandwidth.
    if (s == Simd::AMX && Q < kAmxMinQueries) s = Simd::AVX512;
    if (s == Simd::AVX512BF16 && Q < kDpMinQueries) s = Simd::AVX512;
    return s;
}

void topk(const float* queries, int64_t Q, int64_t d, const void* corpus, CorpusType ctype, int64_t N,
          int64_t k, Metric metric, int threads, Simd simd, float* out_scores, int64_t* out_ids) {
    if (Q <= 0) return;
    if (N <= 0 || d <= 0 || k <= 0) throw std::invalid_argument("topk: N, d and k must be >= 1");
    simd = resolve_simd(simd, Q);
    if (!simd_supported(simd))
        throw std::invalid_argument(std::string("this CPU does not support ") + simd_name(simd) + ": " +
                                    simd_unsupported_reason(simd));
    const bool use_amx = simd == Simd::AMX, use_dp = simd == Simd::AVX512BF16;
    const Kernels K = kernels_for(simd);
    auto tile_fn = ctype == CorpusType::F32 ? K.tile_f32 : K.tile_f16;
    auto dot64_fn = ctype == CorpusType::F32 ? K.dot64_f32 : K.dot64_f16;
    const size_t esize = ctype == CorpusType::F32 ? 4 : 2;
    const char* cbytes = static_cast<const char*>(corpus);
    const int64_t kk = std::min(k, N);
    threads = std::max(1, threads);

    // Rounding-error bound per unit of |x||c| (see topk.h), with margin for the fp32 norms.
    // fp32 SIMD: gamma_d. AMX: both operands rounded to bf16 (relative error <= 2^-8 each, products
    // exact in fp32), then d fp32 additions: (2 ub + ub^2)(1 + gamma_d) + gamma_d. AVX512-BF16
    // (VDPBF16PS): the same formula with gamma_d taken at u = 2^-23 (derivation above namespace bf16dp).
    const double u = std::ldexp(1.0, -24);
    const double nu = static_cast<double>(d + 16) * u;
    if (nu >= 0.1) throw std::invalid_argument("topk: dimension too large for the fp32 error bound");
    const double gamma32 = 1.05 * nu / (1.0 - nu);
    const double gamma_dp = 1.05 * (2 * nu) / (1.0 - 2 * nu);  // u = 2^-23
    const double ub = std::ldexp(1.0, -8);
    const double gamma = use_amx  ? 1.05 * ((2 * ub + ub * ub) * (1 + gamma32) + gamma32)
                         : use_dp ? 1.05 * ((2 * ub + ub * ub) * (1 + gamma_dp) + gamma_dp)
                                  : gamma32;
    // AMX and VDPBF16PS flush bf16 denormal inputs and fp32 denormal products/sums to zero: each of
    // the d terms can lose up to (|x_i| + |c_i| + 2) * 2^-126 in absolute value.
    const double flush = use_amx || use_dp ? static_cast<double>(d) * std::ldexp(1.0, -124) : 0.0;

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
        // 2E: twice the worst error of any score seen so far for this query (+ underflow margin)
        // cosine: unit query, rows of norm >= 2^-30 (smaller ones are scored exactly, see score_tiny_row)
        const double qn = qnorm[q];
        const double e = metric == Metric::COS ? gamma * 1.5 + flush * std::ldexp(1.0, 32)
                                               : gamma * qn * mnorm * (1.0 + gamma) + flush * (qn + mnorm + 2.0);
        return static_cast<float>(2.0 * e + 1e-30);
    };
    auto bad_row = [](int64_t row) {
        return std::invalid_argument(
            "corpus row " + std::to_string(row) +
            " contains NaN/Inf (or values so large that its squared norm overflows float32); "
            "clean the embeddings, e.g. keep rows where np.isfinite(x).all(1)");
    };

    // Cosine of a row with a tiny norm: fp32 squared norms underflow there (and AMX flushes the
    // row's denormals), so its fast-path score is unbounded relative to 1/|c|. Such rows are scored
    // in fp64 directly (zero rows score 0, as in the reference) and skipped by the fast path.
    auto is_tiny = [&](float sq) { return metric == Metric::COS && sq < kTinySqNorm; };
    auto score_tiny_row = [&](int64_t row, int64_t q0, int64_t q1, std::vector<CandBuffer>& buf,
                              const std::vector<float>& slack) {
        for (int64_t q = q0; q < q1; ++q) {
            double dot, cn;
            dot64_fn(queries + q * d, cbytes + row * d * esize, d, &dot, &cn);
            const double den = qnorm[q] * std::sqrt(cn);
            const float s = static_cast<float>(den > 0 ? dot / den : 0.0);
            CandBuffer& b = buf[q - q0];
            if (s >= b.kth - slack[q - q0]) {
                b.c.push_back({s, row});
                if (b.c.size() >= b.cap) b.prune(kk, slack[q - q0]);
            }
        }
    };
    const float kNaN = std::numeric_limits<float>::quiet_NaN();  // a NaN scale makes every compare fail
#ifdef INFEMBED_X86
    // Per-row scales of a bf16 block (AMX and AVX512-BF16 scans): 1 for inner product, 1/|c| for
    // cosine, NaN for a tiny cosine row (scored in fp64 instead). Raises mnorm, the largest row norm
    // so far, and returns whether it grew (then the queries' slacks must be recomputed).
    auto block_scales = [&](int64_t cb, int nc, const float* sq, float* scale, float& mnorm) {
        bool grew = false;
        for (int j = 0; j < nc; ++j) {
            if (!std::isfinite(sq[j])) throw bad_row(cb + j);
            const float nrm = std::sqrt(sq[j]);
            scale[j] = metric == Metric::IP ? 1.0f : is_tiny(sq[j]) ? kNaN : 1.0f / nrm;
            if (nrm > mnorm) {
                mnorm = nrm;
                grew = true;
            }
        }
        return grew;
    };
#endif

    // fp32 SIMD scan: kTileC corpus rows at a time against kTileQ queries at a time.
    auto scan_simd = [&](int64_t c0, int64_t c1, int64_t q0, int64_t q1, std::vector<CandBuffer>& buf) {
        std::vector<float> slack(q1 - q0);
        float mnorm = 0.0f;
        alignas(64) float tile[kTileQ * kTileC];
        float inv[kTileC];
        float sq[kTileC];
        // Filter one query tile's scores of the current corpus tile into the candidate buffers.
        auto filter = [&](int64_t cb, int nc, int64_t qb, int nq) {
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
        };
        for (int64_t cb = c0; cb < c1; cb += kTileC) {
            const int nc = static_cast<int>(std::min<int64_t>(kTileC, c1 - cb));
            const char* crows = cbytes + cb * d * esize;
            // fp32: the first query tile also returns the rows' squared norms (one pass over the rows,
            // 20% faster at Q = 1). fp16: a separate sequential norm pass measured 35% faster — it
            // streams the rows into cache ahead of the tile's four interleaved half-line reads.
            const int nq0 = static_cast<int>(std::min<int64_t>(kTileQ, q1 - q0));
            if (ctype == CorpusType::F32) {
                tile_fn(qs + q0 * d, d, nq0, crows, d, nc, d, tile, sq);
            } else {
                for (int j = 0; j < nc; ++j) sq[j] = K.sqnorm_f16(crows + j * d * esize, d);
                tile_fn(qs + q0 * d, d, nq0, crows, d, nc, d, tile, nullptr);
            }
            bool grew = false;
            for (int j = 0; j < nc; ++j) {
                if (!std::isfinite(sq[j])) throw bad_row(cb + j);
                const float nrm = std::sqrt(sq[j]);
                inv[j] = is_tiny(sq[j]) ? kNaN : nrm > 0 ? 1.0f / nrm : 0.0f;
                if (nrm > mnorm) {
                    mnorm = nrm;
                    grew = true;
                }
            }
            if (grew || cb == c0)
                for (int64_t q = q0; q < q1; ++q) slack[q - q0] = slack_for(q, mnorm);
            for (int j = 0; j < nc; ++j)
                if (inv[j] != inv[j]) score_tiny_row(cb + j, q0, q1, buf, slack);
            filter(cb, nc, q0, nq0);
            for (int64_t qb = q0 + kTileQ; qb < q1; qb += kTileQ) {
                const int nq = static_cast<int>(std::min<int64_t>(kTileQ, q1 - qb));
                tile_fn(qs + qb * d, d, nq, crows, d, nc, d, tile, nullptr);
                filter(cb, nc, qb, nq);
            }
        }
        return mnorm;
    };

#ifdef INFEMBED_AMX
    // AMX scan: 32 corpus rows (converted to bf16 once) against 32 queries per tile block; the
    // block's 32 x 32 scores are filtered 16 lanes at a time against each query's lower bound.
    auto scan_amx = [&](int64_t c0, int64_t c1, int64_t q0, int64_t q1, std::vector<CandBuffer>& buf) {
        const int64_t nq_all = q1 - q0, dp = (d + amx::kDepth - 1) / amx::kDepth * amx::kDepth;
        const int64_t qtile_elems = dp / amx::kDepth * amx::kTileElems;
        std::vector<uint16_t> qpack;
        amx::pack_queries(qs + q0 * d, nq_all, d, dp, qpack);
        std::vector<float> slack(nq_all);
        // lo[q - q0] = kth - slack: the bar a score must reach; +inf on the padding lanes.
        std::vector<float> lo((nq_all + amx::kCols - 1) / amx::kCols * amx::kCols,
                              std::numeric_limits<float>::infinity());
        std::vector<uint16_t> cblk(static_cast<size_t>(amx::kRows * dp) + 32);  // + room to align to 64 B
        const size_t mis = reinterpret_cast<uintptr_t>(cblk.data()) % 64 / 2;
        uint16_t* cb16 = cblk.data() + (mis ? 32 - mis : 0);
        alignas(64) float out[amx::kRows * amx::kCols];
        float sq[amx::kRows], scale[amx::kRows];
        float mnorm = 0.0f;
        amx::configure();
        struct Release {
            ~Release() { amx::release(); }
        } release_tiles;
        for (int64_t cb = c0; cb < c1; cb += amx::kRows) {
            const int nc = static_cast<int>(std::min<int64_t>(amx::kRows, c1 - cb));
            if (ctype == CorpusType::F32)
                amx::convert_rows(reinterpret_cast<const float*>(cbytes) + cb * d, nc, d, dp, cb16, sq);
            else
                amx::convert_rows(reinterpret_cast<const uint16_t*>(cbytes) + cb * d, nc, d, dp, cb16, sq);
            const bool grew = block_scales(cb, nc, sq, scale, mnorm);
            if (grew || cb == c0)
                for (int64_t q = q0; q < q1; ++q) {
                    slack[q - q0] = slack_for(q, mnorm);
                    lo[q - q0] = buf[q - q0].kth - slack[q - q0];
                }
            for (int j = 0; j < nc; ++j)
                if (scale[j] != scale[j]) {
                    score_tiny_row(cb + j, q0, q1, buf, slack);
                    for (int64_t q = q0; q < q1; ++q) lo[q - q0] = buf[q - q0].kth - slack[q - q0];
                }
            for (int64_t qb = 0; qb < nq_all; qb += amx::kCols) {
                const bool two = nq_all - qb > 16;
                const uint16_t* qt = qpack.data() + (qb / 16) * qtile_elems;
                if (two)
                    amx::score_block<2>(cb16, dp, qt, out);
                else
                    amx::score_block<1>(cb16, dp, qt, out);
                for (int r = 0; r < nc; ++r) {
                    uint32_t m = amx::passing(out + r * amx::kCols, scale[r], lo.data() + qb, two);
                    while (m) {
                        const int j = __builtin_ctz(m);
                        m &= m - 1;
                        const int64_t qi = qb + j;
                        CandBuffer& b = buf[qi];
                        b.c.push_back({out[r * amx::kCols + j] * scale[r], cb + r});
                        if (b.c.size() >= b.cap) {
                            b.prune(kk, slack[qi]);
                            lo[qi] = b.kth - slack[qi];
                        }
                    }
                }
            }
        }
        return mnorm;
    };
#endif

#ifdef INFEMBED_X86
    // AVX512-BF16 scan: bf16dp::kRows corpus rows (converted to bf16 and packed once) against
    // bf16dp::kQ queries per micro-kernel call; the kernel returns, per query, the lanes that reach
    // the query's bar lo = kth - slack.
    auto scan_dp = [&](int64_t c0, int64_t c1, int64_t q0, int64_t q1, std::vector<CandBuffer>& buf) {
        constexpr int R = bf16dp::kRows;
        const int64_t nq_all = q1 - q0, np2 = (d + 31) / 32 * 16;
        std::vector<uint32_t> qpack;
        bf16dp::pack_queries(qs + q0 * d, nq_all, d, np2, qpack);
        std::vector<float> slack(nq_all), lo(nq_all);
        std::vector<uint32_t> cblk(static_cast<size_t>(R * np2) + 16);  // + room to align to 64 B
        const size_t mis = reinterpret_cast<uintptr_t>(cblk.data()) % 64 / 4;
        uint32_t* cb32 = cblk.data() + (mis ? 16 - mis : 0);
        std::vector<float> out(static_cast<size_t>(bf16dp::kQ * R));
        uint64_t masks[bf16dp::kQ];
        float sq[R], scale[R];
        float mnorm = 0.0f;
        for (int64_t cb = c0; cb < c1; cb += R) {
            const int nc = static_cast<int>(std::min<int64_t>(R, c1 - cb));
            if (ctype == CorpusType::F32)
                bf16dp::pack_rows(reinterpret_cast<const float*>(cbytes) + cb * d, nc, d, np2, cb32, sq);
            else
                bf16dp::pack_rows(reinterpret_cast<const uint16_t*>(cbytes) + cb * d, nc, d, np2, cb32, sq);
            const bool grew = block_scales(cb, nc, sq, scale, mnorm);
            for (int j = nc; j < R; ++j) scale[j] = kNaN;  // padding rows of a partial block
            if (grew || cb == c0)
                for (int64_t q = q0; q < q1; ++q) {
                    slack[q - q0] = slack_for(q, mnorm);
                    lo[q - q0] = buf[q - q0].kth - slack[q - q0];
                }
            for (int j = 0; j < nc; ++j)
                if (scale[j] != scale[j]) {
                    score_tiny_row(cb + j, q0, q1, buf, slack);
                    for (int64_t q = q0; q < q1; ++q) lo[q - q0] = buf[q - q0].kth - slack[q - q0];
                }
            for (int64_t qb = 0; qb < nq_all; qb += bf16dp::kQ) {
                const int nq = static_cast<int>(std::min<int64_t>(bf16dp::kQ, nq_all - qb));
                bf16dp::score_fns[nq - 1](cb32, np2, qpack.data() + qb * np2, np2, scale, lo.data() + qb, out.data(),
                                          masks);
                for (int i = 0; i < nq; ++i)
                    for (uint64_t m = masks[i]; m; m &= m - 1) {
                        const int r = __builtin_ctzll(m);
                        const int64_t qi = qb + i;
                        CandBuffer& b = buf[qi];
                        b.c.push_back({out[i * R + r], cb + r});
                        if (b.c.size() >= b.cap) {
                            b.prune(kk, slack[qi]);
                            lo[qi] = b.kth - slack[qi];
                        }
                    }
            }
        }
        return mnorm;
    };
#endif

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
#ifdef INFEMBED_AMX
        if (use_amx) {
            maxnorm[task] = scan_amx(c0, c1, q0, q1, buf);
            return;
        }
#endif
#ifdef INFEMBED_X86
        if (use_dp) {
            maxnorm[task] = scan_dp(c0, c1, q0, q1, buf);
            return;
        }
#endif
        maxnorm[task] = scan_simd(c0, c1, q0, q1, buf);
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
            double dot, cn;
            dot64_fn(queries + q * d, cbytes + c.id * d * esize, d, &dot, &cn);
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
