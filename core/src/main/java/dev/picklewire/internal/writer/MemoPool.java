package dev.picklewire.internal.writer;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The memo table a {@link dev.picklewire.Pickler} hands from one dump to the next, so that a dump starts from
 * memory the last one left in cache instead of fresh zeroed arrays. Holds at most one idle table, emptied
 * (no references to the last dump's objects) and at most {@link MemoTable#KEEP_MAX_SLOTS} slots big.
 *
 * <p>Thread-safe: concurrent dumps each take their own table; only one goes back, the others are dropped.
 */
public final class MemoPool {
    private final AtomicReference<MemoTable> idle = new AtomicReference<>();

    MemoTable take() {
        MemoTable t = idle.getAndSet(null);
        return t != null ? t : new MemoTable();
    }

    /** Takes back a table whose dump is over, finished or failed. */
    void give(MemoTable t) {
        if (t.reset()) {
            idle.set(t);
        }
    }
}
