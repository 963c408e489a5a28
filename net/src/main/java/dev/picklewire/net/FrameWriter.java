package dev.picklewire.net;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes frames to an {@link OutputStream}: header and payload in ONE {@code write} call, then a flush.
 *
 * <pre>
 *   write(payload of 33 bytes)  -&gt;  out.write("33        " + payload)   one call, 43 bytes
 * </pre>
 *
 * <p>One write matters: the tutorial's Python client assumes the header arrives in its first 16-byte
 * {@code recv}, which a separate header write followed by a delayed payload could break. The header is
 * {@link Framing}'s canonical one; a payload whose length does not fit is refused with
 * {@link FrameTooLargeException} and nothing is written.
 *
 * <p>Thread-safe: concurrent {@link #writeFrame} calls never interleave their bytes (a server broadcasting
 * to a connection from several threads relies on it). Does not own the stream.
 *
 * <pre>{@code
 * FrameWriter writer = new FrameWriter(socket.getOutputStream(), Framing.defaults());
 * writer.writeFrame(Pickle.dumps(value));
 * }</pre>
 */
public final class FrameWriter {
    private final OutputStream out;
    private final Framing framing;

    public FrameWriter(OutputStream out, Framing framing) {
        this.out = Objects.requireNonNull(out, "out");
        this.framing = Objects.requireNonNull(framing, "framing");
    }

    public void writeFrame(byte[] payload) throws IOException {
        writeFrame(payload, 0, payload.length);
    }

    public void writeFrame(byte[] payload, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, payload.length);
        byte[] frame = framing.frame(payload, off, len);
        synchronized (this) {
            out.write(frame);
            out.flush();
        }
    }
}
