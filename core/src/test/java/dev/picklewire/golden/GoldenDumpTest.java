package dev.picklewire.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.golden.GoldenVector.Status;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyConstant;
import dev.picklewire.types.PyDecimal;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PyRange;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PySlice;
import dev.picklewire.types.PyTuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values built directly in Java, the twins of golden cases, must dump to exactly CPython's bytes at every
 * protocol CPython pickled them at. Needs only the writer. The Java inputs mirror the values in
 * tools/golden/generate.py; the expected bytes are CPython's.
 */
class GoldenDumpTest {
    private static final Map<String, Supplier<Object>> TWINS = twins();

    static Stream<Arguments> casesAndProtocols() {
        return TWINS.keySet().stream().flatMap(name -> IntStream.rangeClosed(0, 5)
                .mapToObj(p -> GoldenVectors.get(name, p))
                .filter(v -> v.status() == Status.OK)
                .map(v -> Arguments.of(v)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesAndProtocols")
    void javaValueDumpsToCPythonBytes(GoldenVector v) {
        byte[] got = Pickle.dumps(TWINS.get(v.name()).get(), v.protocol());
        if (!java.util.Arrays.equals(got, v.pickle())) {
            assertThat(HexFormat.of().formatHex(got)).as("%s; CPython's dis:%n%s", v, v.dis())
                    .isEqualTo(HexFormat.of().formatHex(v.pickle()));
        }
    }

    /** Case name to a supplier of its Java twin (fresh each call: some twins are mutable). */
    static Map<String, Supplier<Object>> twins() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("none", () -> null);
        m.put("true", () -> true);
        m.put("false", () -> false);
        m.put("int_0", () -> 0);
        m.put("int_255", () -> 255);
        m.put("int_256", () -> 256);
        m.put("int_65535", () -> 65535);
        m.put("int_65536", () -> 65536);
        m.put("int_m1", () -> -1);
        m.put("int_2p31m1", () -> Integer.MAX_VALUE);
        m.put("int_m2p31", () -> Integer.MIN_VALUE);
        m.put("int_2p31", () -> 1L << 31);
        m.put("int_m2p31m1", () -> -(1L << 31) - 1);
        m.put("int_2p63m1", () -> Long.MAX_VALUE);
        m.put("int_m2p63", () -> Long.MIN_VALUE);
        m.put("int_2p63", () -> BigInteger.TWO.pow(63));
        m.put("int_m2p63m1", () -> BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE));
        m.put("int_long1_max", () -> BigInteger.TWO.pow(255 * 8 - 1).subtract(BigInteger.ONE));
        m.put("int_long4_min", () -> BigInteger.TWO.pow(255 * 8 - 1));
        m.put("int_long1_min", () -> BigInteger.TWO.pow(255 * 8 - 1).negate());
        m.put("int_long4_neg", () -> BigInteger.TWO.pow(255 * 8 - 1).negate().subtract(BigInteger.ONE));
        m.put("int_10p100", () -> BigInteger.TEN.pow(100));
        m.put("int_m10p100", () -> BigInteger.TEN.pow(100).negate());
        m.put("float_0", () -> 0.0);
        m.put("float_m0", () -> -0.0);
        m.put("float_1_5", () -> 1.5);
        m.put("float_1e16", () -> 1e16);
        m.put("float_1em5", () -> 1e-5);
        m.put("float_0_1", () -> 0.1);
        m.put("float_nan", () -> Double.NaN);
        m.put("float_inf", () -> Double.POSITIVE_INFINITY);
        m.put("float_minf", () -> Double.NEGATIVE_INFINITY);
        m.put("float_denorm_min", () -> Double.MIN_VALUE);
        m.put("float_max", () -> Double.MAX_VALUE);
        m.put("str_empty", () -> "");
        m.put("str_ascii", () -> "hello world");
        m.put("str_latin1", () -> "caf\u00e9 \u00ff\u00a0");
        m.put("str_bmp", () -> "\u20ac\u4e2d\u6587\uffff");
        m.put("str_astral", () -> "\uD83D\uDE00 \uD800\uDC00\uDBFF\uDFFF");
        m.put("str_lone_surrogate", () -> "\ud800");
        m.put("str_quotes", () -> "it's \"quoted\"");
        m.put("str_backslash_newline", () -> "back\\slash\nnew\rline\ttab\u0000nul");
        m.put("str_255", () -> "x".repeat(255));
        m.put("str_256", () -> "x".repeat(256));
        m.put("str_64k_plus", () -> "y".repeat(64 * 1024 + 1));
        m.put("bytes_empty", () -> new byte[0]);
        m.put("bytes_255", () -> range(255));
        m.put("bytes_256", () -> range(256));
        m.put("bytearray_data", () -> new PyByteArray(new byte[] {'a', 'b', 'c', 0, (byte) 0xff}));
        m.put("list_empty", PyList::new);
        m.put("list_small", () -> new PyList(java.util.Arrays.asList(1, "a", null)));
        m.put("tuple_0", PyTuple::empty);
        m.put("tuple_1", () -> PyTuple.of(1));
        m.put("tuple_2", () -> PyTuple.of(1, 2));
        m.put("tuple_3", () -> PyTuple.of(1, 2, 3));
        m.put("tuple_4", () -> PyTuple.of(1, 2, 3, 4));
        m.put("dict_empty", PyDict::new);
        m.put("set_empty", PySet::new);
        m.put("set_small", () -> new PySet(List.of(1, 2, 3)));
        m.put("frozenset_empty", PyFrozenSet::empty);
        m.put("frozenset_small", () -> PyFrozenSet.of(1, 2, 3));
        m.put("tutorial_dict", () -> new PyDict(orderedMap(1, "hi", 2, "there")));
        m.put("shared_list_in_tuple", () -> {
            PyList shared = new PyList(List.of(1, 2));
            return PyTuple.of(shared, shared);
        });
        m.put("recursive_list", () -> {
            PyList list = new PyList();
            list.add(list);
            return list;
        });
        m.put("deep_list_500", () -> {
            PyList root = new PyList();
            PyList cur = root;
            for (int i = 0; i < 499; i++) {
                PyList next = new PyList();
                cur.add(next);
                cur = next;
            }
            return root;
        });
        for (int n : new int[] {999, 1000, 1001, 2500}) {
            m.put("batch_list_" + n, () -> new PyList(ints(n)));
            m.put("batch_set_" + n, () -> new PySet(ints(n)));
            m.put("batch_dict_" + n, () -> {
                PyDict d = new PyDict();
                for (int i = 0; i < n; i++) {
                    d.put(i, i & 7);
                }
                return d;
            });
        }
        m.put("complex_1_2", () -> new PyComplex(1, 2));
        m.put("decimal_1_5", () -> new BigDecimal("1.5"));
        m.put("decimal_1e2", () -> new BigDecimal("1E+2"));
        m.put("decimal_nan", () -> new PyDecimal("NaN"));
        m.put("decimal_m0", () -> new PyDecimal("-0"));
        m.put("uuid", () -> UUID.fromString("12345678-1234-5678-1234-567812345678"));
        m.put("date", () -> LocalDate.of(2024, 2, 29));
        m.put("time_naive", () -> LocalTime.of(12, 30, 45));
        m.put("time_micro", () -> LocalTime.of(1, 2, 3, 456_789_000));
        m.put("time_tz", () -> OffsetTime.of(12, 30, 0, 0, ZoneOffset.ofHours(2)));
        m.put("datetime_naive", () -> LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        m.put("datetime_micro", () -> LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_901_000));
        m.put("datetime_utc", () -> OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
        m.put("datetime_offset", () -> OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        m.put("timedelta_zero", () -> Duration.ZERO);
        m.put("timedelta_neg", () -> Duration.ofNanos(-1000));
        m.put("timedelta_mixed", () -> Duration.ofDays(3).plusSeconds(4).plusNanos(5000));
        m.put("timezone_utc", () -> ZoneOffset.UTC);
        m.put("timezone_fixed", () -> ZoneOffset.ofHours(2));
        m.put("range", () -> new PyRange(1, 10, 2));
        m.put("slice", () -> new PySlice(1, null, 2));
        m.put("ellipsis", () -> PyConstant.ELLIPSIS);
        m.put("not_implemented", () -> PyConstant.NOT_IMPLEMENTED);
        m.put("ordered_dict", () -> new PyOrderedDict(orderedMap("b", 1, "a", 2)));
        return m;
    }

    private static Map<Object, Object> orderedMap(Object k1, Object v1, Object k2, Object v2) {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static byte[] range(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static List<Object> ints(int n) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
