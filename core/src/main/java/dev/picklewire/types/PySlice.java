package dev.picklewire.types;

/** A Python {@code slice(start, stop, step)}; each part is any Python value, often {@code null}. */
public record PySlice(Object start, Object stop, Object step) {
    @Override
    public String toString() {
        return dev.picklewire.internal.ValueGraphs.toString(this);
    }
}
