package dev.picklewire.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identity keys: an int field in picklewire's own containers ({@code PyTuple}, {@code PyList}, {@code PyDict})
 * that stands for the object's identity hash in the pickler's memo.
 *
 * <p>Why: the first {@link System#identityHashCode} of an object calls into the JVM to install the hash in the
 * object's header (about 25 ns against 3 ns once it is there), and a graph just decoded has none installed, so
 * the first dumps of a decoded graph paid that once per container. An identity key costs a random number and
 * one compare-and-set on first use, and a plain read after.
 *
 * <p>A key is set once and never changes, whichever thread asks first: two dumps of one graph on two threads
 * must see the same key for an object all along, or one of them would miss its own memo entry.
 */
public final class IdentityKeys {
    private IdentityKeys() {
    }

    /** The handle on {@code type}'s {@code int identityKey} field, through {@code type}'s own lookup. */
    public static VarHandle handle(MethodHandles.Lookup lookup, Class<?> type) {
        try {
            return lookup.findVarHandle(type, "identityKey", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The key {@code field} of {@code owner} holds, installing a random nonzero one if it holds 0. {@code field}
     * is a {@link VarHandle} on an {@code int} field of {@code owner}'s class that only this method writes
     * (and copies reset to 0).
     */
    public static int install(Object owner, VarHandle field) {
        int key = ThreadLocalRandom.current().nextInt() | 1;
        if (field.compareAndSet(owner, 0, key)) {
            return key;
        }
        return (int) field.getVolatile(owner); // another thread installed one first: that one stands
    }
}
