#!/usr/bin/env python3
"""Writes the mutation fuzzer's seed corpus: valid pickles that together use every opcode at every protocol.

Output: core/src/test/resources/fuzz/seeds/seeds.hex, one seed per line: "<name> <hex>".
Each seed is made by CPython (pickle.dumps of sample values at protocols 0-5, plus the pure-Python pickler for
the opcodes only it emits) or hand-assembled for the opcodes CPython 3 no longer writes (Python 2 strings,
INST/OBJ, PERSID, EXT, buffers). Every seed is checked with pickletools.genops, and the script fails unless
every opcode of pickletools.opcodes appears in some seed.

Run from the repository root:  python3 tools/fuzz/make_seeds.py
"""
import collections
import copyreg
import datetime
import decimal
import io
import os
import pickle
import pickletools
import struct
import sys
import uuid

OUT = os.path.join("core", "src", "test", "resources", "fuzz", "seeds", "seeds.hex")


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class Slotted:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a


# Give the sample classes a module of their own so the seeds name "fuzzmod", not "__main__".
_fuzzmod = type(sys)("fuzzmod")
_fuzzmod.Point = Point
_fuzzmod.Slotted = Slotted
sys.modules["fuzzmod"] = _fuzzmod
Point.__module__ = "fuzzmod"
Point.__qualname__ = "Point"
Slotted.__module__ = "fuzzmod"
Slotted.__qualname__ = "Slotted"


def sample_values():
    shared = [1, 2]
    rec = []
    rec.append(rec)
    d = {"k": "v"}
    return {
        "none_bools": [None, True, False],
        "ints": [0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, 2**63, -2**64, 10**40],
        "floats": [0.0, -0.0, 1.5, float("inf"), float("-inf"), float("nan"), 1e300],
        "strs": ["", "a", "h\u00e9llo", "\U0001F600", "x" * 300, "\ud800"],
        "bytes": [b"", b"\x00\xff", b"y" * 300],
        "bytearray": bytearray(b"abc"),
        "tuples": [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)],
        "dict": {1: "hi", 2: "there", (1, 2): [3]},
        "set": {1, 2, 3},
        "frozenset": frozenset({"a", "b"}),
        "shared": [shared, shared, d, d],
        "recursive": rec,
        "complex": complex(1, -2),
        "decimal": decimal.Decimal("-1.50"),
        "uuid": uuid.UUID(int=0x1234),
        "datetime": datetime.datetime(2024, 2, 29, 12, 30, 1, 5, tzinfo=datetime.timezone.utc),
        "date_time": [datetime.date(2020, 1, 2), datetime.time(1, 2, 3), datetime.timedelta(days=1, microseconds=7)],
        "ordered": collections.OrderedDict([("a", 1)]),
        "defaultdict": collections.defaultdict(list, {"x": [1]}),
        "range_slice": [range(1, 10, 2), slice(1, 2, None), Ellipsis, NotImplemented],
        "global": [len, Point, collections.OrderedDict],
        "object": Point(1, [2]),
        "slotted": Slotted(3),
    }


def dumps_all(name, value, out):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        if proto < 2 and name in ("slotted",):
            continue
        try:
            out.append((f"{name}-p{proto}", pickle.dumps(value, proto)))
        except Exception as e:  # noqa: BLE001 - a value a protocol cannot hold is simply not a seed
            print(f"skip {name} p{proto}: {e}", file=sys.stderr)
        # The pure-Python pickler takes different paths (e.g. it never writes LONG_BINPUT for small memos the
        # same way, and writes FRAME boundaries differently), so include it too.
        f = io.BytesIO()
        try:
            pickle._Pickler(f, proto).dump(value)
            data = f.getvalue()
            if data != out[-1][1]:
                out.append((f"{name}-py-p{proto}", data))
        except Exception:  # noqa: BLE001
            pass


def optimized(out):
    return [(n + "-opt", pickletools.optimize(d)) for n, d in out if len(d) < 4000]


def u32(n):
    return struct.pack("<I", n)


def hand_built():
    """Opcodes CPython 3 never writes, or only in contexts hard to reach: assembled by hand, checked below."""
    s = []
    s.append(("py2-string", b"S'abc'\np0\n."))
    s.append(("py2-string-escapes", b"S'a\\n\\x00\\'b'\n."))
    s.append(("py2-binstring", b"T" + u32(3) + b"abc."))
    s.append(("py2-short-binstring", b"U\x03abc."))
    s.append(("py2-unicode", b"Vh\\u00e9llo\\U0001f600\n."))
    s.append(("py2-int-long", b"(I12\nI01\nI00\nL123456789012345678901234567890L\nl."))
    s.append(("py2-float", b"F1.25\n."))
    s.append(("py2-inst", b"(I1\nI2\nifuzzmod\nPoint\n(dp0\nVx\nI1\nsb."))
    s.append(("py2-obj", b"(cfuzzmod\nPoint\nI1\no."))
    s.append(("py2-dict-setitem", b"(dI1\nI2\ns."))
    s.append(("py2-put-get", b"(lp0\nI1\nag0\na."))
    s.append(("persid", b"Pkey1\n."))
    s.append(("binpersid", b"\x80\x02X\x04\x00\x00\x00key2Q."))
    s.append(("ext1", b"\x80\x02\x82\x01."))
    s.append(("ext2", b"\x80\x02\x83\x01\x02."))
    s.append(("ext4", b"\x80\x02\x84\x01\x02\x03\x04."))
    s.append(("long1-long4", b"\x80\x02]q\x00(\x8a\x02\xff\x7f\x8b" + u32(3) + b"\x01\x02\x83e."))
    s.append(("long-binput-get", b"\x80\x02]r" + u32(0x10000) + b"h\x00j" + u32(0x10000) + b"a."))
    s.append(("newobj-ex", b"\x80\x04\x95\x1d\x00\x00\x00\x00\x00\x00\x00\x8c\x07fuzzmod\x94\x8c\x05Point\x94\x93)}\x92."))
    s.append(("next-buffer", b"\x80\x05\x97."))
    s.append(("readonly-buffer", b"\x80\x05\x97\x98."))
    s.append(("bytearray8", b"\x80\x05\x96" + struct.pack("<Q", 3) + b"abc."))
    s.append(("binbytes8", b"\x80\x04\x8e" + struct.pack("<Q", 2) + b"hi."))
    s.append(("binunicode8", b"\x80\x04\x8d" + struct.pack("<Q", 2) + b"hi."))
    s.append(("pop-mark", b"\x80\x02(K\x01K\x021N."))
    s.append(("pop", b"\x80\x02K\x010N."))
    s.append(("dup", b"\x80\x02K\x012\x86."))
    s.append(("build-setstate", b"\x80\x02cfuzzmod\nPoint\n)\x81}X\x01\x00\x00\x00xK\x01sb."))
    s.append(("reduce", b"\x80\x02cbuiltins\nlen\nX\x02\x00\x00\x00abR."))
    s.append(("global-stack", b"\x80\x04\x8c\x08builtins\x8c\x03len\x93."))
    s.append(("frame-empty", b"\x80\x04\x95\x02\x00\x00\x00\x00\x00\x00\x00N."))
    s.append(("additems-frozenset", b"\x80\x04\x8f(K\x01K\x02\x90(K\x03\x91\x86."))
    s.append(("empty-tuple-tuple1", b"\x80\x02)\x85."))
    s.append(("newtrue-newfalse", b"\x80\x02\x88\x89\x86."))
    s.append(("binfloat", b"\x80\x02G?\xf8\x00\x00\x00\x00\x00\x00."))
    s.append(("binint", b"\x80\x02J\xff\xff\xff\xff."))
    s.append(("binint1-2", b"\x80\x02K\xffM\xff\xff\x86."))
    s.append(("short-binbytes", b"\x80\x03C\x02hi."))
    s.append(("binbytes", b"\x80\x03B" + u32(2) + b"hi."))
    s.append(("short-binunicode", b"\x80\x04\x8c\x02hi."))
    s.append(("binunicode", b"\x80\x02X" + u32(2) + b"hi."))
    s.append(("memoize", b"\x80\x04]\x94h\x00a."))
    s.append(("binput-binget", b"\x80\x02]q\x05h\x05a."))
    s.append(("appends", b"\x80\x02](K\x01K\x02e."))
    s.append(("setitems", b"\x80\x02}(K\x01K\x02u."))
    s.append(("emptydict-setitem", b"\x80\x02}K\x01K\x02s."))
    s.append(("tuple2-3", b"\x80\x02K\x01K\x02\x86K\x03K\x04K\x05\x87\x86."))
    s.append(("mark-tuple", b"(K\x01K\x02t."))
    s.append(("list", b"(K\x01l."))
    s.append(("none", b"N."))
    return s


def check_and_collect(seeds):
    used = set()
    for name, data in seeds:
        try:
            for op, arg, pos in pickletools.genops(data):
                used.add(op.name)
        except Exception as e:  # noqa: BLE001
            sys.exit(f"seed {name} is not a valid pickle: {e}")
    missing = sorted({op.name for op in pickletools.opcodes} - used)
    if missing:
        sys.exit(f"opcodes without a seed: {missing}")
    return len(used)


def main():
    seeds = []
    for name, value in sample_values().items():
        dumps_all(name, value, seeds)
    seeds += optimized(seeds)
    seeds += hand_built()
    n = check_and_collect(seeds)
    names = set()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="ascii") as f:
        f.write(f"# made by tools/fuzz/make_seeds.py with Python {sys.version.split()[0]}: name hex\n")
        for name, data in seeds:
            assert name not in names, name
            names.add(name)
            f.write(f"{name} {data.hex()}\n")
    print(f"{len(seeds)} seeds, {n} opcodes covered -> {OUT}")


if __name__ == "__main__":
    main()
