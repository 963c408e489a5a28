package dev.picklewire.internal.reader;

import dev.picklewire.Unpickler;
import java.io.IOException;
import java.io.InputStream;

/** One load of one pickle. PLACEHOLDER until the reader lands. */
public final class PickleReader {
    public PickleReader(Unpickler config, Iterable<?> buffers) {
    }

    public Object read(byte[] data, int offset, int length) {
        throw new UnsupportedOperationException("reader not written yet");
    }

    public Object read(InputStream in) throws IOException {
        throw new UnsupportedOperationException("reader not written yet");
    }
}
