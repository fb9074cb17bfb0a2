#!/usr/bin/env bash
# Fails when a tracked C++ source is not formatted as .clang-format says (prints the offenders).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run -Werror "${sources[@]}"
echo "check-format: ${#sources[@]} files formatted as .clang-format says"
