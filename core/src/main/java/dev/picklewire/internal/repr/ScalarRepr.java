package dev.picklewire.internal.repr;

import dev.picklewire.PickleException;
import dev.picklewire.internal.FloatRepr;
import dev.picklewire.types.PyComplex;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * CPython 3.11's repr of the values that hold no other values: str, bytes, int, float, complex, and the
 * numeric parts of datetime objects. Stateless and thread-safe.
 */
final class ScalarRepr {
    /** CPython's default sys.get_int_max_str_digits(): longer ints refuse to print. */
    static final int MAX_INT_DIGITS = 4300;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ScalarRepr() {
    }

    /** Python's repr of a str, as unicode_repr does it; stops early once {@code out} passes {@code limit}. */
    static void str(StringBuilder out, String s, int limit) {
        boolean hasSingle = s.indexOf('\'') >= 0;
        char quote = hasSingle && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length() && out.length() <= limit; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            strChar(out, cp, quote);
        }
        out.append(quote);
    }

    private static void strChar(StringBuilder out, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            out.append('\\').append((char) cp);
        } else if (cp == '\t') {
            out.append("\\t");
        } else if (cp == '\n') {
            out.append("\\n");
        } else if (cp == '\r') {
            out.append("\\r");
        } else if (cp < ' ' || cp == 0x7f) {
            hex(out, "\\x", cp, 2);
        } else if (cp < 0x7f) {
            out.append((char) cp);
        } else if (!NonPrintable.contains(cp)) {
            out.appendCodePoint(cp);
        } else if (cp <= 0xff) {
            hex(out, "\\x", cp, 2);
        } else if (cp <= 0xffff) {
            hex(out, "\\u", cp, 4); // lone surrogates land here too, as CPython prints them
        } else {
            hex(out, "\\U", cp, 8);
        }
    }

    private static void hex(StringBuilder out, String prefix, int value, int digits) {
        out.append(prefix);
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            out.append(HEX[(value >>> shift) & 0xf]);
        }
    }

    /** Python's repr of bytes, as bytes_repr does it: b'...' (b"..." when only ' occurs). */
    static void bytes(StringBuilder out, byte[] b, int limit) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        out.append('b').append(quote);
        for (int i = 0; i < b.length && out.length() <= limit; i++) {
            int c = b[i] & 0xff;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < ' ' || c >= 0x7f) {
                hex(out, "\\x", c, 2);
            } else {
                out.append((char) c);
            }
        }
        out.append(quote);
    }

    /** Python's repr of an int. Like CPython, refuses more than {@value #MAX_INT_DIGITS} decimal digits. */
    static String integer(Number n) {
        if (!(n instanceof BigInteger b)) {
            return n.toString();
        }
        // 4300 digits need at most 14285 bits; bail out before the (quadratic) conversion.
        if (b.bitLength() > 14_300) {
            throw tooManyDigits();
        }
        String text = b.toString();
        if (text.length() - (b.signum() < 0 ? 1 : 0) > MAX_INT_DIGITS) {
            throw tooManyDigits();
        }
        return text;
    }

    private static PickleException tooManyDigits() {
        return new PickleException("Exceeds the limit (" + MAX_INT_DIGITS
                + " digits) for integer string conversion, as in CPython's repr");
    }

    static String floating(double d) {
        return FloatRepr.repr(d);
    }

    /** complex_repr: {@code 1j}, {@code (1+2j)}, {@code (-0-0j)}, {@code (nan+infj)}. */
    static String complex(PyComplex c) {
        String imag = part(c.imag());
        if (c.real() == 0.0 && Double.doubleToRawLongBits(c.real()) == 0L) {
            return imag + "j";
        }
        String sign = imag.startsWith("-") ? "" : "+";
        return "(" + part(c.real()) + sign + imag + "j)";
    }

    /** A complex part: float repr without the ".0" CPython adds for floats alone (format code 'r'). */
    private static String part(double d) {
        String text = FloatRepr.repr(d);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    static void date(StringBuilder out, LocalDate d) {
        out.append("datetime.date(").append(d.getYear()).append(", ").append(d.getMonthValue())
                .append(", ").append(d.getDayOfMonth()).append(')');
    }

    /** {@code datetime.time(h, m[, s[, us]]} without the closing parenthesis (tzinfo and fold follow). */
    static void timeOpen(StringBuilder out, LocalTime t) {
        out.append("datetime.time(").append(t.getHour()).append(", ").append(t.getMinute());
        secondsAndMicros(out, t.getSecond(), t.getNano() / 1000);
    }

    /** {@code datetime.datetime(y, mo, d, h, mi[, s[, us]]} without the closing parenthesis. */
    static void dateTimeOpen(StringBuilder out, LocalDateTime t) {
        out.append("datetime.datetime(").append(t.getYear()).append(", ").append(t.getMonthValue())
                .append(", ").append(t.getDayOfMonth()).append(", ").append(t.getHour()).append(", ")
                .append(t.getMinute());
        secondsAndMicros(out, t.getSecond(), t.getNano() / 1000);
    }

    private static void secondsAndMicros(StringBuilder out, int second, int micros) {
        if (micros != 0) {
            out.append(", ").append(second).append(", ").append(micros);
        } else if (second != 0) {
            out.append(", ").append(second);
        }
    }

    /**
     * delta_repr: {@code datetime.timedelta(days=-1, seconds=86399, microseconds=5)}, zero fields left
     * out, {@code datetime.timedelta(0)} for zero. Sub-microsecond nanos round half-even, as on dump.
     */
    static void timedelta(StringBuilder out, Duration d) {
        long seconds = d.getSeconds();
        long micros = Math.round(d.getNano() / 1000.0);
        if (d.getNano() % 1000 == 500 && (d.getNano() / 1000) % 2 == 0) {
            micros = d.getNano() / 1000; // half-even: a tie goes to the even microsecond
        }
        if (micros == 1_000_000) {
            seconds++;
            micros = 0;
        }
        long days = Math.floorDiv(seconds, 86_400L);
        long secs = Math.floorMod(seconds, 86_400L);
        out.append("datetime.timedelta(");
        String sep = "";
        if (days != 0) {
            out.append("days=").append(days);
            sep = ", ";
        }
        if (secs != 0) {
            out.append(sep).append("seconds=").append(secs);
            sep = ", ";
        }
        if (micros != 0) {
            out.append(sep).append("microseconds=").append(micros);
            sep = ", ";
        }
        if (sep.isEmpty()) {
            out.append('0');
        }
        out.append(')');
    }
}
