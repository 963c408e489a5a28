package dev.picklewire.net;

import dev.picklewire.Pickle;
import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A TCP client that sends and receives pickled objects in the tutorial's frames: the Java twin of the
 * tutorial's {@code client.py}, also able to send.
 *
 * <pre>{@code
 * try (PickleClient client = PickleClient.connect("127.0.0.1", 1243)) {
 *     for (Object value : client) {                // until the server closes between frames
 *         System.out.println(Pickle.repr(value));  // {1: 'hi', 2: 'there'}
 *     }
 * }
 * }</pre>
 *
 * <p>Each object travels as one frame ({@link Framing}) holding one pickle: {@link #send(Object)} pickles
 * with the configured {@link Pickler} (default protocol {@value Pickle#DEFAULT_PROTOCOL}; the tutorial's
 * Python 3.7 wrote 3, and any protocol is read back), and {@link #receive()} unpickles with the configured
 * {@link Unpickler} (safe defaults: limits on, no code runs). {@link #sendFrame}/{@link #receiveFrame} move
 * raw payloads for callers that want the bytes.
 *
 * <p>Defaults: connect timeout 10 s, no read timeout, TCP_NODELAY on, {@link Framing#defaults()},
 * {@link Pickler#defaults()}, {@link Unpickler#defaults()}.
 *
 * <p>Thread-safety: one sending thread and one receiving thread may work at the same time. Concurrent
 * senders are serialized (frames never interleave); concurrent receivers are serialized too, though which
 * of them gets which frame is then up to the scheduler. {@link #close()} may be called from any thread and
 * makes blocked calls fail with an {@link IOException}. The client owns its socket.
 */
public final class PickleClient implements Closeable, Iterable<Object> {
    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Pickler pickler;
    private final Unpickler unpickler;
    private final Object readLock = new Object();

    private PickleClient(Socket socket, Builder b) throws IOException {
        this.socket = socket;
        this.pickler = b.pickler;
        this.unpickler = b.unpickler;
        this.reader = new FrameReader(socket.getInputStream(), b.framing,
                new SocketPacer(socket, b.readTimeout, Duration.ZERO));
        this.writer = new FrameWriter(socket.getOutputStream(), b.framing);
    }

    /** Connects with every default. */
    public static PickleClient connect(String host, int port) throws IOException {
        return builder().connect(host, port);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Pickles {@code value} and sends it as one frame. */
    public void send(Object value) throws IOException {
        writer.writeFrame(pickler.dumps(value));
    }

    /** Sends {@code payload} as one frame, as is (for example a pickle made elsewhere). */
    public void sendFrame(byte[] payload) throws IOException {
        writer.writeFrame(payload);
    }

    /**
     * The next object, or {@code null} when the server closed the connection between frames. A received
     * Python {@code None} is also {@code null}: use {@link #receiveFrame()} where the two must be told apart.
     *
     * @throws FrameException for a bad frame; {@link dev.picklewire.PickleException} (unchecked) for a bad
     *     pickle; {@link java.net.SocketTimeoutException} when the read timeout passes with no byte
     */
    public Object receive() throws IOException {
        byte[] payload = receiveFrame();
        return payload == null ? null : unpickler.loads(payload);
    }

    /** The next payload as received, or {@code null} at a clean end. */
    public byte[] receiveFrame() throws IOException {
        synchronized (readLock) {
            return reader.readFrame();
        }
    }

    /**
     * Iterates over received objects until a clean end (each {@code next()} is one {@link #receive()}); I/O
     * failures surface as {@link UncheckedIOException}. One iteration at a time.
     */
    @Override
    public Iterator<Object> iterator() {
        return new Received();
    }

    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads ahead one frame so {@code hasNext} can tell the end from a value (Python None included). */
    private final class Received implements Iterator<Object> {
        private byte[] next;
        private boolean ended;

        @Override
        public boolean hasNext() {
            if (next == null && !ended) {
                try {
                    next = receiveFrame();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ended = next == null;
            }
            return !ended;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the server closed the connection");
            }
            byte[] payload = next;
            next = null;
            return unpickler.loads(payload);
        }
    }

    /** Builds and connects a {@link PickleClient}. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ZERO;
        private Framing framing = Framing.defaults();
        private Pickler pickler = Pickler.defaults();
        private Unpickler unpickler = Unpickler.defaults();

        private Builder() {
        }

        /** Longest wait for the TCP connection; zero means the system's own limit. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connectTimeout");
            return this;
        }

        /** Longest wait for any byte while receiving; zero (the default) waits forever. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = nonNegative(timeout, "readTimeout");
            return this;
        }

        public Builder framing(Framing framing) {
            this.framing = Objects.requireNonNull(framing, "framing");
            return this;
        }

        /** How {@link #send(Object)} pickles, protocol included. */
        public Builder pickler(Pickler pickler) {
            this.pickler = Objects.requireNonNull(pickler, "pickler");
            return this;
        }

        /** How {@link #receive()} unpickles: limits, strict mode, registry. */
        public Builder unpickler(Unpickler unpickler) {
            this.unpickler = Objects.requireNonNull(unpickler, "unpickler");
            return this;
        }

        /** Opens the connection; TCP_NODELAY on, so each frame leaves at once. */
        public PickleClient connect(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE,
                        connectTimeout.toMillis()));
                return new PickleClient(socket, this);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        static Duration nonNegative(Duration d, String name) {
            if (Objects.requireNonNull(d, name).isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
