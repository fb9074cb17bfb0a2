#!/usr/bin/env bash
# Builds mpicsim without Qt (-DMPICSIM_WITH_CHARTS=OFF -DMPICSIM_BUILD_GUI=OFF), checks that the
# binary links no Qt library, that `run` writes results without plots and says so once, that
# `plot` explains why it cannot draw, and runs that build's test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build-nocharts}"
jobs="$(nproc)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DMPICSIM_WITH_CHARTS=OFF \
      -DMPICSIM_BUILD_GUI=OFF -DMPICSIM_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j"$jobs"
mpicsim="$build/sim/cli/mpicsim"
if ldd "$mpicsim" | grep -i qt; then
    echo "check-without-charts: $mpicsim links Qt" >&2
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
ctest --test-dir "$build" -j"$jobs" --output-on-failure
echo "check-without-charts: $mpicsim links no Qt; run and plot say the build has no charts"
