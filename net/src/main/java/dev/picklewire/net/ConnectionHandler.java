package dev.picklewire.net;

import java.io.IOException;

/**
 * What a {@link PickleServer} does with each accepted connection, called on that connection's own thread.
 *
 * <p>Return (or throw) when done: the server then closes the connection. A {@link FrameException} or a
 * {@link dev.picklewire.PickleException} thrown out of {@code handle} closes only this connection, with the
 * reason logged; other connections never notice. The handler may block as long as it likes: each
 * connection has its own thread.
 *
 * <pre>{@code
 * // the tutorial's server: greet and hang up
 * ConnectionHandler greet = connection -> connection.send(Map.of(1, "hi", 2, "there"));
 *
 * // echo every object back (here as frames: the bytes go back untouched)
 * ConnectionHandler echo = ConnectionHandler.echo();
 *
 * // a chat room: every object received goes to every other connection
 * ConnectionHandler chat = ConnectionHandler.relay();
 * }</pre>
 *
 * <p>Implementations are called from many threads at once (one per connection), so shared state needs
 * the usual care.
 */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(Connection connection) throws IOException;

    /** Sends every frame received straight back, until the peer closes. */
    static ConnectionHandler echo() {
        return connection -> {
            for (byte[] payload; (payload = connection.receiveFrame()) != null; ) {
                connection.sendFrame(payload);
            }
        };
    }

    /** Forwards every frame received to every other open connection, until the peer closes. */
    static ConnectionHandler relay() {
        return connection -> {
            for (byte[] payload; (payload = connection.receiveFrame()) != null; ) {
                connection.broadcastFrame(payload);
            }
        };
    }
}
