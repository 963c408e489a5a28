package dev.picklewire.net;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * Sets a socket's read timeout before each read: the idle limit while waiting for a frame to begin, the
 * time left in the per-frame limit once it has. A per-read timeout alone would let a peer trickle one byte
 * just under it forever (slowloris); the per-frame deadline bounds the whole frame.
 */
final class SocketPacer implements FrameReader.Pacer {
    private final Socket socket;
    private final int idleMillis;
    private final long frameNanos;
    private final Duration frameTimeout;

    /** Zero durations mean no limit. */
    SocketPacer(Socket socket, Duration idleTimeout, Duration frameTimeout) {
        this.socket = socket;
        this.idleMillis = (int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis());
        this.frameNanos = frameTimeout.toNanos();
        this.frameTimeout = frameTimeout;
    }

    @Override
    public boolean beforeRead(boolean inFrame, long frameStartNanos) throws IOException {
        if (!inFrame || frameNanos == 0) {
            socket.setSoTimeout(idleMillis);
            return true;
        }
        long left = frameStartNanos + frameNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        // Round up so a deadline under a millisecond away does not become 0, which means "forever".
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, (left + 999_999) / 1_000_000)));
        return true;
    }

    @Override
    public boolean timesFrames() {
        return frameNanos != 0;
    }

    @Override
    public String describe() {
        return frameNanos == 0 ? "no byte for " + idleMillis + " ms" : "per-frame timeout " + frameTimeout.toMillis() + " ms";
    }
}
