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

    /** The loader hands back the very bytes python3 wrote: python3 loads a sample and prints the stored repr. */
    @Test
    void storedPicklesLoadInPythonToTheStoredRepr() {
        PythonRunner.requirePython();
        for (String name : List.of("tutorial_dict", "int_long4_min", "str_astral", "datetime_zoneinfo", "set_str")) {
            for (int protocol = 0; protocol <= 5; protocol++) {
                GoldenVector v = GoldenVectors.get(name, protocol);
                PythonRunner.Result r = PythonRunner.run(
                        "import sys, pickle; sys.stdout.write(repr(pickle.loads(sys.stdin.buffer.read())))",
                        v.pickle()).requireSuccess();
                assertThat(r.stdoutText()).as(v.toString()).isEqualTo(v.repr());
            }
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
