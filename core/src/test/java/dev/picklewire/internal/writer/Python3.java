package dev.picklewire.internal.writer;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code python3} for tests: a script on the command line, bytes in on stdin, bytes out on
 * stdout. Without python3 a test is skipped, except under {@code CI=true} where that is a failure.
 * (Kept small and local until the shared golden-branch runner is merged.)
 */
public final class Python3 {
    private static Boolean available;

    private Python3() {
    }

    /** Skips (or, on CI, fails) the calling test when python3 cannot be run. */
    public static void require() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c", "import sys; assert sys.version_info >= (3, 8)")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                fail("python3 is required under CI=true but cannot be run");
            }
            Assumptions.abort("python3 not available");
        }
    }

    /** Runs {@code script} with {@code input} on stdin and returns stdout; fails the test on a non-zero exit. */
    public static byte[] run(String script, byte[] input) {
        require();
        try {
            Process p = new ProcessBuilder("python3", "-c", script).start();
            Thread feeder = new Thread(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(input);
                } catch (IOException ignored) {
                    // python3 exited early; its exit code reports why
                }
            });
            feeder.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drainer = new Thread(() -> copy(p.getErrorStream(), err));
            drainer.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("python3 timed out");
            }
            feeder.join();
            drainer.join();
            if (p.exitValue() != 0) {
                fail("python3 failed: " + err.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run python3", e);
        }
    }

    public static String runText(String script, String input) {
        return new String(run(script, input.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process is gone; the exit code says enough
        }
    }
}
