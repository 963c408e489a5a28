package dev.picklewire;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code python3} as a test peer: a script plus stdin bytes in, stdout bytes, stderr text and the
 * exit code out, under a timeout. Shared by every test that needs CPython as the reference.
 *
 * <p>Every test that needs Python calls {@link #requirePython()} first: when {@code python3} is missing it
 * FAILS the test if the environment variable {@code CI} is {@code true}, and otherwise aborts it with a JUnit
 * assumption (reported as skipped).
 *
 * <p>The child runs with {@code PYTHONHASHSEED=0} (set iteration order is reproducible),
 * {@code PYTHONIOENCODING=utf-8}, and {@code PYTHONPATH} pointing at {@code tools/golden} so the golden
 * vectors' user types ({@code golden_types}) import. Its working directory is the repository root.
 *
 * <p>Thread-safe; each call starts its own process and waits for it; the process is killed on timeout.
 *
 * <pre>{@code
 * PythonRunner.requirePython();
 * PythonRunner.Result r = PythonRunner.run(
 *         "import sys, pickle; print(repr(pickle.loads(sys.stdin.buffer.read())))", data);
 * assertThat(r.exitCode()).as(r.stderr()).isZero();
 * assertThat(r.stdoutText().strip()).isEqualTo("{1: 'hi', 2: 'there'}");
 * }</pre>
 */
public final class PythonRunner {
    /** Timeout of {@link #run(String, byte[])}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static volatile Boolean available;
    /** The pipe threads of every call (daemons: a leftover one never holds the test JVM up). */
    private static final ExecutorService IO = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "python3-pipe");
        t.setDaemon(true);
        return t;
    });

    private PythonRunner() {
    }

    /** What one python3 run produced. */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        /** stdout decoded as UTF-8. */
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Fails (with stderr in the message) unless the exit code is 0; returns this for chaining. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("python3 exited with " + exitCode + ":\n" + stderr);
            }
            return this;
        }

        /** The last line of stderr, e.g. a traceback's {@code ValueError: memo key 8 has never been stored into}. */
        public String lastErrorLine() {
            String[] lines = stderr.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** True when {@code python3 --version} runs. Cached. */
    public static boolean isAvailable() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
        }
        return known;
    }

    /** Fails under {@code CI=true} when python3 is missing, otherwise skips the calling test (assumption). */
    public static void requirePython() {
        if (isAvailable()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("python3 is required on CI (CI=true) but was not found on PATH");
        }
        assumeTrue(false, "python3 not found on PATH; skipping (set CI=true to make this a failure)");
    }

    /** Runs {@code python3 -c script} with {@code stdin} (may be empty) and the default timeout. */
    public static Result run(String script, byte[] stdin) {
        return run(DEFAULT_TIMEOUT, stdin, "-c", script);
    }

    /** Runs {@code python3 -c script args...} with {@code stdin}; {@code sys.argv[1:]} are {@code args}. */
    public static Result run(String script, byte[] stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", script));
        all.addAll(List.of(args));
        return run(DEFAULT_TIMEOUT, stdin, all.toArray(new String[0]));
    }

    /**
     * Runs {@code python3 pythonArgs...} with {@code stdin} bytes; kills it and throws {@link AssertionError} if
     * it outlives {@code timeout}.
     */
    public static Result run(Duration timeout, byte[] stdin, String... pythonArgs) {
        return run(processBuilder(pythonArgs), timeout, stdin);
    }

    /** Runs {@code python3 pythonArgs...} in {@code dir} with empty stdin and the default timeout. */
    public static Result runIn(Path dir, String... pythonArgs) {
        return run(processBuilder(pythonArgs).directory(dir.toFile()), DEFAULT_TIMEOUT, new byte[0]);
    }

    /**
     * A builder for {@code python3 pythonArgs...} with the environment and working directory described above,
     * for tests that talk to a long-running child themselves (callers first call {@link #requirePython()}).
     */
    public static ProcessBuilder processBuilder(String... pythonArgs) {
        List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(List.of(pythonArgs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot().toFile());
        Map<String, String> env = builder.environment();
        env.put("PYTHONHASHSEED", "0");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONPATH", repoRoot().resolve("tools").resolve("golden").toString());
        return builder;
    }

    private static Result run(ProcessBuilder builder, Duration timeout, byte[] stdin) {
        try {
            return await(builder.start(), stdin, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start python3", e);
        }
    }

    /** The repository root: the nearest ancestor of the working directory holding {@code tools/golden}. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("tools").resolve("golden"))) {
                return p;
            }
        }
        throw new IllegalStateException("no tools/golden above " + dir);
    }

    private static Result await(Process process, byte[] stdin, Duration timeout) {
        // stdout and stderr drain on their own threads and stdin is fed on a third, so a chatty child cannot
        // deadlock on a full pipe while we write to it. Threads of their own, not the common pool: on two cores
        // that has one worker, and Java 25 runs async tasks there, so the stdout reader held the only thread
        // until the child exited, the child waited for stdin, and every call ran into its timeout.
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), IO);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), IO);
        CompletableFuture<Void> in = CompletableFuture.runAsync(() -> writeAll(process.getOutputStream(), stdin), IO);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("python3 did not finish within " + timeout);
            }
            in.exceptionally(e -> null).get();
            return new Result(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for python3", e);
        } catch (ExecutionException e) {
            throw new AssertionError("python3 I/O failed", e.getCause());
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAll(OutputStream out, byte[] data) {
        // A child that exits without reading stdin closes the pipe; that is not our failure.
        try (out) {
            if (data != null) {
                out.write(data);
            }
        } catch (IOException ignored) {
            // broken pipe: the child did not want (all of) its input
        }
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
