package dev.picklewire.internal.dis;

import java.io.ByteArrayOutputStream;

/**
 * The three byte-to-text decodings pickletools' argument readers use, with CPython's error messages:
 * {@code codecs.escape_decode} then ASCII (stringnl), {@code raw-unicode-escape} (unicodestringnl) and UTF-8
 * with {@code surrogatepass} (unicodestring1/4/8). Every loop walks the input once; output is never larger
 * than the input (in chars), so a hostile argument cannot make us allocate more than it brought.
 */
final class PyCodecs {
    private PyCodecs() {
    }

    /** Python-bytes-literal escapes undone ({@code codecs.escape_decode}); unknown escapes are kept as is. */
    static byte[] escapeDecode(byte[] s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length);
        int i = 0;
        while (i < s.length) {
            int c = s[i] & 0xff;
            if (c != '\\') {
                out.write(c);
                i++;
                continue;
            }
            int start = i++;
            if (i >= s.length) {
                throw PyError.value("Trailing \\ in string");
            }
            i = escape(s, start, i, out);
        }
        return out.toByteArray();
    }

    /** Decodes the escape whose letter is at {@code i}; returns the index after it. */
    private static int escape(byte[] s, int start, int i, ByteArrayOutputStream out) {
        int c = s[i] & 0xff;
        switch (c) {
            case '\n': return i + 1;
            case '\\': case '\'': case '"': out.write(c); return i + 1;
            case 'b': out.write('\b'); return i + 1;
            case 'f': out.write('\f'); return i + 1;
            case 't': out.write('\t'); return i + 1;
            case 'n': out.write('\n'); return i + 1;
            case 'r': out.write('\r'); return i + 1;
            case 'v': out.write(0x0b); return i + 1;
            case 'a': out.write(0x07); return i + 1;
            case 'x': return hexEscape(s, start, i + 1, out);
            default:
                if (c >= '0' && c <= '7') {
                    return octalEscape(s, i, out);
                }
                out.write('\\');  // unknown escapes stay, backslash and all
                out.write(c);
                return i + 1;
        }
    }

    private static int hexEscape(byte[] s, int start, int i, ByteArrayOutputStream out) {
        int hi = i < s.length ? Character.digit(s[i], 16) : -1;
        int lo = i + 1 < s.length ? Character.digit(s[i + 1], 16) : -1;
        if (hi < 0 || lo < 0) {
            throw PyError.value("invalid \\x escape at position " + start);
        }
        out.write(hi * 16 + lo);
        return i + 2;
    }

    private static int octalEscape(byte[] s, int i, ByteArrayOutputStream out) {
        int value = 0;
        int end = Math.min(i + 3, s.length);
        while (i < end && s[i] >= '0' && s[i] <= '7') {
            value = value * 8 + (s[i++] - '0');
        }
        out.write(value & 0xff);  // CPython 3.11 keeps the low byte of \400..\777
        return i;
    }

    /** Checks the bytes are ASCII and returns them as a String, as {@code bytes.decode("ascii")} does. */
    static String ascii(byte[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                throw new PyError("UnicodeDecodeError", "'ascii' codec can't decode byte 0x"
                        + hex2(s[i]) + " in position " + i + ": ordinal not in range(128)");
            }
        }
        return latin1(s, 0, s.length);
    }

    static String latin1(byte[] s, int from, int to) {
        char[] chars = new char[to - from];
        for (int i = from; i < to; i++) {
            chars[i - from] = (char) (s[i] & 0xff);
        }
        return new String(chars);
    }

    /**
     * {@code str(data, 'raw-unicode-escape')}: bytes are Latin-1 except {@code \}{@code uXXXX} and
     * {@code \}{@code UXXXXXXXX}, which count only after an odd run of backslashes.
     */
    static String rawUnicodeEscape(byte[] s) {
        StringBuilder out = new StringBuilder(s.length);
        int i = 0;
        while (i < s.length) {
            if (s[i] != '\\') {
                out.append((char) (s[i++] & 0xff));
                continue;
            }
            int run = i;
            while (i < s.length && s[i] == '\\') {
                out.append('\\');
                i++;
            }
            boolean odd = ((i - run) & 1) == 1;
            if (!odd || i >= s.length || (s[i] != 'u' && s[i] != 'U')) {
                continue;
            }
            out.setLength(out.length() - 1);  // that last backslash starts the escape
            i = unicodeEscape(s, i - 1, out);
        }
        return out.toString();
    }

    private static int unicodeEscape(byte[] s, int start, StringBuilder out) {
        boolean shortForm = s[start + 1] == 'u';
        int count = shortForm ? 4 : 8;
        int i = start + 2;
        long cp = 0;
        for (; count > 0; count--, i++) {
            int d = i < s.length ? Character.digit(s[i], 16) : -1;
            if (d < 0) {
                throw rawEscapeError(start, i, shortForm ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
            }
            cp = cp * 16 + d;
        }
        if (cp > Character.MAX_CODE_POINT) {
            throw rawEscapeError(start, i, "\\Uxxxxxxxx out of range");
        }
        out.appendCodePoint((int) cp);
        return i;
    }

    private static PyError rawEscapeError(int start, int end, String reason) {
        return decodeError("rawunicodeescape", null, start, end, reason);
    }

    /** {@code str(data, 'utf-8', 'surrogatepass')}, with CPython's decoder's error ranges and reasons. */
    static String utf8SurrogatePass(byte[] s) {
        StringBuilder out = new StringBuilder(s.length);
        int i = 0;
        while (i < s.length) {
            int b = s[i] & 0xff;
            if (b < 0x80) {
                out.append((char) b);
                i++;
            } else {
                i = utf8Sequence(s, i, out);
            }
        }
        return out.toString();
    }

    private static int utf8Sequence(byte[] s, int i, StringBuilder out) {
        int b = s[i] & 0xff;
        int need;
        int lo = 0x80;
        int hi = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            need = 1;
        } else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            lo = b == 0xe0 ? 0xa0 : 0x80;
            hi = b == 0xed ? 0x9f : 0xbf;  // ED A0..BF would be a surrogate: surrogatepass may take it
        } else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            lo = b == 0xf0 ? 0x90 : 0x80;
            hi = b == 0xf4 ? 0x8f : 0xbf;
        } else {
            throw utf8Error(s, i, i + 1, "invalid start byte");
        }
        int cp = b & (0x3f >> need);
        for (int k = 1; k <= need; k++) {
            if (i + k >= s.length) {
                return utf8Surrogate(s, i, out, i, s.length, "unexpected end of data");
            }
            int c = s[i + k] & 0xff;
            boolean ok = k == 1 ? c >= lo && c <= hi : c >= 0x80 && c <= 0xbf;
            if (!ok) {
                return utf8Surrogate(s, i, out, i, i + k, "invalid continuation byte");
            }
            cp = (cp << 6) | (c & 0x3f);
        }
        out.appendCodePoint(cp);
        return i + need + 1;
    }

    /** The surrogatepass handler: an encoded surrogate (ED A0..BF 80..BF) decodes; anything else fails. */
    private static int utf8Surrogate(byte[] s, int i, StringBuilder out, int start, int end, String reason) {
        if (i + 2 < s.length && (s[i] & 0xff) == 0xed && (s[i + 1] & 0xe0) == 0xa0 && (s[i + 2] & 0xc0) == 0x80) {
            out.append((char) (0xd000 | ((s[i + 1] & 0x3f) << 6) | (s[i + 2] & 0x3f)));
            return i + 3;
        }
        throw utf8Error(s, start, end, reason);
    }

    private static PyError utf8Error(byte[] s, int start, int end, String reason) {
        return decodeError("utf-8", s, start, end, reason);
    }

    private static PyError decodeError(String codec, byte[] s, int start, int end, String reason) {
        String where = end - start == 1 && s != null
                ? "byte 0x" + hex2(s[start]) + " in position " + start
                : "bytes in position " + start + "-" + (end - 1);
        return new PyError("UnicodeDecodeError", "'" + codec + "' codec can't decode " + where + ": " + reason);
    }

    private static String hex2(byte b) {
        String h = Integer.toHexString(b & 0xff);
        return h.length() == 1 ? "0" + h : h;
    }
}
