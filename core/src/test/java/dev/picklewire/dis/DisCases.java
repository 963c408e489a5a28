package dev.picklewire.dis;

import dev.picklewire.DisassemblyException;
import dev.picklewire.Disassembler;
import dev.picklewire.TestText;
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
        String text = TestText.resource("/dis/dis_cases.txt", "python3 tools/golden/dis_cases.py");
        for (TestText.Row row : TestText.rows(text)) {
            String[] f = row.fields();
            out.add(new Case(f[0], Integer.parseInt(f[1]), HexFormat.of().parseHex(f[2]), TestText.unescape(f[3])));
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
}
