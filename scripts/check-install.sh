#!/usr/bin/env bash
# Installs the release build into a temporary prefix and builds a tiny consumer project against
# it with find_package(mpicsim), then runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install build --prefix "$prefix" >/dev/null
cmake -S tests/consumer -B "$prefix/consumer-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/consumer-build" -j"$(nproc)" >/dev/null
"$prefix/consumer-build/consumer"
test -x "$prefix/bin/mpicsim"
echo "check-install: find_package(mpicsim) consumer built and ran against $prefix"
