// Stand-alone check of csrc/topk.cpp without Python: every SIMD path this CPU supports against a
// brute-force fp64 reference (ties -> lower id), fp32 and fp16 corpora, both metrics, odd shapes, plus the
// adversarial cases of the bf16 paths (AMX, AVX512-BF16): near-ties below bf16 resolution, tiny and
// denormal rows under cosine; and the INFEMBED_TOPK_SIMD override.
// Used by tests/test_topk_build.py to check other compilers (clang) and, compile-only, other
// architectures (AArch64 NEON) than the one the extension is built with.
//   c++ -std=c++17 -O2 -Icsrc csrc/topk_selftest.cpp csrc/topk.cpp -pthread -o selftest && ./selftest
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <cstring>
#include <random>
#include <vector>

#include "topk.h"

using namespace infembed;

namespace {

// x = k / 64 with |k| <= 256: exact in fp16, so the fp16 corpus holds exactly the reference values.
uint16_t to_half_exact(float x) {
    if (x == 0.0f) return 0;
    uint32_t b;
    std::memcpy(&b, &x, 4);
    const uint32_t sign = (b >> 16) & 0x8000u, exp = ((b >> 23) & 0xffu) - 127 + 15, mant = (b >> 13) & 0x3ffu;
    return static_cast<uint16_t>(sign | (exp << 10) | mant);
}

std::vector<int64_t> reference(const std::vector<float>& q, const std::vector<float>& c, int64_t qi, int64_t N,
                               int64_t d, int64_t k, bool cosine) {
    std::vector<std::pair<double, int64_t>> s(N);
    double qn = 0;
    for (int64_t p = 0; p < d; ++p) qn += double(q[qi * d + p]) * q[qi * d + p];
    for (int64_t i = 0; i < N; ++i) {
        double dot = 0, cn = 0;
        for (int64_t p = 0; p < d; ++p) {
            dot += double(q[qi * d + p]) * c[i * d + p];
            cn += double(c[i * d + p]) * c[i * d + p];
        }
        s[i] = {-(cosine ? (qn * cn > 0 ? dot / std::sqrt(qn) / std::sqrt(cn) : 0.0) : dot), i};
    }
    std::sort(s.begin(), s.end());  // score desc, then id asc
    std::vector<int64_t> ids;
    for (int64_t j = 0; j < std::min(k, N); ++j) ids.push_back(s[j].second);
    return ids;
}

// Run every supported path on (q, c) and compare all queries' ids with the reference.
int check_all(const char* what, const std::vector<float>& q, const std::vector<float>& c, int64_t Q, int64_t N,
              int64_t d, int64_t k, int& checked) {
    int wrong = 0;
    for (Simd simd : {Simd::SCALAR, Simd::AVX2, Simd::AVX512, Simd::AVX512BF16, Simd::AMX, Simd::NEON}) {
        if (!simd_supported(simd)) continue;
        for (int cosine = 0; cosine < 2; ++cosine)
            for (int threads : {1, 2}) {
                const int64_t kk = std::min(k, N);
                std::vector<float> scores(Q * kk);
                std::vector<int64_t> ids(Q * kk);
                topk(q.data(), Q, d, c.data(), CorpusType::F32, N, k, cosine ? Metric::COS : Metric::IP, threads, simd,
                     scores.data(), ids.data());
                for (int64_t qi = 0; qi < Q; ++qi, ++checked)
                    if (!std::equal(ids.begin() + qi * kk, ids.begin() + (qi + 1) * kk,
                                    reference(q, c, qi, N, d, k, cosine).begin())) {
                        ++wrong;
                        std::printf("MISMATCH %s simd=%s cos=%d threads=%d query %ld\n", what, simd_name(simd), cosine,
                                    threads, long(qi));
                    }
            }
    }
    return wrong;
}

// INFEMBED_TOPK_SIMD: forces the path of Simd::AUTO; a path this CPU lacks or a bad name throws.
int check_env_override() {
    int wrong = 0;
    for (Simd s : {Simd::SCALAR, Simd::AVX2, Simd::AVX512, Simd::AVX512BF16, Simd::AMX, Simd::NEON}) {
        setenv("INFEMBED_TOPK_SIMD", simd_name(s), 1);
        try {
            const Simd got = resolve_simd(Simd::AUTO, 256);
            if (got != s || !simd_supported(s)) ++wrong;
        } catch (const std::invalid_argument& e) {
            if (simd_supported(s) || std::string(e.what()).find(simd_unsupported_reason(s)) == std::string::npos) ++wrong;
        }
        if (resolve_simd(Simd::AVX2, 256) != Simd::AVX2) ++wrong;  // an explicit level wins over the variable
    }
    setenv("INFEMBED_TOPK_SIMD", "sse9", 1);
    try {
        resolve_simd(Simd::AUTO, 1);
        ++wrong;
    } catch (const std::invalid_argument&) {
    }
    unsetenv("INFEMBED_TOPK_SIMD");
    if (resolve_simd(Simd::AUTO, 1) == Simd::AMX || resolve_simd(Simd::AUTO, 1) == Simd::AVX512BF16) ++wrong;
    if (wrong) std::printf("MISMATCH INFEMBED_TOPK_SIMD override (%d)\n", wrong);
    return wrong;
}

}  // namespace

int main() {
    std::mt19937 gen(1);
    std::normal_distribution<float> normal;
    std::uniform_int_distribution<int> small(-256, 256);
    const std::vector<std::array<int64_t, 4>> shapes = {  // Q, N, d, k
        {1, 1, 1, 1}, {3, 97, 13, 5}, {5, 4, 17, 10}, {37, 1031, 45, 7}, {70, 997, 97, 20}, {9, 2053, 64, 300}};
    int checked = 0, wrong = 0;
    for (Simd simd : {Simd::SCALAR, Simd::AVX2, Simd::AVX512, Simd::AVX512BF16, Simd::AMX, Simd::NEON}) {
        if (!simd_supported(simd)) continue;
        for (const auto& [Q, N, d, k] : shapes)
            for (int half = 0; half < 2; ++half)
                for (int cosine = 0; cosine < 2; ++cosine) {
                    std::vector<float> q(Q * d), c(N * d);
                    for (auto& x : q) x = normal(gen);
                    for (auto& x : c) x = half ? small(gen) / 64.0f : normal(gen) * (0.5f + (&x - c.data()) / d % 7 * 0.25f);
                    for (int64_t i = 0; i + 1 < N; i += 5)  // exact ties: every fifth row repeated
                        std::copy(c.begin() + i * d, c.begin() + (i + 1) * d, c.begin() + (i + 1) * d);
                    std::vector<uint16_t> c16(N * d);
                    for (int64_t i = 0; i < N * d; ++i) c16[i] = to_half_exact(c[i]);
                    const int64_t kk = std::min(k, N);
                    std::vector<float> scores(Q * kk);
                    std::vector<int64_t> ids(Q * kk);
                    topk(q.data(), Q, d, half ? static_cast<const void*>(c16.data()) : c.data(),
                         half ? CorpusType::F16 : CorpusType::F32, N, k, cosine ? Metric::COS : Metric::IP, 2, simd,
                         scores.data(), ids.data());
                    for (int64_t qi = 0; qi < Q; ++qi, ++checked)
                        if (!std::equal(ids.begin() + qi * kk, ids.begin() + (qi + 1) * kk,
                                        reference(q, c, qi, N, d, k, cosine).begin())) {
                            ++wrong;
                            std::printf("MISMATCH simd=%s Q=%ld N=%ld d=%ld k=%ld fp16=%d cos=%d query %ld\n",
                                        simd_name(simd), long(Q), long(N), long(d), long(k), half, cosine, long(qi));
                        }
                }
        std::printf("%s ", simd_name(simd));
    }
    {  // near-ties: clusters of rows that differ by ~1e-3 relative, below bf16 resolution (2^-8)
        const int64_t B = 12, R = 90, N = B * R, d = 67, Q = 41;
        std::vector<float> base(B * d), c(N * d), q(Q * d);
        for (auto& x : base) x = normal(gen);
        for (int64_t i = 0; i < N; ++i)
            for (int64_t p = 0; p < d; ++p) c[i * d + p] = base[(i / R) * d + p] * (1.0f + 1e-3f * normal(gen));
        std::uniform_int_distribution<int> pick(0, B - 1);
        for (int64_t i = 0; i < Q; ++i) {
            const int b = pick(gen);
            for (int64_t p = 0; p < d; ++p) q[i * d + p] = base[b * d + p] + 0.01f * normal(gen);
        }
        wrong += check_all("near-ties", q, c, Q, N, d, 25, checked);
    }
    {  // tiny rows under cosine: fp32 squared norms underflow, bf16/AMX flush denormals
        const int64_t N = 300, d = 40, Q = 20;
        std::vector<float> c(N * d), q(Q * d);
        for (auto& x : q) x = normal(gen);
        for (auto& x : c) x = normal(gen);
        for (int64_t p = 0; p < d; ++p) {
            c[17 * d + p] = q[3 * d + p] * 1e-25f;
            c[250 * d + p] = q[11 * d + p] * 1e-41f;  // fp32 denormals
            c[40 * d + p] = 0.0f;                     // a zero row scores 0 under cosine
        }
        wrong += check_all("tiny-rows", q, c, Q, N, d, 5, checked);
    }
    wrong += check_env_override();
    std::printf("\n%d queries checked, %d wrong\n", checked, wrong);
    return wrong == 0 && checked > 0 ? 0 : 1;
}
