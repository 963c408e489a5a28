package dev.picklewire.net;

import static dev.picklewire.net.FrameFixtures.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The server on loopback, ephemeral ports, with raw frames (no codec needed). */
class PickleServerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static PickleServer.Builder server(ConnectionHandler handler) {
        return PickleServer.builder().port(0).handler(handler).shutdownTimeout(Duration.ofSeconds(5));
    }

    private static PickleClient client(PickleServer server) throws IOException {
        return PickleClient.builder().readTimeout(PATIENCE).connect("127.0.0.1", server.port());
    }

    /** Waits (bounded) for a condition the server reaches on its own threads. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static Set<Thread> picklewireThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("picklewire-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void bindsAnEphemeralPortOnLoopback() throws Exception {
        try (PickleServer server = server(ConnectionHandler.echo()).start()) {
            assertThat(server.port()).isPositive();
            assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void echoWithSeveralClientsAtOnce() throws Exception {
        int clients = 6;
        int frames = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (PickleServer server = server(ConnectionHandler.echo()).start()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    try (PickleClient client = client(server)) {
                        for (int i = 0; i < frames; i++) {
                            byte[] sent = ascii("client " + id + " frame " + i);
                            client.sendFrame(sent);
                            assertThat(client.receiveFrame()).isEqualTo(sent);
                        }
                        return frames;
                    }
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(frames);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void relayAmongThreeClients() throws Exception {
        try (PickleServer server = server(ConnectionHandler.relay()).start();
                PickleClient a = client(server);
                PickleClient b = client(server);
                PickleClient c = client(server)) {
            await(() -> server.connections().size() == 3, "three connections");
            a.sendFrame(ascii("from a"));
            assertThat(b.receiveFrame()).isEqualTo(ascii("from a"));
            assertThat(c.receiveFrame()).isEqualTo(ascii("from a"));
            b.sendFrame(ascii("from b"));
            // a never got its own message back: the next thing it sees is b's.
            assertThat(a.receiveFrame()).isEqualTo(ascii("from b"));
            assertThat(c.receiveFrame()).isEqualTo(ascii("from b"));
            c.close();
            await(() -> server.connections().size() == 2, "c to leave");
            a.sendFrame(ascii("after c left"));
            assertThat(b.receiveFrame()).isEqualTo(ascii("after c left"));
        }
    }

    @Test
    void aBadFrameClosesOnlyItsOwnConnection() throws Exception {
        try (PickleServer server = server(ConnectionHandler.echo()).start();
                PickleClient good = client(server);
                Socket bad = new Socket()) {
            good.sendFrame(ascii("before"));
            assertThat(good.receiveFrame()).isEqualTo(ascii("before"));
            bad.connect(new InetSocketAddress("127.0.0.1", server.port()));
            bad.setSoTimeout((int) PATIENCE.toMillis());
            bad.getOutputStream().write(ascii("+33       and some payload"));
            assertThat(readUntilClosed(bad.getInputStream())).isZero();
            good.sendFrame(ascii("after"));
            assertThat(good.receiveFrame()).isEqualTo(ascii("after"));
            await(() -> server.connections().size() == 1, "the bad connection to be gone");
        }
    }

    @Test
    void aTooLargeFrameClosesOnlyItsOwnConnection() throws Exception {
        Framing small = Framing.builder().maxFrameSize(16).build();
        try (PickleServer server = server(ConnectionHandler.echo()).framing(small).start();
                PickleClient good = PickleClient.builder().framing(small).readTimeout(PATIENCE)
                        .connect("127.0.0.1", server.port());
                PickleClient big = PickleClient.builder().framing(small).readTimeout(PATIENCE)
                        .connect("127.0.0.1", server.port())) {
            big.sendFrame(new byte[17]);
            assertThat(big.receiveFrame()).isNull();
            good.sendFrame(new byte[16]);
            assertThat(good.receiveFrame()).hasSize(16);
        }
    }

    /** Reads until the server closes; returns how many bytes came first (a reset counts as closed). */
    private static int readUntilClosed(InputStream in) throws IOException {
        int count = 0;
        try {
            while (in.read() >= 0) {
                count++;
            }
        } catch (SocketException reset) {
            // The server closed with our unread bytes pending: a reset is its way of saying goodbye.
        }
        return count;
    }

    @Test
    void idleTimeoutClosesASilentConnection() throws Exception {
        try (PickleServer server = server(ConnectionHandler.echo()).idleTimeout(Duration.ofMillis(200)).start();
                PickleClient silent = client(server)) {
            assertThat(silent.receiveFrame()).isNull();
            await(() -> server.connections().isEmpty(), "the idle connection to be closed");
        }
    }

    @Test
    void perFrameTimeoutCutsOffASlowlorisPeer() throws Exception {
        try (PickleServer server = server(ConnectionHandler.echo())
                .idleTimeout(Duration.ofSeconds(20))
                .frameTimeout(Duration.ofMillis(300))
                .start();
                PickleClient good = client(server);
                Socket slow = new Socket("127.0.0.1", server.port())) {
            slow.setSoTimeout((int) PATIENCE.toMillis());
            byte[] frame = ascii("30        " + "x".repeat(30));
            OutputStream out = slow.getOutputStream();
            int sent = 0;
            try {
                // One byte every 100 ms: each read is quick, the whole frame would take 4 s.
                for (; sent < frame.length; sent++) {
                    out.write(frame[sent]);
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (SocketException cutOff) {
                // The server closed while we were still trickling: what we expect.
            }
            assertThat(sent).isLessThan(frame.length);
            assertThat(readUntilClosed(slow.getInputStream())).isZero();
            good.sendFrame(ascii("still fine"));
            assertThat(good.receiveFrame()).isEqualTo(ascii("still fine"));
        }
    }

    @Test
    void excessConnectionsAreClosed() throws Exception {
        try (PickleServer server = server(ConnectionHandler.echo()).maxConnections(2).start();
                PickleClient a = client(server);
                PickleClient b = client(server)) {
            await(() -> server.connections().size() == 2, "two connections");
            try (PickleClient c = client(server)) {
                assertThat(c.receiveFrame()).isNull();
            }
            a.sendFrame(ascii("a"));
            assertThat(a.receiveFrame()).isEqualTo(ascii("a"));
            assertThat(server.acceptedCount()).isEqualTo(3);
        }
    }

    @Test
    void closeEndsEveryThreadAndConnection() throws Exception {
        Set<Thread> before = picklewireThreads();
        PickleServer server = server(ConnectionHandler.echo()).start();
        List<PickleClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                PickleClient c = client(server);
                clients.add(c);
                c.sendFrame(ascii("hello"));
                assertThat(c.receiveFrame()).isEqualTo(ascii("hello"));
            }
            assertThat(picklewireThreads()).hasSizeGreaterThanOrEqualTo(before.size() + 5);
        } finally {
            server.close();
        }
        assertThat(picklewireThreads()).isEqualTo(before);
        assertThat(server.connections()).isEmpty();
        for (PickleClient c : clients) {
            assertThat(c.receiveFrame()).isNull();
            c.close();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(IOException.class);
    }

    @Test
    void closeIsIdempotentAndPortIsReusable() throws Exception {
        PickleServer server = server(ConnectionHandler.echo()).start();
        server.close();
        server.close();
        assertThat(server.isClosed()).isTrue();
    }

    @Test
    void aThrowingHandlerClosesItsConnectionOnly() throws Exception {
        ConnectionHandler handler = c -> {
            for (byte[] p; (p = c.receiveFrame()) != null; ) {
                if (new String(p, java.nio.charset.StandardCharsets.US_ASCII).equals("boom")) {
                    throw new IllegalStateException("handler bug");
                }
                c.sendFrame(p);
            }
        };
        try (PickleServer server = server(handler).start();
                PickleClient a = client(server);
                PickleClient b = client(server)) {
            a.sendFrame(ascii("boom"));
            assertThat(a.receiveFrame()).isNull();
            b.sendFrame(ascii("fine"));
            assertThat(b.receiveFrame()).isEqualTo(ascii("fine"));
        }
    }

    @Test
    void builderNeedsAHandler() {
        assertThatThrownBy(() -> PickleServer.builder().port(0).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handler");
    }

    @Test
    void pythonAddressLooksLikeTheTutorialsTranscript() {
        assertThat(PickleServer.pythonAddress(new InetSocketAddress("127.0.0.1", 50373)))
                .isEqualTo("('127.0.0.1', 50373)");
    }
}
