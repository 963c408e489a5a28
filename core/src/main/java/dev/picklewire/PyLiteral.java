package dev.picklewire;

import dev.picklewire.internal.literal.LiteralParser;

/**
 * Python literal syntax to Java values, accepting exactly what CPython 3.11's {@code ast.literal_eval}
 * accepts: numbers of every form (with a sign, and {@code real +/- imaginary} sums), strings and bytes
 * with every prefix and escape, adjacent-string concatenation, tuples, lists, dicts, sets,
 * {@code set()}, {@code True}, {@code False}, {@code None} and {@code ...}.
 *
 * <pre>{@code
 * Object value = PyLiteral.parse("{1: 'hi', 2: 'there'}");   // a PyDict {1=hi, 2=there}
 * byte[] data = Pickle.dumps(value);
 * }</pre>
 *
 * <p>Values follow picklewire's type mapping: {@code Integer}/{@code Long}/{@code BigInteger} (smallest
 * that holds the int), {@code Double}, {@link dev.picklewire.types.PyComplex}, {@code String},
 * {@code byte[]}, {@link dev.picklewire.types.PyTuple}, {@link dev.picklewire.types.PyList},
 * {@link dev.picklewire.types.PyDict}, {@link dev.picklewire.types.PySet}, {@code Boolean}, {@code null}
 * and {@link dev.picklewire.types.PyConstant#ELLIPSIS}.
 *
 * <p>Known differences from Python, all from the Java side of the mapping:
 * <ul>
 *   <li>Dict keys and set members that are equal numbers ({@code 1}, {@code 1.0}, {@code True},
 *       {@code (1+0j)}) merge as in Python at the top level of a key; numbers nested inside tuple keys
 *       ({@code (1,)} and {@code (True,)}) are told apart by Java equality.</li>
 *   <li>A Java {@code String} cannot keep a high and a low surrogate apart: {@code '\ud83d\ude00'} is a
 *       lone-surrogate pair in Python but one code point here.</li>
 *   <li>{@code \N{...}} names are looked up in the JDK's Unicode tables (Unicode 13 in Java 17; Python
 *       3.11 uses 14.0) and do not know Python's name aliases.</li>
 * </ul>
 * Decimal int literals longer than 4300 digits are refused, as CPython's int-string limit does; nesting
 * deeper than 200 brackets is refused as CPython's tokenizer does. Stateless and thread-safe.
 */
public final class PyLiteral {
    private PyLiteral() {
    }

    /**
     * Parses one Python literal.
     *
     * @throws LiteralSyntaxException if {@code ast.literal_eval} would refuse {@code source}
     */
    public static Object parse(String source) {
        return new LiteralParser(source).parse();
    }
}
