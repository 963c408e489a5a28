package dev.picklewire.internal;

import dev.picklewire.internal.repr.Repr;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyTuple;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
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
        // Iterative and co-inductive: a pair of containers already under comparison is assumed equal, so a
        // self-containing value ends, each pair of shared sub-values is compared once (a 2^100-path DAG costs
        // 100 steps), and a million levels of nesting use the heap, not the stack.
        ArrayDeque<Object> work = new ArrayDeque<>();
        Set<IdentityPair> assumed = new HashSet<>();
        push(work, a, b);
        while (!work.isEmpty()) {
            Object y = work.pop();
            Object x = work.pop();
            if (x == y) {
                continue;
            }
            if (x == null || y == null) {
                return false;
            }
            if (isContainer(x) && !assumed.add(new IdentityPair(x, y))) {
                continue;
            }
            if (!shallowEqual(x, y, work)) {
                return false;
            }
        }
        return true;
    }

    private static void push(ArrayDeque<Object> work, Object x, Object y) {
        // ArrayDeque refuses null, so nulls travel as a sentinel.
        work.push(x == null ? NULL : x);
        work.push(y == null ? NULL : y);
    }

    private static final Object NULL = new Object();

    private static boolean isContainer(Object o) {
        return o instanceof PyTuple || o instanceof PyObject || o instanceof List<?> || o instanceof Map<?, ?>;
    }

    /** Compares what is local to x and y and queues their children; false on a local difference. */
    private static boolean shallowEqual(Object x, Object y, ArrayDeque<Object> work) {
        if (x == NULL || y == NULL) {
            return false;
        }
        if (x instanceof PyTuple tx) {
            return y instanceof PyTuple ty && pushItems(tx.asList(), ty.asList(), work);
        }
        if (x instanceof PyObject ox) {
            if (!(y instanceof PyObject oy) || ox.construction() != oy.construction()
                    || ox.hasState() != oy.hasState()) {
                return false;
            }
            push(work, ox.callable(), oy.callable());
            push(work, ox.args(), oy.args());
            push(work, ox.kwargs(), oy.kwargs());
            push(work, ox.state(), oy.state());
            push(work, ox.listItems(), oy.listItems());
            push(work, ox.dictItems(), oy.dictItems());
            return true;
        }
        if (x instanceof List<?> lx) {
            return y instanceof List<?> ly && pushItems(lx, ly, work);
        }
        if (x instanceof Map<?, ?> mx) {
            if (!(y instanceof Map<?, ?> my) || mx.size() != my.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : mx.entrySet()) {
                if (!my.containsKey(e.getKey())) {
                    return false;
                }
                push(work, e.getValue(), my.get(e.getKey()));
            }
            return true;
        }
        if (x instanceof Set<?> sx) {
            return y instanceof Set<?> sy && sx.size() == sy.size() && sy.containsAll(sx);
        }
        if (x instanceof byte[] bx) {
            return y instanceof byte[] by && Arrays.equals(bx, by);
        }
        // Not one of ours on the left: its own equals (never back into this class, which would loop).
        return !isContainer(y) && x.equals(y);
    }

    private static boolean pushItems(List<?> x, List<?> y, ArrayDeque<Object> work) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = x.size() - 1; i >= 0; i--) {
            push(work, x.get(i), y.get(i));
        }
        return true;
    }

    /** Two objects compared by identity, as a key of the set of pairs assumed equal. */
    private record IdentityPair(Object x, Object y) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityPair p && p.x == x && p.y == y;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(x) * 31 + System.identityHashCode(y);
        }
    }

    public static int hash(Object o) {
        int h;
        if (o instanceof PyTuple t) {
            h = 1;
            for (Object item : t) {
                h = 31 * h + itemHash(item);
            }
        } else if (o instanceof PyObject obj) {
            h = Objects.hashCode(obj.callable()) * 31 + obj.args().hashCode();
        } else if (o instanceof List<?> || o instanceof Map<?, ?> || o instanceof PyByteArray) {
            h = o.getClass().getName().hashCode();
        } else if (o instanceof Set<?> s) {
            h = 0;
            for (Object item : s) {
                h += itemHash(item);
            }
        } else if (o instanceof byte[] b) {
            h = Arrays.hashCode(b);
        } else {
            h = Objects.hashCode(o);
        }
        return h == 0 ? 1 : h;
    }

    /**
     * A child's hash through its own hashCode, so tuples and frozensets use their cached hash: recomputing it
     * here would visit every path of a shared graph (2^100 for 100 levels of (x, x)).
     */
    private static int itemHash(Object item) {
        return item == null ? 0 : item instanceof byte[] b ? Arrays.hashCode(b) : item.hashCode();
    }

    public static String toString(Object o) {
        // Bounded, iterative repr: a value from the wire may be a million levels deep, hold itself, or share
        // sub-values exponentially (2^100 paths); a recursive join would overflow the stack or never end.
        return Repr.bounded(o, 1000, 100);
    }
}
