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
                + "for n in map(int, sys.argv[1:]):\n"
                + "    chunk = data.read(n)\n"
                + "    try:\n"
                + "        text = repr(pickle.loads(chunk))\n"
                + "    except Exception as e:\n"
                + "        text = '!%s: %s' % (type(e).__name__, e)\n"
                + "    sys.stdout.write(text + '\\0')\n", stream.toByteArray(),
                vectors.stream().map(v -> String.valueOf(v.pickle().length)).toArray(String[]::new)).requireSuccess();
        String[] reprs = r.stdoutText().split("\0", -1);
        assertThat(reprs).hasSize(vectors.size() + 1);
        int skipped = 0;
        for (int i = 0; i < vectors.size(); i++) {
            GoldenVector v = vectors.get(i);
            if (GoldenVector.isError(reprs[i]) && v.needsOptionalPythonParts()) {
                skipped++; // this python3 lacks numpy or time zone data
                continue;
            }
            assertThat(GoldenVector.normalize(reprs[i])).as(v.toString()).isEqualTo(v.repr());
        }
        assertThat(skipped).isLessThan(vectors.size() / 10);
    }

    @Test
    void annotatedDisassemblyIsStoredForSmallPickles() {
        assertThat(GoldenVectors.get("tutorial_dict", 4).disAnnotated()).isNotBlank();
        assertThat(GoldenVectors.get("tutorial_dict", 0).disAnnotated()).isNotBlank();
        assertThat(GoldenVectors.get("tutorial_dict", 3).disAnnotated()).isNull();
        assertThat(GoldenVectors.pickled()).filteredOn(v -> v.disAnnotated() != null).hasSizeGreaterThan(250);
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
