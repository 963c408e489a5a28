package dev.picklewire.internal.repr;

import dev.picklewire.PickleException;
import dev.picklewire.types.PyArray;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyConstant;
import dev.picklewire.types.PyDateTime;
import dev.picklewire.types.PyDecimal;
import dev.picklewire.types.PyDefaultDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PyPickleBuffer;
import dev.picklewire.types.PyRange;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One repr run: an explicit work stack instead of recursion (so nesting depth never meets the Java
 * stack), the identity set of containers being printed (CPython's Py_ReprEnter, giving {@code [...]}),
 * and an output budget (so a deeply shared graph, whose repr is exponential, stops promptly). Not
 * thread-safe; make one per call.
 */
final class ReprPrinter {
    /** Literal text on the work stack (values are pushed as themselves). */
    private record Text(String text) {
    }

    /** Marks the end of a container on the work stack: it leaves the in-progress set. */
    private record Exit(Object container) {
    }

    /** A dict printed as a plain dict, for the body of a defaultdict. */
    private record DictBody(Map<?, ?> dict) {
    }

    private static final Object NONE = new Object();
    private static final Text COMMA = new Text(", ");
    private static final Text COLON = new Text(": ");

    private final StringBuilder out = new StringBuilder();
    private final int limit;
    private final boolean truncate;
    private final int maxDepth;
    private final IdentityHashMap<Object, Boolean> active = new IdentityHashMap<>();
    private Object[] stack = new Object[32];
    private int top;

    /**
     * @param limit    output length budget in chars
     * @param truncate on overrun: true cuts the text and ends it with {@code ...}; false throws
     * @param maxDepth containers nested deeper print as {@code ...}
     */
    ReprPrinter(int limit, boolean truncate, int maxDepth) {
        this.limit = limit;
        this.truncate = truncate;
        this.maxDepth = maxDepth;
    }

    String print(Object root) {
        push(root);
        while (top > 0 && out.length() <= limit) {
            Object item = stack[--top];
            stack[top] = null;
            if (item instanceof Text t) {
                out.append(t.text());
            } else if (item instanceof Exit e) {
                active.remove(e.container());
            } else {
                visit(item == NONE ? null : item);
            }
        }
        if (out.length() > limit) {
            if (!truncate) {
                throw new PickleException("repr longer than " + limit + " characters; use a bounded view");
            }
            out.setLength(limit);
            out.append("...");
        }
        return out.toString();
    }

    private void push(Object item) {
        if (top == stack.length) {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        stack[top++] = item == null ? NONE : item;
    }

    private void text(String s) {
        push(new Text(s));
    }

    private void visit(Object raw) {
        Object v = PythonView.of(raw);
        if (v == null) {
            out.append("None");
        } else if (v instanceof String s) {
            ScalarRepr.str(out, s, limit);
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            integer((Number) v);
        } else if (v instanceof Double d) {
            out.append(ScalarRepr.floating(d));
        } else if (v instanceof byte[] b) {
            ScalarRepr.bytes(out, b, limit);
        } else if (!visitContainer(v) && !visitTime(v)) {
            visitOther(v);
        }
    }

    private void integer(Number n) {
        try {
            out.append(ScalarRepr.integer(n));
        } catch (PickleException e) {
            if (!truncate) {
                throw e;
            }
            out.append("<int of ").append(((BigInteger) n).bitLength()).append(" bits>");
        }
    }

    private boolean visitContainer(Object v) {
        if (v instanceof PyTuple t) {
            tuple(t);
        } else if (v instanceof List<?> l) {
            sequence(l, l, "[", "]", "[...]");
        } else if (v instanceof PyOrderedDict d) {
            orderedDict(d);
        } else if (v instanceof PyDefaultDict d) {
            defaultDict(d);
        } else if (v instanceof Map<?, ?> m) {
            dict(m);
        } else if (v instanceof DictBody d) {
            dict(d.dict());
        } else if (v instanceof PyFrozenSet s) {
            set(s, "frozenset()", "frozenset({", "})", "frozenset(...)");
        } else if (v instanceof Set<?> s) {
            set(s, "set()", "{", "}", "set(...)");
        } else if (v instanceof Collection<?> c) {
            sequence(c, c, "[", "]", "[...]");
        } else {
            return false;
        }
        return true;
    }

    /** Enters a container, or prints its recursion marker and returns false. */
    private boolean enter(Object container, String marker) {
        if (active.containsKey(container) || active.size() >= maxDepth) {
            out.append(active.containsKey(container) ? marker : "...");
            return false;
        }
        active.put(container, Boolean.TRUE);
        push(new Exit(container));
        return true;
    }

    private void tuple(PyTuple t) {
        if (t.isEmpty()) {
            out.append("()");
        } else if (enter(t, "(...)")) {
            out.append('(');
            text(t.size() == 1 ? ",)" : ")");
            pushItems(t.asList());
        }
    }

    private void sequence(Object identity, Collection<?> items, String open, String close, String marker) {
        if (enter(identity, marker)) {
            out.append(open);
            text(close);
            pushItems(items);
        }
    }

    /** Pushes items in reverse with separators, so they pop in order. */
    private void pushItems(Collection<?> items) {
        Object[] array = items.toArray();
        for (int i = array.length - 1; i >= 0; i--) {
            push(array[i]);
            if (i > 0) {
                push(COMMA);
            }
        }
    }

    private void dict(Map<?, ?> m) {
        if (m.isEmpty()) {
            out.append("{}");
        } else if (enter(m, "{...}")) {
            out.append('{');
            text("}");
            pushEntries(m, false);
        }
    }

    private void pushEntries(Map<?, ?> m, boolean asTuples) {
        Object[] entries = m.entrySet().toArray();
        for (int i = entries.length - 1; i >= 0; i--) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) entries[i];
            if (asTuples) {
                push(PyTuple.of(e.getKey(), e.getValue()));
            } else {
                push(e.getValue());
                push(COLON);
                push(e.getKey());
            }
            if (i > 0) {
                push(COMMA);
            }
        }
    }

    /** odict_repr in 3.11: {@code OrderedDict([(k, v), ...])}, {@code ...} when recursive. */
    private void orderedDict(PyOrderedDict d) {
        if (d.isEmpty()) {
            out.append("OrderedDict()");
        } else if (enter(d, "...")) {
            out.append("OrderedDict([");
            text("])");
            pushEntries(d, true);
        }
    }

    /** defdict_repr: {@code defaultdict(<factory>, {...})}; the dict part has the dict's own marker. */
    private void defaultDict(PyDefaultDict d) {
        out.append("defaultdict(");
        text(")");
        push(new DictBody(d));
        push(COMMA);
        push(d.defaultFactory());
    }

    private void set(Set<?> s, String empty, String open, String close, String marker) {
        if (s.isEmpty()) {
            out.append(empty);
        } else if (enter(s, marker)) {
            out.append(open);
            text(close);
            pushItems(s);
        }
    }

    private boolean visitTime(Object v) {
        if (v instanceof LocalDate d) {
            ScalarRepr.date(out, d);
        } else if (v instanceof LocalDateTime t) {
            ScalarRepr.dateTimeOpen(out, t);
            out.append(')');
        } else if (v instanceof OffsetDateTime t) {
            ScalarRepr.dateTimeOpen(out, t.toLocalDateTime());
            withZone(t.getOffset(), 0);
        } else if (v instanceof PyDateTime t) {
            ScalarRepr.dateTimeOpen(out, t.local());
            withZone(t.tzinfo(), t.fold());
        } else if (v instanceof LocalTime t) {
            ScalarRepr.timeOpen(out, t);
            out.append(')');
        } else if (v instanceof OffsetTime t) {
            ScalarRepr.timeOpen(out, t.toLocalTime());
            withZone(t.getOffset(), 0);
        } else if (v instanceof PyTime t) {
            ScalarRepr.timeOpen(out, t.local());
            withZone(t.tzinfo(), t.fold());
        } else if (v instanceof Duration d) {
            ScalarRepr.timedelta(out, d);
        } else if (v instanceof ZoneOffset z) {
            timezone(Duration.ofSeconds(z.getTotalSeconds()), null);
        } else if (v instanceof PyTimezone z) {
            timezone(z.offset(), z.name());
        } else {
            return false;
        }
        return true;
    }

    /** The tail of a time or datetime repr: {@code , tzinfo=...}, {@code , fold=1}, {@code )}. */
    private void withZone(Object tzinfo, int fold) {
        text(fold == 1 ? ", fold=1)" : ")");
        if (tzinfo != null) {
            push(tzinfo);
            text(", tzinfo=");
        }
    }

    /** timezone_repr: the utc singleton by name, else {@code datetime.timezone(<timedelta>[, name])}. */
    private void timezone(Duration offset, String name) {
        if (offset.isZero() && name == null) {
            out.append("datetime.timezone.utc");
            return;
        }
        out.append("datetime.timezone(");
        ScalarRepr.timedelta(out, offset);
        if (name != null) {
            out.append(", ");
            ScalarRepr.str(out, name, limit);
        }
        out.append(')');
    }

    private void visitOther(Object v) {
        if (v instanceof PyComplex c) {
            out.append(ScalarRepr.complex(c));
        } else if (v instanceof PyByteArray b) {
            out.append("bytearray(");
            ScalarRepr.bytes(out, b.array(), limit);
            out.append(')');
        } else if (v instanceof BigDecimal d) {
            out.append("Decimal('").append(d.toString()).append("')");
        } else if (v instanceof PyDecimal d) {
            out.append("Decimal('").append(d.text()).append("')");
        } else if (v instanceof UUID u) {
            out.append("UUID('").append(u).append("')");
        } else if (v instanceof PyConstant c) {
            out.append(c.pythonName());
        } else if (v instanceof PyGlobal g) {
            out.append(GlobalRepr.of(g));
        } else if (v instanceof PyRange r) {
            range(r);
        } else if (v instanceof PySlice s) {
            slice(s);
        } else if (v instanceof PyArray a) {
            array(a);
        } else if (v instanceof PyObject o) {
            ObjectRepr.of(this, o);
        } else if (v instanceof PyPickleBuffer) {
            out.append("<pickle.PickleBuffer object>");
        } else {
            out.append('<').append(v.getClass().getName()).append(" object>");
        }
    }

    /** range_repr: the step only when it is not 1. */
    private void range(PyRange r) {
        out.append("range(");
        integer(r.start());
        out.append(", ");
        integer(r.stop());
        boolean unitStep = r.step() instanceof BigInteger b ? b.equals(BigInteger.ONE)
                : r.step() != null && r.step().longValue() == 1;
        if (!unitStep) {
            out.append(", ");
            integer(r.step());
        }
        out.append(')');
    }

    private void slice(PySlice s) {
        out.append("slice(");
        text(")");
        push(s.step());
        push(COMMA);
        push(s.stop());
        push(COMMA);
        push(s.start());
    }

    /** array_repr: {@code array('i')}, {@code array('u', 'abc')}, {@code array('i', [1, 2])}. */
    private void array(PyArray a) {
        out.append("array('").append(a.typecode()).append('\'');
        if (a.items().isEmpty()) {
            out.append(')');
        } else if (a.typecode() == 'u' || a.typecode() == 'w') {
            StringBuilder chars = new StringBuilder();
            for (Object item : a.items()) {
                chars.append(item);
            }
            out.append(", ");
            ScalarRepr.str(out, chars.toString(), limit);
            out.append(')');
        } else {
            out.append(", ");
            text(")");
            push(a.items());
        }
    }

    // ---- for ObjectRepr ---------------------------------------------------------------------------

    StringBuilder out() {
        return out;
    }

    void pushText(String s) {
        text(s);
    }

    void pushValue(Object value) {
        push(value);
    }
}
