package dev.picklewire.internal.repr;

/** Python's repr. PLACEHOLDER until the repr issue lands. */
public final class Repr {
    private Repr() {
    }

    public static String repr(Object value) {
        return String.valueOf(value);
    }
}
