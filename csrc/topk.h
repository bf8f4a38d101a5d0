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
//
// Layout: queries [Q, d] fp32 row-major; corpus [N, d] fp32 or IEEE fp16 (uint16 bits) row-major,
// read in place (a memory map works, no copy). Outputs are caller-allocated [Q, k'].
#pragma once

#include <cstdint>
#include <string>

namespace infembed {

enum class Metric { IP, COS };
enum class CorpusType { F32, F16 };
enum class Simd { AUTO, SCALAR, AVX2, AVX512, AMX };

// The best SIMD level this CPU supports ("amx", "avx512", "avx2" or "scalar"). "amx" = AVX-512 plus
// AMX-BF16 tiles (and the OS permission to use them) for bf16 candidate scoring of many queries.
Simd best_simd();
bool simd_supported(Simd s);
const char* simd_name(Simd s);

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
