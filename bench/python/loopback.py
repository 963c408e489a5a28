#!/usr/bin/env python3
"""Python's side of the end-to-end loopback benchmarks, on 127.0.0.1, one connection, sender in its own process.

    python3 bench/python/loopback.py SCENARIO [--repeats 5] [--messages N] [--big-count N]

Scenarios (prints one JSON line each, with every repeat and the median):
  tutorial-framing   the tutorial's framing done right: the sender writes header and payload in one sendall per
                     message (10-byte left-justified ASCII length, pickle.dumps at the default protocol); the
                     receiver reads through a buffered file, takes exactly 10 header bytes then exactly the
                     payload, never assuming where recv() splits the stream, and unpickles every message.
  mp-connection      multiprocessing.connection: Client.send(obj) / Listener-side Connection.recv().
  *-bytes100m        the same two with a 100,000,000-byte bytes object as the message (MB/s of payload).
"""
import argparse
import json
import os
import pickle
import random
import socket
import statistics
import subprocess
import sys
import time
from multiprocessing.connection import Client, Listener

HEADERSIZE = 10
TUTORIAL = {1: "hi", 2: "there"}
BIG = 100_000_000


def big_bytes():
    return random.Random(42).randbytes(BIG)


def message(big):
    return big_bytes() if big else TUTORIAL


# ---- sender side (a child process) ----

def send_framing(port, n, big):
    value = message(big)
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(n):
            msg = pickle.dumps(value)
            if big:
                # A 100 MB message: do not copy it into header+payload, send the two back to back.
                s.sendall(bytes(f"{len(msg):<{HEADERSIZE}}", "utf-8"))
                s.sendall(msg)
            else:
                s.sendall(bytes(f"{len(msg):<{HEADERSIZE}}", "utf-8") + msg)


def send_mp(port, n, big):
    value = message(big)
    with Client(("127.0.0.1", port)) as c:
        for _ in range(n):
            c.send(value)


# ---- receiver side (this process) ----

def receive_framing(n, big):
    with socket.create_server(("127.0.0.1", 0)) as server:
        child = spawn("send-framing", server.getsockname()[1], n, big)
        conn, _ = server.accept()
        start = time.perf_counter()
        units = 0
        with conn, conn.makefile("rb", buffering=1 << 16) as f:
            while True:
                header = f.read(HEADERSIZE)
                if not header:
                    break
                length = int(header)
                payload = f.read(length)
                if len(payload) != length:
                    raise EOFError("stream ended inside a message")
                value = pickle.loads(payload)
                units += len(value) if big else 1
        elapsed = time.perf_counter() - start
        child.wait()
    return units, elapsed


def receive_mp(n, big):
    with Listener(("127.0.0.1", 0)) as listener:
        child = spawn("send-mp", listener.address[1], n, big)
        with listener.accept() as conn:
            start = time.perf_counter()
            units = 0
            for _ in range(n):
                value = conn.recv()
                units += len(value) if big else 1
            elapsed = time.perf_counter() - start
        child.wait()
    return units, elapsed


def spawn(role, port, n, big):
    return subprocess.Popen([sys.executable, os.path.abspath(__file__), role, str(port), str(n), str(int(big))])


def main():
    if len(sys.argv) == 5 and sys.argv[1] in ("send-framing", "send-mp"):
        sender = send_framing if sys.argv[1] == "send-framing" else send_mp
        sender(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1")
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="+")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--messages", type=int, default=200_000)
    ap.add_argument("--big-count", type=int, default=3)
    args = ap.parse_args()
    for scenario in args.scenario:
        big = scenario.endswith("bytes100m")
        receive = receive_framing if scenario.startswith("tutorial-framing") else receive_mp
        n = args.big_count if big else args.messages
        rates = []
        for r in range(args.repeats + 1):  # the first is a warm-up
            units, elapsed = receive(n, big)
            expected = n * BIG if big else n
            if units != expected:
                raise SystemExit(f"{scenario}: received {units}, expected {expected}")
            if r:
                rates.append(units / elapsed / 1e6 if big else units / elapsed)
        print(json.dumps({"scenario": "py-" + scenario, "python": sys.version.split()[0],
                          "unit": "MB/s" if big else "msgs/s", "median": statistics.median(rates), "runs": rates}),
              flush=True)


if __name__ == "__main__":
    main()
