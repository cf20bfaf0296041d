#!/usr/bin/env bash
# Fills .gpu/sysroot with the Debian 12 packages a headless KneeGrade build needs besides
# LibTorch and the compiler, for a GPU node that has neither apt nor network: the packages
# are fetched with `apt-get download` (no install, no root) and unpacked with `dpkg -x`.
# Carry .gpu/sysroot.tar.gz to the node (e.g. the device tool's carry); run_gpu_checks.sh
# unpacks it there into .gpu/sysroot and builds against it.
#   scripts/gpu-sysroot.sh            fetch and unpack, then print the size per package
# The node must run a glibc at least as new as Debian 12's (2.36). Only the packages that
# KneeGrade's own link lines name are fetched, not their whole dependency closure: a library
# they pull in at run time that the node lacks shows in `ldd build/gpu/app/cli/kneegrade-cli`
# there, and its package is added to EXTRA_PACKAGES.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # OpenCV core, imgproc, imgcodecs: headers, CMake package, libraries
  libopencv-dev libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  libopencv-core406 libopencv-imgproc406 libopencv-imgcodecs406
  # DICOM: GDCM and DCMTK
  libgdcm-dev libgdcm3.0 libdcmtk-dev libdcmtk17
  # HDF5 (Keras .h5 import), libjpeg, nlohmann-json, GoogleTest (the Qt-free tests)
  libhdf5-dev libhdf5-103-1 libjpeg62-turbo-dev libjpeg62-turbo nlohmann-json3-dev libgtest-dev
)
# shellcheck disable=SC2206
packages+=(${EXTRA_PACKAGES:-})

root=.gpu/sysroot
downloads=.gpu/debs
mkdir -p "$root" "$downloads"
(cd "$downloads" && apt-get download "${packages[@]}")
for deb in "$downloads"/*.deb; do
    dpkg -x "$deb" "$root"
done
# Documentation, programs and static libraries are not needed on the node (the build links
# the shared ones): 110 MB unpacked becomes 76 MB, 20 MB as the tarball that is carried.
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/bin"
find "$root" -name '*.a' -delete
tar -C .gpu -czf .gpu/sysroot.tar.gz sysroot
du -sh "$root" .gpu/sysroot.tar.gz
