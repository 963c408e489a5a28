package dev.picklewire.internal.reader;

import java.util.regex.Pattern;

/** The FLOAT opcode's text, parsed as Python's float() does for what picklers write (repr of a float). */
final class FloatText {
    // Java's parseDouble also takes hex, "1d", "Infinity" and surrounding junk that Python rejects; check first.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(_[0-9]+)*)?(\\.([0-9]+(_[0-9]+)*)?)?([eE][+-]?[0-9]+)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private FloatText() {
    }

    static Double parse(String s, PickleReader reader) {
        if (SPECIAL.matcher(s).matches()) {
            String t = s.toLowerCase();
            if (t.contains("nan")) {
                return Double.NaN;
            }
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (s.length() > 10_000 || !DECIMAL.matcher(s).matches() || !s.matches(".*[0-9].*")
                || s.matches("[+-]?[eE].*|[+-]?\\.[eE].*")) {
            throw reader.fail("could not convert string to float: '" + s + "'");
        }
        double d = Double.parseDouble(s.replace("_", ""));
        if (Double.isInfinite(d)) {
            // PyOS_string_to_double with an overflow exception, as load_float calls it.
            throw reader.fail("could not convert string to float: '" + s + "' (out of range)");
        }
        return d;
    }
}
