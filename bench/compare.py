"""Compares a benchmark result with the recorded baseline: prints every figure side by side and
flags the ones more than 20% worse (higher latency, or lower throughput)."""
import json
import sys


def flatten(prefix, value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(f"{prefix}.{k}" if prefix else k, v, out)
    else:
        out[prefix] = value
    return out


result = flatten("", json.load(open(sys.argv[1])), {})
try:
    baseline = flatten("", json.load(open(sys.argv[2])), {})
except FileNotFoundError:
    baseline = {}
worse = []
for key, value in result.items():
    base = baseline.get(key)
    note = ""
    if base:
        higher_is_better = key.endswith("PerSecond")
        ratio = value / base if base else 1
        if (higher_is_better and ratio < 0.8) or (not higher_is_better and ratio > 1.2 and key.endswith("ms")):
            note = "  <-- more than 20% worse"
            worse.append(key)
    print(f"{key:45} {value:>12} {'' if base is None else base:>12}{note}")
if worse:
    print(f"{len(worse)} figure(s) more than 20% worse than bench/baseline.json")
