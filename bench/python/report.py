#!/usr/bin/env python3
"""Turns one bench/run.sh results directory into Markdown tables with ratios and target checks.

    python3 bench/python/report.py RESULTS_DIR > RESULTS_DIR/summary.md

Reads machine.txt, capabilities.tsv, jmh-java*.json (JMH -rf json with -prof gc), cpython.json and
loopback.jsonl, whichever exist. Figures are medians over measurement iterations (JMH) or repeats (CPython,
loopback); MB/s is the size of CPython's pickle of the payload divided by the time per operation.
"""
import glob
import json
import os
import re
import statistics
import sys

TARGETS = {"loads": (2.0, 2.0), "dumps": (2.0, 3.0)}  # (x CPython, x Pyrolite)
ORDER = ["tutorial", "ints", "floats", "str_int_dict", "records", "bytes100m", "strings", "nested"]


def fmt(x, unit=""):
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:,.0f}{unit}"
    if x >= 1:
        return f"{x:.2f}{unit}"
    return f"{x:.3g}{unit}"


def fmt_bytes(b):
    if b is None:
        return "-"
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if b >= size:
            return f"{b / size:.1f} {unit}"
    return f"{b:.0f} B"


def ratio(a, b):
    return a / b if a and b else None


BENCH = re.compile(r"(picklewire|pyrolite)(Loads|Dumps)|(memcpy)Baseline")


def row_key(payload, proto, bench):
    """(payload, protocol, codec, op); the memory-copy yardstick is codec 'memcpy', op 'copy'."""
    m = BENCH.fullmatch(bench)
    if not m:
        return None
    if m.group(3):
        return (payload, int(proto), "memcpy", "copy")
    return (payload, int(proto), m.group(1), m.group(2).lower())


def gc_name(jvm_args):
    """The collector a fork ran with: the -XX:+Use...GC flag, else the JVM's default (G1 on 17 and 25)."""
    for arg in jvm_args:
        m = re.fullmatch(r"-XX:\+Use(\w+)GC", arg)
        if m:
            return m.group(1) + " GC"
    return "G1 GC (default)"


def load_jmh(path):
    rows, gcs = {}, set()
    for entry in json.load(open(path)):
        p = entry["params"]
        key = row_key(p["payload"], p["protocol"], entry["benchmark"].rsplit(".", 1)[1])
        if key is None:
            continue
        gcs.add(gc_name(entry.get("jvmArgs", [])))
        raw = [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
        alloc = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        rows[key] = (statistics.median(raw), alloc)
    return rows, (gcs.pop() if len(gcs) == 1 else "G1 GC (default)")


def load_jmh_log(path):
    """The same rows from JMH's text log, for a run stopped before it wrote its JSON."""
    rows = {}
    text = open(path, errors="replace").read()
    pattern = (r"# Benchmark: \S+\.(\w+)\n# Parameters: \(payload = (\w+), "
               r"protocol = (\d)\)(.*?)Result \"")
    m = re.search(r"# VM options: (.*)", text)
    gc = gc_name(m.group(1).split() if m else [])
    for m in re.finditer(pattern, text, re.S):
        bench, payload, proto, body = m.groups()
        key = row_key(payload, proto, bench)
        iters = [float(x) for x in re.findall(r"\nIteration\s+\d+: ([\d.]+) ops/s", body)]
        norms = [float(x) for x in re.findall(r"gc.alloc.rate.norm: ([\d.]+) B/op", body)]
        if key and iters:
            rows[key] = (statistics.median(iters), statistics.median(norms) if norms else None)
    return rows, gc


def copy_speed(jmh, java, misses):
    """The big-payload targets: loads at memory-copy speed or better, dumps within 80 % of it."""
    lines = []
    for (name, proto, codec, op), (copy_ops, _) in sorted(jmh.items()):
        if codec != "memcpy" or name != "bytes100m":
            continue
        if not lines:
            lines = [f"### bytes100m against memory-copy speed on Java {java}", "",
                     "| proto | memcpy ops/s | loads ops/s | loads / memcpy | dumps ops/s | dumps / memcpy | target |",
                     "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        loads = jmh.get((name, proto, "picklewire", "loads"), (None,))[0]
        dumps = jmh.get((name, proto, "picklewire", "dumps"), (None,))[0]
        r_l, r_d = ratio(loads, copy_ops), ratio(dumps, copy_ops)
        ok = (r_l or 0) >= 1.0 and (r_d or 0) >= 0.8
        verdict = "met" if ok else "MISSED (needs loads >= 1x, dumps >= 0.8x memcpy)"
        if not ok:
            misses.append(f"Java {java} bytes100m p{proto}: loads {fmt(r_l)}x, dumps {fmt(r_d)}x memcpy")
        lines.append(f"| {proto} | {fmt(copy_ops)} | {fmt(loads)} | {fmt(r_l, 'x')} | {fmt(dumps)} | "
                     f"{fmt(r_d, 'x')} | {verdict} |")
    return lines + [""] if lines else []


def loopback_targets(by_runtime):
    """The end-to-end targets: 1,500,000 tutorial messages/s on one connection; 100 MB at >= 80 % of the raw pump."""
    python = next((v for k, v in by_runtime.items() if k.startswith("Python")), {})
    best_py = max((python.get(s) or 0 for s in ("py-tutorial-framing", "py-mp-connection")), default=0)
    lines = []
    for runtime, rows in by_runtime.items():
        if not runtime.startswith("Java"):
            continue
        if not lines:
            lines = ["### End-to-end targets", "",
                     "| runtime | target | picklewire | yardstick | ratio | verdict |",
                     "| --- | --- | ---: | ---: | ---: | --- |"]
        msgs, raw = rows.get("pw-tutorial"), rows.get("raw-tutorial")
        if msgs:
            lines.append(f"| {runtime} | >= 1,500,000 tutorial msgs/s | {fmt(msgs)} | 1,500,000 | "
                         f"{fmt(msgs / 1.5e6, 'x')} | {'met' if msgs >= 1.5e6 else 'MISSED'} |")
            if raw:
                lines.append(f"| {runtime} | (beside the raw 43-byte frame pump) | {fmt(msgs)} | {fmt(raw)} | "
                             f"{fmt(msgs / raw, 'x')} | - |")
            if best_py:
                lines.append(f"| {runtime} | (beside Python's best, about 10x asked) | {fmt(msgs)} | {fmt(best_py)} | "
                             f"{fmt(msgs / best_py, 'x')} | {'met' if msgs >= 10 * best_py else 'MISSED'} |")
        big, raw_big = rows.get("pw-bytes100m"), rows.get("raw-bytes100m")
        if big and raw_big:
            lines.append(f"| {runtime} | 100 MB at >= 80 % of the raw pump (MB/s) | {fmt(big)} | {fmt(raw_big)} | "
                         f"{fmt(big / raw_big, 'x')} | {'met' if big >= 0.8 * raw_big else 'MISSED'} |")
    return lines + [""] if lines else []


def main():
    d = sys.argv[1]
    out = []
    if os.path.exists(os.path.join(d, "machine.txt")):
        out += ["## Machine and settings", "", "```", open(os.path.join(d, "machine.txt")).read().strip(), "```", ""]
    sizes, cpython = {}, {}
    cp_path = os.path.join(d, "cpython.json")
    if os.path.exists(cp_path):
        for r in json.load(open(cp_path))["results"]:
            cpython[(r["payload"], r["protocol"], r["op"])] = r["ops_per_s"]
            sizes[(r["payload"], r["protocol"])] = r["bytes"]
    payload_dir = os.environ.get("PICKLEWIRE_PAYLOADS", "bench/target/payloads")
    manifest = os.path.join(payload_dir, "manifest.json")
    if os.path.exists(manifest):
        for e in json.load(open(manifest))["files"]:
            sizes[(e["name"], e["protocol"])] = e["bytes"]
    misses = []
    by_java = {}
    # Untagged runs first, then tagged ones (TAG=-...): a tagged re-run of some payloads replaces their rows.
    logs = glob.glob(os.path.join(d, "jmh-java*.log"))
    for path in sorted(logs, key=lambda p: ("-" in os.path.basename(p)[len("jmh-java"):], p)):
        json_path = path[:-len(".log")] + ".json"
        java = os.path.basename(path)[len("jmh-java"):-len(".log")].split("-")[0]
        try:
            try:
                rows, gc = load_jmh(json_path)
            except (OSError, ValueError):  # no JSON yet: JMH writes it only at the end of the run
                rows, gc = load_jmh_log(path)
            by_java.setdefault(f"{java}, {gc}", {}).update(rows)
        except (ValueError, KeyError) as e:
            out += [f"(could not read {path}: {e})", ""]
    for java, jmh in by_java.items():
        for op in ("loads", "dumps"):
            want_cp, want_py = TARGETS[op]
            out += [f"## {op} on Java {java} (ops/s, median of JMH iterations; alloc per op from -prof gc)", "",
                    "| payload | proto | pickle size | picklewire ops/s | MB/s | alloc/op | Pyrolite ops/s | alloc/op "
                    "| CPython ops/s | pw / CPython | pw / Pyrolite | target |",
                    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
            for name in ORDER:
                for proto in (2, 5):
                    pw = jmh.get((name, proto, "picklewire", op))
                    py = jmh.get((name, proto, "pyrolite", op))
                    cp = cpython.get((name, proto, op))
                    size = sizes.get((name, proto))
                    if not (pw or py or cp):
                        continue
                    pw_ops = pw[0] if pw else None
                    r_cp, r_py = ratio(pw_ops, cp), ratio(pw_ops, py[0] if py else None)
                    if pw_ops is None:
                        verdict = "no picklewire result"
                    else:
                        ok = (r_cp or 0) >= want_cp and (py is None or (r_py or 0) >= want_py)
                        verdict = "met" if ok else f"MISSED (needs {want_cp:g}x CPython, {want_py:g}x Pyrolite)"
                        if py is None:
                            verdict += " (no Pyrolite row: CPython part only)"
                        if not ok:
                            misses.append(f"Java {java} {op} {name} p{proto}: {fmt(r_cp)}x CPython, {fmt(r_py)}x Pyrolite")
                    mbs = pw_ops * size / 1e6 if pw_ops and size else None
                    out.append(f"| {name} | {proto} | {fmt_bytes(size)} | {fmt(pw_ops)} | {fmt(mbs)} | "
                               f"{fmt_bytes(pw[1] if pw else None)} | {fmt(py[0] if py else None)} | "
                               f"{fmt_bytes(py[1] if py else None)} | {fmt(cp)} | {fmt(r_cp, 'x')} | {fmt(r_py, 'x')} | {verdict} |")
            out.append("")
        out += copy_speed(jmh, java, misses)
    if misses:
        out += ["### Codec targets missed", ""] + [f"- {m}" for m in misses] + [""]
    loops = sorted(glob.glob(os.path.join(d, "loopback*.jsonl")))
    if loops:
        out += ["## End to end on loopback (one connection; median of repeats)", "",
                "| scenario | runtime | median | unit | CPU per unit (median) | repeats |",
                "| --- | --- | ---: | --- | ---: | --- |"]
        by_runtime = {}
        for line in (l for loop in loops for l in open(loop)):
            line = line.strip()
            if not line.startswith("{"):
                continue
            r = json.loads(line)
            runtime = ("Java " + r["java"]) if "java" in r else ("Python " + r.get("python", "?"))
            by_runtime.setdefault(runtime, {})[r["scenario"]] = r["median"]
            runs = ", ".join(fmt(x) for x in r["runs"])
            cpu = f"{fmt(r['cpu_median'])} {r['cpu_unit']}" if r.get("cpu_median") else "-"
            out.append(f"| {r['scenario']} | {runtime} | {fmt(r['median'])} | {r['unit']} | {cpu} | {runs} |")
        out.append("")
        out += loopback_targets(by_runtime)
    caps = os.path.join(d, "capabilities.tsv")
    if os.path.exists(caps):
        lines = [l.rstrip("\n").split("\t") for l in open(caps)]
        lines = [l for l in lines if len(l) == 7]  # header and rows only
        out += ["## What each codec can do with each payload", "",
                "| " + " | ".join(lines[0]) + " |", "|" + " --- |" * len(lines[0])]
        out += ["| " + " | ".join(c.replace("|", "/") for c in l) + " |" for l in lines[1:]]
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
