#!/usr/bin/env bash
# check_links.sh BINARY FORBIDDEN_REGEX — fails when BINARY itself links a library matching
# the regex (its NEEDED entries: what our link line gave it), e.g. the trainer's programs must
# not link OpenCV, HDF5 or Qt. What `ldd` lists on top comes from other libraries: Debian's
# CPU LibTorch, for one, loads Qt 5, OpenCV and HDF5 itself; that is shown, not failed.
set -euo pipefail
binary=$1 forbidden=$2
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if found=$(grep -E "$forbidden" <<<"$needed"); then
    echo "$binary links libraries it must not ($forbidden):"
    echo "$found"
    exit 1
fi
echo "$binary links $(wc -l <<<"$needed") libraries, none matching $forbidden:" $needed
if transitive=$(ldd "$binary" | grep -E "$forbidden" | awk '{print $1}'); then
    echo "loaded through other libraries (ldd):" $transitive
fi
