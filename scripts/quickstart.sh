#!/usr/bin/env bash
# Quick start: installs the dependencies (Debian 12, as root or with sudo), builds mpicsim and
# runs the classroom study, then says where its summary and plots are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
rm -rf results/classroom
build/sim/cli/mpicsim run scenarios/classroom.json --out results/classroom
echo
echo "Summary: results/classroom/summary.csv (and summary.json)"
echo "Plots:   results/classroom/plots/"
