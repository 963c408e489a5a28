package dev.picklewire.internal.reader;

import java.math.BigInteger;

/**
 * The text integers of protocol 0, parsed as _pickle.c does: INT first tries C's {@code strtol(s, &end, 0)}
 * (so {@code 010} is octal 8 and {@code 0x10} is 16) and falls back to Python's {@code int(s, 0)}; LONG drops
 * a trailing {@code L} and uses {@code int(s, 0)} alone. Returns null when Python would raise.
 */
final class IntText {
    private IntText() {
    }

    /** INT's value, or null where _pickle.c raises. */
    static Object parseInt(String s) {
        Object v = strtol(s);
        return v != null ? v : pythonInt(s);
    }

    /** C strtol with base 0 on the whole line; null unless it consumed everything and did not overflow. */
    private static Object strtol(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long v = 0;
        for (; i < n; i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0 || s.charAt(i) > 0x7f) {
                break;
            }
            if (v > (Long.MAX_VALUE - d) / radix) {
                return null; // ERANGE: _pickle.c falls back to int(s, 0)
            }
            v = v * radix + d;
        }
        if (i == start || i != n) {
            return null;
        }
        return Ints.of(negative ? -v : v);
    }

    /** Python's int(s, 0): whitespace around, sign, 0x/0o/0b prefixes, single underscores between digits. */
    static Object pythonInt(String s) {
        String t = s.strip();
        boolean negative = false;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 1 && t.charAt(0) == '0' && "xXoObB".indexOf(t.charAt(1)) >= 0) {
            radix = "xX".indexOf(t.charAt(1)) >= 0 ? 16 : "oO".indexOf(t.charAt(1)) >= 0 ? 8 : 2;
            t = t.substring(2);
            if (t.startsWith("_")) {
                t = t.substring(1);
            }
        }
        if (!validDigits(t, radix)) {
            return null;
        }
        String digits = t.replace("_", "");
        if (radix == 10 && digits.length() > 1 && digits.charAt(0) == '0' && !digits.matches("0+")) {
            return null; // int('010', 0) is an error: no implicit octal in Python 3
        }
        BigInteger v = new BigInteger(digits, radix);
        return Ints.of(negative ? v.negate() : v);
    }

    private static boolean validDigits(String t, int radix) {
        if (t.isEmpty() || t.startsWith("_") || t.endsWith("_") || t.contains("__")) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '_' && (c > 0x7f || Character.digit(c, radix) < 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
