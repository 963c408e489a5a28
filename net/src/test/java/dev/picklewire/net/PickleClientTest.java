package dev.picklewire.net;

import static dev.picklewire.net.FrameFixtures.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PickleClientTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void oneSenderAndOneReceiverThreadAtOnce() throws Exception {
        int frames = 300;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (PickleServer server = PickleServer.builder().port(0).handler(ConnectionHandler.echo()).start();
                PickleClient client = PickleClient.builder().readTimeout(PATIENCE).connect("127.0.0.1",
                        server.port())) {
            Future<?> sender = pool.submit(() -> {
                for (int i = 0; i < frames; i++) {
                    client.sendFrame(ascii("frame " + i));
                }
                return null;
            });
            Future<List<String>> receiver = pool.submit(() -> {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < frames; i++) {
                    got.add(new String(client.receiveFrame(), java.nio.charset.StandardCharsets.US_ASCII));
                }
                return got;
            });
            sender.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            List<String> got = receiver.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(got).hasSize(frames).startsWith("frame 0").endsWith("frame " + (frames - 1));
            for (int i = 0; i < frames; i++) {
                assertThat(got.get(i)).isEqualTo("frame " + i);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void concurrentSendersNeverInterleaveFrames() throws Exception {
        int threads = 4;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (PickleServer server = PickleServer.builder().port(0).handler(ConnectionHandler.echo()).start();
                PickleClient client = PickleClient.builder().readTimeout(PATIENCE).connect("127.0.0.1",
                        server.port())) {
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte[] payload = new byte[1000 + t];
                java.util.Arrays.fill(payload, (byte) t);
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        client.sendFrame(payload);
                    }
                    return null;
                }));
            }
            int[] counts = new int[threads];
            for (int i = 0; i < threads * each; i++) {
                byte[] p = client.receiveFrame();
                int t = p.length - 1000;
                assertThat(p).containsOnly((byte) t);
                counts[t]++;
            }
            for (Future<?> f : senders) {
                f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(counts).containsOnly(each);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void readTimeoutEndsAWaitForNothing() throws Exception {
        ConnectionHandler silent = c -> c.receiveFrame();
        try (PickleServer server = PickleServer.builder().port(0).handler(silent).start();
                PickleClient client = PickleClient.builder().readTimeout(Duration.ofMillis(100))
                        .connect("127.0.0.1", server.port())) {
            assertThatThrownBy(client::receiveFrame).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aBadFrameFromTheServerIsAFrameException() throws Exception {
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> serverSide = pool.submit(() -> {
                try (java.net.Socket s = raw.accept()) {
                    s.getOutputStream().write(ascii("2         ok3_3       xyz"));
                }
                return null;
            });
            try (PickleClient client = PickleClient.builder().readTimeout(PATIENCE)
                    .connect("127.0.0.1", raw.getLocalPort())) {
                assertThat(client.receiveFrame()).isEqualTo(ascii("ok"));
                assertThatThrownBy(client::receiveFrame)
                        .isInstanceOf(BadFrameHeaderException.class)
                        .hasMessageStartingWith("frame 2 at byte offset 12: bad header b'3_3       '");
            }
            serverSide.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            pool.shutdown();
        }
    }

    @Test
    void writesQueueInOrderAndLeaveAtFlushOrWhenTheBufferFills() throws Exception {
        int n = 5000; // well over one 64 KiB buffer of small frames
        try (PickleServer server = PickleServer.builder().port(0).handler(c -> {
            for (int i = 0; i < n; i++) {
                c.write(java.util.Map.of(1, "hi", 2, "there " + i));
            }
            c.flush();
            Object ack = c.receive(); // the client's answer proves the flush reached it before the close
            c.send(ack);
        }).start(); PickleClient client = PickleClient.builder().readTimeout(PATIENCE)
                .connect("127.0.0.1", server.port())) {
            for (int i = 0; i < n; i++) {
                assertThat(client.receive()).isEqualTo(java.util.Map.of(1, "hi", 2, "there " + i));
            }
            client.write("ack");
            client.flush();
            assertThat(client.receive()).isEqualTo("ack");
            assertThat(client.receive()).isNull();
        }
    }

    @Test
    void sendFlushesWhatWriteQueuedBeforeIt() throws Exception {
        try (PickleServer server = PickleServer.builder().port(0).handler(ConnectionHandler.echo()).start();
                PickleClient client = PickleClient.builder().readTimeout(PATIENCE)
                        .connect("127.0.0.1", server.port())) {
            client.write("one");
            client.writeFrame(dev.picklewire.Pickle.dumps("two"));
            client.send("three");
            assertThat(List.of(client.receive(), client.receive(), client.receive()))
                    .containsExactly("one", "two", "three");
        }
    }

    @Test
    void closeFlushesPendingWritesOnBothSides() throws Exception {
        java.util.concurrent.BlockingQueue<Object> got = new java.util.concurrent.LinkedBlockingQueue<>();
        try (PickleServer server = PickleServer.builder().port(0).handler(c -> {
            if ("receive".equals(c.receive())) {
                for (Object v; (v = c.receive()) != null; ) {
                    got.add(v);
                }
                got.add("clean end");
                return;
            }
            // The handler returns with writes still queued: closing the connection must deliver them.
            for (int i = 0; i < 3; i++) {
                c.write("bye " + i);
            }
        }).start()) {
            PickleClient client = PickleClient.builder().readTimeout(PATIENCE).connect("127.0.0.1", server.port());
            client.write("receive");
            for (int i = 0; i < 1000; i++) {
                client.write(i);
            }
            client.close();
            for (int i = 0; i < 1000; i++) {
                assertThat(got.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(i);
            }
            assertThat(got.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("clean end");
            assertThatThrownBy(() -> client.write("after close")).isInstanceOf(java.net.SocketException.class);
            assertThatThrownBy(client::flush).isInstanceOf(java.net.SocketException.class);
            client.close(); // idempotent

            try (PickleClient other = PickleClient.builder().readTimeout(PATIENCE)
                    .connect("127.0.0.1", server.port())) {
                other.send("talk");
                assertThat(List.of(other.receive(), other.receive(), other.receive()))
                        .containsExactly("bye 0", "bye 1", "bye 2");
                assertThat(other.receive()).isNull();
            }
        }
    }

    @Test
    void connectTimeoutAndReadTimeoutMustNotBeNegative() {
        assertThatThrownBy(() -> PickleClient.builder().readTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PickleClient.builder().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
