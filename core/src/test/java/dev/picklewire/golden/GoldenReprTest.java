package dev.picklewire.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.PyLiteral;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Pickle#repr} prints what CPython's repr printed: for the Java twins of golden cases (no reader needed)
 * and for every literal in {@code golden/repr_cases.txt}, parsed with {@link PyLiteral}.
 */
class GoldenReprTest {
    static Stream<Arguments> twins() {
        return GoldenDumpTest.twins().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void twinReprIsCPythons(String name, Supplier<Object> twin) {
        String expected = GoldenVectors.resourceText(name + ".repr.txt");
        assertThat(GoldenVector.normalize(Pickle.repr(twin.get()))).as(name).isEqualTo(expected);
    }

    static Stream<ReprCase> reprCases() {
        return GoldenVectors.reprCases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reprCases")
    void literalReprIsCPythons(ReprCase c) {
        assertThat(Pickle.repr(PyLiteral.parse(c.expr()))).as(c.expr()).isEqualTo(c.repr());
    }
}
