package dev.picklewire.internal.repr;

import dev.picklewire.PickleException;
import dev.picklewire.internal.PyTypeNames;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyDefaultDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PyTuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPython 3.11's {@code pprint.pformat(obj)} with its defaults (width 80, indent 1, no depth limit,
 * sort_dicts=True, compact=False): values whose repr fits stay on one line; longer dicts, lists, tuples,
 * sets, frozensets, OrderedDicts, defaultdicts, strs, bytes and bytearrays break over lines the way
 * Lib/pprint.py does (strs split into implicitly concatenated pieces at whitespace and line ends, bytes
 * in 4-byte steps).
 *
 * <p>Documented differences, all about object identity Java cannot reproduce: pprint's recursion marker
 * {@code <Recursion on list with id=140...>} carries {@link System#identityHashCode} as the id; when
 * sorting keys of types Python cannot order against each other, pprint falls back to the type name and
 * then {@code id()}; ties there keep insertion order (see {@link PyOrder}).
 *
 * <p>Safety: nesting deeper than {@value #MAX_DEPTH} dispatched levels, or more than
 * {@value #MAX_WORK} characters of repr work in total (pprint re-reprs every level, which is quadratic
 * on deep values and exponential on shared ones), ends in a {@link PickleException}. One instance per
 * call; not thread-safe.
 */
public final class PrettyPrinter {
    /** Containers nested deeper than this refuse to pretty-print (CPython would hit its recursion limit). */
    public static final int MAX_DEPTH = 1000;
    /** Total characters of repr text one pformat call may produce internally. */
    public static final long MAX_WORK = 1L << 26;

    private static final int WIDTH = 80;

    private final StringBuilder out = new StringBuilder();
    private final IdentityHashMap<Object, Boolean> context = new IdentityHashMap<>();
    private long work;
    private int depth;

    private PrettyPrinter() {
    }

    /** {@code pprint.pformat(value)}. */
    public static String pformat(Object value) {
        PrettyPrinter p = new PrettyPrinter();
        p.format(value, 0, 0, 0);
        return p.out.toString();
    }

    /** pprint's {@code _recursion}: {@code <Recursion on list with id=N>}, N an identity hash here. */
    static String recursion(String typeName, Object o) {
        return "<Recursion on " + typeName + " with id=" + System.identityHashCode(o) + ">";
    }

    private static int len(String s) {
        return s.codePointCount(0, s.length());
    }

    private String safeRepr(Object o) {
        String rep = ReprPrinter.safe(Repr.MAX_LENGTH, context.keySet()).print(o);
        work += rep.length();
        if (work > MAX_WORK) {
            throw new PickleException("pformat needs more than " + MAX_WORK
                    + " characters of repr work (a very deep or heavily shared value)");
        }
        return rep;
    }

    private String plainRepr(Object o) {
        return Repr.repr(o);
    }

    private void format(Object raw, int indent, int allowance, int level) {
        Object o = PythonView.of(raw);
        if (o != null && context.containsKey(o)) {
            out.append(recursion(PyTypeNames.shortName(o), o));
            return;
        }
        String rep = safeRepr(o);
        if (len(rep) > WIDTH - indent - allowance && o != null && hasDispatch(o)) {
            if (++depth > MAX_DEPTH) {
                throw new PickleException("pformat: value nested deeper than " + MAX_DEPTH + " levels");
            }
            context.put(o, Boolean.TRUE);
            dispatch(o, indent, allowance, level + 1);
            context.remove(o);
            depth--;
            return;
        }
        out.append(rep);
    }

    private static boolean hasDispatch(Object o) {
        return o instanceof Map<?, ?> || o instanceof PyTuple || o instanceof Collection<?> || o instanceof String
                || o instanceof byte[] || o instanceof PyByteArray;
    }

    private void dispatch(Object o, int indent, int allowance, int level) {
        if (o instanceof PyOrderedDict d) {
            orderedDict(d, indent, allowance, level);
        } else if (o instanceof PyDefaultDict d) {
            defaultDict(d, indent, allowance, level);
        } else if (o instanceof Map<?, ?> m) {
            dict(m, indent, allowance, level);
        } else if (o instanceof PyTuple t) {
            String end = t.size() == 1 ? ",)" : ")";
            out.append('(');
            formatItems(t.asList(), indent, allowance + end.length(), level);
            out.append(end);
        } else if (o instanceof Set<?> s) {
            set(s, indent, allowance, level);
        } else if (o instanceof Collection<?> c) {
            out.append('[');
            formatItems(new ArrayList<>(c), indent, allowance + 1, level);
            out.append(']');
        } else if (o instanceof String s) {
            str(s, indent, allowance, level);
        } else if (o instanceof byte[] b) {
            bytes(b, indent, allowance, level);
        } else {
            out.append("bytearray(");
            bytes(((PyByteArray) o).array(), indent + 10, allowance + 1, level + 1);
            out.append(')');
        }
    }

    private void dict(Map<?, ?> m, int indent, int allowance, int level) {
        out.append('{');
        if (!m.isEmpty()) {
            Object[] keys = m.keySet().toArray();
            PyOrder.sortSafe(keys);
            formatDictItems(keys, m, indent, allowance + 1, level);
        }
        out.append('}');
    }

    private void formatDictItems(Object[] keys, Map<?, ?> m, int indent, int allowance, int level) {
        int inner = indent + 1;
        for (int i = 0; i < keys.length; i++) {
            boolean last = i == keys.length - 1;
            String rep = safeRepr(keys[i]);
            out.append(rep).append(": ");
            format(m.get(keys[i]), inner + len(rep) + 2, last ? allowance : 1, level);
            if (!last) {
                out.append(",\n").append(" ".repeat(inner));
            }
        }
    }

    private void orderedDict(PyOrderedDict d, int indent, int allowance, int level) {
        if (d.isEmpty()) {
            out.append(plainRepr(d));
            return;
        }
        PyList items = new PyList(d.size());
        for (Map.Entry<Object, Object> e : d.entrySet()) {
            items.add(PyTuple.of(e.getKey(), e.getValue()));
        }
        out.append("OrderedDict(");
        format(items, indent + "OrderedDict".length() + 1, allowance + 1, level);
        out.append(')');
    }

    private void defaultDict(PyDefaultDict d, int indent, int allowance, int level) {
        if (d.isEmpty()) {
            out.append(plainRepr(d));
            return;
        }
        String factory = safeRepr(d.defaultFactory());
        int inner = indent + "defaultdict".length() + 1;
        out.append("defaultdict(").append(factory).append(",\n").append(" ".repeat(inner));
        dict(d, inner, allowance + 1, level);
        out.append(')');
    }

    private void set(Set<?> s, int indent, int allowance, int level) {
        if (s.isEmpty()) {
            out.append(plainRepr(s));
            return;
        }
        String end;
        if (s instanceof PyFrozenSet) {
            out.append("frozenset({");
            end = "})";
            indent += "frozenset".length() + 1;
        } else {
            out.append('{');
            end = "}";
        }
        Object[] items = s.toArray();
        PyOrder.sortSafe(items);
        formatItems(Arrays.asList(items), indent, allowance + end.length(), level);
        out.append(end);
    }

    private void formatItems(List<?> items, int indent, int allowance, int level) {
        int inner = indent + 1;
        for (int i = 0; i < items.size(); i++) {
            boolean last = i == items.size() - 1;
            if (i > 0) {
                out.append(",\n").append(" ".repeat(inner));
            }
            format(items.get(i), inner, last ? allowance : 1, level);
        }
    }

    // ---- str and bytes ------------------------------------------------------------------------------

    private void str(String s, int indent, int allowance, int level) {
        if (s.isEmpty()) {
            out.append(plainRepr(s));
            return;
        }
        if (level == 1) {
            indent++;
            allowance++;
        }
        List<String> chunks = strChunks(s, WIDTH - indent, allowance);
        if (chunks.size() == 1) {
            out.append(chunks.get(0));
            return;
        }
        if (level == 1) {
            out.append('(');
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0) {
                out.append('\n').append(" ".repeat(indent));
            }
            out.append(chunks.get(i));
        }
        if (level == 1) {
            out.append(')');
        }
    }

    /** _pprint_str's pieces: each line whole if it fits, else cut after runs of whitespace. */
    private List<String> strChunks(String s, int maxWidth, int allowance) {
        List<String> chunks = new ArrayList<>();
        List<String> lines = TextSplit.splitLinesKeepEnds(s);
        int maxWidth1 = maxWidth;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean lastLine = i == lines.size() - 1;
            String rep = plainRepr(line);
            if (lastLine) {
                maxWidth1 -= allowance;
            }
            if (len(rep) <= maxWidth1) {
                chunks.add(rep);
                continue;
            }
            List<String> parts = TextSplit.wordsWithTrailingSpace(line);
            int maxWidth2 = maxWidth;
            String current = "";
            for (int j = 0; j < parts.size(); j++) {
                String candidate = current + parts.get(j);
                if (j == parts.size() - 1 && lastLine) {
                    maxWidth2 -= allowance;
                }
                if (len(plainRepr(candidate)) > maxWidth2) {
                    if (!current.isEmpty()) {
                        chunks.add(plainRepr(current));
                    }
                    current = parts.get(j);
                } else {
                    current = candidate;
                }
            }
            if (!current.isEmpty()) {
                chunks.add(plainRepr(current));
            }
        }
        return chunks;
    }

    private void bytes(byte[] b, int indent, int allowance, int level) {
        if (b.length <= 4) {
            out.append(plainRepr(b));
            return;
        }
        boolean parens = level == 1;
        if (parens) {
            indent++;
            allowance++;
            out.append('(');
        }
        String delim = "";
        for (String rep : wrapBytes(b, WIDTH - indent, allowance)) {
            out.append(delim).append(rep);
            delim = "\n" + " ".repeat(indent);
        }
        if (parens) {
            out.append(')');
        }
    }

    /** _wrap_bytes_repr: grow a piece 4 bytes at a time while its repr fits. */
    private List<String> wrapBytes(byte[] b, int width, int allowance) {
        List<String> reps = new ArrayList<>();
        int start = 0;
        int end = 0;
        int last = b.length / 4 * 4;
        for (int i = 0; i < b.length; i += 4) {
            int partEnd = Math.min(i + 4, b.length);
            if (i == last) {
                width -= allowance;
            }
            if (len(plainRepr(Arrays.copyOfRange(b, start, partEnd))) > width) {
                if (end > start) {
                    reps.add(plainRepr(Arrays.copyOfRange(b, start, end)));
                }
                start = i;
            }
            end = partEnd;
        }
        if (end > start) {
            reps.add(plainRepr(Arrays.copyOfRange(b, start, end)));
        }
        return reps;
    }
}
