package dev.picklewire.net;

import dev.picklewire.Pickler;
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
 * <p>Sending: {@code send} writes one frame and flushes; {@code write} queues it in the connection's buffer
 * and {@link #flush()} (or any later send, or the close when the handler returns) pushes it out, so a handler
 * streaming many small messages makes one system call per buffer, not per message.
 *
 * <p>Thread-safety: receive only from the handler's thread. Sending is safe from any thread (other
 * connections' handlers broadcast to this one): frames never interleave, and a broadcast's flush also sends
 * what this connection's handler had queued. {@link #close()} is safe from any
 * thread and idempotent. The server owns the connection and closes it when the handler returns.
 */
public final class Connection implements Closeable {
    private final long id;
    private final Socket socket;
    private final PickleServer server;
    private final PickleChannel channel;

    Connection(long id, Socket socket, PickleServer server, PickleChannel channel) {
        this.id = id;
        this.socket = socket;
        this.server = server;
        this.channel = channel;
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
        return channel.receive();
    }

    /** The next payload as received, or {@code null} at a clean end. */
    public byte[] receiveFrame() throws IOException {
        return channel.receiveFrame();
    }

    /**
     * Pickles {@code value} with the server's {@link Pickler} and sends it as one frame at once:
     * {@link #write(Object)} then {@link #flush()}.
     */
    public void send(Object value) throws IOException {
        channel.send(value);
    }

    /** Sends {@code payload} as one frame, as is, and flushes. */
    public void sendFrame(byte[] payload) throws IOException {
        channel.sendFrame(payload);
    }

    /**
     * Pickles {@code value} and queues it as one frame in the connection's buffer: it leaves when the buffer
     * fills (64 KiB), at the next {@link #flush()} or send (from any thread, broadcasts included), or when the
     * connection closes (the server closes it, flushing, when the handler returns).
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

    /** The server's other open connections, at this moment. */
    public List<Connection> peers() {
        return server.connectionsExcept(this);
    }

    /**
     * Pickles {@code value} once and sends it to every peer. A peer that cannot take it is closed (its own
     * handler then ends) and skipped. Returns how many peers it reached.
     */
    public int broadcast(Object value) {
        return broadcastFrame(channel.dumps(value));
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
        return !channel.isClosed();
    }

    /**
     * Sends what {@link #write} queued (unless another thread is inside a write at that moment: it may be
     * blocked on a peer that does not read, and closing must unblock it rather than wait), then closes the
     * socket; the handler's blocked reads then fail. A failed final flush is not reported (the peer is gone).
     * Idempotent.
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // The socket is closed either way; queued frames could not be delivered to a peer that left.
        }
    }

    /** Closes at once, dropping anything queued: the server shutting down must not wait on a slow peer. */
    void abort() {
        channel.abort();
    }

    @Override
    public String toString() {
        return "Connection#" + id + " " + pythonAddress();
    }
}
