package dev.picklewire.internal.repr;

import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyObject;

/**
 * picklewire's repr of a {@link PyObject}, an instance of a class Java does not know. CPython would ask
 * the class; a pickle only names it, so the form is fixed and documented:
 * <ul>
 *   <li>{@code <module.Class object>}: CPython's default repr without the address Java cannot know
 *       (an enum member, a namedtuple or any user class prints this way, because the pickle holds no
 *       member or field names);</li>
 *   <li>{@code <object>} when the pickle does not name a class (the callable is not a global);</li>
 *   <li>{@code zoneinfo.ZoneInfo(key='Europe/Paris')} for a pickled {@code zoneinfo.ZoneInfo}, as CPython
 *       prints it, since its pickle holds the key.</li>
 * </ul>
 */
final class ObjectRepr {
    private ObjectRepr() {
    }

    static void of(ReprPrinter printer, PyObject o) {
        String zoneKey = zoneInfoKey(o);
        if (zoneKey != null) {
            printer.out().append("zoneinfo.ZoneInfo(key=");
            ScalarRepr.str(printer.out(), zoneKey, Integer.MAX_VALUE);
            printer.out().append(')');
            return;
        }
        PyGlobal cls = o.pythonClass();
        printer.out().append(cls == null ? "<object>" : "<" + cls.qualifiedName() + " object>");
    }

    /** The key of {@code zoneinfo.ZoneInfo._unpickle(key, from_cache)}, else null. */
    private static String zoneInfoKey(PyObject o) {
        Object callable = o.callable();
        boolean unpickle = callable instanceof PyGlobal g && g.module().equals("zoneinfo")
                && g.name().equals("ZoneInfo._unpickle");
        if (callable instanceof PyObject getattr && getattr.callable() instanceof PyGlobal ga
                && ga.qualifiedName().equals("builtins.getattr") && getattr.args().size() == 2
                && getattr.args().get(0) instanceof PyGlobal cls && cls.qualifiedName().equals("zoneinfo.ZoneInfo")
                && "_unpickle".equals(getattr.args().get(1))) {
            unpickle = true;
        }
        if (unpickle && o.args().size() >= 1 && o.args().get(0) instanceof String key) {
            return key;
        }
        return null;
    }
}
