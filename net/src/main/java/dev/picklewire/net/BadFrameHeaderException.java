package dev.picklewire.net;

/**
 * A frame header that is not a length: a sign, an underscore, a tab, a non-ASCII byte, no digit at all,
 * a space between digits. Thrown before any byte of the payload is read. The message shows the header
 * bytes as a Python bytes literal, for example
 * {@code frame 2 at byte offset 43: bad header b'+33       ': '+' at header byte 0 (expected ...)}.
 */
public class BadFrameHeaderException extends FrameException {
    private static final long serialVersionUID = 1L;

    public BadFrameHeaderException(String message, long frameNumber, long offset) {
        super(message, frameNumber, offset);
    }
}
