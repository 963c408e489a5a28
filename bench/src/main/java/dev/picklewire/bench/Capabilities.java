package dev.picklewire.bench;

import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import java.util.Arrays;

/**
 * Prints, for every payload and protocol, what each codec can do with it: decode CPython's bytes, encode the
 * decoded graph again, and whether the encoding is byte for byte CPython's. A tab-separated table on stdout.
 *
 * <p>This is the record of what the throughput tables leave out: a codec that cannot decode a payload has no
 * row there, and the reason is here. Run: {@code java -cp bench/target/benchmarks.jar
 * dev.picklewire.bench.Capabilities}.
 */
public final class Capabilities {
    private Capabilities() {
    }

    public static void main(String[] args) {
        System.out.println("payload\tprotocol\tcodec\tloads\tdumps\tdumps_protocol\tsame_bytes_as_cpython");
        for (String name : Payloads.NAMES) {
            for (int protocol : new int[] {2, 5}) {
                byte[] cpython = Payloads.read(name, protocol);
                picklewire(name, protocol, cpython);
                pyrolite(name, protocol, cpython);
            }
        }
    }

    private static void picklewire(String name, int protocol, byte[] cpython) {
        Object value;
        try {
            value = Unpickler.defaults().loads(cpython);
        } catch (RuntimeException | Error e) {
            row(name, protocol, "picklewire", failure(e), "-", "-", "-");
            return;
        }
        try {
            byte[] out = Pickler.builder().protocol(protocol).build().dumps(value);
            row(name, protocol, "picklewire", "ok", "ok", String.valueOf(protocol), same(out, cpython));
        } catch (RuntimeException | Error e) {
            row(name, protocol, "picklewire", "ok", failure(e), "-", "-");
        }
    }

    private static void pyrolite(String name, int protocol, byte[] cpython) {
        Object value;
        try {
            value = new net.razorvine.pickle.Unpickler().loads(cpython);
        } catch (Exception | Error e) {
            row(name, protocol, "pyrolite", failure(e), "-", "-", "-");
            return;
        }
        try {
            byte[] out = new net.razorvine.pickle.Pickler().dumps(value);
            // Pyrolite writes protocol 2 whatever it read; only a protocol-2 pickle can match CPython's.
            row(name, protocol, "pyrolite", "ok", "ok", String.valueOf(out[1]), same(out, cpython));
        } catch (Exception | Error e) {
            row(name, protocol, "pyrolite", "ok", failure(e), "-", "-");
        }
    }

    private static String same(byte[] out, byte[] cpython) {
        return Arrays.equals(out, cpython) ? "yes" : "no (" + out.length + " vs " + cpython.length + " bytes)";
    }

    private static String failure(Throwable e) {
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        if (message.length() > 160) {
            message = message.substring(0, 160) + "...";
        }
        return "FAILS: " + e.getClass().getSimpleName() + ": " + message;
    }

    private static void row(String name, int protocol, String... cells) {
        System.out.println(name + "\t" + protocol + "\t" + String.join("\t", cells));
    }
}
