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
 * <p>Sending: {@link #send(Object)} writes one frame and flushes it (one system call per message);
 * {@link #write(Object)} only queues it in the connection's buffer, and {@link #flush()} pushes out all that
 * is queued, so a stream of small messages goes out in buffer-sized writes. {@link #close()} flushes first.
 *
 * <p>Thread-safety: one sending thread and one receiving thread may work at the same time. Concurrent
 * senders are serialized (frames never interleave, each thread's frames stay in its order, and a flush from
 * one thread sends what others queued too); concurrent receivers are serialized too, though which of them
 * gets which frame is then up to the scheduler. {@link #close()} may be called from any thread and makes
 * blocked calls fail with an {@link IOException}. The client owns its socket.
 */
public final class PickleClient implements Closeable, Iterable<Object> {
    private final Socket socket;
    private final PickleChannel channel;

    private PickleClient(Socket socket, Builder b) throws IOException {
        this.socket = socket;
        this.channel = new PickleChannel(socket, b.settings, new SocketPacer(socket, b.readTimeout, Duration.ZERO));
    }

    /** Connects with every default. */
    public static PickleClient connect(String host, int port) throws IOException {
        return builder().connect(host, port);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Pickles {@code value} and sends it as one frame at once: {@link #write(Object)} then {@link #flush()}. */
    public void send(Object value) throws IOException {
        channel.send(value);
    }

    /** Sends {@code payload} as one frame, as is (for example a pickle made elsewhere), and flushes. */
    public void sendFrame(byte[] payload) throws IOException {
        channel.sendFrame(payload);
    }

    /**
     * Pickles {@code value} and queues it as one frame in the connection's buffer: it leaves when the buffer
     * fills (64 KiB), at the next {@link #flush()}, {@code send}, or at {@link #close()}. Many small messages
     * written back to back then cost one system call per buffer instead of one each.
     */
    public void write(Object value) throws IOException {
        channel.write(value);
    }

    /** Queues {@code payload} as one frame, as is, like {@link #write(Object)}. */
    public void writeFrame(byte[] payload) throws IOException {
        channel.writeFrame(payload);
    }

    /** Sends every queued frame now. */
    public void flush() throws IOException {
        channel.flush();
    }

    /**
     * The next object, or {@code null} when the server closed the connection between frames. A received
     * Python {@code None} is also {@code null}: use {@link #receiveFrame()} where the two must be told apart.
     *
     * @throws FrameException for a bad frame; {@link dev.picklewire.PickleException} (unchecked) for a bad
     *     pickle; {@link java.net.SocketTimeoutException} when the read timeout passes with no byte
     */
    public Object receive() throws IOException {
        return channel.receive();
    }

    /** The next payload as received, or {@code null} at a clean end. */
    public byte[] receiveFrame() throws IOException {
        return channel.receiveFrame();
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

    /**
     * Sends what {@link #write} queued, then closes the socket; idempotent. If another thread is inside a
     * write or flush at that moment (perhaps blocked on a server that does not read), the queued frames are
     * dropped rather than waited for, and that thread's call fails. Like a send, the final flush waits while
     * the server does not read and the system's socket buffer is full. The socket is closed even when the
     * final flush fails; that failure is then thrown.
     */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Reads ahead one frame so {@code hasNext} can tell the end from a value (Python None included). */
    private final class Received implements Iterator<Object> {
        /** The value read ahead, or this iterator itself when none is waiting (a received None is null). */
        private Object next = this;
        private boolean ended;

        @Override
        public boolean hasNext() {
            if (next == this && !ended) {
                try {
                    next = channel.receiveOrEnd();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                ended = next == BufferedFrameReader.END;
            }
            return !ended;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the server closed the connection");
            }
            Object value = next;
            next = this;
            return value;
        }
    }

    /** Builds and connects a {@link PickleClient}. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ZERO;
        private final PickleChannel.Settings settings = new PickleChannel.Settings();

        private Builder() {
        }

        /** Longest wait for the TCP connection; zero means the system's own limit. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = PickleChannel.Settings.nonNegative(timeout, "connectTimeout");
            return this;
        }

        /** Longest wait for any byte while receiving; zero (the default) waits forever. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = PickleChannel.Settings.nonNegative(timeout, "readTimeout");
            return this;
        }

        public Builder framing(Framing framing) {
            settings.framing(framing);
            return this;
        }

        /** How {@link #send(Object)} pickles, protocol included. */
        public Builder pickler(Pickler pickler) {
            settings.pickler(pickler);
            return this;
        }

        /** How {@link #receive()} unpickles: limits, strict mode, registry. */
        public Builder unpickler(Unpickler unpickler) {
            settings.unpickler(unpickler);
            return this;
        }

        /** Opens the connection; TCP_NODELAY on, so each frame leaves at once. */
        public PickleClient connect(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE,
                        connectTimeout.toMillis()));
                return new PickleClient(socket, this);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }
}
