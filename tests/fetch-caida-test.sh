#!/usr/bin/env bash
# Checks topology_data/fetch-caida.sh against a local file:// mirror (no network needed): a good
# serial-2 snapshot is fetched, checked and cited; a bad date, a missing snapshot and a file
# that is not CAIDA's format are refused with exit status 2 and leave nothing behind.
#   usage: fetch-caida-test.sh SOURCE_DIR MPICSIM_BINARY
set -euo pipefail
source_dir="$1"; mpicsim="$2"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mirror" "$work/out"
"$mpicsim" generate-topology --ases 300 --seed 1 --out "$work/topology.txt" >/dev/null
bzip2 -c "$work/topology.txt" >"$work/mirror/20250901.as-rel2.txt.bz2"
echo "1|2|7|bgp" | bzip2 >"$work/mirror/20250801.as-rel2.txt.bz2"
export MPICSIM_CAIDA_BASE_URL="file://$work/mirror"
mkdir -p "$work/org"
printf '# format:org_id|changed|org_name|country|source\nO|1|n|US|ARIN\n# format:aut|changed|aut_name|org_id|opaque_id|source\n1|1|a|O|x|ARIN\n' |
  gzip >"$work/org/20250701.as-org2info.txt.gz"
export MPICSIM_CAIDA_ORG_BASE_URL="file://$work/org"
fetch="$source_dir/topology_data/fetch-caida.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

output=$(bash "$fetch" 20250901 --dir "$work/out")
[ -f "$work/out/20250901.as-rel2.txt.bz2" ] || fail "snapshot not written"
links=$(grep -vc '^#' "$work/topology.txt")
grep -q "$links links" <<<"$output" || fail "link count not reported: $output"
grep -q "The CAIDA AS Relationships Dataset, 2025-09-01, https://www.caida.org/catalog/datasets/as-relationships/" <<<"$output" ||
  fail "citation missing: $output"
"$mpicsim" topology-stats "$work/out/20250901.as-rel2.txt.bz2" | grep -q "ases *300" || fail "not readable by mpicsim"
[ -f "$work/out/20250701.as-org2info.txt.gz" ] || fail "AS-to-organisation file of the quarter not fetched: $output"
grep -q "The CAIDA AS Organizations Dataset, 2025-07-01" <<<"$output" || fail "organisation citation missing: $output"

expect_refusal() {
  local status=0
  bash "$fetch" "$@" --dir "$work/out" 2>"$work/err" >/dev/null || status=$?
  [ "$status" -eq 2 ] || fail "fetch-caida.sh $* exited $status, expected 2"
  grep -q "fetch-caida.sh: error:" "$work/err" || fail "no error message for $*"
}
expect_refusal 20250915
expect_refusal 2025090
expect_refusal 20250701
expect_refusal 20250801
grep -q "does not look like a CAIDA serial-2 file" "$work/err" || fail "format check: $(cat "$work/err")"
[ "$(ls "$work/out" | tr '\n' ' ')" = "20250701.as-org2info.txt.gz 20250901.as-rel2.txt.bz2 " ] ||
  fail "leftovers: $(ls "$work/out")"
echo "fetch-caida.sh: all checks passed"
