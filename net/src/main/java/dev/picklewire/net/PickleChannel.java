package dev.picklewire.net;

import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link PickleClient} and a server's {@link Connection} share: one socket's frames, each holding one
 * pickle, written with a {@link Pickler} and read with an {@link Unpickler}. Sending is safe from any thread
 * (the {@link FrameWriter} keeps frames whole); receivers are serialized. Does not own the socket.
 */
final class PickleChannel {
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Pickler pickler;
    private final Unpickler unpickler;
    private final Object readLock = new Object();

    /** Turns TCP_NODELAY on (each frame leaves at once) and wraps the socket's streams. */
    PickleChannel(Socket socket, Settings settings, SocketPacer pacer) throws IOException {
        socket.setTcpNoDelay(true);
        this.reader = new FrameReader(socket.getInputStream(), settings.framing, pacer);
        this.writer = new FrameWriter(socket.getOutputStream(), settings.framing);
        this.pickler = settings.pickler;
        this.unpickler = settings.unpickler;
    }

    void send(Object value) throws IOException {
        writer.writeFrame(pickler.dumps(value));
    }

    void sendFrame(byte[] payload) throws IOException {
        writer.writeFrame(payload);
    }

    /** The next object, or null at a clean end (or for a received None). */
    Object receive() throws IOException {
        byte[] payload = receiveFrame();
        return payload == null ? null : unpickler.loads(payload);
    }

    /** The next payload, or null when the peer closed between frames. */
    byte[] receiveFrame() throws IOException {
        synchronized (readLock) {
            return reader.readFrame();
        }
    }

    byte[] dumps(Object value) {
        return pickler.dumps(value);
    }

    Object loads(byte[] payload) {
        return unpickler.loads(payload);
    }

    /** The framing and codec settings both builders hold, with their defaults. Not thread-safe. */
    static final class Settings {
        private Framing framing = Framing.defaults();
        private Pickler pickler = Pickler.defaults();
        private Unpickler unpickler = Unpickler.defaults();

        void framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
        }

        void pickler(Pickler pickler) {
            this.pickler = Objects.requireNonNull(pickler, "pickler");
        }

        void unpickler(Unpickler unpickler) {
            this.unpickler = Objects.requireNonNull(unpickler, "unpickler");
        }

        Settings copy() {
            Settings s = new Settings();
            s.framing = framing;
            s.pickler = pickler;
            s.unpickler = unpickler;
            return s;
        }

        /** A builder's check for timeouts: null and negative durations are refused, naming the setter. */
        static Duration nonNegative(Duration d, String name) {
            if (Objects.requireNonNull(d, name).isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
