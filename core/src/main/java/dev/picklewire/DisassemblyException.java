package dev.picklewire;

/**
 * A pickle the {@link Disassembler} found broken. The message is exactly the complaint CPython's
 * {@code pickletools.dis} raises for the same bytes ({@code memo key 7 has never been stored into},
 * {@code not enough data in stream to read uint4}, ...), so output can be compared with Python's;
 * {@link #pythonType()} names the Python exception ({@code ValueError}, {@code UnicodeDecodeError},
 * {@code IndexError}), and {@link #offset()} is the offset of the opcode being disassembled.
 *
 * <p>{@link #output()} is the text printed before the failure when the disassembly went to a String
 * ({@link Disassembler#dis(byte[])}); when it went to your {@code Appendable}, that already holds it.
 */
public class DisassemblyException extends UnpicklingException {
    private static final long serialVersionUID = 1L;
    private final String pythonType;
    private final String output;

    public DisassemblyException(String message, String pythonType, long offset) {
        this(message, pythonType, offset, "");
    }

    DisassemblyException(String message, String pythonType, long offset, String output) {
        super(message, offset);
        this.pythonType = pythonType;
        this.output = output;
    }

    /** The Python exception pickletools would raise, or null for picklewire's own output size limit. */
    public String pythonType() {
        return pythonType;
    }

    /** Text printed before the failure (including the offending opcode's line), or "" if not collected. */
    public String output() {
        return output;
    }

    DisassemblyException withOutput(String text) {
        DisassemblyException copy = new DisassemblyException(getMessage(), pythonType, offset(), text);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
