package dev.picklewire.net;

import static org.assertj.core.api.Assertions.fail;

import dev.picklewire.PythonRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running python3 child whose stdout a test reads line by line while it talks to it over a socket: core's
 * {@link PythonRunner} (same environment, same CI rule: a missing python3 fails under {@code CI=true}, is
 * skipped elsewhere) plus streaming. Shared with the cli tests through net's test-jar. Not thread-safe; the
 * test that starts one closes it.
 */
public final class PythonProcess implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;
    private final Process process;
    private final BufferedReader stdout;

    private PythonProcess(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The repository's examples/python folder. */
    public static Path examples() {
        return PythonRunner.repoRoot().resolve("examples").resolve("python");
    }

    /** Starts {@code python3 args...}; stderr goes to this JVM's stderr. */
    public static PythonProcess start(String... args) throws IOException {
        PythonRunner.requirePython();
        ProcessBuilder pb = PythonRunner.processBuilder(args).redirectError(ProcessBuilder.Redirect.INHERIT);
        // The tests wait for lines such as "listening on": Python must not hold them in a buffer.
        pb.environment().put("PYTHONUNBUFFERED", "1");
        return new PythonProcess(pb.start());
    }

    /** Runs {@code python3 -c script args...} to the end and returns its stdout. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("-c", script));
        all.addAll(List.of(args));
        try (PythonProcess p = start(all.toArray(String[]::new))) {
            return p.finish();
        }
    }

    /** The next stdout line, or null at its end. */
    public String readLine() throws IOException {
        return stdout.readLine();
    }

    /** Reads stdout to the end, waits for exit, and fails unless the exit code is 0. */
    public String finish() throws IOException, InterruptedException {
        StringBuilder sb = new StringBuilder();
        for (String line; (line = stdout.readLine()) != null; ) {
            sb.append(line).append('\n');
        }
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            fail("python3 did not exit within " + WAIT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            fail("python3 exited with " + process.exitValue() + "; stdout:\n" + sb);
        }
        return sb.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
