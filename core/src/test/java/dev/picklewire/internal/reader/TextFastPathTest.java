package dev.picklewire.internal.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reader's fast text paths against their exact counterparts: {@link Utf8#decode} (JDK decoder checked
 * for U+FFFD, branch-free Latin-1 decoder) against {@link Utf8#decodeExact}, and {@link Latin1#encode}
 * against a char-by-char encoder. Seeded; the seed is in every failure message.
 */
class TextFastPathTest {
    private static final long SEED = 20261125L;
    private static final byte[] ODD_BYTES = {'a', '?', (byte) 0xc2, (byte) 0xc3, (byte) 0x80, (byte) 0xbf,
        (byte) 0xa9, (byte) 0xc4, (byte) 0xed, (byte) 0xa0, (byte) 0xe0, (byte) 0xf0, (byte) 0x90, (byte) 0xef,
        (byte) 0xbd, (byte) 0xff};

    @Test
    void utf8FastPathsAgreeWithTheExactDecoder() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int it = 0; it < 20_000; it++) {
            byte[] data = randomUtf8ish(rnd);
            int from = data.length == 0 ? 0 : rnd.nextInt(Math.min(4, data.length + 1));
            int length = data.length - from;
            assertThat(outcome(() -> Utf8.decode(data, from, length)))
                    .as("seed %d iteration %d bytes %s", SEED, it, Arrays.toString(data))
                    .isEqualTo(outcome(() -> Utf8.decodeExact(data, from, length)));
        }
    }

    @Test
    void latin1EncodeAgreesWithCharByChar() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int it = 0; it < 20_000; it++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(40);
            int top = rnd.nextInt(4) == 0 ? 0x11000 : 0x100;
            for (int i = 0; i < n; i++) {
                sb.appendCodePoint(rnd.nextInt(5) == 0 ? '?' : rnd.nextInt(top));
            }
            String text = sb.toString();
            byte[] expected = new byte[text.length()];
            boolean encodable = true;
            for (int i = 0; i < text.length(); i++) {
                encodable &= text.charAt(i) <= 0xff;
                expected[i] = (byte) text.charAt(i);
            }
            byte[] got = Latin1.encode(text);
            assertThat(got).as("seed %d iteration %d text %s", SEED, it, text).isEqualTo(encodable ? expected : null);
        }
    }

    private static byte[] randomUtf8ish(SplittableRandom rnd) {
        int n = rnd.nextInt(4) == 0 ? 256 + rnd.nextInt(600) : rnd.nextInt(300);
        int shape = rnd.nextInt(5);
        if (shape == 0) { // arbitrary bytes from a set that makes every kind of error likely
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = ODD_BYTES[rnd.nextInt(ODD_BYTES.length)];
            }
            return b;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = switch (shape) {
                case 1 -> rnd.nextInt(0x100); // Latin-1 range: ASCII and C2/C3 pairs
                case 2 -> rnd.nextInt(10) == 0 ? 0xe9 : 'a' + rnd.nextInt(26); // mostly ASCII
                case 3 -> rnd.nextInt(0x800);
                default -> rnd.nextInt(0x110000);
            };
            sb.appendCodePoint(Character.isSurrogate((char) c) && c < 0x10000 ? 'x' : c);
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (b.length > 0 && rnd.nextInt(3) == 0) { // one damaged byte: invalid UTF-8, a surrogate, or U+FFFD
            b[rnd.nextInt(b.length)] = ODD_BYTES[rnd.nextInt(ODD_BYTES.length)];
        }
        if (b.length > 0 && rnd.nextInt(5) == 0) {
            b = Arrays.copyOf(b, b.length - 1); // cut inside a sequence, sometimes
        }
        return b;
    }

    private interface Decode {
        String run() throws Utf8.InvalidUtf8;
    }

    private static String outcome(Decode d) {
        try {
            return "ok:" + d.run();
        } catch (Utf8.InvalidUtf8 e) {
            return "error:" + e.getMessage();
        }
    }
}
