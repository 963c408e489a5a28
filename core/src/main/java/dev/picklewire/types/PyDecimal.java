package dev.picklewire.types;

import java.util.Objects;

/**
 * A Python {@code decimal.Decimal} that {@link java.math.BigDecimal} cannot hold: {@code NaN},
 * {@code sNaN} (with payloads), {@code Infinity}, {@code -Infinity} and negative zeros such as
 * {@code -0} or {@code -0.00}. Every other Decimal loads as a {@code BigDecimal}.
 *
 * @param text the Decimal's {@code str()}, for example {@code "NaN"}, {@code "-Infinity"}, {@code "-0.00"}
 */
public record PyDecimal(String text) {
    public PyDecimal {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "Decimal('" + text + "')";
    }
}
