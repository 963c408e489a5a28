package dev.picklewire.types;

import dev.picklewire.internal.IdentityKeys;
import dev.picklewire.internal.ValueGraphs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collection;

/**
 * A Python {@code list} as the unpickler makes it: an {@link ArrayList} whose {@code equals},
 * {@code hashCode} and {@code toString} stay prompt on hostile graphs (a list that contains itself,
 * or shared lists nested a hundred deep), where {@code ArrayList}'s own would recurse without end.
 *
 * <p>Any {@link java.util.List} pickles as a Python list; this class only matters for values that came
 * off the wire. Not thread-safe, like {@code ArrayList}. Python lists are unhashable, so the hash here is
 * a bounded summary that is consistent with {@code equals}, and is not {@code List.hashCode}'s formula.
 */
public class PyList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
    private static final VarHandle IDENTITY_KEY = IdentityKeys.handle(MethodHandles.lookup(), PyList.class);

    private transient int identityKey; // 0 until identityKey() installs one

    public PyList() {
    }

    public PyList(int initialCapacity) {
        super(initialCapacity);
    }

    public PyList(Collection<?> items) {
        super(items);
    }

    /**
     * A number that stands for this list's identity in picklewire's pickler memo: random, never 0, set on first
     * use and never changed (unlike {@link System#identityHashCode}, it costs no call into the JVM the first time).
     * Distinct lists may share one, and a copy gets its own; it says nothing about equality.
     */
    public final int identityKey() {
        int key = identityKey;
        return key != 0 ? key : IdentityKeys.install(this, IDENTITY_KEY);
    }

    /** A shallow copy, as {@code ArrayList}'s, with an identity key of its own. */
    @Override
    public Object clone() {
        PyList copy = (PyList) super.clone();
        copy.identityKey = 0;
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || ValueGraphs.equal(this, other);
    }

    @Override
    public int hashCode() {
        return ValueGraphs.hash(this);
    }

    /** Python's repr of this list, shortened if very large. */
    @Override
    public String toString() {
        return ValueGraphs.toString(this);
    }
}
