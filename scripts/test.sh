#!/usr/bin/env bash
# Configures and builds mpicsim (Release, tests and benchmarks), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
cmake --preset release >/dev/null
cmake --build --preset release -j"$jobs"
ctest --preset release -j"$jobs"
