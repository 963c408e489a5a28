package dev.picklewire.internal.repr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import dev.picklewire.PythonRunner;
import dev.picklewire.TestText;
import dev.picklewire.types.PyArray;
import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyDateTime;
import dev.picklewire.types.PyDefaultDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PyRange;
import dev.picklewire.types.PySlice;
import dev.picklewire.types.PyTime;
import dev.picklewire.types.PyTimezone;
import dev.picklewire.types.PyTuple;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Values built in Java (no literal, or Java-only types) printed by Repr and pformat, against python3
 * evaluating the equivalent Python expression.
 */
class ReprJavaValuesTest {
    enum Color { RED }

    record Point(int x, String label) {
    }

    /** Java value -> the Python expression whose repr/pformat it must match. */
    private static Map<Object, String> cases() {
        Map<Object, String> m = new LinkedHashMap<>();
        m.put(1.1f, "1.100000023841858");
        m.put((short) -7, "-7");
        m.put('x', "'x'");
        m.put(Color.RED, "'RED'");
        m.put(new Point(1, "a"), "{'x': 1, 'label': 'a'}");
        m.put(Optional.of(List.of(1, 2)), "[1, 2]");
        m.put(Optional.empty(), "None");
        m.put(new int[] {1, 2}, "[1, 2]");
        m.put(new Object[] {"a", null}, "['a', None]");
        m.put(Instant.parse("2020-01-02T03:04:05.000006Z"),
                "datetime.datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc)");
        m.put(OffsetDateTime.of(2020, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHours(-5)),
                "datetime.datetime(2020, 1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))");
        m.put(new PyTime(LocalTime.of(1, 2), ZoneOffset.UTC, 1), "datetime.time(1, 2, tzinfo=datetime.timezone.utc, fold=1)");
        m.put(new PyDateTime(LocalDateTime.of(2020, 1, 2, 3, 4, 5), null, 1), "datetime.datetime(2020, 1, 2, 3, 4, 5, fold=1)");
        m.put(new PyTimezone(Duration.ofMinutes(90), "X"), "datetime.timezone(datetime.timedelta(minutes=90), 'X')");
        m.put(new PyTimezone(Duration.ZERO, "UTC"), "datetime.timezone(datetime.timedelta(0), 'UTC')");
        m.put(Duration.ofSeconds(-1, 500), "datetime.timedelta(seconds=-1)");
        m.put(Duration.ofSeconds(-1, 1500), "datetime.timedelta(seconds=-1, microseconds=2)");
        m.put(Duration.ofDays(3).plusNanos(1000), "datetime.timedelta(days=3, microseconds=1)");
        m.put(new PyComplex(Double.NaN, Double.POSITIVE_INFINITY), "complex(float('nan'), float('inf'))");
        m.put(new PyComplex(-0.0, -0.0), "complex(-0.0, -0.0)");
        m.put(new PyComplex(0.0, -1e300), "complex(0.0, -1e300)");
        m.put(new PyComplex(1e16, 2.5), "complex(1e16, 2.5)");
        m.put(new PyRange(0, BigInteger.TEN.pow(20), 1), "range(0, 10**20)");
        m.put(new PyRange(5, -5, -2), "range(5, -5, -2)");
        m.put(new PySlice(null, 3, PyTuple.of(1)), "slice(None, 3, (1,))");
        m.put(new PyArray('u', List.of("a", "'")), "array.array('u', \"a'\")");
        m.put(new PyArray('d', List.of(1.5, 2.0)), "array.array('d', [1.5, 2.0])");
        m.put(new PyArray('b', List.of()), "array.array('b')");
        m.put(PyGlobal.of("builtins", "ValueError"), "ValueError");
        m.put(PyGlobal.of("builtins", "print"), "print");
        m.put(PyGlobal.of("collections", "OrderedDict"), "collections.OrderedDict");
        m.put(PyFrozenSet.of(PyTuple.of(1)), "frozenset({(1,)})");
        m.put(new PyOrderedDict(Map.of(1, new PyList(List.of("x".repeat(50), "y".repeat(50))))),
                "collections.OrderedDict([(1, ['" + "x".repeat(50) + "', '" + "y".repeat(50) + "'])])");
        PyDefaultDict dd = new PyDefaultDict(PyGlobal.of("builtins", "list"));
        dd.put("k" + "z".repeat(70), new PyList(List.of(1)));
        dd.put("a", new PyList());
        m.put(dd, "collections.defaultdict(list, {'k" + "z".repeat(70) + "': [1], 'a': []})");
        return m;
    }

    @Test
    void javaBuiltValuesPrintAsPythonPrintsTheirTwins() {
        Map<Object, String> cases = cases();
        StringBuilder input = new StringBuilder();
        for (String expr : cases.values()) {
            input.append(expr.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        }
        PythonRunner.requirePython();
        String script = "import sys, datetime, collections, array, pprint\n"
                + "for line in sys.stdin.read().split('\\n'):\n"
                + "    if line:\n        v = eval(line)\n"
                + "        print(repr(v).encode('unicode_escape').decode('ascii'))\n"
                + "        print(pprint.pformat(v).encode('unicode_escape').decode('ascii'))\n";
        String[] out = PythonRunner.run(script, input.toString().getBytes(StandardCharsets.UTF_8))
                .requireSuccess().stdoutText().split("\n");
        List<String> mismatches = new ArrayList<>();
        int i = 0;
        for (Object value : cases.keySet()) {
            String repr = TestText.unescape(out[2 * i]);
            String pformat = TestText.unescape(out[2 * i + 1]);
            i++;
            if (!Pickle.repr(value).equals(repr) || !Pickle.pformat(value).equals(pformat)) {
                mismatches.add(cases.get(value) + "\n  expected " + repr + " | " + pformat
                        + "\n  actual   " + Pickle.repr(value) + " | " + Pickle.pformat(value));
            }
        }
        System.out.println("Java-built values: " + (cases.size() - mismatches.size()) + " of " + cases.size()
                + " identical (repr and pformat)");
        assertThat(mismatches).isEmpty();
    }

    @Test
    void hugeIntsRefuseToPrintLikeCPython() {
        BigInteger big = BigInteger.TEN.pow(5000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Pickle.repr(big))
                .isInstanceOf(PickleException.class).hasMessageContaining("4300 digits");
        assertThat(Pickle.repr(BigInteger.TEN.pow(4299))).hasSize(4300);
        assertThat(new PyList(List.of(big)).toString()).startsWith("[<int of ");
    }

    @Test
    void pformatRefusesPathologicalValuesPromptly() {
        Object deep = 0;
        for (int i = 0; i < 100; i++) {
            deep = PyTuple.of(deep, deep);
        }
        Object dag = deep;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Pickle.pformat(dag))
                .isInstanceOf(PickleException.class);
        Object nested = 0;
        for (int i = 0; i < 100_000; i++) {
            nested = new PyList(List.of(nested));
        }
        Object deepList = nested;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Pickle.pformat(deepList))
                .isInstanceOf(PickleException.class);
        PyList self = new PyList();
        self.add(self);
        self.add("x".repeat(100));
        PythonRunner.requirePython();
        String[] expected = PythonRunner.run("import pprint\nl = []\nl.append(l)\nl.append('x' * 100)\n"
                + "print(repr(l))\nprint(pprint.pformat(l))", new byte[0]).requireSuccess().stdoutText().strip()
                .split("\n", 2);
        assertThat(Pickle.repr(self)).isEqualTo(expected[0]);
        assertThat(GoldenLikeNormalizer.normalize(Pickle.pformat(self)))
                .isEqualTo(GoldenLikeNormalizer.normalize(expected[1]));
    }

    /** pprint's recursion ids are addresses in CPython and identity hashes here; tests compare them as 0. */
    static final class GoldenLikeNormalizer {
        static String normalize(String s) {
            return s.replaceAll("id=\\d+", "id=0");
        }
    }
}
