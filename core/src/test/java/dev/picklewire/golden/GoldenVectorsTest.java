package dev.picklewire.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.picklewire.PythonRunner;
import dev.picklewire.golden.GoldenVector.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks the golden-vector loader and that the committed vectors are what the generator writes today. */
class GoldenVectorsTest {
    private static final int STOP = '.';

    @Test
    void loadsEveryCaseAtEveryProtocol() {
        List<GoldenVector> all = GoldenVectors.all();
        assertThat(all).isNotEmpty();
        Map<String, Set<Integer>> protocols = all.stream().collect(Collectors.groupingBy(
                GoldenVector::name, Collectors.mapping(GoldenVector::protocol, Collectors.toCollection(TreeSet::new))));
        assertThat(protocols.size()).isGreaterThan(150);
        protocols.forEach((name, ps) -> assertThat(ps).as(name).containsExactly(0, 1, 2, 3, 4, 5));
        assertThat(all).hasSize(protocols.size() * 6);
    }

    @Test
    void everyRowIsCompleteOrSaysWhyNot() {
        for (GoldenVector v : GoldenVectors.all()) {
            assertThat(v.repr()).as(v + " repr").isNotNull();
            assertThat(v.pformat()).as(v + " pformat").isNotNull();
            if (v.status() == Status.NONE) {
                assertThat(v.note()).as(v + " reason").isNotBlank();
                continue;
            }
            assertThat(v.pickle()).as(v + " pickle").isNotEmpty();
            assertThat(v.pickle()[v.pickle().length - 1]).as(v + " ends in STOP").isEqualTo((byte) STOP);
            if (v.protocol() >= 2 && v.status() == Status.OK) {
                assertThat(v.pickle()[0] & 0xff).as(v + " PROTO").isEqualTo(0x80);
                assertThat((int) v.pickle()[1]).as(v + " protocol byte").isEqualTo(v.protocol());
            }
            if (!v.note().contains("nodis")) {
                assertThat(v.dis()).as(v + " dis").isNotBlank();
            }
            if (v.status() == Status.READONLY) {
                assertThat(v.reprLatin1()).as(v + " latin1 repr").isNotNull();
                assertThat(v.reprBytes()).as(v + " bytes repr").isNotNull();
            }
        }
    }

    @Test
    void coversEveryProtocolWithPicklesAndKeepsOutOfBandBuffers() {
        Set<Integer> pickledProtocols = GoldenVectors.pickled().stream()
                .map(GoldenVector::protocol).collect(Collectors.toSet());
        assertThat(pickledProtocols).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(GoldenVectors.redumpable()).hasSizeGreaterThan(600);
        assertThat(GoldenVectors.pickled()).filteredOn(v -> !v.buffers().isEmpty()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.protocol()).isEqualTo(5));
        assertThat(GoldenVectors.all()).filteredOn(v -> v.status() == Status.READONLY).hasSizeGreaterThan(20);
        assertThat(GoldenVectors.version()).startsWith("python 3.");
    }

    /**
     * The loader hands back the very bytes python3 wrote: one python3 run loads every in-band pickle from a
     * concatenated stream and prints the repr that must equal the stored one.
     */
    @Test
    void storedPicklesLoadInPythonToTheStoredRepr() throws java.io.IOException {
        PythonRunner.requirePython();
        List<GoldenVector> vectors = GoldenVectors.pickled().stream()
                .filter(v -> v.status() == Status.OK && v.buffers().isEmpty()).collect(Collectors.toList());
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (GoldenVector v : vectors) {
            stream.write(v.pickle());
        }
        PythonRunner.Result r = PythonRunner.run("import io, pickle, sys\n"
                + "data = io.BytesIO(sys.stdin.buffer.read())\n"
                + "for _ in range(int(sys.argv[1])):\n"
                + "    sys.stdout.write(repr(pickle.load(data)) + '\\0')\n"
                + "assert not data.read()\n", stream.toByteArray(), String.valueOf(vectors.size())).requireSuccess();
        String[] reprs = r.stdoutText().split("\0", -1);
        assertThat(reprs).hasSize(vectors.size() + 1);
        for (int i = 0; i < vectors.size(); i++) {
            assertThat(GoldenVector.normalize(reprs[i])).as(vectors.get(i).toString()).isEqualTo(vectors.get(i).repr());
        }
    }

    @Test
    void reprCasesLoadAndMatchPython() {
        List<ReprCase> cases = GoldenVectors.reprCases();
        assertThat(cases).hasSizeGreaterThan(2000);
        assertThat(cases).filteredOn(c -> c.pformat().contains("\n")).hasSizeGreaterThan(100);
        assertThat(GoldenVectors.unescape("a\\\\b\\nc\\rd\\ud800")).isEqualTo("a\\b\nc\rd\ud800");
        PythonRunner.requirePython();
        // Exprs and reprs are single lines (repr escapes line breaks), so one python3 run checks them all.
        String exprs = cases.stream().map(ReprCase::expr).collect(Collectors.joining("\n"));
        PythonRunner.Result r = PythonRunner.run("import ast, sys\n"
                + "for line in sys.stdin.read().split('\\n'):\n"
                + "    print(repr(ast.literal_eval(line)))\n", exprs.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .requireSuccess();
        List<String> reprs = List.of(r.stdoutText().split("\n"));
        assertThat(reprs).hasSameSizeAs(cases);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(reprs.get(i)).as(cases.get(i).expr()).isEqualTo(cases.get(i).repr());
        }
    }

    /** Stale goldens fail the build: the generator, run in --check mode, must find the committed files current. */
    @Test
    void committedVectorsAreCurrent() {
        PythonRunner.requirePython();
        PythonRunner.Result r = PythonRunner.run(Duration.ofMinutes(5), new byte[0],
                "tools/golden/generate.py", "--check");
        // Exit 3: another Python minor version than the one that made the files; its output may differ legitimately.
        assumeTrue(r.exitCode() != 3, () -> "golden files not comparable with this python3: " + r.stderr());
        assertThat(r.exitCode()).as("generate.py --check says:\n%s", r.stderr()).isZero();
    }
}
