package dev.picklewire.types;

import dev.picklewire.internal.ValueGraphs;
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

    public PyList() {
    }

    public PyList(int initialCapacity) {
        super(initialCapacity);
    }

    public PyList(Collection<?> items) {
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

    /** Python's repr of this list, shortened if very large. */
    @Override
    public String toString() {
        return ValueGraphs.toString(this);
    }
}
