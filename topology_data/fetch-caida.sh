#!/usr/bin/env bash
# Downloads one CAIDA AS Relationships snapshot (serial-2) into the data directory's caida/
# folder ($MPICSIM_DATA, else $XDG_DATA_HOME/mpicsim, else ~/.local/share/mpicsim), where a
# scenario's "caida": "YYYY-MM-DD" finds it; checks it, and prints the citation CAIDA asks for.
# Then fetches CAIDA's AS-to-organisation file (YYYYMMDD.as-org2info.txt.gz, published
# quarterly) of the latest quarter not after the snapshot, which the regional model of cloud
# regions needs; when none of the four quarters before is available it says so and goes on.
#   usage: topology_data/fetch-caida.sh YYYYMMDD [--dir DIR]
# CAIDA publishes serial-2 snapshots on the first day of each month since 2015-12; serial-1
# (BGP-only) files go back to 1998 and are read by mpicsim as well (fetch them by hand from
# the serial-1 folder) and put them beside it.
set -euo pipefail

die() { echo "fetch-caida.sh: error: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "give a snapshot date, e.g. 20250901 (usage: fetch-caida.sh YYYYMMDD [--dir DIR])"
date="$1"; shift
data="${MPICSIM_DATA:-${XDG_DATA_HOME:-${HOME:?set MPICSIM_DATA or HOME}/.local/share}/mpicsim}"
default_dir="$data/caida"
dir="$default_dir"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) [ $# -ge 2 ] || die "--dir needs a directory"; dir="$2"; shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[[ "$date" =~ ^(19|20)[0-9]{2}(0[1-9]|1[0-2])01$ ]] ||
  die "'$date' is not a snapshot date: CAIDA's snapshots are YYYYMM01, e.g. 20250901"

base="${MPICSIM_CAIDA_BASE_URL:-https://publicdata.caida.org/datasets/as-relationships/serial-2}"
name="$date.as-rel2.txt.bz2"
mkdir -p "$dir"
target="$dir/$name"
partial="$target.partial"

if command -v curl >/dev/null 2>&1; then
  curl --fail --location --silent --show-error --output "$partial" "$base/$name" ||
    { rm -f "$partial"; die "could not download $base/$name (no such snapshot, or no network)"; }
elif command -v wget >/dev/null 2>&1; then
  wget --quiet --output-document="$partial" "$base/$name" ||
    { rm -f "$partial"; die "could not download $base/$name (no such snapshot, or no network)"; }
else
  die "neither curl nor wget is installed (apt-get install curl)"
fi

command -v bzip2 >/dev/null 2>&1 || { rm -f "$partial"; die "bzip2 is needed to check the file (apt-get install bzip2)"; }
bzip2 --test "$partial" 2>/dev/null || { rm -f "$partial"; die "$name is not a valid bzip2 file"; }
bad=$(bzip2 -dc "$partial" | grep -v '^#' | grep -Evc '^[0-9]+\|[0-9]+\|(-1|0)\|(bgp|mlp|bgp,mlp|mlp,bgp)$' || true)
links=$(bzip2 -dc "$partial" | grep -vc '^#' || true)
if [ "$links" -eq 0 ] || [ "$bad" -ne 0 ]; then
  rm -f "$partial"
  die "$name does not look like a CAIDA serial-2 file ($links links, $bad malformed lines)"
fi
mv "$partial" "$target"
sha=$(sha256sum "$target" | cut -d' ' -f1)
iso="${date:0:4}-${date:4:2}-${date:6:2}"
echo "fetched $target"
echo "  $links links; sha256 $sha"
if [ "$dir" = "$default_dir" ]; then
  echo "Point a scenario at it with: \"topology\": {\"caida\": \"$iso\"}"
else
  echo "Point a scenario at it with: \"topology\": {\"caida\": \"$target\"}" \
    "(or by date, \"$iso\", with MPICSIM_DATA=$(dirname "$dir") when the folder is named caida)"
fi
echo
echo "CAIDA asks that results made with this file cite it as:"
echo "  The CAIDA AS Relationships Dataset, $iso, https://www.caida.org/catalog/datasets/as-relationships/"

# The AS-to-organisation file: quarterly (January, April, July, October), so the first quarter
# start not after the snapshot, then up to three earlier ones.
org_base="${MPICSIM_CAIDA_ORG_BASE_URL:-https://publicdata.caida.org/datasets/as-organizations}"
year=$((10#${date:0:4})); month=$((10#${date:4:2}))
month=$(( (month - 1) / 3 * 3 + 1 ))
fetched_org=""
for _ in 1 2 3 4; do
  org_name=$(printf '%04d%02d01.as-org2info.txt.gz' "$year" "$month")
  org_partial="$dir/$org_name.partial"
  if { command -v curl >/dev/null 2>&1 &&
       curl --fail --location --silent --output "$org_partial" "$org_base/$org_name"; } ||
     { ! command -v curl >/dev/null 2>&1 &&
       wget --quiet --output-document="$org_partial" "$org_base/$org_name"; }; then
    if gzip --test "$org_partial" 2>/dev/null &&
       [ "$(gzip -dc "$org_partial" | grep -c '^# format:aut|')" -ge 1 ]; then
      mv "$org_partial" "$dir/$org_name"
      fetched_org="$dir/$org_name"
      break
    fi
  fi
  rm -f "$org_partial"
  month=$((month - 3)); if [ "$month" -lt 1 ]; then month=10; year=$((year - 1)); fi
done
echo
if [ -n "$fetched_org" ]; then
  org_iso="${fetched_org##*/}"; org_iso="${org_iso:0:4}-${org_iso:4:2}-${org_iso:6:2}"
  echo "fetched $fetched_org (AS-to-organisation table; the regional model of cloud regions uses it)"
  echo "  cite it as: The CAIDA AS Organizations Dataset, $org_iso, https://www.caida.org/catalog/datasets/as-organizations/"
else
  echo "note: no AS-to-organisation file of the four quarters up to $iso at $org_base;" \
    "cloud regions will route as their cloud's AS (region model cloud-as) until one is in $dir"
fi
