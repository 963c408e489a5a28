package dev.picklewire.internal.dis;

/**
 * A failure the disassembler reports the way pickletools would: the Python exception type it would raise
 * ({@code ValueError}, {@code UnicodeDecodeError}, {@code IndexError}) and its exact message.
 */
final class PyError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pythonType;

    PyError(String pythonType, String message) {
        super(message, null, false, false);
        this.pythonType = pythonType;
    }

    static PyError value(String message) {
        return new PyError("ValueError", message);
    }

    String pythonType() {
        return pythonType;
    }
}
