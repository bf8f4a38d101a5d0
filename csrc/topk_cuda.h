// Plain C++ declaration of the CUDA tile top-k launcher (csrc/topk_cuda.cu); no torch headers, so the
// .cu compiles with nvcc alone. The torch binding is csrc/topk_cuda_binding.cpp.
#pragma once

#include <cuda_runtime.h>

#include <cstdint>

namespace infembed_cuda {

// Corpus rows scored per block; each block keeps its best min(k, kTileRows) per query.
constexpr int kTileRows = 1024;
// Queries per block (their vectors sit in shared memory next to the tile's scores).
constexpr int kTileQueries = 4;

// For every query q < Q and every tile t of kTileRows rows in [row0, row0 + rows), write the tile's
// best kc (score, global id) pairs, best first (ties -> lower id), to
//   out_scores[(q * ntiles + t) * kc + j], out_ids[...]     (ntiles = ceil(rows / kTileRows));
// padding past the corpus end gets score -inf and id -1. No [Q, N] score matrix is formed.
//   queries  [Q, d] fp32 device, corpus [N_total, d] fp32 or fp16 device (row-major),
//   inv_norm [N_total] fp32 device or nullptr (cosine: scores multiplied by inv_norm[row]).
// Requires 1 <= kc <= kTileRows. Returns the launch's cudaError_t.
cudaError_t launch_tile_topk(const float* queries, const void* corpus, bool corpus_f16, const float* inv_norm,
                             int64_t Q, int d, int64_t row0, int64_t rows, int kc, float* out_scores,
                             int64_t* out_ids, cudaStream_t stream);

}  // namespace infembed_cuda
