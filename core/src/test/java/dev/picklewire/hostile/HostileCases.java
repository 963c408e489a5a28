package dev.picklewire.hostile;

import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import dev.picklewire.Unpickler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The hostile inputs, built in code; shared by the tests and the child-JVM runner. */
final class HostileCases {
    /** One named input. */
    record Case(String name, byte[] data) {
    }

    /** Callables whose call would run a command, as (module, name). */
    static final String[][] DANGEROUS_CALLABLES = {
        {"os", "system"}, {"posix", "system"}, {"nt", "system"}, {"builtins", "eval"}, {"builtins", "exec"},
        {"__builtin__", "eval"}, {"subprocess", "Popen"}, {"subprocess", "check_output"}, {"os", "popen"},
        {"java.lang.Runtime", "exec"}, {"java.lang", "ProcessBuilder"}, {"builtins", "__import__"}};

    private HostileCases() {
    }

    static Object load(Unpickler u, InputStream in) {
        try {
            return u.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every length-carrying opcode with declared lengths from 2^31-1 to 2^64-1 (4-byte fields get the low 32
     * bits, which covers 2^31-1, 2^31 and 2^32-1; signed fields read them as negative), followed by a few bytes.
     */
    static List<Case> hugeLengths() {
        long[] lengths = {0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE,
            -1L};
        Object[][] opcodes = {
            {"BINSTRING", (int) 'T', 4, 2}, {"BINBYTES", (int) 'B', 4, 3}, {"BINUNICODE", (int) 'X', 4, 2}, {"LONG4", 0x8b, 4, 2},
            {"BINBYTES8", 0x8e, 8, 4}, {"BINUNICODE8", 0x8d, 8, 4}, {"BYTEARRAY8", 0x96, 8, 5},
            {"FRAME", 0x95, 8, 4}};
        List<Case> out = new ArrayList<>();
        for (Object[] op : opcodes) {
            for (long n : lengths) {
                int width = (Integer) op[2];
                long declared = width == 4 ? n & 0xffff_ffffL : n;
                byte[] data = PickleBytes.proto((Integer) op[3]).op((Integer) op[1]).le(n, width).ascii("abc")
                        .stop();
                out.add(new Case(op[0] + " length " + Long.toUnsignedString(declared), data));
            }
        }
        Object[][] shorts = {{"SHORT_BINSTRING", (int) 'U', 2}, {"SHORT_BINBYTES", (int) 'C', 3}, {"SHORT_BINUNICODE", 0x8c, 4},
            {"LONG1", 0x8a, 2}};
        for (Object[] op : shorts) {
            out.add(new Case(op[0] + " length 255",
                    PickleBytes.proto((Integer) op[2]).op((Integer) op[1]).op(255).ascii("abc").stop()));
        }
        return out;
    }

    /** {@code depth} nested containers, built as the name says. */
    static byte[] deepNesting(String how, int depth) {
        PickleBytes b = PickleBytes.proto(2);
        switch (how) {
            case "mark-tuple" -> b.repeat('(', depth).repeat('t', depth);
            case "mark-list" -> b.repeat('(', depth).repeat('l', depth);
            case "empty-list-append" -> b.repeat(']', depth).repeat('a', depth - 1);
            case "empty-dict-setitem" -> {
                for (int i = 0; i < depth; i++) {
                    b.op('}').op('K').op(1);
                }
                b.op('}');
                b.repeat('s', depth);
            }
            default -> throw new IllegalArgumentException(how);
        }
        return b.stop();
    }

    /** list_0 = [], list_i = [list_{i-1}] with list_{i-1} fetched from the memo; depth {@code depth}. */
    static byte[] memoChain(int depth) {
        PickleBytes b = PickleBytes.proto(2).op(']').op('r').le(0, 4).op('0');
        for (int i = 1; i < depth; i++) {
            b.op(']').op('j').le(i - 1, 4).op('a').op('r').le(i, 4).op('0');
        }
        return b.op('j').le(depth - 1, 4).stop();
    }

    /**
     * A value of {@code levels} levels where each level holds the one below twice (2^levels paths, a few
     * hundred bytes). The leaf is a list, a tuple, or the chain sits in a dict key / set / frozenset member.
     */
    static byte[] billionLaughs(String shape, int levels) {
        PickleBytes b = PickleBytes.proto(4);
        boolean tuples = !shape.equals("list");
        if (tuples) {
            b.op(')'); // level 0: the empty tuple
        } else {
            b.op(']');
        }
        b.op(0x94); // MEMOIZE -> memo 0
        for (int i = 1; i <= levels; i++) {
            if (tuples) {
                b.op('j').le(i - 1, 4).op('j').le(i - 1, 4).op(0x86); // TUPLE2
            } else {
                b.op(']').op('(').op('j').le(i - 1, 4).op('j').le(i - 1, 4).op('e'); // APPENDS
            }
            b.op(0x94);
            b.op('0'); // POP: only the memo keeps it
        }
        switch (shape) {
            case "tuple", "list" -> b.op('j').le(levels, 4);
            case "dict-key" -> b.op('}').op('j').le(levels, 4).op('N').op('s');
            case "set-member" -> b.op(0x8f).op('(').op('j').le(levels, 4).op(0x90);
            case "frozenset-member" -> b.op('(').op('j').le(levels, 4).op(0x91);
            default -> throw new IllegalArgumentException(shape);
        }
        return b.stop();
    }

    /** A dict of {@code n} distinct str keys made of "Aa"/"BB" blocks, all with the same String.hashCode. */
    static byte[] hashFlood(int n) {
        int blocks = 32 - Integer.numberOfLeadingZeros(n - 1);
        PickleBytes b = PickleBytes.proto(4).op('}').op('(');
        for (int i = 0; i < n; i++) {
            StringBuilder key = new StringBuilder(blocks * 2);
            for (int bit = 0; bit < blocks; bit++) {
                key.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
            }
            b.op(0x8c).op(key.length()).ascii(key.toString()).op('N');
            if (i % 1000 == 999) {
                b.op('u').op('(');
            }
        }
        return b.op('u').stop();
    }

    /** Invalid UTF-8 in every UTF-8 opcode, and bad escapes in the text ones. */
    static List<Case> badText() {
        byte[][] badUtf8 = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
            {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80,
                (byte) 0x80}, {(byte) 0x80}};
        List<Case> out = new ArrayList<>();
        for (byte[] bad : badUtf8) {
            String hex = java.util.HexFormat.of().formatHex(bad);
            out.add(new Case("SHORT_BINUNICODE " + hex, PickleBytes.proto(4).op(0x8c).op(bad.length).raw(bad).stop()));
            out.add(new Case("BINUNICODE " + hex, PickleBytes.proto(2).op('X').le(bad.length, 4).raw(bad).stop()));
            out.add(new Case("BINUNICODE8 " + hex, PickleBytes.proto(4).op(0x8d).le(bad.length, 8).raw(bad).stop()));
            out.add(new Case("GLOBAL " + hex, PickleBytes.proto(2).op('c').raw(bad).ascii("\nx\n").stop()));
        }
        String[] badEscapes = {"V\\u12\n", "V\\U0011ffff\n", "S'\\x4'\n", "S'abc\n", "S\"abc'\n", "Sabc\n",
            "V\\U0000d8\n"};
        for (String s : badEscapes) {
            out.add(new Case("text " + s.strip(), PickleBytes.noProto().ascii(s).stop()));
        }
        return out;
    }

    /** {@code module.callable(command)} via GLOBAL or STACK_GLOBAL and REDUCE. */
    static byte[] callWithCommand(String module, String callable, String command, boolean stackGlobal) {
        PickleBytes b = stackGlobal ? PickleBytes.proto(4) : PickleBytes.proto(2);
        if (stackGlobal) {
            b.op(0x8c).op(module.length()).ascii(module).op(0x8c).op(callable.length()).ascii(callable).op(0x93);
        } else {
            b.op('c').ascii(module + "\n" + callable + "\n");
        }
        byte[] cmd = command.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return b.op('X').le(cmd.length, 4).raw(cmd).op(0x85).op('R').stop();
    }

    /** equals, hashCode, toString and repr on a loaded value must end (repr may refuse with a PickleException). */
    static void exerciseValue(Object value) {
        exerciseValue(value, true);
    }

    /**
     * As {@link #exerciseValue(Object)}; without {@code fullRepr} only the bounded toString. Pickle.repr of a
     * 2^100-path graph prints 16 Mi characters before it refuses (about 4.5 s on an idle core), too slow for
     * every build: that case is measured once, in RELIABILITY.md.
     */
    static void exerciseValue(Object value, boolean fullRepr) {
        value.hashCode();
        value.equals(value);
        value.toString();
        if (!fullRepr) {
            return;
        }
        try {
            Pickle.repr(value);
        } catch (PickleException refused) {
            // allowed: repr refuses exponential or enormous output with a clear message
        }
    }
}
