package dev.picklewire.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.ChunkedInputStream;
import dev.picklewire.PythonRunner;
import dev.picklewire.Unpickler;
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
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values pickled by real python3 at protocols 0 to 5 decode, through three input shapes, to Java values whose
 * description matches the description python3 printed of the original value (script: describe.py next to this
 * test's resources). The description is a small canonical text both sides compute (floats as IEEE bits,
 * strings as UTF-16 code units), so the expected side comes from CPython, not from this file.
 */
class ReaderValuesTest {
    private static List<String[]> cases;

    @BeforeAll
    static void runPython() {
        PythonRunner.requirePython();
        String script = new String(readResource("/reader/describe.py"),
                java.nio.charset.StandardCharsets.UTF_8);
        String out = PythonRunner.run(script, new byte[0]).requireSuccess().stdoutText();
        cases = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                cases.add(line.split("\t", -1));
            }
        }
    }

    private static byte[] readResource(String name) {
        try (InputStream in = ReaderValuesTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    enum Shape { ARRAY, BUFFERED, ONE_BYTE }

    static Stream<Arguments> shapes() {
        return Stream.of(Shape.values()).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void decodesWhatPythonDescribes(Shape shape) throws IOException {
        assertThat(cases).hasSizeGreaterThan(100);
        for (String[] c : cases) {
            byte[] data = Base64.getDecoder().decode(c[2]);
            Object value = load(shape, data);
            assertThat(describe(value)).as(c[0] + " protocol " + c[1] + " " + shape).isEqualTo(c[3]);
        }
    }

    static Object load(Shape shape, byte[] data) throws IOException {
        if (shape == Shape.ARRAY) {
            return Unpickler.defaults().loads(data);
        }
        InputStream raw = new ByteArrayInputStream(data);
        InputStream in = shape == Shape.BUFFERED ? new BufferedInputStream(raw, 16) : ChunkedInputStream.oneByte(data);
        Object v = Unpickler.defaults().load(in);
        assertThat(in.read()).isEqualTo(-1);
        return v;
    }


    static String describe(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return "int:" + v + ":" + v.getClass().getSimpleName();
        }
        if (v instanceof Double d) {
            return "float:" + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        if (v instanceof String s) {
            StringBuilder sb = new StringBuilder("str:");
            for (char ch : s.toCharArray()) {
                sb.append(String.format("%04x", (int) ch));
            }
            return sb.toString();
        }
        if (v instanceof byte[] b) {
            return "bytes:" + hex(b);
        }
        if (v instanceof PyByteArray b) {
            return "bytearray:" + hex(b.array());
        }
        if (v instanceof PyTuple t) {
            return "tuple(" + join(t.asList()) + ")";
        }
        if (v instanceof List<?> l) {
            return "list[" + join(l) + "]";
        }
        if (v instanceof PyOrderedDict d) {
            return "odict{" + entries(d) + "}";
        }
        if (v instanceof PyDefaultDict d) {
            return "ddict(" + describe(d.defaultFactory()) + "){" + entries(d) + "}";
        }
        if (v instanceof Map<?, ?> m) {
            return "dict{" + entries(m) + "}";
        }
        if (v instanceof PyFrozenSet s) {
            return "frozenset{" + join(new ArrayList<>(s)) + "}";
        }
        if (v instanceof PySet s) {
            return "set{" + join(new ArrayList<>(s)) + "}";
        }
        if (v instanceof PyComplex c) {
            return "complex(" + describe(c.real()) + "," + describe(c.imag()) + ")";
        }
        if (v instanceof BigDecimal d) {
            return "decimal:" + d;
        }
        if (v instanceof PyDecimal d) {
            return "decimal:" + d.text();
        }
        if (v instanceof UUID u) {
            return "uuid:" + u;
        }
        if (v instanceof LocalDate d) {
            return "date:" + d.getYear() + "," + d.getMonthValue() + "," + d.getDayOfMonth();
        }
        if (v instanceof LocalTime t) {
            return time(t, null, 0);
        }
        if (v instanceof OffsetTime t) {
            return time(t.toLocalTime(), t.getOffset(), 0);
        }
        if (v instanceof PyTime t) {
            return time(t.local(), t.tzinfo(), t.fold());
        }
        if (v instanceof LocalDateTime t) {
            return dateTime(t, null, 0);
        }
        if (v instanceof OffsetDateTime t) {
            return dateTime(t.toLocalDateTime(), t.getOffset(), 0);
        }
        if (v instanceof PyDateTime t) {
            return dateTime(t.local(), t.tzinfo(), t.fold());
        }
        if (v instanceof Duration d) {
            return "timedelta:" + BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000))
                    .add(BigInteger.valueOf(d.getNano() / 1000));
        }
        if (v instanceof ZoneOffset z) {
            return "tz:" + z.getTotalSeconds() * 1_000_000L + ":";
        }
        if (v instanceof PyTimezone z) {
            Duration d = z.offset();
            return "tz:" + (d.getSeconds() * 1_000_000L + d.getNano() / 1000) + ":" + (z.name() == null ? "" : z.name());
        }
        if (v instanceof PyRange r) {
            return "range(" + r.start() + "," + r.stop() + "," + r.step() + ")";
        }
        if (v instanceof PySlice s) {
            return "slice(" + describe(s.start()) + "," + describe(s.stop()) + "," + describe(s.step()) + ")";
        }
        if (v instanceof PyConstant c) {
            return "const:" + c.pythonName();
        }
        if (v instanceof PyArray a) {
            return "array:" + a.typecode() + "[" + join(a.items()) + "]";
        }
        if (v instanceof PyGlobal g) {
            return "global:" + g.qualifiedName();
        }
        return "?" + v.getClass().getName();
    }

    private static String time(LocalTime t, Object tz, int fold) {
        return "time:" + t.getHour() + "," + t.getMinute() + "," + t.getSecond() + "," + t.getNano() / 1000 + ","
                + fold + "," + describe(tz);
    }

    private static String dateTime(LocalDateTime t, Object tz, int fold) {
        return "datetime:" + t.getYear() + "," + t.getMonthValue() + "," + t.getDayOfMonth() + "," + t.getHour() + ","
                + t.getMinute() + "," + t.getSecond() + "," + t.getNano() / 1000 + "," + fold + "," + describe(tz);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    private static String join(List<?> items) {
        StringJoiner j = new StringJoiner(",");
        items.forEach(i -> j.add(describe(i)));
        return j.toString();
    }

    private static String entries(Map<?, ?> m) {
        StringJoiner j = new StringJoiner(",");
        m.forEach((k, val) -> j.add(describe(k) + ":" + describe(val)));
        return j.toString();
    }
}
