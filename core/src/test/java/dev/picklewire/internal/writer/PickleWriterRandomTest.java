package dev.picklewire.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Concurrently;
import dev.picklewire.Pickler;
import dev.picklewire.internal.writer.CPythonDumps.Case;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random Python-shaped values: each is built in Java and, alongside, as a Python expression; CPython's
 * pickle.dumps of the expression must equal picklewire's bytes at every protocol. The seed is in every
 * failure message; rerun one with {@code -Dpicklewire.seed=N}.
 */
class PickleWriterRandomTest {
    private static final long[] INT_EDGES = {0, 1, -1, 255, 256, 65535, 65536, -256, Integer.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE,
        1L << 40, -(1L << 40)};

    @Test
    void randomValuesMatchPython() {
        long seed = Long.getLong("picklewire.seed", System.nanoTime());
        List<Case> cases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            Gen g = new Gen(new SplittableRandom(random.nextLong()));
            Node n = g.value(4);
            Object java = n.java;
            cases.add(CPythonDumps.of("random #" + i + " (seed " + seed + ")", () -> java, n.python));
        }
        CPythonDumps.assertSameAsPython(cases, "seed " + seed);
    }

    /**
     * A pickler keeps its memo table and output array from dump to dump (WriterPool): one kept pickler per
     * protocol must write, dump after dump, exactly what a new pickler writes, whichever of dumps, dump and
     * pickle writes it, and what it returned before must not change after (no result shares the kept array).
     * Values of every size follow each other (random graphs, and lists of up to 40,000 new strs that grow the
     * kept table and array and leave them big for the small ones after, whose old bytes must never show).
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a memo left full would probe forever
    void aKeptPicklerWritesWhatANewOneWrites() throws IOException {
        long seed = Long.getLong("picklewire.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        Pickler[] kept = new Pickler[6];
        for (int p = 0; p < kept.length; p++) {
            kept[p] = Pickler.builder().protocol(p).build();
        }
        byte[] lastResult = {};
        byte[] lastExpected = {};
        for (int i = 0; i < 600; i++) {
            Object value;
            if (random.nextInt(20) == 0) {
                PyList strs = new PyList();
                for (int k = 0, n = random.nextInt(40_000); k < n; k++) {
                    strs.add("s" + k);
                }
                strs.add(strs.isEmpty() ? "x" + i : strs.get(random.nextInt(strs.size())));
                value = strs;
            } else {
                value = new Gen(new SplittableRandom(random.nextLong())).value(4).java;
            }
            int p = random.nextInt(kept.length);
            byte[] expected = Pickler.builder().protocol(p).build().dumps(value);
            byte[] got = switch (random.nextInt(3)) {
                case 0 -> kept[p].dumps(value);
                case 1 -> kept[p].pickle(value).toByteArray();
                default -> {
                    ByteArrayOutputStream stream = new ByteArrayOutputStream();
                    kept[p].dump(value, stream);
                    yield stream.toByteArray();
                }
            };
            assertThat(got).as("value #%d at protocol %d (seed %d)", i, p, seed).isEqualTo(expected);
            assertThat(lastResult).as("the result before value #%d (seed %d), after it", i, seed)
                    .isEqualTo(lastExpected);
            lastResult = got;
            lastExpected = expected;
        }
    }

    /** Threads sharing one pickler each draw their own memo table: every dump still writes the expected bytes. */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void threadsSharingAPicklerWriteWhatANewOneWrites() throws Exception {
        long seed = Long.getLong("picklewire.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        List<Object> values = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Object value = new Gen(new SplittableRandom(random.nextLong())).value(4).java;
            values.add(value);
            expected.add(Pickler.builder().protocol(4).build().dumps(value));
        }
        Pickler shared = Pickler.builder().protocol(4).build();
        List<String> wrong = Concurrently.failures(4, 5, values.size(),
                i -> Arrays.equals(shared.dumps(values.get(i)), expected.get(i)) ? null : "value #" + i);
        assertThat(wrong).as("seed %d", seed).isEmpty();
    }

    private record Node(Object java, String python) {
    }

    /** One random value graph; containers may be shared (D/R in the expression) but never cyclic. */
    private static final class Gen {
        private final SplittableRandom r;
        private final List<Node> shared = new ArrayList<>();
        private final List<Integer> sharedIds = new ArrayList<>();
        private int nextId;

        Gen(SplittableRandom r) {
            this.r = r;
        }

        Node value(int depth) {
            int kind = r.nextInt(depth > 0 ? 20 : 11);
            switch (kind) {
                case 0: return new Node(null, "None");
                case 1: return r.nextBoolean() ? new Node(true, "True") : new Node(false, "False");
                case 2: case 3: return integer();
                case 4: return floating();
                case 5: case 6: return string();
                case 7: return bytes();
                case 8: return misc();
                case 9: return reuse(depth);
                case 10: return time();
                case 11: case 12: return list(depth);
                case 13: return tuple(depth);
                case 14: case 15: return dict(depth);
                case 16: return intSet(r.nextBoolean());
                case 17: return orderedDict(depth);
                case 18: return bigList();
                default: return register(list(depth));
            }
        }

        Node integer() {
            if (r.nextInt(3) == 0) {
                long v = INT_EDGES[r.nextInt(INT_EDGES.length)];
                return new Node(v == (int) v ? (Object) (int) v : (Object) v, Long.toString(v));
            }
            if (r.nextInt(4) == 0) {
                BigInteger b = new BigInteger(r.nextInt(1, 2200), new java.util.Random(r.nextLong()));
                b = r.nextBoolean() ? b.negate() : b;
                Object j = b.bitLength() < 32 ? (Object) b.intValue() : b.bitLength() < 64 ? (Object) b.longValue() : b;
                return new Node(j, b.toString());
            }
            long v = r.nextLong() >> r.nextInt(64);
            return new Node(v == (int) v ? (Object) (int) v : (Object) v, Long.toString(v));
        }

        Node floating() {
            double d = r.nextInt(4) == 0 ? Double.longBitsToDouble(r.nextLong())
                    : Math.round(r.nextDouble() * 1e6) / 1e3 - 500;
            return new Node(d, PickleWriterCasesTest.pyFloat(d));
        }

        Node string() {
            int n = r.nextInt(10) == 0 ? r.nextInt(200, 400) : r.nextInt(0, 12);
            if (r.nextInt(40) == 0) {
                n = r.nextInt(65530, 65540);
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                switch (r.nextInt(8)) {
                    case 0 -> sb.append((char) r.nextInt(0, 0x20));
                    case 1 -> sb.append((char) r.nextInt(0x80, 0x100));
                    case 2 -> sb.append((char) r.nextInt(0x100, 0xd800));
                    case 3 -> sb.appendCodePoint(r.nextInt(0x10000, 0x110000));
                    case 4 -> sb.append(r.nextBoolean() ? '\\' : '\'');
                    case 5 -> sb.append((char) r.nextInt(0xd800, 0xe000));
                    default -> sb.append((char) r.nextInt(0x20, 0x7f));
                }
            }
            String s = sb.toString();
            // a high surrogate followed by a low one is one astral char in Java, two chars in Python: avoid
            s = s.replaceAll("[\\uD800-\\uDBFF](?=[\\uDC00-\\uDFFF])", "?");
            String text = s;
            return new Node(new String(text.toCharArray()), "S(" + PickleWriterCasesTest.pyStr(text) + ")");
        }

        Node bytes() {
            int n = r.nextInt(10) == 0 ? r.nextInt(250, 300) : r.nextInt(2, 20);
            if (r.nextInt(30) == 0) {
                n = r.nextInt(65530, 65540);
            }
            if (r.nextInt(8) == 0) {
                n = 0;
            }
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) r.nextInt(256);
            }
            String hex = HexFormat.of().formatHex(b);
            if (r.nextInt(4) == 0) {
                return new Node(new PyByteArray(b), "bytearray(B('" + hex + "'))");
            }
            return new Node(b, "B('" + hex + "')");
        }

        Node misc() {
            switch (r.nextInt(4)) {
                case 0: {
                    double re = r.nextInt(-5, 5) / 2.0;
                    double im = r.nextInt(-5, 5) / 4.0;
                    return new Node(new PyComplex(re, im), "complex(" + re + ", " + im + ")");
                }
                case 1: {
                    BigDecimal d = BigDecimal.valueOf(r.nextLong(-100000, 100000), r.nextInt(-8, 12));
                    return new Node(d, "Decimal('" + d + "')");
                }
                case 2: {
                    java.util.UUID u = new java.util.UUID(r.nextLong(), r.nextLong());
                    return new Node(u, "uuid.UUID('" + u + "')");
                }
                default: {
                    long secs = r.nextLong(-1_000_000_000L, 1_000_000_000L);
                    int micros = r.nextInt(0, 1_000_000);
                    return new Node(java.time.Duration.ofSeconds(secs, micros * 1000L),
                            "timedelta(seconds=" + secs + ", microseconds=" + micros + ")");
                }
            }
        }

        Node time() {
            LocalDateTime t = LocalDateTime.of(r.nextInt(1, 10000), r.nextInt(1, 13), r.nextInt(1, 29),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000);
            String args = t.getYear() + ", " + t.getMonthValue() + ", " + t.getDayOfMonth() + ", " + t.getHour()
                    + ", " + t.getMinute() + ", " + t.getSecond() + ", " + t.getNano() / 1000;
            switch (r.nextInt(3)) {
                case 0:
                    return new Node(t.toLocalDate(), "date(" + t.getYear() + ", " + t.getMonthValue() + ", "
                            + t.getDayOfMonth() + ")");
                case 1:
                    return new Node(t, "DT(" + args + ")");
                default: {
                    int offset = r.nextInt(-18 * 4, 18 * 4 + 1) * 900;
                    return new Node(OffsetDateTime.of(t, ZoneOffset.ofTotalSeconds(offset)),
                            "DT(" + args + ", tzinfo=TZ(" + offset + "))");
                }
            }
        }

        Node reuse(int depth) {
            if (shared.isEmpty()) {
                return list(depth);
            }
            int i = r.nextInt(shared.size());
            return new Node(shared.get(i).java, "R(" + sharedIds.get(i) + ")");
        }

        Node register(Node n) {
            int id = nextId++;
            Node wrapped = new Node(n.java, "D(" + id + ", " + n.python + ")");
            shared.add(n);
            sharedIds.add(id);
            return wrapped;
        }

        Node list(int depth) {
            int n = r.nextInt(0, 6);
            PyList l = new PyList();
            StringBuilder py = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                Node item = value(depth - 1);
                l.add(item.java);
                py.append(item.python).append(", ");
            }
            return new Node(l, py.append("]").toString());
        }

        Node bigList() {
            int n = new int[] {999, 1000, 1001, 2001}[r.nextInt(4)];
            int kind = r.nextInt(3);
            if (kind == 0) {
                return intSet(r.nextBoolean(), n);
            }
            if (kind == 1) {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(i, i * 3);
                }
                return new Node(m, "{i: i * 3 for i in range(" + n + ")}");
            }
            PyList l = new PyList();
            for (int i = 0; i < n; i++) {
                l.add(i - 500);
            }
            return new Node(l, "[i - 500 for i in range(" + n + ")]");
        }

        Node tuple(int depth) {
            int n = r.nextInt(0, 6);
            Object[] items = new Object[n];
            StringBuilder py = new StringBuilder("T(");
            for (int i = 0; i < n; i++) {
                Node item = value(depth - 1);
                items[i] = item.java;
                py.append(item.python).append(", ");
            }
            return new Node(PyTuple.of(items), py.append(")").toString());
        }

        Node dict(int depth) {
            int n = r.nextInt(0, 6);
            Map<Object, Object> m = new LinkedHashMap<>();
            StringBuilder py = new StringBuilder("{");
            for (int i = 0; i < n; i++) {
                Object key;
                String pyKey;
                if (r.nextBoolean()) {
                    key = i * 7 - 10;
                    pyKey = key.toString();
                } else {
                    String s = "k" + i + (r.nextBoolean() ? "\u00e9" : "");
                    key = s;
                    pyKey = "S(" + PickleWriterCasesTest.pyStr(s) + ")";
                }
                Node v = value(depth - 1);
                m.put(key, v.java);
                py.append(pyKey).append(": ").append(v.python).append(", ");
            }
            return new Node(m, py.append("}").toString());
        }

        Node orderedDict(int depth) {
            Node d = dict(depth);
            return new Node(new PyOrderedDict((Map<?, ?>) d.java), "OrderedDict(" + d.python + ")");
        }

        Node intSet(boolean frozen) {
            return intSet(frozen, r.nextInt(0, 8));
        }

        /** Small non-negative ints inserted in order: CPython iterates such a set in the same order. */
        Node intSet(boolean frozen, int n) {
            TreeSet<Integer> items = new TreeSet<>();
            while (items.size() < n) {
                items.add(r.nextInt(0, n + n / 2 + 1));
            }
            String list = items.toString();
            if (frozen) {
                return new Node(PyFrozenSet.copyOf(items), "frozenset(" + list + ")");
            }
            return new Node(new PySet(items), "set(" + list + ")");
        }
    }
}
