package dev.picklewire.internal.dis;

import java.math.BigInteger;

/**
 * Python's {@code int(bytes)} and {@code float(bytes)} for the decimal-on-a-line arguments, and the
 * {@code repr} of ints under CPython 3.11's 4300-digit conversion limit (which pickletools hits on a
 * hostile LONG4 and reports as a ValueError).
 */
final class PyNumbers {
    /** {@code sys.get_int_max_str_digits()} default in CPython 3.11. */
    static final int MAX_STR_DIGITS = 4300;

    private PyNumbers() {
    }

    /** {@code int(s)} for ASCII bytes: whitespace around, a sign, digits with single underscores between. */
    static Object parseInt(byte[] s, java.util.function.Function<byte[], String> bytesRepr) {
        String digits = intDigits(s);
        if (digits == null) {
            String repr = bytesRepr.apply(s);
            // int() formats the literal with %.200R: its repr cut to 200 characters
            throw PyError.value("invalid literal for int() with base 10: "
                    + (repr.length() > 200 ? repr.substring(0, 200) : repr));
        }
        int count = digits.length() - (digits.charAt(0) == '-' ? 1 : 0);
        if (count > MAX_STR_DIGITS) {
            throw PyError.value("Exceeds the limit (" + MAX_STR_DIGITS + " digits) for integer string conversion: value has "
                    + count + " digits; use sys.set_int_max_str_digits() to increase the limit");
        }
        return narrow(new BigInteger(digits));
    }

    /** The sign and digits of a valid int literal, or null when {@code int()} would refuse it. */
    private static String intDigits(byte[] s) {
        s = strip(s);
        int from = 0;
        int to = s.length;
        StringBuilder out = new StringBuilder(to - from);
        if (from < to && (s[from] == '+' || s[from] == '-')) {
            if (s[from] == '-') {
                out.append('-');
            }
            from++;
        }
        return digitsWithUnderscores(s, from, to, out) ? out.toString() : null;
    }

    private static boolean digitsWithUnderscores(byte[] s, int from, int to, StringBuilder out) {
        if (from >= to) {
            return false;
        }
        boolean lastDigit = false;
        for (int i = from; i < to; i++) {
            byte b = s[i];
            if (b >= '0' && b <= '9') {
                out.append((char) b);
                lastDigit = true;
            } else if (b == '_' && lastDigit) {
                lastDigit = false;
            } else {
                return false;
            }
        }
        return lastDigit;
    }

    /** {@code s} without the whitespace int() and float() ignore around a number (the same array if none). */
    private static byte[] strip(byte[] s) {
        int from = 0;
        int to = s.length;
        while (from < to && isSpace(s[from])) {
            from++;
        }
        while (to > from && isSpace(s[to - 1])) {
            to--;
        }
        return from == 0 && to == s.length ? s : java.util.Arrays.copyOfRange(s, from, to);
    }

    static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** Integer, Long or BigInteger: the smallest that holds the value. */
    static Object narrow(BigInteger v) {
        if (v.bitLength() < 32) {
            return v.intValue();
        }
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        return v;
    }

    /** {@code repr(int)}, or the ValueError CPython raises for more than 4300 decimal digits. */
    static String intRepr(Object value) {
        if (!(value instanceof BigInteger)) {
            return value.toString();
        }
        BigInteger v = (BigInteger) value;
        // 14300 bits is over 4300 digits for sure: refuse before the (quadratic) conversion
        if (v.bitLength() > 14300) {
            throw tooManyDigits();
        }
        String text = v.toString();
        if (text.length() - (v.signum() < 0 ? 1 : 0) > MAX_STR_DIGITS) {
            throw tooManyDigits();
        }
        return text;
    }

    private static PyError tooManyDigits() {
        return PyError.value("Exceeds the limit (" + MAX_STR_DIGITS
                + " digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
    }

    /** {@code float(s)} for bytes; the error names the bytes' repr, uncut. */
    static double parseFloat(byte[] s, java.util.function.Function<byte[], String> bytesRepr) {
        String text = floatText(s);
        if (text == null) {
            throw PyError.value("could not convert string to float: " + bytesRepr.apply(s));
        }
        return Double.parseDouble(text);
    }

    /** A string Java parses to the same double, or null when Python's float() would refuse the bytes. */
    private static String floatText(byte[] s) {
        s = strip(s);
        int from = 0;
        int to = s.length;
        StringBuilder sign = new StringBuilder();
        int i = from;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            sign.append((char) s[i++]);
        }
        String word = PyCodecs.latin1(s, i, to).toLowerCase(java.util.Locale.ROOT);
        if (word.equals("inf") || word.equals("infinity")) {
            return sign + "Infinity";
        }
        if (word.equals("nan")) {
            return "NaN";
        }
        return decimalFloat(s, i, to, sign);
    }

    /** digits [. digits] | . digits, then an optional exponent; underscores only between digits. */
    private static String decimalFloat(byte[] s, int i, int to, StringBuilder out) {
        int signLength = out.length();
        i = digitRun(s, i, to, out);
        if (i < 0) {
            return null;
        }
        int digits = out.length() - signLength;
        if (i < to && s[i] == '.') {
            out.append('.');
            int mark = out.length();
            i = digitRun(s, i + 1, to, out);
            if (i < 0) {
                return null;
            }
            digits += out.length() - mark;
        }
        if (digits == 0) {
            return null;
        }
        if (i < to && (s[i] == 'e' || s[i] == 'E')) {
            out.append('e');
            i++;
            if (i < to && (s[i] == '+' || s[i] == '-')) {
                out.append((char) s[i++]);
            }
            int mark = out.length();
            i = digitRun(s, i, to, out);
            if (i < 0 || out.length() == mark) {
                return null;
            }
        }
        return i == to ? out.toString() : null;
    }

    /** Appends a run of digits (single underscores allowed between them); returns the next index, -1 if bad. */
    private static int digitRun(byte[] s, int i, int to, StringBuilder out) {
        boolean lastDigit = false;
        int start = i;
        for (; i < to; i++) {
            if (s[i] >= '0' && s[i] <= '9') {
                out.append((char) s[i]);
                lastDigit = true;
            } else if (s[i] == '_' && lastDigit && i + 1 < to && s[i + 1] >= '0' && s[i + 1] <= '9') {
                lastDigit = false;
            } else {
                break;
            }
        }
        return i > start && s[i - 1] == '_' ? -1 : i;
    }
}
