package dev.picklewire.bench;

import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * loads and dumps of every payload, picklewire and Pyrolite side by side in one run.
 *
 * <p>loads decodes CPython's bytes for the payload at the given protocol; dumps encodes the graph that same
 * codec decoded (fresh dumps: a graph decoded again before each call), picklewire at the given protocol,
 * Pyrolite at protocol 2 (the only one its Pickler writes, so its dumps rows under protocol 5 write protocol 2
 * all the same). A payload a codec cannot decode fails that codec's rows in setup; {@link Capabilities} prints
 * the reason. {@code memcpyBaseline} copies the pickle's bytes into a new array: the memory-copy speed the
 * big-payload targets are measured against. Throughput in operations per second; run with {@code -prof gc}
 * for bytes allocated per operation. Each benchmark method's state is per trial but the fresh graph's.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar CodecBench -p payload=records -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBench {
    @Param({"tutorial", "ints", "floats", "str_int_dict", "records", "bytes100m", "strings", "nested"})
    public String payload;

    @Param({"2", "5"})
    public int protocol;

    private byte[] cpython;
    private Unpickler unpickler;
    private Pickler pickler;

    @Setup(Level.Trial)
    public void setUp() {
        cpython = Payloads.read(payload, protocol);
        unpickler = Unpickler.defaults();
        pickler = Pickler.builder().protocol(protocol).build();
    }

    /** State for the picklewire dumps rows: decodes once, so a Pyrolite failure cannot hide picklewire's rows. */
    @State(Scope.Benchmark)
    public static class PicklewireGraph {
        Object value;

        @Setup(Level.Trial)
        public void setUp(CodecBench bench) {
            value = bench.unpickler.loads(bench.cpython);
            settle();
        }
    }

    /**
     * State for the fresh dumps rows: the graph decoded again before every call (untimed), so each dumps walks a
     * young graph nobody has dumped yet, as a program that builds a value and sends it once has it. The plain
     * dumps rows walk one settled graph again and again: old, compacted, and with every identity hash the memo
     * asks for already in its objects' headers. JMH's allocation figure for these rows counts the decoding too.
     */
    @State(Scope.Thread)
    public static class FreshGraph {
        Object value;

        @Setup(Level.Invocation)
        public void decode(CodecBench bench) {
            value = bench.unpickler.loads(bench.cpython);
        }
    }

    /** State for the Pyrolite dumps rows: the graph Pyrolite decoded from CPython's bytes. */
    @State(Scope.Benchmark)
    public static class PyroliteGraph {
        Object value;

        @Setup(Level.Trial)
        public void setUp(CodecBench bench) throws Exception {
            value = new net.razorvine.pickle.Unpickler().loads(bench.cpython);
            settle();
        }
    }

    /**
     * Full collections before a dumps trial, so the graph it walks sits in the old generation, compacted in the
     * order it was made, in every iteration and every fork, instead of wherever the young collections of the
     * first iterations happen to copy it (the order of a walk over memory changes its cache misses).
     */
    static void settle() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
    }

    @Benchmark
    public Object picklewireLoads() {
        return unpickler.loads(cpython);
    }

    @Benchmark
    public byte[] picklewireDumps(PicklewireGraph graph) {
        return pickler.dumps(graph.value);
    }

    @Benchmark
    public byte[] picklewireFreshDumps(FreshGraph graph) {
        return pickler.dumps(graph.value);
    }

    /**
     * The memory-copy yardstick: a fresh copy of the pickle's bytes, what any decoder that returns its own
     * array must pay at least. The 100 MB bytes payload's targets are set against it. {@code Arrays.copyOf},
     * not {@code clone()}: C2 allocates its array without zeroing it first, the fastest fresh copy the JVM
     * makes (on Java 17, G1, {@code clone()} of the 100 MB and 150 MB pickles ran at 74 % and 56 % of it).
     */
    @Benchmark
    public byte[] memcpyBaseline() {
        return Arrays.copyOf(cpython, cpython.length);
    }

    @Benchmark
    public Object pyroliteLoads() throws Exception {
        // Pyrolite's Unpickler keeps per-load state and is not thread-safe: a new one per load, as its docs do.
        return new net.razorvine.pickle.Unpickler().loads(cpython);
    }

    @Benchmark
    public byte[] pyroliteDumps(PyroliteGraph graph) throws Exception {
        return new net.razorvine.pickle.Pickler().dumps(graph.value);
    }
}
