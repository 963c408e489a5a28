package dev.picklewire.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.picklewire.ChunkedInputStream;
import dev.picklewire.ForbiddenGlobalException;
import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import dev.picklewire.PickleLimitException;
import dev.picklewire.PythonRunner;
import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile pickles, each with its expected outcome, over the three input shapes (byte[], buffered stream, one
 * byte per read). The timeouts are hang guards only, not speed assertions: each case is expected to end in well
 * under a second.
 */
class HostilePicklesTest {
    /** Hang guard per case; generous on purpose (the machine is shared). */
    static final Duration HANG_GUARD = Duration.ofSeconds(20);

    /** The three input shapes of every decoder test. */
    static List<Function<byte[], Object>> shapes(Unpickler u) {
        return List.of(
                u::loads,
                data -> HostileCases.load(u, new ByteArrayInputStream(data)),
                data -> HostileCases.load(u, ChunkedInputStream.oneByte(data)));
    }

    static void assertEveryShapeThrows(Unpickler u, byte[] data, Class<? extends PickleException> expected) {
        for (Function<byte[], Object> shape : shapes(u)) {
            assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> shape.apply(data))
                    .isInstanceOf(expected).hasMessageNotContaining("null"));
        }
    }

    // ---- declared lengths of 2^31 .. 2^64 on every length-carrying opcode ----

    @TestFactory
    Stream<DynamicTest> hugeDeclaredLengthsFailCleanly() {
        return HostileCases.hugeLengths().stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> assertEveryShapeThrows(Unpickler.defaults(), c.data(), UnpicklingException.class)));
    }

    @Test
    void hugeDeclaredLengthsFailCleanlyInA64MegabyteJvm() throws Exception {
        // Heap growth bounded by input size: the same cases in a child JVM with -Xmx64m must all end in
        // UnpicklingException. An allocation sized by the declared length would die there with OutOfMemoryError.
        ChildJvm.Result r = ChildJvm.run(HugeLengthsChild.class, "-Xmx64m");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("cases=" + HostileCases.hugeLengths().size()).contains("failures=0");
    }

    // ---- nesting a million deep ----

    @ParameterizedTest
    @ValueSource(strings = {"mark-tuple", "mark-list"})
    void millionDeepNestingHitsTheDepthLimit(String how) {
        byte[] data = HostileCases.deepNesting(how, 1_000_000);
        assertEveryShapeThrows(Unpickler.defaults(), data, PickleLimitException.class);
    }

    @Test
    void millionDeepNestingWithoutMarksHitsTheDepthLimit() {
        for (String how : List.of("empty-list-append", "empty-dict-setitem")) {
            byte[] data = HostileCases.deepNesting(how, 1_000_000);
            assertEveryShapeThrows(Unpickler.defaults(), data, PickleLimitException.class);
        }
    }

    @Test
    void millionDeepNestingThroughMemoGetChainsEndsCleanly() {
        // list_i = [list_{i-1}], each fetched back from the memo with LONG_BINGET: the depth is not visible on
        // the stack, so either the depth limit catches it or the value comes out and stays usable.
        byte[] data = HostileCases.memoChain(1_000_000);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                Object value = Pickle.loads(data);
                HostileCases.exerciseValue(value);
            } catch (PickleLimitException expected) {
                assertThat(expected.getMessage()).contains("max");
            }
        });
    }

    // ---- memo indexes near 2^32 ----

    @Test
    void memoIndexNearTwoToThe32IsKeptSparseOrRefused() {
        byte[] data = PickleBytes.proto(2).op(']').op('r').le(0xffff_ffffL, 4).op('j').le(0xffff_ffffL, 4)
                .op('a').stop();
        for (Function<byte[], Object> shape : shapes(Unpickler.defaults())) {
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                try {
                    Object v = shape.apply(data);
                    // CPython loads it: a list holding itself.
                    assertThat(v).isInstanceOf(List.class);
                    assertThat(((List<?>) v).get(0)).isSameAs(v);
                } catch (PickleLimitException refused) {
                    assertThat(refused.getMessage()).contains("maxMemo");
                }
            });
        }
    }

    @Test
    void getOfAnUndefinedHugeMemoIndexFails() {
        byte[] data = PickleBytes.proto(2).op('j').le(0xffff_fffeL, 4).stop();
        assertEveryShapeThrows(Unpickler.defaults(), data, UnpicklingException.class);
    }

    // ---- billion laughs: shared tuples and lists 100 levels deep ----

    @ParameterizedTest
    @ValueSource(strings = {"tuple", "list", "dict-key", "set-member", "frozenset-member"})
    void billionLaughsLoadsAndStaysUsable(String shape) {
        byte[] data = HostileCases.billionLaughs(shape, 100);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Object value = Pickle.loads(data);
            Object again = Pickle.loads(data);
            HostileCases.exerciseValue(value, false);
            assertThat(value.hashCode()).isEqualTo(again.hashCode());
            assertThat(value.equals(again)).isTrue();
        });
    }

    // ---- hash flooding ----

    @Test
    void hundredThousandKeysWithOneJavaHashCodeLoadInReasonableTime() {
        byte[] data = HostileCases.hashFlood(100_000);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            long t0 = System.nanoTime();
            Object value = Pickle.loads(data);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("hash flood: 100000 keys with one String.hashCode loaded in " + millis + " ms");
            assertThat((Map<?, ?>) value).hasSize(100_000);
        });
    }

    // ---- numbers with a million digits ----

    @Test
    void millionDigitTextIntegersAreRefusedByMaxIntDigits() {
        String digits = "9".repeat(1_000_000);
        for (byte[] data : List.of(PickleBytes.noProto().ascii("I" + digits + "\n").stop(),
                PickleBytes.noProto().ascii("L" + digits + "L\n").stop())) {
            assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> Pickle.loads(data))
                    .isInstanceOf(PickleLimitException.class).hasMessageContaining("maxIntDigits"));
        }
    }

    @Test
    void millionDigitTextIntegersAreRefusedOnAStream() {
        byte[] data = PickleBytes.noProto().ascii("I" + "9".repeat(1_000_000) + "\n").stop();
        assertEveryShapeThrows(Unpickler.defaults(), data, PickleLimitException.class);
    }

    @Test
    void hugeLong4IsRefusedByMaxLongBytes() {
        int n = 9 << 20;
        byte[] data = PickleBytes.proto(2).op(0x8b).le(n, 4).raw(new byte[n]).stop();
        assertEveryShapeThrows(Unpickler.defaults(), data, PickleLimitException.class);
        assertThatThrownBy(() -> Pickle.loads(data)).hasMessageContaining("maxLongBytes");
    }

    // ---- bad text ----

    @TestFactory
    Stream<DynamicTest> invalidUtf8AndBadEscapesFail() {
        return HostileCases.badText().stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> assertEveryShapeThrows(Unpickler.defaults(), c.data(), UnpicklingException.class)));
    }

    // ---- unknown protocols ----

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 127, 255})
    void unknownProtocolsAreRefused(int protocol) {
        byte[] data = PickleBytes.proto(protocol).op('N').stop();
        assertEveryShapeThrows(Unpickler.defaults(), data, UnpicklingException.class);
        assertThatThrownBy(() -> Pickle.loads(data)).hasMessageContaining(String.valueOf(protocol));
    }

    // ---- attempts to run code ----

    @TestFactory
    Stream<DynamicTest> codeExecutionAttemptsStayInert() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] target : HostileCases.DANGEROUS_CALLABLES) {
            for (boolean stackGlobal : new boolean[] {false, true}) {
                String name = target[0] + "." + target[1] + (stackGlobal ? " via STACK_GLOBAL" : " via GLOBAL");
                tests.add(DynamicTest.dynamicTest(name, codeExecutionCase(target[0], target[1], stackGlobal)));
            }
        }
        return tests.stream();
    }

    private static Executable codeExecutionCase(String module, String callable, boolean stackGlobal) {
        return () -> {
            Path canary = Path.of(System.getProperty("java.io.tmpdir"), "picklewire-canary-" + UUID.randomUUID());
            byte[] data = HostileCases.callWithCommand(module, callable, "touch " + canary, stackGlobal);
            try {
                Object value = assertTimeoutPreemptively(HANG_GUARD, () -> Pickle.loads(data));
                assertThat(value).isInstanceOf(PyObject.class);
                PyObject obj = (PyObject) value;
                // fix_imports maps Python 2 names (__builtin__.eval -> builtins.eval), as CPython does.
                assertThat(obj.callable()).isInstanceOf(PyGlobal.class);
                assertThat(((PyGlobal) obj.callable()).name()).isEqualTo(callable);
                assertThat(obj.args().get(0)).isEqualTo("touch " + canary);
                Pickle.repr(value);
                value.toString();
                assertThatThrownBy(() -> Unpickler.builder().strict(true).build().loads(data))
                        .isInstanceOf(ForbiddenGlobalException.class)
                        .hasMessageContaining(callable);
                Thread.sleep(50); // a spawned process would have had time to create the file
                assertThat(canary).doesNotExist();
            } finally {
                Files.deleteIfExists(canary);
            }
        };
    }

    @Test
    void theCodeExecutionPickleIsLiveInPython() throws Exception {
        // Proof the canary test can fail: CPython's own pickle.loads runs the same bytes and creates the file.
        PythonRunner.requirePython();
        Path canary = Path.of(System.getProperty("java.io.tmpdir"), "picklewire-canary-" + UUID.randomUUID());
        try {
            byte[] data = HostileCases.callWithCommand("os", "system", "touch " + canary, false);
            PythonRunner.run("import pickle, sys; pickle.loads(sys.stdin.buffer.read())", data).requireSuccess();
            assertThat(canary).exists();
        } finally {
            Files.deleteIfExists(canary);
        }
    }

    @Test
    void bareGlobalsLoadAsInertPyGlobals() {
        byte[] data = PickleBytes.proto(2).ascii("cos\nsystem\n").stop();
        assertThat(Pickle.loads(data)).isEqualTo(PyGlobal.of("os", "system"));
        assertThatThrownBy(() -> Unpickler.builder().strict(true).build().loads(data))
                .isInstanceOf(ForbiddenGlobalException.class);
    }

}
