package dev.picklewire.types;

import java.util.Arrays;

/**
 * A Python {@code bytearray}: mutable bytes, kept apart from {@code byte[]} (Python {@code bytes}) so
 * that each pickles back as what it was. Equality and hash are by content. Not thread-safe.
 */
public final class PyByteArray {
    private byte[] bytes;

    /** Takes ownership of {@code bytes}: later changes to the array show through. */
    public PyByteArray(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The backing array itself, not a copy. */
    public byte[] array() {
        return bytes;
    }

    public void setArray(byte[] bytes) {
        this.bytes = bytes;
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PyByteArray && Arrays.equals(bytes, ((PyByteArray) other).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return dev.picklewire.internal.ValueGraphs.toString(this);
    }
}
