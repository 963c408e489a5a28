package dev.picklewire.internal.repr;

/**
 * CPython 3.11's {@code repr()} for picklewire's Python values (and Java values, printed as the Python
 * values they pickle to). Stateless and thread-safe.
 *
 * <p>Safety: printing uses an explicit work stack, so any nesting depth is fine (no
 * {@code StackOverflowError}); containers that contain themselves print CPython's markers ({@code [...]},
 * {@code {...}}, {@code (...)}, {@code set(...)}, {@code frozenset(...)}, and {@code ...} for an
 * OrderedDict). A graph of shared containers can have an exponentially long repr (CPython would print
 * it all, slowly); here {@link #repr} stops at {@link #MAX_LENGTH} characters with a
 * {@link dev.picklewire.PickleException}, and {@link #bounded} cuts the text instead.
 *
 * <p>Forms that CPython prints with an object address, which Java cannot know, drop the address: an
 * unknown instance is {@code <module.Class object>} (see {@link ObjectRepr}), a PickleBuffer is
 * {@code <pickle.PickleBuffer object>}, a global is printed as a class (see {@link GlobalRepr}). A Java
 * value of no Python type prints as {@code <java.class.Name object>}. Ints with more than 4300 digits
 * refuse to print, as in CPython ({@link #bounded} prints {@code <int of N bits>} instead).
 */
public final class Repr {
    /** The longest text {@link #repr} produces: 16 Mi characters. */
    public static final int MAX_LENGTH = 1 << 24;

    private Repr() {
    }

    /**
     * Python's repr of {@code value}.
     *
     * @throws dev.picklewire.PickleException if the text would pass {@link #MAX_LENGTH} characters, or an
     *     int has more than 4300 digits
     */
    public static String repr(Object value) {
        return new ReprPrinter(MAX_LENGTH, false, Integer.MAX_VALUE).print(value);
    }

    /**
     * Python's repr of {@code value} cut to at most {@code maxChars} characters plus a final {@code ...},
     * with containers nested deeper than {@code maxDepth} shown as {@code ...}. Never throws for a
     * well-formed value; for {@code toString()} and logs.
     */
    public static String bounded(Object value, int maxChars, int maxDepth) {
        return new ReprPrinter(maxChars, true, maxDepth).print(value);
    }
}
