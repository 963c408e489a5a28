package dev.picklewire;

import dev.picklewire.internal.writer.SegmentedPickle;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A finished pickle whose large payloads are still the caller's arrays (not copied): its length, and ways to
 * write it. Made by {@link Pickler#pickle(Object)}; for a framing layer that must send a length before the
 * pickle and should not copy a 100 MB {@code byte[]} to learn it.
 *
 * <p>Ownership: the payloads CPython writes outside FRAMEs (a {@code bytes}, {@code bytearray} or buffer of
 * 64 KiB or more) are held by reference to the arrays of the pickled value. Those arrays must not change
 * between {@code pickle} and the last {@link #writeTo}/{@link #toByteArray}, or the pickle changes with them;
 * write it right away. Everything else (the opcodes, small payloads, strs) was copied when pickled.
 *
 * <p>Thread-safety: immutable; several threads may write the same {@code Pickled} at once, as long as nobody
 * changes the referenced arrays.
 *
 * <pre>{@code
 * Pickled p = pickler.pickle(value);
 * out.writeLong(p.length());   // a frame header that needs the length first
 * p.writeTo(out);              // the 100 MB payload straight from the caller's array
 * }</pre>
 */
public final class Pickled {
    private final SegmentedPickle pickle;

    Pickled(SegmentedPickle pickle) {
        this.pickle = pickle;
    }

    /** Total bytes of the pickle. */
    public long length() {
        return pickle.length();
    }

    /**
     * Writes the whole pickle to {@code out}: the small parts as they are, large payloads straight from the
     * caller's arrays. Does not flush or close {@code out}.
     */
    public void writeTo(OutputStream out) throws IOException {
        pickle.writeTo(Objects.requireNonNull(out, "out"));
    }

    /**
     * The pickle in one new array (each large payload copied once); the same bytes {@link Pickler#dumps} gives.
     *
     * @throws PicklingException if the pickle is 2 GiB or more (use {@link #writeTo})
     */
    public byte[] toByteArray() {
        return pickle.toByteArray();
    }
}
