#!/usr/bin/env bash
# Sets up, builds and starts KneeGrade on its built-in demo dataset.
#   ./run.sh                 install what is missing (apt), build Release, start the app
#   ./run.sh --dataset DIR   any arguments are passed on to the app
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh
./scripts/build.sh

args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--demo)
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting KneeGrade under xvfb-run (set DISPLAY to see the window)."
  if [ -z "${XDG_RUNTIME_DIR:-}" ]; then  # the private folder Qt would fall back to, without its warning
    export XDG_RUNTIME_DIR="/tmp/runtime-$(id -u)"
    mkdir -p -m 700 "$XDG_RUNTIME_DIR"
  fi
  exec xvfb-run -a -s "-screen 0 1600x1000x24" ./build/release/app/gui/kneegrade "${args[@]}"
fi
exec ./build/release/app/gui/kneegrade "${args[@]}"
