#!/usr/bin/env bash
# Builds bench_gpu and train_gpu against the CUDA LibTorch inside the installed PyTorch wheel
# and runs them on the GPU: the network's raw step speed and CPU/GPU agreement (bench_gpu),
# then the real trainer's CUDA path (train_gpu). Run from the repository root on the GPU node:
#   bash bench/gpu/run_gpu_checks.sh
# Needs python3 with torch, cmake, ninja, g++, nvcc, OpenSSL and zlib headers, and nlohmann
# in .gpu/include. Output is also written to $OUT/gpu-checks.log when OUT is set.
# SKIP_BENCH=1 leaves out bench_gpu (the network's step speed, already in docs/PERFORMANCE.md).
# Expected wall time on an H100/H200: ~2 min build (16 cores), ~1 min bench_gpu, ~1-2 min train_gpu.
set -uo pipefail

build=${BUILD_DIR:-build-gpu-cuda}  # git-ignored (/build*/); kept between runs, so a rerun skips the build
log=/dev/null
if [ -n "${OUT:-}" ]; then
    mkdir -p "$OUT"
    log="$OUT/gpu-checks.log"
fi

run() {
    set -e
    if [ ! -f bench/gpu/CMakeLists.txt ]; then
        echo "run this from the repository root (bench/gpu/CMakeLists.txt not found)" >&2
        return 2
    fi
    local started=$SECONDS
    local torch_prefix
    torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
    echo "== $(date -u +%FT%TZ) $(python3 -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda)')"
    nvcc --version | tail -n 1 || true
    echo "== configure + build ($build)"
    cmake -S bench/gpu -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$torch_prefix" -DKNEEGRADE_NLOHMANN_INCLUDE="$PWD/.gpu/include"
    if [ -n "${SKIP_BENCH:-}" ]; then ninja -C "$build" -j16 train_gpu; else ninja -C "$build" -j16 bench_gpu train_gpu; fi
    echo "== built in $((SECONDS - started)) s"
    nvidia-smi -L
    set +e
    local status=0
    if [ -z "${SKIP_BENCH:-}" ]; then
        echo "== bench_gpu --steps 10 (no quick mode; 10 timed steps per configuration)"
        timeout 180 "$build/bench_gpu" --steps 10 || { echo "bench_gpu exited with $?"; status=1; }
    fi
    echo "== train_gpu --device cuda"
    timeout 240 "$build/train_gpu" --device cuda --out "${TMPDIR:-/tmp}" || { echo "train_gpu exited with $?"; status=1; }
    echo "== done in $((SECONDS - started)) s, status $status"
    return $status
}

run 2>&1 | tee "$log"
exit "${PIPESTATUS[0]}"
