// Exact top-k on the GPU without a [Q, N] score matrix: each block scores a tile of kTileRows corpus
// rows against kTileQueries queries (warp per row, fp32 accumulation, queries in shared memory),
// bitonic-sorts each query's tile scores in shared memory by (score desc, id asc) and writes only the
// best kc per (query, tile). The host binding (topk_cuda_binding.cpp) launches corpus chunks and
// merges the per-tile candidates into a running top-k with a stable sort, so ties keep the lower id.
//
// Memory per launch: Q * ceil(rows / kTileRows) * kc candidates, instead of Q * rows scores.
// Plain CUDA (no torch headers): `nvcc -c -O2 -arch=sm_90 csrc/topk_cuda.cu` compiles it alone.
#include <cuda_fp16.h>

#include <cmath>

#include "topk_cuda.h"

namespace infembed_cuda {
namespace {

constexpr int kThreads = 256;
constexpr int kWarps = kThreads / 32;

__device__ __forceinline__ float to_float(float x) { return x; }
__device__ __forceinline__ float to_float(__half x) { return __half2float(x); }

// a ranks before b: higher score, then lower id.
__device__ __forceinline__ bool ranks_before(float sa, int ia, float sb, int ib) {
    return sa > sb || (sa == sb && ia < ib);
}

template <typename T>
__global__ void __launch_bounds__(kThreads)
tile_topk_kernel(
    // pointers
    const float* __restrict__ queries, const T* __restrict__ corpus, const float* __restrict__ inv_norm,
    float* __restrict__ out_scores, int64_t* __restrict__ out_ids,
    // sizes
    int64_t Q, int d, int64_t row0, int64_t row_end, int ntiles, int kc) {
    extern __shared__ float smem[];
    float* qs = smem;                                          // [kTileQueries, d]
    float* sc = qs + kTileQueries * d;                         // [kTileQueries, kTileRows]
    int* ix = reinterpret_cast<int*>(sc + kTileQueries * kTileRows);  // [kTileQueries, kTileRows]

    const int tile = blockIdx.x;
    const int64_t qb = static_cast<int64_t>(blockIdx.y) * kTileQueries;
    const int nq = static_cast<int>(min(static_cast<int64_t>(kTileQueries), Q - qb));
    for (int i = threadIdx.x; i < kTileQueries * d; i += blockDim.x) {
        const int qi = i / d;
        qs[i] = qi < nq ? queries[(qb + qi) * d + (i - qi * d)] : 0.0f;
    }
    __syncthreads();

    // 1) scores: one warp per corpus row, lanes stride over d (coalesced row reads).
    const int64_t tstart = row0 + static_cast<int64_t>(tile) * kTileRows;
    const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    for (int r = warp; r < kTileRows; r += kWarps) {
        const int64_t n = tstart + r;
        float acc[kTileQueries];
#pragma unroll
        for (int qi = 0; qi < kTileQueries; ++qi) acc[qi] = 0.0f;
        if (n < row_end) {
            const T* row = corpus + n * d;
            for (int p = lane; p < d; p += 32) {
                const float x = to_float(row[p]);
#pragma unroll
                for (int qi = 0; qi < kTileQueries; ++qi) acc[qi] = fmaf(qs[qi * d + p], x, acc[qi]);
            }
        }
#pragma unroll
        for (int qi = 0; qi < kTileQueries; ++qi)
            for (int off = 16; off > 0; off >>= 1) acc[qi] += __shfl_xor_sync(0xffffffffu, acc[qi], off);
        if (lane == 0) {
            const float scale = (n < row_end && inv_norm != nullptr) ? inv_norm[n] : 1.0f;
#pragma unroll
            for (int qi = 0; qi < kTileQueries; ++qi) {
                sc[qi * kTileRows + r] = (n < row_end && qi < nq) ? acc[qi] * scale : -INFINITY;
                ix[qi * kTileRows + r] = r;
            }
        }
    }
    __syncthreads();

    // 2) bitonic sort of each query's kTileRows (score, idx) pairs, best first.
    for (int size = 2; size <= kTileRows; size <<= 1) {
        for (int stride = size >> 1; stride > 0; stride >>= 1) {
            for (int t = threadIdx.x; t < kTileQueries * (kTileRows / 2); t += blockDim.x) {
                const int qi = t / (kTileRows / 2), j = t % (kTileRows / 2);
                const int a = 2 * stride * (j / stride) + (j % stride), b = a + stride;
                float* s = sc + qi * kTileRows;
                int* id = ix + qi * kTileRows;
                const bool best_first = (a & size) == 0;
                const bool swap = best_first ? ranks_before(s[b], id[b], s[a], id[a])
                                             : ranks_before(s[a], id[a], s[b], id[b]);
                if (swap) {
                    const float ts = s[a];
                    s[a] = s[b];
                    s[b] = ts;
                    const int ti = id[a];
                    id[a] = id[b];
                    id[b] = ti;
                }
            }
            __syncthreads();
        }
    }

    // 3) the tile's best kc per query.
    for (int t = threadIdx.x; t < nq * kc; t += blockDim.x) {
        const int qi = t / kc, j = t % kc;
        const int64_t o = ((qb + qi) * ntiles + tile) * kc + j;
        const int64_t gid = tstart + ix[qi * kTileRows + j];
        const bool valid = gid < row_end;
        out_scores[o] = valid ? sc[qi * kTileRows + j] : -INFINITY;
        out_ids[o] = valid ? gid : -1;
    }
}

template <typename T>
cudaError_t launch(const float* queries, const T* corpus, const float* inv_norm, int64_t Q, int d, int64_t row0,
                   int64_t rows, int kc, float* out_scores, int64_t* out_ids, cudaStream_t stream) {
    if (Q <= 0 || rows <= 0) return cudaSuccess;
    if (kc < 1 || kc > kTileRows || d < 1) return cudaErrorInvalidValue;
    const int ntiles = static_cast<int>((rows + kTileRows - 1) / kTileRows);
    const size_t smem = sizeof(float) * kTileQueries * d + (sizeof(float) + sizeof(int)) * kTileQueries * kTileRows;
    cudaError_t err = cudaFuncSetAttribute(tile_topk_kernel<T>, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                           static_cast<int>(smem));
    if (err != cudaSuccess) return err;
    const dim3 grid(ntiles, static_cast<unsigned>((Q + kTileQueries - 1) / kTileQueries));
    tile_topk_kernel<T><<<grid, kThreads, smem, stream>>>(queries, corpus, inv_norm, out_scores, out_ids, Q, d, row0,
                                                          row0 + rows, ntiles, kc);
    return cudaGetLastError();
}

}  // namespace

cudaError_t launch_tile_topk(const float* queries, const void* corpus, bool corpus_f16, const float* inv_norm,
                             int64_t Q, int d, int64_t row0, int64_t rows, int kc, float* out_scores,
                             int64_t* out_ids, cudaStream_t stream) {
    if (corpus_f16)
        return launch(queries, static_cast<const __half*>(corpus), inv_norm, Q, d, row0, rows, kc, out_scores,
                      out_ids, stream);
    return launch(queries, static_cast<const float*>(corpus), inv_norm, Q, d, row0, rows, kc, out_scores, out_ids,
                  stream);
}

}  // namespace infembed_cuda
