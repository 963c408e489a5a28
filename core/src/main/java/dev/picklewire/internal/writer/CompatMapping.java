package dev.picklewire.internal.writer;

import dev.picklewire.types.PyGlobal;
import java.util.Map;

/**
 * {@code fix_imports} for protocols 0 to 2: the Python 2 spelling of a Python 3 global, as CPython's
 * {@code fix_imports()} finds it in {@code _compat_pickle}'s reverse tables (the (module, name) table first,
 * then the module table).
 */
final class CompatMapping {
    // TODO(reader branch): replace these interim entries with dev.picklewire.internal.CompatNames' complete
    // reverse tables once the reader branch lands; until then only the names below are translated.
    private static final Map<PyGlobal, PyGlobal> NAMES = Map.of(
            PyGlobal.of("builtins", "range"), PyGlobal.of("__builtin__", "xrange"),
            PyGlobal.of("builtins", "str"), PyGlobal.of("__builtin__", "unicode"),
            PyGlobal.of("builtins", "int"), PyGlobal.of("__builtin__", "long"),
            PyGlobal.of("builtins", "chr"), PyGlobal.of("__builtin__", "unichr"),
            PyGlobal.of("functools", "reduce"), PyGlobal.of("__builtin__", "reduce"));
    private static final Map<String, String> MODULES = Map.of("builtins", "__builtin__", "copyreg", "copy_reg");

    private CompatMapping() {
    }

    static PyGlobal toPython2(PyGlobal g) {
        PyGlobal renamed = NAMES.get(g);
        if (renamed != null) {
            return renamed;
        }
        String module = MODULES.get(g.module());
        return module == null ? g : PyGlobal.of(module, g.name());
    }
}
