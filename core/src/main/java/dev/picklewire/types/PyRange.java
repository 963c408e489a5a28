package dev.picklewire.types;

/**
 * A Python {@code range(start, stop, step)}. Python ints of any size are allowed, as
 * {@code Integer}, {@code Long} or {@code BigInteger}, like every other int picklewire loads.
 */
public record PyRange(Number start, Number stop, Number step) {
    @Override
    public String toString() {
        return dev.picklewire.internal.ValueGraphs.toString(this);
    }
}
