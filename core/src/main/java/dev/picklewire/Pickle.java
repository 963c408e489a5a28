package dev.picklewire;

import dev.picklewire.internal.repr.PrettyPrinter;
import dev.picklewire.internal.repr.Repr;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Python's {@code pickle} module for Java, in one-liners: {@code dumps}, {@code loads}, {@code dump},
 * {@code load}, and Python's {@code repr} of a value.
 *
 * <pre>{@code
 * byte[] data = Pickle.dumps(Map.of(1, "hi", 2, "there"));  // protocol 4, as Python 3.8+ writes
 * Object value = Pickle.loads(data);                        // safe: no code runs, limits on
 * String text = Pickle.repr(value);                         // {1: 'hi', 2: 'there'}
 * }</pre>
 *
 * <p>These use {@link Pickler#defaults()} and {@link Unpickler#defaults()}; build your own for anything
 * else. Thread-safe. Streams are never closed.
 */
public final class Pickle {
    /** The protocol {@link #dumps(Object)} writes: 4, readable by every Python from 3.4. */
    public static final int DEFAULT_PROTOCOL = 4;
    /** The newest protocol picklewire reads and writes. */
    public static final int HIGHEST_PROTOCOL = 5;

    private Pickle() {
    }

    public static byte[] dumps(Object value) {
        return Pickler.defaults().dumps(value);
    }

    public static byte[] dumps(Object value, int protocol) {
        return Pickler.forProtocol(protocol).dumps(value);
    }

    public static Object loads(byte[] data) {
        return Unpickler.defaults().loads(data);
    }

    public static void dump(Object value, OutputStream out) throws IOException {
        Pickler.defaults().dump(value, out);
    }

    public static void dump(Object value, OutputStream out, int protocol) throws IOException {
        Pickler.forProtocol(protocol).dump(value, out);
    }

    /** Reads one pickle from {@code in}, exactly up to its STOP opcode. */
    public static Object load(InputStream in) throws IOException {
        return Unpickler.defaults().load(in);
    }

    /** Exactly what CPython's {@code repr()} prints for the Python value {@code value} stands for. */
    public static String repr(Object value) {
        return Repr.repr(value);
    }

    /**
     * Exactly what CPython's {@code pprint.pformat(value)} prints (width 80, dict keys sorted), for the
     * Python value {@code value} stands for. Fails with a {@link PickleException} rather than run for
     * long on a pathologically deep or shared value.
     */
    public static String pformat(Object value) {
        return PrettyPrinter.pformat(value);
    }
}
