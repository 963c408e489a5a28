package dev.picklewire.bench;

import dev.picklewire.types.PyDict;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
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
 * {@link PyDict} against {@link LinkedHashMap} on the shape of the str_int_dict payload: 100,000 distinct
 * 4-12 character ASCII keys to boxed ints. {@code put} fills a new map with fresh keys (String objects
 * whose hash is not cached yet, as the unpickler makes them); {@code iterate} walks the entries of a full
 * map; {@code get} looks every key up. Average time per operation; run with {@code -prof gc} for bytes
 * allocated per operation.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar DictBench -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DictBench {
    @Param({"PyDict", "LinkedHashMap"})
    public String map;

    @Param({"100000"})
    public int size;

    private String[] keys;
    private Integer[] values;
    private Map<Object, Object> full;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(20240611);
        keys = new String[size];
        values = new Integer[size];
        Map<Object, Object> seen = newMap();
        for (int i = 0; i < size; i++) {
            String k;
            do {
                char[] c = new char[4 + r.nextInt(9)];
                for (int j = 0; j < c.length; j++) {
                    c[j] = (char) ('a' + r.nextInt(26));
                }
                k = new String(c);
            } while (seen.putIfAbsent(k, k) != null);
            keys[i] = k;
            values[i] = r.nextInt();
        }
        full = newMap();
        for (int i = 0; i < size; i++) {
            full.put(keys[i], values[i]);
        }
    }

    /** New String objects for every put invocation, so that each computes its hash once, as decoded ones do. */
    @State(Scope.Thread)
    public static class FreshKeys {
        String[] keys;

        @Setup(Level.Invocation)
        public void setUp(DictBench bench) {
            keys = new String[bench.size];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = new String(bench.keys[i]);
            }
        }
    }

    private Map<Object, Object> newMap() {
        return map.equals("PyDict") ? new PyDict() : new LinkedHashMap<>();
    }

    @Benchmark
    public Object put(FreshKeys fresh) {
        Map<Object, Object> m = newMap();
        String[] ks = fresh.keys;
        for (int i = 0; i < ks.length; i++) {
            m.put(ks[i], values[i]);
        }
        return m;
    }

    @Benchmark
    public long iterate() {
        long sum = 0;
        for (Map.Entry<Object, Object> e : full.entrySet()) {
            sum += e.getKey().hashCode() + (Integer) e.getValue();
        }
        return sum;
    }

    @Benchmark
    public long get() {
        long sum = 0;
        for (String k : keys) {
            sum += (Integer) full.get(k);
        }
        return sum;
    }
}
