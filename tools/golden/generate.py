#!/usr/bin/env python3
"""Writes picklewire's golden vectors: what real CPython produces for a fixed set of values.

Usage:
    python3 tools/golden/generate.py            # (re)write core/src/test/resources/golden/
    python3 tools/golden/generate.py --check    # regenerate into a temp dir, compare, exit 0 if current
    python3 tools/golden/generate.py --out DIR  # write somewhere else

Exit codes of --check: 0 current, 1 stale (the differing files are listed on stderr),
3 not comparable here (another Python minor version than the one recorded in VERSION).

Output layout (all text files UTF-8, '\n' line ends; see GoldenVectors.java for the reader):
    VERSION                      python version (and numpy version) that made the files
    index.txt                    one line per case and protocol 0..5, tab separated:
                                 name  protocol  status  stable  buffers  note
                                   status  ok        pickled by CPython at this protocol
                                           readonly  hand-written (Python 2 era) pickle; read, never re-dumped
                                           none      no pickle at this protocol; note says why
                                   stable  1 if dumps(loads(data), protocol) == data in CPython itself
                                   buffers number of out-of-band buffers (protocol 5 buffer_callback)
    <name>.p<N>.pickle           the exact pickle bytes
    <name>.p<N>.dis.txt          pickletools.dis(data) output (absent when the note says 'nodis'); if
                                 pickletools fails, its partial output then a line '!Error: message'
    <name>.p<N>.dis-annotate.txt pickletools.dis(data, annotate=1), protocols 0 and 4, pickles <= 1024 bytes
    <name>.p<N>.buf<K>.bin       out-of-band buffer K
    <name>.repr.txt              repr(value) (no trailing newline)
    <name>.pformat.txt           pprint.pformat(value, width=80) (no trailing newline)
    <name>.p<N>.repr.txt         repr of the value loaded back at protocol N, only where it differs
    <name>.p<N>.pformat.txt      likewise for pformat
    <name>.repr-latin1.txt       readonly cases: repr(loads(data, encoding='latin1'))
    <name>.repr-bytes.txt        readonly cases: repr(loads(data, encoding='bytes'))
    repr_cases.txt               literal expressions with their repr and pformat (see write_repr_cases)

A repr that is an error starts with '!' followed by 'ExceptionName: message' (no Python repr starts with '!').
Object addresses (' at 0x7f...') and recursion ids ('id=1234') are replaced by ' at 0x0' and 'id=0' so the
files are deterministic; the index note says 'addr' when that happened.
"""
import argparse
import array
import collections
import datetime
import decimal
import io
import os
import pickle
import pickletools
import pprint
import random
import re
import shutil
import subprocess
import sys
import uuid
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(ROOT, 'core', 'src', 'test', 'resources', 'golden')
sys.dont_write_bytecode = True  # keep tools/golden free of __pycache__
sys.path.insert(0, HERE)

import golden_types as gt  # noqa: E402  (needs the sys.path entry above)

try:
    import numpy
except ImportError:  # the numpy case is then left out and ignored by --check
    numpy = None

PROTOCOLS = range(0, 6)
ADDRESS = re.compile(r' at 0x[0-9a-fA-F]+')
RECURSION_ID = re.compile(r'id=\d+')


def normalize(text):
    """Replaces run-dependent numbers; returns (text, changed)."""
    new = RECURSION_ID.sub('id=0', ADDRESS.sub(' at 0x0', text))
    return new, new != text


def error_text(exc):
    return '!%s: %s' % (type(exc).__name__, exc)


# ---------------------------------------------------------------------------------------------------------
# The cases. Each is (name, value). Names are [a-z0-9_] so they make safe file names.

def int_cases():
    values = {
        'int_0': 0, 'int_1': 1, 'int_255': 255, 'int_256': 256, 'int_65535': 65535, 'int_65536': 65536,
        'int_m1': -1, 'int_m256': -256, 'int_2p31m1': 2**31 - 1, 'int_m2p31': -2**31, 'int_2p31': 2**31,
        'int_m2p31m1': -2**31 - 1, 'int_2p63m1': 2**63 - 1, 'int_2p63': 2**63, 'int_m2p63': -2**63,
        'int_m2p63m1': -2**63 - 1, 'int_2p64': 2**64,
        # LONG1 holds up to 255 bytes of two's complement; 256 bytes needs LONG4.
        'int_long1_max': 2**(255 * 8 - 1) - 1, 'int_long4_min': 2**(255 * 8 - 1),
        'int_long1_min': -2**(255 * 8 - 1), 'int_long4_neg': -2**(255 * 8 - 1) - 1,
        'int_10p100': 10**100, 'int_m10p100': -10**100,
    }
    assert (values['int_long1_max']).bit_length() // 8 + 1 == 255
    assert (values['int_long4_min']).bit_length() // 8 + 1 == 256
    return list(values.items())


def float_cases():
    return [
        ('float_0', 0.0), ('float_m0', -0.0), ('float_1_5', 1.5), ('float_1e16', 1e16), ('float_1em5', 1e-5),
        ('float_0_1', 0.1), ('float_nan', float('nan')), ('float_inf', float('inf')),
        ('float_minf', float('-inf')), ('float_denorm_min', 5e-324), ('float_max', 1.7976931348623157e308),
        ('float_m2_5', -2.5), ('float_1e22', 1e22), ('float_big_int_like', 123456789012345678.0),
    ]


def str_cases():
    return [
        ('str_empty', ''), ('str_ascii', 'hello world'), ('str_latin1', 'caf\xe9 \xff\xa0'),
        ('str_bmp', '\u20ac\u4e2d\u6587\uffff'), ('str_astral', '\U0001F600 \U00010000\U0010FFFF'),
        ('str_lone_surrogate', '\ud800'), ('str_surrogate_mix', 'a\udfffb\ud83d'),
        ('str_quotes', 'it\'s "quoted"'), ('str_single_quote', "'"), ('str_double_quote', '"'),
        ('str_backslash_newline', 'back\\slash\nnew\rline\ttab\x00nul'),
        ('str_255', 'x' * 255), ('str_256', 'x' * 256), ('str_64k_plus', 'y' * (64 * 1024 + 1)),
        ('str_controls', ''.join(chr(i) for i in range(32)) + '\x7f\x85\xad'),
    ]


def bytes_cases():
    return [
        ('bytes_empty', b''), ('bytes_ascii', b'hello'), ('bytes_255', bytes(range(255))),
        ('bytes_256', bytes(range(256))), ('bytes_non_ascii', b'\x00\x80\xff\xfe caf\xc3\xa9'),
        ('bytearray_empty', bytearray()), ('bytearray_data', bytearray(b'abc\x00\xff')),
    ]


def container_cases():
    shared = [1, 2]
    rec_list = []
    rec_list.append(rec_list)
    rec_dict = {}
    rec_dict['self'] = rec_dict
    rec_tuple_list = []
    rec_tuple = (rec_tuple_list, 1)
    rec_tuple_list.append(rec_tuple)  # a tuple reached again while it is still being built
    rec_mixed = {'list': []}
    rec_mixed['list'].append((rec_mixed, [rec_mixed]))
    memo_strs = ['s%d' % i for i in range(260)]
    deep = []
    cur = deep
    for _ in range(499):  # 500 lists in all, each inside the previous one
        nxt = []
        cur.append(nxt)
        cur = nxt
    return [
        ('list_empty', []), ('list_small', [1, 'a', None]), ('tuple_0', ()), ('tuple_1', (1,)),
        ('tuple_2', (1, 2)), ('tuple_3', (1, 2, 3)), ('tuple_4', (1, 2, 3, 4)),
        ('dict_empty', {}), ('dict_small', {'a': 1, 'b': [2, 3], 3: None}),
        ('set_empty', set()), ('set_small', {1, 2, 3}), ('set_str', {'a', 'b', 'c'}),
        ('frozenset_empty', frozenset()), ('frozenset_small', frozenset({1, 2, 3})),
        ('nested', {'list': [1, (2, 3), {4: [5]}], 'tuple': ((), ([],)), 'set': {frozenset({1})}}),
        ('shared_list_in_tuple', (shared, shared)),
        ('shared_in_list', [shared, shared, (shared,)]),
        ('recursive_list', rec_list), ('recursive_dict', rec_dict),
        ('deep_list_500', deep),
        ('recursive_tuple', rec_tuple), ('recursive_via_object_list', rec_mixed),
        # more than 256 memo entries: LONG_BINPUT/LONG_BINGET (or PUT/GET with big numbers at protocol 0)
        ('memo_over_256', [memo_strs, memo_strs[::-1]]),
        # over 64 KiB of small items: protocol 4+ splits them over several FRAMEs
        ('frames_multi', ['%05d' % i * 140 for i in range(100)]),
        ('tutorial_dict', {1: 'hi', 2: 'there'}),
    ]


def batch_cases():
    out = []
    for n in (999, 1000, 1001, 2500):
        out.append(('batch_list_%d' % n, list(range(n))))
        out.append(('batch_dict_%d' % n, {i: i & 7 for i in range(n)}))
        out.append(('batch_set_%d' % n, set(range(n))))
    return out


def number_like_cases():
    D = decimal.Decimal
    return [
        ('complex_1_2', complex(1, 2)), ('complex_m0', complex(-0.0, -0.0)), ('complex_inf', complex(float('inf'), 1)),
        ('decimal_1_5', D('1.5')), ('decimal_1e2', D('1E+2')), ('decimal_nan', D('NaN')),
        ('decimal_snan', D('sNaN')), ('decimal_inf', D('Infinity')), ('decimal_minf', D('-Infinity')),
        ('decimal_m0', D('-0')), ('decimal_m0_00', D('-0.00')), ('decimal_long', D('-123456789.000000000001')),
        ('uuid', uuid.UUID('12345678-1234-5678-1234-567812345678')),
    ]


def time_cases():
    dt, tz, td = datetime, datetime.timezone, datetime.timedelta
    paris = zoneinfo.ZoneInfo('Europe/Paris')
    plus2 = tz(td(hours=2))
    named = tz(td(hours=-5), 'EST')
    return [
        ('date', dt.date(2024, 2, 29)), ('date_min', dt.date.min), ('date_max', dt.date.max),
        ('time_naive', dt.time(12, 30, 45)), ('time_micro', dt.time(1, 2, 3, 456789)),
        ('time_tz', dt.time(12, 30, tzinfo=plus2)), ('time_fold', dt.time(1, 30, fold=1)),
        ('time_utc', dt.time(0, 0, tzinfo=tz.utc)),
        ('datetime_naive', dt.datetime(2024, 1, 2, 3, 4, 5)),
        ('datetime_micro', dt.datetime(2024, 1, 2, 3, 4, 5, 678901)),
        ('datetime_utc', dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=tz.utc)),
        ('datetime_offset', dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=plus2)),
        ('datetime_named_tz', dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=named)),
        ('datetime_fold', dt.datetime(2024, 10, 27, 2, 30, fold=1)),
        ('datetime_min', dt.datetime.min), ('datetime_max', dt.datetime.max),
        ('datetime_zoneinfo', dt.datetime(2024, 7, 14, 12, 0, tzinfo=paris)),
        ('datetime_zoneinfo_fold', dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=paris)),
        ('timedelta_zero', td()), ('timedelta_neg', td(microseconds=-1)),
        ('timedelta_mixed', td(days=3, seconds=4, microseconds=5)), ('timedelta_max', td.max),
        ('timedelta_min', td.min),
        ('timezone_utc', tz.utc), ('timezone_fixed', plus2), ('timezone_named', named),
        ('timezone_seconds', tz(td(hours=1, seconds=30))),
        ('zoneinfo_paris', paris),
    ]


def misc_cases():
    return [
        ('none', None), ('true', True), ('false', False),
        ('range', range(1, 10, 2)), ('range_empty', range(0)), ('slice', slice(1, None, 2)),
        ('ellipsis', Ellipsis), ('not_implemented', NotImplemented),
        ('ordered_dict', collections.OrderedDict([('b', 1), ('a', 2)])),
        ('defaultdict_list', collections.defaultdict(list, {'k': [1]})),
        ('defaultdict_none', collections.defaultdict(None, {1: 2})),
        ('array_b', array.array('b', [-128, 0, 127])), ('array_i', array.array('i', [1, -2, 3])),
        ('array_l', array.array('l', [2**40, -1])), ('array_d', array.array('d', [1.5, -0.0])),
        ('array_f', array.array('f', [0.25])), ('array_u', array.array('u', 'h\xe9\U0001F600')),
        ('array_empty', array.array('B')),
        ('enum_color', gt.Color.RED), ('enum_color_green', gt.Color.GREEN), ('intenum_level', gt.Level.HIGH),
        ('namedtuple', gt.Point(1, 2)),
        ('plain_object', gt.Plain()), ('slotted_object', gt.Slotted()), ('getstate_object', gt.WithState()),
        ('list_subclass', gt.MyList([1, 2])), ('dict_subclass', gt.MyDict(a=1)),
        ('list_subclass_with_attr', list_with_attr()),
        ('newobj_ex', gt.KwNew(1, b=2)), ('reduce_object', gt.Reduced(1, 'x')),
        ('global_int', int), ('global_len', len), ('global_user_class', gt.Plain),
        ('global_user_function', gt.helper),
        ('objects_in_list', [gt.Point(1, 2), gt.Point(1, 2), gt.Color.RED, gt.Color.RED]),
    ]


def list_with_attr():
    value = gt.MyList(['x'])
    value.tag = 'state and list items'
    return value


def all_cases():
    cases = (int_cases() + float_cases() + str_cases() + bytes_cases() + container_cases() + batch_cases()
             + number_like_cases() + time_cases() + misc_cases())
    if numpy is not None:
        cases.append(('numpy_array', numpy.array([1, 2, 3], dtype=numpy.int64)))
    names = [n for n, _ in cases]
    assert len(names) == len(set(names)), 'duplicate case name'
    assert all(re.fullmatch(r'[a-z0-9_]+', n) for n in names)
    return cases


# ---------------------------------------------------------------------------------------------------------
# Hand-written Python 2 era pickles. CPython 3 still reads them; picklewire must too.

def py2_cases():
    dt_state = datetime.datetime(2000, 1, 2, 12, 30, 45, 123456).__reduce__()[1][0]
    assert len(dt_state) == 10
    date_state = datetime.date(2010, 5, 6).__reduce__()[1][0]
    return [
        # protocol 0
        ('py2_string', 0, b"S'hello'\np0\n."),
        ('py2_string_latin1', 0, b"S'caf\\xe9'\np0\n."),
        ('py2_string_escapes', 0, b"S'a\\'b\\n\\\\c'\np0\n."),
        ('py2_unicode', 0, b"Vcaf\\u00e9 \\u20ac\np0\n."),
        ('py2_int_bool', 0, b"(I01\nI00\nI42\nI-7\nI3000000000\nt."),
        ('py2_long', 0, b"L123456789012345678901234567890L\n."),
        ('py2_float', 0, b"F1.5\n."),
        ('py2_list_dict', 0, b"(lp0\nI1\naS'x'\np1\na(dp2\nS'k'\np3\ng1\nsa."),
        ('py2_builtin_set', 0, b"c__builtin__\nset\np0\n((lp1\nI1\naI2\natp2\nRp3\n."),
        ('py2_reconstructor', 0,
         b"ccopy_reg\n_reconstructor\np0\n(cgolden_types\nPlain\np1\nc__builtin__\nobject\np2\nNtp3\nRp4\n"
         b"(dp5\nS'a'\np6\nI1\nsS'b'\np7\nS'two'\np8\nsb."),
        ('py2_inst', 0, b"(igolden_types\nPlain\np0\n(dp1\nS'a'\np2\nI5\nsb."),
        ('py2_persid', 0, b"Pabc\n."),
        ('py2_datetime_p0', 0, b"cdatetime\ndatetime\np0\n(S" + py2_string_literal(dt_state) + b"\np1\ntp2\nRp3\n."),
        # protocol 1
        ('py2_binstring', 1, b"]q\x00(U\x03abcq\x01T\x04\x00\x00\x00defgq\x02U\x02\xe9\xffq\x03e."),
        ('py2_obj', 1, b"(cgolden_types\nPlain\nq\x00oq\x01}q\x02(U\x01aq\x03K\x07U\x01bq\x04U\x02hiq\x05ub."),
        ('py2_dup', 1, b"(K\x012t."),
        ('py2_binpersid', 1, b"U\x03abcQ."),
        ('py2_pop_mark', 1, b"(K\x01K\x021K\x03."),
        ('py2_long_binput', 1, b"]r\x00\x01\x00\x00K\x05aj\x00\x01\x00\x00\x86."),
        # protocol 2
        ('py2_proto2_dict', 2, b"\x80\x02}q\x00(U\x01aq\x01K\x01U\x01bq\x02\x8a\x05\x00\x00\x00\x00\x01u."),
        ('py2_proto2_datetime', 2, b"\x80\x02cdatetime\ndatetime\nq\x00U\n" + dt_state + b"q\x01\x85q\x02Rq\x03."),
        ('py2_proto2_date', 2, b"\x80\x02cdatetime\ndate\nq\x00U\x04" + date_state + b"q\x01\x85q\x02Rq\x03."),
        ('py2_proto2_bytearray', 2,
         b"\x80\x02c__builtin__\nbytearray\nq\x00X\x04\x00\x00\x00ab\xc3\xbfq\x01U\x07latin-1q\x02\x86q\x03Rq\x04."),
        ('py2_proto2_newobj', 2,
         b"\x80\x02cgolden_types\nPlain\nq\x00)\x81q\x01}q\x02(U\x01aq\x03K\x01U\x01bq\x04X\x03\x00\x00\x00twoq\x05ub."),
        ('py2_proto2_tuple', 2, b"\x80\x02K\x01K\x02K\x03\x87q\x00."),
        ('py2_proto2_bools', 2, b"\x80\x02\x88\x89N\x87."),
    ]


def py2_string_literal(raw):
    """A protocol-0 STRING argument for raw bytes, quoted the way Python 2's repr(str) would."""
    body = ''.join(c if 32 <= ord(c) < 127 and c not in "\\'" else '\\x%02x' % ord(c) for c in raw.decode('latin1'))
    return ("'" + body + "'").encode('ascii')


# ---------------------------------------------------------------------------------------------------------

def dis_text(data, allow_error=False, annotate=0):
    """pickletools.dis output; with allow_error, a failing dis keeps its partial text plus a '!Error: msg' line."""
    out = io.StringIO()
    try:
        pickletools.dis(data, out=out, annotate=annotate)
    except Exception as exc:
        if not allow_error:
            raise
        return out.getvalue() + error_text(exc) + '\n'
    return out.getvalue()


def pformat_text(value):
    return pprint.pformat(value, width=80)


class Writer:
    """Collects the output files in memory (name -> bytes); save() writes them, --check compares them."""

    def __init__(self):
        self.files = {}
        self.index = []

    def write(self, name, data):
        if not isinstance(data, (bytes, bytearray)):
            data = data.encode('utf-8', 'surrogatepass')
        assert name not in self.files, name
        self.files[name] = bytes(data)

    def save(self, out):
        os.makedirs(out, exist_ok=True)
        for name, data in self.files.items():
            with open(os.path.join(out, name), 'wb') as f:
                f.write(data)

    def row(self, name, protocol, status, stable, buffers, note):
        assert '\t' not in note and '\n' not in note
        self.index.append('%s\t%d\t%s\t%d\t%d\t%s' % (name, protocol, status, int(stable), buffers, note))


def dumps_case(value, protocol, out_of_band):
    buffers = []
    if out_of_band:
        data = pickle.dumps(value, protocol, buffer_callback=lambda b: buffers.append(bytes(b.raw())) or False)
    else:
        data = pickle.dumps(value, protocol)
    return data, buffers


# pickletools.dis(data, annotate=1) is stored only for these protocols and small pickles (size budget).
ANNOTATE_PROTOCOLS = (0, 4)
ANNOTATE_MAX_BYTES = 1024

# Disassembly of these is left out to keep the files small: 999/1000/1001 already cover the batch edges, and
# frames_multi only needs its framed protocols.
NO_DIS = {'batch_list_2500': PROTOCOLS, 'batch_dict_2500': PROTOCOLS, 'batch_set_2500': PROTOCOLS,
          'str_64k_plus': (1, 2, 3, 5)}

# Protocols left out of a case on purpose (size budget), with the reason recorded in the index.
SKIPPED = {'frames_multi': ((0, 1, 2, 3), 'left out: FRAME exists only at protocol 4+ (size budget)')}


def write_case(w, name, value, out_of_band=False):
    text_repr, addr1 = normalize(repr(value))
    text_pformat, addr2 = normalize(pformat_text(value))
    w.write(name + '.repr.txt', text_repr)
    w.write(name + '.pformat.txt', text_pformat)
    addr = addr1 or addr2
    for p in PROTOCOLS:
        if p in SKIPPED.get(name, ((), ''))[0]:
            w.row(name, p, 'none', False, 0, SKIPPED[name][1])
            continue
        try:
            data, buffers = dumps_case(value, p, out_of_band)
        except Exception as exc:  # CPython refuses this value at this protocol: record why
            w.row(name, p, 'none', False, 0, 'unpicklable: ' + error_text(exc)[1:].replace('\n', ' '))
            continue
        w.write('%s.p%d.pickle' % (name, p), data)
        nodis = p in NO_DIS.get(name, ())
        if not nodis:
            w.write('%s.p%d.dis.txt' % (name, p), dis_text(data))
        if p in ANNOTATE_PROTOCOLS and len(data) <= ANNOTATE_MAX_BYTES:
            w.write('%s.p%d.dis-annotate.txt' % (name, p), dis_text(data, annotate=1))
        for k, b in enumerate(buffers):
            w.write('%s.p%d.buf%d.bin' % (name, p, k), b)
        loaded = pickle.loads(data, buffers=buffers)
        again, again_buffers = dumps_case(loaded, p, out_of_band)
        stable = again == data and again_buffers == buffers
        loaded_repr = normalize(repr(loaded))[0]
        if loaded_repr != text_repr:
            w.write('%s.p%d.repr.txt' % (name, p), loaded_repr)
            # pprint is slow on deep values; a value that reprs the same pretty-prints the same
            loaded_pformat = normalize(pformat_text(loaded))[0]
            if loaded_pformat != text_pformat:
                w.write('%s.p%d.pformat.txt' % (name, p), loaded_pformat)
        note = ' '.join(n for n, on in (('addr', addr), ('nodis', nodis)) if on)
        w.row(name, p, 'ok', stable, len(buffers), note)


def load_repr(data, **kwargs):
    try:
        return normalize(repr(pickle.loads(data, **kwargs)))[0]
    except Exception as exc:
        return error_text(exc)


def load_pformat(data, **kwargs):
    try:
        return normalize(pformat_text(pickle.loads(data, **kwargs)))[0]
    except Exception as exc:
        return error_text(exc)


def write_py2_case(w, name, protocol, data):
    # pickletools cannot show some STRING arguments CPython still loads (non-ASCII escapes): keep its error.
    text = dis_text(data, allow_error=True)
    assert text, name
    w.write('%s.p%d.pickle' % (name, protocol), data)
    w.write('%s.p%d.dis.txt' % (name, protocol), text)
    w.write(name + '.repr.txt', load_repr(data))
    w.write(name + '.pformat.txt', load_pformat(data))
    w.write(name + '.repr-latin1.txt', load_repr(data, encoding='latin1'))
    w.write(name + '.repr-bytes.txt', load_repr(data, encoding='bytes'))
    for p in PROTOCOLS:
        if p == protocol:
            w.row(name, p, 'readonly', False, 0, 'hand-written Python 2 era pickle')
        else:
            w.row(name, p, 'none', False, 0, 'hand-written protocol %d pickle only' % protocol)


def check_tutorial():
    data = pickle.dumps({1: 'hi', 2: 'there'}, 3)
    assert data == b'\x80\x03}q\x00(K\x01X\x02\x00\x00\x00hiq\x01K\x02X\x05\x00\x00\x00thereq\x02u.', data


def generate():
    """Returns every output file as {name: bytes}."""
    check_tutorial()
    w = Writer()
    for name, value in all_cases():
        write_case(w, name, value)
    write_case(w, 'pickle_buffer_oob', pickle.PickleBuffer(bytearray(b'out of band')), out_of_band=True)
    write_case(w, 'pickle_buffer_oob_readonly', pickle.PickleBuffer(b'read only'), out_of_band=True)
    write_case(w, 'pickle_buffer_inband', pickle.PickleBuffer(bytearray(b'in band')))
    for name, protocol, data in py2_cases():
        write_py2_case(w, name, protocol, data)
    w.write('index.txt', '# name\tprotocol\tstatus\tstable\tbuffers\tnote\n' + '\n'.join(w.index) + '\n')
    version = 'python %s\n' % sys.version.split()[0]
    version += 'numpy %s\n' % (numpy.__version__ if numpy is not None else 'absent')
    w.write('VERSION', version)
    w.write('repr_cases.txt', repr_cases_text())
    return w


# ---------------------------------------------------------------------------------------------------------
# repr_cases.txt: Python literal expressions with repr(eval(expr)) and pprint.pformat(eval(expr)).
#
# Format: '#' lines are comments; each record is three lines then an empty line:
#     expr:<escaped>
#     repr:<escaped>
#     pformat:<escaped>
# Escaping (so every record line is one line of UTF-8 text): '\\' stands for a backslash, '\n' for a line feed,
# '\r' for a carriage return, '\uXXXX' (4 hex digits) for a lone surrogate code unit. Nothing else is escaped.
# Every expr is ast.literal_eval-able. Dict and set elements are kept one comparable kind per container, so
# pprint's key sorting never falls back to object ids. In the random part every set literal is spelled in the
# order CPython iterates it, so repr prints set elements in source order.

REPR_SEED = 20240229
RANDOM_REPR_CASES = 3000


def escape_line(text):
    out = []
    for ch in text:
        if ch == '\\':
            out.append('\\\\')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\r':
            out.append('\\r')
        elif 0xD800 <= ord(ch) <= 0xDFFF:
            out.append('\\u%04x' % ord(ch))
        else:
            out.append(ch)
    return ''.join(out)


def fixed_repr_exprs():
    exprs = []
    ints = [0, 1, -1, 7, 255, 256, 2**31 - 1, -2**31, 2**63 - 1, -2**63, 2**64, 10**100, -10**100, 2**4000]
    exprs += [repr(i) for i in ints] + ['0x_ff' .replace('_', ''), '0o777', '0b1010', '1_000_000', 'True', 'False', 'None']
    floats = ['0.0', '-0.0', '1.0', '1.5', '-2.5', '1e16', '1e-05', '1e-5', '1e22', '1e15', '1e17', '123456789012345678.0',
              '2.5e-310', '5e-324', '1.7976931348623157e308', '1e400', '-1e400', '0.1', '0.30000000000000004',
              '1/3'.replace('1/3', '0.3333333333333333'), '100.0', '1234567.0', '9999999999999998.0',
              '0.0001', '0.00001', '123e-20', '3.141592653589793', '1e-7', '12345678901234567890.0', '.5', '5.',
              '1_0.0_1']
    exprs += floats
    exprs += ['1j', '-1j', '(1+2j)', '(-0.0-0j)', '1e400j', '(1.5-2.5e-310j)', '0j', '(-1-0j)', '3.0j']
    strs = ["''", '""', "'abc'", '"it\'s"', "'say \"hi\"'", '\'both \\\' and "\'', "'\\\\'", "'\\n\\r\\t\\x0b\\x0c'",
            "'\\x00\\x01\\x1f\\x7f'", "'\\x80\\x85\\x9f\\xa0\\xad\\xff'", "'caf\\xe9'", "'\\u20ac\\u4e2d'",
            "'\\u2028\\u2029\\u200b\\u200e\\ufeff'", "'\\ue000\\uf8ff'", "'\\u0378\\ufffe\\uffff'",
            "'\\U0001f600\\U00010000'", "'\\U000e0001\\U000f0000\\U0010ffff'", "'\\ud800'", "'\\udfff x \\ud83d'",
            "'\\u3000\\u00a0\\u1680 \\u2000'", "'\\u0300 combining'", "'tab\\tend'", "'\\a\\b\\f\\v'",
            "'mixed \\' \" \\\\ \\n'", "'\"'", "\"'\"", "'\\'\"'", "'\\U0001f1ef\\U0001f1f5'"]
    exprs += strs
    exprs += ["b''", "b'abc'", "b'\\x00\\xff'", "b'it\\'s'", "b'\"'", "b'\\'\"'", "b'\\\\'", "b'\\n\\r\\t'"]
    for start in range(0, 256, 32):
        exprs.append(repr(bytes(range(start, start + 32))))
    exprs.append(repr(bytes(range(256))))
    exprs += ['[]', '()', '{}', '(1,)', '(1, 2)', '[1, [2, [3, [4]]]]', "{'a': [1, 2], 'b': {'c': (3,)}}",
              '{1, 2, 3}', "{(1, 2): 'x'}", '[(), [], {}]', "{'b': 1, 'a': 2}", '{2: 1, 1: 2}',
              '{1: {1: {1: {1: {}}}}}', "[''] * 0".replace(' * 0', '')]
    # wide containers that pprint must wrap
    exprs.append(repr(list(range(60))))
    exprs.append(repr({i: 'value %d' % i for i in range(15)}))
    exprs.append(repr([[i] * 12 for i in range(8)]))
    exprs.append(repr({'key%02d' % i: list(range(i)) for i in range(12)}))
    exprs.append(repr(tuple('word%d' % i for i in range(30))))
    exprs.append(repr('a long string ' * 12))
    exprs.append(repr(['a long string ' * 8, 'another ' * 12]))
    exprs.append(repr(b'long bytes ' * 12))
    exprs.append(repr([b'long bytes ' * 8, bytes(range(100))]))
    exprs.append(repr({'nested': {'deeper': {'deepest': list(range(40))}}, 'other': 'x' * 70}))
    exprs.append(repr([10**50, -10**60, 1.5e300, 'x' * 30, (1, 2, 3) * 10]))
    exprs.append(repr((('a' * 40, 'b' * 40), ['c' * 40])))
    exprs.append(repr({(i, i + 1): [i] * 5 for i in range(10)}))
    exprs.append(repr(set(range(40))))
    exprs.append(repr({'z': 1, 'a': 2, 'm': [3] * 30}))
    return exprs


def random_literal(rng, depth):
    kind = rng.choice(['int', 'int', 'float', 'float', 'str', 'str', 'bytes', 'complex', 'const',
                       'list', 'tuple', 'dict', 'set'] if depth < 2 else
                      ['int', 'float', 'str', 'bytes', 'complex', 'const'])
    if kind in ('int', 'float', 'str', 'bytes'):
        return random_leaf(rng, kind)
    if kind == 'complex':
        return complex(random_float(rng), random_float(rng))
    if kind == 'const':
        return rng.choice([None, True, False])
    n = rng.choice([0, 1, 2, 3, 4] if depth else [0, 1, 2, 3, 5, 8, 12])
    if kind == 'list':
        return [random_literal(rng, depth + 1) for _ in range(n)]
    if kind == 'tuple':
        return tuple(random_literal(rng, depth + 1) for _ in range(n))
    key_kind = rng.choice(['int', 'str', 'bytes', 'float'])
    keys = [random_leaf(rng, key_kind) for _ in range(n)]
    if kind == 'set':
        return set(keys)
    return {k: random_literal(rng, depth + 1) for k in keys}


def random_leaf(rng, kind):
    if kind == 'int':
        return rng.choice([rng.randint(-300, 300), rng.randint(-2**70, 2**70), rng.getrandbits(rng.randint(1, 300))])
    if kind == 'float':
        return random_float(rng)
    if kind == 'str':
        return ''.join(random_char(rng) for _ in range(rng.choice([0, 1, 3, 8, 20, 45])))
    return bytes(rng.getrandbits(8) if rng.random() < 0.5 else rng.randint(32, 126)
                 for _ in range(rng.choice([0, 1, 4, 16, 45])))


def random_float(rng):
    import math
    import struct
    while True:
        r = rng.random()
        if r < 0.3:
            f = struct.unpack('<d', rng.getrandbits(64).to_bytes(8, 'little'))[0]
        elif r < 0.6:
            f = rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30)
        elif r < 0.8:
            f = float(rng.randint(-10**6, 10**6)) / rng.choice([1, 2, 4, 10, 100, 1000])
        else:
            f = rng.choice([0.0, -0.0, 1e16, 1e-5, 1e22, 1e15, 1e17, 5e-324, 2.5e-310, float('inf'), -float('inf')])
        if not math.isnan(f):
            return f


CHAR_POOL = ('abcXYZ019 _-', '\'"\\', '\n\r\t\x00\x07\x1b\x7f', '\x80\x85\x9f\xa0\xad\xe9\xff',
             '\u0378\u0300\u2028\u200b\u3000\u20ac\ufeff\ue000\uffff\u4e2d',
             '\U0001F600\U000E0001\U0010FFFF\U0001D11E\U00010FFF', '\ud800\udc00')


def random_char(rng):
    return rng.choice(rng.choice(CHAR_POOL))


def literal_expr(value):
    """Source for value; sets are spelled in their iteration order so repr order matches the source."""
    if isinstance(value, list):
        return '[' + ', '.join(literal_expr(v) for v in value) + ']'
    if isinstance(value, tuple):
        inner = ', '.join(literal_expr(v) for v in value)
        return '(' + inner + (',)' if len(value) == 1 else ')')
    if isinstance(value, dict):
        return '{' + ', '.join(literal_expr(k) + ': ' + literal_expr(v) for k, v in value.items()) + '}'
    if isinstance(value, set):
        return '{' + ', '.join(literal_expr(v) for v in value) + '}' if value else 'set()'
    if isinstance(value, float) and value in (float('inf'), -float('inf')):
        return '1e400' if value > 0 else '-1e400'
    if isinstance(value, complex):
        # literal_eval accepts 'real + imagj' / 'real - imagj' with a plain complex literal on the right
        import math
        sign = '-' if math.copysign(1.0, value.imag) < 0 else '+'
        return '(%s %s %sj)' % (literal_expr(value.real), sign, literal_expr(abs(value.imag)))
    return repr(value)


def repr_cases_text():
    import ast
    rng = random.Random(REPR_SEED)
    exprs = fixed_repr_exprs()
    fixed = len(exprs)
    while len(set(exprs)) < fixed + RANDOM_REPR_CASES:
        expr = literal_expr(random_literal(rng, 0))
        # Keep only sources whose evaluated value spells the same source again: then every set iterates in
        # source order (Java keeps insertion order, it cannot replay CPython's hash table layout).
        if literal_expr(ast.literal_eval(expr)) == expr:
            exprs.append(expr)
    lines = ['# repr_cases.txt: written by tools/golden/generate.py (Python %s), random part seeded with %d'
             % (sys.version.split()[0], REPR_SEED),
             '# records: expr/repr/pformat lines then an empty line; escapes: \\\\ \\n \\r \\uXXXX (lone surrogates)', '']
    seen = set()
    for expr in exprs:
        if expr in seen:
            continue
        seen.add(expr)
        value = ast.literal_eval(expr)
        lines += ['expr:' + escape_line(expr), 'repr:' + escape_line(repr(value)),
                  'pformat:' + escape_line(pformat_text(value)), '']
    return '\n'.join(lines)


def recorded_python(out):
    try:
        with open(os.path.join(out, 'VERSION'), encoding='utf-8') as f:
            first = f.readline().split()
        return first[1]
    except (OSError, IndexError):
        return None


def check(committed):
    recorded = recorded_python(committed)
    here = sys.version.split()[0]
    if recorded is None or recorded.split('.')[:2] != here.split('.')[:2]:
        print('golden files were made by Python %s; this is %s: not comparable' % (recorded, here), file=sys.stderr)
        return 3
    fresh = generate().files
    ignore = {'VERSION'}
    if numpy is None:  # cannot regenerate the numpy case here; leave it unchecked
        ignore |= {f for f in os.listdir(committed) if f.startswith('numpy_')}
        ignore.add('index.txt')
    old = set(os.listdir(committed)) - ignore
    new = set(fresh) - ignore
    stale = sorted(old ^ new)
    for f in sorted(old & new):
        with open(os.path.join(committed, f), 'rb') as stored:
            if stored.read() != fresh[f]:
                stale.append(f)
    if numpy is None:
        stale += compare_index_without_numpy(committed, fresh['index.txt'])
    if stale:
        print('stale golden files (%d): %s' % (len(stale), ' '.join(stale[:50])), file=sys.stderr)
        print('regenerate with: python3 tools/golden/generate.py', file=sys.stderr)
        return 1
    print('golden files are current (Python %s)' % here)
    return 0


def compare_index_without_numpy(committed, fresh_index):
    def rows(text):
        return [r for r in text.split('\n') if not r.startswith('numpy_')]
    with open(os.path.join(committed, 'index.txt'), 'rb') as f:
        return [] if rows(f.read().decode('utf-8')) == rows(fresh_index.decode('utf-8')) else ['index.txt']


def main():
    # Sets of str pickle in hash order: pin the hash seed so every run writes the same bytes.
    if os.environ.get('PYTHONHASHSEED') != '0':
        env = dict(os.environ, PYTHONHASHSEED='0')
        return subprocess.call([sys.executable] + sys.argv, env=env)
    # pprint recurses about 4 frames per nesting level; the 500-deep list needs more than the default 1000.
    sys.setrecursionlimit(20000)
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--check', action='store_true', help='compare with the committed files, write nothing')
    parser.add_argument('--out', default=DEFAULT_OUT, help='output directory')
    args = parser.parse_args()
    if args.check:
        return check(args.out)
    files = generate()
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    files.save(args.out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
