#!/usr/bin/env bash
# Installs mpicsim's build and test dependencies from Debian 12's packages (clang and
# libclang-rt-14-dev: libFuzzer and the sanitizer runtimes for scripts/fuzz.sh).
#   --without-qt   only what the CLI and the engine need (no Qt: for -DMPICSIM_WITH_CHARTS=OFF
#                  -DMPICSIM_BUILD_GUI=OFF builds)
#   --mpi          the same plus OpenMPI, for the MPI build (cmake --preset mpi)
set -euo pipefail
packages=(
  build-essential cmake g++ make pkg-config bzip2 git curl ca-certificates clang-format ccache
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-graph-dev libbz2-dev zlib1g-dev libssl-dev nlohmann-json3-dev libeigen3-dev
  clang libclang-rt-14-dev
)
qt_packages=(
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev fonts-dejavu-core fontconfig
)
mpi_packages=(libopenmpi-dev openmpi-bin)
case "${1:-}" in
  --without-qt) ;;
  --mpi) packages+=("${mpi_packages[@]}") ;;
  "") packages+=("${qt_packages[@]}") ;;
  *) echo "usage: install-deps.sh [--without-qt|--mpi]" >&2; exit 2 ;;
esac
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
