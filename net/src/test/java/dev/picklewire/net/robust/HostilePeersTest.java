package dev.picklewire.net.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.net.ConnectionHandler;
import dev.picklewire.net.PickleClient;
import dev.picklewire.net.PickleServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers against one server on loopback (idle and per-frame timeouts 500 ms): each is closed with a
 * logged reason, and a well-behaved client is served while they are all connected.
 */
class HostilePeersTest {
    private static final Duration SHORT = Duration.ofMillis(500);
    /** Longest wait for the server to close a hostile peer: the timeouts plus slack for a loaded machine. */
    private static final int CLOSE_PATIENCE_MILLIS = 15_000;

    /** Echoes frames; a frame that starts like a pickle (0x80) is also unpickled, so bad pickles fail here. */
    static ConnectionHandler pickleCheckingEcho() {
        return connection -> {
            for (byte[] frame; (frame = connection.receiveFrame()) != null; ) {
                if (frame.length > 0 && (frame[0] & 0xff) == 0x80) {
                    Pickle.loads(frame);
                }
                connection.sendFrame(frame);
            }
        };
    }

    /** One hostile behaviour: what it writes, and whether it then goes on trickling. */
    private record Peer(String name, byte[] bytes, boolean trickle, boolean halfClose) {
    }

    private static List<Peer> peers() {
        byte[] bomb = new byte[] {(byte) 0x80, 2, 'B', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'a', '.'};
        byte[] hostilePickle = concat(ascii(String.format("%-10d", bomb.length)), bomb);
        return List.of(
                new Peer("header not a number", ascii("abcdefghij"), false, false),
                new Peer("header too large", ascii("9999999999"), false, false),
                new Peer("header negative", ascii("-5        "), false, false),
                new Peer("header cut short", ascii("12"), false, true),
                new Peer("payload cut short", ascii("10        abc"), false, true),
                new Peer("slowloris", ascii("20        "), true, false),
                new Peer("silent", new byte[0], false, false),
                new Peer("hostile pickle", hostilePickle, false, false));
    }

    @Test
    void hostilePeersAreClosedWithALoggedReasonWhileAGoodClientIsServed() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (ServerLog log = new ServerLog();
                PickleServer server = PickleServer.builder().port(0).handler(pickleCheckingEcho())
                        .idleTimeout(SHORT).frameTimeout(SHORT).shutdownTimeout(Duration.ofSeconds(5)).start()) {
            List<Future<String>> outcomes = new ArrayList<>();
            List<Socket> sockets = new ArrayList<>();
            for (Peer p : peers()) {
                Socket s = new Socket("127.0.0.1", server.port());
                sockets.add(s);
                outcomes.add(pool.submit(() -> behave(p, s)));
            }
            // A well-behaved client, served while every hostile peer is connected.
            try (PickleClient good = PickleClient.builder().readTimeout(Duration.ofSeconds(20))
                    .connect("127.0.0.1", server.port())) {
                byte[] hello = ascii("hello, I am well behaved");
                good.sendFrame(hello);
                assertThat(good.receiveFrame()).isEqualTo(hello);
                good.sendFrame(Pickle.dumps(List.of(1, "two", 3.0)));
                assertThat(Pickle.loads(good.receiveFrame())).isEqualTo(List.of(1, "two", 3.0));
            }
            for (int i = 0; i < outcomes.size(); i++) {
                Peer p = peers().get(i);
                assertThat(outcomes.get(i).get()).as(p.name()).isEqualTo("closed by server");
                int port = sockets.get(i).getLocalPort();
                awaitLogged(log, "', " + port + ")", p.name());
                sockets.get(i).close();
            }
            System.out.println("HostilePeersTest server log:\n  " + String.join("\n  ", log.lines()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitLogged(ServerLog log, String text, String peer) throws InterruptedException {
        long deadline = System.currentTimeMillis() + CLOSE_PATIENCE_MILLIS;
        while (log.mentioning(text).isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no log line for " + peer + " (" + text + "): " + log.lines());
            }
            Thread.sleep(10);
        }
        assertThat(log.mentioning(text).get(0)).as(peer).contains("closing connection");
    }

    /** Plays the peer, then waits (bounded) for the server to close: EOF or reset on our side. */
    private static String behave(Peer p, Socket s) throws IOException, InterruptedException {
        s.setSoTimeout(CLOSE_PATIENCE_MILLIS);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(p.bytes());
        out.flush();
        if (p.halfClose()) {
            s.shutdownOutput();
        }
        if (p.trickle()) {
            // One byte per 300 ms: each read on the server succeeds, but the frame never completes in 500 ms.
            try {
                for (int i = 0; i < 50; i++) {
                    Thread.sleep(300);
                    out.write('x');
                    out.flush();
                }
            } catch (IOException closed) {
                return "closed by server";
            }
            return "still open after 15 s of trickling";
        }
        try {
            int r = in.read();
            return r < 0 ? "closed by server" : "server sent a byte: " + r;
        } catch (SocketTimeoutException e) {
            return "still open after " + CLOSE_PATIENCE_MILLIS + " ms";
        } catch (IOException reset) {
            return "closed by server";
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
