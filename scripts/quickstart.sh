#!/usr/bin/env bash
# Quick start: installs the dependencies (Debian 12, as root or with sudo), builds mpicsim and
# runs the default study (scenarios/quick-start.json, on a synthetic Internet of 78,643 ASes),
# then says where its summary and plots are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
rm -rf results/quick-start
build/sim/cli/mpicsim run scenarios/quick-start.json --out results/quick-start
echo
echo "Summary: results/quick-start/summary.csv (and summary.json)"
echo "Plots:   results/quick-start/plots/"
echo "Manifest (everything needed to reproduce it): results/quick-start/manifest.json"
