package dev.picklewire.internal.reader;

import dev.picklewire.Limits;
import dev.picklewire.PickleLimitException;
import dev.picklewire.TypeRegistry;
import dev.picklewire.UnpicklingException;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * After a load, replaces every PyObject whose class has a registered constructor by the constructor's result.
 *
 * <p>Runs only when the reader saw such an object. One identity map keeps sharing: an object referenced
 * twice is constructed once. References are replaced inside lists, dicts (keys and values), sets, and other
 * PyObjects' state and items; tuples and frozensets are immutable and keep the PyObject (documented limit).
 * Constructors see the PyObject as decoded. Iterative: no recursion on deep graphs.
 */
final class RegistryPass {
    private final TypeRegistry registry;
    private final Limits limits;
    private final Map<Object, Object> replaced = new IdentityHashMap<>();

    RegistryPass(TypeRegistry registry, Limits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    Object apply(Object root) {
        List<Object> all = reachable(root);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) instanceof PyObject o) {
                construct(o);
            }
        }
        if (replaced.isEmpty()) {
            return root;
        }
        for (Object node : all) {
            rewrite(node);
        }
        return replaced.getOrDefault(root, root);
    }

    private void construct(PyObject o) {
        PyGlobal cls = o.pythonClass();
        Function<PyObject, ?> constructor = cls == null ? null : registry.constructorFor(cls);
        if (constructor == null) {
            return;
        }
        try {
            replaced.put(o, constructor.apply(o));
        } catch (RuntimeException e) {
            throw new UnpicklingException("constructor for " + cls.qualifiedName() + " failed: " + e, -1, e);
        }
    }

    private List<Object> reachable(Object root) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        List<Object> order = new ArrayList<>();
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.push(root == null ? "" : root);
        while (!work.isEmpty()) {
            Object node = work.pop();
            if (seen.put(node, Boolean.TRUE) != null) {
                continue;
            }
            order.add(node);
            if (order.size() > limits.maxContainerSize()) {
                throw new PickleLimitException("object graph too large for constructors", -1);
            }
            for (Object child : children(node)) {
                if (child != null) {
                    work.push(child);
                }
            }
        }
        return order;
    }

    private static Iterable<?> children(Object node) {
        if (node instanceof PyList l) {
            return l;
        }
        if (node instanceof PyTuple t) {
            return t;
        }
        if (node instanceof java.util.Set<?> s) {
            return s;
        }
        if (node instanceof PyDict d) {
            List<Object> kv = new ArrayList<>(d.size() * 2);
            d.forEach((k, v) -> {
                kv.add(k);
                kv.add(v);
            });
            return kv;
        }
        if (node instanceof PyObject o) {
            List<Object> c = new ArrayList<>(o.args().asList());
            c.add(o.callable());
            c.add(o.kwargs());
            c.add(o.state());
            c.add(o.listItems());
            c.add(o.dictItems());
            return c;
        }
        return List.of();
    }

    private Object map(Object v) {
        return v == null ? null : replaced.getOrDefault(v, v);
    }

    private void rewrite(Object node) {
        if (node instanceof PyList l) {
            l.replaceAll(this::map);
        } else if (node instanceof PySet s) {
            List<Object> items = new ArrayList<>(s);
            s.clear();
            items.forEach(v -> s.add(map(v)));
        } else if (node instanceof PyDict d) {
            // Keys and values copied out first: an entry object says nothing once its map is cleared.
            Object[] keys = d.keySet().toArray();
            Object[] values = d.values().toArray();
            d.clear();
            for (int i = 0; i < keys.length; i++) {
                d.put(map(keys[i]), map(values[i]));
            }
        } else if (node instanceof PyObject o && o.hasState()) {
            o.setState(map(o.state()));
        }
    }
}
