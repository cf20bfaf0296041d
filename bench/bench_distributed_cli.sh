#!/usr/bin/env bash
# The trainer as it really runs several ranks: kneegrade-cli train as one process with every
# core vs --nproc 2 (processes, one core each), same global batch, same files, in turn PAIRS
# times; prints the median epoch seconds of epochs 2..EPOCHS and the all-reduce wait per step.
# Results: docs/PERFORMANCE.md, "Several processes (c10d)".
#   bash bench/bench_distributed_cli.sh [build/release]   (ARCH, SIZE, PER_GRADE, BATCH, EPOCHS, PAIRS)
set -euo pipefail
build=${1:-build/release}
cli="$build/app/cli/kneegrade-cli"
arch=${ARCH:-resnet50v2} size=${SIZE:-96} per_grade=${PER_GRADE:-40} batch=${BATCH:-16} epochs=${EPOCHS:-3} pairs=${PAIRS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/kneegrade-bench-ranks-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$cli" synth --out "$work/data" --per-grade "$per_grade" --size "$size" --seed 3 --quiet >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {if (NR) printf "%.3f", (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2); else print "n/a"}'; }
# Epoch seconds of epochs 2.. (history.csv's last column) of run folder $1.
epoch_seconds() { awk -F, 'NR > 2 {print $7}' "$1/history.csv"; }

for pair in $(seq "$pairs"); do
    for ranks in 1 2; do
        run="$work/run-$ranks-$pair"
        args=(train --data "$work/data" --out "$run" --arch "$arch" --image-size "$size" --epochs "$epochs" --batch "$batch"
              --lr 1e-3 --no-augment --no-early-stopping --workers 1)
        if [ "$ranks" = 1 ]; then "$cli" "${args[@]}" >/dev/null 2>&1; else "$cli" "${args[@]}" --nproc 2 >/dev/null 2>&1; fi
        epoch_seconds "$run" >>"$work/seconds-$ranks"
        grep -o 'all-reduce waits [0-9.]*' "$run/train.log" | awk 'NR > 1 {print $3}' >>"$work/waits-$ranks" || true
    done
done
train=$(grep -o '[0-9]* train / [0-9]* val' "$work/run-1-1/train.log" | head -n 1)
one=$(median <"$work/seconds-1") two=$(median <"$work/seconds-2")
echo "$arch at $size px, global batch $batch, $train images, epochs 2..$epochs of $pairs runs each, in turn:"
echo "  1 process, $(nproc) threads   $one s/epoch"
echo "  2 ranks, 1 thread each  $two s/epoch  ($(awk -v a="$one" -v b="$two" 'BEGIN {printf "%.2f", a / b}')x the speed; all-reduce waited $(median <"$work/waits-2") ms/step)"
