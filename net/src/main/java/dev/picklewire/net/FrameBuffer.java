package dev.picklewire.net;

import java.util.Arrays;

/**
 * One payload being assembled. Grows with the bytes that actually arrive (doubling, capped at the declared
 * length) instead of allocating the declared length up front, so a hostile header costs memory only in
 * proportion to what the peer really sends.
 */
final class FrameBuffer {
    /** Payloads up to this size are allocated at once: small enough that a lie about them costs nothing. */
    private static final int EAGER = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    /** Whether a payload is allocated whole when its length is known ({@link Framing#trustDeclaredLengths}). */
    private final boolean trusted;
    private byte[] buf = EMPTY;
    private int size;
    private int expected;

    FrameBuffer(Framing framing) {
        this.trusted = framing.trustDeclaredLengths();
    }

    /** Ready for a payload of {@code expected} bytes: allocated whole if trusted, else as its bytes arrive. */
    void reset(int expected) {
        this.expected = expected;
        this.size = 0;
        this.buf = expected == 0 ? EMPTY : new byte[trusted ? expected : Math.min(expected, EAGER)];
    }

    int size() {
        return size;
    }

    /** Room to read into without growing; grows first if none is left. */
    byte[] array() {
        ensureRoom();
        return buf;
    }

    int room() {
        ensureRoom();
        return buf.length - size;
    }

    void advance(int n) {
        size += n;
    }

    void append(byte[] src, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, room());
            System.arraycopy(src, off, buf, size, n);
            size += n;
            off += n;
            len -= n;
        }
    }

    /** The finished payload; the buffer forgets it. */
    byte[] take() {
        byte[] out = buf.length == size ? buf : Arrays.copyOf(buf, size);
        buf = EMPTY;
        size = 0;
        return out;
    }

    private void ensureRoom() {
        if (size == buf.length && size < expected) {
            // expected <= Integer.MAX_VALUE - 8, so the doubling is capped before it can overflow.
            int next = (int) Math.min((long) expected, Math.max(EAGER, 2L * buf.length));
            buf = Arrays.copyOf(buf, next);
        }
    }
}
