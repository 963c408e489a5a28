package dev.picklewire.types;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A Python {@code datetime.datetime} that no {@code java.time} type holds exactly: {@code fold=1}, or a
 * tzinfo other than a fixed {@code timezone} (a {@code zoneinfo.ZoneInfo}, a user class), or a named or
 * sub-second {@link PyTimezone}. Naive datetimes load as {@link LocalDateTime}, those with a fixed offset
 * as {@link java.time.OffsetDateTime}.
 *
 * @param local  the wall-clock fields, microsecond exact
 * @param tzinfo the tzinfo as a Python value ({@link java.time.ZoneOffset}, {@link PyTimezone},
 *               {@link PyObject}, ...), or {@code null}
 * @param fold   0 or 1, as Python's {@code fold}
 */
public record PyDateTime(LocalDateTime local, Object tzinfo, int fold) {
    public PyDateTime {
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
