package dev.picklewire.cli;

import dev.picklewire.Pickle;
import dev.picklewire.Pickler;
import dev.picklewire.PyLiteral;
import dev.picklewire.net.Framing;
import dev.picklewire.net.PickleClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code picklewire connect}: the tutorial's client. Prints the repr of each object received on its own
 * line until the server closes (or {@code --count} objects); {@code --verbose} prints the tutorial client's
 * whole trace instead, with the running lengths its 16-byte {@code recv} calls would show. The header it
 * prints is the canonical one for the payload's length (a server padding differently would show its own
 * bytes to the Python client).
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Connect to a pickle server and print each object received (the tutorial's client).")
final class ConnectCommand implements Callable<Integer> {
    /** The tutorial client's {@code s.recv(16)}. */
    static final int TUTORIAL_RECV_SIZE = 16;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "1243", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--send", paramLabel = "LITERAL", description = "A Python literal to send first (repeatable).")
    List<String> literals = new ArrayList<>();

    @Option(names = "--protocol", defaultValue = "" + Pickle.DEFAULT_PROTOCOL,
            description = "Pickle protocol 0-5 for what is sent (default: ${DEFAULT-VALUE}).")
    int protocol;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N objects.")
    Integer count;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Give up when nothing arrives for this long; 0 waits forever (default).")
    long timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Print the tutorial client's full trace.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (PickleClient client = PickleClient.builder()
                .readTimeout(Duration.ofSeconds(timeoutSeconds))
                .pickler(Pickler.builder().protocol(protocol).build())
                .connect(host, port)) {
            for (String literal : literals) {
                client.send(PyLiteral.parse(literal));
            }
            receive(client, out, count, verbose);
        }
        return 0;
    }

    /** Receives up to {@code count} objects (all, if null) and prints each; returns how many came. */
    static int receive(PickleClient client, PrintWriter out, Integer count, boolean verbose) throws IOException {
        int n = 0;
        for (; count == null || n < count; n++) {
            byte[] payload = client.receiveFrame();
            if (payload == null) {
                break;
            }
            Object value = Pickle.loads(payload);
            if (verbose) {
                printTrace(out, payload);
            }
            out.println(Pickle.repr(value));
        }
        return n;
    }

    /**
     * The tutorial client's lines for one message, all but the last (the object's repr): the header from
     * the first {@code recv(16)}, then the expected length and the running total after each 16-byte read.
     */
    static void printTrace(PrintWriter out, byte[] payload) throws IOException {
        byte[] header = Framing.defaults().header(payload.length);
        int total = header.length + payload.length;
        out.println("new msg len: " + Pickle.repr(header));
        int received = 0;
        do {
            received = Math.min(received + TUTORIAL_RECV_SIZE, total);
            out.println("full message length: " + payload.length);
            out.println(received);
        } while (received < total);
        out.println("full msg recvd");
        out.println(Pickle.repr(payload));
    }
}
