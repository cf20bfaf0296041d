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
# Debian's OpenCV CMake package insists on every OpenCV module's library; only core, imgproc
# and imgcodecs are carried, so a package of just those stands in for it.
opencv_cmake="$root/usr/lib/x86_64-linux-gnu/cmake/opencv4"
rm -f "$opencv_cmake"/*.cmake
cat >"$opencv_cmake/OpenCVConfig.cmake" <<'CONFIG'
# OpenCV core, imgproc and imgcodecs from a carried Debian 12 sysroot (scripts/gpu-sysroot.sh).
get_filename_component(_kg_usr "${CMAKE_CURRENT_LIST_DIR}/../../../.." ABSOLUTE)
set(OpenCV_VERSION 4.6.0)
set(OpenCV_INCLUDE_DIRS "${_kg_usr}/include/opencv4")
set(OpenCV_LIBS "")
foreach(_kg_module core imgproc imgcodecs)
  list(APPEND OpenCV_LIBS "${_kg_usr}/lib/x86_64-linux-gnu/libopencv_${_kg_module}.so")
endforeach()
set(OpenCV_FOUND TRUE)
CONFIG
printf 'set(PACKAGE_VERSION 4.6.0)\nset(PACKAGE_VERSION_COMPATIBLE TRUE)\n' >"$opencv_cmake/OpenCVConfig-version.cmake"

# Documentation and static libraries are not needed on the node (the build links the shared
# ones): 110 MB unpacked becomes about 80 MB, about 20 MB as the tarball that is carried.
# GoogleTest is static only, so its archives stay.
rm -rf "$root/usr/share/doc" "$root/usr/share/man"
find "$root" -name '*.a' ! -name 'libgtest*' ! -name 'libgmock*' -delete
tar -C .gpu -czf .gpu/sysroot.tar.gz sysroot
du -sh "$root" .gpu/sysroot.tar.gz
