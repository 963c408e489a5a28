package dev.picklewire.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyTuple;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The shapes a hostile pickle can produce, built directly as values (no reader needed): equals, hashCode,
 * toString and Pickle.repr on them must end promptly without an Error; repr may refuse with a PickleException.
 */
class HostileValuesTest {
    private static final Duration HANG_GUARD = HostilePicklesTest.HANG_GUARD;

    /** 100 levels, each holding the level below twice: 2^100 paths through 101 objects. */
    private static Object laughs(Function<Object, Object> pair, Object leaf) {
        Object v = leaf;
        for (int i = 0; i < 100; i++) {
            v = pair.apply(v);
        }
        return v;
    }

    private static void exercise(Object a, Object b) {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            HostileCases.exerciseValue(a, false);
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
            assertThat(a.equals(b)).isTrue();
            assertThat(a.toString()).isNotEmpty();
        });
    }

    @Test
    void sharedTuples100Deep() {
        Function<Object, Object> pair = x -> PyTuple.of(x, x);
        exercise(laughs(pair, PyTuple.empty()), laughs(pair, PyTuple.empty()));
    }

    @Test
    void sharedLists100Deep() {
        Function<Object, Object> pair = x -> new PyList(List.of(x, x));
        exercise(laughs(pair, new PyList()), laughs(pair, new PyList()));
    }

    @Test
    void sharedFrozenSetsOfTuples100Deep() {
        Function<Object, Object> pair = x -> PyFrozenSet.of(PyTuple.of(x, x));
        exercise(laughs(pair, PyTuple.empty()), laughs(pair, PyTuple.empty()));
    }

    @Test
    void listsNestedAMillionDeep() {
        Object a = new PyList();
        Object b = new PyList();
        for (int i = 0; i < 1_000_000; i++) {
            a = new PyList(List.of(a));
            b = new PyList(List.of(b));
        }
        exercise(a, b);
    }

    @Test
    void tuplesNestedAMillionDeep() {
        Object a = PyTuple.empty();
        Object b = PyTuple.empty();
        for (int i = 0; i < 1_000_000; i++) {
            a = PyTuple.of(a);
            b = PyTuple.of(b);
        }
        exercise(a, b);
    }

    @Test
    void reprOfTwentyLevelsOfSharingEnds() {
        // 2^20 paths: Python prints about 6 Mi characters; repr must print them or refuse, not hang.
        Object v = PyTuple.empty();
        for (int i = 0; i < 20; i++) {
            v = PyTuple.of(v, v);
        }
        Object value = v;
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                assertThat(Pickle.repr(value)).startsWith("(((");
            } catch (PickleException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        });
    }

    @Test
    void aListHoldingItself() {
        PyList a = new PyList();
        a.add(a);
        PyList b = new PyList();
        b.add(b);
        exercise(a, b);
    }
}
