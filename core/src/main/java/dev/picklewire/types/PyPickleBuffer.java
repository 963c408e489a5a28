package dev.picklewire.types;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A Python {@code pickle.PickleBuffer}: bytes that protocol 5 may carry out of band (NEXT_BUFFER,
 * READONLY_BUFFER) instead of inside the pickle stream.
 *
 * <p>On dump, a {@code PyPickleBuffer} is offered to the pickler's buffer callback; on load, an
 * out-of-band buffer the caller supplies comes back as a {@code PyPickleBuffer} (read-only when the pickle
 * says so) unless it is turned into {@code bytes} or {@code bytearray} as CPython does.
 */
public final class PyPickleBuffer {
    private final ByteBuffer buffer;
    private final boolean readOnly;

    public PyPickleBuffer(ByteBuffer buffer, boolean readOnly) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.readOnly = readOnly;
    }

    /** The bytes, from position to limit; a duplicate, so reading it does not disturb this buffer. */
    public ByteBuffer buffer() {
        return readOnly ? buffer.asReadOnlyBuffer() : buffer.duplicate();
    }

    public boolean readOnly() {
        return readOnly;
    }

    public int size() {
        return buffer.remaining();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PyPickleBuffer && buffer.equals(((PyPickleBuffer) other).buffer)
                && readOnly == ((PyPickleBuffer) other).readOnly;
    }

    @Override
    public int hashCode() {
        return buffer.hashCode() * 31 + (readOnly ? 1 : 0);
    }

    @Override
    public String toString() {
        return "PickleBuffer(" + size() + " bytes" + (readOnly ? ", read-only" : "") + ")";
    }
}
