package dev.picklewire;

/**
 * A Java value cannot be pickled: a type with no Python counterpart and no registered reducer, a value
 * out of Python's range (a year 0 date), or a protocol that cannot express it. The message names the
 * object path, for example {@code root[3]['when']}.
 */
public class PicklingException extends PickleException {
    private static final long serialVersionUID = 1L;

    public PicklingException(String message) {
        super(message);
    }

    public PicklingException(String message, Throwable cause) {
        super(message, cause);
    }
}
