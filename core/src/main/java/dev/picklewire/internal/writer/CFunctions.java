package dev.picklewire.internal.writer;

import dev.picklewire.types.PyGlobal;
import java.util.Set;

/**
 * Globals that are functions of a C extension module. In CPython their {@code __module__} is the module's own
 * name object, a different str from the interned one that classes and types of the same module report, so
 * at protocol 4 CPython memoizes the two spellings of a module name separately. A heuristic list: the
 * builtins functions, and the C functions the standard reduce forms and numpy use.
 */
final class CFunctions {
    private static final Set<String> BUILTIN_FUNCTIONS = Set.of("abs", "aiter", "all", "anext", "any", "ascii",
            "bin", "breakpoint", "callable", "chr", "compile", "delattr", "dir", "divmod", "eval", "exec", "format",
            "getattr", "globals", "hasattr", "hash", "hex", "id", "input", "isinstance", "issubclass", "iter", "len",
            "locals", "max", "min", "next", "oct", "open", "ord", "pow", "print", "repr", "round", "setattr",
            "sorted", "sum", "vars", "__import__", "__build_class__");
    private static final Set<PyGlobal> OTHERS = Set.of(PyGlobal.of("_codecs", "encode"),
            PyGlobal.of("array", "_array_reconstructor"), PyGlobal.of("_functools", "reduce"),
            PyGlobal.of("numpy.core.multiarray", "_reconstruct"), PyGlobal.of("numpy.core.multiarray", "scalar"),
            PyGlobal.of("numpy._core.multiarray", "_reconstruct"), PyGlobal.of("numpy._core.multiarray", "scalar"));

    private CFunctions() {
    }

    static boolean isCFunction(PyGlobal g) {
        return "builtins".equals(g.module()) ? BUILTIN_FUNCTIONS.contains(g.name()) : OTHERS.contains(g);
    }
}
