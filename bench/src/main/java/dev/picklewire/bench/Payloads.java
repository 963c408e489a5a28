package dev.picklewire.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the payload files that {@code bench/payloads/make_payloads.py} writes.
 *
 * <p>The directory is {@code $PICKLEWIRE_PAYLOADS}, else {@code bench/target/payloads} under the working
 * directory (JMH forks inherit both, which system properties would not). Stateless; thread-safe.
 *
 * <pre>{@code
 * byte[] cpython = Payloads.read("records", 5);   // CPython 3.11's pickle.dumps(records, protocol=5)
 * }</pre>
 */
public final class Payloads {
    /** Every payload name, in the order the tables list them. */
    public static final String[] NAMES = {
        "tutorial", "ints", "floats", "str_int_dict", "records", "bytes100m", "strings", "nested"
    };

    private Payloads() {
    }

    public static Path directory() {
        String env = System.getenv("PICKLEWIRE_PAYLOADS");
        return Path.of(env != null && !env.isEmpty() ? env : "bench/target/payloads");
    }

    /** CPython's pickle of payload {@code name} at {@code protocol}. */
    public static byte[] read(String name, int protocol) {
        Path file = directory().resolve(name + ".p" + protocol + ".pickle");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("payload " + file + " missing: run bench/payloads/make_payloads.py", e);
        }
    }
}
