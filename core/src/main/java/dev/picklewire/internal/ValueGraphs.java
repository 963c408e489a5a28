package dev.picklewire.internal;

import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyTuple;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * equals, hashCode and toString for graphs of Python values.
 *
 * <p>PLACEHOLDER: the first cut below is plain recursion. It must become safe on self-containing and deeply
 * shared graphs (bounded time, no StackOverflowError): see the issue on the codec's safety.
 */
public final class ValueGraphs {
    private ValueGraphs() {
    }

    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof PyTuple ta && b instanceof PyTuple tb) {
            return ta.asList().equals(tb.asList());
        }
        if (a instanceof PyObject oa && b instanceof PyObject ob) {
            return Objects.equals(oa.callable(), ob.callable()) && oa.construction() == ob.construction()
                    && oa.args().equals(ob.args()) && Objects.equals(oa.kwargs(), ob.kwargs())
                    && Objects.equals(oa.state(), ob.state()) && oa.hasState() == ob.hasState()
                    && Objects.equals(oa.listItems(), ob.listItems())
                    && Objects.equals(oa.dictItems(), ob.dictItems());
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equal(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Set<?> sa && b instanceof Set<?> sb) {
            return sa.size() == sb.size() && sb.containsAll(sa);
        }
        if (a instanceof byte[] ba && b instanceof byte[] bb) {
            return Arrays.equals(ba, bb);
        }
        return a.equals(b);
    }

    public static int hash(Object o) {
        int h;
        if (o instanceof PyTuple t) {
            h = 1;
            for (Object item : t) {
                h = 31 * h + hash(item);
            }
        } else if (o instanceof PyObject obj) {
            h = Objects.hashCode(obj.callable()) * 31 + obj.args().hashCode();
        } else if (o instanceof List<?> || o instanceof Map<?, ?> || o instanceof PyByteArray) {
            h = o.getClass().getName().hashCode();
        } else if (o instanceof Set<?> s) {
            h = 0;
            for (Object item : s) {
                h += hash(item);
            }
        } else if (o instanceof byte[] b) {
            h = Arrays.hashCode(b);
        } else {
            h = Objects.hashCode(o);
        }
        return h == 0 ? 1 : h;
    }

    public static String toString(Object o) {
        if (o instanceof PyTuple t) {
            return "(" + String.join(", ", t.asList().stream().map(String::valueOf).toList())
                    + (t.size() == 1 ? ",)" : ")");
        }
        if (o instanceof PyObject obj) {
            return "PyObject(" + obj.callable() + ", " + obj.args() + ")";
        }
        if (o instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(String::valueOf).toList()) + "]";
        }
        return String.valueOf(o.getClass().getSimpleName());
    }
}
