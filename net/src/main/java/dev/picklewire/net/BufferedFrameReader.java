package dev.picklewire.net;

import dev.picklewire.PickleException;
import dev.picklewire.Unpickler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads frames from a socket through one reusable buffer, filled with as many bytes as each read returns, so
 * one system call serves many small frames. The connection's reader ({@link PickleChannel}); unlike the public
 * {@link FrameReader} it reads ahead, so the stream cannot be handed to anyone else afterwards.
 *
 * <pre>
 *   buf: | consumed | "33        " payload | "33        " payl|  free  |
 *                   ^pos                                     ^lim
 *   a frame whose header and payload are both in buf is decoded where it lies (no copy);
 *   a frame longer than buf is decoded from a stream bounded to its payload, read straight from the socket
 * </pre>
 *
 * <p>Same framing, errors and messages as {@link FrameReader}: the header grammar and the maximum frame size
 * are {@link Framing}'s and are checked before any payload memory is allocated; a stream that ends between
 * frames is a clean end, inside one a {@link TruncatedFrameException}; the pacer's idle and per-frame limits
 * apply to every read (a partial frame waiting in the buffer is "in frame").
 *
 * <p>Not thread-safe: the channel serializes receivers. Does not own the stream.
 */
final class BufferedFrameReader {
    /** What {@link #readObject} returns at a clean end (a received None is null). */
    static final Object END = new Object();
    /** Far above any frame (at most 2^31 bytes), far enough below Long.MAX_VALUE that offset sums cannot overflow. */
    private static final long UNBOUNDED_INPUT = 1L << 62;

    private final InputStream in;
    private final Framing framing;
    private final FrameReader.Pacer pacer;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long frameNumber = 1;
    private long frameOffset;
    private long frameStartNanos;

    BufferedFrameReader(InputStream in, Framing framing, FrameReader.Pacer pacer, int bufferSize) {
        this.in = Objects.requireNonNull(in, "in");
        this.framing = Objects.requireNonNull(framing, "framing");
        this.pacer = pacer;
        this.buf = new byte[Math.max(bufferSize, framing.headerSize())];
    }

    /** The next payload as an exact array, or null if the stream ended cleanly between frames. */
    byte[] readFrame() throws IOException {
        int length = nextHeader();
        if (length < 0) {
            return null;
        }
        byte[] payload;
        if (length <= lim - pos) {
            payload = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
        } else {
            payload = readLongPayload(length);
        }
        endFrame(length);
        return payload;
    }

    /**
     * The next frame's payload unpickled, or {@link #END} at a clean end. A frame that fits the buffer is
     * decoded in place with {@code unpickler}; a longer one with {@code streamUnpickler} (the same settings
     * without the stream input limit: see {@link #forFrames}) through a stream bounded to the frame, and
     * whatever the pickle leaves after STOP is skipped, as {@code loads} ignores it. Either way the whole frame
     * is consumed before this returns or throws a {@link PickleException}, so the next frame can still be read.
     */
    Object readObject(Unpickler unpickler, Unpickler streamUnpickler) throws IOException {
        int length = nextHeader();
        if (length < 0) {
            return END;
        }
        if (length <= buf.length) {
            bufferPayload(length);
            int at = pos;
            pos += length;
            endFrame(length);
            // The bytes stay in buf until the next read, which cannot happen before loads returns.
            return unpickler.loads(buf, at, length);
        }
        Object value = loadLongPayload(streamUnpickler, length);
        endFrame(length);
        return value;
    }

    /**
     * {@code unpickler} for reading a frame's payload as a stream. Its settings all stay, except the input
     * limit: {@code loads(payload)} bounds a pickle by the array it reads (here the frame, already accepted by
     * {@link Framing#maxFrameSize()}), while a stream reader applies {@link dev.picklewire.Limits#maxInputBytes()}.
     * Lifting that limit makes the stream read of a frame fail and succeed exactly where {@code loads} of the
     * same bytes does: a length declared past the frame's end reads to the end of the frame and fails as
     * truncated, and the reader's buffer still grows only with the bytes that actually arrive.
     */
    static Unpickler forFrames(Unpickler unpickler) {
        return unpickler.toBuilder()
                .limits(unpickler.limits().toBuilder().maxInputBytes(UNBOUNDED_INPUT).build())
                .build();
    }

    /** How many frames have been read whole. */
    long framesRead() {
        return frameNumber - 1;
    }

    /** Reads up to a complete header and parses it: the payload length, or -1 at a clean end. */
    private int nextHeader() throws IOException {
        if (pos == lim && !fill(false)) {
            return -1;
        }
        if (pacer.timesFrames()) {
            frameStartNanos = System.nanoTime();
        }
        int h = framing.headerSize();
        if (lim - pos < h) {
            compact();
            while (lim - pos < h) {
                if (!fill(true)) {
                    throw truncated("inside the header after " + (lim - pos) + " of " + h + " bytes ("
                            + BytesLiteral.of(buf, pos, lim - pos) + ")");
                }
            }
        }
        int length = framing.parseHeader(buf, pos, frameNumber, frameOffset);
        pos += h;
        return length;
    }

    /** Makes the whole payload (length <= buf.length) available at buf[pos, pos + length). */
    private void bufferPayload(int length) throws IOException {
        if (buf.length - pos < length) {
            compact();
        }
        while (lim - pos < length) {
            if (!fill(true)) {
                throw truncated("inside the payload after " + (lim - pos) + " of " + length + " bytes");
            }
        }
    }

    /** A payload longer than what is buffered: grows with the bytes that arrive, read straight into it. */
    private byte[] readLongPayload(int length) throws IOException {
        FrameBuffer payload = new FrameBuffer(framing);
        payload.reset(length);
        payload.append(buf, pos, lim - pos);
        pos = lim;
        while (payload.size() < length) {
            int want = Math.min(payload.room(), length - payload.size());
            int n = readSocket(payload.array(), payload.size(), want, true);
            if (n < 0) {
                throw truncated("inside the payload after " + payload.size() + " of " + length + " bytes");
            }
            payload.advance(n);
        }
        return payload.take();
    }

    private Object loadLongPayload(Unpickler unpickler, int length) throws IOException {
        PayloadStream payload = new PayloadStream(length);
        Object value;
        try {
            value = unpickler.load(payload);
        } catch (PickleException e) {
            // loads(frame) would have failed the same way after the whole frame had arrived: consume it, so
            // a truncated frame still reports the truncation and the next frame stays readable.
            try {
                payload.skipRest();
            } catch (IOException frameFailure) {
                frameFailure.addSuppressed(e);
                throw frameFailure;
            }
            throw e;
        }
        payload.skipRest(); // bytes after STOP are ignored, as loads ignores them
        return value;
    }

    private void endFrame(int length) {
        frameOffset += framing.headerSize() + (long) length;
        frameNumber++;
    }

    /** Moves the unread bytes to the front of buf. */
    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
    }

    /** Reads more bytes into buf after lim; false at the end of the stream. */
    private boolean fill(boolean inFrame) throws IOException {
        if (lim == buf.length) {
            compact();
        }
        if (pos == lim) {
            pos = 0;
            lim = 0;
        }
        int n = readSocket(buf, lim, buf.length - lim, inFrame);
        if (n < 0) {
            return false;
        }
        lim += n;
        return true;
    }

    private int readSocket(byte[] b, int off, int len, boolean inFrame) throws IOException {
        return pacer.read(in, b, off, len, inFrame, frameStartNanos, frameNumber, frameOffset);
    }

    private TruncatedFrameException truncated(String where) {
        return new TruncatedFrameException("stream ended " + where, frameNumber, frameOffset);
    }

    /**
     * One long payload as a stream that ends exactly at the frame's end: buffered bytes first, then reads
     * straight from the socket into the caller's array when it asks for a buffer's worth or more (so a large
     * pickle argument goes from the kernel into its final array). The stream ending early is a
     * {@link TruncatedFrameException}, never a quiet -1.
     */
    private final class PayloadStream extends InputStream {
        private final int length;
        private int remaining;

        PayloadStream(int length) {
            this.length = length;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (pos == lim) {
                refill();
            }
            remaining--;
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (remaining == 0) {
                return len == 0 ? 0 : -1;
            }
            int want = Math.min(len, remaining);
            if (want == 0) {
                return 0;
            }
            if (pos == lim) {
                if (want >= buf.length) {
                    int n = readSocket(b, off, want, true);
                    if (n < 0) {
                        throw truncatedPayload();
                    }
                    remaining -= n;
                    return n;
                }
                refill();
            }
            int n = Math.min(want, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            remaining -= n;
            return n;
        }

        /**
         * What is buffered; with {@link Framing#trustDeclaredLengths} the whole rest of the frame, so that the
         * unpickler gives a large argument its final array at once instead of staging it (an argument longer
         * than the frame still is staged, and fails as truncated at the frame's end).
         */
        @Override
        public int available() {
            return framing.trustDeclaredLengths() ? remaining : Math.min(remaining, lim - pos);
        }

        void skipRest() throws IOException {
            while (remaining > 0) {
                if (pos == lim) {
                    refill();
                }
                int n = Math.min(remaining, lim - pos);
                pos += n;
                remaining -= n;
            }
        }

        private void refill() throws IOException {
            if (!fill(true)) {
                throw truncatedPayload();
            }
        }

        private TruncatedFrameException truncatedPayload() {
            return truncated("inside the payload after " + (length - remaining) + " of " + length + " bytes");
        }
    }
}
