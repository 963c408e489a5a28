#!/usr/bin/env python3
"""Turns a bench/paired.sh results directory into one Markdown table of ratios against CPython.

    python3 bench/python/paired_report.py RESULTS/paired > RESULTS/paired.md

Each round holds, per payload, CPython's timings (rR-PAYLOAD-cpython.json) and the JMH rows taken right after
(rR-PAYLOAD-javaVERSION.json). A round's ratio is picklewire's median ops/s over CPython's median ops/s from
that same round; the table gives the median of those ratios over the rounds, each round's ratio, and the
verdict against the issue's 2x CPython targets. Where the JMH files hold Pyrolite's rows too (BENCH set to
include them), the last column is picklewire over Pyrolite, median over rounds, against 2x (loads) / 3x (dumps).
"""
import collections
import glob
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import ORDER, TARGETS, fmt, load_jmh  # noqa: E402  (same directory)

FILE = re.compile(r"r(\d+)-(\w+)-(cpython|java[\w.+-]+)\.json")


def load_cpython(path):
    return {(r["payload"], r["protocol"], r["op"]): r["ops_per_s"] for r in json.load(open(path))["results"]}


def main():
    out = sys.argv[1]
    cpython = {}  # (round, payload) -> {(payload, proto, op): ops/s}
    java = collections.defaultdict(dict)  # java name -> {(round, payload): jmh rows}
    for path in sorted(glob.glob(os.path.join(out, "r*-*.json"))):
        m = FILE.fullmatch(os.path.basename(path))
        if not m:
            continue
        rnd, payload, who = int(m.group(1)), m.group(2), m.group(3)
        if who == "cpython":
            cpython[(rnd, payload)] = load_cpython(path)
        else:
            java[who[4:]][(rnd, payload)] = load_jmh(path)[0]
    print("## Ratios against CPython, measured in pairs (bench/paired.sh)\n")
    machine = os.path.join(out, "machine.txt")
    if os.path.exists(machine):
        print("```\n" + open(machine).read().strip() + "\n```\n")
    print("| JVM | payload | proto | op | picklewire ops/s (median of rounds) | CPython ops/s | ratio per round "
          "| median ratio | target | x Pyrolite (same forks' run) |")
    print("| --- | --- | ---: | --- | ---: | ---: | --- | ---: | --- | ---: |")
    for name in sorted(java):
        for payload in ORDER:
            for proto in (2, 5):
                for op in ("loads", "dumps"):
                    pw, cp, ratios, vs_pyrolite = [], [], [], []
                    for (rnd, p), rows in sorted(java[name].items()):
                        got = rows.get((payload, proto, "picklewire", op)) if p == payload else None
                        ref = cpython.get((rnd, payload), {}).get((payload, proto, op))
                        pyrolite = rows.get((payload, proto, "pyrolite", op)) if p == payload else None
                        if got and pyrolite:
                            vs_pyrolite.append(got[0] / pyrolite[0])
                        if got and ref:
                            pw.append(got[0])
                            cp.append(ref)
                            ratios.append(got[0] / ref)
                    if not ratios:
                        continue
                    med = statistics.median(ratios)
                    need, need_pyrolite = TARGETS[op]
                    verdict = "met" if med >= need else f"MISSED (needs {need:g}x)"
                    pyro = "-"
                    if vs_pyrolite:
                        pm = statistics.median(vs_pyrolite)
                        pyro = f"{pm:.2f}x" + ("" if pm >= need_pyrolite else f" (MISSED, needs {need_pyrolite:g}x)")
                    print(f"| {name} | {payload} | {proto} | {op} | {fmt(statistics.median(pw))} "
                          f"| {fmt(statistics.median(cp))} | {', '.join(f'{r:.2f}' for r in ratios)} "
                          f"| {med:.2f}x | {verdict} | {pyro} |")


if __name__ == "__main__":
    main()
