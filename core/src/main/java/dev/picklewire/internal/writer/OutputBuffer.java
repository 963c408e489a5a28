package dev.picklewire.internal.writer;

import java.util.Arrays;

/**
 * The pickler's output: a growable {@code byte[]} with protocol 4's framing done the way CPython's
 * {@code _Pickler_Write}/{@code _Pickler_CommitFrame} do it.
 *
 * <pre>
 *   with framing on, the first write after a commit reserves a 9-byte header:
 *   +------+---------------------+----------------------------+
 *   | 0x95 | frame length, u64le | opcodes ...                |
 *   +------+---------------------+----------------------------+
 *   a frame is committed at an opcode boundary once it holds 64 KiB or more; a frame of fewer than
 *   4 bytes loses its header (the bytes move down), as _FRAME_SIZE_MIN says.
 * </pre>
 *
 * <p>Payloads of 64 KiB or more are written unframed between frames ({@link #writeLarge}), as
 * {@code _Pickler_write_bytes} does. Not thread-safe; one per dump.
 */
final class OutputBuffer {
    static final int FRAME_SIZE_TARGET = 64 * 1024;
    private static final int FRAME_SIZE_MIN = 4;
    private static final int FRAME_HEADER_SIZE = 9;
    private static final byte FRAME = (byte) 0x95;

    private byte[] buf;
    private int len;
    private boolean framing;
    private int frameStart = -1;

    OutputBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Starts framing: every later write lands inside a frame (protocol 4 and up, after PROTO). */
    void startFraming() {
        framing = true;
    }

    /** Makes room for {@code n} more bytes, opening a frame first if one is due; returns the write index. */
    private int reserve(int n) {
        int extra = n;
        boolean newFrame = framing && frameStart < 0;
        if (newFrame) {
            extra += FRAME_HEADER_SIZE;
        }
        if (buf.length - len < extra) {
            grow(extra);
        }
        if (newFrame) {
            frameStart = len;
            len += FRAME_HEADER_SIZE;
        }
        int at = len;
        len += n;
        return at;
    }

    private void grow(int extra) {
        // A large payload gets room for what follows it too (STOP at least): else one more byte would double
        // the buffer and copy the payload again.
        long headroom = extra >= FRAME_SIZE_TARGET ? FRAME_SIZE_TARGET : 0;
        long wanted = Math.max((long) len + extra + headroom, (long) buf.length * 2);
        if (wanted > Integer.MAX_VALUE - 16) {
            if ((long) len + extra > Integer.MAX_VALUE - 16) {
                throw new dev.picklewire.PicklingException("pickle would exceed 2 GiB, more than a Java array holds");
            }
            wanted = Integer.MAX_VALUE - 16;
        }
        buf = Arrays.copyOf(buf, (int) wanted);
    }

    void writeByte(int b) {
        int at = reserve(1);
        buf[at] = (byte) b;
    }

    void write2(int op, int b) {
        int at = reserve(2);
        buf[at] = (byte) op;
        buf[at + 1] = (byte) b;
    }

    /** An opcode and a 2-byte little-endian argument. */
    void writeOpShortLe(int op, int v) {
        int at = reserve(3);
        buf[at] = (byte) op;
        buf[at + 1] = (byte) v;
        buf[at + 2] = (byte) (v >>> 8);
    }

    /** An opcode and a 4-byte little-endian argument. */
    void writeOpIntLe(int op, int v) {
        int at = reserve(5);
        buf[at] = (byte) op;
        putIntLe(buf, at + 1, v);
    }

    /** An opcode and an 8-byte big-endian argument (BINFLOAT). */
    void writeOpLongBe(int op, long v) {
        int at = reserve(9);
        buf[at] = (byte) op;
        for (int i = 0; i < 8; i++) {
            buf[at + 1 + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    void writeBytes(byte[] b, int off, int n) {
        int at = reserve(n);
        System.arraycopy(b, off, buf, at, n);
    }

    /** Chars known to be below 0x80, one byte each. */
    void writeAscii(String s) {
        int n = s.length();
        int at = reserve(n);
        s.getBytes(0, n, buf, at);
    }

    /**
     * A header then a payload; payloads of {@link #FRAME_SIZE_TARGET} or more bypass framing: the open frame is
     * committed and header and payload go out unframed.
     */
    void writeLarge(byte[] header, int headerLength, byte[] data, int off, int n) {
        boolean bypass = n >= FRAME_SIZE_TARGET;
        boolean wasFraming = framing;
        if (bypass) {
            commitFrame();
            framing = false;
        }
        writeBytes(header, 0, headerLength);
        writeBytes(data, off, n);
        framing = wasFraming;
    }

    /** Called before each value is saved: commits the open frame once it reached the target size. */
    void opcodeBoundary() {
        if (frameStart >= 0 && len - frameStart - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET) {
            commitFrame();
        }
    }

    void commitFrame() {
        if (!framing || frameStart < 0) {
            return;
        }
        int frameLength = len - frameStart - FRAME_HEADER_SIZE;
        if (frameLength >= FRAME_SIZE_MIN) {
            buf[frameStart] = FRAME;
            putIntLe(buf, frameStart + 1, frameLength);
            putIntLe(buf, frameStart + 5, 0);
        } else {
            System.arraycopy(buf, frameStart + FRAME_HEADER_SIZE, buf, frameStart, frameLength);
            len -= FRAME_HEADER_SIZE;
        }
        frameStart = -1;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private static void putIntLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
