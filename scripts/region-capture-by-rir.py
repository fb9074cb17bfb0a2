#!/usr/bin/env python3
"""Capture rates of one-region CA configurations by the adversary's RIR, and how often two of
them disagree, from a study's trials.csv (scenarios/region-model-sensitivity.json).

usage: scripts/region-capture-by-rir.py RESULTS_DIR AS_ORG2INFO_FILE

The one-region configurations are the scenario's `aws-REGION` ones (one remote, policy
"custom(required=1;no-primary)"); one is captured in a trial when its certificate is issued to
the attacker. The adversary's RIR is the `source` of its
AS line in CAIDA's as-org2info file (national registries of the APNIC region count as APNIC),
the rule RegionalAttachment::rirOfRegistry applies. Adversaries the file does not list are
counted under "unknown"."""
import csv
import gzip
import itertools
import sys
from collections import defaultdict

APNIC_NATIONAL = {"JPNIC", "KRNIC", "TWNIC", "CNNIC", "IDNIC", "VNNIC", "IRINN"}


def registry_rir(source):
    source = source.split(",")[0]
    if source in APNIC_NATIONAL:
        return "APNIC"
    if source in ("RIPE", "RIPENCC", "RIPE NCC"):
        return "RIPE"
    return source if source in ("ARIN", "APNIC", "LACNIC", "AFRINIC") else "unknown"


def read_rirs(path):
    opener = gzip.open if path.endswith(".gz") else open
    rirs, in_ases = {}, False
    with opener(path, "rt", encoding="utf-8", errors="replace") as text:
        for line in text:
            if line.startswith("# format:aut|"):
                in_ases = True
            elif line.startswith("# format:"):
                in_ases = False
            elif in_ases and not line.startswith("#") and line.strip():
                fields = line.rstrip("\n").split("|")
                rirs[int(fields[0])] = registry_rir(fields[-1])
    return rirs


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    rirs = read_rirs(sys.argv[2])
    issued = defaultdict(dict)  # ca -> (victim, adversary) -> issued
    with open(sys.argv[1] + "/trials.csv", newline="") as trials:
        for row in csv.DictReader(trials):
            if row["policy"].startswith("custom(required=1") and row["ca"].startswith("aws-"):
                issued[row["ca"]][(int(row["victim"]), int(row["adversary"]))] = row["issued"] == "1"
    single = sorted(issued)
    order = ["ARIN", "RIPE", "APNIC", "LACNIC", "AFRINIC", "unknown"]
    print("capture rate by adversary RIR (trials captured / trials)")
    print("%-20s" % "configuration" + "".join("%16s" % rir for rir in order))
    for ca in single:
        counts = defaultdict(lambda: [0, 0])
        for (_, adversary), captured in issued[ca].items():
            cell = counts[rirs.get(adversary, "unknown")]
            cell[0] += captured
            cell[1] += 1
        print("%-20s" % ca + "".join(
            "%16s" % ("%.4f (%d)" % (counts[r][0] / counts[r][1], counts[r][1]) if counts[r][1] else "-")
            for r in order))
    print("\ndisagreements (trials where exactly one of the two is captured; adversaries involved)")
    for a, b in itertools.combinations(single, 2):
        differ = [key for key in issued[a] if issued[a][key] != issued[b].get(key)]
        print("  %s vs %s: %d trials, %d adversaries" % (a, b, len(differ), len({k[1] for k in differ})))


if __name__ == "__main__":
    main()
