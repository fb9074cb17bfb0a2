#!/usr/bin/env bash
# Builds the CLI and the Qt-free tests with -DMPICSIM_WITH_CHARTS=OFF -DMPICSIM_BUILD_GUI=OFF
# (Qt6 hidden from CMake, whether installed or not), checks that `mpicsim` links no Qt library,
# and runs the engine, reader and CLI tests against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
if dpkg-query -W -f='${Status}' qt6-base-dev 2>/dev/null | grep -q "install ok installed"; then
  echo "check-without-qt: note: Qt is installed here; CMake is told not to look for it"
fi
cmake --preset cli-only >/dev/null
cmake --build --preset cli-only -j"$jobs" --target mpicsim tests-engine tests-io tests-cli
if ldd build-cli-only/sim/cli/mpicsim | grep -i 'libqt'; then
  echo "check-without-qt: mpicsim built with MPICSIM_WITH_CHARTS=OFF links Qt" >&2
  exit 1
fi
echo "check-without-qt: mpicsim links no Qt library"
ctest --preset cli-only -j"$jobs" -L 'engine|io|cli'
