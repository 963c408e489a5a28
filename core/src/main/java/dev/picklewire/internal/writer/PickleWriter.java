package dev.picklewire.internal.writer;

import dev.picklewire.Pickler;
import dev.picklewire.types.PyPickleBuffer;
import java.util.function.Predicate;

/** One dump of one value. PLACEHOLDER until the writer lands. */
public final class PickleWriter {
    public PickleWriter(Pickler config, Predicate<PyPickleBuffer> bufferCallback) {
    }

    public byte[] write(Object value) {
        throw new UnsupportedOperationException("writer not written yet");
    }
}
