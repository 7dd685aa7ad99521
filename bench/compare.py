"""Compares benchmark results with the recorded baseline: prints every figure side by side and
flags the ones more than 20% worse, in the direction that matters for each figure.

    python3 bench/compare.py [--out MERGED.json] RESULT.json... BASELINE.json

Direction, by the figure's name: throughput (`...PerSecond`) is better higher; times (`...ms`,
`...Ms`, `...Seconds`), ratios (`...Ratio`) and memory (`...MiB`) are better lower; error counts
(`errors`, `non2xx`, `timeouts`) are worse as soon as they exceed the baseline, even from 0.
Counts that describe the run (`samples`, `requests`, `starts`, `lateSends`, `segments`,
`validPairs`, `lateSendShare`) and settings (`ratePerSecond`, `warmUpSeconds`, `segmentSeconds`,
`minimumBakeSeconds`, `setup.*`) are printed, never flagged.

Where a figure is measured against the bare Bolt app in the same run (`ack`, `startup`; and the
`bake` stage's watched against unwatched Baton, `bake.ack`), only the
median of the per-pair ratios (`...RatioMedian`) and the error counts are judged: the absolute
latencies and start times beside them are printed, never flagged, since one noisy machine moves
both apps alike and a single run's absolute figure says more about the machine than about Baton.
An `ack` run whose generator fell behind (`ack.valid` false) is reported and not judged at all."""
import json
import sys

INFORMATIONAL = ("samples", "requests", "starts", "lateSends", "ratePerSecond", "warmUpSeconds",
                 "measuredSeconds", "minimumBakeSeconds", "segments", "segmentSeconds", "validPairs",
                 "lateSendShare", "valid", "limitHits", "concurrentPromotions")
# Stages measured beside the bare app: their absolute figures are printed, only ratios judged.
PAIRED = ("ack.", "startup.", "bake.ack.")
ERRORS = ("errors", "non2xx", "timeouts", "oomKills")


def flatten(prefix, value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(f"{prefix}.{k}" if prefix else k, v, out)
    else:
        out[prefix] = value
    return out


def direction(key):
    """+1 when higher is better, -1 when lower is better, 0 when the figure is not judged."""
    name = key.rsplit(".", 1)[-1]
    if key.startswith("setup.") or ".setup." in key or name in INFORMATIONAL:
        return 0
    if key.startswith(PAIRED) and not name.endswith("RatioMedian") and name not in ERRORS:
        return 0
    if name.endswith("PerSecond"):
        return 1
    if name.lower().endswith("ms") or name.endswith(("Seconds", "Ratio", "RatioMedian", "MiB")):
        return -1
    return 0


def worse(key, value, base):
    name = key.rsplit(".", 1)[-1]
    if not isinstance(value, (int, float)) or not isinstance(base, (int, float)):
        return False
    if name in ERRORS:
        return value > base
    d = direction(key)
    if d == 0 or base == 0:
        return False
    ratio = value / base
    return ratio < 0.8 if d > 0 else ratio > 1.2


def main(argv):
    out_file = None
    if len(argv) > 1 and argv[0] == "--out":
        out_file, argv = argv[1], argv[2:]
    if len(argv) < 2:
        sys.exit(__doc__)
    *result_files, baseline_file = argv
    merged = {}
    for f in result_files:
        merged.update(json.load(open(f)))
    if out_file:
        with open(out_file, "w") as o:
            json.dump(merged, o, indent=1)
    result = flatten("", merged, {})
    ack_invalid = result.get("ack.valid") is False
    if ack_invalid:
        print("ack: the load generator fell behind in more than half the segments; "
              "the run is invalid and its ack figures are not judged")
    try:
        baseline = flatten("", json.load(open(baseline_file)), {})
    except FileNotFoundError:
        baseline = {}
    flagged = []
    print(f"{'figure':52} {'this run':>12} {'baseline':>12}")
    for key, value in result.items():
        base = baseline.get(key)
        note = ""
        judged = not (ack_invalid and key.startswith("ack."))
        if base is not None and judged and worse(key, value, base):
            note = "  <-- more than 20% worse" if key.rsplit(".", 1)[-1] not in ERRORS else "  <-- more errors"
            flagged.append(key)
        print(f"{key:52} {str(value):>12} {'' if base is None else str(base):>12}{note}")
    if flagged:
        print(f"{len(flagged)} figure(s) worse than {baseline_file}: {', '.join(flagged)}")
    else:
        print(f"no figure more than 20% worse than {baseline_file}")


if __name__ == "__main__":
    main(sys.argv[1:])
