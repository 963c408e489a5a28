package dev.picklewire.types;

import java.util.List;
import java.util.Objects;

/**
 * A Python {@code array.array}: a type code ({@code 'b'}, {@code 'i'}, {@code 'd'}, {@code 'u'}, ...)
 * and its items as Python values ({@code Integer}/{@code Long}/{@code BigInteger}, {@code Double}, or
 * one-character {@code String}s for {@code 'u'}).
 */
public record PyArray(char typecode, List<Object> items) {
    public PyArray {
        Objects.requireNonNull(items, "items");
        if ("bBuhHiIlLqQfdw".indexOf(typecode) < 0) {
            throw new IllegalArgumentException("not an array type code: '" + typecode + "'");
        }
    }

    @Override
    public String toString() {
        return dev.picklewire.internal.ValueGraphs.toString(this);
    }
}
