package dev.picklewire.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.picklewire.ChunkedInputStream;
import dev.picklewire.PickleException;
import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import dev.picklewire.golden.GoldenVector;
import dev.picklewire.golden.GoldenVectors;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every golden vector (pickles CPython wrote, plus hand-made Python 2 and refused pickles) through the reader:
 * what CPython loaded must load, what CPython refused must fail with a PickleException, and every proper
 * prefix of every pickle must fail cleanly with an UnpicklingException (CPython's test_truncated_data).
 */
class ReaderGoldenTest {
    @Test
    void loadsWhatCPythonLoadedAndRefusesWhatItRefused() throws IOException {
        int loaded = 0;
        for (GoldenVector v : GoldenVectors.pickled()) {
            for (ReaderValuesTest.Shape shape : ReaderValuesTest.Shape.values()) {
                Throwable t = catchThrowable(() -> load(shape, v));
                if (GoldenVector.isError(v.repr())) {
                    assertThat(t).as(v + " " + shape + " (CPython: " + v.repr() + ")").isInstanceOf(PickleException.class);
                } else {
                    assertThat(t).as(v + " " + shape).isNull();
                    loaded++;
                }
            }
        }
        assertThat(loaded).isGreaterThan(300);
    }

    private static Object load(ReaderValuesTest.Shape shape, GoldenVector v) throws IOException {
        if (shape == ReaderValuesTest.Shape.ARRAY) {
            return Unpickler.defaults().loads(v.pickle(), 0, v.pickle().length, v.buffers());
        }
        InputStream in = shape == ReaderValuesTest.Shape.BUFFERED
                ? new java.io.BufferedInputStream(new ByteArrayInputStream(v.pickle()), 64)
                : ChunkedInputStream.oneByte(v.pickle());
        return Unpickler.defaults().load(in, v.buffers());
    }

    @Test
    void everyPrefixOfEveryPickleFailsCleanly() {
        int checked = 0;
        for (GoldenVector v : GoldenVectors.pickled()) {
            if (GoldenVector.isError(v.repr()) || v.pickle().length > 256) {
                continue;
            }
            for (int n = 0; n < v.pickle().length; n++) {
                byte[] prefix = Arrays.copyOf(v.pickle(), n);
                int len = n;
                assertThatThrownBy(() -> Unpickler.defaults().loads(prefix, 0, len, v.buffers()))
                        .as(v + " prefix " + n).isInstanceOf(UnpicklingException.class);
                Throwable t = catchThrowable(() -> Unpickler.defaults().load(
                        ChunkedInputStream.oneByte(prefix), v.buffers()));
                if (n == 0) {
                    assertThat(t).as(v + " empty stream").isInstanceOf(EOFException.class);
                } else {
                    assertThat(t).as(v + " stream prefix " + n).isInstanceOf(UnpicklingException.class);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(3_000);
    }
}
