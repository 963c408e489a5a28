package dev.picklewire.net;

/**
 * A frame that began but was not complete within the per-frame time limit: what a peer trickling one byte
 * a second (slowloris) gets. See {@link PickleServer.Builder#frameTimeout(java.time.Duration)}.
 */
public class FrameTimeoutException extends FrameException {
    private static final long serialVersionUID = 1L;

    public FrameTimeoutException(String message, long frameNumber, long offset) {
        super(message, frameNumber, offset);
    }
}
