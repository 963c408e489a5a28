package dev.picklewire.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.picklewire.ChunkedInputStream;
import dev.picklewire.Concurrently;
import dev.picklewire.Pickle;
import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import dev.picklewire.golden.GoldenVector;
import dev.picklewire.golden.GoldenVectors;
import dev.picklewire.internal.reader.PickleReader;
import dev.picklewire.internal.reader.ReaderPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An unpickler keeps the reader of its last load for the next ({@link ReaderPool}): nothing of one load may
 * reach the next. Checked against a new unpickler per load over every golden vector in a seeded random order,
 * whole and cut short (failed loads between good ones), from arrays and from streams; and on the one thing a
 * hostile peer could try, reading another load's memo.
 */
class ReaderReuseTest {
    /** PROTO 2, BINUNICODE 'secret', BINPUT 0, STOP: leaves a str in memo slot 0. */
    private static final byte[] MEMOIZES = {(byte) 0x80, 2, 'X', 6, 0, 0, 0, 's', 'e', 'c', 'r', 'e', 't', 'q', 0, '.'};
    /** PROTO 2, BINGET 0, STOP: reads memo slot 0, which this pickle never set. */
    private static final byte[] GETS_SLOT_0 = {(byte) 0x80, 2, 'h', 0, '.'};

    @Test
    void aPoolHandsBackTheReaderOfALoadThatReturned() {
        ReaderPool pool = new ReaderPool(Unpickler.defaults());
        PickleReader r = pool.take();
        assertThat(r.read(MEMOIZES, 0, MEMOIZES.length, List.of())).isEqualTo("secret");
        pool.give(r);
        assertThat(pool.take()).isSameAs(r);
    }

    @Test
    void theNextLoadDoesNotSeeTheLastOnesMemo() {
        ReaderPool pool = new ReaderPool(Unpickler.defaults());
        PickleReader r = pool.take();
        r.read(MEMOIZES, 0, MEMOIZES.length, List.of());
        pool.give(r);
        PickleReader again = pool.take();
        assertThat(again).isSameAs(r); // the same reader, cleared
        assertThatThrownBy(() -> again.read(GETS_SLOT_0, 0, GETS_SLOT_0.length, List.of()))
                .isInstanceOf(UnpicklingException.class).hasMessageContaining("memo key 0 not defined");
        Unpickler kept = Unpickler.builder().build();
        assertThat(kept.loads(MEMOIZES)).isEqualTo("secret");
        assertThatThrownBy(() -> kept.loads(GETS_SLOT_0)).hasMessageContaining("memo key 0 not defined");
    }

    @Test
    void aSmallLoadAllocatesItsValueAndLittleMore() {
        java.util.Map<Object, Object> dict = new java.util.LinkedHashMap<>();
        dict.put(1, "hi");
        dict.put(2, "there");
        byte[] tutorial = Pickle.dumps(dict);
        Unpickler kept = Unpickler.builder().build();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        Object[] sink = new Object[1];
        for (int i = 0; i < 10_000; i++) {
            sink[0] = kept.loads(tutorial);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
            sink[0] = kept.loads(tutorial);
        }
        long perLoad = (threads.getThreadAllocatedBytes(id) - before) / 10_000;
        // the dict and its two strs take about 230 bytes; a new reader per load added about 440 more
        assertThat(perLoad).as("bytes per load").isLessThan(400);
        assertThat(Pickle.repr(sink[0])).isEqualTo("{1: 'hi', 2: 'there'}");
    }

    @Test
    void aKeptUnpicklerLoadsWhatANewOneLoads() throws Exception {
        long seed = Long.getLong("picklewire.seed", System.nanoTime());
        Random random = new Random(seed);
        List<GoldenVector> vectors = new ArrayList<>(GoldenVectors.pickled());
        Collections.shuffle(vectors, random);
        Unpickler kept = Unpickler.builder().build();
        int compared = 0;
        for (GoldenVector v : vectors) {
            byte[] bytes = v.pickle();
            // now and then a pickle cut short, so failed loads come between good ones
            int length = random.nextInt(8) == 0 ? random.nextInt(bytes.length) : bytes.length;
            boolean stream = random.nextBoolean();
            String expected = outcome(Unpickler.builder().build(), bytes, length, v, stream);
            String got = outcome(kept, bytes, length, v, stream);
            assertThat(got).as("%s, %d of %d bytes, %s (seed %d)", v, length, bytes.length,
                    stream ? "stream" : "array", seed).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isGreaterThan(300);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void threadsSharingAnUnpicklerEachLoadWhatANewOneLoads() throws Exception {
        List<GoldenVector> vectors = GoldenVectors.pickled();
        List<String> expected = new ArrayList<>();
        for (GoldenVector v : vectors) {
            expected.add(outcome(Unpickler.builder().build(), v.pickle(), v.pickle().length, v, false));
        }
        Unpickler shared = Unpickler.builder().build();
        List<String> wrong = Concurrently.failures(4, 3, vectors.size(), i -> {
            GoldenVector v = vectors.get(i);
            String got = outcome(shared, v.pickle(), v.pickle().length, v, false);
            return got.equals(expected.get(i)) ? null : v + ": " + got + " instead of " + expected.get(i);
        });
        assertThat(wrong).isEmpty();
    }

    /** The value's repr, or the failure's class and message. */
    private static String outcome(Unpickler u, byte[] bytes, int length, GoldenVector v, boolean stream) {
        try {
            Object value = stream
                    ? u.load(ChunkedInputStream.oneByte(Arrays.copyOf(bytes, length)), v.buffers())
                    : u.loads(bytes, 0, length, v.buffers());
            return "ok " + Pickle.repr(value);
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
