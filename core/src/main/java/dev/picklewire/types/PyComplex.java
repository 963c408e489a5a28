package dev.picklewire.types;

/**
 * A Python {@code complex}. Equality follows {@link Double#equals}, so {@code nan} equals itself here
 * (unlike Python) and {@code 0.0} differs from {@code -0.0}; that is what makes round trips checkable.
 */
public record PyComplex(double real, double imag) {
    @Override
    public String toString() {
        return dev.picklewire.internal.ValueGraphs.toString(this);
    }
}
