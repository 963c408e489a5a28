package dev.picklewire.cli;

import dev.picklewire.Pickle;
import dev.picklewire.Pickler;
import dev.picklewire.PyLiteral;
import dev.picklewire.net.ConnectionHandler;
import dev.picklewire.net.PickleClient;
import dev.picklewire.net.PickleServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code picklewire demo}: the tutorial end to end in one process. Starts {@code serve} and
 * {@code connect --verbose} on an ephemeral loopback port and prints both transcripts, server first,
 * ending with {@code {1: 'hi', 2: 'there'}}. Bounded: it gives up after 30 s of silence.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the tutorial's server and client in this process on a loopback port and print"
                + " what each prints.")
final class DemoCommand implements Callable<Integer> {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--protocol", defaultValue = "" + Pickle.DEFAULT_PROTOCOL,
            description = "Pickle protocol 0-5 (default: ${DEFAULT-VALUE}; the tutorial's Python 3.7 wrote 3).")
    int protocol;

    @Override
    public Integer call() throws IOException, InterruptedException {
        byte[] payload = Pickler.builder().protocol(protocol).build()
                .dumps(PyLiteral.parse(ServeCommand.TUTORIAL_VALUE));
        StringWriter serverText = new StringWriter();
        StringWriter clientText = new StringWriter();
        CountDownLatch served = new CountDownLatch(1);
        ConnectionHandler tutorial = ServeCommand.tutorial(payload, new PrintWriter(serverText, true));
        int port;
        try (PickleServer server = PickleServer.builder().port(0).handler(c -> {
            try {
                tutorial.handle(c);
            } finally {
                served.countDown();
            }
        }).start()) {
            port = server.port();
            try (PickleClient client = PickleClient.builder().readTimeout(PATIENCE).connect("127.0.0.1", port)) {
                ConnectCommand.receive(client, new PrintWriter(clientText, true), 1, true);
            }
            if (!served.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the server did not finish within " + PATIENCE.toSeconds() + " s");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("$ picklewire serve --port " + port + " --protocol " + protocol);
        out.print(serverText);
        out.println();
        out.println("$ picklewire connect --port " + port + " --verbose");
        out.print(clientText);
        out.flush();
        return 0;
    }
}
