package dev.picklewire.internal.reader;

import dev.picklewire.internal.PyTypeNames;
import dev.picklewire.types.PyGlobal;

/**
 * Python type names of decoded values, for the reader's error messages: the shared {@link PyTypeNames} table,
 * except that a bare global names itself ({@code global os.system}), which says more than Python's {@code type}.
 */
final class TypeNames {
    private TypeNames() {
    }

    static String of(Object o) {
        return o instanceof PyGlobal g ? "global " + g.qualifiedName() : PyTypeNames.of(o);
    }

    static String article(Object o) {
        return "a value of type '" + of(o) + "'";
    }
}
