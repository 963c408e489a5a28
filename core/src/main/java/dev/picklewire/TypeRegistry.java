package dev.picklewire;

import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Maps your own Java types to Python classes and back, and holds the copyreg extension codes.
 *
 * <p>Immutable and thread-safe; build one and pass it to {@link Pickler.Builder#registry} and
 * {@link Unpickler.Builder#registry}. There is no global registry. Nothing here is looked up by a name
 * that came from the wire: a constructor runs only for a {@code module.name} you registered.
 *
 * <pre>{@code
 * TypeRegistry registry = TypeRegistry.builder()
 *     .reducer(Point.class, p -> PyObject.reduce(PyGlobal.of("geometry", "Point"), PyTuple.of(p.x(), p.y())))
 *     .constructor("geometry", "Point", o -> new Point((Integer) o.args().get(0), (Integer) o.args().get(1)))
 *     .build();
 * }</pre>
 *
 * <p>A <b>reducer</b> turns a Java value into a value picklewire can pickle (usually a {@link PyObject});
 * it is looked up by the value's exact class, then its superclasses, then its interfaces. A
 * <b>constructor</b> turns a finished {@link PyObject} whose {@link PyObject#pythonClass()} is the registered
 * global into a Java value, after the whole pickle is read (so state and items are complete).
 */
public final class TypeRegistry {
    private static final TypeRegistry EMPTY = builder().build();

    private final Map<Class<?>, Function<Object, ?>> reducers;
    private final Map<PyGlobal, Function<PyObject, ?>> constructors;
    private final Map<Integer, PyGlobal> extensions;
    private final Map<PyGlobal, Integer> extensionCodes;

    private TypeRegistry(Builder b) {
        this.reducers = Map.copyOf(b.reducers);
        this.constructors = Map.copyOf(b.constructors);
        this.extensions = Map.copyOf(b.extensions);
        Map<PyGlobal, Integer> codes = new HashMap<>();
        b.extensions.forEach((code, global) -> codes.put(global, code));
        this.extensionCodes = Map.copyOf(codes);
    }

    public static TypeRegistry empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The reducer for {@code type}: its own, else its nearest superclass's, else an interface's; or null. */
    public Function<Object, ?> reducerFor(Class<?> type) {
        if (reducers.isEmpty()) {
            return null;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Function<Object, ?> r = reducers.get(c);
            if (r != null) {
                return r;
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Function<Object, ?> r = reducers.get(i);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** The constructor registered for a Python class, or null. */
    public Function<PyObject, ?> constructorFor(PyGlobal pythonClass) {
        return constructors.get(pythonClass);
    }

    public boolean hasConstructors() {
        return !constructors.isEmpty();
    }

    /** The global registered under an extension code (EXT1/EXT2/EXT4), or null. */
    public PyGlobal extension(int code) {
        return extensions.get(code);
    }

    /** The extension code registered for a global, or null. */
    public Integer extensionCode(PyGlobal global) {
        return extensionCodes.get(global);
    }

    /** Builds a {@link TypeRegistry}. Not thread-safe. */
    public static final class Builder {
        private final Map<Class<?>, Function<Object, ?>> reducers = new LinkedHashMap<>();
        private final Map<PyGlobal, Function<PyObject, ?>> constructors = new LinkedHashMap<>();
        private final Map<Integer, PyGlobal> extensions = new LinkedHashMap<>();

        private Builder() {
        }

        /** On dump, values of {@code type} (and subtypes) are replaced by {@code reducer}'s result. */
        @SuppressWarnings("unchecked")
        public <T> Builder reducer(Class<T> type, Function<? super T, ?> reducer) {
            reducers.put(Objects.requireNonNull(type, "type"),
                    (Function<Object, ?>) Objects.requireNonNull(reducer, "reducer"));
            return this;
        }

        /** On load, instances of Python class {@code module.name} are replaced by {@code constructor}'s result. */
        public Builder constructor(String module, String name, Function<PyObject, ?> constructor) {
            constructors.put(PyGlobal.of(module, name), Objects.requireNonNull(constructor, "constructor"));
            return this;
        }

        /** Registers a copyreg extension code (1 to 2^31-1), as {@code copyreg.add_extension} does. */
        public Builder extension(int code, String module, String name) {
            if (code < 1) {
                throw new IllegalArgumentException("extension code must be 1 to 2147483647, got " + code);
            }
            PyGlobal global = PyGlobal.of(module, name);
            if (extensions.containsValue(global) || extensions.containsKey(code)) {
                throw new IllegalArgumentException("extension " + code + " or " + global.qualifiedName()
                        + " is already registered");
            }
            extensions.put(code, global);
            return this;
        }

        public TypeRegistry build() {
            return new TypeRegistry(this);
        }
    }
}
