#!/usr/bin/env python3
"""Times CPython's own pickle.loads and pickle.dumps on the benchmark payload files, timeit-style.

    python3 bench/python/bench_cpython.py PAYLOAD_DIR OUT.json [--repeat 5] [--min-time 0.2] [--only NAME,...]

For each file NAME.pPROTO.pickle: loads of the file's bytes, dumps (at the same protocol) of the value it
decodes to, and, with --fresh, fresh-dumps: dumps of a value decoded afresh before each call (untimed), as a
program that builds a value and sends it once has it. Each repeat runs the operation enough times to last at
least --min-time seconds (at least once); the reported figure is the median over --repeat repeats, as
timeit's users are told to read it. The garbage collector stays on, as in a real program (timeit turns it off;
we do not, because the Java side pays for its GC).
"""
import argparse
import gc
import json
import os
import pickle
import statistics
import sys
import time


def time_op(fn, repeat, min_time):
    fn()  # warm-up, and the first run of a 100 MB payload touches fresh memory
    t0 = time.perf_counter()
    fn()
    once = time.perf_counter() - t0
    number = max(1, int(min_time / once) if once > 0 else 1000)
    per_op = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        per_op.append((time.perf_counter() - t0) / number)
    return statistics.median(per_op), number, per_op


def time_fresh(data, protocol, repeat, min_time):
    """dumps of a value decoded again before every call; only the dumps calls are timed."""
    per_op, number = [], 0
    pickle.dumps(pickle.loads(data), protocol=protocol)  # warm-up
    for _ in range(repeat):
        spent, number = 0.0, 0
        while spent < min_time or number == 0:
            value = pickle.loads(data)
            t0 = time.perf_counter()
            pickle.dumps(value, protocol=protocol)
            spent += time.perf_counter() - t0
            number += 1
            del value
        per_op.append(spent / number)
    return statistics.median(per_op), number, per_op


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("payload_dir")
    ap.add_argument("out")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.2)
    ap.add_argument("--only", default="")
    ap.add_argument("--fresh", action="store_true", help="also time dumps of a freshly decoded value")
    args = ap.parse_args()
    with open(os.path.join(args.payload_dir, "manifest.json")) as f:
        manifest = json.load(f)
    only = set(filter(None, args.only.split(",")))
    results = []
    for entry in manifest["files"]:
        if only and entry["name"] not in only:
            continue
        with open(os.path.join(args.payload_dir, entry["file"]), "rb") as f:
            data = f.read()
        value = pickle.loads(data)
        protocol = entry["protocol"]
        ops = [("loads", lambda: time_op(lambda: pickle.loads(data), args.repeat, args.min_time)),
               ("dumps", lambda: time_op(lambda: pickle.dumps(value, protocol=protocol), args.repeat, args.min_time))]
        if args.fresh:
            ops.append(("fresh-dumps", lambda: time_fresh(data, protocol, args.repeat, args.min_time)))
        for op, timed in ops:
            median, number, runs = timed()
            row = {"payload": entry["name"], "protocol": protocol, "op": op, "bytes": len(data),
                   "median_s": median, "ops_per_s": 1.0 / median, "mb_per_s": len(data) / median / 1e6,
                   "number": number, "repeats_s": runs}
            results.append(row)
            print(f"cpython {op:11} {entry['name']:13} p{protocol}: {median * 1e3:10.3f} ms/op "
                  f"{1.0 / median:12.1f} ops/s {len(data) / median / 1e6:9.1f} MB/s", flush=True)
        del value
        gc.collect()
    with open(args.out, "w") as f:
        json.dump({"python": sys.version, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
