package dev.picklewire.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identity keys of tuples, lists and dicts, which the pickler's memo uses in place of identity hashes: never
 * 0, set once and kept, the same for every thread that asks first at once, and a copy's own.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdentityKeyTest {

    static Stream<Arguments> containers() {
        return Stream.of(
                Arguments.of("tuple", (Supplier<Object>) () -> PyTuple.of(1, 2)),
                Arguments.of("list", (Supplier<Object>) PyList::new),
                Arguments.of("dict", (Supplier<Object>) PyDict::new),
                Arguments.of("OrderedDict", (Supplier<Object>) PyOrderedDict::new));
    }

    private static int keyOf(Object o) {
        if (o instanceof PyTuple t) {
            return t.identityKey();
        }
        return o instanceof PyList l ? l.identityKey() : ((PyDict) o).identityKey();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aKeyIsNeverZeroAndNeverChanges(String name, Supplier<Object> make) {
        Set<Integer> keys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            Object o = make.get();
            int key = keyOf(o);
            assertThat(key).isNotZero();
            assertThat(keyOf(o)).isEqualTo(key);
            keys.add(key);
        }
        // random keys: a thousand objects share hardly any (a constant or a counter stuck at one value fails)
        assertThat(keys).hasSizeGreaterThan(990);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void threadsAskingAtOnceAllGetTheSameKey(String name, Supplier<Object> make) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 500; round++) {
                Object o = make.get();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> seen = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    IntSupplier ask = () -> keyOf(o);
                    seen.add(pool.submit(() -> {
                        start.await();
                        return ask.getAsInt();
                    }));
                }
                start.countDown();
                int first = seen.get(0).get(10, TimeUnit.SECONDS);
                for (Future<Integer> f : seen) {
                    assertThat(f.get(10, TimeUnit.SECONDS)).as("round " + round).isEqualTo(first);
                }
                assertThat(keyOf(o)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCopyGetsAKeyOfItsOwn() {
        // a copy sharing its original's key would still be told apart by identity, but it would share the
        // original's memo probe run: a thousand copies of one dict, a thousand keys
        PyList list = new PyList(List.of(1, 2));
        PyDict dict = new PyDict();
        dict.put("a", 1);
        PyOrderedDict ordered = new PyOrderedDict();
        list.identityKey();
        dict.identityKey();
        ordered.identityKey();
        Set<Integer> listKeys = new HashSet<>();
        Set<Integer> dictKeys = new HashSet<>();
        Set<Integer> orderedKeys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            listKeys.add(((PyList) list.clone()).identityKey());
            dictKeys.add(dict.clone().identityKey());
            orderedKeys.add(((PyDict) ordered.clone()).identityKey());
        }
        assertThat(listKeys).hasSizeGreaterThan(990);
        assertThat(dictKeys).hasSizeGreaterThan(990);
        assertThat(orderedKeys).hasSizeGreaterThan(990);
        assertThat(((PyList) list.clone())).isEqualTo(list);
    }
}
