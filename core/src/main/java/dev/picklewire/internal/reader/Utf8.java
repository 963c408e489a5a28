package dev.picklewire.internal.reader;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding with CPython's {@code 'surrogatepass'} error handler, as the unpickler decodes BINUNICODE.
 *
 * <p>Java's decoder replaces an encoded lone surrogate (ED A0..BF xx) with U+FFFD; Python pickles strings
 * containing lone surrogates exactly that way, so they must come back as the lone {@code char}. The fast
 * path is the JDK's decoder, checked; the slow path decodes by hand and reports the first truly invalid byte.
 */
final class Utf8 {
    // Texts this long that start like Latin-1 text try the Latin-1 decoder first (see decodeLatin1).
    private static final int LATIN1_TRY = 256;

    private Utf8() {
    }

    /** Decodes {@code data[from, from + length)}, or throws with CPython's message for invalid UTF-8. */
    static String decode(byte[] data, int from, int length) throws InvalidUtf8 {
        if (length >= LATIN1_TRY && startsLikeLatin1(data, from)) {
            String s = decodeLatin1(data, from, length);
            if (s != null) {
                return s;
            }
        }
        // The JDK's decoder is intrinsic-backed (an ASCII scan, then Latin-1 or UTF-16 output without a char[]
        // detour). On valid UTF-8 without encoded surrogates it decodes exactly as surrogatepass does; anything
        // else it replaces with U+FFFD, so a U+FFFD in its output (possibly a genuine EF BF BD) sends the bytes to
        // the exact decoder, which also words the errors. A Latin-1 result cannot hold U+FFFD: that check is free.
        String s = new String(data, from, length, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        int end = from + length;
        int i = from;
        while (data[i] >= 0) {
            i++; // a U+FFFD came from some byte >= 0x80, so this stops inside the range
        }
        return decodeSlow(data, from, end, i);
    }

    /**
     * UTF-8 whose code points are all below U+0100 (ASCII plus C2/C3 pairs, as in the str of bytes that
     * protocols 0-2 pickle for {@code bytes}), decoded without a data-dependent branch: the JDK's decoder
     * mispredicts on every pair in such text (several times slower). Every input byte is looked at once; a
     * continuation byte writes a slot that the next char overwrites. Null, after at most one more block, once
     * some byte falls outside this shape (the caller then takes the general path).
     *
     * <pre>
     *   0xxxxxxx            -> 0xxxxxxx
     *   1100001a 10bbbbbb   -> 1abbbbbb     (lead C2 or C3, then exactly one continuation byte)
     * </pre>
     */
    /**
     * Whether the first LATIN1_TRY bytes hold a C2/C3 lead: text that is worth the Latin-1 decoder. Pure ASCII
     * (which the JDK copies far faster) and other scripts go straight to the JDK's decoder.
     */
    private static boolean startsLikeLatin1(byte[] data, int from) {
        for (int i = from; i < from + LATIN1_TRY; i++) {
            if ((data[i] & 0xfe) == 0xc2) {
                return true;
            }
        }
        return false;
    }

    private static String decodeLatin1(byte[] data, int from, int length) {
        // Two halves decoded in one loop: each step's position depends on the byte it reads, so one chain
        // waits on its loads; two independent chains overlap them. The second half starts at a char boundary
        // and writes after room for the first half's output (never more bytes than it read), then moves down.
        int end = from + length;
        int mid = from + length / 2;
        if (data[mid] >> 6 == -2) {
            mid++; // Latin-1 text has one continuation after each lead, so the next byte starts a char
        }
        if (mid >= end - 1 || data[mid] >> 6 == -2) {
            return null;
        }
        byte[] out = new byte[length];
        int last = end - 1; // the steps read data[k + 1], so the second half stops before the last byte
        int i = from;
        int na = 0;
        int j = mid;
        int nb = mid - from;
        int bad = 0;
        while (bad == 0 && (i < mid || j < last)) {
            int stopA = Math.min(mid, i + 4096);
            int stopB = Math.min(last, j + 4096);
            while (i < stopA || j < stopB) {
                if (i < stopA) {
                    int b = data[i];
                    int lead = (b & 0xfe) == 0xc2 ? 1 : 0;
                    int next = data[i + lead]; // b itself when it is not a lead
                    out[na++] = (byte) (next | (b & lead) << 6);
                    bad |= (b >>> 31) & (lead ^ 1); // a byte >= 0x80 that is not C2/C3 (a stray continuation too)
                    bad |= -lead & ((next >> 6) ^ -2); // after a lead, not 10xxxxxx (sign-extended: >> 6 is -2)
                    i += 1 + lead;
                }
                if (j < stopB) {
                    int b = data[j];
                    int lead = (b & 0xfe) == 0xc2 ? 1 : 0;
                    int next = data[j + lead];
                    out[nb++] = (byte) (next | (b & lead) << 6);
                    bad |= (b >>> 31) & (lead ^ 1);
                    bad |= -lead & ((next >> 6) ^ -2);
                    j += 1 + lead;
                }
            }
        }
        if (bad != 0) {
            return null; // also when the first half's last lead ran into mid, which is no continuation
        }
        if (j == last) { // a last byte not taken by a pair must be ASCII
            if (data[last] < 0) {
                return null;
            }
            out[nb++] = data[last];
        }
        System.arraycopy(out, mid - from, out, na, nb - (mid - from));
        return new String(out, 0, na + nb - (mid - from), StandardCharsets.ISO_8859_1);
    }

    /** The exact decoder alone, without the fast paths: the oracle the fast paths are tested against. */
    static String decodeExact(byte[] data, int from, int length) throws InvalidUtf8 {
        return decodeSlow(data, from, from + length, from);
    }

    private static String decodeSlow(byte[] data, int from, int end, int firstNonAscii) throws InvalidUtf8 {
        char[] out = new char[end - from];
        int n = 0;
        for (int i = from; i < firstNonAscii; i++) {
            out[n++] = (char) data[i];
        }
        int i = firstNonAscii;
        while (i < end) {
            int b = data[i] & 0xff;
            if (b < 0x80) {
                out[n++] = (char) b;
                i++;
            } else if (b >= 0xc2 && b <= 0xdf) {
                int b1 = cont(data, i, 1, end, 0x80, 0xbf, from);
                out[n++] = (char) (((b & 0x1f) << 6) | (b1 & 0x3f));
                i += 2;
            } else if (b >= 0xe0 && b <= 0xef) {
                // E0 needs A0..BF (no overlongs); ED A0..BF are the surrogates that surrogatepass lets through.
                int lo = b == 0xe0 ? 0xa0 : 0x80;
                int b1 = cont(data, i, 1, end, lo, 0xbf, from);
                int b2 = cont(data, i, 2, end, 0x80, 0xbf, from);
                out[n++] = (char) (((b & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f));
                i += 3;
            } else if (b >= 0xf0 && b <= 0xf4) {
                int lo = b == 0xf0 ? 0x90 : 0x80;
                int hi = b == 0xf4 ? 0x8f : 0xbf;
                int b1 = cont(data, i, 1, end, lo, hi, from);
                int b2 = cont(data, i, 2, end, 0x80, 0xbf, from);
                int b3 = cont(data, i, 3, end, 0x80, 0xbf, from);
                int cp = ((b & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                throw new InvalidUtf8(b, i - from, "invalid start byte");
            }
        }
        return new String(out, 0, n);
    }

    private static int cont(byte[] data, int start, int k, int end, int lo, int hi, int from) throws InvalidUtf8 {
        if (start + k >= end) {
            throw new InvalidUtf8(data[start] & 0xff, start - from, "unexpected end of data");
        }
        int b = data[start + k] & 0xff;
        if (b < lo || b > hi) {
            throw new InvalidUtf8(data[start] & 0xff, start - from, "invalid continuation byte");
        }
        return b;
    }

    /** A byte sequence that is not UTF-8 even with surrogatepass; the message reads like CPython's. */
    static final class InvalidUtf8 extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidUtf8(int b, int position, String reason) {
            super(String.format("'utf-8' codec can't decode byte 0x%02x in position %d: %s", b, position, reason),
                    null, false, false);
        }
    }
}
