package dev.picklewire.internal.writer;

import dev.picklewire.Pickler;
import dev.picklewire.PicklingException;
import dev.picklewire.TypeRegistry;
import dev.picklewire.internal.CompatNames;
import dev.picklewire.internal.FloatRepr;
import dev.picklewire.types.PyArray;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyConstant;
import dev.picklewire.types.PyDateTime;
import dev.picklewire.types.PyDecimal;
import dev.picklewire.types.PyDefaultDict;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PyPickleBuffer;
import dev.picklewire.types.PyRange;
import dev.picklewire.types.PySlice;
import dev.picklewire.types.PyTime;
import dev.picklewire.types.PyTimezone;
import dev.picklewire.types.PyTuple;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One dump of one value: CPython 3.11's C pickler ({@code Modules/_pickle.c}) re-expressed in Java, one
 * {@code saveX} per Python type, producing the same bytes for the same value at every protocol.
 *
 * <p>The memo follows CPython: keyed by identity, and only for what CPython memoizes (str, bytes, containers,
 * globals, reduced objects; never None, bools, ints, floats or the empty tuple). Where CPython shares by
 * value because the interpreter keeps one object (one-character Latin-1 strs, the empty str, the empty bytes
 * an unpickler hands out, a class named twice, a module name), the memo here is keyed by value too.
 *
 * <p>Where a Java value cannot say what CPython would know, the choice made here:
 * <ul>
 *   <li>str identity: Java strings are memoized by identity (plus the value-shared cases above). CPython also
 *       shares strs the interpreter interned (identifiers, attribute names); a Java program gets the same
 *       bytes when it shares those strings the same way (a reader-made value does).</li>
 *   <li>A module name at protocol 4 is shared by value among classes, and separately among the C functions
 *       {@link CFunctions} lists (CPython has two str objects for such a module's name).</li>
 *   <li>A Java surrogate pair is one astral character; a Python str holding two surrogate code points in a
 *       row has no Java spelling.</li>
 *   <li>java.time values drop nanoseconds below a microsecond (datetime has no field for them); a
 *       {@code Duration} rounds them half-even.</li>
 *   <li>NEWOBJ below protocol 2 is {@code copyreg._reconstructor(cls, object, None)} when there are no
 *       arguments (what CPython writes for a plain instance), else REDUCE {@code copyreg.__newobj__}.</li>
 *   <li>The persistent-id hook sees every value, but not the module and name strs of STACK_GLOBAL.</li>
 * </ul>
 *
 * <p>Not thread-safe and single use; {@link Pickler} makes one per dump.
 */
public final class PickleWriter {
    // Opcodes written here (see dev.picklewire.internal.Opcode for the full table).
    private static final int MARK = '(';
    private static final int STOP = '.';
    private static final int POP = '0';
    private static final int POP_MARK = '1';
    private static final int FLOAT = 'F';
    private static final int INT = 'I';
    private static final int BININT = 'J';
    private static final int BININT1 = 'K';
    private static final int LONG = 'L';
    private static final int BININT2 = 'M';
    private static final int NONE = 'N';
    private static final int PERSID = 'P';
    private static final int BINPERSID = 'Q';
    private static final int REDUCE = 'R';
    private static final int UNICODE = 'V';
    private static final int BINUNICODE = 'X';
    private static final int APPEND = 'a';
    private static final int BUILD = 'b';
    private static final int GLOBAL = 'c';
    private static final int DICT = 'd';
    private static final int EMPTY_DICT = '}';
    private static final int APPENDS = 'e';
    private static final int GET = 'g';
    private static final int BINGET = 'h';
    private static final int LONG_BINGET = 'j';
    private static final int LIST = 'l';
    private static final int EMPTY_LIST = ']';
    private static final int PUT = 'p';
    private static final int BINPUT = 'q';
    private static final int LONG_BINPUT = 'r';
    private static final int SETITEM = 's';
    private static final int TUPLE = 't';
    private static final int EMPTY_TUPLE = ')';
    private static final int SETITEMS = 'u';
    private static final int BINFLOAT = 'G';
    private static final int PROTO = 0x80;
    private static final int NEWOBJ = 0x81;
    private static final int EXT1 = 0x82;
    private static final int EXT2 = 0x83;
    private static final int EXT4 = 0x84;
    private static final int TUPLE1 = 0x85;
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int LONG1 = 0x8a;
    private static final int LONG4 = 0x8b;
    private static final int BINBYTES = 'B';
    private static final int SHORT_BINBYTES = 'C';
    private static final int SHORT_BINUNICODE = 0x8c;
    private static final int BINUNICODE8 = 0x8d;
    private static final int BINBYTES8 = 0x8e;
    private static final int EMPTY_SET = 0x8f;
    private static final int ADDITEMS = 0x90;
    private static final int FROZENSET = 0x91;
    private static final int NEWOBJ_EX = 0x92;
    private static final int STACK_GLOBAL = 0x93;
    private static final int MEMOIZE = 0x94;
    private static final int BYTEARRAY8 = 0x96;
    private static final int NEXT_BUFFER = 0x97;
    private static final int READONLY_BUFFER = 0x98;

    /** CPython's BATCHSIZE: items per APPENDS / SETITEMS / ADDITEMS. */
    private static final int BATCHSIZE = 1000;

    private static final PyGlobal CODECS_ENCODE = PyGlobal.of("_codecs", "encode");
    private static final PyGlobal BYTES = PyGlobal.of("builtins", "bytes");
    private static final PyGlobal BYTEARRAY = PyGlobal.of("builtins", "bytearray");
    private static final PyGlobal SET = PyGlobal.of("builtins", "set");
    private static final PyGlobal FROZENSET_CLASS = PyGlobal.of("builtins", "frozenset");
    private static final PyGlobal GETATTR = PyGlobal.of("builtins", "getattr");
    private static final PyGlobal OBJECT = PyGlobal.of("builtins", "object");
    private static final PyGlobal RECONSTRUCTOR = PyGlobal.of("copyreg", "_reconstructor");
    private static final PyGlobal NEWOBJ_FUNCTION = PyGlobal.of("copyreg", "__newobj__");
    private static final PyGlobal PARTIAL = PyGlobal.of("functools", "partial");
    /** The encoding name save_bytes passes: one str object, as CPython's interned identifier. */
    private static final String LATIN1 = "latin1";

    private final int proto;
    private final boolean bin;
    private final TypeRegistry registry;
    private final Function<Object, Object> persistentId;
    private final boolean fixImports;
    private final Predicate<PyPickleBuffer> bufferCallback;
    private final int maxDepth;
    private final WriterPool pool;
    private final OutputBuffer out;
    private final MemoTable memo;
    private int memoSize;
    private int[] latin1CharMemo;
    private int emptyStrMemo = -1;
    private int emptyBytesMemo = -1;
    private Map<PyGlobal, Integer> globalMemo;
    private Map<String, Integer> moduleNameMemo;
    /** Java values pickled through a Python form (records, arrays, java.time...): one form per value. */
    private IdentityHashMap<Object, Object> forms;
    private Map<Class<?>, Function<Object, ?>> reducerCache;
    private int depth;

    /**
     * One dump's writer, drawing its memo table and output array from {@code pool} (the pickler's) and giving
     * them back when the dump is over, finished or failed; what it returns never shares the output array.
     */
    public PickleWriter(Pickler config, Predicate<PyPickleBuffer> bufferCallback, WriterPool pool) {
        this.pool = pool;
        this.memo = pool.takeMemo();
        this.out = new OutputBuffer(pool.takeBuffer());
        this.proto = config.protocol();
        this.bin = proto >= 1;
        this.registry = config.registry();
        this.persistentId = config.persistentId();
        this.fixImports = config.fixImports();
        this.maxDepth = config.maxDepth();
        this.bufferCallback = bufferCallback;
    }

    /** Pickles {@code value}: PROTO (protocol 2+), the value, STOP; framed from protocol 4. */
    public byte[] write(Object value) {
        try {
            writeAll(value);
            return out.toByteArray();
        } finally {
            pool.giveBuffer(out.release());
        }
    }

    /** Pickles {@code value} to {@code stream}, large payloads straight from their arrays. */
    public void writeTo(Object value, OutputStream stream) throws IOException {
        try {
            writeAll(value);
            out.finish().writeTo(stream);
        } finally {
            pool.giveBuffer(out.release());
        }
    }

    /** Pickles {@code value}, keeping large payloads by reference (see {@link SegmentedPickle}). */
    public SegmentedPickle writeSegmented(Object value) {
        try {
            writeAll(value);
            return out.finish().detached();
        } finally {
            pool.giveBuffer(out.release());
        }
    }

    private void writeAll(Object value) {
        if (proto >= 2) {
            out.write2(PROTO, proto);
            if (proto >= 4) {
                out.startFraming();
            }
        }
        try {
            save(value);
        } catch (Failure f) {
            throw f.complete();
        } catch (StackOverflowError e) {
            throw new PicklingException("value nested too deeply for this thread's stack (depth " + depth
                    + "); lower Pickler.Builder.maxDepth or run with a larger stack");
        } finally {
            pool.giveMemo(memo); // finished or failed, the table goes back empty
        }
        out.writeByte(STOP);
        out.commitFrame();
    }

    // ---------------------------------------------------------------- dispatch

    /** CPython's save(): persistent id first, then atomic types, then the memo, then everything else. */
    private void save(Object obj) {
        out.opcodeBoundary();
        if (persistentId != null && savePers(obj)) {
            return;
        }
        saveNoPers(obj);
    }

    private void saveNoPers(Object obj) {
        if (obj == null) {
            out.writeByte(NONE);
            return;
        }
        Class<?> type = obj.getClass();
        if (type == String.class) {
            saveStr((String) obj);
        } else if (type == Integer.class) {
            saveLong((Integer) obj);
        } else if (type == Long.class) {
            saveLong((Long) obj);
        } else if (type == Boolean.class) {
            saveBool((Boolean) obj);
        } else if (type == Double.class) {
            saveFloat((Double) obj);
        } else if (type == Latin1Text.class) {
            saveLatin1Text((Latin1Text) obj);
        } else {
            saveOther(obj, type);
        }
    }

    private void saveOther(Object obj, Class<?> type) {
        if (registry == TypeRegistry.empty()) {
            // the containers the reader makes, straight to their writers (no type tests on the way)
            if (type == PyTuple.class) {
                savePlainTuple((PyTuple) obj);
                return;
            }
            if (isPlainContainer(type)) {
                savePlainContainer(obj, type);
                return;
            }
        }
        if (obj instanceof Number n && saveNumber(n)) {
            return;
        }
        int index = memoGet(obj);
        if (index >= 0) {
            writeGet(index);
            return;
        }
        enterContainer();
        Function<Object, ?> reducer = reducerFor(type);
        if (reducer != null) {
            save(form(obj, reducer));
        } else {
            saveByType(obj);
        }
        depth--;
    }

    /** One level deeper (the caller steps back out with {@code depth--}); past maxDepth a Failure. */
    private void enterContainer() {
        if (++depth > maxDepth) {
            throw Failure.of("value nested more than " + maxDepth
                    + " containers deep (raise Pickler.Builder.maxDepth)");
        }
    }

    /** Lists and dicts the reader makes, and the JDK's usual ones: memoized as soon as their opcode is out. */
    private static boolean isPlainContainer(Class<?> type) {
        return type == PyList.class || type == PyDict.class || type == ArrayList.class || type == HashMap.class
                || type == LinkedHashMap.class;
    }

    /** A tuple when no registry is set: what saveOther and saveByType do for one, without their type tests. */
    private void savePlainTuple(PyTuple t) {
        int index = memo.get(t, t.identityKey());
        if (index >= 0) {
            writeGet(index);
            return;
        }
        enterContainer();
        saveTuple(t);
        depth--;
    }

    /**
     * A list or dict in one memo probe: look up and claim the next index together, as saveStr does. Nothing
     * else is memoized between this probe and the container's PUT (it comes right after EMPTY_LIST/EMPTY_DICT),
     * so the claimed index is the one written.
     */
    private void savePlainContainer(Object obj, Class<?> type) {
        // MemoTable.keyHash for the classes isPlainContainer admits, without its type tests
        int key = type == PyList.class ? ((PyList) obj).identityKey()
                : type == PyDict.class ? ((PyDict) obj).identityKey()
                : System.identityHashCode(obj);
        int index = memo.putIfAbsent(obj, key, memoSize);
        if (index >= 0) {
            writeGet(index);
            return;
        }
        enterContainer();
        if (obj instanceof List<?> list) {
            writeListOpen();
            writePut(memoSize++);
            saveListItems(list);
        } else {
            Map<?, ?> map = (Map<?, ?>) obj;
            writeDictOpen();
            writePut(memoSize++);
            saveDictItems(map);
        }
        depth--;
    }

    private void saveByType(Object obj) {
        if (obj instanceof List<?> list) {
            saveList(list);
        } else if (obj instanceof PyTuple tuple) {
            saveTuple(tuple);
        } else if (obj instanceof PyOrderedDict od) {
            saveReduce(ReduceForms.ORDERED_DICT, PyTuple.empty(), od, null, od.isEmpty() ? null : od, false, null);
        } else if (obj instanceof PyDefaultDict dd) {
            PyTuple args = dd.defaultFactory() == null ? PyTuple.empty() : PyTuple.of(dd.defaultFactory());
            saveReduce(ReduceForms.DEFAULT_DICT, args, dd, null, dd.isEmpty() ? null : dd, false, null);
        } else if (obj instanceof Map<?, ?> map) {
            saveDict(map);
        } else if (obj instanceof PyFrozenSet fs) {
            saveFrozenSet(fs);
        } else if (obj instanceof Set<?> set) {
            saveSet(set);
        } else if (obj instanceof byte[] bytes) {
            saveBytes(bytes);
        } else if (obj instanceof PyByteArray ba) {
            saveByteArray(ba);
        } else if (obj instanceof PyObject o) {
            saveObject(o);
        } else if (obj instanceof PyGlobal g) {
            saveGlobal(g);
        } else {
            saveJava(obj);
        }
    }

    /** Values with a Python form: the standard library's types, then Java-only types. */
    private void saveJava(Object obj) {
        if (obj instanceof PyConstant c) {
            saveGlobal(PyGlobal.of("builtins", c.pythonName()));
        } else if (obj instanceof PyPickleBuffer pb) {
            savePickleBuffer(pb);
        } else if (obj instanceof Character c) {
            saveStr(String.valueOf(c.charValue()));
        } else if (obj instanceof Enum<?> e) {
            saveStr(e.name());
        } else if (obj instanceof Optional<?> o) {
            save(o.orElse(null));
        } else {
            Object form = form(obj, this::pythonForm);
            if (form == null) {
                throw Failure.of("cannot pickle a " + obj.getClass().getName()
                        + ": no Python counterpart and no reducer registered in the TypeRegistry");
            }
            save(form);
        }
    }

    /** The Python value a Java value stands for, or null if it has none. */
    private Object pythonForm(Object obj) {
        if (obj instanceof BigDecimal d) {
            return ReduceForms.decimal(d.toString());
        } else if (obj instanceof PyDecimal d) {
            return ReduceForms.decimal(d.text());
        } else if (obj instanceof UUID u) {
            return ReduceForms.uuid(u);
        } else if (obj instanceof PyComplex c) {
            return PyObject.reduce(ReduceForms.COMPLEX, PyTuple.of(c.real(), c.imag()));
        } else if (obj instanceof PyRange r) {
            return PyObject.reduce(ReduceForms.RANGE, PyTuple.of(r.start(), r.stop(), r.step()));
        } else if (obj instanceof PySlice s) {
            return PyObject.reduce(ReduceForms.SLICE, PyTuple.of(s.start(), s.stop(), s.step()));
        } else if (obj instanceof PyArray a) {
            return ReduceForms.array(a, proto);
        } else if (obj instanceof Object[] array) {
            return Arrays.asList(array);
        } else if (obj.getClass().isArray()) {
            return primitiveArrayList(obj);
        }
        Object form = timeForm(obj);
        if (form == null && obj instanceof Record r) {
            form = recordDict(r);
        }
        return form;
    }

    private Object timeForm(Object obj) {
        if (obj instanceof LocalDate d) {
            return ReduceForms.date(d);
        } else if (obj instanceof LocalTime t) {
            return ReduceForms.time(t, null, 0, proto);
        } else if (obj instanceof OffsetTime t) {
            return ReduceForms.time(t.toLocalTime(), t.getOffset(), 0, proto);
        } else if (obj instanceof PyTime t) {
            return ReduceForms.time(t, proto);
        } else if (obj instanceof LocalDateTime dt) {
            return ReduceForms.datetime(dt, null, 0, proto);
        } else if (obj instanceof OffsetDateTime dt) {
            return ReduceForms.datetime(dt.toLocalDateTime(), dt.getOffset(), 0, proto);
        } else if (obj instanceof Instant i) {
            return ReduceForms.datetime(LocalDateTime.ofInstant(i, ZoneOffset.UTC), ZoneOffset.UTC, 0, proto);
        } else if (obj instanceof PyDateTime dt) {
            return ReduceForms.datetime(dt, proto);
        } else if (obj instanceof Duration d) {
            return ReduceForms.timedelta(d);
        } else if (obj instanceof ZoneOffset z) {
            return ReduceForms.timezone(z);
        } else if (obj instanceof PyTimezone tz) {
            return ReduceForms.timezone(tz);
        }
        return null;
    }

    /** The form of a Java value, made once per value so that a value met twice is a memo hit. */
    private Object form(Object obj, Function<Object, ?> maker) {
        if (forms == null) {
            forms = new IdentityHashMap<>();
        }
        Object form = forms.get(obj);
        if (form == null) {
            form = maker.apply(obj);
            if (form != null) {
                forms.put(obj, form);
            }
        }
        return form;
    }

    private Function<Object, ?> reducerFor(Class<?> type) {
        if (registry == TypeRegistry.empty()) {
            return null;
        }
        if (reducerCache == null) {
            reducerCache = new HashMap<>();
        }
        // computeIfAbsent cannot store null, so "no reducer" is remembered as an identity function
        Function<Object, ?> r = reducerCache.computeIfAbsent(type, t -> {
            Function<Object, ?> found = registry.reducerFor(t);
            return found == null ? Function.identity() : found;
        });
        return r == Function.identity() ? null : r;
    }

    // ---------------------------------------------------------------- memo

    /** The memo index of {@code obj}, or -1; value-keyed where CPython shares one object by value. */
    private int memoGet(Object obj) {
        if (obj instanceof byte[] b && b.length == 0) {
            return emptyBytesMemo;
        }
        if (obj instanceof PyGlobal g) {
            Integer i = globalMemo == null ? null : globalMemo.get(g);
            return i == null ? -1 : i;
        }
        return memo.get(obj);
    }

    /** CPython's memo_put: records obj under the next index and writes PUT/BINPUT/LONG_BINPUT/MEMOIZE. */
    private void memoPut(Object obj) {
        int index = memoSize++;
        if (obj instanceof byte[] b && b.length == 0) {
            emptyBytesMemo = index;
        } else if (obj instanceof PyGlobal g) {
            if (globalMemo == null) {
                globalMemo = new HashMap<>();
            }
            globalMemo.put(g, index);
        } else if (obj != PyFrozenSet.empty()) {
            // the empty frozenset is one Java object but a fresh Python object each time: never a memo hit
            memo.put(obj, index);
        }
        writePut(index);
    }

    private void writePut(int index) {
        if (proto >= 4) {
            out.writeByte(MEMOIZE);
        } else if (!bin) {
            out.writeByte(PUT);
            out.writeAscii(Integer.toString(index));
            out.writeByte('\n');
        } else if (index < 256) {
            out.write2(BINPUT, index);
        } else {
            out.writeOpIntLe(LONG_BINPUT, index);
        }
    }

    /** CPython's memo_get: GET at protocol 0, else BINGET or LONG_BINGET. */
    private void writeGet(int index) {
        if (!bin) {
            out.writeByte(GET);
            out.writeAscii(Integer.toString(index));
            out.writeByte('\n');
        } else if (index < 256) {
            out.write2(BINGET, index);
        } else {
            out.writeOpIntLe(LONG_BINGET, index);
        }
    }

    // ---------------------------------------------------------------- persistent ids

    /** CPython's save_pers: a non-null id replaces the value (PERSID text at protocol 0, else BINPERSID). */
    private boolean savePers(Object obj) {
        Object pid = persistentId.apply(obj);
        if (pid == null) {
            return false;
        }
        if (bin) {
            saveNoPers(pid);
            out.writeByte(BINPERSID);
        } else {
            String text = pidText(pid);
            out.writeByte(PERSID);
            out.writeAscii(text);
            out.writeByte('\n');
        }
        return true;
    }

    /** str(pid), which protocol 0 requires to be ASCII. */
    private static String pidText(Object pid) {
        String text;
        if (pid instanceof String s) {
            text = s;
        } else if (pid instanceof Integer || pid instanceof Long || pid instanceof BigInteger
                || pid instanceof Short || pid instanceof Byte) {
            text = pid.toString();
        } else {
            throw Failure.of("a protocol 0 persistent id must be a str or an int, got " + pid.getClass().getName());
        }
        if (!isAscii(text)) {
            throw Failure.of("persistent IDs in protocol 0 must be ASCII strings");
        }
        return text;
    }

    // ---------------------------------------------------------------- atoms

    private void saveBool(boolean b) {
        if (proto >= 2) {
            out.writeByte(b ? NEWTRUE : NEWFALSE);
        } else {
            // INT with 01/00: read back as bool by Python 2.3+, as int by older unpicklers (save_bool)
            out.writeAscii(b ? "I01\n" : "I00\n");
        }
    }

    /** Integral Java numbers other than Integer/Long, and Float; false for anything else. */
    private boolean saveNumber(Number n) {
        if (n instanceof Short || n instanceof Byte || n instanceof AtomicInteger || n instanceof AtomicLong) {
            saveLong(n.longValue());
        } else if (n instanceof BigInteger b) {
            saveBigInteger(b);
        } else if (n instanceof Float f) {
            saveFloat(f.doubleValue());
        } else {
            return false;
        }
        return true;
    }

    /** CPython's save_long for values that fit a C long. */
    private void saveLong(long v) {
        if (v == (int) v) {
            if (!bin) {
                out.writeByte(INT);
                out.writeAscii(Long.toString(v));
                out.writeByte('\n');
            } else {
                out.writeBinInt((int) v); // BININT1, BININT2 or BININT
            }
        } else if (proto >= 2) {
            int n = 8;
            // drop high bytes that only repeat the sign (two's complement, little-endian, shortest form)
            while (n > 1 && (v >> (8 * (n - 1) - 1)) == (v >> 63)) {
                n--;
            }
            byte[] data = new byte[n];
            for (int i = 0; i < n; i++) {
                data[i] = (byte) (v >>> (8 * i));
            }
            writeLongBytes(data);
        } else {
            writeLongText(Long.toString(v));
        }
    }

    private void saveBigInteger(BigInteger b) {
        if (b.bitLength() < 64) {
            saveLong(b.longValue());
        } else if (proto >= 2) {
            byte[] bigEndian = b.toByteArray();
            byte[] data = new byte[bigEndian.length];
            for (int i = 0; i < data.length; i++) {
                data[i] = bigEndian[data.length - 1 - i];
            }
            writeLongBytes(data);
        } else {
            writeLongText(b.toString());
        }
    }

    private void writeLongBytes(byte[] data) {
        if (data.length < 256) {
            out.write2(LONG1, data.length);
        } else {
            out.writeOpIntLe(LONG4, data.length);
        }
        out.writeBytes(data, 0, data.length);
    }

    /** Protocols 0 and 1: the decimal repr with Python 2's 'L' suffix. */
    private void writeLongText(String decimal) {
        out.writeByte(LONG);
        out.writeAscii(decimal);
        out.writeAscii("L\n");
    }

    private void saveFloat(double d) {
        if (bin) {
            out.writeOpLongBe(BINFLOAT, Double.doubleToRawLongBits(d));
        } else {
            out.writeByte(FLOAT);
            out.writeAscii(FloatRepr.repr(d));
            out.writeByte('\n');
        }
    }

    // ---------------------------------------------------------------- str

    private void saveStr(String s) {
        if (s.length() > 1) {
            // the common case in one memo probe: look up and claim the next index together (writing a str
            // memoizes nothing else, so the index is still the next one when its PUT is written)
            int index = memo.putIfAbsent(s, s.hashCode(), memoSize);
            if (index >= 0) {
                writeGet(index);
                return;
            }
            writeStrValue(s);
            writePut(memoSize++);
            return;
        }
        int index = strMemoGet(s);
        if (index >= 0) {
            writeGet(index);
            return;
        }
        writeStrValue(s);
        strMemoPut(s);
    }

    private void writeStrValue(String s) {
        if (bin) {
            writeUnicodeBinary(s);
        } else {
            byte[] escaped = rawUnicodeEscape(s);
            out.writeByte(UNICODE);
            out.writeBytes(escaped, 0, escaped.length);
            out.writeByte('\n');
        }
    }

    /** One-character Latin-1 strs and the empty str are single objects in CPython, so they share by value. */
    private int strMemoGet(String s) {
        int n = s.length();
        if (n == 0) {
            return emptyStrMemo;
        }
        if (n == 1 && s.charAt(0) < 256) {
            return latin1CharMemo == null ? -1 : latin1CharMemo[s.charAt(0)] - 1;
        }
        return memo.get(s, s.hashCode());
    }

    private void strMemoPut(String s) {
        int index = memoSize++;
        int n = s.length();
        if (n == 0) {
            emptyStrMemo = index;
        } else if (n == 1 && s.charAt(0) < 256) {
            if (latin1CharMemo == null) {
                latin1CharMemo = new int[256];
            }
            latin1CharMemo[s.charAt(0)] = index + 1;
        } else {
            memo.put(s, index);
        }
        writePut(index);
    }

    /** UTF-8 ('surrogatepass' for lone surrogates), with CPython's write_utf8 header choice. */
    private void writeUnicodeBinary(String s) {
        if (s.length() <= OutputBuffer.FRAME_SIZE_TARGET / 3) {
            // at most 3 UTF-8 bytes per char, so this one stays inside the frame: encoded in place
            out.writeUtf8(s, proto >= 4 ? SHORT_BINUNICODE : 0, BINUNICODE);
            return;
        }
        if (isAscii(s) && s.length() < OutputBuffer.FRAME_SIZE_TARGET) {
            writeUnicodeHeader(s.length());
            out.writeAscii(s);
            return;
        }
        byte[] utf8 = utf8SurrogatePass(s);
        byte[] header = new byte[9];
        int headerLength = unicodeHeader(header, utf8.length);
        out.writeLarge(header, headerLength, utf8, 0, utf8.length);
    }

    private void writeUnicodeHeader(int size) {
        if (size <= 0xff && proto >= 4) {
            out.write2(SHORT_BINUNICODE, size);
        } else {
            out.writeOpIntLe(BINUNICODE, size);
        }
    }

    private int unicodeHeader(byte[] header, long size) {
        if (size <= 0xff && proto >= 4) {
            header[0] = (byte) SHORT_BINUNICODE;
            header[1] = (byte) size;
            return 2;
        } else if (size <= 0xffff_ffffL) {
            header[0] = (byte) BINUNICODE;
            putLe(header, 1, size, 4);
            return 5;
        } else if (proto >= 4) {
            header[0] = (byte) BINUNICODE8;
            putLe(header, 1, size, 8);
            return 9;
        }
        throw Failure.of("serializing a string larger than 4 GiB requires pickle protocol 4 or higher");
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bytes of a bytes value as the latin-1 str that save_bytes makes of them below protocol 3, for protocols
     * 1 and 2: a new str, so memoized (PUT) but never met again.
     */
    private static final class Latin1Text {
        final byte[] bytes;

        Latin1Text(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** Latin-1 text as BINUNICODE: chars below 0x80 are one UTF-8 byte, the rest two. */
    private void saveLatin1Text(Latin1Text t) {
        byte[] b = t.bytes;
        long size = b.length;
        for (byte x : b) {
            size += x >>> 31; // one more byte per char of 0x80 and up (x is negative)
        }
        // BINUNICODE's 4-byte length holds it (at most 2 * (2^31 - 1) bytes), a Java array may not
        if (size > Integer.MAX_VALUE - 16) {
            throw Failure.of("bytes of " + b.length + " are " + size + " bytes as protocol " + proto
                    + "'s latin-1 str, more than a Java array holds (use protocol 3 or higher)");
        }
        if (size < OutputBuffer.FRAME_SIZE_TARGET) {
            out.writeLatin1AsUtf8(b, (int) size, BINUNICODE);
        } else {
            byte[] header = new byte[5];
            header[0] = (byte) BINUNICODE;
            putLe(header, 1, size, 4);
            // all ASCII: the caller's bytes are the UTF-8 already
            byte[] utf8 = size == b.length ? b : latin1ToUtf8(b, (int) size);
            out.writeLarge(header, 5, utf8, 0, (int) size);
        }
        writePut(memoSize++);
    }

    /** The UTF-8 of latin-1 text in the first {@code size} bytes of an array one byte longer. */
    private static byte[] latin1ToUtf8(byte[] b, int size) {
        byte[] u = new byte[size + 1];
        int at = 0;
        // Branch-free: binary data is random, and a branch per byte would mispredict half the time (measured
        // twice as slow). Both bytes are written every time; an ASCII char's second byte is overwritten by the
        // next char, or lands in the spare last byte.
        for (int i = 0; i < b.length; i++) {
            int x = b[i];
            int high = x >>> 31;
            int lead = 0xc0 | ((x & 0xff) >> 6);
            u[at] = (byte) (x ^ ((x ^ lead) & -high));
            u[at + 1] = (byte) (0x80 | (x & 0x3f));
            at += 1 + high;
        }
        return u;
    }

    /** UTF-8 where a lone surrogate becomes its own 3-byte sequence, as Python's 'surrogatepass'. */
    static byte[] utf8SurrogatePass(String s) {
        int n = s.length();
        byte[] b = new byte[utf8Length(s)];
        int at = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xf0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                b[at++] = (byte) (0xe0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return b;
    }

    /** The length of {@link #utf8SurrogatePass}: sized first so a big str is not encoded into 3 bytes a char. */
    private static int utf8Length(String s) {
        long size = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                size += 4;
                i++;
            } else {
                size += 3;
            }
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw Failure.of("str of " + s.length() + " chars is " + size
                    + " bytes of UTF-8, more than a Java array holds");
        }
        return (int) size;
    }

    /**
     * Protocol 0's UNICODE argument, as _pickle.c's raw_unicode_escape: Latin-1 bytes as they are, except
     * backslash, NUL, CR, LF and ^Z, which become {@code \}{@code u00XX} so the line stays one line;
     * {@code \}{@code uXXXX} for the rest of the BMP (lone surrogates too) and {@code \}{@code UXXXXXXXX} beyond.
     */
    static byte[] rawUnicodeEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x10000) {
                sb.append("\\U").append(hex(cp, 8));
            } else if (cp >= 256 || cp == '\\' || cp == 0 || cp == '\n' || cp == '\r' || cp == 0x1a) {
                sb.append("\\u").append(hex(cp, 4));
            } else {
                sb.append((char) cp);
            }
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hex(int v, int digits) {
        String h = Integer.toHexString(v);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }

    // ---------------------------------------------------------------- bytes, bytearray, buffers

    private void saveBytes(byte[] b) {
        if (proto < 3) {
            // No bytes opcode before protocol 3: CPython reduces to _codecs.encode(latin-1 text, 'latin1'),
            // which Python 2 reads as str and Python 3 as bytes (save_bytes).
            if (b.length == 0) {
                saveReduce(BYTES, PyTuple.empty(), b, null, null, false, null);
            } else {
                // The latin-1 str is made by this call and seen by no one else (unless a persistent-id hook
                // must see it): it is written from the bytes, never built as a Java String.
                Object text = persistentId == null && bin ? new Latin1Text(b)
                        : new String(b, StandardCharsets.ISO_8859_1);
                saveReduce(CODECS_ENCODE, PyTuple.of(text, LATIN1), b, null, null, false, null);
            }
            return;
        }
        saveBytesData(b, b, 0, b.length);
    }

    private void saveBytesData(Object memoKey, byte[] data, int off, int n) {
        byte[] header = new byte[9];
        int headerLength;
        if (n <= 0xff) {
            header[0] = (byte) SHORT_BINBYTES;
            header[1] = (byte) n;
            headerLength = 2;
        } else {
            header[0] = (byte) BINBYTES;
            putLe(header, 1, n, 4);
            headerLength = 5;
        }
        // BINBYTES8 (protocol 4, over 4 GiB) cannot be reached: a Java array holds under 2 GiB
        out.writeLarge(header, headerLength, data, off, n);
        memoPut(memoKey);
    }

    private void saveByteArray(PyByteArray ba) {
        byte[] b = ba.array();
        if (proto < 5) {
            PyTuple args = b.length == 0 ? PyTuple.empty() : PyTuple.of((Object) b.clone());
            saveReduce(BYTEARRAY, args, ba, null, null, false, null);
            return;
        }
        saveByteArrayData(ba, b, 0, b.length);
    }

    private void saveByteArrayData(Object memoKey, byte[] data, int off, int n) {
        byte[] header = new byte[9];
        header[0] = (byte) BYTEARRAY8;
        putLe(header, 1, n, 8);
        out.writeLarge(header, 9, data, off, n);
        memoPut(memoKey);
    }

    /** Protocol 5 only: in band as bytes (read-only) or bytearray, or out of band when the callback says so. */
    private void savePickleBuffer(PyPickleBuffer pb) {
        if (proto < 5) {
            throw Failure.of("PickleBuffer can only be pickled with protocol >= 5");
        }
        boolean inBand = bufferCallback == null || bufferCallback.test(pb);
        if (!inBand) {
            out.writeByte(NEXT_BUFFER);
            if (pb.readOnly()) {
                out.writeByte(READONLY_BUFFER);
            }
            return;
        }
        ByteBuffer view = pb.buffer();
        byte[] data = new byte[view.remaining()];
        view.get(data);
        if (pb.readOnly()) {
            saveBytesData(pb, data, 0, data.length);
        } else {
            saveByteArrayData(pb, data, 0, data.length);
        }
    }

    // ---------------------------------------------------------------- containers

    /** CPython's save_tuple, with its rule for a tuple that got memoized while its items were saved. */
    private void saveTuple(PyTuple t) {
        int n = t.size();
        if (n == 0) {
            if (bin) {
                out.writeByte(EMPTY_TUPLE);
            } else {
                out.write2(MARK, TUPLE);
            }
            return;
        }
        // After the items, one probe both finds a tuple its own items memoized (recursion) and, if none did,
        // claims the next memo index for it: nothing is memoized between this probe and the PUT written below.
        if (n <= 3 && proto >= 2) {
            saveTupleItems(t);
            int index = memo.putIfAbsent(t, t.identityKey(), memoSize);
            if (index >= 0) {
                // recursive: drop the items and fetch the tuple its items already built
                for (int i = 0; i < n; i++) {
                    out.writeByte(POP);
                }
                writeGet(index);
                return;
            }
            out.writeByte(TUPLE1 + n - 1);
        } else {
            out.writeByte(MARK);
            saveTupleItems(t);
            int index = memo.putIfAbsent(t, t.identityKey(), memoSize);
            if (index >= 0) {
                if (bin) {
                    out.writeByte(POP_MARK);
                } else {
                    for (int i = 0; i <= n; i++) {
                        out.writeByte(POP);
                    }
                }
                writeGet(index);
                return;
            }
            out.writeByte(TUPLE);
        }
        writePut(memoSize++);
    }

    private void saveTupleItems(PyTuple t) {
        for (int i = 0, n = t.size(); i < n; i++) {
            try {
                save(t.get(i));
            } catch (Failure f) {
                throw f.at("[" + i + "]");
            }
        }
    }

    /** CPython's save_list and batch_list_exact: every Java List is an exact list. */
    private void saveList(List<?> list) {
        writeListOpen();
        memoPut(list);
        saveListItems(list);
    }

    private void writeListOpen() {
        if (bin) {
            out.writeByte(EMPTY_LIST);
        } else {
            out.write2(MARK, LIST);
        }
    }

    private void saveListItems(List<?> list) {
        int size = list.size();
        if (size == 0) {
            return;
        }
        if (!bin) {
            int i = 0;
            for (Object item : list) {
                saveListItem(item, i++);
                out.writeByte(APPEND);
            }
            return;
        }
        if (size == 1) {
            saveListItem(list.get(0), 0);
            out.writeByte(APPEND);
            return;
        }
        if (list instanceof RandomAccess) {
            presizeMemo(list.get(0), size);
        }
        batchListExact(list, size);
    }

    /**
     * Before a container of {@code n} items whose first item gets memoized: room in the memo for what n items
     * like the first will add, so a big list of strs or of small records grows the table once instead of a
     * cascade of doublings (capped: a list repeating one object would otherwise reserve for nothing).
     */
    private void presizeMemo(Object sample, int n) {
        if (n >= MemoTable.PRESIZE_MIN && memoized(sample)) {
            memo.ensureRoom((int) Math.min((long) n * memoWeight(sample), MemoTable.PRESIZE_MAX));
        }
    }

    /** Whether saving {@code o} makes a memo entry (a guess for presizing: one-char strs share theirs). */
    private static boolean memoized(Object o) {
        return o != null && !(o instanceof Number) && !(o instanceof Boolean) && !(o instanceof String s && s.length() < 2);
    }

    /**
     * Memo entries an item like {@code sample} adds: one for itself, plus one for each memoized value of a
     * small collection, tuple or dict (a record's str and list fields; its keys are usually shared with the other
     * records, so they are not counted).
     */
    private static int memoWeight(Object sample) {
        Iterable<?> items;
        int n;
        if (sample instanceof Collection<?> c) {
            items = c;
            n = c.size();
        } else if (sample instanceof PyTuple t) {
            items = t;
            n = t.size();
        } else if (sample instanceof Map<?, ?> m) {
            items = m.values();
            n = m.size();
        } else {
            return 1;
        }
        int w = 1;
        if (n <= MemoTable.PRESIZE_LOOK_INTO) {
            for (Object item : items) {
                w += memoized(item) ? 1 : 0;
            }
        }
        return w;
    }

    /** CPython's batch_list_exact: MARK + up to BATCHSIZE items + APPENDS, until the list is done. */
    private void batchListExact(List<?> list, int size) {
        boolean indexed = list instanceof RandomAccess;
        Iterator<?> it = indexed ? null : list.iterator();
        int total = 0;
        int start = out.position();
        do {
            out.writeByte(MARK);
            int end = Math.min(size, total + BATCHSIZE);
            for (; total < end; total++) {
                saveListItem(indexed ? list.get(total) : it.next(), total);
            }
            out.writeByte(APPENDS);
            if (total == BATCHSIZE && total < size) {
                expectMore(start, total, size);
            }
        } while (total < size);
    }

    /** After the first batch of a big container: room for the rest at the bytes per item measured so far. */
    private void expectMore(int start, int done, int size) {
        long perItem = (out.position() - start) / done + 1;
        out.expect(perItem * (size - done));
    }

    private void saveListItem(Object item, int index) {
        try {
            save(item);
        } catch (Failure f) {
            throw f.at("[" + index + "]");
        }
    }

    /**
     * CPython's batch_list / batch_dict over an iterator (reduce's list and dict items, non-RandomAccess lists):
     * a lone item gets APPEND/SETITEM, runs get MARK ... APPENDS/SETITEMS of at most BATCHSIZE.
     */
    private void batchIterator(Iterator<?> it, int single, int many, boolean pairs) {
        if (!bin) {
            while (it.hasNext()) {
                saveItem(it.next(), pairs);
                out.writeByte(single);
            }
            return;
        }
        int n;
        do {
            if (!it.hasNext()) {
                break;
            }
            Object first = it.next();
            if (!it.hasNext()) {
                saveItem(first, pairs);
                out.writeByte(single);
                break;
            }
            out.writeByte(MARK);
            saveItem(first, pairs);
            n = 1;
            while (it.hasNext()) {
                saveItem(it.next(), pairs);
                if (++n == BATCHSIZE) {
                    break;
                }
            }
            out.writeByte(many);
        } while (n == BATCHSIZE);
    }

    private void saveItem(Object item, boolean pair) {
        if (pair) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
            saveEntry(e.getKey(), e.getValue());
        } else {
            save(item);
        }
    }

    private void saveEntry(Object key, Object value) {
        try {
            save(key);
            save(value);
        } catch (Failure f) {
            throw f.at("[" + Failure.keyRepr(key) + "]");
        }
    }

    /** CPython's save_dict and batch_dict_exact (note: a multiple of 1000 items ends with an empty batch). */
    private void saveDict(Map<?, ?> map) {
        writeDictOpen();
        memoPut(map);
        saveDictItems(map);
    }

    private void writeDictOpen() {
        if (bin) {
            out.writeByte(EMPTY_DICT);
        } else {
            out.write2(MARK, DICT);
        }
    }

    private void saveDictItems(Map<?, ?> map) {
        int size = map.size();
        if (size == 0) {
            return;
        }
        if (!bin) {
            batchIterator(map.entrySet().iterator(), SETITEM, SETITEMS, true);
            return;
        }
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        if (size == 1) {
            Map.Entry<?, ?> e = it.next();
            saveEntry(e.getKey(), e.getValue());
            out.writeByte(SETITEM);
            return;
        }
        if (size >= MemoTable.PRESIZE_MIN) {
            Map.Entry<?, ?> first = map.entrySet().iterator().next();
            presizeMemo(first.getKey(), size);
            presizeMemo(first.getValue(), size);
        }
        int i;
        int done = 0;
        int start = out.position();
        do {
            i = 0;
            out.writeByte(MARK);
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                saveEntry(e.getKey(), e.getValue());
                if (++i == BATCHSIZE) {
                    break;
                }
            }
            out.writeByte(SETITEMS);
            done += i;
            if (done == BATCHSIZE && done < size) {
                expectMore(start, done, size);
            }
        } while (i == BATCHSIZE);
    }

    /** CPython's save_set: EMPTY_SET + ADDITEMS batches from protocol 4, else set(list) through REDUCE. */
    private void saveSet(Set<?> set) {
        if (proto < 4) {
            saveReduce(SET, PyTuple.of(new PyList(set)), set, null, null, false, null);
            return;
        }
        out.writeByte(EMPTY_SET);
        memoPut(set);
        if (set.isEmpty()) {
            return;
        }
        Iterator<?> it = set.iterator();
        int i;
        do {
            i = 0;
            out.writeByte(MARK);
            while (it.hasNext()) {
                saveSetItem(it.next());
                if (++i == BATCHSIZE) {
                    break;
                }
            }
            out.writeByte(ADDITEMS);
        } while (i == BATCHSIZE);
    }

    private void saveSetItem(Object item) {
        try {
            save(item);
        } catch (Failure f) {
            throw f.at(" (set item " + Failure.keyRepr(item) + ")");
        }
    }

    /** CPython's save_frozenset, with POP_MARK + GET when the frozenset got memoized by its own items. */
    private void saveFrozenSet(PyFrozenSet fs) {
        if (proto < 4) {
            saveReduce(FROZENSET_CLASS, PyTuple.of(new PyList(fs)), fs, null, null, false, null);
            return;
        }
        out.writeByte(MARK);
        for (Object item : fs) {
            saveSetItem(item);
        }
        int index = memo.get(fs);
        if (index >= 0) {
            out.writeByte(POP_MARK);
            writeGet(index);
            return;
        }
        out.writeByte(FROZENSET);
        memoPut(fs);
    }

    // ---------------------------------------------------------------- objects and globals

    /** A PyObject back to the opcodes that made it (INST and OBJ as REDUCE). */
    private void saveObject(PyObject o) {
        Iterator<?> listItems = o.listItems() == null || o.listItems().isEmpty() ? null : o.listItems().iterator();
        Map<?, ?> dictItems = o.dictItems() == null || o.dictItems().isEmpty() ? null : o.dictItems();
        switch (o.construction()) {
            case NEWOBJ -> saveNewObj(o, listItems, dictItems);
            case NEWOBJ_EX -> saveNewObjEx(o, listItems, dictItems);
            default -> saveReduce(o.callable(), o.args(), o, listItems, dictItems, o.hasState(), o.state());
        }
    }

    /** NEWOBJ from protocol 2; below it CPython's copyreg forms (copyreg._reconstructor for no arguments). */
    private void saveNewObj(PyObject o, Iterator<?> listItems, Map<?, ?> dictItems) {
        if (proto >= 2) {
            save(o.callable());
            save(o.args());
            out.writeByte(NEWOBJ);
            finishReduce(o, listItems, dictItems, o.hasState(), o.state());
            return;
        }
        PyTuple args;
        Object callable;
        if (o.args().isEmpty()) {
            callable = RECONSTRUCTOR;
            args = PyTuple.of(o.callable(), OBJECT, null);
        } else {
            callable = NEWOBJ_FUNCTION;
            Object[] all = new Object[o.args().size() + 1];
            all[0] = o.callable();
            System.arraycopy(o.args().toArray(), 0, all, 1, o.args().size());
            args = PyTuple.wrap(all);
        }
        saveReduce(callable, args, o, listItems, dictItems, o.hasState(), o.state());
    }

    /**
     * NEWOBJ_EX from protocol 4. Below it, as save_reduce does, the object is
     * {@code functools.partial(getattr(cls, '__new__'), cls, *args, **kwargs)()}: the partial pickled by its own
     * __reduce__ (partial, (func,)) + BUILD (func, (cls, *args), kwargs or None, None), then () REDUCE.
     */
    private void saveNewObjEx(PyObject o, Iterator<?> listItems, Map<?, ?> dictItems) {
        if (proto >= 4) {
            save(o.callable());
            save(o.args());
            save(o.kwargs());
            out.writeByte(NEWOBJ_EX);
            finishReduce(o, listItems, dictItems, o.hasState(), o.state());
            return;
        }
        PyObject newMethod = PyObject.reduce(GETATTR, PyTuple.of(o.callable(), "__new__"));
        PyObject partial = PyObject.reduce(PARTIAL, PyTuple.of(newMethod));
        Object[] partialArgs = new Object[o.args().size() + 1];
        partialArgs[0] = o.callable();
        System.arraycopy(o.args().toArray(), 0, partialArgs, 1, o.args().size());
        Object kwargs = o.kwargs() == null || o.kwargs().isEmpty() ? null : o.kwargs();
        partial.setState(PyTuple.of(newMethod, PyTuple.wrap(partialArgs), kwargs, null));
        saveReduce(partial, PyTuple.empty(), o, listItems, dictItems, o.hasState(), o.state());
    }

    /**
     * CPython's save_reduce: callable, args, REDUCE (a callable named {@code __newobj__} becomes NEWOBJ from
     * protocol 2), then the memo, list items, dict items, and the state with BUILD.
     */
    private void saveReduce(Object callable, PyTuple args, Object obj, Iterator<?> listItems, Map<?, ?> dictItems,
            boolean hasState, Object state) {
        if (proto >= 2 && callable instanceof PyGlobal g && "__newobj__".equals(g.name()) && !args.isEmpty()) {
            save(args.get(0));
            Object[] rest = new Object[args.size() - 1];
            System.arraycopy(args.toArray(), 1, rest, 0, rest.length);
            save(PyTuple.wrap(rest));
            out.writeByte(NEWOBJ);
        } else {
            try {
                save(callable);
                save(args);
            } catch (Failure f) {
                throw f.at(".__reduce__()");
            }
            out.writeByte(REDUCE);
        }
        finishReduce(obj, listItems, dictItems, hasState, state);
    }

    private void finishReduce(Object obj, Iterator<?> listItems, Map<?, ?> dictItems, boolean hasState,
            Object state) {
        if (obj != null) {
            int index = memoGet(obj);
            if (index >= 0) {
                // made recursively while its arguments were saved: drop this copy, fetch that one
                out.writeByte(POP);
                writeGet(index);
                return;
            }
            memoPut(obj);
        }
        if (listItems != null) {
            batchIterator(listItems, APPEND, APPENDS, false);
        }
        if (dictItems != null) {
            batchIterator(dictItems.entrySet().iterator(), SETITEM, SETITEMS, true);
        }
        if (hasState) {
            try {
                save(state);
            } catch (Failure f) {
                throw f.at(".__getstate__()");
            }
            out.writeByte(BUILD);
        }
    }

    /** CPython's save_global: EXT codes, STACK_GLOBAL from protocol 4, GLOBAL text below. */
    private void saveGlobal(PyGlobal g) {
        int index = memoGet(g);
        if (index >= 0) {
            writeGet(index);
            return;
        }
        if (proto >= 2) {
            Integer code = registry.extensionCode(g);
            if (code != null) {
                writeExtension(code);
                return;
            }
        }
        if (proto >= 4) {
            saveModuleName(g.module(), CFunctions.isCFunction(g));
            out.opcodeBoundary();
            saveStrFresh(g.name());
            out.writeByte(STACK_GLOBAL);
        } else if (g.name().indexOf('.') >= 0) {
            // a nested qualname has no GLOBAL spelling before protocol 4: getattr(parent, last)
            int dot = g.name().lastIndexOf('.');
            PyGlobal parent = PyGlobal.of(g.module(), g.name().substring(0, dot));
            saveReduce(GETATTR, PyTuple.of(parent, g.name().substring(dot + 1)), null, null, null, false, null);
        } else {
            writeGlobalText(g);
        }
        memoPut(g);
    }

    private void writeExtension(int code) {
        if (code <= 0xff) {
            out.write2(EXT1, code);
        } else if (code <= 0xffff) {
            out.writeOpShortLe(EXT2, code);
        } else {
            out.writeOpIntLe(EXT4, code);
        }
    }

    private void writeGlobalText(PyGlobal g) {
        PyGlobal named = g;
        if (proto < 3 && fixImports) {
            // fix_imports: the Python 2 spelling from _compat_pickle's reverse tables
            PyGlobal python2 = CompatNames.toPython2(g.module(), g.name());
            named = python2 == null ? g : python2;
        }
        String text = named.module() + "\n" + named.name() + "\n";
        if (proto < 3 && !isAscii(text)) {
            throw Failure.of("can't pickle global identifier '" + g.qualifiedName() + "' using pickle protocol "
                    + proto);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeByte(GLOBAL);
        out.writeBytes(bytes, 0, bytes.length);
    }

    /**
     * A module name at protocol 4+: CPython has one str per module for its classes (interned) and another for
     * the functions of a C module, so each spelling is shared by value within its own kind.
     */
    private void saveModuleName(String module, boolean cFunction) {
        out.opcodeBoundary();
        if (moduleNameMemo == null) {
            moduleNameMemo = new HashMap<>();
        }
        // C-function module names live in the same map under a key no module name can have
        String key = cFunction ? "\0" + module : module;
        Integer index = moduleNameMemo.get(key);
        if (index != null) {
            writeGet(index);
            return;
        }
        writeUnicodeBinary(module);
        moduleNameMemo.put(key, memoSize);
        writePut(memoSize++);
    }

    /** A str CPython makes afresh (a class's name): written and memoized, never looked up. */
    private void saveStrFresh(String s) {
        writeUnicodeBinary(s);
        writePut(memoSize++);
    }

    // ---------------------------------------------------------------- Java-only forms

    private static List<Object> primitiveArrayList(Object array) {
        int n = Array.getLength(array);
        PyList list = new PyList(n);
        if (array instanceof char[] chars) {
            for (char c : chars) {
                list.add(String.valueOf(c));
            }
        } else {
            for (int i = 0; i < n; i++) {
                list.add(Array.get(array, i));
            }
        }
        return list;
    }

    private static Map<Object, Object> recordDict(Record r) {
        RecordAccess access = RECORD_ACCESS.get(r.getClass());
        if (access.refusal != null) {
            throw new Failure(access.refusal, null);
        }
        Map<Object, Object> dict = new LinkedHashMap<>(access.names.length * 2);
        for (int i = 0; i < access.names.length; i++) {
            try {
                dict.put(access.names[i], access.accessors[i].invoke(r));
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                throw new Failure("cannot read record component " + r.getClass().getName() + "."
                        + access.names[i] + ": " + e, e);
            }
        }
        return dict;
    }

    /** Per record class, looked up once: reflection per value would dominate dumping many small records. */
    private static final ClassValue<RecordAccess> RECORD_ACCESS = new ClassValue<>() {
        @Override
        protected RecordAccess computeValue(Class<?> type) {
            return RecordAccess.of(type);
        }
    };

    /** A record class's component names and accessors, or why they cannot be read. */
    private static final class RecordAccess {
        final String[] names;
        final Method[] accessors;
        final String refusal;

        private RecordAccess(String[] names, Method[] accessors, String refusal) {
            this.names = names;
            this.accessors = accessors;
            this.refusal = refusal;
        }

        static RecordAccess of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                accessors[i] = components[i].getAccessor();
                try {
                    // A non-public record (or one nested in a non-public class) has public accessors that
                    // reflection still refuses to call; on the class path setAccessible lifts that.
                    accessors[i].setAccessible(true);
                } catch (RuntimeException e) { // InaccessibleObjectException or SecurityException
                    return new RecordAccess(names, accessors, "cannot read the components of record "
                            + type.getName() + " (" + e.getMessage() + "): register a reducer for it in the"
                            + " TypeRegistry, or open its package to module dev.picklewire.core");
                }
            }
            return new RecordAccess(names, accessors, null);
        }
    }

    private static void putLe(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** A PicklingException that learns the object path while it unwinds; the message is made once, at the top. */
    static final class Failure extends PicklingException {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> segments = new ArrayList<>();

        Failure(String message, Throwable cause) {
            super(message, cause);
        }

        static Failure of(String message) {
            return new Failure(message, null);
        }

        Failure at(String segment) {
            segments.add(segment);
            return this;
        }

        PicklingException complete() {
            StringBuilder path = new StringBuilder("root");
            for (int i = segments.size() - 1; i >= 0; i--) {
                path.append(segments.get(i));
            }
            PicklingException e = new PicklingException(getMessage() + " (at " + path + ")", getCause());
            e.setStackTrace(getStackTrace());
            return e;
        }

        /** A dict key as Python would show it in a subscript, briefly. */
        static String keyRepr(Object key) {
            if (key instanceof String s) {
                String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
                return "'" + shown.replace("\\", "\\\\").replace("'", "\\'") + "'";
            }
            if (key == null) {
                return "None";
            }
            if (key instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (key instanceof Number || key instanceof Character) {
                return String.valueOf(key);
            }
            return "<" + key.getClass().getSimpleName() + ">";
        }
    }
}
