package dev.picklewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.net.PickleClient;
import dev.picklewire.net.PythonProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * serve, connect and demo against the real python3 tutorial programs (examples/python), on loopback with
 * ephemeral ports. Every expected line is printed by python3 itself.
 */
class NetworkCommandsTest {
    private static final String TUTORIAL_VALUE = "{1: 'hi', 2: 'there'}";

    @TempDir
    Path tmp;

    private static String script(String name) {
        return PythonProcess.examples().resolve(name).toString();
    }

    private static byte[] pythonPickle(String literal, int protocol) throws Exception {
        String hex = PythonProcess.run("import ast, pickle, sys\n"
                + "print(pickle.dumps(ast.literal_eval(sys.argv[1]), protocol=int(sys.argv[2])).hex())",
                literal, Integer.toString(protocol));
        return HexFormat.of().parseHex(hex.strip());
    }

    /**
     * What the Python tutorial server and client print for one exchange: {server lines after its
     * "listening on" line, client lines}.
     */
    private static String[] pythonTranscript(int protocol) throws Exception {
        try (PythonProcess server = PythonProcess.start(script("tutorial_server.py"),
                "--protocol", Integer.toString(protocol), "--clients", "1")) {
            String first = server.readLine();
            String port = first.substring(first.lastIndexOf(' ') + 1);
            String client;
            try (PythonProcess c = PythonProcess.start(script("tutorial_client.py"), "--port", port)) {
                client = c.finish();
            }
            return new String[] {server.finish(), client};
        }
    }

    private static int pythonServerPort(PythonProcess server) throws Exception {
        String first = server.readLine();
        assertThat(first).startsWith("listening on 127.0.0.1 port ");
        return Integer.parseInt(first.substring(first.lastIndexOf(' ') + 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5})
    void serveFileToThePythonTutorialClient(int protocol) throws Exception {
        Path file = tmp.resolve("dict.pickle");
        Files.write(file, pythonPickle(TUTORIAL_VALUE, protocol));
        String expected = pythonTranscript(protocol)[1];
        try (CliTestSupport cli = new CliTestSupport()) {
            int port = cli.startServe("serve", "--port", "0", "--file", file.toString(), "--max-clients", "1");
            try (PythonProcess client = PythonProcess.start(script("tutorial_client.py"), "--port",
                    Integer.toString(port))) {
                assertThat(client.finish()).isEqualTo(expected);
            }
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out.text().lines().findFirst().orElseThrow())
                    .matches("Connection from \\('127\\.0\\.0\\.1', \\d+\\) has been established\\.");
        }
    }

    @Test
    void serveFileSendsTheFileAsIsToEachClient() throws Exception {
        byte[] data = {1, 2, 3, (byte) 0xff};
        Path file = tmp.resolve("raw.bin");
        Files.write(file, data);
        try (CliTestSupport cli = new CliTestSupport()) {
            int port = cli.startServe("serve", "--port", "0", "--file", file.toString(), "--max-clients", "2");
            for (int i = 0; i < 2; i++) {
                try (PickleClient client = PickleClient.builder().readTimeout(CliTestSupport.PATIENCE)
                        .connect("127.0.0.1", port)) {
                    assertThat(client.receiveFrame()).isEqualTo(data);
                    assertThat(client.receiveFrame()).isNull();
                }
            }
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out.text().lines().filter(l -> l.startsWith("Connection from "))).hasSize(2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void serveByDefaultPrintsWhatThePythonServerPrints(int protocol) throws Exception {
        String[] python = pythonTranscript(protocol);
        try (CliTestSupport cli = new CliTestSupport()) {
            int port = cli.startServe("serve", "--port", "0", "--protocol", Integer.toString(protocol),
                    "--max-clients", "1");
            try (PythonProcess client = PythonProcess.start(script("tutorial_client.py"), "--port",
                    Integer.toString(port))) {
                assertThat(client.finish()).isEqualTo(python[1]);
            }
            assertThat(cli.exitCode()).isZero();
            List<String> ours = cli.out.text().lines().toList();
            List<String> theirs = python[0].lines().toList();
            // Line 0: the connection (ports differ); line 1: the framed bytes as Python prints them.
            assertThat(ours.get(0)).startsWith("Connection from ('127.0.0.1', ");
            assertThat(theirs.get(0)).startsWith("Connection from ('127.0.0.1', ");
            assertThat(ours.get(1)).isEqualTo(theirs.get(1));
            assertThat(ours).hasSize(2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void connectVerbosePrintsThePythonTutorialClientsTrace(int protocol) throws Exception {
        String expected = pythonTranscript(protocol)[1];
        try (PythonProcess server = PythonProcess.start(script("tutorial_server.py"),
                "--protocol", Integer.toString(protocol), "--clients", "1")) {
            int port = pythonServerPort(server);
            CapturedStream out = new CapturedStream();
            CapturedStream err = new CapturedStream();
            assertThat(CliTestSupport.run(out, err, "connect", "--port", Integer.toString(port), "--verbose",
                    "--timeout", "30")).as(err.text()).isZero();
            assertThat(out.text()).isEqualTo(expected);
            server.finish();
        }
    }

    @Test
    void connectPrintsOneReprPerObjectAndStopsAtCount() throws Exception {
        try (PythonProcess server = PythonProcess.start(script("framed_server.py"), "--clients", "1")) {
            int port = pythonServerPort(server);
            CapturedStream out = new CapturedStream();
            CapturedStream err = new CapturedStream();
            assertThat(CliTestSupport.run(out, err, "connect", "--port", Integer.toString(port),
                    "--send", TUTORIAL_VALUE, "--send", "[1, 2.5, None]", "--count", "2", "--timeout", "30"))
                    .as(err.text()).isZero();
            String expected = PythonProcess.run("import ast, sys\n"
                    + "for a in sys.argv[1:]: print(repr(ast.literal_eval(a)))", TUTORIAL_VALUE, "[1, 2.5, None]");
            assertThat(out.text()).isEqualTo(expected);
            assertThat(server.finish()).isEqualTo(expected);
        }
    }

    @Test
    void serveEchoAnswersThePythonFramedClient() throws Exception {
        try (CliTestSupport cli = new CliTestSupport()) {
            int port = cli.startServe("serve", "--port", "0", "--echo", "--max-clients", "1");
            String reprs;
            try (PythonProcess client = PythonProcess.start(script("framed_client.py"), "--port",
                    Integer.toString(port), "--send", TUTORIAL_VALUE, "--send", "(1, 'two', b'3')")) {
                reprs = client.finish();
            }
            assertThat(reprs).isEqualTo(PythonProcess.run("import ast, sys\n"
                    + "for a in sys.argv[1:]: print(repr(ast.literal_eval(a)))", TUTORIAL_VALUE, "(1, 'two', b'3')"));
            assertThat(cli.exitCode()).isZero();
        }
    }

    @Test
    void demoPrintsTheTutorialsTranscript() throws Exception {
        String[] python = pythonTranscript(3);
        CapturedStream out = new CapturedStream();
        CapturedStream err = new CapturedStream();
        assertThat(CliTestSupport.run(out, err, "demo", "--protocol", "3")).as(err.text()).isZero();
        String text = out.text();
        assertThat(text).endsWith(python[1]).endsWith(TUTORIAL_VALUE + "\n");
        assertThat(text.lines().toList()).contains(python[0].lines().toList().get(1));
    }

    @Test
    void serveIdleTimeoutClosesAClientThatSendsNothing() throws Exception {
        try (CliTestSupport cli = new CliTestSupport()) {
            int port = cli.startServe("serve", "--port", "0", "--echo", "--idle-timeout", "0.3", "--max-clients", "1");
            try (PickleClient quiet = PickleClient.builder().readTimeout(CliTestSupport.PATIENCE)
                    .connect("127.0.0.1", port)) {
                // The server hangs up on its own: end of stream, well before our 30 s read timeout.
                assertThat(quiet.receiveFrame()).isNull();
            }
            assertThat(cli.exitCode()).isZero();
        }
    }

    @Test
    void serveMaxConnectionsTurnsAwayTheClientBeyondTheBound() throws Exception {
        try (CliTestSupport cli = new CliTestSupport()) {
            int port = cli.startServe("serve", "--port", "0", "--echo", "--max-connections", "1", "--max-clients", "1");
            try (PickleClient first = PickleClient.builder().readTimeout(CliTestSupport.PATIENCE)
                    .connect("127.0.0.1", port)) {
                cli.out.await("established", CliTestSupport.PATIENCE);
                try (PickleClient second = PickleClient.builder().readTimeout(CliTestSupport.PATIENCE)
                        .connect("127.0.0.1", port)) {
                    assertThat(second.receiveFrame()).isNull();
                }
                first.send(List.of(1, 2));
                assertThat(first.receive()).isEqualTo(List.of(1, 2));
            }
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out.text()).containsOnlyOnce("established");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--idle-timeout=0", "--idle-timeout=-1", "--frame-timeout=nan", "--max-connections=0"})
    void serveRefusesBadServerSettings(String option) {
        CapturedStream out = new CapturedStream();
        CapturedStream err = new CapturedStream();
        assertThat(CliTestSupport.run(out, err, "serve", "--port", "0", option)).isEqualTo(2);
        assertThat(err.text()).contains(option.substring(0, option.indexOf('=')));
    }

    @Test
    void serveRelayIsAChatRoomForThreeClients() throws Exception {
        byte[] hello = pythonPickle("('a', 'hello')", 3);
        byte[] reply = pythonPickle("('b', 'hi a')", 5);
        try (CliTestSupport cli = new CliTestSupport()) {
            int port = cli.startServe("serve", "--port", "0", "--relay", "--max-clients", "3");
            try (PickleClient a = PickleClient.builder().readTimeout(CliTestSupport.PATIENCE).connect("127.0.0.1", port);
                    PickleClient b = PickleClient.builder().readTimeout(CliTestSupport.PATIENCE).connect("127.0.0.1", port);
                    PickleClient c = PickleClient.builder().readTimeout(CliTestSupport.PATIENCE).connect("127.0.0.1", port)) {
                cli.out.await("(?s)(established.*){3}", CliTestSupport.PATIENCE);
                a.sendFrame(hello);
                // Relayed as received: the very bytes python3 wrote, to everyone but the sender.
                assertThat(b.receiveFrame()).isEqualTo(hello);
                assertThat(c.receiveFrame()).isEqualTo(hello);
                b.sendFrame(reply);
                assertThat(a.receiveFrame()).isEqualTo(reply);
                assertThat(c.receiveFrame()).isEqualTo(reply);
            }
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out.text()).contains(": ('a', 'hello')", ": ('b', 'hi a')");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 4, 5})
    void serveSendsALiteralAsCPythonPicklesIt(int protocol) throws Exception {
        String literal = "[1, 'two', (3.5, None), {b'k': {True}}]";
        byte[] expected = pythonPickle(literal, protocol);
        try (CliTestSupport cli = new CliTestSupport()) {
            int port = cli.startServe("serve", "--port", "0", "--send", literal, "--protocol",
                    Integer.toString(protocol), "--max-clients", "1");
            try (PickleClient client = PickleClient.builder().readTimeout(CliTestSupport.PATIENCE)
                    .connect("127.0.0.1", port)) {
                assertThat(client.receiveFrame()).isEqualTo(expected);
            }
            assertThat(cli.exitCode()).isZero();
        }
    }
}
