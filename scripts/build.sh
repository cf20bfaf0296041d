#!/usr/bin/env bash
# Configures (once) and builds the Release tree in build/release with every core.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release
