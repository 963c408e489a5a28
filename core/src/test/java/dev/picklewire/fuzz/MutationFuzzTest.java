package dev.picklewire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.picklewire.Unpickler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the reader, run in every build within a fixed budget.
 *
 * <p>Each iteration picks a seed pickle ({@code tools/fuzz/make_seeds.py}), mutates it ({@link Mutator}) and
 * checks it with {@link FuzzOracle}: {@code loads} and the chunked stream reader must end the same way, with a
 * value or a {@code PickleException}. One worker thread runs the executions; this thread is the watchdog and
 * fails the test when one execution runs longer than the per-execution limit.
 *
 * <p>Budget (system properties; defaults in brackets, CI=true first):
 * <ul>
 *   <li>{@code picklewire.fuzz.executions}: stop after this many executions [1,000,000 | 20,000]</li>
 *   <li>{@code picklewire.fuzz.seconds}: or after this many seconds [170 | 15] ...</li>
 *   <li>{@code picklewire.fuzz.minExecutions}: ... but never before this many [50,000 | 2,000]</li>
 *   <li>{@code picklewire.fuzz.seed}: the run's seed [random, printed]</li>
 *   <li>{@code picklewire.fuzz.execTimeoutMillis}: the hang threshold per execution [5000]</li>
 * </ul>
 * A finding fails the test with the seed, the iteration and the input in hex, and is written to
 * {@code target/fuzz-findings/} in the format of {@code src/test/resources/fuzz/regressions/}, where it belongs
 * once understood ({@link FuzzRegressionTest} replays that folder in every build).
 */
class MutationFuzzTest {
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    static long longProperty(String name, long ciDefault, long localDefault) {
        String v = System.getProperty(name);
        return v != null && !v.isBlank() ? Long.parseLong(v.strip()) : CI ? ciDefault : localDefault;
    }

    /** The input of iteration {@code i} depends only on the run seed and i, so one iteration replays alone. */
    static Random iterationRandom(long seed, long i) {
        return new Random(seed * 0x9E3779B97F4A7C15L + i);
    }

    @Test
    void mutatedPicklesEndInAValueOrAPickleException() throws InterruptedException {
        long seed = longProperty("picklewire.fuzz.seed", new Random().nextLong(), new Random().nextLong());
        long maxExecutions = longProperty("picklewire.fuzz.executions", 1_000_000, 20_000);
        long maxSeconds = longProperty("picklewire.fuzz.seconds", 170, 15);
        long minExecutions = Math.min(maxExecutions, longProperty("picklewire.fuzz.minExecutions", 50_000, 2_000));
        long execTimeoutNanos = longProperty("picklewire.fuzz.execTimeoutMillis", 5000, 5000) * 1_000_000L;
        List<FuzzCorpus.Entry> seeds = FuzzCorpus.seeds();
        System.out.printf("MutationFuzzTest: seed=%d (-Dpicklewire.fuzz.seed=%d to replay), %d seed inputs,"
                + " budget %d executions / %d s (floor %d)%n", seed, seed, seeds.size(), maxExecutions, maxSeconds,
                minExecutions);

        Worker worker = new Worker(seed, seeds, maxExecutions, minExecutions, maxSeconds * 1_000_000_000L);
        Thread thread = new Thread(worker, "picklewire-fuzz-worker");
        thread.setDaemon(true); // a hung execution must not keep the JVM alive after the test has failed
        thread.start();
        while (thread.isAlive()) {
            thread.join(50);
            long started = worker.execStartNanos;
            if (thread.isAlive() && started != 0 && System.nanoTime() - started > execTimeoutNanos) {
                thread.interrupt();
                report(seed, worker.iteration, worker.input, "execution took longer than "
                        + execTimeoutNanos / 1_000_000 + " ms (hang?)\n" + stackOf(thread));
            }
        }
        long elapsed = worker.endNanos - worker.startNanos;
        System.out.printf("MutationFuzzTest: %d executions (%d value, %d exception) in %.1f s = %.0f exec/s,"
                + " seed=%d%n", worker.executions, worker.values, worker.executions - worker.values, elapsed / 1e9,
                worker.executions / (elapsed / 1e9), seed);
        Finding f = worker.finding.get();
        if (f != null) {
            report(seed, f.iteration, f.input, f.problem);
        }
        assertThat(worker.executions).isGreaterThanOrEqualTo(minExecutions);
    }

    private static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder("worker stack:\n");
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("    at ").append(e).append('\n');
        }
        return sb.toString();
    }

    static void report(long seed, long iteration, byte[] input, String problem) {
        String hex = HexFormat.of().formatHex(input);
        String name = "seed" + Long.toUnsignedString(seed, 16) + "-iter" + iteration;
        Path file = Path.of("target", "fuzz-findings", name + ".hex");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# " + problem.lines().findFirst().orElse("") + "\n" + name + " " + hex + "\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fail("fuzz finding: seed=" + seed + " iteration=" + iteration + " (" + input.length + " bytes, saved to "
                + file.toAbsolutePath() + ")\ninput hex: " + (hex.length() > 8192 ? hex.substring(0, 8192) + "..." : hex)
                + "\n" + problem);
    }

    private record Finding(long iteration, byte[] input, String problem) {
    }

    /** The execution loop, on its own thread; its progress fields are read by the watchdog. */
    private static final class Worker implements Runnable {
        private final long seed;
        private final List<FuzzCorpus.Entry> seeds;
        private final long maxExecutions;
        private final long minExecutions;
        private final long maxNanos;
        private final FuzzOracle lenient = new FuzzOracle(Unpickler.defaults());
        private final FuzzOracle strict = new FuzzOracle(Unpickler.builder().strict(true).build());
        final AtomicReference<Finding> finding = new AtomicReference<>();
        volatile long execStartNanos;
        volatile long iteration;
        volatile byte[] input = new byte[0];
        volatile long executions;
        volatile long values;
        volatile long startNanos;
        volatile long endNanos;

        Worker(long seed, List<FuzzCorpus.Entry> seeds, long maxExecutions, long minExecutions, long maxNanos) {
            this.seed = seed;
            this.seeds = seeds;
            this.maxExecutions = maxExecutions;
            this.minExecutions = minExecutions;
            this.maxNanos = maxNanos;
        }

        @Override
        public void run() {
            startNanos = System.nanoTime();
            try {
                for (long i = 0; i < maxExecutions; i++) {
                    if (i >= minExecutions && System.nanoTime() - startNanos > maxNanos) {
                        break;
                    }
                    if (!execute(i)) {
                        break;
                    }
                }
            } finally {
                execStartNanos = 0;
                endNanos = System.nanoTime();
            }
        }

        private boolean execute(long i) {
            Random random = iterationRandom(seed, i);
            byte[] seedInput = seeds.get(random.nextInt(seeds.size())).data();
            byte[] data = new Mutator(random, seeds).mutate(seedInput);
            iteration = i;
            input = data;
            execStartNanos = System.nanoTime();
            String problem = (i & 7) == 7 ? strict.check(data, random.nextLong()) : lenient.check(data, random.nextLong());
            execStartNanos = 0;
            executions = i + 1;
            if (problem == null) {
                values = lenient.valuesLoaded() + strict.valuesLoaded();
                return true;
            }
            finding.set(new Finding(i, data, problem));
            return false;
        }
    }
}
