package dev.picklewire.types;

import dev.picklewire.internal.ValueGraphs;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * A Python {@code set} as the unpickler makes it: a {@link LinkedHashSet} in pickle order whose
 * {@code equals}, {@code hashCode} and {@code toString} stay prompt on hostile graphs. Any
 * {@link java.util.Set} pickles as a set. Not thread-safe.
 */
public class PySet extends LinkedHashSet<Object> {
    private static final long serialVersionUID = 1L;

    public PySet() {
    }

    public PySet(int expectedSize) {
        super(PyDict.capacityFor(expectedSize));
    }

    public PySet(Collection<?> items) {
        super(items);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || ValueGraphs.equal(this, other);
    }

    @Override
    public int hashCode() {
        return ValueGraphs.hash(this);
    }

    /** Python's repr of this set, shortened if very large. */
    @Override
    public String toString() {
        return ValueGraphs.toString(this);
    }
}
