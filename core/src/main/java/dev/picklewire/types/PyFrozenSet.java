package dev.picklewire.types;

import dev.picklewire.internal.ValueGraphs;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A Python {@code frozenset}: an immutable set in pickle order, usable as a map key. Equal to any
 * {@link Set} with the same members, as Python's {@code frozenset({1}) == {1}}. Thread-safe; the hash is
 * cached.
 */
public final class PyFrozenSet extends AbstractSet<Object> {
    private static final PyFrozenSet EMPTY = new PyFrozenSet(Collections.emptySet());

    private final Set<Object> items;
    private int hash;

    private PyFrozenSet(Set<Object> items) {
        this.items = items;
    }

    public static PyFrozenSet of(Object... items) {
        LinkedHashSet<Object> set = new LinkedHashSet<>(PyDict.capacityFor(items.length));
        Collections.addAll(set, items);
        return set.isEmpty() ? EMPTY : new PyFrozenSet(set);
    }

    public static PyFrozenSet copyOf(Collection<?> items) {
        return items.isEmpty() ? EMPTY : new PyFrozenSet(new LinkedHashSet<>(items));
    }

    /** Wraps {@code items} without copying; the caller hands the set over and never touches it again. */
    public static PyFrozenSet wrap(LinkedHashSet<Object> items) {
        return items.isEmpty() ? EMPTY : new PyFrozenSet(items);
    }

    public static PyFrozenSet empty() {
        return EMPTY;
    }

    @Override
    public Iterator<Object> iterator() {
        return Collections.unmodifiableSet(items).iterator();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public boolean contains(Object o) {
        return items.contains(o);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || ValueGraphs.equal(this, other);
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
}
