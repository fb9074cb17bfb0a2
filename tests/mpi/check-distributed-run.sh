#!/usr/bin/env bash
# The distributed run (issue 14) end to end, on loopback: every output file of a 1-, 2- and
# 4-rank job equals the single-process run's byte for byte (manifest.json up to its times and
# thread count); a job whose worker rank is killed (kill -9), or that is interrupted (SIGINT to
# mpirun), and that is then resumed ends equal too; ranks started on different scenarios or
# topologies, a rank that cannot read its scenario, and an output folder of another study stop
# every rank with a clear error and leave the folder as it was. `mpicsim optimize` on 1, 2 and
# 4 ranks writes outcome-matrix.bin, holdout-matrix.bin, optimize.json and evaluated-sets.csv
# byte for byte as the single-process run, for a scenario with nothing held out
# (optimize-classroom.json) and a sampled one with held-out units (cloud-placement-2025.json
# with 30 victims and 30 adversaries: 1,800 units, 29 words a plane).
#   check-distributed-run.sh MPICSIM_BINARY SOURCE_DIR WORK_DIR
# Needs the 2025-09-01 CAIDA snapshot in $MPICSIM_DATA (for the kill test). Exits non-zero on
# the first difference.
set -euo pipefail
mpicsim=$1
source_dir=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
mpirun=(mpirun --oversubscribe --allow-run-as-root)
quick="$source_dir/scenarios/quick-start.json"
large="$source_dir/scenarios/every-adversary-2025.json"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# manifest.json without what differs between two runs of one study: times and threads.
manifest_core() {
  grep -v -E '"(started_at|finished_at|resumed_at|threads)"|^ *"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z",?$|^ *\],?$' "$1"
}

# Every file of run $1 equals run $2's, and both hold the same files.
same_outputs() {
  local expected=$1 actual=$2
  diff <(cd "$expected" && find . -type f | sort) <(cd "$actual" && find . -type f | sort) ||
    fail "$actual holds other files than $expected"
  while IFS= read -r file; do
    if [ "$file" = ./manifest.json ]; then
      diff <(manifest_core "$expected/$file") <(manifest_core "$actual/$file") >/dev/null ||
        fail "$actual/manifest.json differs from $expected/manifest.json"
    else
      cmp "$expected/$file" "$actual/$file" || fail "$actual/$file differs from $expected/$file"
    fi
  done < <(cd "$expected" && find . -type f | sort)
  echo "same files: $actual = $expected"
}

echo "== single-process references"
"$mpicsim" run "$quick" --out "$work/single-csv" --threads 2 >/dev/null
"$mpicsim" run "$quick" --out "$work/single-gz" --threads 1 --trials csv.gz >/dev/null
"$mpicsim" run "$quick" --out "$work/single-none" --threads 2 --trials none >/dev/null

echo "== 1, 2 and 4 ranks"
"${mpirun[@]}" -np 1 "$mpicsim" run "$quick" --out "$work/np1" --threads 2 >/dev/null
same_outputs "$work/single-csv" "$work/np1"
"${mpirun[@]}" -np 2 "$mpicsim" run "$quick" --out "$work/np2" --threads 1 >/dev/null
same_outputs "$work/single-csv" "$work/np2"
"${mpirun[@]}" -np 4 "$mpicsim" run "$quick" --out "$work/np4" --threads 1 >/dev/null
same_outputs "$work/single-csv" "$work/np4"
"${mpirun[@]}" -np 2 "$mpicsim" run "$quick" --out "$work/np2-gz" --threads 2 --trials csv.gz \
  >/dev/null
same_outputs "$work/single-gz" "$work/np2-gz"
"${mpirun[@]}" -np 4 "$mpicsim" run "$quick" --out "$work/np4-none" --threads 1 --trials none \
  >/dev/null
same_outputs "$work/single-none" "$work/np4-none"

echo "== optimize on 1, 2 and 4 ranks"
sed 's/"sample": 200/"sample": 30/g' "$source_dir/scenarios/cloud-placement-2025.json" \
  >"$work/cloud-placement-small.json"
grep -q '"sample": 30' "$work/cloud-placement-small.json" || fail "cloud-placement-2025.json changed"
for scenario in "$source_dir/scenarios/optimize-classroom.json" "$work/cloud-placement-small.json"; do
  name=$(basename "$scenario" .json)
  "$mpicsim" optimize "$scenario" --out "$work/opt-$name-single" --threads 2 >/dev/null 2>&1
  for ranks in 1 2 4; do
    "${mpirun[@]}" -np "$ranks" "$mpicsim" optimize "$scenario" --out "$work/opt-$name-np$ranks" \
      --threads $((ranks == 1 ? 2 : 1)) >/dev/null 2>"$work/opt-$name-np$ranks.log" ||
      fail "optimize on $ranks ranks failed: $(cat "$work/opt-$name-np$ranks.log")"
    same_outputs "$work/opt-$name-single" "$work/opt-$name-np$ranks"
  done
done
[ -f "$work/opt-cloud-placement-small-single/holdout-matrix.bin" ] ||
  fail "the sampled scenario wrote no held-out matrix"
# With --matrix rank 0 reads the matrix and the ranks build only the held-out one.
"${mpirun[@]}" -np 2 "$mpicsim" optimize "$work/cloud-placement-small.json" --out "$work/opt-given" \
  --threads 1 --matrix "$work/opt-cloud-placement-small-single/outcome-matrix.bin" >/dev/null 2>&1 ||
  fail "optimize --matrix on 2 ranks failed"
for file in holdout-matrix.bin optimize.json evaluated-sets.csv; do
  cmp "$work/opt-cloud-placement-small-single/$file" "$work/opt-given/$file" ||
    fail "optimize --matrix on 2 ranks: $file differs"
done
grep -q "outcome-matrix words computed by rank 0..3:" "$work/opt-cloud-placement-small-np4.log" ||
  fail "rank 0 did not say which rank built which words"

echo "== a killed rank, then --resume"
"$mpicsim" run "$large" --out "$work/single-large" --threads 2 --trials none >/dev/null
"${mpirun[@]}" -np 2 "$mpicsim" run "$large" --out "$work/killed" --threads 1 --trials none \
  >/dev/null 2>"$work/killed.log" &
job=$!
# Rank 1 is killed once progress.json counts a shard (the first checkpoint, after 2 s).
victim=""
while kill -0 "$job" 2>/dev/null; do
  if grep -q '"shards_done":[1-9]' "$work/killed/progress.json" 2>/dev/null; then
    for pid in $(pgrep -P "$job" || true); do
      if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx OMPI_COMM_WORLD_RANK=1; then
        victim=$pid
      fi
    done
    [ -n "$victim" ] && kill -9 "$victim" && break
  fi
  sleep 0.1
done
wait "$job" && status=0 || status=$?
if [ -n "$victim" ]; then
  [ "$status" -ne 0 ] || fail "the job whose rank 1 was killed exited with status 0"
  echo "rank 1 (pid $victim) killed; mpirun exited with status $status; kept: $(cat "$work/killed/progress.json" | head -c 40)..."
else
  echo "note: the job ended before rank 1 could be killed (status $status); resuming it anyway"
fi
"${mpirun[@]}" -np 2 "$mpicsim" run "$large" --out "$work/killed" --threads 1 --resume \
  >/dev/null 2>"$work/resumed.log"
grep -q "resuming at shard" "$work/resumed.log" || fail "the resumed job did not resume"
same_outputs "$work/single-large" "$work/killed"

echo "== Ctrl-C (SIGINT to mpirun), then --resume"
"${mpirun[@]}" -np 2 "$mpicsim" run "$large" --out "$work/interrupted" --threads 1 --trials none \
  >/dev/null 2>"$work/interrupted.log" &
job=$!
until grep -q '"shards_done":[1-9]' "$work/interrupted/progress.json" 2>/dev/null ||
  ! kill -0 "$job" 2>/dev/null; do
  sleep 0.1
done
kill -INT "$job" 2>/dev/null || true
wait "$job" && status=0 || status=$?
if grep -q "interrupted after" "$work/interrupted.log"; then
  [ "$status" -ne 0 ] || fail "the interrupted job exited with status 0"
  grep "interrupted after" "$work/interrupted.log"
else
  echo "note: the job ended before it could be interrupted (status $status)"
fi
"${mpirun[@]}" -np 2 "$mpicsim" run "$large" --out "$work/interrupted" --threads 1 --resume \
  >/dev/null 2>&1
same_outputs "$work/single-large" "$work/interrupted"

echo "== ranks on different scenarios or topologies"
sed 's/"seed": 2023/"seed": 2024/' "$quick" >"$work/other-seed.json"
if "${mpirun[@]}" -np 1 "$mpicsim" run "$quick" --out "$work/mixed" : \
  -np 1 "$mpicsim" run "$work/other-seed.json" --out "$work/mixed" >/dev/null 2>"$work/mixed.log"; then
  fail "ranks on different scenario files ran"
fi
[ "$(grep -c "started on different studies: rank 1's scenario file" "$work/mixed.log")" -eq 2 ] ||
  fail "not every rank named the different scenario file: $(cat "$work/mixed.log")"
[ ! -e "$work/mixed" ] || fail "ranks on different scenarios wrote $work/mixed"
for side in a b; do
  mkdir -p "$work/$side/scenarios" "$work/$side/topology_data/classroom"
  cp "$source_dir/scenarios/classroom.json" "$work/$side/scenarios/"
  cp "$source_dir/topology_data/classroom/classroom-links.txt" "$work/$side/topology_data/classroom/"
done
echo "# the same links, another file" >>"$work/b/topology_data/classroom/classroom-links.txt"
if "${mpirun[@]}" -np 1 "$mpicsim" run "$work/a/scenarios/classroom.json" --out "$work/mixed" : \
  -np 1 "$mpicsim" run "$work/b/scenarios/classroom.json" --out "$work/mixed" \
  >/dev/null 2>"$work/mixed.log"; then
  fail "ranks on different topologies ran"
fi
[ "$(grep -c "started on different studies: rank 1's topology" "$work/mixed.log")" -eq 2 ] ||
  fail "not every rank named the different topology: $(cat "$work/mixed.log")"
[ ! -e "$work/mixed" ] || fail "ranks on different topologies wrote $work/mixed"

if "${mpirun[@]}" -np 1 "$mpicsim" run "$source_dir/scenarios/classroom.json" --out "$work/mixed" : \
  -np 1 "$mpicsim" run "$work/missing.json" --out "$work/mixed" >/dev/null 2>"$work/mixed.log"; then
  fail "a job with a rank that cannot read its scenario ran"
fi
grep -q "rank 1: mpicsim run: error: $work/missing.json" "$work/mixed.log" ||
  fail "rank 1 did not say why: $(cat "$work/mixed.log")"
[ "$(grep -c "rank(s) 1 of 2 could not set up the study" "$work/mixed.log")" -eq 2 ] ||
  fail "not every rank stopped with the same error: $(cat "$work/mixed.log")"
[ ! -e "$work/mixed" ] || fail "a job with a rank that failed wrote $work/mixed"

echo "== an output folder of another study"
before=$(cd "$work/np2" && find . -type f -exec sha256sum {} + | sort)
for resume in "" --resume; do
  if "${mpirun[@]}" -np 2 "$mpicsim" run "$source_dir/scenarios/classroom.json" --out "$work/np2" \
    $resume >/dev/null 2>"$work/other.log"; then
    fail "a study ran into the folder of another ($resume)"
  fi
  [ "$(grep -c -E "already holds a run|scenario or the topology changed" "$work/other.log")" -eq 2 ] ||
    fail "not every rank refused the folder of another study: $(cat "$work/other.log")"
done
[ "$before" = "$(cd "$work/np2" && find . -type f -exec sha256sum {} + | sort)" ] ||
  fail "the folder of another study was changed"

echo "PASS"
