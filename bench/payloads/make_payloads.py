#!/usr/bin/env python3
"""Builds the benchmark payloads and writes CPython's pickles of each at protocols 2 and 5.

Deterministic: every payload comes from random.Random(SEED), so two runs write identical files. The files are
big (the bytes payload alone is 100 MB per protocol), so they are generated, never committed:

    python3 bench/payloads/make_payloads.py [OUT_DIR]      # default: bench/target/payloads

Writes OUT_DIR/<name>.p<protocol>.pickle for every payload and protocol, and OUT_DIR/manifest.json
(names, sizes, python version, seed). Skips the work when the manifest already matches this script.
"""
import hashlib
import json
import os
import pickle
import random
import sys

SEED = 20240611
PROTOCOLS = (2, 5)

LATIN1 = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿß¡¿"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
CJK = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年"
EMOJI = "😀😂🥲😍🤔🙈🚀🌍🍕🎉🐍☕🔥💡"
ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ "


def word(rng, alphabet, lo, hi):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def tutorial(rng):
    return {1: "hi", 2: "there"}


def small_ints(rng):
    # A quarter negative (BININT at protocol 2+), most of the rest 256..65535 (BININT2), some 0..255 (BININT1).
    out = []
    for _ in range(1_000_000):
        r = rng.random()
        if r < 0.25:
            out.append(-rng.randint(1, 30_000))
        elif r < 0.90:
            out.append(rng.randint(256, 65_535))
        else:
            out.append(rng.randint(0, 255))
    return out


def floats(rng):
    return [rng.uniform(-1.0, 1.0) * 10.0 ** rng.randint(-6, 6) for _ in range(100_000)]


def str_int_dict(rng):
    d = {}
    while len(d) < 100_000:
        d[word(rng, ASCII[:62], 4, 12)] = rng.randint(-1_000_000, 1_000_000)
    return d


def records(rng):
    out = []
    for i in range(10_000):
        out.append({
            "name": word(rng, ASCII[:52], 5, 15),
            "id": i * 7 + rng.randint(0, 6),
            "score": rng.random() * 100.0,
            "active": rng.random() < 0.5,
            "note": None,
            "tags": [rng.randint(0, 1000) for _ in range(3)],
        })
    return out


def big_bytes(rng):
    return rng.randbytes(100_000_000)


def short_strings(rng):
    out = []
    foreign = (LATIN1, CYRILLIC, CJK, EMOJI)
    for i in range(100_000):
        if i % 5 == 4:
            alphabet = foreign[(i // 5) % 4] + ASCII[:26]
            out.append(word(rng, alphabet, 3, 16))
        else:
            out.append(word(rng, ASCII, 3, 16))
    return out


def nested(rng):
    # 200 chains, each tuples and lists alternating 50 deep; every level refers to the previous level twice
    # and to one leaf shared by all chains, so the memo (PUT/GET) does real work.
    shared = [1, "shared", 2.5]
    chains = []
    for c in range(200):
        node = (c, shared)
        for depth in range(50):
            if depth % 2:
                node = (depth, node, shared, node)
            else:
                node = [depth, node, shared, node]
        chains.append(node)
    return chains


PAYLOADS = {
    "tutorial": tutorial,
    "ints": small_ints,
    "floats": floats,
    "str_int_dict": str_int_dict,
    "records": records,
    "bytes100m": big_bytes,
    "strings": short_strings,
    "nested": nested,
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "target", "payloads")
    os.makedirs(out_dir, exist_ok=True)
    with open(__file__, "rb") as f:
        script_hash = hashlib.sha256(f.read()).hexdigest()
    manifest_path = os.path.join(out_dir, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            old = json.load(f)
        if old.get("script_sha256") == script_hash and old.get("python") == sys.version \
                and all(os.path.exists(os.path.join(out_dir, e["file"])) for e in old["files"]):
            print(f"payloads up to date in {out_dir}")
            return
    files = []
    for name, make in PAYLOADS.items():
        # One generator per payload, so adding a payload never changes the others.
        value = make(random.Random(f"{SEED}:{name}"))
        for protocol in PROTOCOLS:
            data = pickle.dumps(value, protocol=protocol)
            file = f"{name}.p{protocol}.pickle"
            with open(os.path.join(out_dir, file), "wb") as f:
                f.write(data)
            files.append({"name": name, "protocol": protocol, "file": file, "bytes": len(data)})
            print(f"{file}: {len(data):,} bytes")
        del value
    with open(manifest_path, "w") as f:
        json.dump({"seed": SEED, "python": sys.version, "script_sha256": script_hash, "files": files}, f, indent=1)


if __name__ == "__main__":
    main()
