package dev.picklewire.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Incremental frame decoder: fed the bytes of a stream chunk by chunk, in whatever pieces they arrive,
 * it hands back each frame's payload as soon as it is complete. For non-blocking I/O and for tests.
 *
 * <pre>
 *   +----------------------+---------------------------+----------------------+---
 *   | header (headerSize)  | payload (length bytes)    | header               | ...
 *   | "33        "         | 33 bytes                  | "5         "         |
 *   +----------------------+---------------------------+----------------------+---
 *   chunks may cut anywhere: inside a header, inside a payload, or hold several frames
 * </pre>
 *
 * <p>The header grammar and the errors are {@link Framing}'s. A header is checked as soon as its last byte
 * arrives, before any payload byte is taken. Payload memory grows with the bytes actually received, so a
 * peer that declares 64 MiB and sends 10 bytes costs little. Call {@link #endOfInput()} when the stream
 * ends: it throws {@link TruncatedFrameException} if the end fell inside a frame.
 *
 * <p>A bad header or an oversized frame fails the decoder. Frames completed earlier in the same chunk are not
 * lost: that call returns them, and the next call throws the failure (as {@link FrameReader} hands out the
 * frames before a bad one). Once a failure has been thrown, every later call throws it again.
 * Not thread-safe: one decoder per stream, used by one thread at a time.
 *
 * <pre>{@code
 * FrameDecoder decoder = new FrameDecoder(Framing.defaults());
 * for (byte[] payload : decoder.feed(chunk, 0, n)) {
 *     handle(payload);
 * }
 * decoder.endOfInput();
 * }</pre>
 */
public final class FrameDecoder {
    private final Framing framing;
    private final byte[] header;
    private final FrameBuffer payload;
    private int headerFilled;
    /** -1 while reading a header, else the payload length of the current frame. */
    private int length = -1;
    private long frameNumber = 1;
    private long frameOffset;
    private FrameException failure;

    public FrameDecoder(Framing framing) {
        this.framing = Objects.requireNonNull(framing, "framing");
        this.header = new byte[framing.headerSize()];
        this.payload = new FrameBuffer(framing);
    }

    /** Takes {@code chunk[off, off + len)} and returns the payloads it completed, in order (often none). */
    public List<byte[]> feed(byte[] chunk, int off, int len) throws FrameException {
        Objects.checkFromIndexSize(off, len, chunk.length);
        throwIfFailed();
        List<byte[]> frames = new ArrayList<>(2);
        int end = off + len;
        int i = off;
        try {
            while (i < end) {
                i = length < 0 ? takeHeader(chunk, i, end) : takePayload(chunk, i, end, frames);
            }
            // A zero-length frame completes with its header, even when the chunk ends right there.
            completeIfEmpty(frames);
        } catch (FrameException e) {
            failure = e;
            if (frames.isEmpty()) {
                throw e;
            }
            // Deliver what was complete before the bad bytes; the next call reports the failure.
        }
        return frames;
    }

    /** Says the stream ended; throws {@link TruncatedFrameException} unless it ended between frames. */
    public void endOfInput() throws FrameException {
        throwIfFailed();
        if (!isBetweenFrames()) {
            failure = truncated();
            throw failure;
        }
    }

    /** Whether the bytes fed so far end exactly at a frame boundary. */
    public boolean isBetweenFrames() {
        return headerFilled == 0 && length < 0;
    }

    /** How many complete frames have come out so far. */
    public long framesDecoded() {
        return frameNumber - 1;
    }

    private int takeHeader(byte[] chunk, int i, int end) throws FrameException {
        int n = Math.min(end - i, header.length - headerFilled);
        System.arraycopy(chunk, i, header, headerFilled, n);
        headerFilled += n;
        if (headerFilled == header.length) {
            length = framing.parseHeader(header, 0, frameNumber, frameOffset);
            payload.reset(length);
        }
        return i + n;
    }

    private int takePayload(byte[] chunk, int i, int end, List<byte[]> frames) {
        int n = Math.min(end - i, length - payload.size());
        payload.append(chunk, i, n);
        if (payload.size() == length) {
            frames.add(payload.take());
            nextFrame();
        }
        return i + n;
    }

    private void completeIfEmpty(List<byte[]> frames) {
        if (length == 0) {
            frames.add(payload.take());
            nextFrame();
        }
    }

    private void nextFrame() {
        frameOffset += header.length + length;
        frameNumber++;
        headerFilled = 0;
        length = -1;
    }

    private void throwIfFailed() throws FrameException {
        if (failure != null) {
            throw failure;
        }
    }

    private TruncatedFrameException truncated() {
        String where = length < 0
                ? "inside the header after " + headerFilled + " of " + header.length + " bytes ("
                        + BytesLiteral.of(header, 0, headerFilled) + ")"
                : "inside the payload after " + payload.size() + " of " + length + " bytes";
        return new TruncatedFrameException("stream ended " + where, frameNumber, frameOffset);
    }
}
