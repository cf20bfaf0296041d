#!/bin/sh
# Writes the seed corpus of the fuzzers (docs/RELIABILITY.md, "Fuzzing"):
#   scripts/make-fuzz-corpus.sh [OUT]        (default: build/fuzz/corpus)
# OUT/radiograph  PNG/JPEG/TIFF/BMP (fuzz_write_seeds, OpenCV), synthetic DICOM in many transfer
#                 syntaxes and the real radiographs' headers with small pixel data
#                 (make-fuzz-corpus.py; the real files in ../shared are never copied)
# OUT/checkpoint  complete checkpoints of tiny models (fuzz_write_seeds) and odd headers
# OUT/keras_h5    Keras weights for fuzz_keras_h5's model in every layout
# Needs the fuzz build (cmake --preset fuzz && cmake --build --preset fuzz) for
# fuzz_write_seeds; without it only the Python-made seeds are written.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/build/fuzz/corpus"}
python=/usr/bin/python3
[ -x "$python" ] || python=python3
seeds=${KNEEGRADE_FUZZ_WRITE_SEEDS:-"$root/build/fuzz/fuzz/fuzz_write_seeds"}

mkdir -p "$out/radiograph" "$out/checkpoint" "$out/keras_h5"
if [ -x "$seeds" ]; then
    # The seed writer is built with ASan like everything in the fuzz build; torch's
    # start-up allocations are not ours to report.
    ASAN_OPTIONS=detect_leaks=0 "$seeds" "$out/radiograph" "$out/checkpoint"
else
    echo "make-fuzz-corpus.sh: $seeds is not built: no PNG/JPEG/TIFF/BMP or complete checkpoint seeds" >&2
    echo "  (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
fi
"$python" "$root/scripts/make-fuzz-corpus.py" --out "$out" \
    --shared "$(cd "$root/.." && pwd)/shared/data/radiographs"
du -sh "$out"/* | sed 's/^/make-fuzz-corpus.sh: /'
