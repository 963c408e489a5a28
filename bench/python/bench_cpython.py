#!/usr/bin/env python3
"""Times CPython's own pickle.loads and pickle.dumps on the benchmark payload files, timeit-style.

    python3 bench/python/bench_cpython.py PAYLOAD_DIR OUT.json [--repeat 5] [--min-time 0.2] [--only NAME,...]

For each file NAME.pPROTO.pickle: loads of the file's bytes, and dumps (at the same protocol) of the value it
decodes to. Each repeat runs the operation enough times to last at least --min-time seconds (at least once);
the reported figure is the median over --repeat repeats, as timeit's users are told to read it. The garbage
collector stays on, as in a real program (timeit turns it off; we do not, because the Java side pays for its GC).
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("payload_dir")
    ap.add_argument("out")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.2)
    ap.add_argument("--only", default="")
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
        for op, fn in (("loads", lambda: pickle.loads(data)),
                       ("dumps", lambda: pickle.dumps(value, protocol=protocol))):
            median, number, runs = time_op(fn, args.repeat, args.min_time)
            row = {"payload": entry["name"], "protocol": protocol, "op": op, "bytes": len(data),
                   "median_s": median, "ops_per_s": 1.0 / median, "mb_per_s": len(data) / median / 1e6,
                   "number": number, "repeats_s": runs}
            results.append(row)
            print(f"cpython {op:5} {entry['name']:13} p{protocol}: {median * 1e3:10.3f} ms/op "
                  f"{1.0 / median:12.1f} ops/s {len(data) / median / 1e6:9.1f} MB/s", flush=True)
        del value
        gc.collect()
    with open(args.out, "w") as f:
        json.dump({"python": sys.version, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
