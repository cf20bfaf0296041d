#!/usr/bin/env bash
# Configures (once) and builds the Release tree in build/release with every core.
set -euo pipefail
cd "$(dirname "$0")/.."
# With ccache, paths relative to the checkout let a fresh clone elsewhere reuse the cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(pwd)}"
cmake --preset release >/dev/null
cmake --build --preset release
