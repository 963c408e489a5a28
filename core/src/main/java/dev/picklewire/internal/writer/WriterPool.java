package dev.picklewire.internal.writer;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a {@link dev.picklewire.Pickler} hands from one dump to the next: the memo table and the output array,
 * so that a dump starts from memory the last one left in cache instead of fresh zeroed arrays that it then
 * grows by doubling (a dumps of the benchmark's 100,000 strs allocated 4.0 times its 1.4 MB output, all of it
 * buffer; with the array kept, the output and 300 bytes: BENCHMARKS.md).
 *
 * <ul>
 *   <li>At most one idle memo table, emptied (no references to the last dump's objects) and at most
 *       {@link MemoTable#KEEP_MAX_SLOTS} slots big.
 *   <li>At most one idle output array of at most {@link #KEEP_MAX_BUFFER} bytes, held softly: the collector
 *       frees it before it would run out of memory. Its old bytes are never read: a dump reads back only
 *       what it wrote, and its result is always a copy.
 * </ul>
 *
 * <p>Thread-safe: concurrent dumps each take their own table and array; one of each goes back, the others are
 * dropped.
 */
public final class WriterPool {
    /** The largest output array kept for the next dump. */
    static final int KEEP_MAX_BUFFER = 16 << 20;
    /** A new output array's size. */
    static final int INITIAL_BUFFER = 256;

    private final AtomicReference<MemoTable> idleMemo = new AtomicReference<>();
    private final AtomicReference<SoftReference<byte[]>> idleBuffer = new AtomicReference<>();

    MemoTable takeMemo() {
        MemoTable t = idleMemo.getAndSet(null);
        return t != null ? t : new MemoTable();
    }

    /** Takes back a table whose dump is over, finished or failed. */
    void giveMemo(MemoTable t) {
        if (t.reset()) {
            idleMemo.set(t);
        }
    }

    /** An output array owned by the caller until given back: the idle one, or a new one. */
    byte[] takeBuffer() {
        SoftReference<byte[]> ref = idleBuffer.getAndSet(null);
        byte[] b = ref != null ? ref.get() : null;
        return b != null ? b : new byte[INITIAL_BUFFER];
    }

    /** Takes back an output array nothing refers to any more; too big an array is dropped. */
    void giveBuffer(byte[] b) {
        if (b != null && b.length <= KEEP_MAX_BUFFER) {
            idleBuffer.set(new SoftReference<>(b));
        }
    }
}
