package dev.picklewire.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyTuple;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memo table against an {@link IdentityHashMap} model, over a run of dumps through one {@link WriterPool}:
 * small dumps in tables a big dump left behind (the one-by-one clear), big dumps after small ones (growth
 * inside a kept array), gaps in the memo indices, presizing, and tables too big to keep. The seed is in every
 * failure message; rerun one with {@code -Dpicklewire.seed=N}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a table left full would probe forever
class MemoTableTest {
    /** Dump sizes in the order they run: big then small, small then big, dense and sparse clears. */
    private static final int[] DUMP_SIZES = {0, 3, 40_000, 2, 0, 5, 120_000, 90_000, 1, 7, 600, 33_000, 4};

    @ParameterizedTest(name = "seed offset {0}")
    @ValueSource(ints = {0, 1, 2})
    void aRunOfDumpsThroughOnePoolMatchesAnIdentityMap(int offset) {
        long seed = Long.getLong("picklewire.seed", System.nanoTime()) + offset;
        SplittableRandom r = new SplittableRandom(seed);
        WriterPool pool = new WriterPool();
        List<Object> lastDump = new ArrayList<>();
        for (int dump = 0; dump < DUMP_SIZES.length; dump++) {
            String where = "seed " + seed + ", dump " + dump;
            MemoTable t = pool.takeMemo();
            assertThat(t.size()).as(where).isZero();
            // nothing of the last dump is found again
            for (Object old : lastDump) {
                assertThat(t.get(old)).as(where + ": a key of the dump before").isEqualTo(-1);
            }
            lastDump = oneDump(t, DUMP_SIZES[dump], r, where);
            assertThat(t.retainedReferences()).as(where).isEqualTo(lastDump.size());
            pool.giveMemo(t);
            assertThat(t.retainedReferences()).as(where + ", after give").isZero();
            assertThat(t.occupiedSlots()).as(where + ", after give").isZero();
        }
    }

    /** Inserts {@code n} keys (with some index gaps and presizes), checking hits and misses all along. */
    private static List<Object> oneDump(MemoTable t, int n, SplittableRandom r, String where) {
        Map<Object, Integer> model = new IdentityHashMap<>();
        List<Object> keys = new ArrayList<>();
        int nextIndex = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextInt(50) == 0) {
                nextIndex++; // an index the writer keeps elsewhere (the empty str, a one-char str)
            }
            if (r.nextInt(500) == 0) {
                t.ensureRoom(r.nextInt(1, 5_000));
            }
            Object key = newKey(r);
            int index = nextIndex++;
            if (r.nextBoolean()) {
                assertThat(t.putIfAbsent(key, index)).as(where).isEqualTo(-1);
            } else {
                assertThat(t.get(key)).as(where).isEqualTo(-1);
                t.put(key, index);
            }
            model.put(key, index);
            keys.add(key);
            Object again = keys.get(r.nextInt(keys.size()));
            assertThat(t.get(again)).as(where + ", key " + model.get(again)).isEqualTo(model.get(again));
            assertThat(t.putIfAbsent(again, nextIndex)).as(where).isEqualTo(model.get(again));
        }
        assertThat(t.size()).as(where).isEqualTo(n);
        for (Object key : keys) {
            assertThat(t.get(key)).as(where).isEqualTo(model.get(key));
        }
        return keys;
    }

    /**
     * A new key: a plain object, a tuple, list or dict (hashed by identity key), or a new str (hashed by
     * content) drawn from few contents, so that equal strs that are distinct objects pile up in some dumps (they
     * must stay distinct keys) and switch the table to identity hashes in the bigger ones, or from many.
     */
    private static Object newKey(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> new Object();
            case 1 -> new String("s" + r.nextInt(40));
            case 2 -> new String("t" + r.nextInt(1_000_000));
            case 3 -> PyTuple.of(1); // the memo keys picklewire's own containers by their identity keys
            case 4 -> new PyList();
            default -> new PyDict();
        };
    }

    @Test
    void equalStrsThatAreDistinctObjectsAreDistinctKeys() {
        WriterPool pool = new WriterPool();
        MemoTable t = pool.takeMemo();
        List<String> same = new ArrayList<>();
        for (int i = 0; i < MemoTable.SAME_HASH_LIMIT; i++) { // up to the limit: still hashed by content
            String s = new String("same");
            same.add(s);
            assertThat(t.putIfAbsent(s, i)).isEqualTo(-1);
        }
        assertThat(t.byIdentity()).isFalse();
        for (int i = MemoTable.SAME_HASH_LIMIT; i < 50_000; i++) {
            String s = new String("same");
            same.add(s);
            assertThat(t.putIfAbsent(s, i)).isEqualTo(-1);
        }
        // past the limit the table hashes strs by identity: no probe walks past every equal str
        assertThat(t.byIdentity()).isTrue();
        for (int i = 0; i < same.size(); i++) {
            assertThat(t.get(same.get(i))).isEqualTo(i);
        }
        assertThat(t.get(new String("same"))).isEqualTo(-1);
        pool.giveMemo(t);
        assertThat(pool.takeMemo()).isSameAs(t);
        assertThat(t.byIdentity()).as("an emptied table hashes strs by content again").isFalse();
        assertThat(t.get(same.get(0))).isEqualTo(-1);
    }

    @Test
    void strsMadeToShareAHashSwitchTheTableToIdentityHashes() {
        // "Aa" and "BB" have one String.hashCode, so every string of 12 such pairs has the same: 4,096 of them
        MemoTable t = new WriterPool().takeMemo();
        List<String> colliding = new ArrayList<>();
        for (int bits = 0; bits < 1 << 12; bits++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < 12; k++) {
                b.append((bits >> k & 1) == 0 ? "Aa" : "BB");
            }
            colliding.add(b.toString());
        }
        assertThat(colliding.get(0).hashCode()).isEqualTo(colliding.get(colliding.size() - 1).hashCode());
        for (int i = 0; i < colliding.size(); i++) {
            assertThat(t.putIfAbsent(colliding.get(i), i)).isEqualTo(-1);
        }
        assertThat(t.byIdentity()).isTrue();
        for (int i = 0; i < colliding.size(); i++) {
            assertThat(t.putIfAbsent(colliding.get(i), -5)).isEqualTo(i);
        }
    }

    @Test
    void aFewKeysInABigPresizedTableAreClearedOneByOne() {
        WriterPool pool = new WriterPool();
        MemoTable t = pool.takeMemo();
        t.ensureRoom(100_000); // a big container's presize, then only a few entries (the sparse clear)
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Object key = new Object();
            keys.add(key);
            t.put(key, 2 * i); // with gaps
        }
        pool.giveMemo(t);
        assertThat(pool.takeMemo()).isSameAs(t);
        assertThat(t.occupiedSlots()).isZero();
        for (Object key : keys) {
            assertThat(t.get(key)).isEqualTo(-1);
        }
        assertThat(t.retainedReferences()).isZero();
        for (int i = 0; i < 200_000; i++) { // grows into the kept array, past it, and finds everything
            Object key = i < keys.size() ? keys.get(i) : new Object();
            assertThat(t.putIfAbsent(key, i)).isEqualTo(-1);
            assertThat(t.get(key)).isEqualTo(i);
        }
        for (int i = 0; i < keys.size(); i++) {
            assertThat(t.get(keys.get(i))).isEqualTo(i);
        }
    }

    @Test
    void aTableTooBigToKeepIsNotGivenOut() {
        WriterPool pool = new WriterPool();
        MemoTable big = pool.takeMemo();
        int n = MemoTable.KEEP_MAX_SLOTS * 2 / 3 + 1; // one past what the biggest kept table holds
        for (int i = 0; i < n; i++) {
            big.put(new Object(), i);
        }
        pool.giveMemo(big);
        MemoTable next = pool.takeMemo();
        assertThat(next).isNotSameAs(big);

        // the biggest table that is kept comes back, empty
        MemoTable kept = pool.takeMemo();
        for (int i = 0; i < n - 2; i++) { // below the limit that would double the table
            kept.put(new Object(), i);
        }
        pool.giveMemo(kept);
        assertThat(pool.takeMemo()).isSameAs(kept);
        assertThat(kept.size()).isZero();
        assertThat(kept.retainedReferences()).isZero();
        assertThat(kept.occupiedSlots()).isZero();
    }
}
