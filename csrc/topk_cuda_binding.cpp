// torch binding of the CUDA tile top-k (csrc/topk_cuda.cu), built on first use by infembed/_ext.py with
// torch.utils.cpp_extension.load. Launches the corpus in chunks and merges each chunk's per-tile
// candidates into a running top-k; a stable sort keeps ties in ascending id order because candidates
// arrive in ascending id ranges (running results first, then tiles in order, each tile sorted).
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <torch/extension.h>

#include <algorithm>

#include "topk_cuda.h"

std::tuple<torch::Tensor, torch::Tensor> topk_cuda(torch::Tensor queries, torch::Tensor corpus,
                                                   c10::optional<torch::Tensor> inv_norm, int64_t k,
                                                   int64_t chunk_rows) {
    TORCH_CHECK(queries.is_cuda() && corpus.is_cuda(), "queries and corpus must be CUDA tensors");
    TORCH_CHECK(queries.dim() == 2 && corpus.dim() == 2 && queries.size(1) == corpus.size(1),
                "expected queries [Q, d] and corpus [N, d] with the same d");
    TORCH_CHECK(queries.scalar_type() == torch::kFloat32, "queries must be float32");
    TORCH_CHECK(corpus.scalar_type() == torch::kFloat32 || corpus.scalar_type() == torch::kFloat16,
                "corpus must be float32 or float16");
    TORCH_CHECK(queries.is_contiguous() && corpus.is_contiguous(), "queries and corpus must be contiguous");
    TORCH_CHECK(k >= 1 && k <= infembed_cuda::kTileRows, "k must be in [1, ", infembed_cuda::kTileRows, "]");
    TORCH_CHECK(chunk_rows >= 1, "chunk_rows must be >= 1");
    const at::cuda::CUDAGuard guard(queries.device());
    const int64_t Q = queries.size(0), N = corpus.size(0);
    const int d = static_cast<int>(queries.size(1));
    TORCH_CHECK(N >= 1, "the corpus is empty");
    const int64_t kk = std::min(k, N);
    const float* inv = nullptr;
    if (inv_norm.has_value()) {
        TORCH_CHECK(inv_norm->is_cuda() && inv_norm->scalar_type() == torch::kFloat32 && inv_norm->numel() == N &&
                        inv_norm->is_contiguous(),
                    "inv_norm must be a contiguous float32 CUDA tensor [N]");
        inv = inv_norm->data_ptr<float>();
    }
    auto stream = at::cuda::getCurrentCUDAStream();
    auto fopt = queries.options();
    auto lopt = queries.options().dtype(torch::kInt64);
    torch::Tensor best_s = torch::empty({Q, 0}, fopt), best_i = torch::empty({Q, 0}, lopt);
    chunk_rows = std::max<int64_t>(infembed_cuda::kTileRows,
                                   chunk_rows / infembed_cuda::kTileRows * infembed_cuda::kTileRows);
    for (int64_t row0 = 0; row0 < N; row0 += chunk_rows) {
        const int64_t rows = std::min(chunk_rows, N - row0);
        const int64_t ntiles = (rows + infembed_cuda::kTileRows - 1) / infembed_cuda::kTileRows;
        const int kc = static_cast<int>(kk);
        torch::Tensor cs = torch::empty({Q, ntiles * kc}, fopt), ci = torch::empty({Q, ntiles * kc}, lopt);
        const cudaError_t err = infembed_cuda::launch_tile_topk(
            queries.data_ptr<float>(), corpus.data_ptr(), corpus.scalar_type() == torch::kFloat16, inv, Q, d, row0,
            rows, kc, cs.data_ptr<float>(), ci.data_ptr<int64_t>(), stream.stream());
        TORCH_CHECK(err == cudaSuccess, "tile top-k launch failed: ", cudaGetErrorString(err));
        torch::Tensor all_s = torch::cat({best_s, cs}, 1), all_i = torch::cat({best_i, ci}, 1);
        auto sorted = torch::sort(all_s, /*stable=*/true, /*dim=*/1, /*descending=*/true);
        torch::Tensor order = std::get<1>(sorted).narrow(1, 0, std::min<int64_t>(kk, all_s.size(1)));
        best_s = std::get<0>(sorted).narrow(1, 0, order.size(1)).contiguous();
        best_i = all_i.gather(1, order);
    }
    return {best_s.narrow(1, 0, kk).contiguous(), best_i.narrow(1, 0, kk).contiguous()};
}

PYBIND11_MODULE(TORCH_EXTENSION_NAME, m) {
    m.def("topk", &topk_cuda, "exact top-k on CUDA (fused scoring + per-tile selection)", py::arg("queries"),
          py::arg("corpus"), py::arg("inv_norm"), py::arg("k"), py::arg("chunk_rows") = 262144);
    m.attr("max_k") = infembed_cuda::kTileRows;
}
