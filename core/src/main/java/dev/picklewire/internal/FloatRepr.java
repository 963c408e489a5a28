package dev.picklewire.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}: the shortest decimal string that reads back as the same double, in
 * Python's layout ({@code 0.1}, {@code 1e+16}, {@code 1e-05}, {@code -0.0}, {@code inf}, {@code nan}).
 *
 * <p>Java's {@code Double.toString} is not always shortest before JDK 19 and lays numbers out differently,
 * so the digits are found here from the exact binary value: round it to 1, 2, ... significant digits and
 * keep the first candidate that parses back to the same double (JDK's {@code parseDouble} is correctly
 * rounded). When the nearest candidate fails but its neighbour on the other side lies inside the rounding
 * interval (the interval is lopsided just above a power of two), the neighbour wins, as in David Gay's
 * {@code dtoa} mode 0 which CPython uses.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * FloatRepr.repr(0.1)    // "0.1"
 * FloatRepr.repr(1e16)   // "1e+16"
 * }</pre>
 */
public final class FloatRepr {
    private FloatRepr() {
    }

    /** Python's {@code repr(value)}. */
    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        Digits d = shortest(Math.abs(value));
        StringBuilder sb = new StringBuilder(24);
        if (value < 0) {
            sb.append('-');
        }
        layout(sb, d.digits, d.pointPosition);
        return sb.toString();
    }

    /**
     * The shortest round-trip digits of a positive finite double: {@code digits} with no trailing zeros, and
     * the value is {@code 0.digits * 10^pointPosition}.
     */
    public static Digits shortest(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        // 17 significant digits always round-trip, so the search ends there.
        for (int p = 1; p <= 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == positive) {
                return digitsOf(nearest);
            }
            BigDecimal other = exact.round(new MathContext(p,
                    nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR));
            if (other.compareTo(nearest) != 0 && other.doubleValue() == positive) {
                return digitsOf(other);
            }
        }
        throw new AssertionError("no 17-digit round trip for " + positive);
    }

    private static Digits digitsOf(BigDecimal rounded) {
        BigDecimal stripped = rounded.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        // value = unscaled * 10^-scale = 0.digits * 10^(len - scale)
        return new Digits(digits, digits.length() - stripped.scale());
    }

    /** Python's float_repr_style 'short' layout: exponent form when the exponent is below -4 or 16 and up. */
    private static void layout(StringBuilder sb, String digits, int point) {
        int exponent = point - 1;
        if (exponent < -4 || exponent >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        } else if (point <= 0) {
            sb.append("0.");
            sb.append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            sb.append(digits).append("0".repeat(point - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
    }

    /**
     * Shortest digits of a double.
     *
     * @param digits        decimal digits, first non-zero, no trailing zeros
     * @param pointPosition the value is {@code 0.digits * 10^pointPosition}
     */
    public record Digits(String digits, int pointPosition) {
    }
}
