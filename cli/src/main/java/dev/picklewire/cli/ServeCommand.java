package dev.picklewire.cli;

import dev.picklewire.Pickle;
import dev.picklewire.Pickler;
import dev.picklewire.PyLiteral;
import dev.picklewire.net.Connection;
import dev.picklewire.net.ConnectionHandler;
import dev.picklewire.net.Framing;
import dev.picklewire.net.PickleServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picklewire serve}: the tutorial's server. By default each client gets
 * {@code {1: 'hi', 2: 'there'}} pickled behind the 10-byte header, and the tutorial's two lines are
 * printed (the connection, then the framed bytes as Python prints them); {@code --echo} and
 * {@code --relay} turn it into an echo server or a chat room. The bound address goes to stderr as
 * {@code listening on HOST port N} (stdout keeps the tutorial's lines).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve pickled objects in the tutorial's frames (default: send {1: 'hi', 2: 'there'}"
                + " to each client, as the tutorial's server does).")
final class ServeCommand implements Callable<Integer> {
    /** What the tutorial's server sends. */
    static final String TUTORIAL_VALUE = "{1: 'hi', 2: 'there'}";

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "1243", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--send", paramLabel = "LITERAL", description = "A Python literal to send to each client.")
    String literal;

    @Option(names = "--file", paramLabel = "FILE", description = "A pickle file to send to each client, as is.")
    Path file;

    @Option(names = "--protocol", defaultValue = "" + Pickle.DEFAULT_PROTOCOL,
            description = "Pickle protocol 0-5 for what is sent (default: ${DEFAULT-VALUE}).")
    int protocol;

    @Option(names = "--echo", description = "Send each object received back to its sender.")
    boolean echo;

    @Option(names = "--relay", description = "Forward each object received to every other client (a chat room).")
    boolean relay;

    @Option(names = "--count", paramLabel = "N", description = "With --echo/--relay: close a client after N objects.")
    Integer count;

    @Option(names = "--max-clients", paramLabel = "N", description = "Exit after N clients have been served.")
    Integer maxClients;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Serve at most N clients at once; more are accepted and closed at once.")
    Integer maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "With --echo/--relay: close a client that starts no frame for SECONDS (default: never).")
    Double idleTimeout;

    @Option(names = "--frame-timeout", paramLabel = "SECONDS",
            description = "Close a client whose frame takes longer than SECONDS from first to last byte "
                    + "(default: never).")
    Double frameTimeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        Pickler pickler = Pickler.builder().protocol(protocol).build();
        CountDownLatch served = new CountDownLatch(maxClients == null ? 1 : maxClients);
        ConnectionHandler handler = counting(handler(out, pickler), maxClients == null ? null : served);
        PickleServer.Builder builder = PickleServer.builder().host(host).port(port).pickler(pickler).handler(handler);
        if (maxConnections != null) {
            builder.maxConnections(maxConnections);
        }
        if (idleTimeout != null) {
            builder.idleTimeout(seconds(idleTimeout, "--idle-timeout"));
        }
        if (frameTimeout != null) {
            builder.frameTimeout(seconds(frameTimeout, "--frame-timeout"));
        }
        try (PickleServer server = builder.start()) {
            spec.commandLine().getErr().println("listening on " + host + " port " + server.port());
            // Without --max-clients the latch never opens: serve until the process is stopped.
            served.await();
        }
        return 0;
    }

    private Duration seconds(double value, String option) {
        if (!(value > 0) || value > 1e9) {
            throw new ParameterException(spec.commandLine(), option + " must be a positive number of seconds, not "
                    + value);
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private void validate() {
        if (maxConnections != null && maxConnections < 1) {
            throw new ParameterException(spec.commandLine(), "--max-connections must be at least 1");
        }
        if ((echo || relay) && (literal != null || file != null) || echo && relay || literal != null && file != null) {
            throw new ParameterException(spec.commandLine(),
                    "choose one of: --send, --file, --echo, --relay (or none for the tutorial's dict)");
        }
    }

    private ConnectionHandler handler(PrintWriter out, Pickler pickler) throws IOException {
        if (echo) {
            return echo(out, pickler);
        }
        if (relay) {
            return relay(out);
        }
        byte[] payload = file != null ? Files.readAllBytes(file)
                : pickler.dumps(PyLiteral.parse(literal != null ? literal : TUTORIAL_VALUE));
        return tutorial(payload, out);
    }

    /** The tutorial's server: print the connection and the framed bytes, send them in one write, hang up. */
    static ConnectionHandler tutorial(byte[] payload, PrintWriter out) throws IOException {
        byte[] frame = Framing.defaults().frame(payload, 0, payload.length);
        return c -> {
            out.println("Connection from " + c.pythonAddress() + " has been established.");
            out.println(Pickle.repr(frame));
            c.sendFrame(payload);
        };
    }

    private ConnectionHandler echo(PrintWriter out, Pickler pickler) {
        return eachFrame(out, (c, payload) -> {
            Object value = Pickle.loads(payload);
            out.println("Received from " + c.pythonAddress() + ": " + Pickle.repr(value));
            c.sendFrame(pickler.dumps(value));
        });
    }

    private ConnectionHandler relay(PrintWriter out) {
        return eachFrame(out, (c, payload) -> {
            // Decoded only to refuse a bad pickle before it reaches the others; forwarded as received.
            Object value = Pickle.loads(payload);
            int reached = c.broadcastFrame(payload);
            out.println("Relayed from " + c.pythonAddress() + " to " + reached + ": " + Pickle.repr(value));
        });
    }

    /** Announces the connection, then hands each received frame to {@code action}, up to {@code --count}. */
    private ConnectionHandler eachFrame(PrintWriter out, FrameAction action) {
        return c -> {
            announce(out, c);
            for (int n = 0; count == null || n < count; n++) {
                byte[] payload = c.receiveFrame();
                if (payload == null) {
                    return;
                }
                action.accept(c, payload);
            }
        };
    }

    /** What the echo and relay servers do with one received frame. */
    private interface FrameAction {
        void accept(Connection c, byte[] payload) throws IOException;
    }

    private static void announce(PrintWriter out, Connection c) {
        out.println("Connection from " + c.pythonAddress() + " has been established.");
    }

    private static ConnectionHandler counting(ConnectionHandler handler, CountDownLatch served) {
        if (served == null) {
            return handler;
        }
        return c -> {
            try {
                handler.handle(c);
            } finally {
                served.countDown();
            }
        };
    }
}
