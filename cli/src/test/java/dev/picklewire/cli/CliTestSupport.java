package dev.picklewire.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs {@link Main#run} in the background (for serve) and in the foreground, with captured streams. */
final class CliTestSupport implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    final CapturedStream out = new CapturedStream();
    final CapturedStream err = new CapturedStream();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private Future<Integer> running;

    /** Starts a command that keeps running (serve) and returns the port it announced on stderr. */
    int startServe(String... args) throws InterruptedException {
        running = pool.submit(() -> Main.run(args, out.stream, err.stream));
        return Integer.parseInt(err.await("listening on \\S+ port (\\d+)", PATIENCE));
    }

    /** Waits (bounded) for the background command's exit code. */
    int exitCode() throws Exception {
        return running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    static int run(CapturedStream out, CapturedStream err, String... args) {
        return Main.run(args, out.stream, err.stream);
    }

    /** A port nothing listens on (just closed; fine on loopback for a refused-connection test). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
