package dev.picklewire.net;

/**
 * The stream ended inside a frame: after part of a header, or before the whole payload arrived. (A stream
 * that ends between frames is a normal end, never this.)
 */
public class TruncatedFrameException extends FrameException {
    private static final long serialVersionUID = 1L;

    public TruncatedFrameException(String message, long frameNumber, long offset) {
        super(message, frameNumber, offset);
    }
}
