#!/usr/bin/env bash
# Strong scaling of the distributed run (issue 14): one study (benchmarks/mpi-scaling-2025.json
# unless another is given) run by one process, then by mpirun with 1 and 2 ranks of one thread
# each, --trials none. Prints each run's wall time, the whole job's trials/s and the efficiency
# T(1 rank) / (2 × T(2 ranks)), and checks that the three summaries are the same bytes.
#   benchmarks/mpi-scaling.sh [SCENARIO] [MPICSIM]   (default: build-mpi/sim/cli/mpicsim)
# Needs $MPICSIM_DATA with the 2025-09-01 CAIDA snapshot.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scenario=${1:-$root/benchmarks/mpi-scaling-2025.json}
mpicsim=${2:-$root/build-mpi/sim/cli/mpicsim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpirun=(mpirun --oversubscribe --allow-run-as-root)

timed() {  # timed NAME COMMAND...: runs it, prints and records its wall time
  local name=$1
  shift
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/$name.log"
  end=$(date +%s.%N)
  awk "BEGIN { print $end - $start }" >"$work/$name.seconds"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timed single "$mpicsim" run "$scenario" --out "$work/single" --threads 1 --trials none
timed ranks1 "${mpirun[@]}" -np 1 "$mpicsim" run "$scenario" --out "$work/ranks1" --threads 1 \
  --trials none
timed ranks2 "${mpirun[@]}" -np 2 "$mpicsim" run "$scenario" --out "$work/ranks2" --threads 1 \
  --trials none
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in ranks1 ranks2; do
  cmp "$work/single/summary.csv" "$work/$run/summary.csv"
  cmp "$work/single/summary.json" "$work/$run/summary.json"
done
trials=$(grep -o '"trial_units": [0-9]*' "$work/single/manifest.json" | grep -o '[0-9]*$')
pairs=$(grep -c '"policy_source"' "$work/single/manifest.json")
for run in single ranks1 ranks2; do
  seconds=$(cat "$work/$run.seconds")
  printf '%-7s %7.2f s  %9.0f trials/s (%s units x %s configuration/policy pairs)\n' "$run" \
    "$seconds" "$(awk "BEGIN { print $trials * $pairs / $seconds }")" "$trials" "$pairs"
done
printf 'efficiency 1 -> 2 ranks: %.2f\n' \
  "$(awk "BEGIN { print $(cat "$work/ranks1.seconds") / (2 * $(cat "$work/ranks2.seconds")) }")"
grep -h "shards computed" "$work/ranks2.log"
echo "summaries identical: yes"
