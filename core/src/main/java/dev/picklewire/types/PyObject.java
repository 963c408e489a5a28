package dev.picklewire.types;

import dev.picklewire.internal.ValueGraphs;
import java.util.Objects;

/**
 * An instance of a Python class that Java does not know (a namedtuple, an enum member, a user class): the
 * callable that made it, the arguments it was called with, and the state and items applied afterwards.
 * Nothing is ever called; this is a faithful record, and it pickles back to the same bytes.
 *
 * <p>How the pickle built it is kept in {@link #construction()}:
 * <pre>
 *   REDUCE      callable(*args)                         callable is usually a PyGlobal
 *   NEWOBJ      cls.__new__(cls, *args)                 protocol 2+
 *   NEWOBJ_EX   cls.__new__(cls, *args, **kwargs)       protocol 4+
 *   INST, OBJ   Python 2 era class instantiation        read only; dumped as REDUCE
 * </pre>
 * then, in pickle order: {@code BUILD} with {@link #state()}; list items appended (APPEND/APPENDS);
 * dict items set (SETITEM/SETITEMS).
 *
 * <p>Equality is by value over all of the above (a Python enum member or namedtuple compares equal to
 * another decoded from the same bytes), safe on cyclic graphs. Not thread-safe while being built.
 *
 * <pre>{@code
 * PyObject red = PyObject.reduce(PyGlobal.of("colors", "Color"), PyTuple.of(1));   // Color(1)
 * }</pre>
 */
public final class PyObject {
    /** Which opcode created the object. */
    public enum Construction { REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ }

    private final Object callable;
    private final Construction construction;
    private final PyTuple args;
    private final PyDict kwargs;
    private Object state;
    private boolean hasState;
    private PyList listItems;
    private PyDict dictItems;

    private PyObject(Object callable, Construction construction, PyTuple args, PyDict kwargs) {
        this.callable = callable;
        this.construction = Objects.requireNonNull(construction, "construction");
        this.args = Objects.requireNonNull(args, "args");
        this.kwargs = kwargs;
    }

    /** {@code callable(*args)}: the REDUCE opcode. */
    public static PyObject reduce(Object callable, PyTuple args) {
        return new PyObject(callable, Construction.REDUCE, args, null);
    }

    /** {@code cls.__new__(cls, *args)}: the NEWOBJ opcode. */
    public static PyObject newObj(Object cls, PyTuple args) {
        return new PyObject(cls, Construction.NEWOBJ, args, null);
    }

    /** {@code cls.__new__(cls, *args, **kwargs)}: the NEWOBJ_EX opcode. */
    public static PyObject newObjEx(Object cls, PyTuple args, PyDict kwargs) {
        return new PyObject(cls, Construction.NEWOBJ_EX, args, Objects.requireNonNull(kwargs, "kwargs"));
    }

    /** A Python 2 era instantiation (INST or OBJ opcode); pickled back as REDUCE. */
    public static PyObject legacy(Object cls, PyTuple args, Construction inst) {
        if (inst != Construction.INST && inst != Construction.OBJ) {
            throw new IllegalArgumentException("not a legacy construction: " + inst);
        }
        return new PyObject(cls, inst, args, null);
    }

    /** The class or function that was called; usually a {@link PyGlobal}. */
    public Object callable() {
        return callable;
    }

    public Construction construction() {
        return construction;
    }

    public PyTuple args() {
        return args;
    }

    /** Keyword arguments (NEWOBJ_EX only), or {@code null}. */
    public PyDict kwargs() {
        return kwargs;
    }

    /**
     * The class this object is an instance of, when the pickle says: the callable of NEWOBJ/NEWOBJ_EX/INST/
     * OBJ, the first argument of {@code copyreg._reconstructor} or {@code copyreg.__newobj__}, else the
     * callable itself (an enum or namedtuple class called through REDUCE). {@code null} if it is not a global.
     */
    public PyGlobal pythonClass() {
        if (construction == Construction.REDUCE && callable instanceof PyGlobal g
                && "copyreg".equals(g.module())
                && ("_reconstructor".equals(g.name()) || "__newobj__".equals(g.name()))
                && !args.isEmpty() && args.get(0) instanceof PyGlobal cls) {
            return cls;
        }
        return callable instanceof PyGlobal g ? g : null;
    }

    /** The BUILD state ({@code __setstate__} argument or {@code __dict__}), or {@code null} if none. */
    public Object state() {
        return state;
    }

    public boolean hasState() {
        return hasState;
    }

    public void setState(Object state) {
        this.state = state;
        this.hasState = true;
    }

    /** Items appended after construction (a list subclass), or {@code null} if none were. */
    public PyList listItems() {
        return listItems;
    }

    /** Items set after construction (a dict subclass), or {@code null} if none were. */
    public PyDict dictItems() {
        return dictItems;
    }

    /** The list that APPEND/APPENDS extend, made on first use. */
    public PyList listItemsForUpdate() {
        if (listItems == null) {
            listItems = new PyList();
        }
        return listItems;
    }

    /** The dict that SETITEM/SETITEMS update, made on first use. */
    public PyDict dictItemsForUpdate() {
        if (dictItems == null) {
            dictItems = new PyDict();
        }
        return dictItems;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof PyObject && ValueGraphs.equal(this, other));
    }

    @Override
    public int hashCode() {
        return ValueGraphs.hash(this);
    }

    /** picklewire's documented repr of an unknown instance, shortened if very large. */
    @Override
    public String toString() {
        return ValueGraphs.toString(this);
    }
}
