#!/usr/bin/env bash
# Installs the Debian 12 packages KneeGrade needs, only those missing (a no-op when all are
# present). Used by ./run.sh and ./test.sh; safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools libqcustomplot-dev qt6-qpa-plugins qt6-translations-l10n
  libtorch-dev libopenblas0-pthread
  libopencv-dev libjpeg-dev libgdcm-dev libgdcm-tools libdcmtk-dev libhdf5-dev libgloo-dev
  nlohmann-json3-dev libssl-dev zlib1g-dev libgtest-dev
  python3 python3-h5py python3-numpy python3-sklearn
  poppler-utils xvfb xauth fonts-dejavu-core
  dpkg-dev desktop-file-utils appstream librsvg2-bin help2man   # the .deb: shlibdeps, checks, icons, man page
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
