package dev.picklewire.net.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.picklewire.ChunkedInputStream;
import dev.picklewire.net.FrameDecoder;
import dev.picklewire.net.FrameException;
import dev.picklewire.net.FrameReader;
import dev.picklewire.net.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the frame layer: streams of valid frames, mutated, fed to {@link FrameDecoder} in
 * random chunks and to {@link FrameReader} through a chunking stream. Both must end with the same payloads and
 * the same failure class (a {@link FrameException}) or none; nothing else may escape. Budget:
 * {@code -Dpicklewire.fuzz.frameExecutions} (default 200,000 under CI=true, 20,000 otherwise).
 */
class FrameFuzzTest {
    private static final Framing FRAMING = Framing.builder().maxFrameSize(1 << 20).build();
    private static final byte[] INTERESTING = {' ', '0', '9', '-', '+', '_', 0, (byte) 0xff, '\n', '.'};

    @Test
    void mutatedFrameStreamsFailOnlyWithFrameExceptions() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        long n = Long.getLong("picklewire.fuzz.frameExecutions", ci ? 200_000 : 20_000);
        long seed = Long.getLong("picklewire.fuzz.seed", new Random().nextLong());
        System.out.println("FrameFuzzTest seed=" + seed + " executions=" + n);
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                Random random = new Random(seed * 0x9E3779B97F4A7C15L + i);
                byte[] input = mutate(random, validStream(random));
                String problem = check(input, random.nextLong());
                assertThat(problem).as("seed=%d iteration=%d input hex: %s", seed, i,
                        HexFormat.of().formatHex(input)).isNull();
            }
            System.out.printf("FrameFuzzTest: %d executions in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        });
    }

    private static byte[] validStream(Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = random.nextInt(4);
        for (int f = 0; f < frames; f++) {
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            out.write(FRAMING.frame(payload, 0, payload.length));
        }
        return out.toByteArray();
    }

    private static byte[] mutate(Random r, byte[] d) {
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            if (d.length == 0) {
                d = new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]};
                continue;
            }
            int at = r.nextInt(d.length);
            switch (r.nextInt(6)) {
                case 0 -> d[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> d[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                case 2 -> d = Arrays.copyOf(d, at);
                case 3 -> {
                    byte[] big = String.valueOf(r.nextBoolean() ? Integer.MAX_VALUE : 9_999_999_999L).getBytes();
                    System.arraycopy(big, 0, d, at, Math.min(big.length, d.length - at));
                }
                case 4 -> {
                    byte[] out = Arrays.copyOf(d, d.length + 1);
                    System.arraycopy(d, at, out, at + 1, d.length - at);
                    out[at] = (byte) r.nextInt(256);
                    d = out;
                }
                default -> d[at] = (byte) r.nextInt(256);
            }
        }
        return d;
    }

    /** Null when decoder and reader agree and only FrameExceptions came out. */
    static String check(byte[] input, long chunkSeed) {
        List<byte[]> fromDecoder = new ArrayList<>();
        String decoderEnd;
        try {
            FrameDecoder decoder = new FrameDecoder(FRAMING);
            Random chunks = new Random(chunkSeed);
            for (int pos = 0; pos < input.length; ) {
                int len = Math.min(input.length - pos, 1 + chunks.nextInt(16));
                fromDecoder.addAll(decoder.feed(input, pos, len));
                pos += len;
            }
            decoder.endOfInput();
            decoderEnd = "clean";
        } catch (FrameException e) {
            decoderEnd = e.getClass().getSimpleName();
        } catch (Throwable t) {
            return "FrameDecoder threw " + t;
        }
        List<byte[]> fromReader = new ArrayList<>();
        String readerEnd;
        try {
            FrameReader reader = new FrameReader(ChunkedInputStream.random(input, new Random(chunkSeed), 16), FRAMING);
            for (byte[] p; (p = reader.readFrame()) != null; ) {
                fromReader.add(p);
            }
            readerEnd = "clean";
        } catch (FrameException e) {
            readerEnd = e.getClass().getSimpleName();
        } catch (Throwable t) {
            return "FrameReader threw " + t;
        }
        // The decoder hands out every frame completed before a failure, as the reader does: both must agree.
        if (!decoderEnd.equals(readerEnd) || fromDecoder.size() != fromReader.size()) {
            return "decoder ended " + decoderEnd + " after " + fromDecoder.size() + " frames, reader " + readerEnd
                    + " after " + fromReader.size();
        }
        for (int i = 0; i < fromDecoder.size(); i++) {
            if (!Arrays.equals(fromDecoder.get(i), fromReader.get(i))) {
                return "frame " + i + " differs between decoder and reader";
            }
        }
        return null;
    }

}
