package dev.picklewire.internal.dis;

import dev.picklewire.DisassemblyException;
import dev.picklewire.internal.Opcode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One run of pickletools-style disassembly over one pickle: prints a line per opcode and emulates the
 * stack (as stack-object names), the marks and the memo to make the same sanity checks, raising the same
 * complaints after printing the offending line. Everything it keeps grows at most by a constant per input
 * byte, and it never recurses. Not thread-safe; one instance per call.
 */
public final class DisMachine {
    private static final String MARK = "mark";
    /** Longest indentation we build for one line (256 Mi blanks); String.repeat would throw an Error past 2 Gi. */
    private static final long MAX_LINE = 1L << 28;

    private final ArgReader in;
    private final Appendable out;
    private final Map<BigInteger, String> memo;
    private final String indentChunk;
    private final int annotate;
    private final long maxOutput;
    private final ValueRepr repr;
    private final List<String> stack = new ArrayList<>();
    private final List<Integer> markStack = new ArrayList<>();
    private long written;
    private int maxProto = -1;
    private int annoCol;
    private int current;

    /**
     * @param memo the memo, shared between pickles when the caller wants {@code -m}; keys are memo indexes
     * @param annotate 0 for no annotations, else the column hint pickletools takes
     * @param maxOutput characters of text after which the run fails rather than keep printing
     */
    public DisMachine(byte[] data, int from, int end, Appendable out, Map<BigInteger, String> memo,
                      int indentLevel, int annotate, long maxOutput, ValueRepr repr) {
        this.in = new ArgReader(data, from, end, repr::bytes);
        this.out = out;
        this.memo = memo;
        this.indentChunk = " ".repeat(Math.max(0, indentLevel));
        this.annotate = annotate;
        this.annoCol = annotate;
        this.maxOutput = maxOutput;
        this.repr = repr;
    }

    /**
     * Disassembles through the first STOP; returns the index after it.
     *
     * @throws DisassemblyException with pickletools' complaint, after the text it would have printed
     */
    public int run() throws IOException {
        try {
            return runOrRaise();
        } catch (PyError e) {
            throw new DisassemblyException(e.getMessage(), e.pythonType(), current);
        }
    }

    private int runOrRaise() throws IOException {
        while (true) {
            int pos = in.position();
            current = pos;
            Opcode op = nextOpcode(pos);
            Object arg = in.read(op.arg());
            step(op, arg, pos);
            if (op == Opcode.STOP) {
                break;
            }
        }
        emit("highest protocol among opcodes = " + maxProto + "\n");
        if (!stack.isEmpty()) {
            throw PyError.value("stack not empty after STOP: [" + String.join(", ", stack) + "]");
        }
        return in.position();
    }

    private Opcode nextOpcode(int pos) {
        int code = in.readOpcodeByte();
        if (code < 0) {
            throw PyError.value("pickle exhausted before seeing STOP");
        }
        Opcode op = Opcode.of(code);
        if (op == null) {
            throw PyError.value("at position " + pos + ", opcode " + repr.bytes(new byte[] {(byte) code}) + " unknown");
        }
        return op;
    }

    /** Prints one opcode's line, then checks and applies its stack effect (pickletools' order). */
    private void step(Opcode op, Object arg, int pos) throws IOException {
        emit(padLeft(Integer.toString(pos), 5) + ": ");
        maxProto = Math.max(maxProto, op.protocol());
        List<String> before = Arrays.asList(op.stackBefore());
        List<String> after = Arrays.asList(op.stackAfter());
        Effect e = new Effect(before.size(), after);
        String head = head(op);  // indented by the marks open before this opcode
        popMark(op, before, e);
        checkMemo(op, arg, e);
        emit(line(head, op, arg, e.markMsg) + "\n");
        if (e.error != null) {
            throw PyError.value(e.error);
        }
        apply(before, e, pos);
    }

    /** What this opcode will do to the stack, and what to say about it. */
    private static final class Effect {
        int numToPop;
        List<String> after;
        String markMsg;
        String error;

        Effect(int numToPop, List<String> after) {
            this.numToPop = numToPop;
            this.after = after;
        }
    }

    private void popMark(Opcode op, List<String> before, Effect e) {
        boolean popsMark = before.contains(MARK)
                || (op == Opcode.POP && !stack.isEmpty() && stack.get(stack.size() - 1).equals(MARK));
        if (!popsMark) {
            return;
        }
        if (markStack.isEmpty()) {
            e.error = e.markMsg = "no MARK exists on stack";
            return;
        }
        int markPos = markStack.remove(markStack.size() - 1);
        e.markMsg = "(MARK at " + markPos + ")";
        popThroughMark();
        e.numToPop = Math.max(0, before.indexOf(MARK));
    }

    /** Pops down to and including the topmost mark; if an earlier opcode ate it, Python's IndexError. */
    private void popThroughMark() {
        while (true) {
            if (stack.isEmpty()) {
                throw new PyError("IndexError", "list index out of range");
            }
            if (stack.remove(stack.size() - 1).equals(MARK)) {
                return;
            }
        }
    }

    private void checkMemo(Opcode op, Object arg, Effect e) {
        switch (op) {
            case PUT: case BINPUT: case LONG_BINPUT: case MEMOIZE:
                BigInteger index = op == Opcode.MEMOIZE ? BigInteger.valueOf(memo.size()) : key(arg);
                if (op == Opcode.MEMOIZE) {
                    e.markMsg = "(as " + memo.size() + ")";
                }
                storeMemo(index, arg, e);
                break;
            case GET: case BINGET: case LONG_BINGET:
                String value = memo.get(key(arg));
                if (value != null) {
                    e.after = List.of(value);
                } else {
                    e.error = "memo key " + argRepr(arg) + " has never been stored into";
                }
                break;
            default:
                break;
        }
    }

    private void storeMemo(BigInteger index, Object arg, Effect e) {
        if (memo.containsKey(index)) {
            e.error = "memo key " + argRepr(arg) + " already defined";
        } else if (stack.isEmpty()) {
            e.error = "stack is empty -- can't store into memo";
        } else if (stack.get(stack.size() - 1).equals(MARK)) {
            e.error = "can't store markobject in the memo";
        } else {
            memo.put(index, stack.get(stack.size() - 1));
        }
    }

    /** Memo keys compare as Python ints do: True is 1. */
    private static BigInteger key(Object arg) {
        if (arg instanceof Boolean) {
            return (Boolean) arg ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (arg instanceof BigInteger) {
            return (BigInteger) arg;
        }
        return BigInteger.valueOf(((Number) arg).longValue());
    }

    private String head(Opcode op) {
        StringBuilder line = new StringBuilder();
        String code = op.code() < 0x80 ? String.valueOf((char) op.code()) : "\\x" + Integer.toHexString(op.code());
        line.append(code).append(" ".repeat(Math.max(0, 4 - code.length()))).append(' ');
        long indent = (long) indentChunk.length() * markStack.size();
        checkSize(indent);
        if (indent > MAX_LINE) {
            // only a huge indent level can get here; a String could not even hold it
            throw new PyError(null, "indentation of " + indent + " blanks on one line; stopped");
        }
        line.append(indentChunk.repeat(markStack.size()));
        return line.append(op.pythonName()).toString();
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private String line(String head, Opcode op, Object arg, String markMsg) {
        StringBuilder line = new StringBuilder(head);
        if (arg != null || markMsg != null) {
            // pickletools' "mild effort to align arguments"
            line.append(" ".repeat(Math.max(0, 10 - op.pythonName().length())));
            if (arg != null) {
                line.append(' ').append(argRepr(arg));
            }
            if (markMsg != null) {
                line.append(' ').append(markMsg);
            }
        }
        if (annotate != 0) {
            annotateLine(line, op);
        }
        return line.toString();
    }

    private void annotateLine(StringBuilder line, Opcode op) {
        int length = line.codePointCount(0, line.length());
        line.append(" ".repeat(Math.max(0, annoCol - length)));
        annoCol = Math.max(length, annoCol);
        if (annoCol > 50) {
            annoCol = annotate;
        }
        line.append(' ').append(op.doc());
    }

    private String argRepr(Object arg) {
        if (arg == null) {
            return "None";
        }
        if (arg instanceof Boolean) {
            return (Boolean) arg ? "True" : "False";
        }
        if (arg instanceof Integer || arg instanceof Long || arg instanceof BigInteger) {
            return PyNumbers.intRepr(arg);
        }
        return repr.value(arg);
    }

    private void apply(List<String> before, Effect e, int pos) {
        if (stack.size() < e.numToPop) {
            throw PyError.value("tries to pop " + e.numToPop + " items from stack with only " + stack.size() + " items");
        }
        stack.subList(stack.size() - e.numToPop, stack.size()).clear();
        if (e.after.contains(MARK)) {
            markStack.add(pos);
        }
        stack.addAll(e.after);
    }

    private void emit(String text) throws IOException {
        checkSize(text.length());
        written += text.length();
        out.append(text);
    }

    private void checkSize(long more) {
        if (written + more > maxOutput) {
            throw new PyError(null, "disassembly longer than " + maxOutput + " characters; stopped");
        }
    }
}
