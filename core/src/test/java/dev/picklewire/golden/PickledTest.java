package dev.picklewire.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.Pickled;
import dev.picklewire.Pickler;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyPickleBuffer;
import dev.picklewire.types.PyTuple;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Pickler#pickle} gives the bytes {@link Pickler#dumps} gives, whichever way they are taken out
 * (toByteArray, writeTo, the length), and {@link Pickler#dump} writes the same bytes; large payloads are
 * held by reference, not copied.
 */
class PickledTest {
    static Stream<GoldenVector> redumpable() {
        return GoldenVectors.redumpable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redumpable")
    void everyGoldenRedumpAgrees(GoldenVector v) throws IOException {
        Object value = Pickle.loads(v.pickle());
        assertAllWaysEqual(Pickler.builder().protocol(v.protocol()).build(), value, v.pickle());
    }

    @Test
    void everyGoldenTwinAgrees() throws IOException {
        var twins = GoldenDumpTest.twins();
        for (var v : GoldenDumpTest.casesAndProtocols().map(a -> (GoldenVector) a.get()[0]).toList()) {
            Pickler p = Pickler.builder().protocol(v.protocol()).build();
            assertAllWaysEqual(p, twins.get(v.name()).get(), v.pickle());
        }
    }

    /** Payloads on both sides of 64 KiB, several in one pickle, at every protocol. */
    @Test
    void largePayloadsAgreeWithReference() throws IOException {
        Random random = new Random(42);
        for (int protocol = 0; protocol <= 5; protocol++) {
            Pickler p = Pickler.builder().protocol(protocol).build();
            byte[] big = bytes(random, 200_000);
            byte[] edge = bytes(random, 64 * 1024);
            byte[] below = bytes(random, 64 * 1024 - 1);
            List<Object> value = new ArrayList<>(List.of(big, "x", edge, below, new PyByteArray(bytes(random, 70_000)),
                    "\u00e9".repeat(40_000), "a".repeat(70_000), PyTuple.of(big, big), 1, 2.5));
            if (protocol == 5) {
                value.add(new PyPickleBuffer(ByteBuffer.wrap(bytes(random, 100_000)), true));
            }
            byte[] expected = referenceDump(protocol, value);
            assertAllWaysEqual(p, value, expected);
        }
    }

    /**
     * strs whose SHORT_BINUNICODE guess (255 chars or fewer) is wrong (more than 255 bytes of UTF-8) at every
     * position relative to the buffer's end: they must load back as they were.
     */
    @Test
    void shortStrsWithLongUtf8LoadBack() {
        for (int protocol = 1; protocol <= 5; protocol++) {
            Pickler p = Pickler.builder().protocol(protocol).build();
            for (int pad = 0; pad < 300; pad += 7) {
                List<Object> value = new ArrayList<>();
                value.add("p".repeat(pad));
                for (int n = 80; n <= 256; n += 11) {
                    value.add("\u20ac".repeat(n));
                    value.add("\u00e9x".repeat(n / 2));
                    value.add("\uD83D\uDE00".repeat(n / 2));
                }
                assertThat(Pickle.loads(p.dumps(value))).as("protocol %d pad %d", protocol, pad).isEqualTo(value);
            }
        }
    }

    /** The big payload is the caller's array until written: the documented ownership rule, observed. */
    @Test
    void largePayloadIsHeldByReference() throws IOException {
        byte[] big = new byte[100_000];
        Pickled pickled = Pickler.builder().protocol(5).build().pickle(big);
        big[0] = 7;
        byte[] written = pickled.toByteArray();
        assertThat(written[written.length - 100_000 - 2]).isEqualTo((byte) 7);
    }

    @Test
    void writeToSendsTheBigPayloadInOneWriteFromTheCallersArray() throws IOException {
        byte[] big = new byte[1_000_000];
        List<byte[]> arrays = new ArrayList<>();
        OutputStream spy = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("byte-at-a-time write");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                arrays.add(b);
            }
        };
        Pickler.builder().protocol(5).build().pickle(new PyList(List.of(big, "tail"))).writeTo(spy);
        assertThat(arrays).hasSize(3);
        assertThat(arrays.get(1)).isSameAs(big);
        Pickler.builder().protocol(4).build().dump(big, spy);
        assertThat(arrays.get(4)).isSameAs(big);
    }

    private static void assertAllWaysEqual(Pickler p, Object value, byte[] expected) throws IOException {
        assertThat(p.dumps(value)).isEqualTo(expected);
        Pickled pickled = p.pickle(value);
        assertThat(pickled.length()).isEqualTo(expected.length);
        assertThat(pickled.toByteArray()).isEqualTo(expected);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pickled.writeTo(out);
        pickled.writeTo(out);
        byte[] twice = new byte[expected.length * 2];
        System.arraycopy(expected, 0, twice, 0, expected.length);
        System.arraycopy(expected, 0, twice, expected.length, expected.length);
        assertThat(out.toByteArray()).isEqualTo(twice);
        out.reset();
        p.dump(value, out);
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    /** The dump of {@code value}, checked to load back and re-dump to itself (the reader checks the frames). */
    private static byte[] referenceDump(int protocol, List<Object> value) {
        byte[] dumped = Pickler.builder().protocol(protocol).build().dumps(value);
        assertThat(Pickle.dumps(Pickle.loads(dumped), protocol)).isEqualTo(dumped);
        return dumped;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
