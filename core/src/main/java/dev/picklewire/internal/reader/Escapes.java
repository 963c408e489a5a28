package dev.picklewire.internal.reader;

import java.io.ByteArrayOutputStream;

/** The two escape syntaxes of protocol 0: Python 2 str literals (STRING) and raw-unicode-escape (UNICODE). */
final class Escapes {
    private Escapes() {
    }

    /** codecs.escape_decode of a quoted literal's inside (chars are latin-1 bytes). */
    static byte[] escapeDecode(String s) throws KnownGlobals.BadValue {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (++i >= n) {
                throw new KnownGlobals.BadValue("Trailing \\ in string");
            }
            c = s.charAt(i);
            switch (c) {
                case '\n': break;
                case '\\': out.write('\\'); break;
                case '\'': out.write('\''); break;
                case '"': out.write('"'); break;
                case 'b': out.write('\b'); break;
                case 'f': out.write('\f'); break;
                case 't': out.write('\t'); break;
                case 'n': out.write('\n'); break;
                case 'r': out.write('\r'); break;
                case 'v': out.write(0x0b); break;
                case 'a': out.write(0x07); break;
                case 'x': {
                    if (i + 2 >= n) {
                        throw new KnownGlobals.BadValue("invalid \\x escape at position " + (i - 1));
                    }
                    int hi = Character.digit(s.charAt(i + 1), 16);
                    int lo = Character.digit(s.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        throw new KnownGlobals.BadValue("invalid \\x escape at position " + (i - 1));
                    }
                    out.write(hi << 4 | lo);
                    i += 2;
                    break;
                }
                default:
                    if (c >= '0' && c <= '7') {
                        int v = c - '0';
                        for (int k = 0; k < 2 && i + 1 < n && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7'; k++) {
                            v = v * 8 + (s.charAt(++i) - '0');
                        }
                        out.write(v & 0xff);
                    } else {
                        // Unknown escapes keep their backslash, as Python 2 and escape_decode do.
                        out.write('\\');
                        out.write(c);
                    }
            }
        }
        return out.toByteArray();
    }

    /** raw-unicode-escape: only \\uXXXX and \\UXXXXXXXX are escapes; every other byte is a latin-1 char. */
    static String rawUnicodeEscapeDecode(byte[] b, int from, int length, PickleReader reader) {
        StringBuilder sb = new StringBuilder(length);
        int end = from + length;
        for (int i = from; i < end; i++) {
            int c = b[i] & 0xff;
            if (c != '\\' || i + 1 >= end || (b[i + 1] != 'u' && b[i + 1] != 'U')) {
                sb.append((char) c);
                continue;
            }
            // An odd run of backslashes before u escapes; an even run is literal backslashes.
            int run = 0;
            for (int k = i - 1; k >= from && b[k] == '\\'; k--) {
                run++;
            }
            if (run % 2 == 1) {
                sb.append('\\');
                continue;
            }
            int digits = b[i + 1] == 'u' ? 4 : 8;
            if (i + 2 + digits > end) {
                throw reader.fail("'rawunicodeescape' codec can't decode bytes: truncated \\" + (char) b[i + 1]
                        + "XXXX escape");
            }
            long cp = 0;
            for (int k = 0; k < digits; k++) {
                int d = Character.digit(b[i + 2 + k], 16);
                if (d < 0) {
                    throw reader.fail("'rawunicodeescape' codec can't decode bytes: truncated \\"
                            + (char) b[i + 1] + "XXXX escape");
                }
                cp = cp << 4 | d;
            }
            if (cp > 0x10ffff) {
                throw reader.fail("'rawunicodeescape' codec can't decode bytes: \\Uxxxxxxxx out of range");
            }
            sb.appendCodePoint((int) cp);
            i += 1 + digits;
        }
        return sb.toString();
    }
}
