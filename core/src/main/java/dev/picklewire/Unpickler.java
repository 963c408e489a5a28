package dev.picklewire;

import dev.picklewire.internal.reader.PickleReader;
import dev.picklewire.internal.reader.ReaderPool;
import dev.picklewire.types.PyGlobal;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns pickle bytes into Java values, safely: no code named by the pickle ever runs, no Java class is
 * looked up by a name from the wire, and {@link Limits} bound every allocation.
 *
 * <p>Immutable and thread-safe: build one, share it. Each call reads one pickle. {@link #load(InputStream)}
 * reads exactly up to and including STOP, so several pickles can follow each other on a stream; it
 * never closes the stream.
 *
 * <pre>{@code
 * Unpickler unpickler = Unpickler.builder().strict(true).limits(Limits.builder().maxDepth(100).build()).build();
 * Object value = unpickler.loads(bytes);
 * }</pre>
 *
 * <p>Defaults: {@link Limits#defaults()}, the empty {@link TypeRegistry}, non-strict (unknown globals become
 * {@link dev.picklewire.types.PyObject}s and {@link PyGlobal}s), Python 2 strings decoded as ASCII as
 * CPython's default {@code encoding='ASCII'}, {@code fix_imports} on, no persistent-load hook (a persistent id
 * is then an error, as in CPython).
 */
public final class Unpickler {
    private static final Unpickler DEFAULT = builder().build();

    private final Limits limits;
    private final TypeRegistry registry;
    private final boolean strict;
    private final Set<PyGlobal> allowedGlobals;
    private final Function<Object, Object> persistentLoad;
    private final String encoding;
    private final boolean fixImports;
    /** The reader of the last small load, cleared, for the next (see {@link ReaderPool}). */
    private final ReaderPool readers = new ReaderPool(this);

    private Unpickler(Builder b) {
        this.limits = b.limits;
        this.registry = b.registry;
        this.strict = b.strict;
        this.allowedGlobals = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedGlobals));
        this.persistentLoad = b.persistentLoad;
        this.encoding = b.encoding;
        this.fixImports = b.fixImports;
    }

    /** An unpickler with every default; the one {@link Pickle#loads} uses. */
    public static Unpickler defaults() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads one pickle from {@code data}; bytes after its STOP are ignored, as CPython's {@code pickle.loads} does. */
    public Object loads(byte[] data) {
        return loads(data, 0, data.length, List.of());
    }

    /** Reads one pickle from {@code data[offset, offset + length)}; bytes after its STOP are ignored, as in CPython. */
    public Object loads(byte[] data, int offset, int length) {
        return loads(data, offset, length, List.of());
    }

    /**
     * Reads one pickle whose NEXT_BUFFER opcodes take, in order, the out-of-band {@code buffers} (each a
     * {@code byte[]}, {@link dev.picklewire.types.PyByteArray}, {@link dev.picklewire.types.PyPickleBuffer} or
     * {@link java.nio.ByteBuffer}). Like CPython, the reader puts the caller's object itself into the value: a
     * {@code byte[]} comes back as that {@code byte[]} (Python bytes), a PyByteArray or PyPickleBuffer as that
     * object. A ByteBuffer, which has no Python twin, comes back as a PyPickleBuffer sharing its bytes
     * (read-only if the ByteBuffer is). READONLY_BUFFER leaves a {@code byte[]} or a read-only buffer as it is
     * and turns a PyByteArray or a writable PyPickleBuffer into a read-only PyPickleBuffer view of the same
     * bytes, as CPython makes a read-only memoryview.
     */
    public Object loads(byte[] data, int offset, int length, Iterable<?> buffers) {
        Objects.checkFromIndexSize(offset, length, data.length);
        PickleReader reader = readers.take();
        Object value = reader.read(data, offset, length, buffers);
        readers.give(reader); // only after a load that returned: a failed one's reader is dropped
        return value;
    }

    /**
     * Reads one pickle from {@code in}, exactly up to and including its STOP opcode. A stream that is already
     * at its end throws {@link java.io.EOFException} ("Ran out of input", CPython's EOFError), so a loop can
     * tell a clean end from a pickle cut short (an {@link UnpicklingException}). Protocol 0/1 text lines
     * outside a FRAME are read a byte at a time so that nothing after STOP is consumed: wrap slow streams in
     * a {@link java.io.BufferedInputStream}.
     */
    public Object load(InputStream in) throws IOException {
        return load(in, List.of());
    }

    /** Like {@link #load(InputStream)}, with out-of-band buffers as {@link #loads(byte[], int, int, Iterable)}. */
    public Object load(InputStream in, Iterable<?> buffers) throws IOException {
        Objects.requireNonNull(in, "in");
        PickleReader reader = readers.take();
        Object value = reader.read(in, buffers);
        readers.give(reader);
        return value;
    }

    public Limits limits() {
        return limits;
    }

    public TypeRegistry registry() {
        return registry;
    }

    /** Whether unknown globals are refused with {@link ForbiddenGlobalException}. */
    public boolean strict() {
        return strict;
    }

    /** Globals that strict mode lets through as generic objects. */
    public Set<PyGlobal> allowedGlobals() {
        return allowedGlobals;
    }

    /** The persistent-load hook, or null. */
    public Function<Object, Object> persistentLoad() {
        return persistentLoad;
    }

    /** How Python 2 {@code str} values (STRING, BINSTRING, SHORT_BINSTRING) decode: a charset name, or "bytes". */
    public String encoding() {
        return encoding;
    }

    public boolean fixImports() {
        return fixImports;
    }

    /**
     * A builder holding every setting of this unpickler, to make a variant of it:
     * {@code u.toBuilder().limits(other).build()} differs from {@code u} only in its limits.
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.limits = limits;
        b.registry = registry;
        b.strict = strict;
        b.allowedGlobals.addAll(allowedGlobals);
        b.persistentLoad = persistentLoad;
        b.encoding = encoding;
        b.fixImports = fixImports;
        return b;
    }

    /** Builds an {@link Unpickler}. Not thread-safe. */
    public static final class Builder {
        private Limits limits = Limits.defaults();
        private TypeRegistry registry = TypeRegistry.empty();
        private boolean strict;
        private final Set<PyGlobal> allowedGlobals = new LinkedHashSet<>();
        private Function<Object, Object> persistentLoad;
        private String encoding = "ASCII";
        private boolean fixImports = true;

        private Builder() {
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder registry(TypeRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** In strict mode a global that is neither built in, registered, nor allowed fails the load. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Lets {@code module.name} through strict mode as a generic object. */
        public Builder allowGlobal(String module, String name) {
            allowedGlobals.add(PyGlobal.of(module, name));
            return this;
        }

        /** Called with each persistent id (PERSID, BINPERSID); its result takes the id's place. */
        public Builder persistentLoad(Function<Object, Object> persistentLoad) {
            this.persistentLoad = persistentLoad;
            return this;
        }

        /**
         * How to decode Python 2 {@code str}: a charset such as {@code "ASCII"} (the default, as CPython),
         * {@code "latin1"} or {@code "UTF-8"}, or {@code "bytes"} to keep them as {@code byte[]}.
         */
        public Builder encoding(String encoding) {
            this.encoding = Objects.requireNonNull(encoding, "encoding");
            return this;
        }

        /** Map Python 2 module names ({@code __builtin__}, {@code copy_reg}, ...) to Python 3's; on by default. */
        public Builder fixImports(boolean fixImports) {
            this.fixImports = fixImports;
            return this;
        }

        public Unpickler build() {
            return new Unpickler(this);
        }
    }
}
