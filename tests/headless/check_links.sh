#!/usr/bin/env bash
# check_links.sh BINARY FORBIDDEN_REGEX — fails when `ldd BINARY` lists a library matching
# the regex (e.g. the trainer's programs must not load OpenCV, HDF5 or Qt).
set -euo pipefail
binary=$1 forbidden=$2
libraries=$(ldd "$binary")
if found=$(grep -E "$forbidden" <<<"$libraries"); then
    echo "$binary loads libraries it must not ($forbidden):"
    echo "$found"
    exit 1
fi
echo "$binary: $(wc -l <<<"$libraries") shared libraries, none matching $forbidden"
