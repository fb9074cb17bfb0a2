#!/usr/bin/env bash
# Fuzzes every reader with libFuzzer for a bounded time; exits non-zero on any finding.
#   fuzz.sh [SECONDS_PER_READER]   (default 30)
# Configures the `fuzz` preset (clang, ASan + UBSan, build-fuzz/), builds the fuzz_<reader>
# executables, then runs each from its seed corpus tests/fuzz/corpus/<reader>/ (new inputs go
# to build-fuzz/corpus/<reader>/, kept between local runs). A crash, a sanitizer report, an
# exception other than InputError, a timeout or an out-of-memory is copied to
# tests/fuzz/regressions/<reader>/, where FuzzRegressionTest replays it: commit it with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
readers=(caida scenario ca_configuration asn_list asn_weights adoption_scores as_org2info)

start=$SECONDS
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target fuzzers
echo "fuzz: build: $((SECONDS - start)) s"

failed=()
for reader in "${readers[@]}"; do
  corpus="build-fuzz/corpus/$reader"
  findings="build-fuzz/findings/$reader"
  log="build-fuzz/fuzz-$reader.log"
  mkdir -p "$corpus" "$findings"
  dictionary=()
  if [ -f "tests/fuzz/$reader.dict" ]; then
    dictionary=(-dict="tests/fuzz/$reader.dict")
  fi
  status=0
  "build-fuzz/tests/fuzz/fuzz_$reader" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 -artifact_prefix="$findings/" \
    "${dictionary[@]}" "$corpus" "tests/fuzz/corpus/$reader" >"$log" 2>&1 || status=$?
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  coverage=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -o 'cov: [0-9]* ft: [0-9]*' || echo "cov: ?")
  echo "fuzz: fuzz_$reader: $executions executions in ${seconds} s, $coverage, corpus $(ls "$corpus" | wc -l) inputs"
  if [ "$status" -ne 0 ]; then
    failed+=("$reader")
    mkdir -p "tests/fuzz/regressions/$reader"
    for artifact in "$findings"/*; do
      [ -f "$artifact" ] && cp "$artifact" "tests/fuzz/regressions/$reader/"
    done
    echo "fuzz: fuzz_$reader FOUND A PROBLEM (exit $status); its input is in tests/fuzz/regressions/$reader/:" >&2
    grep -E 'ERROR|SUMMARY|terminate|runtime error|==[0-9]+==' "$log" | head -20 >&2 || true
  fi
done
echo "fuzz: done in $((SECONDS - start)) s"
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: findings in: ${failed[*]} (logs in build-fuzz/fuzz-<reader>.log)" >&2
  exit 1
fi
