package dev.picklewire;

import dev.picklewire.internal.writer.PickleWriter;
import dev.picklewire.internal.writer.WriterPool;
import dev.picklewire.types.PyPickleBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns Java values into pickle bytes, the same bytes CPython 3.11's C pickler writes for the same Python
 * value at the same protocol.
 *
 * <p>Immutable and thread-safe: build one, share it. {@link #dump(Object, OutputStream)} writes one pickle and
 * never closes or flushes beyond what it wrote. A pickler keeps the memo table of its last dump, emptied, for
 * the next one (at most 4 MiB of slots and 1.4 MiB of references; bigger tables are dropped), and its output
 * array (at most 16 MiB, softly held: the collector frees it before it would run out of memory): reusing a
 * pickler is faster than building one per dump, and its dumps allocate little beyond the bytes they return.
 *
 * <pre>{@code
 * Pickler pickler = Pickler.builder().protocol(2).build();
 * byte[] bytes = pickler.dumps(Map.of(1, "hi"));
 * }</pre>
 *
 * <p>Defaults: protocol {@value Pickle#DEFAULT_PROTOCOL}, the empty {@link TypeRegistry}, no persistent ids,
 * {@code fix_imports} on (protocols 0 to 2 write Python 2 module names where CPython does), nesting depth up
 * to {@value #DEFAULT_MAX_DEPTH} containers (deeper values fail with a {@link PicklingException}, as CPython's
 * pickler fails with RecursionError past {@code sys.getrecursionlimit()}).
 */
public final class Pickler {
    /** The default {@link Builder#maxDepth(int)}: Python's default recursion limit. */
    public static final int DEFAULT_MAX_DEPTH = 1000;

    private static final Pickler DEFAULT = builder().build();
    private static final Pickler[] BY_PROTOCOL = new Pickler[Pickle.HIGHEST_PROTOCOL + 1];

    static {
        for (int p = 0; p < BY_PROTOCOL.length; p++) {
            BY_PROTOCOL[p] = p == DEFAULT.protocol ? DEFAULT : builder().protocol(p).build();
        }
    }

    private final int protocol;
    private final TypeRegistry registry;
    private final Function<Object, Object> persistentId;
    private final boolean fixImports;
    private final int maxDepth;
    /** The memo table and output array of the last dump, kept for the next (see the class doc). */
    private final WriterPool pool = new WriterPool();

    private Pickler(Builder b) {
        this.protocol = b.protocol;
        this.registry = b.registry;
        this.persistentId = b.persistentId;
        this.fixImports = b.fixImports;
        this.maxDepth = b.maxDepth;
    }

    /** A pickler with every default; the one {@link Pickle#dumps(Object)} uses. */
    public static Pickler defaults() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One shared default pickler per protocol (-1: the highest), for {@link Pickle}'s one-liners. */
    static Pickler forProtocol(int protocol) {
        return BY_PROTOCOL[checkedProtocol(protocol)];
    }

    private static int checkedProtocol(int protocol) {
        if (protocol == -1) {
            return Pickle.HIGHEST_PROTOCOL;
        }
        if (protocol < 0 || protocol > Pickle.HIGHEST_PROTOCOL) {
            throw new IllegalArgumentException("pickle protocol must be <= " + Pickle.HIGHEST_PROTOCOL
                    + " and >= 0 (or -1), got " + protocol);
        }
        return protocol;
    }

    public byte[] dumps(Object value) {
        return new PickleWriter(this, null, pool).write(value);
    }

    /**
     * Like {@link #dumps(Object)}, but the large payloads (those CPython writes outside FRAMEs: bytes, bytearray
     * and buffers of 64 KiB or more) are held by reference, not copied: see {@link Pickled} for the ownership
     * rule. For callers that need the length before the bytes, or want to write a big payload without a copy.
     */
    public Pickled pickle(Object value) {
        return new Pickled(new PickleWriter(this, null, pool).writeSegmented(value));
    }

    /**
     * Pickles with protocol 5's out-of-band buffers: each {@link PyPickleBuffer} met is offered to
     * {@code bufferCallback}; where it returns false the buffer goes out of band (NEXT_BUFFER) and the caller
     * sends it separately, where true it is written in band, as CPython's {@code buffer_callback}.
     */
    public byte[] dumps(Object value, Predicate<PyPickleBuffer> bufferCallback) {
        return new PickleWriter(this, bufferCallback, pool).write(value);
    }

    /**
     * Writes the pickle of {@code value} to {@code out}; large payloads go straight from their arrays, uncopied.
     * Does not flush or close {@code out}.
     */
    public void dump(Object value, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        new PickleWriter(this, null, pool).writeTo(value, out);
    }

    public int protocol() {
        return protocol;
    }

    public TypeRegistry registry() {
        return registry;
    }

    /** The persistent-id hook, or null: a non-null result is pickled as a persistent id instead of the value. */
    public Function<Object, Object> persistentId() {
        return persistentId;
    }

    public boolean fixImports() {
        return fixImports;
    }

    /** How many containers deep a value may nest before dumping it fails. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Builds a {@link Pickler}. Not thread-safe. */
    public static final class Builder {
        private int protocol = Pickle.DEFAULT_PROTOCOL;
        private TypeRegistry registry = TypeRegistry.empty();
        private Function<Object, Object> persistentId;
        private boolean fixImports = true;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {
        }

        /** Protocol 0 to {@value Pickle#HIGHEST_PROTOCOL}; -1 means the highest, as in Python. */
        public Builder protocol(int protocol) {
            this.protocol = checkedProtocol(protocol);
            return this;
        }

        public Builder registry(TypeRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Builder persistentId(Function<Object, Object> persistentId) {
            this.persistentId = persistentId;
            return this;
        }

        public Builder fixImports(boolean fixImports) {
            this.fixImports = fixImports;
            return this;
        }

        /**
         * How deeply containers may nest (default {@value Pickler#DEFAULT_MAX_DEPTH}); deeper values fail
         * with a {@link PicklingException}. The writer recurses once per level, so a very large limit needs a
         * thread stack to match (about 300 bytes per level); a stack overflow is reported as a
         * {@code PicklingException} too.
         */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        public Pickler build() {
            return new Pickler(this);
        }
    }
}
