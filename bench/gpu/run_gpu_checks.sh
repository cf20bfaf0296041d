#!/usr/bin/env bash
# The whole engine, end to end, on a CUDA LibTorch (or on the CPU where there is no GPU):
#   1. builds the real kneegrade-cli, the Qt-free tests and the GPU benchmarks with the
#      headless configuration (no Qt) against the LibTorch of the installed PyTorch wheel
#      (torch.utils.cmake_prefix_path), else the system's LibTorch;
#   2. runs the Qt-free ctest suite;
#   3. synth → train (real files through the real loader, augmentation on the GPU) → one epoch
#      with the augmentation on the loader's threads instead → resume → evaluate (per-image
#      CSV) → predict with Grad-CAM, and reports the images/s of the loader and of the trainer;
#   4. train_gpu: the trainer's CUDA path on in-memory tensors (bf16, channels-last, resume);
#      bench_trainer: the trainer's images/s per precision and batch size (32-256), the largest
#      batch that fits and the peak GPU memory of each;
#   5. on CUDA: bench_adam, torch's Adam step against kg::adamStep's per-tensor, foreach and
#      fused kernels over ResNet152V2's parameters;
#   6. on CUDA with PyTorch importable: bench/gpu/python_reference.py, the same network in Python
#      eager at the trainer's throughput configurations, printed side by side with train_gpu's
#      (images/s, ratio, achieved TFLOP/s as a fraction of the bf16 matmul peak it measures);
#   7. one epoch as a 1-rank job through the data-parallel path, with Gloo and (CUDA) NCCL.
# Run from the repository root:  bash bench/gpu/run_gpu_checks.sh
#
# A GPU node without apt or network gets the image libraries (OpenCV, GDCM, DCMTK, HDF5,
# libjpeg, nlohmann-json, GoogleTest) from .gpu/sysroot, which scripts/gpu-sysroot.sh fills
# on a Debian 12 machine with `apt-get download` + `dpkg -x`; carry .gpu/sysroot.tar.gz
# (20 MB) to the node. Where the system has the libraries, no sysroot is needed.
#
# Settings (environment):
#   BUILD_DIR   build folder (default build-gpu; git-ignored, kept so a rerun skips the build)
#   DEVICE      cuda | cpu (default: cuda when nvidia-smi finds a GPU, else cpu)
#   ARCH, IMAGE_SIZE, EPOCHS, PER_GRADE, BATCH
#               the end-to-end run; CUDA default: resnet152v2 at 224 px, 3 epochs (+1 resumed),
#               200 images per grade, batch 32. CPU default: resnetv2-tiny at 64 px, 2 (+1)
#               epochs, 24 per grade, batch 16 (ResNet152V2 at 224 px would take hours on 2 cores)
#   SKIP_TESTS=1, SKIP_TRAIN_GPU=1, SKIP_PYTHON=1, SKIP_DISTRIBUTED=1   leave those steps out
# Output is also written to $OUT/gpu-checks.log when OUT is set.
set -uo pipefail

build=${BUILD_DIR:-build-gpu}
log=/dev/null
if [ -n "${OUT:-}" ]; then
    mkdir -p "$OUT"
    log="$OUT/gpu-checks.log"
fi

# The trainer's median throughput over a run's epochs: training images per second of epoch
# (validation included), from the run's train.log ("N train / M val images") and history.csv.
trainer_rate() {
    local train
    train=$(grep -o '[0-9]* train / [0-9]* val images' "$1/train.log" | head -n 1 | awk '{print $1}')
    awk -F, -v n="${train:-0}" 'NR > 1 && $7 > 0 {print n / $7}' "$1/history.csv" | sort -n |
        awk '{a[NR]=$1} END {if (NR) printf "%.1f", a[int((NR+1)/2)]; else print "n/a"}'
}

# One epoch as rank 0 of a 1-rank job through the data-parallel path (c10d rendezvous, gradient
# buckets, all-reduces) with backend $1, into run folder $2; uses run()'s cli, work, arch, size…
distributed_epoch() {
    echo "== one rank through the distributed path ($1): 1 epoch"
    local t=$SECONDS
    RANK=0 WORLD_SIZE=1 LOCAL_RANK=0 MASTER_ADDR=127.0.0.1 MASTER_PORT=$((29500 + RANDOM % 1000)) KNEEGRADE_DIST_BACKEND=$1 \
        "$cli" train --data "$work/data" --out "$2" --arch "$arch" --image-size "$size" --epochs 1 --batch "$batch" \
        --lr 1e-3 --device "$device" --seed 42 >"$2.log" 2>&1 || { status=1; tail -n 3 "$2.log"; }
    grep -E '  (distributed|gradient all-reduce|epoch 1/)' "$2/train.log" 2>/dev/null || true
    echo "$1: $((SECONDS - t)) s"
}

run() {
    set -e
    if [ ! -f core/CMakeLists.txt ]; then
        echo "run this from the repository root (core/CMakeLists.txt not found)" >&2
        return 2
    fi
    local started=$SECONDS
    local device=${DEVICE:-}
    if [ -z "$device" ]; then
        if nvidia-smi -L >/dev/null 2>&1; then device=cuda; else device=cpu; fi
    fi
    local prefix="" sysroot="$PWD/.gpu/sysroot"
    local torch_prefix
    if torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null); then
        echo "== $(date -u +%FT%TZ) $(python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda)')"
        prefix="$torch_prefix"
    else
        echo "== $(date -u +%FT%TZ) no PyTorch wheel: the system's LibTorch"
    fi
    if [ ! -d "$sysroot/usr" ] && [ -f .gpu/sysroot.tar.gz ]; then
        tar -C .gpu -xzf .gpu/sysroot.tar.gz
    fi
    if [ -d "$sysroot/usr" ]; then
        echo "== carried libraries: $sysroot ($(du -sh "$sysroot" | cut -f1))"
        prefix="${prefix:+$prefix;}$sysroot/usr;$sysroot/usr/lib/x86_64-linux-gnu/cmake"
        export LD_LIBRARY_PATH="$sysroot/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        export CPATH="$sysroot/usr/include${CPATH:+:$CPATH}"
    fi
    [ "$device" = cuda ] && { nvidia-smi -L; nvcc --version | tail -n 1 || true; }

    echo "== configure + build ($build, device $device)"
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKNEEGRADE_BUILD_GUI=OFF -DKNEEGRADE_BUILD_TESTS=ON -DKNEEGRADE_NCCL=OFF \
        ${prefix:+-DCMAKE_PREFIX_PATH="$prefix"} >"$build.configure.log" 2>&1 || { tail -n 30 "$build.configure.log"; return 1; }
    cmake --build "$build" --target kneegrade-cli kneegrade-decoder train_gpu bench_gpu bench_loader bench_adam \
        headless_model headless_imaging headless_metrics headless_cli
    # Peak memory needs the CUDA headers; without them bench_trainer still measures the rest.
    cmake --build "$build" --target bench_trainer >"$build.bench_trainer.log" 2>&1 || {
        echo "bench_trainer with peak memory did not build:"; grep -m 3 error "$build.bench_trainer.log"
        cmake -S . -B "$build" -DKNEEGRADE_BENCH_CUDA_MEMORY=OFF >/dev/null && cmake --build "$build" --target bench_trainer
    }
    echo "== built in $((SECONDS - started)) s"
    echo "kneegrade-cli links: $(readelf -d "$build/app/cli/kneegrade-cli" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
        grep -E 'torch|c10|opencv|Qt' | tr '\n' ' ')"
    set +e
    local status=0
    if [ -z "${SKIP_TESTS:-}" ]; then
        echo "== the Qt-free tests"
        (cd "$build" && ctest -L headless --output-on-failure --timeout 600) || status=1
    fi

    local cli="$build/app/cli/kneegrade-cli" work
    work=$(mktemp -d "${TMPDIR:-/tmp}/kneegrade-gpu-XXXXXX")
    local arch size epochs per_grade batch
    if [ "$device" = cuda ]; then
        arch=${ARCH:-resnet152v2} size=${IMAGE_SIZE:-224} epochs=${EPOCHS:-3} per_grade=${PER_GRADE:-200} batch=${BATCH:-32}
    else
        arch=${ARCH:-resnetv2-tiny} size=${IMAGE_SIZE:-64} epochs=${EPOCHS:-2} per_grade=${PER_GRADE:-24} batch=${BATCH:-16}
    fi
    echo "== end to end in $work: $arch at $size px, $epochs epochs + 1 resumed, $per_grade images per grade, batch $batch"
    local t=$SECONDS
    "$cli" synth --out "$work/data" --per-grade "$per_grade" --size "$size" --seed 7 --quiet || status=1
    echo "synth: $(find "$work/data" -type f -name '*.png' | wc -l) PNG files in $((SECONDS - t)) s"
    t=$SECONDS
    "$cli" train --data "$work/data" --out "$work/run" --arch "$arch" --image-size "$size" --epochs "$epochs" \
        --batch "$batch" --lr 1e-3 --device "$device" --seed 42 2>&1 | tr '\r' '\n' >"$work/train.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    grep -E '  (starting|epoch [0-9]+/|finished|failed)' "$work/run/train.log" 2>/dev/null
    echo "train: $((SECONDS - t)) s; trainer (loader → network → Adam, validation included): median $(trainer_rate "$work/run") training images/s"
    grep -m 1 '  input: ' "$work/run/train.log"
    t=$SECONDS
    "$cli" train --data "$work/data" --out "$work/run-host" --arch "$arch" --image-size "$size" --epochs 1 \
        --batch "$batch" --lr 1e-3 --device "$device" --seed 42 --augment-on host >"$work/train-host.log" 2>&1 || status=1
    echo "one epoch with --augment-on host: $((SECONDS - t)) s, $(trainer_rate "$work/run-host") training images/s"
    t=$SECONDS
    "$cli" train --resume "$work/run" --epochs $((epochs + 1)) --device "$device" 2>&1 | tr '\r' '\n' >"$work/resume.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    grep -E 'resumed after|  epoch [0-9]+/' "$work/run/train.log" | tail -n 2
    echo "resume: $((SECONDS - t)) s"
    t=$SECONDS
    "$cli" evaluate --checkpoint "$work/run/best.kgckpt" --data "$work/data" --csv "$work/evaluation.csv" \
        --device "$device" >"$work/evaluate.log" 2>&1 || status=1
    grep -E 'accuracy|weighted' "$work/evaluate.log" | head -n 4
    echo "evaluate: $(($(wc -l <"$work/evaluation.csv") - 1)) images in $((SECONDS - t)) s"
    t=$SECONDS
    mapfile -t images < <(find "$work/data/test" -name '*.png' | sort | head -n 32)
    "$cli" predict --checkpoint "$work/run/best.kgckpt" "${images[@]}" --gradcam "$work/gradcam" --csv "$work/predict.csv" \
        --device "$device" >"$work/predict.log" 2>&1 || status=1
    echo "predict + Grad-CAM: $(ls "$work/gradcam" 2>/dev/null | grep -c '\.gradcam\.png$') overlays of ${#images[@]} images in $((SECONDS - t)) s"
    if [ -x "$build/bench/bench_loader" ]; then
        echo "== the loader alone (decode + preprocess + augment the train/ PNGs, batch 16)"
        timeout 300 "$build/bench/bench_loader" --dir "$work/data" --epochs 3 --device "$device" 2>&1 | tail -n 6
    fi

    if [ -z "${SKIP_TRAIN_GPU:-}" ]; then
        echo "== train_gpu --device $device (the trainer's device path on in-memory tensors)"
        timeout 300 "$build/bench/train_gpu" --device "$device" --out "$work" $([ "$device" = cpu ] && echo --quick) |
            tee "$work/train_gpu.log"
        local rc=${PIPESTATUS[0]}
        [ "$rc" -eq 0 ] || { echo "train_gpu exited with $rc"; status=1; }
    fi
    if [ "$device" = cuda ] && [ -x "$build/bench/bench_trainer" ]; then
        echo "== bench_trainer: kg::Trainer, resnet152v2 + head at 224 px, in-memory batches, per precision and batch"
        timeout 400 "$build/bench/bench_trainer" --device cuda --out "$work/bench_trainer" --json "$work/bench_trainer.jsonl" ||
            status=1
    fi
    if [ "$device" = cuda ] && [ -x "$build/bench/bench_adam" ]; then
        echo "== Adam over ResNet152V2's parameters on CUDA: torch::optim::Adam::step vs kg::adamStep's kernels"
        timeout 300 "$build/bench/bench_adam" --device cuda --steps 20 2>&1 | tail -n 6 || status=1
    fi
    if [ -z "${SKIP_PYTHON:-}" ] && [ "$device" = cuda ] && python3 -c 'import torch' 2>/dev/null; then
        echo "== Python eager reference (bench/gpu/python_reference.py), batch 32-256, channels-last, fp32 (TF32) and bf16"
        timeout 400 python3 bench/gpu/python_reference.py --device cuda --batch 32 64 128 256 --precision fp32 bf16 \
            --memory-format channels_last | tee "$work/python_reference.jsonl"
        local prc=${PIPESTATUS[0]}
        [ "$prc" -eq 0 ] || { echo "python_reference.py exited with $prc"; status=1; }
        python3 bench/gpu/side_by_side.py "$work/bench_trainer.jsonl" "$work/python_reference.jsonl" || status=1
    elif [ -z "${SKIP_PYTHON:-}" ]; then
        echo "== Python eager reference skipped ($([ "$device" = cuda ] && echo "PyTorch not importable" || echo "CPU run"))"
    fi
    if [ -z "${SKIP_DISTRIBUTED:-}" ]; then
        distributed_epoch gloo "$work/run-gloo"
        if [ "$device" = cuda ]; then
            # The NCCL backend: only kneegrade_distributed recompiles with it (nccl.h from the wheel).
            local nccl_include
            nccl_include=$(python3 -c 'import nvidia.nccl, os; print(os.path.join(list(nvidia.nccl.__path__)[0], "include"))' 2>/dev/null)
            if cmake -S . -B "$build" -DKNEEGRADE_NCCL=ON ${nccl_include:+-DNCCL_INCLUDE_DIR="$nccl_include"} >"$work/nccl-build.log" 2>&1 &&
                cmake --build "$build" --target kneegrade-cli >>"$work/nccl-build.log" 2>&1; then
                distributed_epoch nccl "$work/run-nccl"
            else
                echo "NCCL backend not built:"; tail -n 5 "$work/nccl-build.log"; status=1
            fi
        fi
    fi
    echo "== done in $((SECONDS - started)) s, status $status"
    return $status
}

run 2>&1 | tee "$log"
exit "${PIPESTATUS[0]}"
