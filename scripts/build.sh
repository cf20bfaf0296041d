#!/usr/bin/env bash
# Configures (once) and builds the Release tree in build/release with every core.
set -euo pipefail
cd "$(dirname "$0")/.."
# With ccache, paths relative to the checkout let a fresh clone elsewhere reuse the cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(pwd)}"
# Core's sources share a torch precompiled header; ccache caches them only with this.
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
cmake --preset release >/dev/null
cmake --build --preset release
