package dev.picklewire.internal.writer;

import dev.picklewire.PicklingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The pickler's output: a growable {@code byte[]} with protocol 4's framing done the way CPython's
 * {@code _Pickler_Write}/{@code _Pickler_CommitFrame} do it, plus references to the large payloads.
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
 * {@code _Pickler_write_bytes} does. They are not copied into the buffer: the buffer remembers where each one
 * goes (a segment), and {@link #finish} hands both over as a {@link SegmentedPickle}, which copies each
 * payload once (into the final array) or writes it straight from its array. The array comes from the
 * pickler's {@link WriterPool} and goes back there ({@link #release}). Not thread-safe; one per dump.
 */
final class OutputBuffer {
    static final int FRAME_SIZE_TARGET = 64 * 1024;
    private static final int FRAME_SIZE_MIN = 4;
    private static final int FRAME_HEADER_SIZE = 9;
    private static final byte FRAME = (byte) 0x95;
    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    /** The most {@link #expect} reserves at once. */
    private static final long EXPECT_MAX = 64L << 20;
    /** What {@link #finish} passes when no payload was kept by reference (never added to: only read). */
    private static final SegmentedPickle.Segments NO_SEGMENTS = new SegmentedPickle.Segments();

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int len;
    private boolean framing;
    private int frameStart = -1;
    /**
     * A write of n bytes takes the fast path when {@code n <= writeLimit - len}: the buffer's length while the
     * bytes can go straight in, -1 while framing waits for a frame to be opened. Derived from the fields
     * above by {@link #refreshLimits} after every change to them, so each write tests one bound, not three.
     */
    private int writeLimit;
    /** {@link #opcodeBoundary} commits the open frame once {@code len} reaches this (MAX_VALUE: no frame open). */
    private int commitAt = Integer.MAX_VALUE;
    /** Total bytes of the pickle so far, segments included (a long: segments may pass 2 GiB in all). */
    private long segmentBytes;
    /** The large payloads kept by reference; null until the first (most pickles have none). */
    private SegmentedPickle.Segments segments;
    /** Scratch for {@link #writeUtf8}: a string's chars, reused from string to string. */
    private char[] chars;

    /** A buffer writing into {@code initial} (from {@link WriterPool}: its old bytes are overwritten, never read). */
    OutputBuffer(byte[] initial) {
        buf = initial;
        refreshLimits();
    }

    private void refreshLimits() {
        boolean waitingForFrame = framing && frameStart < 0;
        writeLimit = waitingForFrame ? -1 : buf.length;
        commitAt = frameStart < 0 ? Integer.MAX_VALUE
                : (int) Math.min(Integer.MAX_VALUE, (long) frameStart + FRAME_HEADER_SIZE + FRAME_SIZE_TARGET);
    }

    /** Starts framing: every later write lands inside a frame (protocol 4 and up, after PROTO). */
    void startFraming() {
        framing = true;
        refreshLimits();
    }

    /** Makes room for {@code n} more bytes, opening a frame first if one is due; returns the write index. */
    private int reserve(int n) {
        if (n > writeLimit - len) {
            reserveSlow(n);
        }
        int at = len;
        len += n;
        return at;
    }

    private void reserveSlow(int n) {
        if (framing && frameStart < 0) {
            openFrame(n);
        } else if (buf.length - len < n) {
            grow(n);
        }
        refreshLimits();
    }

    private void openFrame(int n) {
        if (buf.length - len < n + FRAME_HEADER_SIZE) {
            grow(n + FRAME_HEADER_SIZE);
        }
        frameStart = len;
        len += FRAME_HEADER_SIZE;
    }

    private void grow(int extra) {
        long wanted = Math.max((long) len + extra, (long) buf.length * 2);
        if (wanted > MAX_ARRAY) {
            if ((long) len + extra > MAX_ARRAY) {
                throw new PicklingException("pickle would exceed 2 GiB, more than a Java array holds");
            }
            wanted = MAX_ARRAY;
        }
        buf = Arrays.copyOf(buf, (int) wanted); // reserveSlow, its only caller's caller, refreshes the limits
    }

    /** Bytes in the buffer so far (segments not counted): for measuring what a run of writes took. */
    int position() {
        return len;
    }

    /**
     * Room for about {@code more} further bytes in one step, at most {@link #EXPECT_MAX}: a big container,
     * having measured its first batch, reserves for the rest instead of doubling its way there (each
     * doubling copies everything written so far). A guess too high costs only transient buffer.
     */
    void expect(long more) {
        long room = Math.min(more, EXPECT_MAX);
        if (buf.length - len < room) {
            buf = Arrays.copyOf(buf, (int) Math.min(MAX_ARRAY, len + room));
            refreshLimits();
        }
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
        SHORT_LE.set(buf, at + 1, (short) v);
    }

    /** An opcode and a 4-byte little-endian argument. */
    void writeOpIntLe(int op, int v) {
        int at = reserve(5);
        buf[at] = (byte) op;
        INT_LE.set(buf, at + 1, v);
    }

    /**
     * An int as save_long writes it from protocol 1: BININT1 (0 to 255), BININT2 (256 to 65535) or BININT.
     * Chosen without a branch: random ints would mispredict one nearly every value. The 4-byte argument is
     * always stored; the length then keeps 1, 2 or 4 of its bytes (the rest is overwritten by what follows).
     */
    void writeBinInt(int v) {
        int at = reserve(5);
        int z = Integer.numberOfLeadingZeros(v); // 0 for a negative v: BININT
        byte[] b = buf;
        b[at] = BIN_INT_OP[z];
        INT_LE.set(b, at + 1, v);
        len = at + 1 + BIN_INT_SIZE[z];
    }

    /** By leading zero count: 24 or more fit one unsigned byte, 16 to 23 two, fewer need the signed 4. */
    private static final byte[] BIN_INT_OP = new byte[33];
    private static final byte[] BIN_INT_SIZE = new byte[33];

    static {
        for (int z = 0; z <= 32; z++) {
            BIN_INT_OP[z] = (byte) (z >= 24 ? 'K' : z >= 16 ? 'M' : 'J');
            BIN_INT_SIZE[z] = (byte) (z >= 24 ? 1 : z >= 16 ? 2 : 4);
        }
    }

    /** An opcode and an 8-byte little-endian argument. */
    void writeOpLongLe(int op, long v) {
        int at = reserve(9);
        buf[at] = (byte) op;
        LONG_LE.set(buf, at + 1, v);
    }

    /** An opcode and an 8-byte big-endian argument (BINFLOAT). */
    void writeOpLongBe(int op, long v) {
        int at = reserve(9);
        buf[at] = (byte) op;
        LONG_BE.set(buf, at + 1, v);
    }

    void writeBytes(byte[] b, int off, int n) {
        int at = reserve(n);
        System.arraycopy(b, off, buf, at, n);
    }

    /** Chars known to be below 0x80, one byte each. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exactly "low byte of each char"
    void writeAscii(String s) {
        int n = s.length();
        int at = reserve(n);
        s.getBytes(0, n, buf, at);
    }

    /**
     * A str as CPython's write_utf8 writes it: a header ({@code shortOp} with a 1-byte length when the UTF-8
     * is at most 255 bytes and {@code shortOp} is not 0, else {@code longOp} with a 4-byte length) and the
     * UTF-8 bytes, lone surrogates as their own 3-byte sequences ('surrogatepass'). For strings whose UTF-8
     * cannot reach {@link #FRAME_SIZE_TARGET} (3 bytes per char at most), so the payload stays framed.
     */
    void writeUtf8(String s, int shortOp, int longOp) {
        int n = s.length();
        // The header is guessed from the char count (every char is at least one byte, so more than 255
        // chars is never short); the rare wrong guess (few chars, many bytes) moves the bytes up 3.
        boolean guessShort = shortOp != 0 && n <= 0xff;
        int headerSize = guessShort ? 2 : 5;
        // room for the long header whatever the guess: a wrong short guess moves the bytes up 3
        int at = reserve(5 + 3 * n);
        int start = at + headerSize;
        char[] c = chars;
        if (c == null || c.length < n) {
            c = chars = new char[Math.max(n, c == null ? 32 : c.length * 2)];
        }
        s.getChars(0, n, c, 0);
        byte[] b = buf;
        int i = 0;
        // the ASCII run: one byte per char, no branch but the loop's
        for (; i < n; i++) {
            char ch = c[i];
            if (ch >= 0x80) {
                break;
            }
            b[start + i] = (byte) ch;
        }
        int end = i == n ? start + n : encodeRest(c, i, n, b, start + i);
        int size = end - start;
        if (guessShort && size > 0xff) {
            System.arraycopy(b, start, b, start + 3, size);
            headerSize = 5;
            start += 3;
        }
        if (headerSize == 2) {
            b[at] = (byte) shortOp;
            b[at + 1] = (byte) size;
        } else {
            b[at] = (byte) longOp;
            INT_LE.set(b, at + 1, size);
        }
        len = start + size;
    }

    /** Latin-1 text whose UTF-8 is {@code size} (below FRAME_SIZE_TARGET) bytes, with a 4-byte length header. */
    void writeLatin1AsUtf8(byte[] text, int size, int op) {
        int at = reserve(5 + size);
        byte[] b = buf;
        b[at] = (byte) op;
        INT_LE.set(b, at + 1, size);
        at += 5;
        for (byte x : text) {
            if (x >= 0) {
                b[at++] = x;
            } else {
                b[at++] = (byte) (0xc0 | ((x & 0xff) >> 6));
                b[at++] = (byte) (0x80 | (x & 0x3f));
            }
        }
    }

    /** UTF-8 'surrogatepass' of {@code c[from, n)} into {@code b} at {@code at}; returns the end index. */
    private static int encodeRest(char[] c, int from, int n, byte[] b, int at) {
        for (int i = from; i < n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                b[at++] = (byte) ch;
            } else if (ch < 0x800) {
                b[at++] = (byte) (0xc0 | (ch >> 6));
                b[at++] = (byte) (0x80 | (ch & 0x3f));
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                b[at++] = (byte) (0xf0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                b[at++] = (byte) (0xe0 | (ch >> 12));
                b[at++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (ch & 0x3f));
            }
        }
        return at;
    }

    /**
     * A header then a payload; payloads of {@link #FRAME_SIZE_TARGET} or more bypass framing: the open frame is
     * committed, the header goes out unframed and the payload is kept by reference (a segment), not copied.
     * The caller must not change {@code data} before the pickle is finished and written.
     */
    void writeLarge(byte[] header, int headerLength, byte[] data, int off, int n) {
        if (n < FRAME_SIZE_TARGET) {
            writeBytes(header, 0, headerLength);
            writeBytes(data, off, n);
            return;
        }
        commitFrame();
        boolean wasFraming = framing;
        framing = false;
        refreshLimits();
        writeBytes(header, 0, headerLength);
        framing = wasFraming;
        refreshLimits();
        if (segments == null) {
            segments = new SegmentedPickle.Segments();
        }
        segments.add(len, data, off, n);
        segmentBytes += n;
    }

    /** Called before each value is saved: commits the open frame once it reached the target size. */
    void opcodeBoundary() {
        if (len >= commitAt) { // an open frame of FRAME_SIZE_TARGET bytes or more
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
            LONG_LE.set(buf, frameStart + 1, (long) frameLength);
        } else {
            // a segment never sits inside the open frame (writeLarge commits first), so moving is safe
            System.arraycopy(buf, frameStart + FRAME_HEADER_SIZE, buf, frameStart, frameLength);
            len -= FRAME_HEADER_SIZE;
        }
        frameStart = -1;
        refreshLimits();
    }

    /** The finished pickle in a new exact array (each segment copied once); the buffer stays this one's. */
    byte[] toByteArray() {
        if (segments != null) {
            return finish().toByteArray();
        }
        return Arrays.copyOf(buf, len);
    }

    /**
     * Ends this buffer's use and hands back its array (the last one it grew into) for the next dump. Only once
     * nothing holds the array any more: not after {@link #finish} unless that pickle is dropped.
     */
    byte[] release() {
        byte[] b = buf;
        buf = null;
        return b;
    }

    /**
     * The finished pickle: the buffer's bytes with the segments in their places. A view of this buffer's array,
     * good until {@link #release} (see {@link SegmentedPickle#detached}).
     */
    SegmentedPickle finish() {
        return new SegmentedPickle(buf, len, segments == null ? NO_SEGMENTS : segments, len + segmentBytes);
    }
}
