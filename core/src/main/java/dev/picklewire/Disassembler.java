package dev.picklewire;

import dev.picklewire.internal.dis.DisMachine;
import dev.picklewire.internal.dis.ValueRepr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Python's {@code pickletools.dis} in Java: a symbolic listing of a pickle's opcodes, character for
 * character what CPython 3.11 prints, including its verdict on broken pickles (a {@link DisassemblyException}
 * carrying pickletools' exact message, thrown after the offending line was printed).
 *
 * <pre>{@code
 * String text = Disassembler.dis(Pickle.dumps(List.of(1, 2)));
 * //     0: \x80 PROTO      4
 * //     2: \x95 FRAME      11
 * //  ...
 * // highest protocol among opcodes = 4
 * String notes = Disassembler.builder().indentLevel(2).annotate(30).build().disassemble(bytes);
 * }</pre>
 *
 * <p>Defaults as pickletools: indent 4 blanks per open MARK, no annotations. Annotations (the
 * {@code -a} column hint, 30 in {@code python -m pickletools -a}) use picklewire's own one-line opcode
 * descriptions, so only that text differs from Python's. Safe on hostile input: lengths are checked
 * against the bytes present before copying, nothing recurses, and the text stops with an exception past
 * {@link Builder#maxOutput(long)} characters (default 64 Mi), since deeply nested marks make pickletools'
 * output quadratic in the input; callers that stream the text somewhere (the CLI) may lift it. Immutable and thread-safe; a {@link Memo} is not.
 */
public final class Disassembler {
    private static final Disassembler DEFAULTS = builder().build();
    private static final int MAX_WIDTH = 1 << 20;

    private final int indentLevel;
    private final int annotate;
    private final long maxOutput;

    private Disassembler(Builder b) {
        this.indentLevel = b.indentLevel;
        this.annotate = b.annotate;
        this.maxOutput = b.maxOutput;
    }

    public static Disassembler defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code pickletools.dis(pickle)} with the defaults: the text up to and including the first STOP. */
    public static String dis(byte[] pickle) {
        return DEFAULTS.disassemble(pickle);
    }

    /** The listing of the first pickle in {@code pickle}; on a broken pickle the exception holds the text so far. */
    public String disassemble(byte[] pickle) {
        StringBuilder out = new StringBuilder();
        try {
            disassemble(pickle, 0, pickle.length, out, new Memo());
        } catch (DisassemblyException e) {
            throw e.withOutput(out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a StringBuilder never throws it
        }
        return out.toString();
    }

    /**
     * Disassembles the pickle starting at {@code from} (offsets are printed from the start of {@code data},
     * like a file read from its beginning) through its STOP, appending to {@code out}.
     *
     * @param memo the memo to use; pass the same one to several calls to keep it between pickles, as
     *             {@code python -m pickletools -m} does
     * @return the index just after the STOP opcode, where a following pickle would start
     * @throws DisassemblyException for a broken pickle, after writing what pickletools would have printed
     */
    public int disassemble(byte[] data, int from, int to, Appendable out, Memo memo) throws IOException {
        if (from < 0 || to > data.length || from > to) {
            throw new IndexOutOfBoundsException("range " + from + ".." + to + " of " + data.length);
        }
        return new DisMachine(data, from, to, out, memo.entries, indentLevel, annotate, maxOutput,
                ValueRepr.standard()).run();
    }

    /** The disassembler's memo (memo index to the stack-object name it holds); reuse it to share between pickles. Not thread-safe. */
    public static final class Memo {
        final Map<BigInteger, String> entries = new HashMap<>();
    }

    /** Builds a {@link Disassembler}; not thread-safe. */
    public static final class Builder {
        private int indentLevel = 4;
        private int annotate;
        private long maxOutput = 64L << 20;

        private Builder() {
        }

        /** Blanks per open MARK (default 4, pickletools' {@code -l}; negative means none); at most 2^20. */
        public Builder indentLevel(int blanks) {
            this.indentLevel = checkWidth("indentLevel", blanks);
            return this;
        }

        /** 0 (default) for no annotations, else the column hint where descriptions start (the CLI's {@code -a} uses 30). */
        public Builder annotate(int column) {
            this.annotate = checkWidth("annotate", column);
            return this;
        }

        /** Characters of text after which the disassembly stops with an exception (default 64 Mi); {@code Long.MAX_VALUE} for none. */
        public Builder maxOutput(long characters) {
            if (characters < 0) {
                throw new IllegalArgumentException("maxOutput < 0: " + characters);
            }
            this.maxOutput = characters;
            return this;
        }

        /** Widths become runs of blanks on every line: a silly one would only exhaust memory. */
        private static int checkWidth(String what, int value) {
            if (value > MAX_WIDTH) {
                throw new IllegalArgumentException(what + " " + value + " is over " + MAX_WIDTH);
            }
            return value;
        }

        public Disassembler build() {
            return new Disassembler(this);
        }
    }
}
