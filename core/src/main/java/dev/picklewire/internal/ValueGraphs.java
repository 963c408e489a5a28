package dev.picklewire.internal;

import dev.picklewire.internal.repr.Repr;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PyTuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code equals}, {@code hashCode} and {@code toString} for graphs of Python values, as the value types
 * ({@code PyList}, {@code PyDict}, {@code PyTuple}, ...) use them. Every operation returns promptly on
 * hostile graphs: containers that contain themselves, DAGs of shared containers a hundred levels deep
 * (2^100 paths), and nesting a million deep. Nothing here recurses on the Java stack; work stacks are
 * explicit. Stateless and thread-safe (graphs must not change while being compared).
 *
 * <p><b>Equality</b> follows Python's {@code ==} on containers: lists equal lists (any
 * {@link java.util.List}), tuples equal tuples only, dicts compare as unordered mappings except
 * OrderedDict against OrderedDict (ordered, as in Python), sets equal sets and frozensets with the same
 * members, objects ({@link PyObject}) compare by everything the pickle recorded. It is coinductive on
 * cycles: a pair of containers already being compared is assumed equal, so two self-containing lists
 * of the same shape are equal (Python would raise RecursionError). Compared container pairs are
 * remembered by identity, so shared DAGs compare in time linear in their size.
 *
 * <p>Leaves keep Java's {@code equals}: {@code Integer 1}, {@code Long 1}, {@code Double 1.0} and
 * {@code Boolean.TRUE} are all different here, where Python says {@code 1 == 1.0 == True}. That is what
 * Java maps and sets do with these keys anyway, and the reader never makes two of them for one value
 * (an int is always the smallest of Integer/Long/BigInteger). {@code NaN} equals itself (Double.equals)
 * and {@code byte[]} compares by content.
 *
 * <p><b>Hash</b> is consistent with equality. Tuples, frozensets and sets hash their members (tuples
 * in order, sets as a sum, as {@link java.util.Set#hashCode} asks, except that a zero sum becomes a fixed
 * non-zero value so that frozensets can cache it: an empty {@code java.util.HashSet} hashes to 0 but
 * equals an empty {@code PySet}); lists and dicts, which Python
 * cannot hash, hash to a bounded summary (their size and kind) without looking inside, which also
 * breaks every cycle. {@link PyObject} hashes its callable and arguments.
 *
 * <p><b>toString</b> is the Python repr, cut after {@value #TO_STRING_CHARS} characters and
 * {@value #TO_STRING_DEPTH} levels with {@code ...}.
 */
public final class ValueGraphs {
    /** Budget of {@link #toString(Object)}. */
    public static final int TO_STRING_CHARS = 10_000;
    /** Containers nested deeper than this print as {@code ...} in {@link #toString(Object)}. */
    public static final int TO_STRING_DEPTH = 100;

    private ValueGraphs() {
    }

    /** Python-style value equality of two graphs; see the class comment. */
    public static boolean equal(Object a, Object b) {
        return new Comparison().run(a, b);
    }

    /** A hash consistent with {@link #equal}; never 0 for a tuple. */
    public static int hash(Object o) {
        return new Hasher().hash(o);
    }

    /** The bounded Python repr of {@code o}. */
    public static String toString(Object o) {
        return Repr.bounded(o, TO_STRING_CHARS, TO_STRING_DEPTH);
    }

    /** Values that hold other Python values and need the graph treatment. */
    static boolean isContainer(Object o) {
        return o instanceof PyTuple || o instanceof PyObject || o instanceof List<?> || o instanceof Map<?, ?>
                || o instanceof Set<?>;
    }

    /** Leaf equality: Java's equals, bytes by content. */
    static boolean leafEqual(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    static int leafHash(Object o) {
        return o instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(o);
    }

    /** A pair of objects compared by identity. */
    private record Pair(Object a, Object b) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pair p && p.a == a && p.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    /** One equality check: a work stack of pairs still to compare, and the pairs already taken on. */
    private static final class Comparison {
        private final List<Object> work = new ArrayList<>();
        private final Set<Pair> seen = new HashSet<>();
        private final Hasher hasher = new Hasher();

        boolean run(Object a, Object b) {
            push(a, b);
            while (!work.isEmpty()) {
                Object y = work.remove(work.size() - 1);
                Object x = work.remove(work.size() - 1);
                if (!step(x, y)) {
                    return false;
                }
            }
            return true;
        }

        private void push(Object x, Object y) {
            work.add(x);
            work.add(y);
        }

        /** Compares the shallow parts of one pair and queues the pairs inside. */
        private boolean step(Object x, Object y) {
            if (x == y) {
                return true;
            }
            if (x == null || y == null) {
                return false;
            }
            if (!isContainer(x) || !isContainer(y)) {
                return !isContainer(x) && !isContainer(y) && leafEqual(x, y);
            }
            if (!seen.add(new Pair(x, y))) {
                return true; // in progress (a cycle: assumed equal) or already found equal
            }
            if (x instanceof PyTuple tx) {
                return y instanceof PyTuple ty && sequence(tx.asList(), ty.asList());
            }
            if (x instanceof List<?> lx) {
                return y instanceof List<?> ly && sequence(lx, ly);
            }
            if (x instanceof PyObject ox) {
                return y instanceof PyObject oy && object(ox, oy);
            }
            if (x instanceof Map<?, ?> mx) {
                return y instanceof Map<?, ?> my && map(mx, my);
            }
            return x instanceof Set<?> sx && y instanceof Set<?> sy && set(sx, sy);
        }

        private boolean sequence(List<?> x, List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = x.size() - 1; i >= 0; i--) {
                push(x.get(i), y.get(i));
            }
            return true;
        }

        private boolean object(PyObject x, PyObject y) {
            if (x.construction() != y.construction() || x.hasState() != y.hasState()) {
                return false;
            }
            push(x.dictItems(), y.dictItems());
            push(x.listItems(), y.listItems());
            push(x.state(), y.state());
            push(x.kwargs(), y.kwargs());
            push(x.args(), y.args());
            push(x.callable(), y.callable());
            return true;
        }

        private boolean map(Map<?, ?> x, Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            if (x instanceof PyOrderedDict && y instanceof PyOrderedDict) {
                return orderedMap(x, y);
            }
            Map<Integer, List<Object>> byHash = null;
            for (Map.Entry<?, ?> e : x.entrySet()) {
                Object key = e.getKey();
                Object match;
                if (!isContainer(key)) {
                    if (!y.containsKey(key)) {
                        return false;
                    }
                    match = key;
                } else {
                    byHash = byHash != null ? byHash : index(y.keySet());
                    match = find(byHash, key);
                    if (match == NOT_FOUND) {
                        return false;
                    }
                }
                push(e.getValue(), y.get(match));
            }
            return true;
        }

        private boolean orderedMap(Map<?, ?> x, Map<?, ?> y) {
            Iterator<? extends Map.Entry<?, ?>> iy = y.entrySet().iterator();
            for (Map.Entry<?, ?> ex : x.entrySet()) {
                Map.Entry<?, ?> ey = iy.next();
                push(ex.getValue(), ey.getValue());
                push(ex.getKey(), ey.getKey());
            }
            return true;
        }

        private boolean set(Set<?> x, Set<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Map<Integer, List<Object>> byHash = null;
            for (Object item : x) {
                if (!isContainer(item)) {
                    if (!y.contains(item)) {
                        return false;
                    }
                    continue;
                }
                byHash = byHash != null ? byHash : index(y);
                if (find(byHash, item) == NOT_FOUND) {
                    return false;
                }
            }
            return true;
        }

        private Map<Integer, List<Object>> index(Set<?> items) {
            Map<Integer, List<Object>> byHash = new HashMap<>();
            for (Object item : items) {
                byHash.computeIfAbsent(hasher.hash(item), h -> new ArrayList<>(1)).add(item);
            }
            return byHash;
        }

        /**
         * The member of the indexed collection equal to {@code key}. With one candidate of the same hash
         * (the usual case) the pair is queued on this work stack; only hash collisions between container
         * members need a nested comparison.
         */
        private Object find(Map<Integer, List<Object>> byHash, Object key) {
            List<Object> candidates = byHash.get(hasher.hash(key));
            if (candidates == null) {
                return NOT_FOUND;
            }
            if (candidates.size() == 1) {
                push(key, candidates.get(0));
                return candidates.get(0);
            }
            for (Object candidate : candidates) {
                if (candidate == key || new Comparison().run(key, candidate)) {
                    return candidate;
                }
            }
            return NOT_FOUND;
        }
    }

    private static final Object NOT_FOUND = new Object();

    /** One hash computation: post-order over the hashable containers, memoized by identity. */
    private static final class Hasher {
        private static final int CYCLE = 0x5f3759df;
        private static final int EMPTY_SUM = 0x2545f491;
        private final IdentityHashMap<Object, Integer> memo = new IdentityHashMap<>();

        int hash(Object root) {
            if (!descends(root)) {
                return shallow(root);
            }
            Integer known = known(root);
            if (known != null) {
                return known;
            }
            List<Object> stack = new ArrayList<>();
            IdentityHashMap<Object, Boolean> open = new IdentityHashMap<>();
            stack.add(root);
            while (!stack.isEmpty()) {
                Object node = stack.get(stack.size() - 1);
                if (known(node) != null) {
                    stack.remove(stack.size() - 1);
                } else if (open.put(node, Boolean.TRUE) == null) {
                    for (Object child : children(node)) {
                        if (descends(child) && known(child) == null && !open.containsKey(child)) {
                            stack.add(child);
                        }
                    }
                } else {
                    stack.remove(stack.size() - 1);
                    memo.put(node, combine(node));
                    // Fill the member's own cache now that its members' caches are filled: the call
                    // finds every member known, so it is shallow. Later hashes of enclosing values
                    // then stop here instead of walking the whole graph again.
                    if (node != root && (node instanceof PyTuple || node instanceof PyFrozenSet)) {
                        node.hashCode();
                    }
                }
            }
            return memo.get(root);
        }

        /** A hash already known: memoized in this run, or cached by a tuple or frozenset. */
        private Integer known(Object node) {
            Integer h = memo.get(node);
            if (h != null) {
                return h;
            }
            int cached = node instanceof PyTuple t ? t.cachedHash() : node instanceof PyFrozenSet f ? f.cachedHash() : 0;
            return cached != 0 ? Integer.valueOf(cached) : null;
        }

        /** Tuples, sets and objects hash their contents; lists and dicts do not (Python can't hash them). */
        private static boolean descends(Object o) {
            return o instanceof PyTuple || o instanceof Set<?> || o instanceof PyObject;
        }

        private static int shallow(Object o) {
            if (o instanceof List<?> l) {
                return 0x4c15 + 31 * l.size();
            }
            if (o instanceof Map<?, ?> m) {
                return 0xd1c7 + 31 * m.size();
            }
            return leafHash(o);
        }

        private static Iterable<?> children(Object node) {
            if (node instanceof PyTuple t) {
                return t;
            }
            if (node instanceof PyObject o) {
                return Arrays.asList(o.callable(), o.args());
            }
            return (Set<?>) node;
        }

        private int child(Object c) {
            if (!descends(c)) {
                return shallow(c);
            }
            Integer h = known(c);
            return h != null ? h : CYCLE; // still open: a cycle through a set or object
        }

        private int combine(Object node) {
            if (node instanceof PyTuple t) {
                int h = 1;
                for (Object item : t) {
                    h = 31 * h + child(item);
                }
                return h == 0 ? 1 : h;
            }
            if (node instanceof PyObject o) {
                int h = 31 * child(o.callable()) + child(o.args()) + o.construction().ordinal();
                return h == 0 ? 1 : h;
            }
            int sum = 0;
            for (Object item : (Set<?>) node) {
                sum += child(item);
            }
            // A zero sum ({0}, the empty set) would read as "not cached" in PyFrozenSet and be
            // recomputed, nested sets of it quadratically; so zero maps to a fixed value, for every set.
            return sum == 0 ? EMPTY_SUM : sum;
        }
    }
}
