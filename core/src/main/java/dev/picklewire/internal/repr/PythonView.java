package dev.picklewire.internal.repr;

import dev.picklewire.PickleException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps a Java-only value to the Python value it pickles to, one level deep (the type mapping's dump
 * side): Float to a float, Byte/Short/atomics to an int, Character to a str, enums to their name,
 * Optional to its value or None, records to a dict of their components, Object[] and primitive arrays
 * (except byte[], which is bytes) to a list, Instant to an aware UTC datetime. Everything else is
 * returned as it is. Stateless and thread-safe.
 */
final class PythonView {
    private PythonView() {
    }

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof byte[]) {
            return value; // the common Python types, first and fast
        }
        if (value instanceof Float f) {
            return (double) f;
        }
        if (value instanceof Short || value instanceof Byte || value instanceof AtomicInteger) {
            return ((Number) value).intValue();
        }
        if (value instanceof AtomicLong a) {
            return a.get();
        }
        if (value instanceof Character c) {
            return String.valueOf(c);
        }
        if (value instanceof Optional<?> o) {
            return o.orElse(null);
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Enum<?> e && !e.getClass().getName().startsWith("dev.picklewire.types.")) {
            return e.name();
        }
        if (value.getClass().isArray()) {
            return arrayAsList(value);
        }
        // The printer's own records (ReprPrinter.DictBody) must reach it as they are: seen as a user record, a
        // defaultdict's body became {'dict': <the defaultdict>} and repr looped forever.
        if (value instanceof Record r && !r.getClass().getName().startsWith("dev.picklewire.")) {
            return recordAsDict(r);
        }
        return value;
    }

    /** Whether {@code value} is an int in Python terms after {@link #of}. */
    static boolean isInt(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    private static List<Object> arrayAsList(Object array) {
        int n = Array.getLength(array);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }

    private static Map<Object, Object> recordAsDict(Record r) {
        Map<Object, Object> dict = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            dict.put(c.getName(), component(r, c));
        }
        return dict;
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            // A record in the caller's unnamed module is often not public; its accessor still is.
            c.getAccessor().trySetAccessible();
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new PickleException("cannot read record component " + r.getClass().getName() + "."
                    + c.getName() + ": " + e, e);
        }
    }
}
