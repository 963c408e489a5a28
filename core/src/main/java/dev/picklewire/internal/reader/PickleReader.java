package dev.picklewire.internal.reader;

import dev.picklewire.ForbiddenGlobalException;
import dev.picklewire.Limits;
import dev.picklewire.PickleException;
import dev.picklewire.PickleLimitException;
import dev.picklewire.TypeRegistry;
import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import dev.picklewire.internal.CompatNames;
import dev.picklewire.internal.Opcode;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyPickleBuffer;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * One load of one pickle: CPython's {@code _pickle.c} Unpickler, opcode for opcode, without running code.
 *
 * <p>Input is a window {@code buf[pos, end)}. For a {@code byte[]} the window is the caller's array. For a
 * stream it is one reusable buffer that is refilled with exactly the bytes the next opcode needs (its byte,
 * then its argument), or a whole FRAME at once; so nothing after STOP is ever consumed.
 *
 * <pre>
 *   offset of buf[i] in the pickle = base + i
 *   FRAME:  0x95 | length, 8 bytes little-endian | length bytes of opcodes
 * </pre>
 *
 * <p>Not thread-safe; one load at a time. An {@link dev.picklewire.Unpickler} keeps a small reader from one
 * load to the next ({@link ReaderPool}), cleared by {@link #recycle}: a tutorial-sized load otherwise spent more
 * than half its allocation on a new reader's state.
 */
public final class PickleReader {
    private static final Object NONE_IN_MEMO = new Object();
    private static final int INITIAL_STACK = 16; // small: a tutorial-sized pickle is most of what a server reads
    private static final int STREAM_CHUNK = 64 * 1024;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    // Stream arguments this long are read into their own array, not through buf (see readLarge).
    private static final int DIRECT_READ = 64 * 1024;
    private static final int MEMO_PAGE_BITS = 10;
    private static final int MEMO_PAGE = 1 << MEMO_PAGE_BITS;

    private final Unpickler config;
    private final Limits limits;
    private final TypeRegistry registry;
    /** The most stack slots and first-memo-page entries a reader may have to be kept ({@link #recycle}). */
    private static final int KEEP_MAX_SLOTS = 1024;

    private Iterable<?> bufferSource;
    private Iterator<?> buffers; // made at the first NEXT_BUFFER: most pickles have none
    private boolean buffersSeen;

    // input window
    private byte[] buf;
    private int pos;
    private int end;
    private long base;
    private InputStream in;

    // machine state
    private Object[] stack = new Object[INITIAL_STACK];
    // Nesting depth of each stack value (0 for scalars), so containers deeper than maxDepth fail on load.
    private int[] depths = new int[INITIAL_STACK];
    private int sp;
    private int[] marks = new int[8];
    private int markCount;
    private int fence; // stack index below which non-mark opcodes may not pop (the topmost mark)
    // The memo in pages of MEMO_PAGE entries (page 0 starts small and grows), so a memo of a million entries
    // is never one humongous array that a young collection must scan, and growing it copies no entries.
    // Depth pages are made only for pages that hold a container (most memoized values are strings, depth 0).
    private Object[][] memoPages = new Object[1][];
    private int[][] memoDepthPages = new int[1][];
    private Map<Long, Object> sparseMemo;
    // The list the last APPENDS batch went to and the capacity it was given (see reserve).
    private PyList growing;
    private int growingCapacity;
    private int memoCount;
    private int proto;
    private long opOffset;
    private int op;
    private boolean registeredSeen;
    // UUID conversion at BUILD: memo keys of not-yet-built uuid.UUID objects, and those another reference saw
    private Map<PyObject, Long> uuidKeys;
    private Map<PyObject, Boolean> uuidEscaped;

    public PickleReader(Unpickler config) {
        this.config = config;
        this.limits = config.limits();
        this.registry = config.registry();
    }

    /**
     * Reads one pickle from {@code data[offset, offset + length)}, NEXT_BUFFER taking {@code buffers}; bytes
     * after STOP are ignored, as CPython does.
     */
    public Object read(byte[] data, int offset, int length, Iterable<?> buffers) {
        bufferSource = Objects.requireNonNull(buffers, "buffers");
        buf = data;
        pos = offset;
        end = offset + length;
        base = -offset;
        if (length == 0) {
            throw new UnpicklingException("Ran out of input", 0);
        }
        return finish(run());
    }

    /**
     * Reads one pickle from {@code in}, consuming exactly its bytes, NEXT_BUFFER taking {@code buffers}. A stream
     * already at its end is an EOFException.
     */
    public Object read(InputStream stream, Iterable<?> buffers) throws IOException {
        bufferSource = Objects.requireNonNull(buffers, "buffers");
        in = stream;
        buf = new byte[256];
        int first = in.read();
        if (first < 0) {
            throw new EOFException("Ran out of input");
        }
        buf[0] = (byte) first;
        end = 1;
        try {
            return finish(run());
        } catch (UncheckedIo e) {
            throw e.io;
        }
    }

    /**
     * After a load that returned, readies this reader for the next one: every reference to the last pickle's
     * input and values dropped, every count back to zero. False, and nothing cleared, when the reader grew
     * beyond what is worth keeping (a stack or first memo page of more than {@link #KEEP_MAX_SLOTS} slots,
     * memo pages beyond the first, a sparse memo, UUID bookkeeping): then it is dropped. Clearing is a fill of
     * at most a few kilobytes; a new reader for a tutorial-sized pickle allocates about 400 bytes.
     */
    boolean recycle() {
        Object[] page0 = memoPages[0];
        if (stack.length > KEEP_MAX_SLOTS || memoPages.length > 1 || (page0 != null && page0.length > KEEP_MAX_SLOTS)
                || sparseMemo != null || uuidKeys != null || uuidEscaped != null) {
            return false;
        }
        Arrays.fill(stack, null);
        if (page0 != null) {
            Arrays.fill(page0, null);
        }
        // depths, marks and a depth page hold ints only, each written before it is read again: kept as they are
        bufferSource = null;
        buffers = null;
        buffersSeen = false;
        buf = null;
        pos = 0;
        end = 0;
        base = 0;
        in = null;
        sp = 0;
        markCount = 0;
        fence = 0;
        growing = null;
        growingCapacity = 0;
        memoCount = 0;
        proto = 0;
        opOffset = 0;
        op = 0;
        registeredSeen = false;
        return true;
    }

    private Object finish(Object result) {
        if (!registeredSeen) {
            return result;
        }
        return new RegistryPass(registry, limits).apply(result);
    }

    private Object run() {
        while (true) {
            opOffset = base + pos;
            if (pos >= end) {
                need(1);
            }
            op = buf[pos++] & 0xff;
            switch (op) {
                case 'I': loadInt(); break;
                case 'J': loadBinint(); break;
                case 'K': loadBinint1(); break;
                case 'M': loadBinint2(); break;
                case 'L': loadLong(); break;
                case 0x8a: loadLong1(); break;
                case 0x8b: loadLong4(); break;
                case 'S': loadString(); break;
                case 'T': loadBinstring(); break;
                case 'U': loadShortBinstring(); break;
                case 'B': loadBinbytes(); break;
                case 'C': loadShortBinbytes(); break;
                case 0x8e: loadBinbytes8(); break;
                case 0x96: loadBytearray8(); break;
                case 0x97: loadNextBuffer(); break;
                case 0x98: loadReadonlyBuffer(); break;
                case 'N': push(null); break;
                case 0x88: push(Boolean.TRUE); break;
                case 0x89: push(Boolean.FALSE); break;
                case 'V': loadUnicode(); break;
                case 0x8c: loadShortBinunicode(); break;
                case 'X': loadBinunicode(); break;
                case 0x8d: loadBinunicode8(); break;
                case 'F': loadFloat(); break;
                case 'G': loadBinfloat(); break;
                case ']': push(new PyList()); break;
                case 'a': loadAppend(); break;
                case 'e': loadAppends(); break;
                case 'l': loadList(); break;
                case ')': push(PyTuple.empty()); break;
                case 't': loadTuple(); break;
                case 0x85: loadTupleN(1); break;
                case 0x86: loadTupleN(2); break;
                case 0x87: loadTupleN(3); break;
                case '}': push(new PyDict()); break;
                case 'd': loadDict(); break;
                case 's': loadSetitem(); break;
                case 'u': loadSetitems(); break;
                case 0x8f: push(new PySet()); break;
                case 0x90: loadAdditems(); break;
                case 0x91: loadFrozenset(); break;
                case '0': loadPop(); break;
                case '2': loadDup(); break;
                case '(': loadMark(); break;
                case '1': loadPopMark(); break;
                case 'g': loadGet(); break;
                case 'h': loadBinget(); break;
                case 'j': loadLongBinget(); break;
                case 'p': loadPut(); break;
                case 'q': loadBinput(); break;
                case 'r': loadLongBinput(); break;
                case 0x94: loadMemoize(); break;
                case 0x82: loadExt(u8()); break;
                case 0x83: loadExt(u16()); break;
                case 0x84: loadExt(i32()); break;
                case 'c': loadGlobal(); break;
                case 0x93: loadStackGlobal(); break;
                case 'R': loadReduce(); break;
                case 'b': loadBuild(); break;
                case 'i': loadInst(); break;
                case 'o': loadObj(); break;
                case 0x81: loadNewobj(); break;
                case 0x92: loadNewobjEx(); break;
                case 0x80: loadProto(); break;
                case 0x95: loadFrame(); break;
                case 'P': loadPersid(); break;
                case 'Q': loadBinpersid(); break;
                case '.': return loadStop();
                default: throw badOpcode();
            }
        }
    }

    // ---------------------------------------------------------------- input

    /** Makes {@code n} bytes available at {@code pos}, reading exactly the missing ones from a stream. */
    private void need(long n) {
        if (end - pos >= n) {
            return;
        }
        if (in == null) {
            throw truncated();
        }
        fill(n);
    }

    private void fill(long n) {
        long total = base + pos + n;
        if (total > limits.maxInputBytes()) {
            throw limit("pickle size " + total + " bytes", limits.maxInputBytes(), "maxInputBytes");
        }
        if (n > MAX_ARRAY) {
            throw fail("a length of " + n + " bytes exceeds the largest Java array");
        }
        // Compact: keep only the unread bytes; their offsets stay right because base moves with them.
        int have = end - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, have);
            base += pos;
            pos = 0;
            end = have;
        }
        // Grow in bounded steps as bytes actually arrive, so a huge declared length cannot allocate up front.
        while (end < n) {
            if (buf.length == end) {
                grow();
            }
            int want = (int) Math.min(n - end, buf.length - end);
            int got = readStream(buf, end, want);
            if (got < 0) {
                throw truncated();
            }
            end += got;
        }
    }

    /**
     * Grows buf towards {@code n} bytes geometrically (so a line read a byte at a time costs amortized O(1) per
     * byte), but never more than twice the bytes actually received plus a chunk, so a huge declared length
     * cannot allocate up front.
     */
    private void grow() {
        long grown = Math.max((long) buf.length * 2, buf.length + STREAM_CHUNK);
        grown = Math.min(grown, (long) end + Math.max(end, STREAM_CHUNK * 16L));
        buf = Arrays.copyOf(buf, (int) Math.min(Math.max(grown, end + 1L), MAX_ARRAY));
    }

    private int readStream(byte[] b, int off, int len) {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIo(e);
        }
    }

    private int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    // One bounds check and one (possibly unaligned) load per number instead of assembling it byte by byte.
    private int u16() {
        if (end - pos < 2) {
            need(2);
        }
        int v = (short) SHORT_LE.get(buf, pos) & 0xffff;
        pos += 2;
        return v;
    }

    private int i32() {
        if (end - pos < 4) {
            need(4);
        }
        int v = (int) INT_LE.get(buf, pos);
        pos += 4;
        return v;
    }

    private long u32() {
        return i32() & 0xffffffffL;
    }

    private long i64() {
        if (end - pos < 8) {
            need(8);
        }
        long v = (long) LONG_LE.get(buf, pos);
        pos += 8;
        return v;
    }

    /** BINFLOAT's argument: an IEEE 754 double, big-endian. */
    private double f64be() {
        if (end - pos < 8) {
            need(8);
        }
        long bits = (long) LONG_BE.get(buf, pos);
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    /** Length of a line ending in '\n' at pos (the newline excluded), bounded by maxInputBytes only. */
    private int lineLength() {
        return lineLength(Long.MAX_VALUE, null);
    }

    /**
     * Length of a line ending in '\n' at pos (the newline excluded). A line longer than {@code maxLength} fails
     * as soon as that many bytes have arrived (with a limit naming {@code limitName}); every line is also bounded
     * by maxInputBytes through {@link #fill}.
     */
    private int lineLength(long maxLength, String limitName) {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    if (i - pos > maxLength) { // the same refusal whether the input is in memory or streamed
                        throw lineTooLong(maxLength, limitName);
                    }
                    return i - pos;
                }
            }
            scanned = end - pos;
            if (scanned > maxLength) {
                throw lineTooLong(maxLength, limitName);
            }
            if (in != null && in.markSupported()) {
                readLineChunk(scanned);
            } else {
                // Outside a frame a protocol 0 line has no length prefix; without mark/reset, reading one byte
                // per call is the only way not to consume bytes past STOP (the buffer grows geometrically).
                need(scanned + 1L);
            }
        }
    }

    /**
     * Reads the next piece of a line from a stream that supports mark/reset: peek up to a chunk, then re-read
     * exactly up to and including the first newline, so no byte after the line (or after STOP) is consumed.
     */
    private void readLineChunk(int scanned) {
        need(scanned + 1L); // at least one byte, with the size limit and compaction handled by fill
        int room = buf.length - end;
        if (room == 0) {
            return;
        }
        int want = (int) Math.min(room, Math.min(STREAM_CHUNK, limits.maxInputBytes() - (base + end)));
        if (want <= 0) {
            return;
        }
        try {
            in.mark(want);
            int got = in.read(buf, end, want);
            if (got <= 0) {
                in.reset();
                return;
            }
            int keep = got;
            for (int i = end; i < end + got; i++) {
                if (buf[i] == '\n') {
                    keep = i - end + 1;
                    break;
                }
            }
            if (keep < got) {
                in.reset();
                readFully(keep); // the same bytes again, into the same place
            }
            end += keep;
        } catch (IOException e) {
            throw new UncheckedIo(e);
        }
    }

    private void readFully(int n) throws IOException {
        int off = 0;
        while (off < n) {
            int got = in.read(buf, end + off, n - off);
            if (got < 0) {
                throw truncated();
            }
            off += got;
        }
    }

    /** The next line as latin-1 text, newline consumed. */
    private String readLine() {
        int n = lineLength();
        String s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
        pos += n + 1;
        return s;
    }

    private byte[] readBytes(long n) {
        if (n < 0) {
            throw fail(opName() + " pickle has negative byte count");
        }
        checkLength(n);
        if (n >= DIRECT_READ && end - pos < n) { // only a stream gets here: checkLength refused short arrays
            return readLarge((int) n);
        }
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + (int) n);
        pos += (int) n;
        return b;
    }

    /**
     * A large argument from a stream, read into its own array rather than through buf (which would grow by
     * copying, then be copied out). The array is made only once the declared length is within what
     * {@link #grow} would allow for the bytes present (received so far, or that {@code available()} says the
     * stream holds); until then arriving bytes are staged in pages (each no bigger than what arrived before
     * it, or 1 MiB), so a hostile length still cannot allocate more than about twice the bytes present.
     */
    private byte[] readLarge(int n) {
        int have = end - pos;
        long present = have;
        ArrayList<byte[]> pages = null;
        while (n - present > Math.max(present, STREAM_CHUNK * 16L) && n - present > available()) {
            // a page no bigger than what arrived (or 1 MiB), and no bigger than what makes the final array
            // allowed: the staged bytes are copied once more, so staging stops at half the length, not past it
            long allowedAfter = Math.min((n - 2 * present + 1) / 2, n - present - STREAM_CHUNK * 16L);
            byte[] page = new byte[(int) Math.min(Math.max(present, STREAM_CHUNK * 16L), Math.max(1, allowedAfter))];
            readInto(page, 0, page.length);
            if (pages == null) {
                pages = new ArrayList<>();
            }
            pages.add(page);
            present += page.length;
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, have);
        int at = have;
        if (pages != null) {
            for (byte[] page : pages) {
                System.arraycopy(page, 0, out, at, page.length);
                at += page.length;
            }
        }
        readInto(out, at, n - at);
        base += n - have; // the bytes read past buf count as consumed: buf is now empty at pos == end
        pos = end;
        return out;
    }

    private long available() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0; // only a hint; the reads that follow report the failure
        }
    }

    private void readInto(byte[] b, int off, int len) {
        while (len > 0) {
            int got = readStream(b, off, len);
            if (got < 0) {
                throw truncated();
            }
            off += got;
            len -= got;
        }
    }

    /** A declared length no input can satisfy fails here, before any allocation. */
    private void checkLength(long n) {
        if (n <= end - pos) {
            return;
        }
        if (in == null) {
            throw truncated();
        }
        if (base + pos + n > limits.maxInputBytes()) {
            throw limit("pickle size " + (base + pos + n) + " bytes", limits.maxInputBytes(), "maxInputBytes");
        }
        if (n > MAX_ARRAY) {
            throw fail("a length of " + n + " bytes exceeds the largest Java array");
        }
    }

    // ---------------------------------------------------------------- stack

    private void push(Object value) {
        if (sp == stack.length) {
            growStack();
        }
        depths[sp] = 0;
        stack[sp++] = value;
    }

    private void push(Object value, int depth) {
        if (sp == stack.length) {
            growStack();
        }
        depths[sp] = depth;
        stack[sp++] = value;
    }

    /** One more than the deepest value in stack[from, sp): the depth of a container made of them. */
    private int sliceDepth(int from) {
        int d = 0;
        for (int i = from; i < sp; i++) {
            d = Math.max(d, depths[i]);
        }
        return nested(d + 1);
    }

    private int nested(int depth) {
        if (depth > limits.maxDepth()) {
            throw limit("nesting depth " + depth, limits.maxDepth(), "maxDepth");
        }
        return depth;
    }

    /** A container at stack index i gained items as deep as {@code itemsDepth} (already one level added). */
    private void deepen(int i, int itemsDepth) {
        if (itemsDepth > depths[i]) {
            depths[i] = itemsDepth;
        }
    }

    private void growStack() {
        if (sp >= limits.maxContainerSize()) {
            throw limit("stack size " + (sp + 1), limits.maxContainerSize(), "maxContainerSize");
        }
        stack = Arrays.copyOf(stack, (int) Math.min((long) stack.length * 2, limits.maxContainerSize()));
        depths = Arrays.copyOf(depths, stack.length);
    }

    private Object pop() {
        if (sp <= fence) {
            throw underflow();
        }
        Object v = stack[--sp];
        stack[sp] = null;
        return v;
    }

    private Object top() {
        if (sp <= fence) {
            throw underflow();
        }
        return stack[sp - 1];
    }

    /** Index on the stack where the topmost mark's slice begins; pops the mark. */
    private int popMark() {
        if (markCount == 0) {
            throw fail("could not find MARK");
        }
        int m = marks[--markCount];
        fence = markCount == 0 ? 0 : marks[markCount - 1];
        return m;
    }

    /** Drops stack[from, sp) after its items were taken. */
    private void truncateStack(int from) {
        Arrays.fill(stack, from, sp, null);
        sp = from;
    }

    private Object[] sliceFrom(int from) {
        Object[] items = Arrays.copyOfRange(stack, from, sp);
        truncateStack(from);
        return items;
    }

    // ---------------------------------------------------------------- numbers

    /** load_int: a line of exactly two characters that reads as 0 or 1 is a bool (Python 2's I00/I01). */
    private void loadInt() {
        String s = readDecimalLine();
        Object v = IntText.parseInt(s);
        if (v == null) {
            throw fail("invalid literal for int() with base 0: '" + s + "'");
        }
        if (s.length() == 2 && v instanceof Integer i && (i == 0 || i == 1)) {
            push(i == 1);
        } else {
            push(v);
        }
    }

    private void loadLong() {
        String s = readDecimalLine();
        if (s.endsWith("L")) {
            s = s.substring(0, s.length() - 1);
        }
        Object v = IntText.pythonInt(s);
        if (v == null) {
            throw fail("invalid literal for int() with base 0: '" + s + "'");
        }
        push(v);
    }

    /** A decimal line, its digit count checked against maxIntDigits before any parsing (CPython's int_max_str_digits). */
    private String readDecimalLine() {
        // Room for a sign, whitespace, a trailing L and digit separators; a longer line cannot be a number
        // maxIntDigits allows, so it fails before the rest of it is read.
        int n = lineLength(2L * limits.maxIntDigits() + 64, "maxIntDigits");
        if (n == 0) {
            throw truncated(); // _pickle.c's bad_readline for an empty argument line
        }
        int digits = 0;
        for (int i = pos; i < pos + n; i++) {
            if (buf[i] >= '0' && buf[i] <= '9') {
                digits++;
            }
        }
        if (digits > limits.maxIntDigits()) {
            throw limit("Exceeds the limit (" + limits.maxIntDigits() + " digits) for integer string conversion:"
                    + " value has " + digits + " digits", "maxIntDigits");
        }
        return readLine();
    }

    private void loadBinint() {
        push(SmallInts.of(i32()));
    }

    private void loadBinint1() {
        push(SmallInts.box(u8()));
    }

    private void loadBinint2() {
        push(SmallInts.box(u16()));
    }

    private void loadLong1() {
        push(decodeLong(u8()));
    }

    private void loadLong4() {
        int n = i32();
        if (n < 0) {
            throw fail("LONG pickle has negative byte count");
        }
        if (n > limits.maxLongBytes()) {
            throw limit("LONG4 of " + n + " bytes", limits.maxLongBytes(), "maxLongBytes");
        }
        push(decodeLong(n));
    }

    /** Two's complement, little-endian, as pickle's decode_long. */
    private Object decodeLong(int n) {
        if (n == 0) {
            return 0;
        }
        need(n);
        if (n <= 8) {
            long v = buf[pos + n - 1]; // sign-extended top byte
            for (int i = n - 2; i >= 0; i--) {
                v = v << 8 | (buf[pos + i] & 0xff);
            }
            pos += n;
            return Ints.of(v);
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = buf[pos + n - 1 - i];
        }
        pos += n;
        return Ints.of(new BigInteger(be));
    }

    private void loadFloat() {
        int n = lineLength();
        if (n == 0) {
            throw truncated();
        }
        push(FloatText.parse(readLine(), this));
    }

    private void loadBinfloat() {
        push(f64be());
    }

    // ---------------------------------------------------------------- strings

    private void loadString() {
        String line = readLine();
        int n = line.length();
        if (n < 2 || line.charAt(0) != line.charAt(n - 1) || (line.charAt(0) != '\'' && line.charAt(0) != '"')) {
            throw fail("the STRING opcode argument must be quoted");
        }
        byte[] raw;
        try {
            raw = Escapes.escapeDecode(line.substring(1, n - 1));
        } catch (KnownGlobals.BadValue e) {
            throw fail(e.getMessage());
        }
        push(decodePython2(raw));
    }

    private void loadBinstring() {
        push(decodePython2(readBytes(i32())));
    }

    private void loadShortBinstring() {
        push(decodePython2(readBytes(u8())));
    }

    /** A Python 2 str in the configured encoding, or bytes under encoding "bytes" (load_string's decode step). */
    private Object decodePython2(byte[] raw) {
        String encoding = config.encoding();
        if ("bytes".equals(encoding)) {
            return raw;
        }
        CharsetDecoder decoder = charset(encoding).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(raw));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw fail("'" + encoding.toLowerCase() + "' codec can't decode the Python 2 string: " + e.getMessage());
        }
    }

    private Charset charset(String encoding) {
        try {
            return Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw fail("unknown encoding: " + encoding);
        }
    }

    private void loadBinbytes() {
        push(readBytes(u32()));
    }

    private void loadShortBinbytes() {
        push(readBytes(u8()));
    }

    private void loadBinbytes8() {
        push(readBytes(length8()));
    }

    private void loadBytearray8() {
        push(new PyByteArray(readBytes(length8())));
    }

    /** An 8-byte length; one above 2^63 cannot be present in any input (CPython: exceeds system's maximum). */
    private long length8() {
        long n = i64();
        if (n < 0) {
            throw fail(opName() + " exceeds system's maximum size of " + Long.MAX_VALUE + " bytes");
        }
        return n;
    }

    private void loadUnicode() {
        int n = lineLength();
        String s = Escapes.rawUnicodeEscapeDecode(buf, pos, n, this);
        pos += n + 1;
        push(s);
    }

    private void loadShortBinunicode() {
        push(readUtf8(u8()));
    }

    private void loadBinunicode() {
        push(readUtf8(u32()));
    }

    private void loadBinunicode8() {
        push(readUtf8(length8()));
    }

    private String readUtf8(long n) {
        checkLength(n);
        if (n >= DIRECT_READ && end - pos < n) {
            return decodeUtf8(readLarge((int) n), 0, (int) n);
        }
        need(n);
        String s = decodeUtf8(buf, pos, (int) n);
        pos += (int) n;
        return s;
    }

    private String decodeUtf8(byte[] b, int from, int n) {
        try {
            return Utf8.decode(b, from, n);
        } catch (Utf8.InvalidUtf8 e) {
            throw fail(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- out-of-band buffers

    private void loadNextBuffer() {
        if (buffers == null) {
            buffers = bufferSource.iterator();
        }
        if (!buffers.hasNext()) {
            throw fail(buffersSeen ? "not enough out-of-band buffers"
                    : "pickle stream refers to out-of-band data but no *buffers* argument was given");
        }
        buffersSeen = true;
        Object b = buffers.next();
        // Like load_next_buffer, the caller's object itself is pushed (bytes come back as bytes); only a
        // ByteBuffer, which has no Python twin, is wrapped in a PyPickleBuffer view.
        if (b instanceof byte[] || b instanceof PyByteArray || b instanceof PyPickleBuffer) {
            push(b);
        } else if (b instanceof ByteBuffer bb) {
            push(new PyPickleBuffer(bb.duplicate(), bb.isReadOnly()));
        } else {
            throw fail("out-of-band buffer must be a byte[], PyByteArray, PyPickleBuffer or ByteBuffer, not "
                    + (b == null ? "null" : b.getClass().getName()));
        }
    }

    /** Like load_readonly_buffer: a writable buffer becomes a read-only view; bytes stay as they are. */
    private void loadReadonlyBuffer() {
        Object t = top();
        if (t instanceof PyPickleBuffer pb) {
            if (!pb.readOnly()) {
                stack[sp - 1] = new PyPickleBuffer(pb.buffer(), true);
            }
        } else if (t instanceof PyByteArray ba) {
            stack[sp - 1] = new PyPickleBuffer(ByteBuffer.wrap(ba.array()), true);
        } else if (!(t instanceof byte[])) {
            throw fail("a bytes-like object is required, not '" + TypeNames.of(t) + "'");
        }
    }

    // ---------------------------------------------------------------- containers

    private void loadAppend() {
        int d = sp > fence ? depths[sp - 1] : 0;
        Object value = pop();
        appendTo(top(), new Object[] {value}, 0, 1);
        deepen(sp - 1, nested(d + 1));
    }

    private void loadAppends() {
        int m = popMark();
        if (m == 0) {
            throw underflow();
        }
        if (sp > m) { // an empty slice is a no-op on any target, as in do_append
            deepen(m - 1, sliceDepth(m));
            appendTo(stack[m - 1], stack, m, sp - m);
            truncateStack(m);
        }
    }

    private void appendTo(Object target, Object[] items, int from, int n) {
        PyList list;
        if (target instanceof PyList l) {
            list = l;
        } else if (target instanceof PyObject o) {
            list = o.listItemsForUpdate();
        } else {
            throw fail("cannot append to " + TypeNames.article(target));
        }
        checkSize(list.size() + (long) n);
        reserve(list, list.size() + n);
        for (int i = from; i < from + n; i++) {
            list.add(items[i]);
        }
    }

    /**
     * Room for {@code needed} items. The list being filled by consecutive APPENDS batches doubles (ArrayList
     * alone grows by half): a million-item list then leaves one dead copy of itself, not two, and ends 2%
     * over size instead of 48%. It matters under G1, where every copy past ~128k items is a humongous object
     * that only a concurrent cycle frees. ArrayList hides its capacity, so the reader remembers what it asked.
     */
    private void reserve(PyList list, int needed) {
        if (list == growing && needed <= growingCapacity) {
            return;
        }
        // Never past maxContainerSize (checked against needed already), so the doubling cannot overshoot a limit.
        int capacity = list == growing
                ? (int) Math.max(needed, Math.min(2L * growingCapacity, limits.maxContainerSize())) : needed;
        list.ensureCapacity(capacity);
        growing = list;
        growingCapacity = capacity;
    }

    private void loadList() {
        int m = popMark();
        int d = sliceDepth(m);
        PyList list = new PyList(sp - m);
        for (int i = m; i < sp; i++) {
            list.add(stack[i]);
        }
        truncateStack(m);
        push(list, d);
    }

    private void loadTuple() {
        int m = popMark();
        int d = sliceDepth(m);
        push(PyTuple.wrap(sliceFrom(m)), d);
    }

    private void loadTupleN(int n) {
        if (sp - fence < n) {
            throw underflow();
        }
        int d = sliceDepth(sp - n);
        push(PyTuple.wrap(sliceFrom(sp - n)), d);
    }

    private void loadDict() {
        int m = popMark();
        int d = sliceDepth(m);
        PyDict dict = new PyDict((sp - m) / 2);
        putItems(dict, m, "DICT");
        truncateStack(m);
        push(dict, d);
    }

    private void loadSetitem() {
        if (sp - fence < 3) {
            throw underflow();
        }
        deepen(sp - 3, sliceDepth(sp - 2));
        putItems(stack[sp - 3], sp - 2, "SETITEM");
        truncateStack(sp - 2);
    }

    private void loadSetitems() {
        int m = popMark();
        if (m == 0) {
            throw underflow();
        }
        if (sp > m) { // an empty slice is a no-op on any target, as in do_setitems
            deepen(m - 1, sliceDepth(m));
            putItems(stack[m - 1], m, "SETITEMS");
            truncateStack(m);
        }
    }

    /** Puts stack[from, sp) as key/value pairs into a dict (or a PyObject's dict items). */
    private void putItems(Object target, int from, String what) {
        if ((sp - from) % 2 != 0) {
            throw fail("odd number of items for " + what);
        }
        Map<Object, Object> dict;
        if (target instanceof PyDict d) {
            dict = d;
        } else if (target instanceof PyObject o) {
            dict = o.dictItemsForUpdate();
        } else {
            throw fail("cannot set items on " + TypeNames.article(target));
        }
        checkSize(dict.size() + (long) (sp - from) / 2);
        if (target instanceof PyDict d) {
            d.ensureCapacity(d.size() + (sp - from) / 2); // one resize per SETITEMS batch, not several
        }
        for (int i = from; i < sp; i += 2) {
            hashable(stack[i]);
            dict.put(stack[i], stack[i + 1]);
        }
    }

    private void loadAdditems() {
        int m = popMark();
        if (m == 0) {
            throw underflow();
        }
        if (sp == m) {
            return; // an empty slice is a no-op on any target, as in load_additems
        }
        if (!(stack[m - 1] instanceof PySet set)) {
            throw fail("cannot add items to " + TypeNames.article(stack[m - 1]));
        }
        checkSize(set.size() + (long) (sp - m));
        deepen(m - 1, sliceDepth(m));
        for (int i = m; i < sp; i++) {
            hashable(stack[i]);
            set.add(stack[i]);
        }
        truncateStack(m);
    }

    private void loadFrozenset() {
        int m = popMark();
        int d = sliceDepth(m);
        LinkedHashSet<Object> items = new LinkedHashSet<>(Math.max(4, (sp - m) * 4 / 3 + 1));
        for (int i = m; i < sp; i++) {
            hashable(stack[i]);
            items.add(stack[i]);
        }
        truncateStack(m);
        push(PyFrozenSet.wrap(items), d);
    }

    private void hashable(Object key) {
        if (key instanceof PyList || key instanceof PyDict || key instanceof PySet || key instanceof PyByteArray
                || key instanceof PyTuple) {
            try {
                Hashing.check(key);
            } catch (KnownGlobals.BadValue e) {
                throw fail(e.getMessage());
            }
        }
    }

    private void checkSize(long size) {
        if (size > limits.maxContainerSize()) {
            throw limit("container size " + size, limits.maxContainerSize(), "maxContainerSize");
        }
    }

    // ---------------------------------------------------------------- stack manipulation

    /** Like _pickle.c's load_pop: an empty slice above the topmost mark pops the mark itself. */
    private void loadPop() {
        if (markCount > 0 && marks[markCount - 1] == sp) {
            popMark();
        } else if (sp > fence) {
            pop();
        } else {
            throw underflow();
        }
    }

    private void loadDup() {
        Object t = top();
        noteEscape(t);
        push(t, depths[sp - 1]);
    }

    private void loadMark() {
        if (markCount >= limits.maxDepth()) {
            throw limit("nesting depth " + (markCount + 1) + " (open MARKs)", limits.maxDepth(), "maxDepth");
        }
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, marks.length * 2);
        }
        marks[markCount++] = sp;
        fence = sp;
    }

    private void loadPopMark() {
        truncateStack(popMark());
    }

    // ---------------------------------------------------------------- memo

    private void loadGet() {
        pushMemo(decimalKey());
    }

    private void loadBinget() {
        pushMemo(u8());
    }

    private void loadLongBinget() {
        pushMemo(u32());
    }

    private void loadPut() {
        long key = decimalKey();
        if (key < 0) {
            throw fail("negative PUT argument");
        }
        putMemo(key);
    }

    private void loadBinput() {
        putMemo(u8());
    }

    private void loadLongBinput() {
        putMemo(u32());
    }

    private void loadMemoize() {
        putMemo(memoCount);
    }

    private long decimalKey() {
        String s = readDecimalLine().strip();
        if (!s.matches("[+-]?[0-9]{1,18}")) {
            throw fail("invalid literal for int() with base 10: '" + s + "'");
        }
        return Long.parseLong(s);
    }

    private void pushMemo(long key) {
        Object v = denseMemo(key);
        if (v == null && sparseMemo != null) {
            v = sparseMemo.get(key);
        }
        if (v == null) {
            throw fail("memo key " + key + " not defined");
        }
        noteEscape(v);
        push(v == NONE_IN_MEMO ? null : v, memoDepth(key)); // sparse keys: depth not kept (documented)
    }

    /** The dense memo's entry for {@code key}, or null (absent, negative, or beyond the pages). */
    private Object denseMemo(long key) {
        long page = key >>> MEMO_PAGE_BITS;
        if (key < 0 || page >= memoPages.length) {
            return null;
        }
        Object[] p = memoPages[(int) page];
        int slot = (int) key & (MEMO_PAGE - 1);
        return p != null && slot < p.length ? p[slot] : null;
    }

    private int memoDepth(long key) {
        long page = key >>> MEMO_PAGE_BITS;
        if (page >= memoDepthPages.length) {
            return 0;
        }
        int[] p = memoDepthPages[(int) page];
        return p == null ? 0 : p[(int) key & (MEMO_PAGE - 1)];
    }

    private void putMemo(long key) {
        Object v = top();
        Object stored = v == null ? NONE_IN_MEMO : v;
        boolean fresh;
        // Dense keys (the only kind picklers write) live in the array; a key far beyond the entries so far
        // (up to 2^32 - 1 from LONG_BINPUT) goes to a map, so it costs one entry, not 2^32 slots.
        if (key < (long) memoPages.length << MEMO_PAGE_BITS || key < Math.max(1024L, 2L * memoCount + 64)) {
            fresh = putDense((int) key, stored, depths[sp - 1]);
        } else {
            if (sparseMemo == null) {
                sparseMemo = new HashMap<>();
            }
            fresh = sparseMemo.put(key, stored) == null;
        }
        if (fresh && ++memoCount > limits.maxMemo()) {
            throw limit("memo size " + memoCount, limits.maxMemo(), "maxMemo");
        }
        if (v instanceof PyObject o && isUuid(o)) {
            if (uuidKeys == null) {
                uuidKeys = new IdentityHashMap<>();
            }
            if (uuidKeys.putIfAbsent(o, key) != null) {
                noteEscape(o); // memoized twice: two slots to fix; keep it simple and exact
            }
        }
    }

    private static boolean isUuid(PyObject o) {
        return !o.hasState() && PyGlobal.of("uuid", "UUID").equals(o.pythonClass());
    }

    /** A second reference to a uuid.UUID under construction means it can no longer be swapped for a UUID. */
    private void noteEscape(Object v) {
        if (uuidKeys != null && v instanceof PyObject o && uuidKeys.containsKey(o)) {
            if (uuidEscaped == null) {
                uuidEscaped = new IdentityHashMap<>();
            }
            uuidEscaped.put(o, Boolean.TRUE);
        }
    }

    private boolean putDense(int key, Object stored, int depth) {
        int page = key >>> MEMO_PAGE_BITS;
        int slot = key & (MEMO_PAGE - 1);
        if (page >= memoPages.length) {
            memoPages = Arrays.copyOf(memoPages, Math.max(page + 1, memoPages.length * 2));
            memoDepthPages = Arrays.copyOf(memoDepthPages, memoPages.length);
        }
        Object[] p = memoPages[page];
        if (p == null || slot >= p.length) {
            // Page 0 doubles from 8 so a small pickle's memo stays small; later pages are made whole.
            int size = page > 0 ? MEMO_PAGE : Math.min(MEMO_PAGE, Math.max(8, Math.max(slot + 1, 2 * length(p))));
            p = memoPages[page] = p == null ? new Object[size] : Arrays.copyOf(p, size);
        }
        boolean fresh = p[slot] == null;
        if (fresh && sparseMemo != null && sparseMemo.remove((long) key) != null) {
            fresh = false;
        }
        p[slot] = stored;
        int[] dp = memoDepthPages[page];
        if (dp == null && depth != 0) {
            dp = memoDepthPages[page] = new int[MEMO_PAGE];
        }
        if (dp != null) {
            dp[slot] = depth;
        }
        return fresh;
    }

    private static int length(Object[] a) {
        return a == null ? 0 : a.length;
    }

    private void replaceMemo(long key, Object value) {
        if (denseMemo(key) != null) {
            memoPages[(int) (key >>> MEMO_PAGE_BITS)][(int) key & (MEMO_PAGE - 1)] = value == null ? NONE_IN_MEMO : value;
        } else if (sparseMemo != null) {
            sparseMemo.put(key, value);
        }
    }

    // ---------------------------------------------------------------- globals and objects

    private void loadExt(int code) {
        if (code <= 0) {
            throw fail("EXT specifies code <= 0");
        }
        PyGlobal g = registry.extension(code);
        if (g == null) {
            throw fail("unregistered extension code " + code);
        }
        push(findClass(g.module(), g.name()));
    }

    private void loadGlobal() {
        String module = utf8Line();
        String name = utf8Line();
        push(findClass(module, name));
    }

    private String utf8Line() {
        int n = lineLength();
        String s = readUtf8(n);
        pos++;
        return s;
    }

    private void loadStackGlobal() {
        Object name = pop();
        Object module = pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
            throw fail("STACK_GLOBAL requires str");
        }
        push(findClass(m, n));
    }

    /** find_class without importing: Python 2 renames, then the strict-mode policy; the result is a name. */
    private Object findClass(String module, String name) {
        if (proto < 3 && config.fixImports()) {
            PyGlobal renamed = CompatNames.toPython3(module, name);
            if (renamed != null) {
                module = renamed.module();
                name = renamed.name();
            }
        }
        PyGlobal g = PyGlobal.of(module, name);
        boolean registered = registry.constructorFor(g) != null;
        if (config.strict() && !registered && !KnownGlobals.isKnown(g) && !config.allowedGlobals().contains(g)) {
            throw new ForbiddenGlobalException(module, name, "global '" + g.qualifiedName()
                    + "' is forbidden in strict mode" + where(), opOffset);
        }
        Object singleton = KnownGlobals.singleton(g);
        return singleton != null ? singleton : g;
    }

    private void loadReduce() {
        int d = sp > fence ? depths[sp - 1] : 0;
        Object args = pop();
        Object callable = pop();
        push(call(callable, tupleArg(args, "REDUCE"), PyObject.Construction.REDUCE), d);
    }

    private PyTuple tupleArg(Object args, String what) {
        if (!(args instanceof PyTuple t)) {
            throw fail(what + " expected an arg tuple, not '" + TypeNames.of(args) + "'");
        }
        return t;
    }

    /** The value of callable(*args): a known type's Java value, else a PyObject recording the call. */
    private Object call(Object callable, PyTuple args, PyObject.Construction how) {
        if (callable instanceof PyGlobal g && KnownGlobals.isKnown(g)) {
            try {
                Object v = KnownGlobals.call(g, args);
                if (v != KnownGlobals.KEEP) {
                    return v;
                }
            } catch (KnownGlobals.BadValue e) {
                throw fail(e.getMessage());
            }
        }
        PyObject o = how == PyObject.Construction.REDUCE ? PyObject.reduce(callable, args)
                : PyObject.legacy(callable, args, how);
        noteRegistered(o);
        return o;
    }

    private void noteRegistered(PyObject o) {
        if (!registeredSeen && registry.hasConstructors()) {
            PyGlobal cls = o.pythonClass();
            registeredSeen = cls != null && registry.constructorFor(cls) != null;
        }
    }

    private void loadBuild() {
        int d = sp > fence ? depths[sp - 1] : 0;
        Object state = pop();
        Object inst = top();
        if (inst instanceof PyObject o) {
            deepen(sp - 1, nested(d + 1));
            o.setState(state);
            convertUuid(o);
        } else {
            throw fail("cannot BUILD state into " + TypeNames.article(inst));
        }
    }

    /**
     * uuid.UUID pickles as an empty instance then BUILD {'int': n}; it becomes a java.util.UUID here, in the
     * stack slot and in the memo slot that holds it, unless something took another reference first (DUP, or
     * GET before BUILD); then the PyObject stays, which is still exact. A state with 'is_safe' (a non-default
     * SafeUUID) also stays a PyObject, so that it round-trips.
     */
    private void convertUuid(PyObject o) {
        if (!PyGlobal.of("uuid", "UUID").equals(o.pythonClass()) || !(o.state() instanceof PyDict d)
                || d.size() != 1 || !(d.get("int") instanceof Number n) || !Ints.isInt(n)
                || o.listItems() != null || o.dictItems() != null
                || (uuidEscaped != null && uuidEscaped.containsKey(o))) {
            return;
        }
        BigInteger v = Ints.toBig(n);
        if (v.signum() < 0 || v.bitLength() > 128) {
            return;
        }
        UUID uuid = new UUID(v.shiftRight(64).longValue(), v.longValue());
        stack[sp - 1] = uuid;
        Long key = uuidKeys == null ? null : uuidKeys.remove(o);
        if (key != null) {
            replaceMemo(key, uuid);
        }
    }

    private void loadInst() {
        String module = asciiLine("INST");
        String name = asciiLine("INST");
        Object cls = findClass(module, name);
        int m = popMark();
        int d = sliceDepth(m);
        PyTuple args = PyTuple.wrap(sliceFrom(m));
        push(call(cls, args, PyObject.Construction.INST), d);
    }

    private String asciiLine(String what) {
        String s = readLine();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                throw fail(what + " module and class names must be ASCII");
            }
        }
        return s;
    }

    private void loadObj() {
        int m = popMark();
        if (sp - m < 1) {
            throw underflow();
        }
        Object cls = stack[m];
        int d = sliceDepth(m + 1);
        Object[] args = Arrays.copyOfRange(stack, m + 1, sp);
        truncateStack(m);
        push(call(cls, PyTuple.wrap(args), PyObject.Construction.OBJ), d);
    }

    private void loadNewobj() {
        int d = sp > fence ? depths[sp - 1] : 0;
        Object args = pop();
        Object cls = pop();
        if (!(args instanceof PyTuple t)) {
            throw fail("NEWOBJ expected an arg tuple.");
        }
        PyObject o = PyObject.newObj(cls, t);
        noteRegistered(o);
        push(o, d);
    }

    private void loadNewobjEx() {
        int d = sp - 2 > fence ? Math.max(depths[sp - 1], depths[sp - 2]) : 0;
        Object kwargs = pop();
        Object args = pop();
        Object cls = pop();
        if (!(args instanceof PyTuple t)) {
            throw fail("NEWOBJ_EX args argument must be a tuple, not " + TypeNames.of(args));
        }
        if (!(kwargs instanceof PyDict k)) {
            throw fail("NEWOBJ_EX kwargs argument must be a dict, not " + TypeNames.of(kwargs));
        }
        PyObject o = PyObject.newObjEx(cls, t, k);
        noteRegistered(o);
        push(o, nested(d + 1));
    }

    // ---------------------------------------------------------------- persistent ids

    private void loadPersid() {
        String id = readLine();
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) > 0x7f) {
                throw fail("persistent IDs in protocol 0 must be ASCII strings");
            }
        }
        push(persistentLoad(id));
    }

    private void loadBinpersid() {
        push(persistentLoad(pop()));
    }

    private Object persistentLoad(Object id) {
        Function<Object, Object> hook = config.persistentLoad();
        if (hook == null) {
            throw fail("A load persistent id instruction was encountered, but no persistent_load function"
                    + " was specified.");
        }
        try {
            return hook.apply(id);
        } catch (PickleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnpicklingException("persistent_load failed: " + e + where(), opOffset, e);
        }
    }

    // ---------------------------------------------------------------- framing and control

    private void loadProto() {
        int p = u8();
        if (p > 5) {
            throw fail("unsupported pickle protocol: " + p);
        }
        proto = p;
    }

    /**
     * Like _pickle.c's load_frame: the whole frame must be present (else truncated); on a stream it is read
     * in one go, which is exact because STOP is inside the last frame. As in the C unpickler (not pickle.py's
     * stricter _Unframer), an opcode may run past a frame's end.
     */
    private void loadFrame() {
        long n = i64();
        if (n < 0) {
            throw fail("FRAME length exceeds system's maximum of " + Long.MAX_VALUE + " bytes");
        }
        checkLength(n);
        need(n);
    }

    private Object loadStop() {
        return pop();
    }

    // ---------------------------------------------------------------- failures (out of line)

    private PickleLimitException lineTooLong(long maxLength, String limitName) {
        return limit("a text line longer than " + maxLength + " bytes cannot be a number within " + limitName
                + " (" + limits.maxIntDigits() + " digits)", limitName);
    }

    String opName() {
        Opcode o = Opcode.of(op);
        return o == null ? "?" : o.pythonName();
    }

    private String where() {
        return " at offset " + opOffset + " (" + opName() + ")";
    }

    UnpicklingException fail(String message) {
        return new UnpicklingException(message + where(), opOffset);
    }

    private UnpicklingException truncated() {
        return new UnpicklingException("pickle data was truncated" + where(), opOffset);
    }

    private UnpicklingException underflow() {
        return fail(markCount > 0 && sp <= fence ? "unexpected MARK found" : "unpickling stack underflow");
    }

    private UnpicklingException badOpcode() {
        String shown = op >= 0x20 && op < 0x7f ? String.valueOf((char) op) : String.format("\\x%02x", op);
        return new UnpicklingException("invalid load key, '" + shown + "' at offset " + opOffset, opOffset);
    }

    private PickleLimitException limit(String what, long max, String method) {
        return new PickleLimitException(what + " exceeds the limit of " + max + where()
                + "; raise it with Limits.Builder." + method, opOffset);
    }

    private PickleLimitException limit(String message, String method) {
        return new PickleLimitException(message + where() + "; raise it with Limits.Builder." + method, opOffset);
    }

    /** Carries an IOException out of the opcode loop to {@link #read(InputStream)}, which rethrows it. */
    private static final class UncheckedIo extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final IOException io;

        UncheckedIo(IOException io) {
            super(null, null, false, false);
            this.io = io;
        }
    }
}
