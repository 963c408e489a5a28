package dev.picklewire.internal.literal;

import dev.picklewire.types.PyComplex;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Number helpers for the literal parser: Python's int narrowing, negation, and numeric key equality. */
final class Numbers {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Numbers() {
    }

    /** The smallest of Integer, Long, BigInteger that holds {@code n}, as the type mapping asks. */
    static Number narrow(BigInteger n) {
        if (n.compareTo(INT_MIN) >= 0 && n.compareTo(INT_MAX) <= 0) {
            return n.intValue();
        }
        if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            return n.longValue();
        }
        return n;
    }

    static Object negate(Object number) {
        if (number instanceof Double d) {
            return -d;
        }
        if (number instanceof PyComplex c) {
            return new PyComplex(-c.real(), -c.imag());
        }
        return narrow(toBig((Number) number).negate());
    }

    static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /**
     * Python merges dict keys and set members that compare equal across numeric types ({@code 1},
     * {@code 1.0}, {@code True}, {@code (1+0j)}); Java's equals does not. Returns the first key seen
     * with the same numeric value as {@code key} (recording {@code key} if it is the first), or
     * {@code key} itself when it is not a number.
     */
    static Object firstEqual(Map<Object, Object> seen, Object key) {
        Object canonical = numericKey(key);
        if (canonical == null) {
            return key;
        }
        Object first = seen.putIfAbsent(canonical, key);
        return first == null ? key : first;
    }

    private static Object numericKey(Object key) {
        if (key instanceof Boolean b) {
            return BigDecimal.valueOf(b ? 1 : 0);
        }
        if (key instanceof Integer || key instanceof Long) {
            return BigDecimal.valueOf(((Number) key).longValue()).stripTrailingZeros();
        }
        if (key instanceof BigInteger b) {
            return new BigDecimal(b).stripTrailingZeros();
        }
        if (key instanceof Double d) {
            return realKey(d);
        }
        if (key instanceof PyComplex c) {
            return c.imag() == 0.0 ? realKey(c.real()) : key;
        }
        return null;
    }

    private static Object realKey(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return d; // inf == inf in Python; no literal makes a nan
        }
        BigDecimal exact = new BigDecimal(d);
        return exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
    }
}
