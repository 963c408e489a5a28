# Pickles a table of values at protocols 0-5 and prints, per pickle: name, protocol, base64 pickle, and a
# canonical description of the value CPython loads back (the same text ReaderValuesTest computes from the decoded Java value).
import array, base64, collections, datetime, decimal, pickle, struct, uuid

def hexf(x):
    return format(struct.unpack('<Q', struct.pack('<d', x))[0], 'x')

def d(v):
    if v is None: return 'None'
    if v is True: return 'True'
    if v is False: return 'False'
    if isinstance(v, int):
        kind = 'Integer' if -2**31 <= v < 2**31 else 'Long' if -2**63 <= v < 2**63 else 'BigInteger'
        return 'int:%d:%s' % (v, kind)
    if isinstance(v, float): return 'float:' + hexf(v)
    if isinstance(v, str): return 'str:' + v.encode('utf-16-be', 'surrogatepass').hex()
    if isinstance(v, bytes): return 'bytes:' + v.hex()
    if isinstance(v, bytearray): return 'bytearray:' + v.hex()
    if isinstance(v, tuple): return 'tuple(' + ','.join(map(d, v)) + ')'
    if isinstance(v, list): return 'list[' + ','.join(map(d, v)) + ']'
    if isinstance(v, collections.OrderedDict): return 'odict{' + ','.join(d(k) + ':' + d(x) for k, x in v.items()) + '}'
    if isinstance(v, collections.defaultdict):
        return 'ddict(' + d(v.default_factory) + '){' + ','.join(d(k) + ':' + d(x) for k, x in v.items()) + '}'
    if isinstance(v, dict): return 'dict{' + ','.join(d(k) + ':' + d(x) for k, x in v.items()) + '}'
    if isinstance(v, frozenset): return 'frozenset{' + ','.join(map(d, v)) + '}'
    if isinstance(v, set): return 'set{' + ','.join(map(d, v)) + '}'
    if isinstance(v, complex): return 'complex(%s,%s)' % (d(v.real), d(v.imag))
    if isinstance(v, decimal.Decimal): return 'decimal:' + str(v)
    if isinstance(v, uuid.UUID): return 'uuid:' + str(v)
    if isinstance(v, datetime.datetime):
        return 'datetime:%d,%d,%d,%d,%d,%d,%d,%d,%s' % (v.year, v.month, v.day, v.hour, v.minute, v.second,
                                                     v.microsecond, v.fold, d(v.tzinfo))
    if isinstance(v, datetime.date): return 'date:%d,%d,%d' % (v.year, v.month, v.day)
    if isinstance(v, datetime.time):
        return 'time:%d,%d,%d,%d,%d,%s' % (v.hour, v.minute, v.second, v.microsecond, v.fold, d(v.tzinfo))
    if isinstance(v, datetime.timedelta): return 'timedelta:%d' % ((v.days * 86400 + v.seconds) * 10**6 + v.microseconds)
    if isinstance(v, datetime.timezone):
        args = v.__getinitargs__()
        off = args[0]
        return 'tz:%d:%s' % ((off.days * 86400 + off.seconds) * 10**6 + off.microseconds, args[1] if len(args) > 1 else '')
    if isinstance(v, range): return 'range(%d,%d,%d)' % (v.start, v.stop, v.step)
    if isinstance(v, slice): return 'slice(%s,%s,%s)' % (d(v.start), d(v.stop), d(v.step))
    if v is Ellipsis: return 'const:Ellipsis'
    if v is NotImplemented: return 'const:NotImplemented'
    if isinstance(v, array.array): return 'array:' + v.typecode + '[' + ','.join(map(d, v)) + ']'
    if isinstance(v, type): return 'global:%s.%s' % (v.__module__, v.__qualname__)
    raise TypeError(type(v))

tz = datetime.timezone
td = datetime.timedelta
shared = [1, 2]
VALUES = {
    'none': None, 'true': True, 'false': False,
    'ints': [0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**63 - 1, -2**63, 2**63,
             -2**63 - 1, 2**64, 10**40, -10**40, 2**1000],
    'floats': [0.0, -0.0, 1.5, -2.25, 1e300, 5e-324, float('inf'), float('-inf'), 0.1],
    'strs': ['', 'a', 'hi there', 'caf\xe9', '\u20ac', '\U0001f600', 'line\nbreak', 'back\\slash', '\ud800x',
             'x\udfff', 'a' * 300, '\\u0041'],
    'bytes': [b'', b'\x00\xff', b'abc' * 100],
    'bytearray': bytearray(b'\x01\x02'),
    'tuples': ((), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), ((),)),
    'nested': {'a': [1, (2, 3)], 'b': {'c': None}, (1, 2): frozenset([3])},
    'sets': [set(), {1, 2, 3}, frozenset(), frozenset(['x'])],
    'shared': [shared, shared],
    'complex': [1 + 2j, -0.5j],
    'decimals': [decimal.Decimal('1.5'), decimal.Decimal('-0'), decimal.Decimal('NaN'), decimal.Decimal('-Infinity'),
                 decimal.Decimal('1E+2'), decimal.Decimal('0.000001'), decimal.Decimal('1.50')],
    'uuid': uuid.UUID('12345678-1234-5678-1234-567812345678'),
    'uuids': [uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)],
    'dates': [datetime.date(2020, 1, 2), datetime.date(1, 1, 1), datetime.date(9999, 12, 31)],
    'times': [datetime.time(1, 2, 3, 4), datetime.time(1, 2, 3, 4, fold=1), datetime.time(23, 59, tzinfo=tz.utc),
              datetime.time(5, tzinfo=tz(td(hours=-3), 'X'))],
    'datetimes': [datetime.datetime(2020, 1, 2, 3, 4, 5, 6), datetime.datetime(2020, 1, 2, fold=1),
                  datetime.datetime(2020, 1, 2, tzinfo=tz.utc), datetime.datetime(2020, 1, 2, tzinfo=tz(td(hours=5, minutes=30))),
                  datetime.datetime(2020, 1, 2, tzinfo=tz(td(seconds=1, microseconds=5)))],
    'timedeltas': [td(1, 2, 3), td(-1), td(microseconds=-1), td(999999999)],
    'timezones': [tz.utc, tz(td(hours=1)), tz(td(hours=1), 'CET'), tz(td(hours=23))],
    'ranges': [range(5), range(1, 10, 3), range(10, 0, -2), range(0, 2**70)],
    'slices': [slice(1), slice(1, 2), slice(None, None, -1)],
    'consts': [Ellipsis, NotImplemented],
    'odict': collections.OrderedDict([('b', 1), ('a', 2)]),
    'ddict': collections.defaultdict(list, {'k': [1]}),
    'ddict_none': collections.defaultdict(None),
    'arrays': [array.array(c, v) for c, v in [('b', [-1, 2]), ('B', [255]), ('h', [-300]), ('H', [65535]),
               ('i', [-2**31]), ('I', [2**32 - 1]), ('l', [-2**63]), ('L', [2**64 - 1]), ('q', [5]), ('Q', [2**63]),
               ('f', [1.5]), ('d', [0.1]), ('u', 'a\u20ac')]],
    'globals': [list, dict, collections.OrderedDict, decimal.Decimal],
    'big_list': list(range(-300, 3000, 7)),
    'big_dict': {i: str(i) for i in range(300)},
}
for name, value in VALUES.items():
    for proto in range(6):
        data = pickle.dumps(value, proto)
        print('%s\t%d\t%s\t%s' % (name, proto, base64.b64encode(data).decode(), d(pickle.loads(data))))
