package dev.picklewire.internal.reader;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Text to Latin-1 bytes at copy speed, for {@code _codecs.encode(text, 'latin1')} (how protocols 0-2 write
 * bytes, so a 100 MB bytes object arrives as a 100 MB str to encode).
 *
 * <p>{@code String.getBytes(ISO_8859_1)} is an intrinsic copy, but it writes {@code '?'} for any char above
 * U+00FF (and one {@code '?'} for a whole surrogate pair). So the result is exact when it is as long as the
 * text and every {@code '?'} in it stands for a {@code '?'} in the text; the scan for {@code '?'} reads eight
 * bytes at a time.
 */
final class Latin1 {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUESTION_MARKS = 0x3f3f3f3f3f3f3f3fL;

    private Latin1() {
    }

    /** {@code text} as Latin-1 bytes, or null if some char is above U+00FF (the caller words the error). */
    static byte[] encode(String text) {
        byte[] out = text.getBytes(StandardCharsets.ISO_8859_1);
        if (out.length != text.length()) {
            return null;
        }
        int i = 0;
        for (; i + 8 <= out.length; i += 8) {
            long x = (long) LONG_LE.get(out, i) ^ QUESTION_MARKS; // a zero byte where there was a '?'
            if (((x - ONES) & ~x & HIGHS) != 0 && !questionMarksMatch(out, text, i, i + 8)) {
                return null;
            }
        }
        return questionMarksMatch(out, text, i, out.length) ? out : null;
    }

    private static boolean questionMarksMatch(byte[] out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (out[i] == '?' && text.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }
}
