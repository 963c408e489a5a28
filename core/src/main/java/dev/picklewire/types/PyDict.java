package dev.picklewire.types;

import dev.picklewire.internal.ValueGraphs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Python {@code dict} as the unpickler makes it: a {@link LinkedHashMap} (insertion order, as Python
 * keeps it) whose {@code equals}, {@code hashCode} and {@code toString} stay prompt on self-containing
 * and deeply shared graphs.
 *
 * <p>Any {@link Map} pickles as a dict; this class only matters for values that came off the wire.
 * Not thread-safe, like {@code LinkedHashMap}.
 */
public class PyDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    public PyDict() {
    }

    public PyDict(int expectedSize) {
        super(capacityFor(expectedSize));
    }

    public PyDict(Map<?, ?> entries) {
        super(entries);
    }

    static int capacityFor(int expectedSize) {
        return expectedSize < 3 ? 4 : (int) Math.min(1 << 30, (long) expectedSize * 4 / 3 + 1);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || ValueGraphs.equal(this, other);
    }

    @Override
    public int hashCode() {
        return ValueGraphs.hash(this);
    }

    /** Python's repr of this dict, shortened if very large. */
    @Override
    public String toString() {
        return ValueGraphs.toString(this);
    }
}
