package dev.picklewire;

/**
 * Text that is not a Python literal as {@code ast.literal_eval} accepts it: a syntax error, a name or
 * operator that is not part of a literal, an unhashable dict key, a string escape Python rejects.
 *
 * <p>The message names the place, 1-based, for example
 * {@code malformed literal at column 7: expected ',' or ']'} (with the line too when the text has more
 * than one line). {@link #line()} and {@link #column()} give it to programs.
 */
public class LiteralSyntaxException extends PickleException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public LiteralSyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the offending character. */
    public int line() {
        return line;
    }

    /** The 1-based column (in UTF-16 chars) of the offending character. */
    public int column() {
        return column;
    }
}
