package dev.picklewire.internal;

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
import dev.picklewire.types.PyRange;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PySlice;
import dev.picklewire.types.PyTime;
import dev.picklewire.types.PyTimezone;
import dev.picklewire.types.PyTuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Python's qualified type name of a value ({@code type(x).__module__ + '.' + __qualname__}, builtins bare): the one
 * table the reader's messages, repr and the literal parser share. Stateless and thread-safe.
 *
 * <pre>{@code
 * PyTypeNames.of(new PyOrderedDict());   // "collections.OrderedDict"
 * PyTypeNames.unhashable(new PyList());  // "list"
 * }</pre>
 */
public final class PyTypeNames {
    private PyTypeNames() {
    }

    /** {@code type(v)}'s qualified name; a Java value outside the type mapping gives its class name. */
    public static String of(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        return container(v);
    }

    private static String container(Object v) {
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof PyOrderedDict) {
            return "collections.OrderedDict";
        }
        if (v instanceof PyDefaultDict) {
            return "collections.defaultdict";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        if (v instanceof PyFrozenSet) {
            return "frozenset";
        }
        if (v instanceof Set<?>) {
            return "set";
        }
        if (v instanceof List<?> || v instanceof Collection<?>) {
            return "list";
        }
        return other(v);
    }

    private static String other(Object v) {
        if (v instanceof PyComplex) {
            return "complex";
        }
        if (v instanceof PyByteArray) {
            return "bytearray";
        }
        if (v instanceof BigDecimal || v instanceof PyDecimal) {
            return "decimal.Decimal";
        }
        if (v instanceof UUID) {
            return "uuid.UUID";
        }
        if (v instanceof LocalDate) {
            return "datetime.date";
        }
        if (v instanceof LocalDateTime || v instanceof OffsetDateTime || v instanceof PyDateTime) {
            return "datetime.datetime";
        }
        if (v instanceof LocalTime || v instanceof OffsetTime || v instanceof PyTime) {
            return "datetime.time";
        }
        if (v instanceof Duration) {
            return "datetime.timedelta";
        }
        if (v instanceof ZoneOffset || v instanceof PyTimezone) {
            return "datetime.timezone";
        }
        return more(v);
    }

    private static String more(Object v) {
        if (v instanceof PyRange) {
            return "range";
        }
        if (v instanceof PySlice) {
            return "slice";
        }
        if (v instanceof PyArray) {
            return "array.array";
        }
        if (v instanceof PyConstant c) {
            return c == PyConstant.ELLIPSIS ? "ellipsis" : "NotImplementedType";
        }
        if (v instanceof PyGlobal) {
            return "type";
        }
        if (v instanceof PyObject o && o.pythonClass() != null) {
            return o.pythonClass().qualifiedName();
        }
        return v.getClass().getName();
    }

    /**
     * The type name Python's "unhashable type" error shows if {@code v} itself is a mutable container (list, dict,
     * set, bytearray and their subclasses), else null. Does not look inside tuples: callers walk those their way.
     */
    public static String unhashable(Object v) {
        boolean mutable = v instanceof PyList || v instanceof PyDict || v instanceof PySet || v instanceof PyByteArray;
        return mutable ? of(v) : null;
    }

    /** The bare type name pprint's recursion marker uses ({@code type(x).__name__}). */
    public static String shortName(Object v) {
        String q = of(v);
        return q.substring(q.lastIndexOf('.') + 1);
    }
}
