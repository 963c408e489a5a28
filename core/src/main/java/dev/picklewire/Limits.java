package dev.picklewire;

/**
 * Bounds that keep hostile or broken input from exhausting memory, stack or time while unpickling.
 *
 * <p>Immutable and thread-safe; make one with {@link #builder()} or take {@link #defaults()}. Every
 * allocation a pickle asks for is also checked against the bytes actually present before it is made,
 * so a declared length can never allocate more than the input could fill.
 *
 * <pre>{@code
 * Limits limits = Limits.builder().maxDepth(200).maxInputBytes(1 << 20).build();
 * Unpickler unpickler = Unpickler.builder().limits(limits).build();
 * }</pre>
 *
 * <p>Defaults: input 64 MiB on a stream (an in-memory {@code byte[]} is bounded by its own length),
 * nesting depth 1000, 10 million memo entries, 100 million items in any container and on the stack,
 * 4300 digits in a text integer (as CPython's {@code sys.int_info.default_max_str_digits}), 8 MiB
 * for a binary integer (LONG4).
 */
public final class Limits {
    private static final Limits DEFAULTS = builder().build();

    private final long maxInputBytes;
    private final int maxDepth;
    private final int maxMemo;
    private final int maxContainerSize;
    private final int maxIntDigits;
    private final int maxLongBytes;

    private Limits(Builder b) {
        this.maxInputBytes = b.maxInputBytes;
        this.maxDepth = b.maxDepth;
        this.maxMemo = b.maxMemo;
        this.maxContainerSize = b.maxContainerSize;
        this.maxIntDigits = b.maxIntDigits;
        this.maxLongBytes = b.maxLongBytes;
    }

    public static Limits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxInputBytes = maxInputBytes;
        b.maxDepth = maxDepth;
        b.maxMemo = maxMemo;
        b.maxContainerSize = maxContainerSize;
        b.maxIntDigits = maxIntDigits;
        b.maxLongBytes = maxLongBytes;
        return b;
    }

    /** Most bytes one pickle may occupy when read from a stream. */
    public long maxInputBytes() {
        return maxInputBytes;
    }

    /**
     * Deepest nesting while loading: the reader bounds the number of open MARKs (each nested MARK-built
     * container or call in a pickle holds one) and the nesting of containers built on its stack, so a
     * pickle of nested lists, tuples or dicts deeper than this fails. Graphs made deeper through memo
     * aliasing (or cycles) are not measured on load; the value types' equals, hashCode and repr must stay
     * iterative or bounded on their own.
     */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * Most memo entries. Keys themselves may be anything a pickle can hold (LONG_BINPUT allows up to
     * 2^32 - 1): dense keys live in an array, sparse ones in a map, so a large key costs one entry.
     */
    public int maxMemo() {
        return maxMemo;
    }

    /** Most items in one container, and most values on the unpickler's stack. */
    public int maxContainerSize() {
        return maxContainerSize;
    }

    /** Most decimal digits in a text integer (INT, LONG, GET/PUT keys). */
    public int maxIntDigits() {
        return maxIntDigits;
    }

    /** Most bytes in a binary integer (LONG1, LONG4). */
    public int maxLongBytes() {
        return maxLongBytes;
    }

    @Override
    public String toString() {
        return "Limits[maxInputBytes=" + maxInputBytes + ", maxDepth=" + maxDepth + ", maxMemo=" + maxMemo
                + ", maxContainerSize=" + maxContainerSize + ", maxIntDigits=" + maxIntDigits
                + ", maxLongBytes=" + maxLongBytes + "]";
    }

    /** Builds {@link Limits}; every setter takes a positive value. Not thread-safe. */
    public static final class Builder {
        private long maxInputBytes = 64L << 20;
        private int maxDepth = 1000;
        private int maxMemo = 10_000_000;
        private int maxContainerSize = 100_000_000;
        private int maxIntDigits = 4300;
        private int maxLongBytes = 8 << 20;

        private Builder() {
        }

        public Builder maxInputBytes(long bytes) {
            this.maxInputBytes = positive(bytes, "maxInputBytes");
            return this;
        }

        public Builder maxDepth(int depth) {
            this.maxDepth = (int) positive(depth, "maxDepth");
            return this;
        }

        public Builder maxMemo(int entries) {
            this.maxMemo = (int) positive(entries, "maxMemo");
            return this;
        }

        public Builder maxContainerSize(int items) {
            this.maxContainerSize = (int) positive(items, "maxContainerSize");
            return this;
        }

        public Builder maxIntDigits(int digits) {
            this.maxIntDigits = (int) positive(digits, "maxIntDigits");
            return this;
        }

        public Builder maxLongBytes(int bytes) {
            this.maxLongBytes = (int) positive(bytes, "maxLongBytes");
            return this;
        }

        public Limits build() {
            return new Limits(this);
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
