"""Pickles values described by Python expressions, for picklewire's writer tests.

stdin: one Python expression per line (see the helpers below); stdout: for each line, the hex of
pickle.dumps(value, p) for p = 0..5, separated by spaces. Helpers make fresh objects the way a Java value
graph has them: S(text) a new str (one-character strs stay CPython's shared ones), T(...) a new tuple,
B(hex) new bytes, D(k, v)/R(k) register and reuse one object, TZ(seconds) one timezone per offset.
"""
import array
import collections
import datetime
import decimal
import pickle
import sys
import uuid
from collections import OrderedDict, defaultdict
from datetime import date, time, timedelta, timezone
from decimal import Decimal

_reg = {}
_tz = {}


def S(text):
    return ''.join(list(text))


def T(*items):
    return tuple(list(items))


def B(hexdigits):
    return bytes.fromhex(hexdigits)


def D(key, value):
    _reg[key] = value
    return value


def R(key):
    return _reg[key]


def TZ(seconds):
    if seconds not in _tz:
        _tz[seconds] = timezone(timedelta(seconds=seconds))
    return _tz[seconds]


def DT(*args, **kwargs):
    return datetime.datetime(*args, **kwargs)


def self_list():
    l = []
    l.append(l)
    return l


def tuple_list_tuple():
    l = []
    t = (l,)
    l.append(t)
    return t


def self_dict():
    d = {}
    d['me'] = d
    return d


def frozen_in_list():
    l = []
    f = frozenset([1, 2])
    l.append(f)
    l.append(f)
    return l


def main():
    out = []
    for line in sys.stdin.read().split('\n'):
        if not line:
            continue
        _reg.clear()
        value = eval(line)
        out.append(' '.join(pickle.dumps(value, p).hex() for p in range(6)))
    sys.stdout.write('\n'.join(out) + '\n')


main()
