package dev.picklewire.dis;

import dev.picklewire.DisassemblyException;
import dev.picklewire.Disassembler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The corpus {@code tools/golden/dis_cases.py} wrote into {@code dis/dis_cases.txt}: pickles with exactly what
 * CPython's pickletools.dis printed for them, and {@link #actual} rendering picklewire's output the same way.
 */
final class DisCases {
    /** One row: name, indent level, pickle bytes, expected text ('!Type: message' line appended on failure). */
    record Case(String name, int indent, byte[] pickle, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private DisCases() {
    }

    static List<Case> load() {
        List<Case> out = new ArrayList<>();
        for (String line : resource("/dis/dis_cases.txt").split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(new Case(f[0], Integer.parseInt(f[1]), HexFormat.of().parseHex(f[2]), unescape(f[3])));
        }
        return out;
    }

    /** picklewire's text in the corpus' shape: the output, then '!Type: message' when it failed. */
    static String actual(Disassembler dis, byte[] pickle) {
        try {
            return dis.disassemble(pickle);
        } catch (DisassemblyException e) {
            return e.output() + "!" + e.pythonType() + ": " + e.getMessage() + "\n";
        }
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
        }
        return out.toString();
    }

    private static String resource(String path) {
        try (InputStream in = DisCases.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path + " (python3 tools/golden/dis_cases.py)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
