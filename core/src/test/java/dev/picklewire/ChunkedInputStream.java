package dev.picklewire;

import java.io.InputStream;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Test support: an in-memory stream that hands its bytes out in chunks chosen by a rule, the way a socket
 * delivers them. It serves the decoder tests' "one byte per read" input shape, fixed-step trickles and
 * seeded random chunking, and counts what it has handed out ({@link #position()}), so a test can check
 * that a reader stopped exactly where it should. {@code available()} is always 0, as on a slow socket.
 * Not thread-safe.
 */
public final class ChunkedInputStream extends InputStream {
    private final byte[] data;
    private final IntSupplier chunkSize;
    private int position;

    /** Each read returns at most {@code chunkSize.getAsInt()} bytes (at least 1 is asked of it). */
    public ChunkedInputStream(byte[] data, IntSupplier chunkSize) {
        this.data = Objects.requireNonNull(data, "data");
        this.chunkSize = Objects.requireNonNull(chunkSize, "chunkSize");
    }

    /** At most one byte per read call. */
    public static ChunkedInputStream oneByte(byte[] data) {
        return new ChunkedInputStream(data, () -> 1);
    }

    /** At most {@code step} bytes per read call. */
    public static ChunkedInputStream step(byte[] data, int step) {
        return new ChunkedInputStream(data, () -> step);
    }

    /** Reads of 1 to {@code maxChunk} bytes, drawn from {@code random}. */
    public static ChunkedInputStream random(byte[] data, Random random, int maxChunk) {
        return new ChunkedInputStream(data, () -> 1 + random.nextInt(maxChunk));
    }

    /** How many bytes have been handed out. */
    public int position() {
        return position;
    }

    @Override
    public int read() {
        return position < data.length ? data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, data.length - position), Math.max(1, chunkSize.getAsInt()));
        System.arraycopy(data, position, b, off, n);
        position += n;
        return n;
    }
}
