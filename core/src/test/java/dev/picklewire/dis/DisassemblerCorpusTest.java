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
