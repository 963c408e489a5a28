package dev.picklewire;

/**
 * A configured {@link Limits limit} was exceeded. The message names the value found, the limit, and
 * the {@link Limits.Builder} method that raises it, for example
 * {@code nesting depth 1001 exceeds the limit of 1000 at offset 5012 (EMPTY_LIST); raise it with Limits.Builder.maxDepth}.
 */
public class PickleLimitException extends UnpicklingException {
    private static final long serialVersionUID = 1L;

    public PickleLimitException(String message, long offset) {
        super(message, offset);
    }
}
