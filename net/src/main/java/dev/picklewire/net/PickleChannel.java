package dev.picklewire.net;

import dev.picklewire.Pickled;
import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a {@link PickleClient} and a server's {@link Connection} share: one socket's frames, each holding one
 * pickle, written with a {@link Pickler} and read with an {@link Unpickler}, both through per-connection
 * buffers ({@link FrameWriter}, {@link BufferedFrameReader}).
 *
 * <p>Writing is safe from any thread: pickling happens outside the writer's lock, frames never interleave,
 * and a flush from one thread also pushes out what others queued (a broadcast's {@code sendFrame} flushes a
 * handler's pending {@code write}s along with its own frame, in order). Receivers are serialized. Closing
 * flushes what is queued unless another thread is inside a write at that moment (it may be blocked on a peer
 * that does not read; closing must unblock it, not wait for it). Owns the socket once {@link #close} is called
 * through it.
 */
final class PickleChannel {
    /** Per-connection buffers: a tutorial message is 43 bytes, so one read or write moves ~1500 of them. */
    static final int BUFFER_SIZE = 64 * 1024;

    private final Socket socket;
    private final BufferedFrameReader reader;
    private final FrameWriter writer;
    private final Pickler pickler;
    private final Unpickler unpickler;
    private final Unpickler frameStreamUnpickler;
    /** A lock rather than synchronized: a virtual thread blocked in a read must not pin its carrier (21-23). */
    private final ReentrantLock readLock = new ReentrantLock();
    private volatile boolean closed;

    /** Turns TCP_NODELAY on (each flush leaves at once) and wraps the socket's streams. */
    PickleChannel(Socket socket, Settings settings, SocketPacer pacer) throws IOException {
        socket.setTcpNoDelay(true);
        this.socket = socket;
        this.reader = new BufferedFrameReader(socket.getInputStream(), settings.framing, pacer, BUFFER_SIZE);
        this.writer = new FrameWriter(socket.getOutputStream(), settings.framing, BUFFER_SIZE);
        this.pickler = settings.pickler;
        this.unpickler = settings.unpickler;
        this.frameStreamUnpickler = settings.frameStreamUnpickler();
    }

    /** Pickled, not dumped: a large payload then goes from the caller's array to the socket, uncopied. */
    void send(Object value) throws IOException {
        Pickled pickle = pickler.pickle(value);
        checkOpen();
        writer.writeFrame(pickle);
    }

    void sendFrame(byte[] payload) throws IOException {
        checkOpen();
        writer.writeFrame(payload);
    }

    void write(Object value) throws IOException {
        Pickled pickle = pickler.pickle(value);
        checkOpen();
        writer.write(pickle);
    }

    void writeFrame(byte[] payload) throws IOException {
        checkOpen();
        writer.write(payload);
    }

    void flush() throws IOException {
        checkOpen();
        writer.flush();
    }

    /** The next object, or null at a clean end (or for a received None). */
    Object receive() throws IOException {
        Object value = receiveOrEnd();
        return value == BufferedFrameReader.END ? null : value;
    }

    /** The next object, or {@link BufferedFrameReader#END} when the peer closed between frames. */
    Object receiveOrEnd() throws IOException {
        readLock.lock();
        try {
            return reader.readObject(unpickler, frameStreamUnpickler);
        } finally {
            readLock.unlock();
        }
    }

    /** The next payload, or null when the peer closed between frames. */
    byte[] receiveFrame() throws IOException {
        readLock.lock();
        try {
            return reader.readFrame();
        } finally {
            readLock.unlock();
        }
    }

    byte[] dumps(Object value) {
        return pickler.dumps(value);
    }

    boolean isClosed() {
        return closed || socket.isClosed();
    }

    /**
     * Flushes what is queued (unless another thread is inside a write: see the class comment), then closes
     * the socket, even when the flush fails; the flush's failure is then thrown. Idempotent.
     */
    void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!socket.isClosed()) {
                writer.flushIfIdle();
            }
        } finally {
            socket.close();
        }
    }

    /** Closes the socket at once, dropping anything queued: for a server shutting down. Idempotent. */
    void abort() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket can only fail in ways that leave it closed anyway; nothing to report.
        }
    }

    private void checkOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
    }

    /** The framing and codec settings both builders hold, with their defaults. Not thread-safe. */
    static final class Settings {
        private Framing framing = Framing.defaults();
        private Pickler pickler = Pickler.defaults();
        private Unpickler unpickler = Unpickler.defaults();
        /** Derived from unpickler once per builder setting, not per connection. */
        private Unpickler frameStreamUnpickler;

        void framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
        }

        void pickler(Pickler pickler) {
            this.pickler = Objects.requireNonNull(pickler, "pickler");
        }

        void unpickler(Unpickler unpickler) {
            this.unpickler = Objects.requireNonNull(unpickler, "unpickler");
            this.frameStreamUnpickler = null;
        }

        Unpickler frameStreamUnpickler() {
            Unpickler u = frameStreamUnpickler;
            if (u == null) {
                // A benign race: two connections may both derive it; the results are equivalent.
                u = BufferedFrameReader.forFrames(unpickler);
                frameStreamUnpickler = u;
            }
            return u;
        }

        Settings copy() {
            Settings s = new Settings();
            s.framing = framing;
            s.pickler = pickler;
            s.unpickler = unpickler;
            s.frameStreamUnpickler = frameStreamUnpickler;
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
