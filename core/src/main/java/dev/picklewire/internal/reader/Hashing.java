package dev.picklewire.internal.reader;

import dev.picklewire.internal.PyTypeNames;
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
        String bad = PyTypeNames.unhashable(key);
        if (bad == null && key instanceof PyTuple) {
            bad = deepCheck((PyTuple) key);
        }
        if (bad != null) {
            throw new KnownGlobals.BadValue("unhashable type: '" + bad + "'");
        }
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
                String bad = PyTypeNames.unhashable(item);
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
