package dev.picklewire.internal.reader;

import java.util.regex.Pattern;

/**
 * The FLOAT opcode's text, parsed as load_float does with PyOS_string_to_double: no surrounding space, no
 * underscores, inf/infinity/nan in any case, and an error (not infinity) when a finite literal overflows.
 */
final class FloatText {
    // Java's parseDouble also takes hex, a "d" suffix, "Infinity" and spaces, which Python rejects; check first.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private FloatText() {
    }

    static Double parse(String s, PickleReader reader) {
        if (SPECIAL.matcher(s).matches()) {
            String t = s.toLowerCase();
            if (t.contains("nan")) {
                // Python keeps the sign bit of "-nan"; Double.NaN has it clear.
                return t.startsWith("-") ? Double.longBitsToDouble(0xfff8000000000000L) : Double.NaN;
            }
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (s.length() > 100_000 || !DECIMAL.matcher(s).matches()) {
            throw reader.fail("could not convert string to float: '" + s + "'");
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw reader.fail("value too large to convert to float: '" + s + "'");
        }
        return d;
    }
}
