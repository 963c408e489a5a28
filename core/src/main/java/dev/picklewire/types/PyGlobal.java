package dev.picklewire.types;

import java.util.Objects;

/**
 * A reference to a Python global, {@code module.qualname}: a class or function named in a pickle
 * (the GLOBAL and STACK_GLOBAL opcodes). It is only a name. picklewire never resolves it to code.
 *
 * <pre>{@code
 * PyGlobal list = PyGlobal.of("builtins", "list");   // pickles as the class itself
 * }</pre>
 */
public record PyGlobal(String module, String name) {
    public PyGlobal {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
    }

    public static PyGlobal of(String module, String name) {
        return new PyGlobal(module, name);
    }

    /** {@code module.name}, as Python prints a qualified name. */
    public String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return dev.picklewire.internal.ValueGraphs.toString(this);
    }
}
