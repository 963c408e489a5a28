package dev.picklewire;

/**
 * The pickle named a global ({@code module.name}) that the unpickler's policy refuses: an unknown
 * global in strict mode. Nothing named in a pickle is ever loaded or executed, in either mode.
 */
public class ForbiddenGlobalException extends UnpicklingException {
    private static final long serialVersionUID = 1L;
    private final String module;
    private final String name;

    public ForbiddenGlobalException(String module, String name, String message, long offset) {
        super(message, offset);
        this.module = module;
        this.name = name;
    }

    public String module() {
        return module;
    }

    public String name() {
        return name;
    }
}
