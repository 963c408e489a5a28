package dev.picklewire.internal.dis;

/**
 * Python's repr for the argument values the disassembler prints (str, bytes, bytearray, float); ints and
 * bools it formats itself. The real one is {@link dev.picklewire.internal.repr.Repr}.
 */
public interface ValueRepr {
    /** {@code repr(value)} for a String, byte[], PyByteArray or Double. */
    String value(Object value);

    /** {@code repr(bytes)}, used in error messages too. */
    default String bytes(byte[] value) {
        return value(value);
    }

    /** The project's repr. */
    static ValueRepr standard() {
        return v -> v instanceof Double ? dev.picklewire.internal.FloatRepr.repr((Double) v) : dev.picklewire.internal.repr.Repr.repr(v);
    }
}
