package dev.picklewire.internal.reader;

import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.math.BigInteger;

/** Python type names of decoded values, for error messages. */
final class TypeNames {
    private TypeNames() {
    }

    static String of(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof Integer || o instanceof Long || o instanceof BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        if (o instanceof PyByteArray) {
            return "bytearray";
        }
        if (o instanceof PyTuple) {
            return "tuple";
        }
        if (o instanceof PyList) {
            return "list";
        }
        if (o instanceof PyDict) {
            return "dict";
        }
        if (o instanceof PySet) {
            return "set";
        }
        if (o instanceof PyFrozenSet) {
            return "frozenset";
        }
        if (o instanceof PyGlobal g) {
            return "global " + g.qualifiedName();
        }
        if (o instanceof PyObject p && p.pythonClass() != null) {
            return p.pythonClass().qualifiedName();
        }
        return o.getClass().getSimpleName();
    }

    static String article(Object o) {
        return "a value of type '" + of(o) + "'";
    }
}
