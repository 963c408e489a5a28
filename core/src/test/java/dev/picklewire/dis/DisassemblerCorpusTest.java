package dev.picklewire.dis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Disassembler;
import dev.picklewire.golden.GoldenVector;
import dev.picklewire.golden.GoldenVectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * picklewire's disassembly against CPython's, character for character: every golden vector's stored
 * {@code pickletools.dis} text, and the broken/truncated/hostile corpus (errors included).
 */
class DisassemblerCorpusTest {

    @Test
    void everyGoldenVectorDisassemblesLikeCPython() {
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (GoldenVector v : GoldenVectors.pickled()) {
            if (v.dis() == null) {
                continue;
            }
            compared++;
            String got = DisCases.actual(Disassembler.defaults(), v.pickle());
            if (!got.equals(v.dis())) {
                mismatches.add(v + "\n--- expected\n" + v.dis() + "--- actual\n" + got);
            }
        }
        dump("target/dis-golden-mismatches.txt", mismatches);
        System.out.println("golden dis: " + (compared - mismatches.size()) + " of " + compared + " identical");
        assertThat(compared).isGreaterThan(1000);
        assertThat(mismatches).as("%d of %d differ", mismatches.size(), compared).isEmpty();
    }

    @Test
    void goldenAnnotatedDisassemblyHasPickletoolsColumns() {
        dev.picklewire.PythonRunner.requirePython();
        // CPython's one-line descriptions, to swap for ours: the columns must agree exactly, only the words differ
        String table = dev.picklewire.PythonRunner.run(
                "import pickletools\nfor op in pickletools.opcodes: print(op.name + '\\t' + op.doc.split('\\n', 1)[0])",
                new byte[0]).requireSuccess().stdoutText();
        java.util.Map<String, String> cpythonDoc = new java.util.HashMap<>();
        for (String row : table.split("\n")) {
            String[] f = row.split("\t", 2);
            cpythonDoc.put(f[0], f[1]);
        }
        Disassembler annotating = Disassembler.builder().annotate(1).build();
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (GoldenVector v : GoldenVectors.pickled()) {
            if (v.disAnnotated() == null) {
                continue;
            }
            compared++;
            String expected = withOurDocs(v.disAnnotated(), cpythonDoc);
            String got = DisCases.actual(annotating, v.pickle());
            if (!got.equals(expected)) {
                mismatches.add(v + "\n--- expected\n" + expected + "--- actual\n" + got);
            }
        }
        System.out.println("golden annotated dis: " + (compared - mismatches.size()) + " of " + compared + " identical");
        assertThat(compared).isGreaterThan(100);
        assertThat(mismatches).as("%d of %d differ", mismatches.size(), compared).isEmpty();
    }

    private static final java.util.regex.Pattern OPCODE_LINE = java.util.regex.Pattern.compile("^\\s*\\d+: \\S+\\s+([A-Z_0-9]+)");

    /** Replaces, at the end of each opcode line, CPython's description with picklewire's for the same opcode. */
    private static String withOurDocs(String text, java.util.Map<String, String> cpythonDoc) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            java.util.regex.Matcher m = OPCODE_LINE.matcher(line);
            if (m.find()) {
                String name = m.group(1);
                String theirs = " " + cpythonDoc.get(name);
                assertThat(line).endsWith(theirs);
                String ours = java.util.Arrays.stream(dev.picklewire.internal.Opcode.values())
                        .filter(op -> op.pythonName().equals(name)).findFirst().orElseThrow().doc();
                line = line.substring(0, line.length() - theirs.length()) + " " + ours;
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Writes the differences next to the build output, where a long list is easier to read than in a report. */
    private static void dump(String file, List<String> mismatches) {
        try {
            java.nio.file.Files.write(java.nio.file.Path.of(file),
                    String.join("\n", mismatches).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void brokenAndHostileCorpusMatchesCPython() {
        List<DisCases.Case> cases = DisCases.load();
        List<String> mismatches = new ArrayList<>();
        for (DisCases.Case c : cases) {
            Disassembler dis = Disassembler.builder().indentLevel(c.indent()).build();
            String got = DisCases.actual(dis, c.pickle());
            if (!got.equals(c.expected())) {
                mismatches.add(c + "\n--- expected\n" + c.expected() + "--- actual\n" + got);
            }
        }
        dump("target/dis-corpus-mismatches.txt", mismatches);
        System.out.println("dis corpus: " + (cases.size() - mismatches.size()) + " of " + cases.size() + " identical");
        assertThat(cases).hasSizeGreaterThan(4000);
        assertThat(mismatches).as("%d of %d differ", mismatches.size(), cases.size()).isEmpty();
    }
}
