package dev.picklewire.internal.reader;

import dev.picklewire.Unpickler;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reader an {@link Unpickler} hands from one load to the next: at most one idle {@link PickleReader}, cleared
 * by {@link PickleReader#recycle} (no reference to the last pickle's bytes or values), so a small load does not
 * allocate a new reader's stack, marks and memo each time. Only a load that returned gives its reader back; a
 * failed load's reader is dropped, whatever state the failure left it in.
 *
 * <p>Thread-safe: concurrent loads each take their own reader; one goes back, the others are dropped.
 */
public final class ReaderPool {
    private final Unpickler config;
    private final AtomicReference<PickleReader> idle = new AtomicReference<>();

    public ReaderPool(Unpickler config) {
        this.config = config;
    }

    /** A reader owned by the caller until given back: the idle one, or a new one. */
    public PickleReader take() {
        PickleReader r = idle.getAndSet(null);
        return r != null ? r : new PickleReader(config);
    }

    /** Takes back the reader of a load that returned; kept if {@link PickleReader#recycle} says it may be. */
    public void give(PickleReader r) {
        if (r.recycle()) {
            idle.set(r);
        }
    }
}
