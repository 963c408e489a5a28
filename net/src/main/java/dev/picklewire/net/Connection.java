package dev.picklewire.net;

import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * One client connected to a {@link PickleServer}, as its {@link ConnectionHandler} sees it: receive and
 * send objects (or raw frames), learn who is on the other end, and reach the server's other connections
 * ({@link #peers()}, {@link #broadcast(Object)}) for relays and chat rooms.
 *
 * <pre>{@code
 * ConnectionHandler shout = connection -> {
 *     for (Object said; (said = connection.receive()) != null; ) {
 *         connection.broadcast(List.of(connection.remoteAddress().toString(), said));
 *     }
 * };
 * }</pre>
 *
 * <p>Thread-safety: receive only from the handler's thread. Sending is safe from any thread (other
 * connections' handlers broadcast to this one): frames never interleave. {@link #close()} is safe from any
 * thread and idempotent. The server owns the connection and closes it when the handler returns.
 */
public final class Connection implements Closeable {
    private final long id;
    private final Socket socket;
    private final PickleServer server;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Pickler pickler;
    private final Unpickler unpickler;

    Connection(long id, Socket socket, PickleServer server, FrameReader reader, FrameWriter writer,
            Pickler pickler, Unpickler unpickler) {
        this.id = id;
        this.socket = socket;
        this.server = server;
        this.reader = reader;
        this.writer = writer;
        this.pickler = pickler;
        this.unpickler = unpickler;
    }

    /** A number unique within the server, counting accepted connections from 1. */
    public long id() {
        return id;
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /**
     * The peer's address as Python prints the tuple {@code accept()} returns, for example
     * {@code ('127.0.0.1', 50373)}; IPv6 as {@code ('::1', 50373, 0, 0)}.
     */
    public String pythonAddress() {
        return PickleServer.pythonAddress(remoteAddress());
    }

    /**
     * The next object, or {@code null} when the peer closed between frames (a received Python {@code None}
     * is also {@code null}: use {@link #receiveFrame()} to tell them apart). Subject to the server's idle and
     * per-frame timeouts.
     */
    public Object receive() throws IOException {
        byte[] payload = receiveFrame();
        return payload == null ? null : unpickler.loads(payload);
    }

    /** The next payload as received, or {@code null} at a clean end. */
    public byte[] receiveFrame() throws IOException {
        return reader.readFrame();
    }

    /** Pickles {@code value} with the server's {@link Pickler} and sends it as one frame. */
    public void send(Object value) throws IOException {
        writer.writeFrame(pickler.dumps(value));
    }

    /** Sends {@code payload} as one frame, as is. */
    public void sendFrame(byte[] payload) throws IOException {
        writer.writeFrame(payload);
    }

    /** The server's other open connections, at this moment. */
    public List<Connection> peers() {
        return server.connectionsExcept(this);
    }

    /**
     * Pickles {@code value} once and sends it to every peer. A peer that cannot take it is closed (its own
     * handler then ends) and skipped. Returns how many peers it reached.
     */
    public int broadcast(Object value) {
        return broadcastFrame(pickler.dumps(value));
    }

    /** Sends {@code payload} as one frame to every peer, as {@link #broadcast(Object)}. */
    public int broadcastFrame(byte[] payload) {
        int reached = 0;
        for (Connection peer : peers()) {
            if (server.deliver(peer, payload)) {
                reached++;
            }
        }
        return reached;
    }

    public boolean isOpen() {
        return !socket.isClosed();
    }

    /** Closes the socket; the handler's blocked reads then fail. Idempotent. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket can only fail in ways that leave it closed anyway; nothing to report.
        }
    }

    @Override
    public String toString() {
        return "Connection#" + id + " " + pythonAddress();
    }
}
