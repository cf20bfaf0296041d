#!/usr/bin/env bash
# The .deb, end to end: builds it (cmake --build --target kneegrade-deb builds what it packs,
# then runs cpack), unpacks it into a throw-away root with dpkg -x (nothing is installed on
# the machine), checks its metadata and files, runs the installed kneegrade-cli and starts
# the installed kneegrade offscreen; both must find their decoder helper and localiser weights
# relative to themselves. Usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }

root=$(mktemp -d /tmp/kneegrade-install-test.XXXXXX)
trap 'rm -rf "$root"' EXIT

echo "== building the .deb"
cmake --build "$build" --target kneegrade-deb > "$root/cpack.log" 2>&1 || { cat "$root/cpack.log"; fail "kneegrade-deb"; }
deb=$(ls -t "$build"/packages/kneegrade_*.deb | head -n 1)
[ -f "$deb" ] || fail "no .deb in $build/packages"
echo "$deb ($(du -h "$deb" | cut -f1))"

echo "== dpkg-deb --info"
dpkg-deb --info "$deb" | tee "$root/info.txt"
depends=$(sed -n 's/^ Depends: //p' "$root/info.txt")
[ -n "$depends" ] || fail "the package has no Depends"
for lib in libc6 libstdc++6 libqt6widgets6 libqt6core6 libtorch libopencv-imgcodecs libgdcm libdcmtk qt6-qpa-plugins; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
grep -q "Architecture: $(dpkg --print-architecture)" "$root/info.txt" || fail "wrong architecture"

echo "== dpkg -x"
inst="$root/root"
dpkg -x "$deb" "$inst"
for f in usr/bin/kneegrade usr/bin/kneegrade-cli usr/libexec/kneegrade/kneegrade-decoder \
         usr/share/kneegrade/localiser/knee-localiser.kgloc \
         usr/share/applications/org.kneegrade.KneeGrade.desktop \
         usr/share/metainfo/org.kneegrade.KneeGrade.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/org.kneegrade.KneeGrade.svg \
         usr/share/icons/hicolor/48x48/apps/org.kneegrade.KneeGrade.png \
         usr/share/icons/hicolor/256x256/apps/org.kneegrade.KneeGrade.png \
         usr/share/man/man1/kneegrade-cli.1.gz usr/share/doc/kneegrade/copyright; do
  [ -s "$inst/$f" ] || fail "the package lacks /$f"
done
zcat "$inst/usr/share/man/man1/kneegrade-cli.1.gz" | grep -q '^\.TH KNEEGRADE-CLI "1"' || fail "man page header"
zcat "$inst/usr/share/man/man1/kneegrade-cli.1.gz" | grep -q 'evaluate' || fail "man page lacks the commands"
# Nothing installed points into the source or build tree (RUNPATH, scripts, desktop files).
src=$(cd "$(dirname "$0")/../.." && pwd)
for exe in "$inst"/usr/bin/* "$inst"/usr/libexec/kneegrade/*; do
  if readelf -d "$exe" | grep -E 'RPATH|RUNPATH' | grep -qE "$src|$build"; then fail "$exe has a build-tree RUNPATH"; fi
done
if grep -rlE "$src|$build" "$inst/usr/share" >/dev/null; then fail "files under /usr/share name the source or build tree"; fi

echo "== desktop file, MIME association, metainfo"
desktop="$inst/usr/share/applications/org.kneegrade.KneeGrade.desktop"
desktop-file-validate "$desktop"
appstreamcli validate --no-net --pedantic "$inst/usr/share/metainfo/org.kneegrade.KneeGrade.metainfo.xml" ||
  appstreamcli validate --no-net "$inst/usr/share/metainfo/org.kneegrade.KneeGrade.metainfo.xml"
mime=$(sed -n 's/^MimeType=//p' "$desktop")
for type in application/dicom image/png image/jpeg image/tiff inode/directory; do
  tr ';' '\n' <<<"$mime" | grep -qx "$type" || fail "MimeType lacks $type: $mime"
done
grep -qE '^Exec=kneegrade %[FU]$' "$desktop" || fail "Exec does not pass the files: $(grep ^Exec= "$desktop")"
# application/dicom must be a type the system knows (shared-mime-info, or the package's own XML).
grep -qs 'type="application/dicom"' /usr/share/mime/packages/*.xml "$inst"/usr/share/mime/packages/*.xml ||
  fail "no shared-mime-info definition of application/dicom"

echo "== the installed programs, from their own folders"
unset KNEEGRADE_DECODER KNEEGRADE_LOCALISER
export LD_LIBRARY_PATH="$inst/usr/lib:$inst/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export HOME="$root/home" XDG_CONFIG_HOME="$root/home/.config" XDG_DATA_HOME="$root/home/.local/share" \
       XDG_CACHE_HOME="$root/home/.cache" XDG_RUNTIME_DIR="$root/run" OMP_NUM_THREADS=2
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
cd "$root"
"$inst/usr/bin/kneegrade-cli" --version
"$inst/usr/bin/kneegrade-cli" info --arch resnetv2-small | tee "$root/cli-info.txt"
grep -q "decoder.*: $inst/usr/libexec/kneegrade/kneegrade-decoder\$" "$root/cli-info.txt" ||
  fail "the installed kneegrade-cli does not use the installed decoder helper"
# A generated DICOM radiograph: decoded by the installed helper, its knees found by the
# installed localiser weights.
"$inst/usr/bin/kneegrade-cli" synth --full 1 --out "$root/films" --scale 0.3 --dicom --no-png > /dev/null
dicom=$(find "$root/films" -name '*.dcm' | head -n 1)
[ -n "$dicom" ] || fail "synth wrote no DICOM"
"$inst/usr/bin/kneegrade-cli" localise "$dicom" | tee "$root/localise.txt"
grep -qiE 'left|right' "$root/localise.txt" || fail "the installed CLI found no knee on a generated film"

# The desktop application, offscreen on a 1366x768 screen, started the way a file manager
# starts it for a DICOM (the desktop file's Exec line, %F = the file): it opens the file in
# Predict through its decoder helper, saves the window once it settles and quits. A first run
# (no saved settings) must fit the screen.
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
read -r -a command <<<"${exec_line/\%F/$dicom}"
[ "${command[0]}" = kneegrade ] || fail "Exec does not start kneegrade: $exec_line"
command[0]="$inst/usr/bin/kneegrade"
printf '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}' > "$root/screen.json"
QT_QPA_PLATFORM="offscreen:configfile=$root/screen.json" timeout 120 "${command[@]}" --screenshot "$root/predict.png" \
    > "$root/gui.log" 2>&1 || { cat "$root/gui.log"; fail "the installed kneegrade did not start"; }
[ -s "$root/predict.png" ] || fail "the installed kneegrade saved no screenshot"
read -r width height < <(python3 -c 'import struct, sys; print(*struct.unpack(">II", open(sys.argv[1], "rb").read(24)[16:24]))' "$root/predict.png")
echo "first-run window on a 1366x768 screen: ${width}x${height}"
[ "$width" -le 1366 ] && [ "$height" -le 740 ] || fail "the first-run window (${width}x${height}) does not fit a 1366x768 screen"
# The same start without the file shows something else (the file was opened, not ignored).
QT_QPA_PLATFORM="offscreen:configfile=$root/screen.json" timeout 120 "$inst/usr/bin/kneegrade" \
    --screenshot "$root/plain.png" >> "$root/gui.log" 2>&1 || { cat "$root/gui.log"; fail "the installed kneegrade did not start without a file"; }
[ -s "$root/plain.png" ] || fail "the installed kneegrade saved no screenshot without a file"
if cmp -s "$root/plain.png" "$root/predict.png"; then fail "kneegrade ignored the file the desktop file passed it"; fi
QT_QPA_PLATFORM=offscreen timeout 120 "$inst/usr/bin/kneegrade" --workspace about \
    --screenshot "$root/about.png" >> "$root/gui.log" 2>&1 || { cat "$root/gui.log"; fail "the installed kneegrade did not show About"; }
[ -s "$root/about.png" ] || fail "the installed kneegrade saved no screenshot of About"
if grep -qiE 'decoder|localiser' "$root/gui.log"; then cat "$root/gui.log"; fail "the installed kneegrade complained about its helper or weights"; fi
echo "PASS: $(basename "$deb") installs into a throw-away root and runs"
