package dev.picklewire.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import dev.picklewire.internal.Opcode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reader's switch and the Opcode table agree: every table opcode is handled, every other byte is refused. */
class ReaderOpcodeTableTest {
    @Test
    void everyByteIsAnOpcodeOrAnInvalidLoadKey() {
        for (int b = 0; b < 256; b++) {
            byte[] data = {(byte) b};
            Throwable t = catchThrowable(() -> Unpickler.defaults().loads(data));
            assertThat(t).as("byte %d", b).isInstanceOf(UnpicklingException.class);
            boolean invalid = t.getMessage().startsWith("invalid load key");
            assertThat(invalid).as("byte %d: %s", b, t.getMessage()).isEqualTo(Opcode.of(b) == null);
            if (Opcode.of(b) != null) {
                assertThat(t.getMessage()).as("byte %d", b).endsWith("(" + Opcode.of(b).pythonName() + ")");
            }
        }
    }

    /** Random bytes after a valid start: whatever happens, only UnpicklingException escapes. */
    @Test
    void randomGarbageFailsCleanly() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 8_000; i++) {
            byte[] data = new byte[1 + random.nextInt(40)];
            random.nextBytes(data);
            if (random.nextBoolean()) {
                data[0] = (byte) 0x80;
                data[1 % data.length] = (byte) random.nextInt(6);
            }
            Throwable t = catchThrowable(() -> Unpickler.defaults().loads(data));
            if (t != null) {
                assertThat(t).as("seed %d, input %s", seed, java.util.HexFormat.of().formatHex(data))
                        .isInstanceOf(UnpicklingException.class);
            }
        }
    }

    /** Golden pickles with a few bytes changed: seeded, prints its seed; only UnpicklingException may escape. */
    @Test
    void mutatedGoldenPicklesFailCleanly() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        java.util.List<dev.picklewire.golden.GoldenVector> vectors = dev.picklewire.golden.GoldenVectors.pickled();
        for (int i = 0; i < 8_000; i++) {
            dev.picklewire.golden.GoldenVector v = vectors.get(random.nextInt(vectors.size()));
            if (v.pickle().length > 4096) {
                continue;
            }
            byte[] data = v.pickle().clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            Throwable t = catchThrowable(() -> Unpickler.defaults().loads(data, 0, data.length, v.buffers()));
            if (t != null) {
                assertThat(t).as("seed %d, %s mutated to %s", seed, v, java.util.HexFormat.of().formatHex(data))
                        .isInstanceOf(UnpicklingException.class);
            }
        }
    }
}
