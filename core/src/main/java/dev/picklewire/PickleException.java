package dev.picklewire;

/**
 * The one unchecked base of every failure picklewire reports about pickle data or values.
 *
 * <p>Subclasses: {@link UnpicklingException} for bad input (with {@link PickleLimitException} for a
 * limit that was hit and {@link ForbiddenGlobalException} for a global the policy refused), and
 * {@link PicklingException} for Java values that cannot be pickled. Transport failures are
 * {@link java.io.IOException}s, never this type.
 */
public class PickleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PickleException(String message) {
        super(message);
    }

    public PickleException(String message, Throwable cause) {
        super(message, cause);
    }
}
