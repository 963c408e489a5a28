package dev.picklewire.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Objects;

/**
 * Reads frames from a blocking {@link InputStream}, one payload per call, never a byte past the frame.
 *
 * <pre>
 *   +----------------------+---------------------------+
 *   | header (headerSize)  | payload (length bytes)    |   then the next frame, or the end
 *   +----------------------+---------------------------+
 * </pre>
 *
 * <p>{@link #readFrame()} returns {@code null} when the stream ends between frames (the peer's normal
 * goodbye), and throws a {@link FrameException} for a bad header, a length over the maximum, or a stream
 * that ends inside a frame; the header grammar is {@link Framing}'s and is checked before any payload byte is
 * read. It reads exactly the header, then exactly the payload, so the stream can be handed to something
 * else between frames.
 *
 * <p>Not thread-safe: one reading thread at a time. Does not own the stream: {@link #close()} is not offered;
 * close the stream (or socket) yourself.
 *
 * <pre>{@code
 * FrameReader reader = new FrameReader(socket.getInputStream(), Framing.defaults());
 * for (byte[] payload; (payload = reader.readFrame()) != null; ) {
 *     handle(payload);
 * }
 * }</pre>
 */
public final class FrameReader {
    /**
     * Time control for sockets (package-private: the server and client use it). Called before every blocking
     * read; sets the socket's read timeout for that read and answers false once the current frame is out of
     * time.
     */
    interface Pacer {
        boolean beforeRead(boolean inFrame, long frameStartNanos) throws IOException;

        /** How the per-frame limit reads in a message. */
        String describe();

        /** Whether frames have a time limit, so readers note when each frame begins (else they skip the clock). */
        default boolean timesFrames() {
            return true;
        }

        /**
         * One read of {@code in} under this pacer, for both frame readers: what {@code in.read} returns, or a
         * {@link FrameTimeoutException} naming frame {@code frameNumber} at {@code frameOffset} once the frame
         * is out of time. Between frames a socket timeout is the idle limit and stays a
         * {@code SocketTimeoutException} for the caller.
         */
        default int read(InputStream in, byte[] b, int off, int len, boolean inFrame, long frameStartNanos,
                long frameNumber, long frameOffset) throws IOException {
            if (!beforeRead(inFrame, frameStartNanos)) {
                throw timedOut(frameNumber, frameOffset);
            }
            try {
                return in.read(b, off, len);
            } catch (SocketTimeoutException e) {
                if (inFrame) {
                    throw timedOut(frameNumber, frameOffset);
                }
                throw e;
            }
        }

        private FrameTimeoutException timedOut(long frameNumber, long frameOffset) {
            return new FrameTimeoutException("frame not complete in time (" + describe() + ")", frameNumber,
                    frameOffset);
        }
    }

    static final Pacer NO_PACER = new Pacer() {
        @Override
        public boolean beforeRead(boolean inFrame, long frameStartNanos) {
            return true;
        }

        @Override
        public String describe() {
            return "no limit";
        }

        @Override
        public boolean timesFrames() {
            return false;
        }
    };

    private final InputStream in;
    private final Framing framing;
    private final byte[] header;
    private final FrameBuffer payload;
    private final Pacer pacer;
    private long frameNumber = 1;
    private long frameOffset;
    private long frameStartNanos;

    public FrameReader(InputStream in, Framing framing) {
        this(in, framing, NO_PACER);
    }

    FrameReader(InputStream in, Framing framing, Pacer pacer) {
        this.in = Objects.requireNonNull(in, "in");
        this.framing = Objects.requireNonNull(framing, "framing");
        this.payload = new FrameBuffer(framing);
        this.header = new byte[framing.headerSize()];
        this.pacer = pacer;
    }

    /** The next payload, or {@code null} if the stream ended cleanly between frames. */
    public byte[] readFrame() throws IOException {
        if (!readHeader()) {
            return null;
        }
        int length = framing.parseHeader(header, 0, frameNumber, frameOffset);
        payload.reset(length);
        while (payload.size() < length) {
            int n = read(payload.array(), payload.size(), Math.min(payload.room(), length - payload.size()),
                    true);
            if (n < 0) {
                throw truncated("inside the payload after " + payload.size() + " of " + length + " bytes");
            }
            payload.advance(n);
        }
        frameOffset += header.length + length;
        frameNumber++;
        return payload.take();
    }

    /** How many frames have been read whole. */
    public long framesRead() {
        return frameNumber - 1;
    }

    /** Reads the header; false at a clean end (no byte of it arrived). */
    private boolean readHeader() throws IOException {
        int filled = 0;
        while (filled < header.length) {
            int n = read(header, filled, header.length - filled, filled > 0);
            if (n < 0) {
                if (filled == 0) {
                    return false;
                }
                throw truncated("inside the header after " + filled + " of " + header.length + " bytes ("
                        + BytesLiteral.of(header, 0, filled) + ")");
            }
            if (filled == 0 && n > 0) {
                frameStartNanos = System.nanoTime();
            }
            filled += n;
        }
        return true;
    }

    private int read(byte[] b, int off, int len, boolean inFrame) throws IOException {
        return pacer.read(in, b, off, len, inFrame, frameStartNanos, frameNumber, frameOffset);
    }

    private TruncatedFrameException truncated(String where) {
        return new TruncatedFrameException("stream ended " + where, frameNumber, frameOffset);
    }
}
