package dev.picklewire.internal.reader;

import java.math.BigInteger;

/** Python ints as the smallest Java type that holds them: Integer, else Long, else BigInteger. */
final class Ints {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Ints() {
    }

    static Object of(long v) {
        // Not a ?: expression: that would unbox both arms and box an Integer as a Long.
        if (v == (int) v) {
            return SmallInts.of((int) v);
        }
        return Long.valueOf(v);
    }

    static Object of(BigInteger v) {
        return v.bitLength() < 64 ? of(v.longValue()) : v;
    }

    static Object ofUnsigned(long v) {
        return v >= 0 ? of(v) : BigInteger.valueOf(v).add(TWO_64);
    }

    static boolean isInt(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof BigInteger;
    }

    static boolean isZero(Number n) {
        return n instanceof BigInteger b ? b.signum() == 0 : n.longValue() == 0;
    }

    static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }
}
