package dev.picklewire.types;

/** Python's singletons with no Java twin: {@code Ellipsis} ({@code ...}) and {@code NotImplemented}. */
public enum PyConstant {
    ELLIPSIS("Ellipsis"),
    NOT_IMPLEMENTED("NotImplemented");

    private final String pythonName;

    PyConstant(String pythonName) {
        this.pythonName = pythonName;
    }

    /** The builtin's name, as in {@code builtins.Ellipsis}. */
    public String pythonName() {
        return pythonName;
    }

    @Override
    public String toString() {
        return pythonName;
    }
}
