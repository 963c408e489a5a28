package dev.picklewire.internal.writer;

import dev.picklewire.PicklingException;
import dev.picklewire.types.PyArray;
import dev.picklewire.types.PyDateTime;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyTime;
import dev.picklewire.types.PyTimezone;
import dev.picklewire.types.PyTuple;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reduce forms CPython's {@code __reduce_ex__} gives for the standard-library values picklewire maps to
 * Java types: each method returns the {@link PyObject} that pickles to the same bytes. Stateless.
 */
final class ReduceForms {
    static final PyGlobal DATE = PyGlobal.of("datetime", "date");
    static final PyGlobal TIME = PyGlobal.of("datetime", "time");
    static final PyGlobal DATETIME = PyGlobal.of("datetime", "datetime");
    static final PyGlobal TIMEDELTA = PyGlobal.of("datetime", "timedelta");
    static final PyGlobal TIMEZONE = PyGlobal.of("datetime", "timezone");
    static final PyGlobal DECIMAL = PyGlobal.of("decimal", "Decimal");
    static final PyGlobal UUID_CLASS = PyGlobal.of("uuid", "UUID");
    static final PyGlobal COMPLEX = PyGlobal.of("builtins", "complex");
    static final PyGlobal RANGE = PyGlobal.of("builtins", "range");
    static final PyGlobal SLICE = PyGlobal.of("builtins", "slice");
    static final PyGlobal ARRAY = PyGlobal.of("array", "array");
    static final PyGlobal ARRAY_RECONSTRUCTOR = PyGlobal.of("array", "_array_reconstructor");
    static final PyGlobal ORDERED_DICT = PyGlobal.of("collections", "OrderedDict");
    static final PyGlobal DEFAULT_DICT = PyGlobal.of("collections", "defaultdict");
    /** UUID's state key: one string object for every UUID, as CPython's interned 'int'. */
    private static final String INT_KEY = "int";
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long MAX_TIMEDELTA_DAYS = 999_999_999L;

    private ReduceForms() {
    }

    /** {@code date.__reduce__}: (date, (state,)) with state = year hi, year lo, month, day. */
    static PyObject date(LocalDate d) {
        checkYear(d.getYear());
        byte[] state = {(byte) (d.getYear() >> 8), (byte) d.getYear(), (byte) d.getMonthValue(),
            (byte) d.getDayOfMonth()};
        return PyObject.reduce(DATE, PyTuple.of((Object) state));
    }

    /** {@code time.__reduce_ex__}: fold sets the hour's top bit, but only from protocol 4 (time_getstate). */
    static PyObject time(LocalTime t, Object tzinfo, int fold, int protocol) {
        int micros = t.getNano() / 1000;
        int hour = t.getHour() | (fold == 1 && protocol > 3 ? 0x80 : 0);
        byte[] state = {(byte) hour, (byte) t.getMinute(), (byte) t.getSecond(), (byte) (micros >> 16),
            (byte) (micros >> 8), (byte) micros};
        return PyObject.reduce(TIME, tzinfo == null ? PyTuple.of((Object) state) : PyTuple.of(state, tzinfo));
    }

    /** {@code datetime.__reduce_ex__}: 10 state bytes; fold sets the month's top bit from protocol 4. */
    static PyObject datetime(LocalDateTime dt, Object tzinfo, int fold, int protocol) {
        checkYear(dt.getYear());
        int micros = dt.getNano() / 1000;
        int month = dt.getMonthValue() | (fold == 1 && protocol > 3 ? 0x80 : 0);
        byte[] state = {(byte) (dt.getYear() >> 8), (byte) dt.getYear(), (byte) month, (byte) dt.getDayOfMonth(),
            (byte) dt.getHour(), (byte) dt.getMinute(), (byte) dt.getSecond(), (byte) (micros >> 16),
            (byte) (micros >> 8), (byte) micros};
        return PyObject.reduce(DATETIME, tzinfo == null ? PyTuple.of((Object) state) : PyTuple.of(state, tzinfo));
    }

    static PyObject time(PyTime t, int protocol) {
        return time(t.local(), t.tzinfo(), t.fold(), protocol);
    }

    static PyObject datetime(PyDateTime dt, int protocol) {
        return datetime(dt.local(), dt.tzinfo(), dt.fold(), protocol);
    }

    /**
     * {@code timedelta.__reduce__}: (timedelta, (days, seconds, microseconds)), normalized as Python keeps
     * it (0 <= seconds < 86400, 0 <= microseconds < 10**6). Sub-microsecond nanos round half-even.
     */
    static PyObject timedelta(Duration d) {
        long seconds = d.getSeconds();
        long micros = roundHalfEven(d.getNano(), 1000);
        if (micros == 1_000_000) {
            micros = 0;
            seconds = Math.addExact(seconds, 1);
        }
        long days = Math.floorDiv(seconds, 86_400L);
        long secs = Math.floorMod(seconds, 86_400L);
        if (Math.abs(days) > MAX_TIMEDELTA_DAYS) {
            throw new PicklingException("Duration " + d + " is beyond Python's timedelta range (|days| <= "
                    + MAX_TIMEDELTA_DAYS + ")");
        }
        return PyObject.reduce(TIMEDELTA, PyTuple.of(smallest(days), (int) secs, (int) micros));
    }

    private static long roundHalfEven(long value, long unit) {
        long q = value / unit;
        long r = value % unit;
        if (r * 2 > unit || (r * 2 == unit && (q & 1) == 1)) {
            q++;
        }
        return q;
    }

    /** {@code timezone.__getinitargs__}: (offset,) or (offset, name). */
    static PyObject timezone(ZoneOffset offset) {
        return PyObject.reduce(TIMEZONE, PyTuple.of(timedelta(Duration.ofSeconds(offset.getTotalSeconds()))));
    }

    static PyObject timezone(PyTimezone tz) {
        PyObject delta = timedelta(tz.offset());
        return PyObject.reduce(TIMEZONE, tz.name() == null ? PyTuple.of(delta) : PyTuple.of(delta, tz.name()));
    }

    /** {@code Decimal.__reduce__}: (Decimal, (str(self),)); BigDecimal's toString follows the same spec. */
    static PyObject decimal(String text) {
        return PyObject.reduce(DECIMAL, PyTuple.of(text));
    }

    /** A UUID as {@code uuid.UUID}'s copyreg reduction: NEWOBJ (UUID, ()) then BUILD {'int': n}. */
    static PyObject uuid(UUID u) {
        BigInteger n = new BigInteger(Long.toUnsignedString(u.getMostSignificantBits()))
                .multiply(TWO_64).add(new BigInteger(Long.toUnsignedString(u.getLeastSignificantBits())));
        PyObject o = PyObject.newObj(UUID_CLASS, PyTuple.empty());
        Map<Object, Object> state = new LinkedHashMap<>(2);
        state.put(INT_KEY, smallest(n));
        o.setState(state);
        return o;
    }

    /**
     * {@code array.__reduce_ex__}: below protocol 3 (array, (typecode, list)); from 3,
     * (array._array_reconstructor, (array, typecode, machine format code, bytes)) in this machine's
     * little-endian layout, as CPython on x86-64 and arm64 Linux writes it.
     */
    static PyObject array(PyArray a, int protocol) {
        String typecode = String.valueOf(a.typecode());
        if (protocol < 3) {
            return PyObject.reduce(ARRAY, PyTuple.of(typecode, new java.util.ArrayList<>(a.items())));
        }
        return PyObject.reduce(ARRAY_RECONSTRUCTOR,
                PyTuple.of(ARRAY, typecode, machineFormat(a.typecode()), arrayBytes(a)));
    }

    private static int machineFormat(char typecode) {
        switch (typecode) {
            case 'B': return 0;
            case 'b': return 1;
            case 'H': return 2;
            case 'h': return 4;
            case 'I': return 6;
            case 'i': return 8;
            case 'L': case 'Q': return 10;
            case 'l': case 'q': return 12;
            case 'f': return 14;
            case 'd': return 16;
            default: return 20; // 'u' and 'w': UTF-32-LE, as wchar_t on Linux
        }
    }

    private static int itemSize(char typecode) {
        switch (typecode) {
            case 'b': case 'B': return 1;
            case 'h': case 'H': return 2;
            case 'l': case 'L': case 'q': case 'Q': case 'd': return 8;
            default: return 4;
        }
    }

    private static byte[] arrayBytes(PyArray a) {
        List<Object> items = a.items();
        int size = itemSize(a.typecode());
        byte[] out = new byte[Math.multiplyExact(items.size(), size)];
        for (int i = 0; i < items.size(); i++) {
            long bits = itemBits(a.typecode(), items.get(i), i);
            for (int b = 0; b < size; b++) {
                out[i * size + b] = (byte) (bits >>> (8 * b));
            }
        }
        return out;
    }

    private static long itemBits(char typecode, Object item, int index) {
        if (typecode == 'd') {
            return Double.doubleToRawLongBits(((Number) numberItem(item, index)).doubleValue());
        }
        if (typecode == 'f') {
            return Float.floatToRawIntBits(((Number) numberItem(item, index)).floatValue()) & 0xFFFF_FFFFL;
        }
        if (typecode == 'u' || typecode == 'w') {
            if (item instanceof String s && s.codePointCount(0, s.length()) == 1) {
                return s.codePointAt(0);
            }
            throw new PicklingException("array item " + index + " of type code '" + typecode
                    + "' must be a one-character str, got " + describe(item));
        }
        Object n = numberItem(item, index);
        return n instanceof BigInteger b ? b.longValue() : ((Number) n).longValue();
    }

    private static Object numberItem(Object item, int index) {
        if (item instanceof Number) {
            return item;
        }
        throw new PicklingException("array item " + index + " must be a number, got " + describe(item));
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getName();
    }

    private static void checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new PicklingException("year " + year + " is out of Python's datetime range 1..9999");
        }
    }

    /** An integral value as the smallest of Integer, Long, BigInteger that holds it. */
    static Object smallest(long v) {
        return v == (int) v ? (Object) (int) v : (Object) v;
    }

    static Object smallest(BigInteger v) {
        return v.bitLength() < 64 ? smallest(v.longValue()) : v;
    }
}
