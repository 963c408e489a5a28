package dev.picklewire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random Python-shaped values (nested containers, shared and recursive references, big ints, nan and
 * -0.0, astral strings, bytes, sets, frozensets, tuples as dict keys) through dumps and loads at every protocol:
 * the loaded value equals the original, and dumping it again gives the same bytes. Prints its seed.
 */
class RoundTripPropertyTest {
    private static final int VALUES = Integer.getInteger("picklewire.roundtrip.values", 300);

    @Test
    void randomValuesRoundTripAtEveryProtocol() {
        long seed = Long.getLong("picklewire.roundtrip.seed", new Random().nextLong());
        System.out.println("RoundTripPropertyTest seed=" + seed + " (-Dpicklewire.roundtrip.seed=" + seed + ")");
        for (int i = 0; i < VALUES; i++) {
            Random random = new Random(seed + i);
            Object value = new Generator(random).value(4);
            for (int protocol = 0; protocol <= Pickle.HIGHEST_PROTOCOL; protocol++) {
                byte[] first = Pickle.dumps(value, protocol);
                Object loaded = Pickle.loads(first);
                String where = "seed=" + seed + " value#" + i + " protocol " + protocol + " pickle "
                        + HexFormat.of().formatHex(first);
                assertThat(equalValues(loaded, value)).as(where).isTrue();
                assertThat(HexFormat.of().formatHex(Pickle.dumps(loaded, protocol))).as(where)
                        .isEqualTo(HexFormat.of().formatHex(first));
            }
        }
    }

    private static boolean equalValues(Object a, Object b) {
        return a == null ? b == null : a instanceof byte[] x && b instanceof byte[] y ? java.util.Arrays.equals(x, y)
                : a.equals(b);
    }

    /** Makes one random value; containers may share earlier values or hold themselves. */
    private static final class Generator {
        private final Random random;
        private final List<Object> made = new ArrayList<>();

        Generator(Random random) {
            this.random = random;
        }

        Object value(int depth) {
            if (!made.isEmpty() && random.nextInt(8) == 0) {
                return made.get(random.nextInt(made.size())); // a shared reference
            }
            Object v = depth <= 0 ? atom() : switch (random.nextInt(10)) {
                case 0 -> list(depth);
                case 1 -> tuple(depth);
                case 2 -> dict(depth);
                case 3 -> set();
                case 4 -> PyFrozenSet.copyOf(hashableList(3));
                default -> atom();
            };
            made.add(v);
            return v;
        }

        private PyList list(int depth) {
            PyList l = new PyList();
            made.add(l);
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                l.add(random.nextInt(10) == 0 ? l : value(depth - 1)); // sometimes recursive
            }
            return l;
        }

        private PyTuple tuple(int depth) {
            int n = random.nextInt(5);
            Object[] items = new Object[n];
            for (int i = 0; i < n; i++) {
                items[i] = value(depth - 1);
            }
            return PyTuple.of(items);
        }

        private PyDict dict(int depth) {
            PyDict d = new PyDict();
            made.add(d);
            int n = random.nextInt(5);
            for (int i = 0; i < n; i++) {
                d.put(hashable(2), random.nextInt(10) == 0 ? d : value(depth - 1));
            }
            return d;
        }

        private PySet set() {
            return new PySet(hashableList(4));
        }

        private List<Object> hashableList(int max) {
            List<Object> out = new ArrayList<>();
            int n = random.nextInt(max + 1);
            for (int i = 0; i < n; i++) {
                out.add(hashable(2));
            }
            return out;
        }

        /** A value usable as a dict key / set member: no lists, dicts, sets, bytearrays, nan (nan != nan). */
        private Object hashable(int depth) {
            if (depth > 0 && random.nextInt(4) == 0) {
                Object[] items = new Object[random.nextInt(3)];
                for (int i = 0; i < items.length; i++) {
                    items[i] = hashable(depth - 1);
                }
                return PyTuple.of(items);
            }
            return switch (random.nextInt(5)) {
                case 0 -> integer();
                case 1 -> string();
                case 2 -> random.nextBoolean();
                case 3 -> random.nextInt(1000) / 8.0;
                default -> null;
            };
        }

        private Object atom() {
            return switch (random.nextInt(9)) {
                case 0 -> null;
                case 1 -> random.nextBoolean();
                case 2 -> integer();
                case 3 -> new double[] {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, 1e300, random.nextGaussian()}
                        [random.nextInt(6)];
                case 4, 5 -> string();
                case 6 -> bytes();
                case 7 -> new PyByteArray(bytes());
                default -> integer();
            };
        }

        /** Integer, Long or BigInteger: the smallest that holds it, as the reader makes them. */
        private Object integer() {
            BigInteger b = switch (random.nextInt(4)) {
                case 0 -> BigInteger.valueOf(random.nextInt(600) - 300);
                case 1 -> BigInteger.valueOf(random.nextLong());
                case 2 -> new BigInteger(1 + random.nextInt(300), random).negate();
                default -> new BigInteger(1 + random.nextInt(70), random);
            };
            if (b.bitLength() < 32) {
                return b.intValue();
            }
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(5)) {
                    case 0 -> sb.appendCodePoint(0x1F600 + random.nextInt(80)); // astral
                    case 1 -> sb.append((char) (0xE0 + random.nextInt(200)));
                    case 2 -> sb.append("\n\\'\"".charAt(random.nextInt(4)));
                    default -> sb.append((char) ('a' + random.nextInt(26)));
                }
            }
            return sb.toString();
        }

        private byte[] bytes() {
            byte[] b = new byte[random.nextInt(8)];
            random.nextBytes(b);
            return b;
        }
    }
}
