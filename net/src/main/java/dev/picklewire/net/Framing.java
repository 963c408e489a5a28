package dev.picklewire.net;


/**
 * The tutorial's length-prefixed framing, as settings and the header codec: bytes in, frames out, nothing
 * about pickles.
 *
 * <pre>
 *   one frame, header size 10 (the default), payload of 33 bytes: 43 bytes on the wire
 *
 *   +---+---+---+---+---+---+---+---+---+---+-----------------------------------+
 *   |'3'|'3'|' '|' '|' '|' '|' '|' '|' '|' '|  payload: 33 bytes (a pickle)     |
 *   +---+---+---+---+---+---+---+---+---+---+-----------------------------------+
 *   |&lt;-------------- header -------------&gt;|
 *     decimal length of the payload, ASCII,
 *     left-justified, padded with spaces      Python: bytes(f"{len(msg):&lt;10}", "utf-8")
 *
 *   frames follow each other with nothing in between; the stream may end only between frames.
 * </pre>
 *
 * <p><b>Writing</b> always produces the canonical header above: the length in ASCII decimal, no sign, no
 * leading zero, left-justified, padded with spaces; a length with more digits than the header holds is
 * refused ({@link FrameTooLargeException}).
 *
 * <p><b>Reading</b> is strict, more so than Python's {@code int()}, which the tutorial's client uses:
 * <ul>
 *   <li>accepted: ASCII spaces (0x20) before and after the digits (so right-justified headers too), and
 *       leading zeros ({@code 0000000033});</li>
 *   <li>rejected, before any payload byte is read, with {@link BadFrameHeaderException}: a sign
 *       ({@code +33}, {@code -0}), an underscore ({@code 3_3}), any other whitespace (tab, CR, LF), any
 *       non-ASCII byte (including the Unicode digits Python accepts), a space between digits, and a header
 *       with no digit at all (empty or all spaces);</li>
 *   <li>a length over {@link #maxFrameSize()} is refused with {@link FrameTooLargeException} before any
 *       payload memory is allocated.</li>
 * </ul>
 * A zero-length frame is legal framing (whether its empty payload means anything is the caller's business).
 *
 * <p>Defaults: header size {@value #DEFAULT_HEADER_SIZE}, maximum frame size 64 MiB. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Framing framing = Framing.builder().headerSize(16).maxFrameSize(1 << 20).build();
 * FrameWriter writer = new FrameWriter(socket.getOutputStream(), framing);
 * }</pre>
 */
public final class Framing {
    /** The tutorial's {@code HEADERSIZE}. */
    public static final int DEFAULT_HEADER_SIZE = 10;
    /** 64 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 64 << 20;
    /** Longest header allowed: 18 digits still fit in a {@code long} without overflow checks. */
    public static final int MAX_HEADER_SIZE = 18;

    private static final Framing DEFAULTS = builder().build();

    private final int headerSize;
    private final int maxFrameSize;
    private final boolean trustDeclaredLengths;
    private final long maxEncodableLength;

    private Framing(Builder b) {
        this.headerSize = b.headerSize;
        this.maxFrameSize = b.maxFrameSize;
        this.trustDeclaredLengths = b.trustDeclaredLengths;
        this.maxEncodableLength = tenToThe(headerSize) - 1;
    }

    /** The tutorial's framing: 10-byte header, 64 MiB maximum. */
    public static Framing defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int headerSize() {
        return headerSize;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Whether readers allocate a frame's payload when its header arrives (see {@link Builder#trustDeclaredLengths}). */
    public boolean trustDeclaredLengths() {
        return trustDeclaredLengths;
    }

    /**
     * The whole frame for {@code payload[off, off + len)}: header and payload in one array, so it goes out in
     * one write (the tutorial's client expects the header in its first 16-byte {@code recv}).
     */
    public byte[] frame(byte[] payload, int off, int len) throws FrameTooLargeException {
        byte[] frame = new byte[headerSize + len];
        writeHeader(len, frame);
        System.arraycopy(payload, off, frame, headerSize, len);
        return frame;
    }

    /** The canonical header for a payload of {@code length} bytes. */
    public byte[] header(int length) throws FrameTooLargeException {
        byte[] header = new byte[headerSize];
        writeHeader(length, header);
        return header;
    }

    private void writeHeader(int length, byte[] out) throws FrameTooLargeException {
        putHeader(length, out, 0);
    }

    /**
     * Writes the canonical header for {@code length} into {@code out[off, off + headerSize)} without
     * allocating (the send path calls it once per message); refuses a length the header cannot hold.
     */
    void putHeader(long length, byte[] out, int off) throws FrameTooLargeException {
        checkEncodable(length);
        int digits = 1;
        for (long v = length; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = off + digits; i < off + headerSize; i++) {
            out[i] = ' ';
        }
        long v = length;
        for (int i = off + digits - 1; i >= off; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Refuses a payload length the header cannot hold, before anything is written. */
    void checkEncodable(long length) throws FrameTooLargeException {
        if (length < 0 || length > maxEncodableLength) {
            throw lengthDoesNotFit(length);
        }
    }

    /**
     * Parses a complete header {@code h[off, off + headerSize)} into the payload length, or throws naming
     * the frame and offset. The grammar, byte by byte:
     * <pre>
     *   header = SP* DIGIT+ SP*        exactly headerSize bytes; SP = 0x20, DIGIT = 0x30..0x39
     * </pre>
     */
    int parseHeader(byte[] h, int off, long frameNumber, long offset) throws FrameException {
        int i = off;
        int end = off + headerSize;
        while (i < end && h[i] == ' ') {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < end && isDigit(h[i])) {
            // At most MAX_HEADER_SIZE (18) digits: cannot overflow a long.
            value = value * 10 + (h[i] - '0');
            i++;
        }
        if (i == digitsStart) {
            throw badHeader(h, off, i, frameNumber, offset, i == end ? "no digits" : null);
        }
        while (i < end && h[i] == ' ') {
            i++;
        }
        if (i != end) {
            throw badHeader(h, off, i, frameNumber, offset, null);
        }
        if (value > maxFrameSize) {
            throw tooLarge(value, frameNumber, offset);
        }
        return (int) value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private BadFrameHeaderException badHeader(byte[] h, int off, int at, long frameNumber, long offset,
            String noDigits) {
        String found = noDigits != null ? noDigits
                : BytesLiteral.of(h, at, 1) + " at header byte " + (at - off);
        return new BadFrameHeaderException("bad header " + BytesLiteral.of(h, off, headerSize) + ": " + found
                + " (expected an ASCII decimal length, padded with spaces, in " + headerSize + " bytes)",
                frameNumber, offset);
    }

    private FrameTooLargeException tooLarge(long value, long frameNumber, long offset) {
        return new FrameTooLargeException("declared length " + value + " exceeds the maximum frame size "
                + maxFrameSize + " (raise it with Framing.Builder.maxFrameSize)", frameNumber, offset);
    }

    private FrameTooLargeException lengthDoesNotFit(long length) {
        return new FrameTooLargeException("cannot frame " + length + " bytes: the length does not fit in a "
                + headerSize + "-byte header (most is " + maxEncodableLength + ")", 0, -1);
    }

    private static long tenToThe(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    @Override
    public String toString() {
        return "Framing[headerSize=" + headerSize + ", maxFrameSize=" + maxFrameSize
                + (trustDeclaredLengths ? ", trustDeclaredLengths" : "") + "]";
    }

    /** Builds a {@link Framing}. Not thread-safe. */
    public static final class Builder {
        private int headerSize = DEFAULT_HEADER_SIZE;
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private boolean trustDeclaredLengths;

        private Builder() {
        }

        /** Header length in bytes, 1 to {@value Framing#MAX_HEADER_SIZE}; both ends must agree. */
        public Builder headerSize(int bytes) {
            if (bytes < 1 || bytes > MAX_HEADER_SIZE) {
                throw new IllegalArgumentException("headerSize must be 1.." + MAX_HEADER_SIZE + ", got " + bytes);
            }
            this.headerSize = bytes;
            return this;
        }

        /** Largest payload accepted on read, in bytes; positive, at most {@code Integer.MAX_VALUE - 8}. */
        public Builder maxFrameSize(int bytes) {
            if (bytes <= 0 || bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxFrameSize must be 1.." + (Integer.MAX_VALUE - 8)
                        + ", got " + bytes);
            }
            this.maxFrameSize = bytes;
            return this;
        }

        /**
         * Off by default: a reader allocates a frame's payload as its bytes arrive (and a pickle read from a
         * frame stages a large argument until half of it has arrived), so a peer that declares a big frame
         * and sends little costs little memory. On: the payload, or a pickle argument the frame can hold,
         * gets its array as soon as its length is read, saving a copy of half of it; for trusted peers
         * moving large payloads. A peer can then make a reader hold {@link #maxFrameSize} bytes per connection
         * without sending them.
         */
        public Builder trustDeclaredLengths(boolean trust) {
            this.trustDeclaredLengths = trust;
            return this;
        }

        public Framing build() {
            return new Framing(this);
        }
    }
}
