package dev.picklewire.internal.writer;

import static dev.picklewire.internal.writer.CPythonDumps.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.PythonRunner;
import dev.picklewire.internal.writer.CPythonDumps.Case;
import dev.picklewire.types.PyArray;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyConstant;
import dev.picklewire.types.PyDateTime;
import dev.picklewire.types.PyDecimal;
import dev.picklewire.types.PyDefaultDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PyRange;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PySlice;
import dev.picklewire.types.PyTime;
import dev.picklewire.types.PyTimezone;
import dev.picklewire.types.PyTuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Hand-picked values, each compared byte for byte with CPython's pickle.dumps at protocols 0 to 5. */
class PickleWriterCasesTest {

    @Test
    void tutorialMessageMatchesPython() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "hi");
        map.put(2, "there");
        byte[] expected = CPythonDumps.python(List.of("{1: S('hi'), 2: S('there')}")).get(0)[3];
        assertThat(Pickle.dumps(map, 3)).isEqualTo(expected).hasSize(33);
    }

    @Test
    void atoms() {
        List<Case> cases = new ArrayList<>();
        cases.add(of("None", () -> null, "None"));
        cases.add(of("True", () -> true, "True"));
        cases.add(of("False", () -> false, "False"));
        long[] ints = {0, 1, -1, 127, 128, 255, 256, 65535, 65536, -128, -129, -255, -256, -257, -65536,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MAX_VALUE,
            Long.MIN_VALUE, 1L << 32, -(1L << 32), 1L << 39, -(1L << 39), (1L << 39) - 1, -(1L << 39) - 1,
            1L << 47, -(1L << 47), 1L << 55, -(1L << 55), 0x7fL << 56, 0xffL << 48};
        for (long v : ints) {
            cases.add(of("int " + v, () -> v == (int) v ? (Object) (int) v : (Object) v, Long.toString(v)));
        }
        BigInteger[] bigs = {BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).negate(), BigInteger.ONE.shiftLeft(2039),
            BigInteger.ONE.shiftLeft(2040), BigInteger.ONE.shiftLeft(2040).negate(),
            BigInteger.ONE.shiftLeft(2047).negate(), BigInteger.TEN.pow(700), BigInteger.valueOf(5)};
        for (BigInteger b : bigs) {
            cases.add(of("bigint " + b.bitLength(), () -> b, b.toString()));
        }
        cases.add(of("short", () -> (short) -300, "-300"));
        cases.add(of("byte", () -> (byte) -3, "-3"));
        cases.add(of("atomic long", () -> new java.util.concurrent.atomic.AtomicLong(1L << 40), "1 << 40"));
        double[] floats = {0.0, -0.0, 1.5, -2.25, 0.1, 1e16, 1e-5, 1e300, 5e-324, Double.MAX_VALUE, 123456789.125,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double d : floats) {
            cases.add(of("float " + d, () -> d, pyFloat(d)));
        }
        cases.add(of("java float", () -> 0.1f, pyFloat((double) 0.1f)));
        cases.add(of("char", () -> 'x', "'x'"));
        CPythonDumps.assertSameAsPython(cases, "atoms");
    }

    @Test
    void strings() {
        List<Case> cases = new ArrayList<>();
        String[] texts = {"", "a", "é", "ab", "hello world", "quote ' and \" and \\ backslash", "new\nline\r\n",
            "nul \0 and ^Z \u001a", "tab\t", "\u00ff\u0100\u20ac", "astral \uD83D\uDE00!", "lone \uD800 high",
            "lone \uDC00 low", "mixed \uDBFF\uDFFF", "x".repeat(255), "x".repeat(256), "é".repeat(128),
            "y".repeat(65535), "y".repeat(65536), "\u20ac".repeat(30000), "z".repeat(70000)};
        for (String t : texts) {
            String name = t.length() > 20 ? t.substring(0, 20) + "...(" + t.length() + ")" : t;
            cases.add(of("str " + name, () -> new String(t.toCharArray()), "S(" + pyStr(t) + ")"));
        }
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 300; c++) {
            all.append(c);
        }
        String allText = all.toString();
        cases.add(of("first 300 chars", () -> allText, "S(" + pyStr(allText) + ")"));
        cases.add(of("shared one-char strs", () -> Arrays.asList(String.valueOf('q'), String.valueOf('q'), "é",
                new String(new char[] {'é'}), "", new String("")), "[S('q'), S('q'), S('\\xe9'), S('\\xe9'), S(''), S('')]"));
        cases.add(of("same str twice", () -> {
            String s = new String("shared");
            return Arrays.asList(s, s, new String("shared"));
        }, "[D(1, S('shared')), R(1), S('shared')]"));
        CPythonDumps.assertSameAsPython(cases, "strings");
    }

    @Test
    void bytesAndByteArrays() {
        List<Case> cases = new ArrayList<>();
        int[] sizes = {0, 1, 2, 255, 256, 65535, 65536, 70000};
        for (int n : sizes) {
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = (byte) (i * 7 + 3);
            }
            String hex = java.util.HexFormat.of().formatHex(data);
            cases.add(of("bytes " + n, data::clone, "B('" + hex + "')"));
            cases.add(of("bytearray " + n, () -> new PyByteArray(data.clone()), "bytearray(B('" + hex + "'))"));
        }
        cases.add(of("all byte values", () -> {
            byte[] b = new byte[256];
            for (int i = 0; i < 256; i++) {
                b[i] = (byte) i;
            }
            return b;
        }, "bytes(range(256))"));
        cases.add(of("bytes in a list", () -> Arrays.asList(new byte[] {1, 2}, new byte[] {3, 4}, new byte[0]),
                "[B('0102'), B('0304'), B('')]"));
        CPythonDumps.assertSameAsPython(cases, "bytes");
    }

    @Test
    void containersAndBatches() {
        List<Case> cases = new ArrayList<>();
        cases.add(of("empty list", ArrayList::new, "[]"));
        cases.add(of("empty dict", LinkedHashMap::new, "{}"));
        cases.add(of("empty tuple", PyTuple::empty, "()"));
        cases.add(of("empty set", PySet::new, "set()"));
        cases.add(of("empty frozenset", PyFrozenSet::empty, "frozenset()"));
        cases.add(of("tuples 1-5", () -> Arrays.asList(PyTuple.of(1), PyTuple.of(1, 2), PyTuple.of(1, 2, 3),
                PyTuple.of(1, 2, 3, 4), PyTuple.of(1, 2, 3, 4, 5)),
                "[T(1), T(1, 2), T(1, 2, 3), T(1, 2, 3, 4), T(1, 2, 3, 4, 5)]"));
        cases.add(of("nested", () -> List.of(List.of(1, List.of()), Map.of("k", List.of(2.5))),
                "[[1, []], {S('k'): [2.5]}]"));
        for (int n : new int[] {1, 2, 999, 1000, 1001, 2000, 2500}) {
            cases.add(of("list " + n, () -> new ArrayList<>(IntStream.range(0, n).boxed().toList()),
                    "list(range(" + n + "))"));
            cases.add(of("linked list " + n, () -> new java.util.LinkedList<>(IntStream.range(0, n).boxed().toList()),
                    "list(range(" + n + "))"));
            cases.add(of("dict " + n, () -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                IntStream.range(0, n).forEach(i -> m.put(i, -i));
                return m;
            }, "{i: -i for i in range(" + n + ")}"));
            cases.add(of("set " + n, () -> new PySet(IntStream.range(0, n).boxed().toList()),
                    "set(range(" + n + "))"));
            cases.add(of("frozenset " + n, () -> PyFrozenSet.copyOf(IntStream.range(0, n).boxed().toList()),
                    "frozenset(range(" + n + "))"));
            cases.add(of("ordereddict " + n, () -> {
                PyOrderedDict m = new PyOrderedDict();
                IntStream.range(0, n).forEach(i -> m.put(i, i));
                return m;
            }, "OrderedDict((i, i) for i in range(" + n + "))"));
            cases.add(of("tuple " + n, () -> PyTuple.copyOf(IntStream.range(0, n).boxed().toList()),
                    "tuple(range(" + n + "))"));
        }
        cases.add(of("object array", () -> new Object[] {1, "ab", null}, "[1, S('ab'), None]"));
        cases.add(of("int array", () -> new int[] {1, 300, -5}, "[1, 300, -5]"));
        cases.add(of("double array", () -> new double[] {1.5, -0.0}, "[1.5, -0.0]"));
        cases.add(of("char array", () -> new char[] {'a', 'b'}, "['a', 'b']"));
        cases.add(of("boolean array", () -> new boolean[] {true, false}, "[True, False]"));
        cases.add(of("record", () -> new Point(3, "p"), "{S('x'): 3, S('label'): 'p'}"));
        cases.add(of("enum", () -> List.of(Color.RED, Color.RED), "[D(1, S('RED')), R(1)]"));
        cases.add(of("optional", () -> Arrays.asList(java.util.Optional.of(5), java.util.Optional.empty()),
                "[5, None]"));
        CPythonDumps.assertSameAsPython(cases, "containers");
    }

    @Test
    void sharedAndRecursive() {
        List<Case> cases = new ArrayList<>();
        cases.add(of("list containing itself", () -> {
            PyList l = new PyList();
            l.add(l);
            return l;
        }, "self_list()"));
        cases.add(of("dict containing itself", () -> {
            Map<Object, Object> d = new LinkedHashMap<>();
            d.put("me", d);
            return d;
        }, "self_dict()"));
        cases.add(of("tuple-list-tuple", () -> {
            PyList l = new PyList();
            PyTuple t = PyTuple.of(l);
            l.add(t);
            return t;
        }, "tuple_list_tuple()"));
        cases.add(of("big tuple-list-tuple", () -> {
            PyList l = new PyList();
            PyTuple t = PyTuple.of(l, 1, 2, 3);
            l.add(t);
            return t;
        }, "(lambda l: (lambda t: (l.append(t), t)[1])(T(l, 1, 2, 3)))([])"));
        cases.add(of("shared list", () -> {
            List<Object> inner = new ArrayList<>(List.of(1, 2));
            return Arrays.asList(inner, inner, PyTuple.of(inner, inner));
        }, "[D(1, [1, 2]), R(1), T(R(1), R(1))]"));
        cases.add(of("shared frozenset", () -> {
            PyFrozenSet f = PyFrozenSet.of(1, 2);
            return Arrays.asList(f, f);
        }, "frozen_in_list()"));
        cases.add(of("many memo entries", () -> {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                l.add("s" + i);
            }
            l.add(l.get(3));
            l.add(l.get(599));
            return l;
        }, "(lambda l: l + [l[3], l[599]])([S('s%d' % i) for i in range(600)])"));
        cases.add(of("deep nesting", () -> {
            Object v = 1;
            for (int i = 0; i < 400; i++) {
                v = new ArrayList<>(List.of(v));
            }
            return v;
        }, "(lambda f: f(f, 400))(lambda f, n: [f(f, n - 1)] if n else 1)"));
        CPythonDumps.assertSameAsPython(cases, "shared");
    }

    @Test
    void standardLibraryTypes() {
        List<Case> cases = new ArrayList<>();
        cases.add(of("date", () -> LocalDate.of(2020, 1, 2), "date(2020, 1, 2)"));
        cases.add(of("date min max", () -> List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)),
                "[date(1, 1, 1), date(9999, 12, 31)]"));
        cases.add(of("time", () -> LocalTime.of(1, 2, 3, 4000), "time(1, 2, 3, 4)"));
        cases.add(of("time nanos truncated", () -> LocalTime.of(23, 59, 59, 999_999_999), "time(23, 59, 59, 999999)"));
        cases.add(of("datetime", () -> LocalDateTime.of(2020, 1, 2, 3, 4, 5, 6000), "DT(2020, 1, 2, 3, 4, 5, 6)"));
        cases.add(of("aware datetime", () -> OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(1)),
                "DT(2020, 1, 2, 3, 4, 5, 6, tzinfo=TZ(3600))"));
        cases.add(of("utc datetimes", () -> List.of(OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2021, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)),
                "[DT(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc), DT(2021, 1, 2, 3, 4, 5, tzinfo=timezone.utc)]"));
        cases.add(of("instant", () -> java.time.Instant.ofEpochSecond(1_600_000_000L, 123_456_000),
                "DT(2020, 9, 13, 12, 26, 40, 123456, tzinfo=timezone.utc)"));
        cases.add(of("aware time", () -> OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHoursMinutes(-5, -30)),
                "time(1, 2, 3, tzinfo=TZ(-19800))"));
        cases.add(of("fold time", () -> new PyTime(LocalTime.of(1, 2), ZoneOffset.UTC, 1),
                "time(1, 2, tzinfo=timezone.utc, fold=1)"));
        cases.add(of("fold datetime", () -> new PyDateTime(LocalDateTime.of(2020, 11, 1, 1, 30), null, 1),
                "DT(2020, 11, 1, 1, 30, fold=1)"));
        cases.add(of("named tz datetime", () -> new PyDateTime(LocalDateTime.of(2020, 11, 1, 1, 30),
                new PyTimezone(Duration.ofHours(1), "CET"), 0),
                "DT(2020, 11, 1, 1, 30, tzinfo=timezone(timedelta(hours=1), S('CET')))"));
        cases.add(of("timedelta", () -> Duration.ofDays(1).plusSeconds(2).plusNanos(3000), "timedelta(1, 2, 3)"));
        cases.add(of("negative timedelta", () -> Duration.ofSeconds(-1).plusNanos(500), "timedelta(microseconds=-1000000)"));
        cases.add(of("timedelta rounding", () -> List.of(Duration.ofNanos(1500), Duration.ofNanos(2500), Duration.ofNanos(-1500)),
                "[timedelta(microseconds=2), timedelta(microseconds=2), timedelta(microseconds=-2)]"));
        cases.add(of("utc", () -> ZoneOffset.UTC, "timezone.utc"));
        cases.add(of("timezone", () -> ZoneOffset.ofHours(-3), "TZ(-10800)"));
        cases.add(of("decimals", () -> Arrays.asList(new BigDecimal("1.5"), new BigDecimal("-0.000001"),
                new BigDecimal("1E+3"), new BigDecimal("123.4500"), new BigDecimal("0E-7"), new BigDecimal("1.23E-10"),
                new PyDecimal("NaN"), new PyDecimal("-Infinity"), new PyDecimal("-0.00")),
                "[Decimal('1.5'), Decimal('-0.000001'), Decimal('1E+3'), Decimal('123.4500'), Decimal('0E-7'),"
                        + " Decimal('1.23E-10'), Decimal('NaN'), Decimal('-Infinity'), Decimal('-0.00')]"));
        cases.add(of("uuids", () -> List.of(new UUID(0, 5), UUID.fromString("12345678-9abc-def0-fedc-ba9876543210"),
                new UUID(-1, -1)), "[uuid.UUID(int=5), uuid.UUID('12345678-9abc-def0-fedc-ba9876543210'),"
                        + " uuid.UUID(int=2**128-1)]"));
        cases.add(of("complex", () -> new PyComplex(1, -2.5), "complex(1, -2.5)"));
        cases.add(of("range", () -> new PyRange(1, 10, 2), "range(1, 10, 2)"));
        cases.add(of("slice", () -> new PySlice(1, null, 2), "slice(1, None, 2)"));
        cases.add(of("constants", () -> List.of(PyConstant.ELLIPSIS, PyConstant.NOT_IMPLEMENTED, PyConstant.ELLIPSIS),
                "[..., NotImplemented, ...]"));
        cases.add(of("globals", () -> List.of(PyGlobal.of("collections", "OrderedDict"), PyGlobal.of("builtins", "set"),
                PyGlobal.of("collections", "OrderedDict"), PyGlobal.of("builtins", "range"), PyGlobal.of("copyreg", "_reconstructor")),
                "[OrderedDict, set, OrderedDict, range, __import__('copyreg')._reconstructor]"));
        cases.add(of("ordered dict", () -> {
            PyOrderedDict d = new PyOrderedDict();
            d.put(1, 2);
            d.put("a", List.of());
            return d;
        }, "OrderedDict([(1, 2), (S('a'), [])])"));
        cases.add(of("defaultdicts", () -> List.of(new PyDefaultDict(PyGlobal.of("builtins", "list"), Map.of(1, 2)),
                new PyDefaultDict(null), new PyDefaultDict(PyGlobal.of("builtins", "int"))),
                "[defaultdict(list, {1: 2}), defaultdict(None), defaultdict(int)]"));
        for (char t : "bBuhHiIlLqQfd".toCharArray()) {
            List<Object> items = t == 'u' ? List.of("a", "\u20ac", "\uD83D\uDE00") : t == 'f' || t == 'd'
                    ? List.of(1.5, -0.25) : List.of(1, 2, 100);
            String py = t == 'u' ? "array.array('u', S('a\\u20ac\\U0001f600'))" : "array.array('" + t + "', "
                    + (t == 'f' || t == 'd' ? "[1.5, -0.25])" : "[1, 2, 100])");
            cases.add(of("array " + t, () -> new PyArray(t, items), py));
            cases.add(of("empty array " + t, () -> new PyArray(t, List.of()), "array.array('" + t + "')"));
        }
        CPythonDumps.assertSameAsPython(cases, "stdlib");
    }

    record Point(int x, String label) {
    }

    enum Color { RED }

    static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "float('nan')";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "float('inf')" : "float('-inf')";
        }
        return "float.fromhex('" + Double.toHexString(d) + "')";
    }

    /** A Python str literal for any Java string (lone surrogates included). */
    static String pyStr(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x20 && cp < 0x7f && cp != '\'' && cp != '\\') {
                sb.append((char) cp);
            } else if (cp < 0x100) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp < 0x10000) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.append('\'').toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void unused() {
        PythonRunner.isAvailable();
    }
}
