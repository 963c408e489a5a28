package dev.picklewire.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.PythonRunner;
import dev.picklewire.golden.GoldenVector.Status;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * CPython reads what picklewire writes. Java dumps values at protocols 0..5 and one python3 run loads every
 * pickle and compares it with the value Python itself knows: the golden pickle's value for golden cases, or
 * a Python expression for values built directly in Java. Equal means same type and same repr (object
 * addresses normalized), which also tells -0.0 from 0.0 and compares NaNs.
 */
public class PythonInteropTest {
    /** Reads (label, java pickle, golden pickle) records; prints one line per mismatch. */
    private static final String COMPARE_WITH_GOLDEN = """
            import pickle, re, struct, sys
            data = sys.stdin.buffer.read()
            pos = 0
            def take():
                global pos
                n, = struct.unpack('>I', data[pos:pos + 4]); pos += 4
                chunk = data[pos:pos + n]; pos += n
                return chunk
            def show(v):
                text = re.sub(r' at 0x[0-9a-fA-F]+', ' at 0x0', repr(v))
                if ' at 0x0' in text and not callable(v):
                    # default object repr: compare what pickle sees (class, args, state) instead
                    text += re.sub(r' at 0x[0-9a-fA-F]+', ' at 0x0', repr(v.__reduce_ex__(4)))
                return type(v).__qualname__ + ' ' + text
            while pos < len(data):
                label = take().decode()
                try:
                    got = show(pickle.loads(take()))
                except Exception as e:
                    print(label, 'python3 cannot load it:', repr(e)); take(); continue
                try:
                    want = show(pickle.loads(take()))
                except (ImportError, LookupError):
                    continue  # this python3 lacks numpy or time zone data: it cannot load the golden value either
                if got != want:
                    print(label, 'got', got[:300], 'want', want[:300])
            """;

    /** Reads (label, python expression, java pickle) records; prints one line per mismatch. */
    private static final String COMPARE_WITH_EXPR = """
            import collections, datetime, decimal, pickle, struct, sys, uuid
            from datetime import date, time, timedelta, timezone
            from decimal import Decimal
            data = sys.stdin.buffer.read()
            pos = 0
            def take():
                global pos
                n, = struct.unpack('>I', data[pos:pos + 4]); pos += 4
                chunk = data[pos:pos + n]; pos += n
                return chunk
            while pos < len(data):
                label = take().decode()
                want = eval(take().decode())
                try:
                    got = pickle.loads(take())
                except Exception as e:
                    print(label, 'python3 cannot load it:', repr(e)); continue
                if type(got) is not type(want) or repr(got) != repr(want):
                    print(label, 'got', type(got).__name__, repr(got)[:300], 'want', type(want).__name__, repr(want)[:300])
            """;

    @Test
    void pythonLoadsJavaDumpsOfGoldenValues() throws IOException {
        PythonRunner.requirePython();
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(records);
        int count = 0;
        for (GoldenVector v : GoldenVectors.pickled()) {
            if (v.status() != Status.OK || !v.buffers().isEmpty()) {
                continue;
            }
            // Decoded from CPython's pickle at this protocol, re-dumped by Java at the same protocol: CPython
            // must load back the same value whether or not the bytes are identical.
            write(out, v.toString().getBytes(StandardCharsets.UTF_8));
            write(out, Pickle.dumps(Pickle.loads(v.pickle()), v.protocol()));
            write(out, v.pickle());
            count++;
        }
        assertThat(count).isGreaterThan(600);
        PythonRunner.Result r = PythonRunner.run(COMPARE_WITH_GOLDEN, records.toByteArray()).requireSuccess();
        assertThat(r.stdoutText()).as("mismatches").isEmpty();
    }

    /** Public, so the writer can read its components through their public accessors. */
    public record Point(int x, String label) {
    }

    /** Not public: users often declare records like this. */
    record HiddenPoint(int x) {
    }

    enum Mood { HAPPY, SAD }

    @Test
    void pythonLoadsValuesBuiltInJava() throws IOException {
        PythonRunner.requirePython();
        List<Case> cases = new ArrayList<>();
        add(cases, "None", null);
        add(cases, "True", Boolean.TRUE);
        add(cases, "-128", (byte) -128);
        add(cases, "32767", (short) 32767);
        add(cases, "2**31 - 1", Integer.MAX_VALUE);
        add(cases, "-2**63", Long.MIN_VALUE);
        add(cases, "2**100 + 1", BigInteger.TWO.pow(100).add(BigInteger.ONE));
        add(cases, "7", new AtomicInteger(7));
        add(cases, "-7", new AtomicLong(-7));
        add(cases, "1.5", 1.5f);
        add(cases, "-0.0", -0.0d);
        add(cases, "float('nan')", Double.NaN);
        add(cases, "'x'", 'x');
        add(cases, "'\\U0001f600 caf\\xe9'", "\uD83D\uDE00 caf\u00e9");
        add(cases, "b'\\x00\\xff'", new byte[] {0, (byte) 0xff});
        add(cases, "[1, 2, 3]", new int[] {1, 2, 3});
        add(cases, "[1.5, 2.0]", new double[] {1.5, 2.0});
        add(cases, "['a', None]", new Object[] {"a", null});
        add(cases, "[1, 'two']", List.of(1, "two"));
        add(cases, "{'b': 1, 'a': 2}", orderedMap("b", 1, "a", 2));
        add(cases, "{'a': 2, 'b': 1}", new TreeMap<>(Map.of("b", 1, "a", 2)));
        add(cases, "{3, 1, 2}", new LinkedHashSet<>(List.of(3, 1, 2)));
        add(cases, "{'x': 1, 'label': 'p'}", new Point(1, "p"));
        add(cases, "'SAD'", Mood.SAD);
        add(cases, "None", Optional.empty());
        add(cases, "42", Optional.of(42));
        add(cases, "Decimal('1.50')", new BigDecimal("1.50"));
        add(cases, "Decimal('-1.2E+10')", new BigDecimal("-1.2E+10"));
        add(cases, "uuid.UUID('12345678-1234-5678-1234-567812345678')",
                UUID.fromString("12345678-1234-5678-1234-567812345678"));
        add(cases, "date(2024, 2, 29)", LocalDate.of(2024, 2, 29));
        add(cases, "time(12, 30, 45, 123456)", LocalTime.of(12, 30, 45, 123_456_000));
        add(cases, "time(1, 2, tzinfo=timezone(timedelta(hours=2)))",
                OffsetTime.of(1, 2, 0, 0, ZoneOffset.ofHours(2)));
        add(cases, "datetime.datetime(2024, 1, 2, 3, 4, 5, 678901)", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_901_000));
        add(cases, "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))",
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-5, -30)));
        add(cases, "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)", Instant.parse("2024-01-02T03:04:05Z"));
        add(cases, "timedelta(days=-1, seconds=86399, microseconds=999999)", Duration.ofNanos(-1000));
        add(cases, "timedelta(days=3, seconds=4, microseconds=5)", Duration.ofDays(3).plusSeconds(4).plusNanos(5000));
        add(cases, "timezone.utc", ZoneOffset.UTC);
        add(cases, "timezone(timedelta(hours=2))", ZoneOffset.ofHours(2));
        add(cases, "{'when': datetime.datetime(2000, 1, 1), 'items': [(1, 2), (3, 4)]}",
                orderedMap("when", LocalDateTime.of(2000, 1, 1, 0, 0), "items",
                        List.of(dev.picklewire.types.PyTuple.of(1, 2), dev.picklewire.types.PyTuple.of(3, 4))));

        ByteArrayOutputStream records = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(records);
        for (Case c : cases) {
            for (int protocol = 0; protocol <= 5; protocol++) {
                write(out, (c.expr() + " p" + protocol).getBytes(StandardCharsets.UTF_8));
                write(out, c.expr().getBytes(StandardCharsets.UTF_8));
                write(out, Pickle.dumps(c.value(), protocol));
            }
        }
        PythonRunner.Result r = PythonRunner.run(COMPARE_WITH_EXPR, records.toByteArray()).requireSuccess();
        assertThat(r.stdoutText()).as("mismatches").isEmpty();
    }

    /** A Python expression and the Java value that must pickle to an equal Python value. */
    record Case(String expr, Object value) {
    }

    private static void add(List<Case> cases, String pythonExpr, Object javaValue) {
        cases.add(new Case(pythonExpr, javaValue));
    }

    @Test
    void nonPublicRecordDumpsAsDict() throws IOException {
        PythonRunner.requirePython();
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(records);
        write(out, "HiddenPoint".getBytes(StandardCharsets.UTF_8));
        write(out, "{'x': 1}".getBytes(StandardCharsets.UTF_8));
        write(out, Pickle.dumps(new HiddenPoint(1)));
        PythonRunner.Result r = PythonRunner.run(COMPARE_WITH_EXPR, records.toByteArray()).requireSuccess();
        assertThat(r.stdoutText()).as("mismatches").isEmpty();
    }

    private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static void write(DataOutputStream out, byte[] chunk) throws IOException {
        out.writeInt(chunk.length);
        out.write(chunk);
    }
}
