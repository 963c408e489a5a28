package dev.picklewire;

/**
 * Bad pickle data: truncated, corrupt, or meaningless. The message names what was expected, what was
 * found, the byte offset and the opcode, for example {@code memo key 7 not defined at offset 131 (BINGET)}.
 *
 * <p>{@link #offset()} is the offset of the opcode being read, or -1 when no single offset applies.
 */
public class UnpicklingException extends PickleException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public UnpicklingException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    public UnpicklingException(String message, long offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** Byte offset of the opcode that failed, counted from the start of the pickle, or -1. */
    public long offset() {
        return offset;
    }
}
