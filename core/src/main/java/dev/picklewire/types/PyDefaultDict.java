package dev.picklewire.types;

import java.util.Map;

/**
 * A Python {@code collections.defaultdict}: a dict plus its default factory, kept so that it pickles back
 * as a defaultdict. The factory is a Python value, usually a {@link PyGlobal} such as {@code builtins.list},
 * or {@code null}; it is never called.
 */
public class PyDefaultDict extends PyDict {
    private static final long serialVersionUID = 1L;
    private Object defaultFactory;

    public PyDefaultDict(Object defaultFactory) {
        this.defaultFactory = defaultFactory;
    }

    public PyDefaultDict(Object defaultFactory, Map<?, ?> entries) {
        super(entries);
        this.defaultFactory = defaultFactory;
    }

    /** The Python callable named as the default factory, or {@code null}. */
    public Object defaultFactory() {
        return defaultFactory;
    }

    public void setDefaultFactory(Object defaultFactory) {
        this.defaultFactory = defaultFactory;
    }

    @Override
    public boolean equals(Object other) {
        // Python: defaultdict equality ignores the factory, like dict's.
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
