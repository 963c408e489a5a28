package dev.picklewire.types;

import java.time.Duration;
import java.util.Objects;

/**
 * A Python {@code datetime.timezone} that {@link java.time.ZoneOffset} cannot hold: one with a name
 * ({@code timezone(timedelta(hours=1), 'CET')}) or an offset with microseconds, or beyond ZoneOffset's
 * 18 hours. A plain {@code timezone(offset)} loads as a {@code ZoneOffset}, {@code timezone.utc} as
 * {@code ZoneOffset.UTC}.
 *
 * @param offset strictly between -24 and +24 hours, microsecond exact
 * @param name   the name given to the constructor, or {@code null}
 */
public record PyTimezone(Duration offset, String name) {
    public PyTimezone {
        Objects.requireNonNull(offset, "offset");
    }

    @Override
    public String toString() {
        return dev.picklewire.internal.ValueGraphs.toString(this);
    }
}
