#!/usr/bin/env bash
# Refreshes docs/screenshots/*.png from a real window under xvfb-run: the demo dataset, a
# short training run on it (so the curves show), the runs browser comparing it with a second
# run of another seed, the evaluation of that run's best
# checkpoint, a generated bilateral knee film graded per joint (two boxes with Grad-CAM), a
# chest radiograph flagged out of distribution, a real CR at full depth, the Help pages and the
# About dialog.
#
#   scripts/screenshots.sh [BUILD_DIR] [EPOCHS]
#
# BUILD_DIR defaults to build/release (scripts/build.sh); EPOCHS (default 25, the quick-look preset) is the length
# of the training run; ~2 s per epoch on an idle 2-core CPU. KNEEGRADE_SCREEN (default 1600x1000)
# sets the virtual screen, e.g. 1024x700 to check the layout on a small one. Settings, cache and the run go to a
# temporary folder, so the user's own KneeGrade settings stay untouched. KNEEGRADE_LANGUAGE (en, the
# default, de or es) sets the interface language; other than English, each file is named NAME-LANG.png
# (KNEEGRADE_LANGUAGE=de scripts/screenshots.sh gives dataset-de.png, train-de.png, …).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/release}"
epochs="${2:-25}"
app="$build/app/gui/kneegrade"
out="$root/docs/screenshots"
[[ -x "$app" ]] || { echo "no $app: build the kneegrade target first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (apt install xvfb)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
export XDG_RUNTIME_DIR="$work/runtime" && mkdir -m 700 -p "$XDG_RUNTIME_DIR"
mkdir -p "$out"
export KNEEGRADE_LANGUAGE="${KNEEGRADE_LANGUAGE:-en}"
suffix=""
[[ "$KNEEGRADE_LANGUAGE" == en ]] || suffix="-$KNEEGRADE_LANGUAGE"

shot() {
  local name="$1"; shift
  echo "== $name"
  xvfb-run -a -s "-screen 0 ${KNEEGRADE_SCREEN:-1600x1000}x24 -dpi 96" "$app" "$@" --screenshot "$out/$name$suffix.png"
}

shot dataset --demo --workspace dataset
shot train --demo --workspace train --train --epochs "$epochs" --run-dir "$work/run"
checkpoint="$work/run/best.kgckpt"
[[ -f "$checkpoint" ]] || { echo "training left no $checkpoint" >&2; exit 1; }
# A second run on the same demo data with another seed (kneegrade-cli): the runs browser lists
# both and compares their validation curves.
demo="$(find "$XDG_CACHE_HOME" -maxdepth 4 -type d -name demo-dataset | head -n 1)"
[[ -d "$demo" ]] || { echo "no demo dataset under $XDG_CACHE_HOME" >&2; exit 1; }
"$build/app/cli/kneegrade-cli" train --data "$demo" --out "$work/run-seed-7" --preset cpu-quick-look --seed 7 \
  --epochs "$(( epochs > 1 ? epochs * 3 / 5 : 1 ))" >/dev/null
shot runs --demo --workspace runs --run-dir "$work/run-seed-7"
shot evaluate --demo --workspace evaluate --checkpoint "$checkpoint" --evaluate
# A generated bilateral standing AP film: the localiser finds both knees, each is graded in its box.
cli="$build/app/cli/kneegrade-cli"
"$cli" synth --full 1 --out "$work/films" --seed 5 --scale 0.5 >/dev/null
film="$(find "$work/films" -name '*bilateral*.png' | sort | head -n 1)"
[[ -f "$film" ]] || { echo "kneegrade-cli synth --full left no bilateral film in $work/films" >&2; exit 1; }
shot predict --demo --workspace predict --checkpoint "$checkpoint" --image "$film"
# A chest radiograph: unlike the training images, so its grade is greyed out with the warning.
chest="$root/../shared/data/radiographs/NIH_CXR_DX_8bit.dcm"
[[ -f "$chest" ]] && shot predict-ood --demo --workspace predict --checkpoint "$checkpoint" --image "$chest"
# A real 10-bit MONOCHROME1 CR (../shared/data/radiographs) at full depth, in the file's window.
dicom="$root/../shared/data/radiographs/RG3_J2KR.dcm"
[[ -f "$dicom" ]] && shot predict-dicom --demo --workspace predict --checkpoint "$checkpoint" --image "$dicom"
# The Help pages: the four workspaces on one page, and the KL grades with an example of each from the demo.
shot help-getting-started --demo --workspace getting-started
shot help-kl-grades --demo --workspace kl-grades
shot about --workspace about
echo "screenshots in $out"
