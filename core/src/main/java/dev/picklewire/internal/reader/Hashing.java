package dev.picklewire.internal.reader;

import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Python's hashability rule for dict keys and set members, checked without recursion. */
final class Hashing {
    private Hashing() {
    }

    /** Throws if {@code key} is (or is a tuple that holds) a list, dict, set or bytearray. */
    static void check(Object key) throws KnownGlobals.BadValue {
        String bad = unhashableType(key);
        if (bad == null && key instanceof PyTuple) {
            bad = deepCheck((PyTuple) key);
        }
        if (bad != null) {
            throw new KnownGlobals.BadValue("unhashable type: '" + bad + "'");
        }
    }

    private static String unhashableType(Object o) {
        if (o instanceof PyList) {
            return "list";
        }
        if (o instanceof PyDict) {
            return "dict";
        }
        if (o instanceof PySet) {
            return "set";
        }
        return o instanceof PyByteArray ? "bytearray" : null;
    }

    // Tuples cannot contain themselves (they are built after their items); the seen-set keeps shared
    // sub-tuples (a hostile DAG) from being visited more than once.
    private static String deepCheck(PyTuple root) {
        Set<PyTuple> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<PyTuple> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            PyTuple t = work.pop();
            for (int i = 0; i < t.size(); i++) {
                Object item = t.get(i);
                String bad = unhashableType(item);
                if (bad != null) {
                    return bad;
                }
                if (item instanceof PyTuple inner && !inner.isEmpty() && seen.add(inner)) {
                    work.push(inner);
                }
            }
        }
        return null;
    }
}
