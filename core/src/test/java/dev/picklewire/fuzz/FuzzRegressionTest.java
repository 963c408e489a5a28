package dev.picklewire.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.picklewire.Unpickler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every kept fuzz finding ({@code src/test/resources/fuzz/regressions/*.hex}) and every unmutated seed
 * through the fuzzer's oracle, default and strict, with several stream chunkings.
 */
class FuzzRegressionTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @Test
    void theSeedCorpusIsThere() {
        assertThat(FuzzCorpus.seeds()).hasSizeGreaterThan(100);
    }

    @TestFactory
    Stream<DynamicTest> regressionsAndSeedsBehave() {
        List<FuzzCorpus.Entry> all = new ArrayList<>(FuzzCorpus.regressions());
        all.addAll(FuzzCorpus.seeds());
        return all.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                for (Unpickler u : List.of(Unpickler.defaults(), Unpickler.builder().strict(true).build())) {
                    FuzzOracle oracle = new FuzzOracle(u);
                    for (long chunking = 0; chunking < 4; chunking++) {
                        assertThat(oracle.check(e.data(), chunking)).as(e.name()).isNull();
                    }
                }
            });
        }));
    }
}
