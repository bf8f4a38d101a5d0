#!/usr/bin/env bash
# The one GPU check of infembed: GPU tests, then GPU benchmarks with their stock-PyTorch baselines
# in the same run, then a short table. Budget: < 8 minutes on one H100/H200.
#
# Usage (device machine, repository root):  bash bench/gpu_check.sh [OUT_DIR]
# The GPU box has torch+CUDA, triton, transformers, pybind11 but no network, so the project is
# installed without dependencies. Every step has its own time limit; a failing step is reported
# in the table and does not stop the others.
set -u
OUT=${1:-${OUT:-/tmp/infembed-gpu}}
mkdir -p "$OUT"
unset TRITON_INTERPRET
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
SUMMARY="$OUT/summary.md"
: > "$SUMMARY"
START=$(date +%s)

BUDGET=${BUDGET:-460}  # seconds for all steps together (the whole script must stay under 8 minutes)

step() {  # step NAME SECONDS CMD... — the limit shrinks to what is left of BUDGET
  local name=$1 limit=$2; shift 2
  local t0=$(date +%s) left=$(( BUDGET - ($(date +%s) - START) ))
  if [ "$left" -lt 20 ]; then echo "| $name | skipped (budget spent) | 0s |" >> "$SUMMARY"; return; fi
  [ "$limit" -gt "$left" ] && limit=$left
  echo "=== $name (limit ${limit}s)"
  timeout "$limit" "$@" > "$OUT/$name.log" 2>&1
  local rc=$? dt=$(( $(date +%s) - t0 ))
  tail -n 25 "$OUT/$name.log"
  echo "| $name | rc=$rc | ${dt}s |" >> "$SUMMARY"
}

{
  echo "# infembed GPU check — $(date -u +%FT%TZ)"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null
  python -c "import torch, triton; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'triton', triton.__version__)"
} | tee "$OUT/env.txt"

step install 90 pip install --no-deps --no-build-isolation -e .
# GPU tests (kernels vs references at realistic shapes, determinism, CUDA top-k vs CPU, losses on CUDA)
step gpu-tests 170 python -m pytest -q -m gpu -p no:cacheprovider \
  tests/test_kernels_contrastive.py tests/test_kernels_iq_attention.py tests/test_losses.py tests/test_topk.py \
  tests/test_topk_triton.py tests/test_train_extras.py tests/test_packed.py
# P1 / P3: fused InfoNCE and iq_attention vs eager, ceilings (copy GB/s, bf16 TFLOP/s), largest B
step kernels-bench 110 python bench/bench_kernels.py --gpu-table --budget-s 90
# P4: CUDA and Triton exact top-k vs chunked matmul + topk (decides the default CUDA backend)
step topk-bench 120 python bench/bench_topk.py --gpu
# P2: gradient-cached step vs uncached, rows/s vs sentence-transformers CachedMNRL
step train-bench 90 python bench/gpu_train.py --budget-s 70 --json "$OUT/gpu_train.json"
# P7: encoding throughput vs sentence-transformers encode
step encode-bench 90 python -m pytest bench/bench_encode.py -p no:cacheprovider -k "gpu or bert_base" \
  --benchmark-json "$OUT/encode_gpu.json"

echo
echo "## Tables"
for f in kernels-bench topk-bench train-bench encode-bench; do
  echo "### $f"
  grep '^|' "$OUT/$f.log" 2>/dev/null | head -n 40
done
echo
echo "## Steps ($(( $(date +%s) - START ))s total)"
echo "| step | exit | time |"; echo "|---|---|---|"
cat "$SUMMARY"
