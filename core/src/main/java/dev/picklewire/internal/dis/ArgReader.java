package dev.picklewire.internal.dis;

import dev.picklewire.internal.ArgKind;
import dev.picklewire.types.PyByteArray;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads opcode arguments from a byte array the way pickletools' {@code read_*} functions do, failing with
 * their messages. Lengths read from the input are checked against the bytes actually left before anything
 * is copied, so a BINBYTES8 claiming 2^62 bytes in a 30-byte input costs nothing. Not thread-safe.
 *
 * <pre>
 * fixed:     | n bytes little-endian |                 (uint1 uint2 int4 uint4 uint8; float8 is big-endian)
 * counted:   | length (1, 4 or 8 bytes LE) | length bytes |
 * line:      | bytes ... | \n |
 * </pre>
 */
final class ArgReader {
    private static final BigInteger SYS_MAXSIZE = BigInteger.valueOf(Long.MAX_VALUE);

    private final byte[] data;
    private final int end;
    private final Function<byte[], String> bytesRepr;
    private int pos;

    ArgReader(byte[] data, int from, int end, Function<byte[], String> bytesRepr) {
        this.data = data;
        this.pos = from;
        this.end = end;
        this.bytesRepr = bytesRepr;
    }

    int position() {
        return pos;
    }

    /** The next byte, or -1 at the end. */
    int readOpcodeByte() {
        return pos < end ? data[pos++] & 0xff : -1;
    }

    /** The decoded argument, or null for opcodes without one. */
    Object read(ArgKind kind) {
        switch (kind) {
            case NONE: return null;
            case UINT1: return uint1();
            case UINT2: return (int) fixed(2, "uint2");
            case INT4: return int4();
            case UINT4: return narrowUnsigned(fixed(4, "uint4"));
            case UINT8: return uint8();
            case FLOAT8: return float8();
            case DECIMALNL_SHORT: return decimalnlShort();
            case DECIMALNL_LONG: return decimalnlLong();
            case FLOATNL: return PyNumbers.parseFloat(stringnlRaw(), bytesRepr);
            case STRINGNL: return stringnl(true);
            case STRINGNL_NOESCAPE: return stringnl(false);
            case STRINGNL_NOESCAPE_PAIR: return stringnl(false) + " " + stringnl(false);
            case UNICODESTRINGNL: return PyCodecs.rawUnicodeEscape(line("unicodestringnl"));
            case STRING1: return latin1(counted(uint1(), "string1"));
            case STRING4: return latin1(counted(signedCount("string4"), "string4"));
            case BYTES1: return counted(uint1(), "bytes1");
            case BYTES4: return counted(fixed(4, "uint4"), "bytes4");
            case BYTES8: return counted(count8("bytes8"), "bytes8");
            case BYTEARRAY8: return new PyByteArray(counted(count8("bytearray8"), "bytearray8"));
            case UNICODESTRING1: return PyCodecs.utf8SurrogatePass(counted(uint1(), "unicodestring1"));
            case UNICODESTRING4: return PyCodecs.utf8SurrogatePass(counted(fixed(4, "uint4"), "unicodestring4"));
            case UNICODESTRING8: return PyCodecs.utf8SurrogatePass(counted(count8("unicodestring8"), "unicodestring8"));
            case LONG1: return decodeLong(uint1(), "long1");
            case LONG4: return decodeLong(long4Count(), "long4");
            default: throw new IllegalStateException("no reader for " + kind);
        }
    }

    private int uint1() {
        return (int) fixed(1, "uint1");
    }

    private int int4() {
        return (int) fixed(4, "int4");
    }

    /** Little-endian unsigned value of n (at most 8) bytes; for n = 8 the bits of the unsigned value. */
    private long fixed(int n, String name) {
        if (end - pos < n) {
            pos = end;  // f.read(n) consumed what was there
            throw PyError.value("not enough data in stream to read " + name);
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += n;
        return v;
    }

    private static Object narrowUnsigned(long v) {
        return v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }

    private Object uint8() {
        long v = fixed(8, "uint8");
        return v >= 0 ? narrowUnsigned(v) : new BigInteger(Long.toUnsignedString(v));
    }

    private double float8() {
        if (end - pos < 8) {
            pos = end;
            throw PyError.value("not enough data in stream to read float8");
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (data[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    private long signedCount(String name) {
        int n = int4();
        if (n < 0) {
            throw PyError.value(name + " byte count < 0: " + n);
        }
        return n;
    }

    /** An 8-byte count; above sys.maxsize pickletools refuses it before reading. */
    private long count8(String name) {
        long n = fixed(8, "uint8");
        if (n < 0) {
            throw PyError.value(name + " byte count > sys.maxsize: " + Long.toUnsignedString(n));
        }
        return n;
    }

    private long long4Count() {
        int n = int4();
        if (n < 0) {
            throw PyError.value("long4 byte count < 0: " + n);
        }
        return n;
    }

    /** n bytes, or pickletools' "expected n bytes in a name, but only k remain" (consuming the k). */
    private byte[] counted(long n, String name) {
        int left = end - pos;
        if (n > left) {
            pos = end;
            throw PyError.value("expected " + n + " bytes in a " + name + ", but only " + left + " remain");
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    private Object decodeLong(long n, String name) {
        if (n > end - pos) {
            pos = end;
            throw PyError.value("not enough data in stream to read " + name);
        }
        byte[] bigEndian = new byte[(int) n];
        for (int i = 0; i < n; i++) {
            bigEndian[i] = data[pos + (int) n - 1 - i];
        }
        pos += (int) n;
        return n == 0 ? (Object) 0 : PyNumbers.narrow(new BigInteger(bigEndian));
    }

    private static String latin1(byte[] b) {
        return PyCodecs.latin1(b, 0, b.length);
    }

    /** The bytes up to a newline (consumed, not returned); without a newline, pickletools' complaint. */
    private byte[] line(String name) {
        int nl = pos;
        while (nl < end && data[nl] != '\n') {
            nl++;
        }
        if (nl == end) {
            pos = end;
            throw PyError.value("no newline found when trying to read " + name);
        }
        byte[] out = Arrays.copyOfRange(data, pos, nl);
        pos = nl + 1;
        return out;
    }

    private byte[] stringnlRaw() {
        return line("stringnl");
    }

    /** read_stringnl with decode: quotes stripped (when asked) then escapes undone, then ASCII. */
    private String stringnl(boolean stripQuotes) {
        byte[] s = stringnlRaw();
        if (stripQuotes) {
            s = stripQuotes(s);
        }
        return PyCodecs.ascii(PyCodecs.escapeDecode(s));
    }

    private byte[] stripQuotes(byte[] s) {
        for (byte q : new byte[] {'"', '\''}) {
            if (s.length > 0 && s[0] == q) {
                if (s[s.length - 1] != q) {
                    throw PyError.value("strinq quote " + bytesRepr.apply(new byte[] {q})
                            + " not found at both ends of " + bytesRepr.apply(s));
                }
                // a lone quote is both ends: data[1:-1] is empty
                return s.length < 2 ? new byte[0] : Arrays.copyOfRange(s, 1, s.length - 1);
            }
        }
        throw PyError.value("no string quotes around " + bytesRepr.apply(s));
    }

    private Object decimalnlShort() {
        byte[] s = stringnlRaw();
        if (s.length == 2 && s[0] == '0' && (s[1] == '0' || s[1] == '1')) {
            return s[1] == '1';  // pickletools' hack: INT 00 / 01 are False / True
        }
        return PyNumbers.parseInt(s, bytesRepr);
    }

    private Object decimalnlLong() {
        byte[] s = stringnlRaw();
        if (s.length > 0 && s[s.length - 1] == 'L') {
            s = Arrays.copyOf(s, s.length - 1);
        }
        return PyNumbers.parseInt(s, bytesRepr);
    }
}
