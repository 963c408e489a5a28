package dev.picklewire.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.picklewire.Pickler;
import dev.picklewire.PicklingException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The output array a pickler keeps from dump to dump: taken back after every dump, finished or failed, and
 * dropped when too big; a kept pickler's dumps then allocate about the bytes they return (measured with
 * {@code com.sun.management.ThreadMXBean}). That the bytes are right dump after dump, whatever came before,
 * is PickleWriterRandomTest's aKeptPicklerWritesWhatANewOneWrites.
 */
class WriterPoolTest {
    private static final Pickler P5 = Pickler.builder().protocol(5).build();

    @Test
    void aGivenBufferIsTheNextOneTaken() {
        WriterPool pool = new WriterPool();
        byte[] b = pool.takeBuffer();
        assertThat(b).hasSize(WriterPool.INITIAL_BUFFER);
        assertThat(pool.takeBuffer()).as("taken twice, two arrays").isNotSameAs(b);
        pool.giveBuffer(b);
        assertThat(pool.takeBuffer()).isSameAs(b);
    }

    @Test
    void aBufferBeyondTheLimitIsDropped() {
        WriterPool pool = new WriterPool();
        pool.giveBuffer(new byte[WriterPool.KEEP_MAX_BUFFER + 1]);
        assertThat(pool.takeBuffer()).hasSize(WriterPool.INITIAL_BUFFER);
    }

    @Test
    void aFailedDumpGivesItsGrownBufferBack() {
        WriterPool pool = new WriterPool();
        List<Object> value = ints(100_000);
        value.add(new Object()); // not picklable: fails after 100,000 ints were written
        assertThatThrownBy(() -> new PickleWriter(P5, null, pool).write(value))
                .isInstanceOf(PicklingException.class);
        assertThat(pool.takeBuffer().length).isGreaterThan(100_000);
        assertThat(pool.takeMemo().size()).isZero();
    }

    @Test
    void aKeptPicklersDumpsAllocateAboutTheirOutput() throws Exception {
        List<Object> value = ints(300_000);
        byte[] out = P5.dumps(value);
        long kept = allocatedBy(() -> P5.dumps(value));
        long keptStream = allocatedBy(() -> {
            P5.dump(value, OutputStream.nullOutputStream());
            return null;
        });
        long fresh = allocatedBy(() -> Pickler.builder().protocol(5).build().dumps(value));
        // the returned array plus small change (the writer, its scratch); a new pickler's buffer grows by copies
        assertThat(kept).isBetween((long) out.length, out.length + 64 * 1024L);
        assertThat(keptStream).isLessThan(64 * 1024L);
        assertThat(fresh).isGreaterThan(2L * out.length);
    }

    private static List<Object> ints(int n) {
        List<Object> value = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            value.add(i * 7919 - n); // a mix of 1, 2 and 4-byte BININTs
        }
        return value;
    }

    private static long allocatedBy(Callable<?> action) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        action.call(); // once to load the classes involved and leave the pool warm
        long before = threads.getThreadAllocatedBytes(id);
        action.call();
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
