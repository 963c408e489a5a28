package dev.picklewire.dis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.picklewire.DisassemblyException;
import dev.picklewire.Disassembler;
import dev.picklewire.PythonRunner;
import dev.picklewire.internal.Opcode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Annotations, indentation and a memo kept between pickles, each checked against CPython's pickletools run
 * live on the same bytes. For annotations, Python is given picklewire's one-line descriptions in place of its
 * own docstrings, so the comparison covers the column arithmetic exactly.
 */
class DisassemblerOptionsTest {
    /** Runs pickletools.dis over hex pickles (one per line: indent, annotate, hex) with our opcode docs. */
    private static final String PY_DIS = String.join("\n",
            "import io, pickletools, sys",
            "lines = sys.stdin.read().split('\\n')",
            "docs = {}",
            "for line in lines:",
            "    f = line.split('\\t')",
            "    if f[0] == 'doc': docs[f[1]] = f[2]",
            "for op in pickletools.opcodes: op.doc = docs[op.name]",
            "for line in lines:",
            "    f = line.split('\\t')",
            "    if f[0] != 'dis': continue",
            "    out = io.StringIO()",
            "    try: pickletools.dis(bytes.fromhex(f[3]), out=out, indentlevel=int(f[1]), annotate=int(f[2]))",
            "    except Exception as e: out.write('!%s: %s\\n' % (type(e).__name__, e))",
            "    sys.stdout.write(out.getvalue() + '\\x00')");

    private static List<String> pythonDis(List<byte[]> pickles, int indent, int annotate) {
        StringBuilder in = new StringBuilder();
        for (Opcode op : Opcode.values()) {
            in.append("doc\t").append(op.pythonName()).append('\t').append(op.doc()).append('\n');
        }
        for (byte[] p : pickles) {
            in.append("dis\t").append(indent).append('\t').append(annotate).append('\t')
                    .append(HexFormat.of().formatHex(p)).append('\n');
        }
        String out = PythonRunner.run(PY_DIS, in.toString().getBytes(StandardCharsets.UTF_8)).requireSuccess().stdoutText();
        List<String> texts = new ArrayList<>(List.of(out.split("\u0000", -1)));
        texts.remove(texts.size() - 1);
        return texts;
    }

    private static List<byte[]> samplePickles() {
        List<byte[]> out = new ArrayList<>();
        OpcodeTableTest.minimalPickles().values().forEach(out::add);
        for (DisCases.Case c : DisCases.load()) {
            if (c.name().startsWith("v") || c.name().startsWith("deep") || c.name().startsWith("memo")) {
                out.add(c.pickle());
            }
        }
        return out;
    }

    @Test
    void annotationsAlignLikePickletools() {
        PythonRunner.requirePython();
        List<byte[]> pickles = samplePickles();
        for (int annotate : new int[] {30, 1, 60}) {
            List<String> expected = pythonDis(pickles, 4, annotate);
            Disassembler dis = Disassembler.builder().annotate(annotate).build();
            for (int i = 0; i < pickles.size(); i++) {
                assertThat(DisCases.actual(dis, pickles.get(i))).as("annotate %d, pickle %d", annotate, i)
                        .isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void indentLevelsMatchPickletools() {
        PythonRunner.requirePython();
        List<byte[]> pickles = samplePickles();
        for (int indent : new int[] {0, 2, 9}) {
            List<String> expected = pythonDis(pickles, indent, 0);
            Disassembler dis = Disassembler.builder().indentLevel(indent).build();
            for (int i = 0; i < pickles.size(); i++) {
                assertThat(DisCases.actual(dis, pickles.get(i))).as("indent %d, pickle %d", indent, i)
                        .isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void sharedMemoCarriesAcrossPicklesAndReturnsEachEnd() throws IOException {
        byte[] two = "K\u0001q\u0000.h\u0000\u0094.".getBytes(StandardCharsets.ISO_8859_1);
        Disassembler.Memo memo = new Disassembler.Memo();
        StringBuilder out = new StringBuilder();
        int end = Disassembler.defaults().disassemble(two, 0, two.length, out, memo);
        assertThat(end).isEqualTo(5);
        assertThat(Disassembler.defaults().disassemble(two, end, two.length, out, memo)).isEqualTo(two.length);
        assertThat(out.toString()).contains("    5: h    BINGET     0\n", "    7: \\x94 MEMOIZE    (as 1)\n");
        // without the memo the second pickle's BINGET refers to nothing
        assertThatThrownBy(() -> Disassembler.defaults().disassemble(two, end, two.length, new StringBuilder(), new Disassembler.Memo()))
                .isInstanceOf(DisassemblyException.class)
                .hasMessage("memo key 0 has never been stored into");
    }

    @Test
    void hostileLengthsNeitherAllocateNorHang() {
        byte[] data = new byte[30];
        data[0] = (byte) 0x8e;  // BINBYTES8 claiming 2^63 - 1 bytes
        for (int i = 1; i <= 7; i++) {
            data[i] = (byte) 0xff;
        }
        data[8] = 0x7f;
        assertThatThrownBy(() -> Disassembler.dis(data))
                .isInstanceOf(DisassemblyException.class)
                .hasMessage("expected 9223372036854775807 bytes in a bytes8, but only 21 remain")
                .satisfies(e -> assertThat(((DisassemblyException) e).offset()).isZero());
    }

    @Test
    void outputLimitStopsQuadraticIndentation() {
        byte[] marks = new byte[20_001];
        java.util.Arrays.fill(marks, (byte) '(');
        marks[marks.length - 1] = '.';
        Disassembler small = Disassembler.builder().maxOutput(1 << 20).build();
        assertThatThrownBy(() -> small.disassemble(marks))
                .isInstanceOf(DisassemblyException.class)
                .hasMessageContaining("longer than 1048576 characters")
                .satisfies(e -> assertThat(((DisassemblyException) e).output().length()).isLessThanOrEqualTo(1 << 20));
    }
}
