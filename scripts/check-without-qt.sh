#!/usr/bin/env bash
# Builds mpicsim and the Qt-free tests with -DMPICSIM_WITH_CHARTS=OFF -DMPICSIM_BUILD_GUI=OFF
# (the cli-only preset; Qt6 is hidden from CMake, installed or not), checks that the binary
# links no Qt library, that `run` writes results without plots and says so once, that `plot`
# explains why it cannot draw, and runs the engine, reader and CLI tests of that build.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
if dpkg-query -W -f='${Status}' qt6-base-dev 2>/dev/null | grep -q "install ok installed"; then
  echo "check-without-qt: note: Qt is installed here; CMake is told not to look for it"
fi
cmake --preset cli-only >/dev/null
cmake --build --preset cli-only -j"$jobs" --target mpicsim tests-engine tests-io tests-cli
mpicsim=build-cli-only/sim/cli/mpicsim
if ldd "$mpicsim" | grep -i 'libqt'; then
  echo "check-without-qt: $mpicsim links Qt" >&2
  exit 1
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$mpicsim" run scenarios/quick-start.json --out "$out/results" 2>"$out/run.err"
test "$(grep -c 'note: built without charts' "$out/run.err")" -eq 1
test -f "$out/results/summary.csv"
test ! -e "$out/results/plots"
status=0
"$mpicsim" plot "$out/results" 2>"$out/plot.err" || status=$?
test "$status" -eq 2
grep -q 'built without charts' "$out/plot.err"
ctest --preset cli-only -j"$jobs" -L 'engine|io|cli'
echo "check-without-qt: $mpicsim links no Qt; run and plot say the build has no charts"
