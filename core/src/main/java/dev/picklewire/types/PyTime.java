package dev.picklewire.types;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A Python {@code datetime.time} that no {@code java.time} type holds exactly: {@code fold=1} or a tzinfo
 * other than a plain fixed {@code timezone}. Naive times load as {@link LocalTime}, those with a fixed
 * offset as {@link java.time.OffsetTime}.
 */
public record PyTime(LocalTime local, Object tzinfo, int fold) {
    public PyTime {
        Objects.requireNonNull(local, "local");
        if (fold != 0 && fold != 1) {
            throw new IllegalArgumentException("fold must be 0 or 1, got " + fold);
        }
    }

    @Override
    public String toString() {
        return dev.picklewire.internal.ValueGraphs.toString(this);
    }
}
