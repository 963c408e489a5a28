package dev.picklewire.internal.reader;

import dev.picklewire.types.PyArray;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyConstant;
import dev.picklewire.types.PyDateTime;
import dev.picklewire.types.PyDecimal;
import dev.picklewire.types.PyDefaultDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PyRange;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PySlice;
import dev.picklewire.types.PyTime;
import dev.picklewire.types.PyTimezone;
import dev.picklewire.types.PyTuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The allow-list: the globals picklewire knows, and what calling each with given arguments yields in Java.
 *
 * <p>Nothing here is looked up reflectively; each name maps to a hand-written constructor. A call whose
 * arguments have a shape we do not reproduce exactly returns {@link #KEEP}, and the reader keeps a generic
 * {@link dev.picklewire.types.PyObject}: that is always exact, only less convenient.
 */
final class KnownGlobals {
    /** Returned when the call is not converted; the reader then keeps a PyObject. */
    static final Object KEEP = new Object();

    private static final Set<String> KNOWN = Set.of(
            "builtins.set", "builtins.frozenset", "builtins.bytearray", "builtins.bytes", "builtins.complex",
            "builtins.range", "builtins.slice", "builtins.Ellipsis", "builtins.NotImplemented", "builtins.object",
            "builtins.list", "builtins.dict", "builtins.tuple", "builtins.int", "builtins.float", "builtins.str",
            "builtins.bool", "_codecs.encode", "copyreg._reconstructor",
            "collections.OrderedDict", "collections.defaultdict", "datetime.date", "datetime.time",
            "datetime.datetime", "datetime.timedelta", "datetime.timezone", "decimal.Decimal", "uuid.UUID",
            "array.array", "array._array_reconstructor");

    private static final Pattern SPECIAL_DECIMAL = Pattern.compile("[+-]?(Infinity|Inf|s?NaN[0-9]*)",
            Pattern.CASE_INSENSITIVE);
    private static final BigInteger MICROS_PER_DAY = BigInteger.valueOf(86_400_000_000L);
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);
    /** Python's timedelta bound: |days| <= 999999999. */
    private static final BigInteger MAX_TIMEDELTA_MICROS = BigInteger.valueOf(1_000_000_000L).multiply(MICROS_PER_DAY);

    private KnownGlobals() {
    }

    static boolean isKnown(PyGlobal g) {
        return KNOWN.contains(g.qualifiedName());
    }

    /** The value a bare global stands for when it is a singleton we model (Ellipsis, NotImplemented). */
    static Object singleton(PyGlobal g) {
        if ("builtins".equals(g.module())) {
            if ("Ellipsis".equals(g.name())) {
                return PyConstant.ELLIPSIS;
            }
            if ("NotImplemented".equals(g.name())) {
                return PyConstant.NOT_IMPLEMENTED;
            }
        }
        return null;
    }

    /** The result of {@code g(*args)} (REDUCE), or {@link #KEEP}. */
    static Object call(PyGlobal g, PyTuple args) throws BadValue {
        switch (g.qualifiedName()) {
            case "builtins.set": return makeSet(args, false);
            case "builtins.frozenset": return makeSet(args, true);
            case "builtins.bytearray": return makeByteArray(args);
            case "builtins.bytes": return makeBytes(args);
            case "_codecs.encode": return codecsEncode(args);
            case "builtins.complex": return makeComplex(args);
            case "builtins.range": return makeRange(args);
            case "builtins.slice": return makeSlice(args);
            case "collections.OrderedDict": return args.isEmpty() ? new PyOrderedDict() : KEEP;
            case "collections.defaultdict": return makeDefaultDict(args);
            case "datetime.date": return makeDate(args);
            case "datetime.time": return makeTime(args);
            case "datetime.datetime": return makeDateTime(args);
            case "datetime.timedelta": return makeTimedelta(args);
            case "datetime.timezone": return makeTimezone(args);
            case "decimal.Decimal": return makeDecimal(args);
            case "array.array": return makeArray(args);
            case "array._array_reconstructor": return ArrayFormats.reconstruct(args);
            default: return KEEP;
        }
    }

    private static Object makeSet(PyTuple args, boolean frozen) throws BadValue {
        if (args.size() > 1) {
            return KEEP;
        }
        List<?> items = List.of();
        if (args.size() == 1) {
            if (!(args.get(0) instanceof List<?> list)) {
                return KEEP;
            }
            items = list;
        }
        for (Object item : items) {
            Hashing.check(item);
        }
        if (frozen) {
            return PyFrozenSet.copyOf(items);
        }
        PySet set = new PySet(items.size());
        set.addAll(items);
        return set;
    }

    private static Object makeByteArray(PyTuple args) throws BadValue {
        if (args.isEmpty()) {
            return new PyByteArray(new byte[0]);
        }
        if (args.size() == 1 && args.get(0) instanceof byte[] b) {
            return new PyByteArray(b.clone());
        }
        byte[] encoded = encodeText(args);
        return encoded == null ? KEEP : new PyByteArray(encoded);
    }

    private static Object makeBytes(PyTuple args) throws BadValue {
        if (args.isEmpty()) {
            return new byte[0];
        }
        if (args.size() == 1 && args.get(0) instanceof byte[] b) {
            return b;
        }
        byte[] encoded = encodeText(args);
        return encoded == null ? KEEP : encoded;
    }

    /**
     * {@code bytes(text, encoding)} / {@code bytearray(text, encoding)} as Python 2 pickles write them (e.g.
     * {@code __builtin__.bytearray(u'ab\xff', 'latin-1')}): the latin-1, ASCII and UTF-8 spellings convert;
     * any other codec is left as a generic object (null).
     */
    private static byte[] encodeText(PyTuple args) throws BadValue {
        if (args.size() != 2 || !(args.get(0) instanceof String text)) {
            return null;
        }
        if (!(args.get(1) instanceof String enc)) {
            // e.g. a Python 2 pickle loaded with encoding='bytes' turns the codec name into bytes
            throw new BadValue("argument 'encoding' must be str, not " + TypeNames.of(args.get(1)));
        }
        String codec = enc.toLowerCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        switch (codec) {
            case "latin_1": case "latin1": case "latin": case "l1": case "iso_8859_1": case "iso8859_1":
            case "8859": case "cp819": case "iso_ir_100": case "csisolatin1":
                return narrow(text, 0xff, "latin-1");
            case "ascii": case "us_ascii": case "646":
                return narrow(text, 0x7f, "ascii");
            case "utf_8": case "utf8": case "u8": case "utf": case "cp65001":
                return utf8(text);
            default:
                return null;
        }
    }

    private static byte[] narrow(String text, int max, String codec) throws BadValue {
        byte[] fast = max == 0xff ? Latin1.encode(text) : null;
        if (fast != null) {
            return fast;
        }
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > max) {
                throw new BadValue(String.format("'%s' codec can't encode character '\\u%04x' in position %d:"
                        + " ordinal not in range(%d)", codec, (int) c, i, max + 1));
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private static byte[] utf8(String text) throws BadValue {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new BadValue(String.format("'utf-8' codec can't encode character '\\u%04x' in position %d:"
                        + " surrogates not allowed", (int) c, i));
            }
        }
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Protocols 0-2 write bytes as {@code _codecs.encode(text, 'latin1')}; only that exact shape converts. */
    private static Object codecsEncode(PyTuple args) throws BadValue {
        if (args.size() != 2 || !(args.get(0) instanceof String text) || !"latin1".equals(args.get(1))) {
            return KEEP;
        }
        return narrow(text, 0xff, "latin-1");
    }

    private static Object makeComplex(PyTuple args) {
        if (args.size() > 2) {
            return KEEP;
        }
        double[] parts = new double[2];
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Double d) {
                parts[i] = d;
            } else if (a instanceof Number n && !(a instanceof BigDecimal)) {
                parts[i] = n.doubleValue();
            } else {
                return KEEP;
            }
        }
        return new PyComplex(parts[0], parts[1]);
    }

    private static Object makeRange(PyTuple args) {
        if (args.isEmpty() || args.size() > 3 || !allInts(args)) {
            return KEEP;
        }
        if (args.size() == 1) {
            return new PyRange(0, (Number) args.get(0), 1);
        }
        Number step = args.size() == 3 ? (Number) args.get(2) : Integer.valueOf(1);
        if (Ints.isZero(step)) {
            return KEEP; // Python raises "range() arg 3 must not be zero"; keep the record instead of guessing
        }
        return new PyRange((Number) args.get(0), (Number) args.get(1), step);
    }

    private static Object makeSlice(PyTuple args) {
        switch (args.size()) {
            case 1: return new PySlice(null, args.get(0), null);
            case 2: return new PySlice(args.get(0), args.get(1), null);
            case 3: return new PySlice(args.get(0), args.get(1), args.get(2));
            default: return KEEP;
        }
    }

    private static Object makeDefaultDict(PyTuple args) {
        if (args.size() > 1) {
            return KEEP;
        }
        return new PyDefaultDict(args.isEmpty() ? null : args.get(0));
    }

    private static boolean allInts(PyTuple args) {
        for (Object a : args) {
            if (!Ints.isInt(a)) {
                return false;
            }
        }
        return true;
    }

    /** date(b'YYMD'): year big-endian in two bytes, then month and day; see _datetimemodule.c date_getstate. */
    private static Object makeDate(PyTuple args) throws BadValue {
        byte[] s = stateBytes(args, 4, 1);
        if (s == null) {
            return KEEP;
        }
        int year = (s[0] & 0xff) << 8 | (s[1] & 0xff);
        LocalDate d = date(year, s[2] & 0xff, s[3] & 0xff);
        return d == null ? KEEP : d;
    }

    /** time(b'HMSuuu'[, tzinfo]): fold rides in the hour byte's top bit. */
    private static Object makeTime(PyTuple args) throws BadValue {
        byte[] s = stateBytes(args, 6, 2);
        if (s == null) {
            return KEEP;
        }
        int fold = (s[0] & 0x80) >>> 7;
        LocalTime local = time(s[0] & 0x7f, s[1] & 0xff, s[2] & 0xff, micros(s, 3));
        Object tz = args.size() == 2 ? args.get(1) : null;
        if (fold == 0 && tz == null) {
            return local;
        }
        if (fold == 0 && tz instanceof ZoneOffset offset) {
            return OffsetTime.of(local, offset);
        }
        return new PyTime(local, tz, fold);
    }

    /** datetime(b'YYMDHMSuuu'[, tzinfo]): fold rides in the month byte's top bit. */
    private static Object makeDateTime(PyTuple args) throws BadValue {
        byte[] s = stateBytes(args, 10, 2);
        if (s == null) {
            return KEEP;
        }
        int fold = (s[2] & 0x80) >>> 7;
        LocalDate d = date((s[0] & 0xff) << 8 | (s[1] & 0xff), s[2] & 0x7f, s[3] & 0xff);
        if (d == null) {
            return KEEP;
        }
        LocalDateTime local = LocalDateTime.of(d, time(s[4] & 0xff, s[5] & 0xff, s[6] & 0xff, micros(s, 7)));
        Object tz = args.size() == 2 ? args.get(1) : null;
        if (fold == 0 && tz == null) {
            return local;
        }
        if (fold == 0 && tz instanceof ZoneOffset offset) {
            return OffsetDateTime.of(local, offset);
        }
        return new PyDateTime(local, tz, fold);
    }

    private static int micros(byte[] s, int at) {
        return (s[at] & 0xff) << 16 | (s[at + 1] & 0xff) << 8 | (s[at + 2] & 0xff);
    }

    /**
     * The state bytes of a date/time/datetime REDUCE: {@code bytes} (protocol 3+, or via _codecs.encode), or a
     * Python 2 {@code str} decoded as latin-1 (which datetime accepts for compatibility). Null if the shape differs.
     */
    private static byte[] stateBytes(PyTuple args, int length, int maxArgs) {
        if (args.isEmpty() || args.size() > maxArgs) {
            return null;
        }
        Object a = args.get(0);
        byte[] s = null;
        if (a instanceof byte[] b) {
            s = b;
        } else if (a instanceof String text && text.chars().allMatch(c -> c < 256)) {
            s = new byte[text.length()];
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) text.charAt(i);
            }
        }
        return s != null && s.length == length ? s : null;
    }

    /**
     * The date of a state, or null for a day past the month's end: CPython's state constructor checks only
     * the month, so it makes dates like 2020-02-30 that LocalDate cannot hold; those stay PyObjects.
     */
    /**
     * The date of a state, or null for year 0 or a day outside the month: CPython's state constructor checks
     * only the month, so it makes dates like 2020-02-30 that LocalDate cannot hold; those stay PyObjects.
     */
    private static LocalDate date(int year, int month, int day) throws BadValue {
        if (month < 1 || month > 12) {
            throw new BadValue("month must be in 1..12");
        }
        if (year < 1 || day < 1 || day > LocalDate.of(2000, month, 1).lengthOfMonth()
                || (month == 2 && day == 29 && !java.time.Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static LocalTime time(int h, int m, int s, int us) throws BadValue {
        if (h > 23 || m > 59 || s > 59 || us > 999_999) {
            throw new BadValue("bad time state: " + h + ":" + m + ":" + s + "." + us);
        }
        return LocalTime.of(h, m, s, us * 1000);
    }

    private static Object makeTimedelta(PyTuple args) throws BadValue {
        if (args.size() > 3 || !allInts(args)) {
            return KEEP;
        }
        BigInteger total = BigInteger.ZERO;
        BigInteger[] unit = {MICROS_PER_DAY, MILLION, BigInteger.ONE};
        for (int i = 0; i < args.size(); i++) {
            total = total.add(Ints.toBig((Number) args.get(i)).multiply(unit[i]));
        }
        if (total.abs().compareTo(MAX_TIMEDELTA_MICROS) >= 0) {
            throw new BadValue("days=" + total.divide(MICROS_PER_DAY) + "; must have magnitude <= 999999999");
        }
        // |total| < 8.64e22 microseconds: beyond a long, but the seconds fit one easily.
        BigInteger[] qr = total.divideAndRemainder(MILLION);
        long seconds = qr[0].longValue();
        long micros = qr[1].longValue();
        if (micros < 0) {
            seconds--;
            micros += 1_000_000L;
        }
        return Duration.ofSeconds(seconds, micros * 1000L);
    }

    /** timezone(offset[, name]); Python allows offsets strictly inside +-24h. */
    private static Object makeTimezone(PyTuple args) throws BadValue {
        if (args.isEmpty() || args.size() > 2 || !(args.get(0) instanceof Duration offset)
                || (args.size() == 2 && !(args.get(1) instanceof String))) {
            return KEEP;
        }
        if (offset.abs().compareTo(Duration.ofHours(24)) >= 0) {
            throw new BadValue("offset must be a timedelta strictly between -timedelta(hours=24) and"
                    + " timedelta(hours=24), not " + offset + ".");
        }
        String name = args.size() == 2 ? (String) args.get(1) : null;
        boolean plain = name == null && offset.getNano() == 0 && offset.abs().compareTo(Duration.ofHours(18)) <= 0;
        return plain ? ZoneOffset.ofTotalSeconds((int) offset.getSeconds()) : new PyTimezone(offset, name);
    }

    private static Object makeDecimal(PyTuple args) {
        if (args.size() != 1 || !(args.get(0) instanceof String text)) {
            return KEEP;
        }
        if (SPECIAL_DECIMAL.matcher(text).matches()) {
            return new PyDecimal(text);
        }
        if (text.isEmpty() || text.length() > 5000 || !text.matches("[+-]?[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?")) {
            return KEEP;
        }
        try {
            BigDecimal d = new BigDecimal(text);
            return d.signum() == 0 && text.startsWith("-") ? new PyDecimal(text) : d;
        } catch (NumberFormatException e) {
            return KEEP;
        }
    }

    /** array.array(typecode, list): how protocols 0-2 write arrays. */
    private static Object makeArray(PyTuple args) throws BadValue {
        if (args.size() != 2 || !(args.get(0) instanceof String code) || code.length() != 1
                || "bBuhHiIlLqQfdw".indexOf(code.charAt(0)) < 0 || !(args.get(1) instanceof List<?> items)) {
            return KEEP;
        }
        return new PyArray(code.charAt(0), new ArrayList<>(items));
    }

    /** array._array_reconstructor(cls, typecode, mformat_code, bytes); mformat codes from arraymodule.c. */
    static final class ArrayFormats {
        private ArrayFormats() {
        }

        static Object reconstruct(PyTuple args) throws BadValue {
            if (args.size() != 4 || !PyGlobal.of("array", "array").equals(args.get(0))
                    || !(args.get(1) instanceof String code) || code.length() != 1
                    || "bBuhHiIlLqQfdw".indexOf(code.charAt(0)) < 0
                    || !(args.get(2) instanceof Integer mformat) || !(args.get(3) instanceof byte[] data)) {
                return KEEP;
            }
            if (mformat < 0 || mformat > 21) {
                throw new BadValue("third argument must be a valid machine format code.");
            }
            int size = new int[] {1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 8, 8, 2, 2, 4, 4}[mformat];
            if (data.length % size != 0) {
                throw new BadValue("string length not a multiple of item size");
            }
            ByteBuffer in = ByteBuffer.wrap(data)
                    .order(mformat % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            if (mformat <= 1) {
                in.order(ByteOrder.LITTLE_ENDIAN);
            }
            List<Object> items = new ArrayList<>(data.length / size);
            if (mformat >= 18) {
                return utf(code.charAt(0), in, mformat, data.length / size);
            }
            for (int i = 0; i < data.length / size; i++) {
                items.add(item(in, mformat));
            }
            return new PyArray(code.charAt(0), items);
        }

        private static Object item(ByteBuffer in, int mformat) {
            switch (mformat) {
                case 0: return in.get() & 0xff;
                case 1: return (int) in.get();
                case 2: case 3: return in.getShort() & 0xffff;
                case 4: case 5: return (int) in.getShort();
                case 6: case 7: return Ints.of(in.getInt() & 0xffffffffL);
                case 8: case 9: return in.getInt();
                case 10: case 11: return Ints.ofUnsigned(in.getLong());
                case 12: case 13: return Ints.of(in.getLong());
                case 14: case 15: return (double) in.getFloat();
                default: return in.getDouble();
            }
        }

        private static Object utf(char code, ByteBuffer in, int mformat, int count) throws BadValue {
            List<Object> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int cp = mformat >= 20 ? in.getInt() : in.getShort() & 0xffff;
                if (cp < 0 || cp > 0x10ffff) {
                    throw new BadValue("character U+" + Integer.toHexString(cp) + " is not in range [U+0000; U+10ffff]");
                }
                items.add(new String(Character.toChars(cp)));
            }
            return new PyArray(code, items);
        }
    }

    /** A value that a known constructor rejects, as Python's constructor would raise. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}
