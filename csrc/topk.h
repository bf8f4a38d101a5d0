// Exact top-k inner-product / cosine search on the CPU (pure C++, no Python headers).
//
//   scores[q, j], ids[q, j]  for j < k' = min(k, N):  the k' corpus rows with the largest
//   score(q, n) = <x_q, c_n>                      (metric IP)
//               = <x_q, c_n> / (|x_q| |c_n|)      (metric COS; a zero row scores 0)
//   ordered by descending score, ties broken by the lower row id.
//
// Exactness (why the ids equal an fp64 reference): scoring runs in fp32 SIMD, which is fast but can
// misorder rows whose scores differ by less than the fp32 rounding error. Every fp32 dot product of
// length d satisfies |fl(x.c) - x.c| <= gamma_d |x| |c| with gamma_d = d u / (1 - d u), u = 2^-24,
// whatever the summation order. So each query keeps, besides its best k fp32 scores, every row whose
// fp32 score is within the error bound of the running k-th best (a "candidate buffer", pruned with
// nth_element when it fills up). At the end the surviving candidates -- a superset of the true
// top-k -- are rescored in double precision and sorted by (score desc, id asc).
// The AMX path (8+ queries on CPUs with AMX-BF16 tiles) and the AVX512-BF16 path (8+ queries on CPUs
// with VDPBF16PS but no usable AMX, 16+ queries: AMD Zen 4/5, Cooper Lake) score bf16-rounded operands
// instead: their bound is (2 ub + ub^2)(1 + gamma_d) + gamma_d with ub = 2^-8, about 0.8% of |x||c|
// (derivation for VDPBF16PS in topk.cpp, namespace bf16dp), so the candidate buffers are wider but
// the result is the same. Cosine rows with |c| < 2^-30 (whose fp32 squared norm may underflow) are
// scored in fp64 directly.
//
// SIMD levels, picked at run time from CPUID/XGETBV (the build needs no -march flag): AMX,
// AVX512-BF16, AVX-512, AVX2+FMA+F16C, scalar on x86-64; NEON on AArch64. The environment variable
// INFEMBED_TOPK_SIMD=scalar|avx2|avx512|avx512bf16|amx|neon forces one path wherever the caller asks
// for Simd::AUTO (a forced path this CPU lacks is an error that says why, never a silent fallback).
//
// Layout: queries [Q, d] fp32 row-major; corpus [N, d] fp32 or IEEE fp16 (uint16 bits) row-major,
// read in place (a memory map works, no copy). Outputs are caller-allocated [Q, k'].
#pragma once

#include <cstdint>
#include <string>

namespace infembed {

enum class Metric { IP, COS };
enum class CorpusType { F32, F16 };
enum class Simd { AUTO, SCALAR, AVX2, AVX512, AVX512BF16, AMX, NEON };

// The best SIMD level this CPU supports ("amx", "avx512bf16", "avx512", "avx2", "neon" or "scalar").
// "amx" = AVX-512 plus AMX-BF16 tiles (and the OS permission to use them); "avx512bf16" = AVX-512
// plus VDPBF16PS; both for bf16 candidate scoring of many queries.
Simd best_simd();
bool simd_supported(Simd s);
const char* simd_name(Simd s);
// Why this CPU cannot run s ("" when it can), e.g. "the OS refused AMX tile state (arch_prctl)".
std::string simd_unsupported_reason(Simd s);
// Parse "auto", "scalar", "avx2", "avx512", "avx512bf16", "amx", "neon"; throws std::invalid_argument.
Simd parse_simd(const std::string& name);
// The path topk() runs for Q queries when asked for `requested`: an explicit level is returned as is;
// AUTO honours INFEMBED_TOPK_SIMD (throws std::invalid_argument for a bad or unsupported value),
// else picks by CPU and Q (AMX from 8 queries on, AVX512-BF16 from 16, AVX-512 below).
Simd resolve_simd(Simd requested, int64_t Q);

// Exact top-k. Throws std::invalid_argument (-> Python ValueError) for a non-finite corpus row or
// a row so large that its squared norm overflows fp32; rethrows any worker exception after join.
//   queries:    [Q, d] fp32, all finite (checked by the caller)
//   corpus:     [N, d] fp32 or fp16 bits, N >= 1
//   k:          >= 1; k' = min(k, N) columns are written
//   threads:    worker threads (>= 1)
//   out_scores: [Q, k'] fp32      out_ids: [Q, k'] int64
void topk(const float* queries, int64_t Q, int64_t d, const void* corpus, CorpusType ctype, int64_t N,
          int64_t k, Metric metric, int threads, Simd simd, float* out_scores, int64_t* out_ids);

}  // namespace infembed
