#!/usr/bin/env python3
"""Writes core/src/test/resources/dis/dis_cases.txt: pickles (valid, broken, truncated, hostile) with
exactly what CPython's pickletools.dis prints for them, plus its error.

One case per line, tab-separated:  name  indentlevel  pickle-hex  expected
'expected' is the text dis() printed (possibly ending in a partial line), followed, when dis() raised,
by '!ExceptionName: message' and a newline. It is escaped so it fits on one line: backslash -> \\\\,
newline -> \\n, tab -> \\t, carriage return -> \\r.

Run from the repository root:  python3 tools/golden/dis_cases.py
The first line of the file records the Python version that made it.
"""
import io
import os
import pickle
import pickletools
import random
import struct
import sys
from collections import OrderedDict
from decimal import Decimal
import datetime

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'core', 'src', 'test', 'resources', 'dis', 'dis_cases.txt')


def run_dis(data, indent=4):
    out = io.StringIO()
    try:
        pickletools.dis(data, out=out, indentlevel=indent)
    except Exception as exc:  # every failure is part of the expected output
        return out.getvalue() + '!%s: %s\n' % (type(exc).__name__, exc)
    return out.getvalue()


def escape(text):
    return text.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t').replace('\r', '\\r')


def base_pickles():
    """Valid pickles that use every opcode, as CPython writes them and as older picklers did."""
    values = [
        None, True, False, 0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, 2**63, -2**64, 10**40,
        0.0, -0.0, 1.5, 1e100, float('inf'), float('-inf'), float('nan'), 1e-310,
        '', 'abc', 'caf\xe9', '\u20ac', '\U0001f600', 'a\nb\\c\'"', '\ud800', 'x' * 300,
        b'', b'abc', b'\x00\xff\n\'"', b'y' * 300, bytearray(b'ba'),
        [], [1, 2], (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), {}, {1: 'hi', 2: 'there'},
        {1, 2}, frozenset({3}), set(), [[[]]], complex(1, 2), Decimal('1.5'),
        OrderedDict(a=1), datetime.date(2024, 1, 2), range(3), slice(1, 2), Ellipsis,
    ]
    shared = [1, 2]
    values.append([shared, shared, (shared,)])
    out = []
    for i, v in enumerate(values):
        for p in range(6):
            out.append(('v%d_p%d' % (i, p), pickle.dumps(v, protocol=p)))
    out.append(('bytearray_p5_oob_free', pickle.dumps(bytearray(b'xyz'), protocol=5)))
    out.append(('pickle_buffer', b'\x80\x05\x97\x98.'))
    out += handmade()
    return out


def handmade():
    return [
        ('int_bools', b'I00\nI01\n\x86.'),
        ('long_L', b'L123L\n.'), ('long_noL', b'L-5\n.'),
        ('string_sq', b"S'abc'\n."), ('string_dq', b'S"abc"\n.'),
        ('string_escapes', b"S'a\\x41\\n\\t\\\\\\'\\101'\n."),
        ('binstring', b'T\x03\x00\x00\x00abc.'), ('short_binstring', b'U\x03a\xe9c.'),
        ('unicode_nl', b'Vcaf\xe9 \\u20ac \\U0001f600\n.'),
        ('float_nl', b'F1.5\n.'), ('float_nl_inf', b'Finf\n.'), ('float_nl_exp', b'F-1.25e-3\n.'),
        ('get_put', b'(lp0\nI1\naI2\nag0\na.'),
        ('inst', b'(i__main__\nC\np0\n(dp1\nb.'),
        ('obj', b'(c__main__\nC\no.'),
        ('persid', b'Pabc\n.'), ('binpersid', b'K\x01Q.'),
        ('ext', b'\x80\x02\x82\x01\x83\x02\x01\x84\x03\x00\x00\x00\x87.'),
        ('pop', b'K\x01K\x020.'), ('pop_mark', b'K\x01(K\x02K\x031.'), ('pop_of_mark', b'K\x01(0.'),
        ('dup', b'K\x012\x86.'),
        ('long4', b'\x8b\x02\x00\x00\x00\xff\x7f.'), ('long1_zero', b'\x8a\x00.'),
        ('binunicode8', b'\x8d\x02\x00\x00\x00\x00\x00\x00\x00hi.'),
        ('binbytes8', b'\x8e\x02\x00\x00\x00\x00\x00\x00\x00hi.'),
        ('bytearray8', b'\x96\x02\x00\x00\x00\x00\x00\x00\x00hi.'),
        ('frame_big', b'\x80\x04\x95\xff\xff\xff\xff\xff\xff\xff\xffN.'),
        ('newobj_ex', b'\x80\x04\x8c\x01m\x8c\x01n\x93)}\x92.'),
        ('trailing_after_stop', b'N.garbage\xff'),
        ('two_pickles', b'K\x01.K\x02.'),
        ('binint_neg', b'J\xff\xff\xff\xff.'), ('binint2', b'M\xff\xff.'),
        ('binfloat', b'G\x7f\xf8\x00\x00\x00\x00\x00\x00.'),
        ('global_escape', b'cmod\\x41\nna\\tme\n.'),
    ]


def hostile():
    c = []
    add = lambda name, data: c.append((name, data))
    add('empty', b'')
    add('unknown_first', b'\xff')
    add('unknown_later', b'K\x01\xfe.')
    add('unknown_quote', b"K\x01'")
    add('no_stop', b'K\x01')
    add('stack_not_empty', b'K\x01K\x02.')
    add('stack_not_empty_mark', b'(.')
    add('stop_empty', b'.')
    add('pop_empty', b'0.')
    add('tuple3_short', b'K\x01K\x02\x87.')
    add('no_mark_tuple', b'K\x01t.')
    add('no_mark_pop_mark', b'1.')
    add('mark_eaten_by_append', b'](K\x01at.')
    add('mark_eaten_by_setitem', b'}(K\x01s(t.')
    add('memo_get_undefined', b'h\x07.')
    add('memo_long_binget_undefined', b'j\xff\xff\xff\xff.')
    add('memo_get_nl_undefined', b'g12\n.')
    add('memo_put_twice', b'K\x01q\x00q\x00.')
    add('memo_put_true_then_1', b'K\x01p01\nq\x01.')
    add('memo_get_false', b'K\x01q\x00g00\n\x86.')
    add('memo_put_empty', b'q\x00.')
    add('memoize_empty', b'\x94.')
    add('memoize_mark', b'(\x94.')
    add('memoize_after_put1', b'K\x01q\x01\x94\x94.')
    add('memo_put_mark', b'(q\x00.')
    add('memo_put_bigint', b'K\x01p123456789012345678901234567890\n0g123456789012345678901234567890\n.')
    add('memo_put_neg', b'K\x01p-1\n.')
    for n, op in (('uint1', b'K'), ('uint2', b'M\x01'), ('int4', b'J\x01\x02'), ('uint4', b'j\x01'),
                  ('uint8', b'\x95\x01\x02'), ('float8', b'G\x01\x02\x03'), ('long1', b'\x8a\x05\x01'),
                  ('long4', b'\x8b\x05\x00\x00\x00\x01'), ('long4_count', b'\x8b\x05\x00'),
                  ('long1_count', b'\x8a')):
        add('trunc_' + n, op)
    add('long4_negative', b'\x8b\xff\xff\xff\xff.')
    add('long4_huge_repr', b'\x8b\xb8\x0b\x00\x00' + b'\x7f' * 3000 + b'.')
    add('long4_4300_digits', b'\x8b' + struct.pack('<i', 1786) + b'\x11' * 1786 + b'.')
    add('long1_255', b'\x8a\xff' + b'\x80' * 255 + b'.')
    add('binstring_negative', b'T\xff\xff\xff\xff.')
    add('binstring_short', b'T\x10\x00\x00\x00abc')
    add('short_binstring_short', b'U\x10abc')
    add('binbytes_short', b'B\x00\x00\x00\x40abc')
    add('short_binbytes_short', b'C\x05ab')
    add('binbytes8_2p63m1', b'\x8e' + struct.pack('<Q', 2**63 - 1) + b'abc' * 7)
    add('binbytes8_2p63', b'\x8e' + struct.pack('<Q', 2**63) + b'abc' * 7)
    add('binbytes8_max', b'\x8e' + b'\xff' * 8 + b'abc')
    add('bytearray8_2p63', b'\x96' + struct.pack('<Q', 2**63) + b'abc')
    add('bytearray8_short', b'\x96' + struct.pack('<Q', 9) + b'abc')
    add('binunicode8_2p63', b'\x8d' + struct.pack('<Q', 2**63) + b'abc')
    add('binunicode8_short', b'\x8d' + struct.pack('<Q', 2**40) + b'abc')
    add('binunicode_short', b'X\xff\xff\xff\xffabc')
    add('short_binunicode_short', b'\x8c\x09abc')
    for i, raw in enumerate([b'\xff', b'a\xc0', b'\xe2\x82', b'\xe2\x82A', b'\xed\xa0\x80', b'\xed\xa0A', b'\xed\xa0',
                             b'\xf0\x90\x80', b'\xf4\x90\x80\x80', b'\xc3\xa9\xed\xbf\xbf\xf0\x9f\x98\x80', b'\x80',
                             b'\xe0\x80\x80', b'\xf5', b'\xc2', b'ab\xed', b'\xed\xbf\xbfz\xed\xa0\x80']):
        add('utf8_%d' % i, b'X' + struct.pack('<I', len(raw)) + raw + b'.')
    for i, line in enumerate([b"'abc", b"abc", b'"abc\'', b"'", b'"', b"''", b"'\\x4'", b"'\\'", b"'\\777'",
                              b"'\\q'", b"'caf\xe9'", b"'\\xe9'", b"'a\\\nb'", b"'\\0\\01\\012'", b"'\\x4g'",
                              b"'\\N{DASH}'", b"'\\u1234'", b"'" + b'z' * 300]):
        add('string_%d' % i, b'S' + line + b'\n.')
    add('string_no_newline', b"S'abc'")
    for i, line in enumerate([b'\\u12', b'\\U00110000', b'\\\\u1234', b'a\\U0001', b'\\ud800', b'\\\\\\u12',
                              b'ab\\u12x4', b'\\u', b'x\\U12345678z', b'\xff\xfe', b'\\x41', b'\\\\', b'\\']):
        add('unicode_%d' % i, b'V' + line + b'\n.')
    add('unicode_no_newline', b'Vabc')
    for i, line in enumerate([b'', b'abc', b' 12 ', b'1_2', b'_1', b'1__2', b'+3', b'-0', b'001', b'12L', b'0_7',
                              b'1' * 5000, b'x' * 300, b'\x00', b'\xff', b'\t7\x0b', b'1 2', b'-', b'0x10',
                              b'99999999999999999999999']):
        add('int_%d' % i, b'I' + line + b'\n.')
        add('long_%d' % i, b'L' + line + b'L\n.')
        add('get_%d' % i, b'K\x01p1\ng' + line + b'\n.')
    add('int_no_newline', b'I12')
    add('long_only_L', b'LL\n.')
    for i, line in enumerate([b'inf', b'-inf', b'nan', b'-nan', b'Infinity', b'iNf', b'1_0.5', b'1_.5', b'1._5', b'1e',
                              b'1e5', b' 1.5 ', b'0x1', b'-0.0', b'1e400', b'+.5', b'5.', b'.', b'', b'abc',
                              b'1e-400', b'4.9e-324', b'0.1', b'123456789012345678901234567890', b'1.5\xff',
                              b'x' * 300, b'1_000', b'1e1_0', b'infinit', b'nan(1)', b'1d', b'1f', b'1E+05']):
        add('float_%d' % i, b'F' + line + b'\n.')
    add('global_no_second_line', b'cmod\nname')
    add('global_no_newline', b'cmod')
    add('global_non_ascii', b'cmod\xe9\nname\n.')
    add('global_bad_escape', b'cmod\\x4\nname\n.')
    add('deep_marks', b'(' * 60 + b'1' * 60 + b'N.')
    add('deep_marks_unclosed', b'(' * 30 + b'N.')
    return c


def truncations(pickles):
    """Every prefix of a handful of valid pickles: what a short read looks like at each opcode."""
    out = []
    chosen = [p for p in pickles if p[0] in ('v27_p0', 'v27_p1', 'v27_p4', 'v43_p2', 'v43_p4', 'v52_p3',
                                               'v31_p0', 'v31_p3', 'v49_p4', 'v57_p0', 'v55_p2', 'v21_p0',
                                               'v36_p5', 'v14_p0', 'v13_p2')]
    chosen += [p for p in pickles if not p[0].startswith('v')]
    for name, data in chosen:
        for k in range(len(data)):
            out.append(('%s_cut%d' % (name, k), data[:k]))
    return out


def mutations(pickles, seed=20261125, count=2500):
    """Seeded random damage: flipped, inserted, deleted and duplicated bytes."""
    rnd = random.Random(seed)
    out = []
    for n in range(count):
        name, data = rnd.choice(pickles)
        b = bytearray(data)
        for _ in range(rnd.randint(1, 3)):
            kind = rnd.randrange(4)
            i = rnd.randrange(len(b) + 1)
            if kind == 0 and b:
                b[min(i, len(b) - 1)] = rnd.randrange(256)
            elif kind == 1:
                b[i:i] = bytes([rnd.choice([rnd.randrange(256), 0x28, 0x2e, 0x30, 0x31, 0x94, 0x68, 0x71])])
            elif kind == 2 and b:
                del b[min(i, len(b) - 1)]
            elif b:
                j = rnd.randrange(len(b))
                b[i:i] = b[j:j + rnd.randint(1, 6)]
        out.append(('mut%d_%s' % (n, name), bytes(b)))
    return out


def main():
    pickles = base_pickles()
    cases = [(n, d, 4) for n, d in pickles + hostile() + truncations(pickles) + mutations(pickles)]
    cases += [('indent0_' + n, d, 0) for n, d in pickles[::7]]
    cases += [('indent1_' + n, d, 1) for n, d in pickles[::11]]
    cases += [('indent7_' + n, d, 7) for n, d in hostile()[::3]]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w', encoding='utf-8', newline='\n') as f:
        f.write('# made by tools/golden/dis_cases.py with python %s\n' % sys.version.split()[0])
        for name, data, indent in cases:
            f.write('%s\t%d\t%s\t%s\n' % (name, indent, data.hex(), escape(run_dis(data, indent))))
    print('%d cases -> %s' % (len(cases), os.path.normpath(OUT)))


if __name__ == '__main__':
    main()
