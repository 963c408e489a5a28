package dev.picklewire.bench;

import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import dev.picklewire.types.PyTuple;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a first dumps of a graph costs more than a second: decodes a payload, then times one dumps of the
 * fresh graph and right after another of the same graph, many times over; prints the medians of both.
 *
 * <pre>
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar dev.picklewire.bench.FirstDump \
 *     PAYLOAD PROTOCOL PAIRS [hash] [gc] [evict]
 * </pre>
 *
 * Between the decoding and the first dumps (untimed): {@code hash} gives every object of the graph its identity
 * hash, {@code gc} runs a full collection (the graph moves to the old generation). Between the two dumps:
 * {@code evict} walks a 64 MB array, so the second dumps finds the caches as cold as the first did.
 */
public final class FirstDump {
    private static final long[] EVICTION = new long[8 << 20];
    /** Where the walks' reads go (a static field's stores are never optimised away). */
    private static long sink;

    private FirstDump() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: FirstDump PAYLOAD PROTOCOL PAIRS [hash] [gc] [evict]");
        }
        String payload = args[0];
        int protocol = Integer.parseInt(args[1]);
        int pairs = Integer.parseInt(args[2]);
        List<String> modes = Arrays.asList(args).subList(3, args.length);
        byte[] data = Payloads.read(payload, protocol);
        Unpickler unpickler = Unpickler.defaults();
        Pickler pickler = Pickler.builder().protocol(protocol).build();
        long[] first = new long[pairs];
        long[] second = new long[pairs];
        for (int r = -pairs / 2; r < pairs; r++) { // the first half-count of pairs warms up
            Object graph = unpickler.loads(data);
            if (modes.contains("hash")) {
                hashAll(graph, new IdentityHashMap<>());
            }
            if (modes.contains("gc")) {
                System.gc();
            }
            long t0 = System.nanoTime();
            pickler.dumps(graph);
            long t1 = System.nanoTime();
            if (modes.contains("evict")) {
                evict();
            }
            long t2 = System.nanoTime();
            pickler.dumps(graph);
            long t3 = System.nanoTime();
            if (r >= 0) {
                first[r] = t1 - t0;
                second[r] = t3 - t2;
            }
        }
        Arrays.sort(first);
        Arrays.sort(second);
        double a = first[pairs / 2] / 1e6;
        double b = second[pairs / 2] / 1e6;
        System.out.printf("%s p%d %s: first dumps %.3f ms, second %.3f ms, first/second %.2f (medians of %d)%n",
                payload, protocol, modes.isEmpty() ? "plain" : String.join("+", modes), a, b, a / b, pairs);
    }

    /** Every object reachable through lists, dicts and tuples, once each (the graphs share objects). */
    private static void hashAll(Object o, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        sink += System.identityHashCode(o);
        if (o instanceof List<?> list) {
            for (Object item : list) {
                hashAll(item, seen);
            }
        } else if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                hashAll(e.getKey(), seen);
                hashAll(e.getValue(), seen);
            }
        } else if (o instanceof PyTuple t) {
            for (Object item : t) {
                hashAll(item, seen);
            }
        }
    }

    private static void evict() {
        for (int i = 0; i < EVICTION.length; i += 8) { // one write per 64-byte line
            sink += ++EVICTION[i];
        }
    }
}
