package dev.picklewire;

import dev.picklewire.internal.writer.PickleWriter;
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
 * never closes or flushes beyond what it wrote.
 *
 * <pre>{@code
 * Pickler pickler = Pickler.builder().protocol(2).build();
 * byte[] bytes = pickler.dumps(Map.of(1, "hi"));
 * }</pre>
 *
 * <p>Defaults: protocol {@value Pickle#DEFAULT_PROTOCOL}, the empty {@link TypeRegistry}, no persistent ids,
 * {@code fix_imports} on (protocols 0 to 2 write Python 2 module names where CPython does).
 */
public final class Pickler {
    private static final Pickler DEFAULT = builder().build();

    private final int protocol;
    private final TypeRegistry registry;
    private final Function<Object, Object> persistentId;
    private final boolean fixImports;

    private Pickler(Builder b) {
        this.protocol = b.protocol;
        this.registry = b.registry;
        this.persistentId = b.persistentId;
        this.fixImports = b.fixImports;
    }

    /** A pickler with every default; the one {@link Pickle#dumps(Object)} uses. */
    public static Pickler defaults() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    public byte[] dumps(Object value) {
        return new PickleWriter(this, null).write(value);
    }

    /**
     * Pickles with protocol 5's out-of-band buffers: each {@link PyPickleBuffer} met is offered to
     * {@code bufferCallback}; where it returns false the buffer goes out of band (NEXT_BUFFER) and the caller
     * sends it separately, where true it is written in band, as CPython's {@code buffer_callback}.
     */
    public byte[] dumps(Object value, Predicate<PyPickleBuffer> bufferCallback) {
        return new PickleWriter(this, bufferCallback).write(value);
    }

    public void dump(Object value, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out").write(dumps(value));
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

    /** Builds a {@link Pickler}. Not thread-safe. */
    public static final class Builder {
        private int protocol = Pickle.DEFAULT_PROTOCOL;
        private TypeRegistry registry = TypeRegistry.empty();
        private Function<Object, Object> persistentId;
        private boolean fixImports = true;

        private Builder() {
        }

        /** Protocol 0 to {@value Pickle#HIGHEST_PROTOCOL}; -1 means the highest, as in Python. */
        public Builder protocol(int protocol) {
            if (protocol == -1) {
                protocol = Pickle.HIGHEST_PROTOCOL;
            }
            if (protocol < 0 || protocol > Pickle.HIGHEST_PROTOCOL) {
                throw new IllegalArgumentException("pickle protocol must be <= " + Pickle.HIGHEST_PROTOCOL
                        + " and >= 0 (or -1), got " + protocol);
            }
            this.protocol = protocol;
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

        public Pickler build() {
            return new Pickler(this);
        }
    }
}
