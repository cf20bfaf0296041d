#!/usr/bin/env bash
# Refreshes translations/*.ts from the ui sources (lupdate -no-obsolete -locations none, the
# options of the kneegrade_ui_lupdate target), then fills the English plural forms.
# Usage: scripts/update-translations.sh [build-dir]   (default build/release)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/release}"
cmake --build "$build" --target kneegrade_ui_lupdate
python3 "$root/scripts/update-translations.py" "$root/translations/kneegrade_en.ts"
# ElementTree's output is valid but not lupdate's layout: let lupdate write it back once more.
cmake --build "$build" --target kneegrade_ui_lupdate >/dev/null
echo "Now translate the new entries of translations/kneegrade_de.ts and kneegrade_es.ts (Qt Linguist)."
