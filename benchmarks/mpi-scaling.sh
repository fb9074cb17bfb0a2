#!/usr/bin/env bash
# Strong scaling of the distributed run (issue 14): one study (benchmarks/mpi-scaling-2025.json
# unless another is given) run by one process, then by mpirun with 1 and 2 ranks of one thread
# each, --trials none. Prints each run's wall and CPU time (every rank's), the whole job's
# trials/s (trial units, as elsewhere in the README), the efficiency T(1 rank) / (2 × T(2 ranks)) and the CPU the second rank adds, and
# checks that the three summaries are the same bytes.
#   benchmarks/mpi-scaling.sh [SCENARIO] [MPICSIM]   (default: build-mpi/sim/cli/mpicsim)
# Needs $MPICSIM_DATA with the 2025-09-01 CAIDA snapshot.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scenario=${1:-$root/benchmarks/mpi-scaling-2025.json}
mpicsim=${2:-$root/build-mpi/sim/cli/mpicsim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mpirun=(mpirun --oversubscribe --allow-run-as-root)

timed() {  # timed NAME COMMAND...: runs it and records its wall and CPU seconds (all ranks)
  local name=$1
  shift
  local TIMEFORMAT='%R %U %S'
  { time "$@" >/dev/null 2>"$work/$name.log"; } 2>"$work/$name.time"
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
  read -r wall user system <"$work/$run.time"
  printf '%-7s %7.2f s wall %7.2f s CPU  %9.0f trials/s (%s trial units, %s configuration/policy pairs each)\n' \
    "$run" "$wall" "$(awk "BEGIN { print $user + $system }")" \
    "$(awk "BEGIN { print $trials / $wall }")" "$trials" "$pairs"
done
read -r wall1 user1 system1 <"$work/ranks1.time"
read -r wall2 user2 system2 <"$work/ranks2.time"
printf 'efficiency 1 -> 2 ranks: %.2f (wall: T1 / (2 T2)); CPU of 2 ranks / CPU of 1: %.2f\n' \
  "$(awk "BEGIN { print $wall1 / (2 * $wall2) }")" \
  "$(awk "BEGIN { print ($user2 + $system2) / ($user1 + $system1) }")"
grep -h "shards computed" "$work/ranks2.log"
echo "summaries identical: yes"
