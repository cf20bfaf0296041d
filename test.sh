#!/usr/bin/env bash
# Sets up, builds and runs every test (ctest), printing the output of any failure.
#   ./test.sh              all tests
#   ./test.sh -R decode    ctest arguments are passed on
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh
./scripts/build.sh

cd build/release
ctest --output-on-failure --timeout 900 "$@"
