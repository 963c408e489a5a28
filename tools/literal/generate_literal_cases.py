#!/usr/bin/env python3
"""Writes core/src/test/resources/literal/literal_cases.txt: Python literal sources with what CPython's
ast.literal_eval makes of them (repr and pprint.pformat), or that it refuses them.

Run with python3 (3.11) from the repository root:  PYTHONHASHSEED=0 python3 tools/literal/generate_literal_cases.py
Line format (fields separated by a tab, each field escaped: backslash, tab, newline, CR as \\\\ \\t \\n \\r):
    ok <TAB> source <TAB> repr <TAB> pformat
    err <TAB> source <TAB> Python's exception type
"""
import ast
import math
import os
import pprint
import random
import struct
import sys
import warnings

OUT = os.path.join("core", "src", "test", "resources", "literal", "literal_cases.txt")
SEED = 20261125


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


FIXED_OK = r"""
0
1
-1
+1
2147483647
2147483648
-2147483648
-2147483649
9223372036854775807
9223372036854775808
-9223372036854775808
-9223372036854775809
123456789012345678901234567890
1_000_000
0x_ff
0XDEAD_beef
0o17
0O_7
0b1010
0B_1
00
0_0
00_0
1.5
-1.5
1.
.5
5.
1e5
1E-5
1e+5
1_000.5
1.5_5
1_0e1_0
09.5
09e1
0e0
1e400
-1e400
1e-400
-0.0
0.1
3j
3J
-3j
+3j
1.5j
.5j
5.j
09j
1e5j
1+2j
1-2j
-1+2j
-1-2j
1.5+0.5j
-0.0-0j
0.0-0j
1-0j
(1+2j)
-(1)
(-1)+2j
1+(2j)
1 + 2j
True
False
None
...
''
""
'a'
"a"
'it''s'
"it's"
'say "hi"'
'both \' and "'
'''triple'''
r'\n'
R'\d+'
rb'\x00'
BR'\x'
Rb'a'
bR'a'
b''
b'abc'
B'\x00\xff'
b'\777'
b'\N{DIGIT ONE}'
b'\u1234'
u'abc'
U'x'
'\n\r\t\a\b\f\v\0'
'\x41\101\1\12\7777'
'\u00e9\U0001F600'
'\N{LATIN SMALL LETTER A}'
'\N{latin small letter e with acute}'
'\N{EM DASH}'
'\N{BLACK STAR}'
'\N{GREEK SMALL LETTER ALPHA}'
'\d\q\ '
'\ud800'
'\udfff'
'\x7f\x80\x9f\xa0\xad'
'\u2028\u2029\u200b\ufeff\ufffd\U000e0001\U0010ffff'
'caf\xe9 \u4e2d\u6587 \U0001d11e'
'a' 'b'
'a' "b" '''c'''
b'a' b'b'
'a' u'b'
r'\\' '\\'
()
(1,)
(1, 2)
(1, 2,)
1, 2
1,
((1,),)
[]
[1]
[1,]
[1, 2, 3]
[[], [[]], [[], []]]
{}
{1: 2}
{1: 2,}
{'a': 1, 'b': [1, 2], 'c': {'d': ()}}
{1: 'a', 1: 'b'}
{1: 'a', True: 'b', 1.0: 'c'}
{0: 'zero', False: 'f', 0.0: 'z', 0j: 'c'}
{1}
{1,}
{1, 2, 3}
{1, 1.0, True}
{(1, 2), 'x', b'y', None, ...}
set()
set( )
[set(), {1: set()}]
{1: 2, 3: 4}
  1
	[1, 2]
1 # a comment
"""

FIXED_ERR = r"""
--1
-+1
2j+1
1j+1
1+2j+3j
1+-2j
-(1+2j)
1*2
10**2
1/2
-True
+True
True+1j
1j+1j
Ellipsis
x
[x]
f'a'
'a' f'b'
F"a"
rf'a'
b'a' 'b'
'a' b'b'
b'é'
ur'a'
0_1
07
1__0
1_
1e
1e+
0x
0b
0o
0b2
0o8
0x1g
0x_
1a
1.__class__
1 2
[1 2]
[1,,2]
(,)
{1: 2, 3}
{1, 2: 3}
{:}
{**{}}
[*[1]]
set([1])
set(x=1)
set
frozenset()
dict()
[1][0]
(1).real
'abc
'''abc
'\x4'
'\xzz'
'\u12'
'\U00110000'
'\N{NOT A REAL NAME}'
'\N{ LATIN SMALL LETTER A}'
'\N{}'
'\N'
{[]: 1}
{[1]}
{(1, [2])}
{{}: 1}
{set()}
1 +
lambda: 1
not 1
1 if 1 else 2
1, 2 3
a = 1
1;2
(1
[1
{1
)
]
}

 
# only a comment
"""


def rand_float(rng):
    kind = rng.random()
    if kind < 0.3:
        return struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
    if kind < 0.5:
        return rng.choice([0.0, -0.0, 1.0, 0.1, 1e16, 1e-5, 1e-4, 123456789.0, 1e22, 1e23, 5e-324,
                           1.7976931348623157e308, 2.5, 0.5, 100.0, 1e15, 9007199254740993.0])
    return round(rng.uniform(-1000, 1000), rng.randint(0, 6))


def rand_int(rng):
    bits = rng.choice([3, 8, 31, 32, 33, 63, 64, 65, 100, 400])
    return rng.getrandbits(bits) * rng.choice([1, -1])


def rand_char(rng):
    kind = rng.random()
    if kind < 0.5:
        return chr(rng.randint(32, 126))
    if kind < 0.6:
        return rng.choice("\\'\"\n\t\r\x00\x7f")
    if kind < 0.8:
        return chr(rng.randint(0, 0x2fff))
    while True:
        c = rng.randint(0, 0x10FFFF)
        if not 0xD800 <= c <= 0xDFFF:
            return chr(c)


def rand_str(rng):
    n = rng.choice([0, 1, 3, 8, 20, 90])
    return "".join(rand_char(rng) for _ in range(n))


def rand_atom(rng, hashable=True):
    kind = rng.randrange(9)
    if kind == 0:
        return rand_int(rng)
    if kind == 1:
        return rand_float(rng)
    if kind == 2:
        return complex(rand_float(rng), rand_float(rng))
    if kind in (3, 4):
        return rand_str(rng)
    if kind == 5:
        return bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 2, 10, 100])))
    if kind == 6:
        return rng.choice([True, False, None, ...])
    if kind == 7:
        return rng.choice(["x" * 100, "word " * 30, "a\nb\n" * 20, b"\x00" * 50 + b"ab" * 40])
    return rng.randint(-5, 5)


def rand_value(rng, depth, hashable=False):
    if depth <= 0 or rng.random() < 0.35:
        return rand_atom(rng)
    n = rng.choice([0, 1, 2, 3, 5, 12])
    kinds = ["tuple"] if hashable else ["tuple", "list", "dict", "set"]
    kind = rng.choice(kinds)
    if kind == "tuple":
        return tuple(rand_value(rng, depth - 1, hashable) for _ in range(n))
    if kind == "list":
        return [rand_value(rng, depth - 1) for _ in range(n)]
    if kind == "dict":
        return {rand_value(rng, 1, True): rand_value(rng, depth - 1) for _ in range(n)}
    return {rand_value(rng, 1, True) for _ in range(n)}


def evaluate(src):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.literal_eval(src)


def has_nan(v):
    if isinstance(v, float):
        return math.isnan(v)
    if isinstance(v, complex):
        return math.isnan(v.real) or math.isnan(v.imag)
    if isinstance(v, dict):
        return any(has_nan(k) or has_nan(x) for k, x in v.items())
    if isinstance(v, (list, tuple, set)):
        return any(has_nan(x) for x in v)
    return False


def main():
    rng = random.Random(SEED)
    lines = []
    ok = err = 0

    def add_ok(src):
        nonlocal ok
        value = evaluate(src)
        lines.append("ok\t%s\t%s\t%s" % (esc(src), esc(repr(value)), esc(pprint.pformat(value))))
        ok += 1

    def add_err(src):
        nonlocal err
        try:
            evaluate(src)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError, OverflowError) as e:
            lines.append("err\t%s\t%s" % (esc(src), type(e).__name__))
            err += 1
            return
        raise AssertionError("expected literal_eval to refuse %r" % src)

    for src in FIXED_OK.strip("\n").split("\n"):
        add_ok(src)
    # Multi-line sources that the line-per-case list above cannot hold.
    for src in ["'''multi\nline'''", "'a\\\nb'", "1 \\\n+ 2j", "[\n1,\n2\n]", "(1 +\n2j)", "\n1", "1\n",
                "1\n\n", "1\r\n", '"""triple "quoted" text"""', "[1, # one\n 2]  # two", "{\n 'a': 1,\n}\n"]:
        add_ok(src)
    for src in FIXED_ERR.strip("\n").split("\n"):
        add_err(src)
    for src in ["1\n\n1", "1 +\n2j", "\n 1", "1\n2", "'a\nb'", "[" * 201 + "]" * 201, "(" * 201 + ")" * 201,
                "1" * 4301, "[\\ 1]", ""]:
        add_err(src)
    for n in (199, 200):
        add_ok("[" * n + "]" * n)
        add_ok("(" * n + ")" * n)
    add_ok("1" * 4300)
    add_ok("0x" + "f" * 3000)

    # Random values written as Python writes them (repr), kept when reading them back reproduces the
    # same text (set order can differ after a round trip; NaN has no literal).
    kept = 0
    while kept < 600:
        value = rand_value(rng, rng.randint(1, 4))
        if has_nan(value):
            continue
        src = repr(value)
        if rng.random() < 0.3:
            src = src.replace(", ", ",\n ").replace(": ", " :")
        try:
            back = evaluate(src)
        except Exception:
            continue
        if repr(back) != repr(value):
            continue
        add_ok(src)
        kept += 1

    # Truncations of valid sources: literal_eval must refuse most of them; keep those it refuses.
    bad = 0
    while bad < 300:
        src = repr(rand_value(rng, 3))
        if len(src) < 2:
            continue
        cut = src[: rng.randrange(1, len(src))]
        try:
            evaluate(cut)
        except Exception:
            add_err(cut)
            bad += 1

    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# made by tools/literal/generate_literal_cases.py with Python %s; %d ok, %d err\n"
                % (sys.version.split()[0], ok, err))
        f.write("\n".join(lines) + "\n")
    print("wrote %s: %d ok, %d err" % (OUT, ok, err))


if __name__ == "__main__":
    main()
