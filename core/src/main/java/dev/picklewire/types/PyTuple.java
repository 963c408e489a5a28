package dev.picklewire.types;

import dev.picklewire.internal.IdentityKeys;
import dev.picklewire.internal.ValueGraphs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A Python {@code tuple}: an immutable sequence with value equality, usable as a map key.
 *
 * <p>Deliberately not a {@link List}: Python's {@code (1, 2) != [1, 2]}, and the pickler must tell a
 * tuple from a list. {@link #asList()} gives an unmodifiable view. Thread-safe once built; the hash is
 * computed once and cached, so deep graphs of shared tuples hash in linear time.
 *
 * <pre>{@code
 * PyTuple point = PyTuple.of(1, 2);
 * Map<Object, String> names = Map.of(point, "origin");
 * }</pre>
 */
public final class PyTuple implements Iterable<Object>, RandomAccess {
    private static final PyTuple EMPTY = new PyTuple(new Object[0]);

    private static final VarHandle IDENTITY_KEY = IdentityKeys.handle(MethodHandles.lookup(), PyTuple.class);

    private final Object[] items;
    private int hash; // 0 means not yet computed; ValueGraphs never returns 0 for a tuple
    private int identityKey; // 0 until identityKey() installs one

    private PyTuple(Object[] items) {
        this.items = items;
    }

    /** A tuple of the given items (copied). */
    public static PyTuple of(Object... items) {
        return items.length == 0 ? EMPTY : new PyTuple(items.clone());
    }

    /** A tuple of the given items (copied). */
    public static PyTuple copyOf(List<?> items) {
        return items.isEmpty() ? EMPTY : new PyTuple(items.toArray());
    }

    /** The empty tuple {@code ()}. */
    public static PyTuple empty() {
        return EMPTY;
    }

    /**
     * Wraps {@code items} without copying. For the codec's internal use: the caller hands over the
     * array and never touches it again.
     */
    public static PyTuple wrap(Object[] items) {
        return items.length == 0 ? EMPTY : new PyTuple(items);
    }

    public int size() {
        return items.length;
    }

    /**
     * A number that stands for this tuple's identity in picklewire's pickler memo: random, never 0, set on first
     * use and never changed (unlike {@link System#identityHashCode}, it costs no call into the JVM the first time).
     * Distinct tuples may share one; it says nothing about equality.
     */
    public int identityKey() {
        int key = identityKey;
        return key != 0 ? key : IdentityKeys.install(this, IDENTITY_KEY);
    }

    public boolean isEmpty() {
        return items.length == 0;
    }

    public Object get(int index) {
        Objects.checkIndex(index, items.length);
        return items[index];
    }

    /** A copy of the items. */
    public Object[] toArray() {
        return items.clone();
    }

    /** An unmodifiable list view of the items. */
    public List<Object> asList() {
        return new View(items);
    }

    @Override
    public Iterator<Object> iterator() {
        return asList().iterator();
    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof PyTuple && ValueGraphs.equal(this, other));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = ValueGraphs.hash(this);
            hash = h;
        }
        return h;
    }

    /**
     * The hash if {@link #hashCode()} has computed it already, else 0. For ValueGraphs, which hashes deep
     * graphs bottom-up and must not recompute (or recurse into) members whose hash is known.
     */
    public int cachedHash() {
        return hash;
    }

    @Override
    public String toString() {
        return ValueGraphs.toString(this);
    }

    private static final class View extends AbstractList<Object> implements RandomAccess {
        private final Object[] items;

        View(Object[] items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }

        @Override
        public Object[] toArray() {
            return Arrays.copyOf(items, items.length, Object[].class);
        }
    }
}
