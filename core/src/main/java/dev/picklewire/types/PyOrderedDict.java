package dev.picklewire.types;

import dev.picklewire.internal.ValueGraphs;
import java.util.Map;

/**
 * A Python {@code collections.OrderedDict}. Kept apart from {@link PyDict} so that it pickles back as an
 * OrderedDict; Python's OrderedDict equality is order-sensitive against another OrderedDict, and so is
 * this one's.
 */
public class PyOrderedDict extends PyDict {
    private static final long serialVersionUID = 1L;

    public PyOrderedDict() {
    }

    public PyOrderedDict(Map<?, ?> entries) {
        super(entries);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || ValueGraphs.equal(this, other);
    }

    @Override
    public int hashCode() {
        return ValueGraphs.hash(this);
    }
}
