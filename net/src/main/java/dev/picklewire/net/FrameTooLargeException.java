package dev.picklewire.net;

/**
 * A frame longer than allowed: on read, a declared length over {@link Framing#maxFrameSize()} (refused
 * before anything is allocated); on write, a payload whose length does not fit in the header.
 */
public class FrameTooLargeException extends FrameException {
    private static final long serialVersionUID = 1L;

    public FrameTooLargeException(String message, long frameNumber, long offset) {
        super(message, frameNumber, offset);
    }
}
