package dev.picklewire.net;

import java.io.IOException;

/**
 * A stream that does not hold well-formed frames: the base of the framing failures.
 *
 * <p>Subclasses say what went wrong: {@link BadFrameHeaderException} (a header that is not a padded decimal
 * length), {@link FrameTooLargeException} (a length over the limit, or one the header cannot hold),
 * {@link TruncatedFrameException} (the stream ended inside a frame) and {@link FrameTimeoutException} (a
 * frame that took longer than its time limit). Every message says what was found and where: the frame
 * number (1 for the first frame of a stream) and the byte offset of that frame's first header byte.
 *
 * <p>Immutable; a connection that throws one is no longer usable and should be closed.
 */
public class FrameException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long frameNumber;
    private final long offset;

    public FrameException(String message, long frameNumber, long offset) {
        super(where(frameNumber, offset) + message);
        this.frameNumber = frameNumber;
        this.offset = offset;
    }

    /** The frame that failed, counting from 1, or 0 when no frame applies (a frame refused on write). */
    public long frameNumber() {
        return frameNumber;
    }

    /** Byte offset of the failed frame's first header byte in its stream, or -1 when none applies. */
    public long offset() {
        return offset;
    }

    private static String where(long frameNumber, long offset) {
        return frameNumber > 0 ? "frame " + frameNumber + " at byte offset " + offset + ": " : "";
    }
}
