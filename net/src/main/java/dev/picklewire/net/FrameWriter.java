package dev.picklewire.net;

import dev.picklewire.Pickled;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes frames to an {@link OutputStream} through one reusable buffer: {@link #write} queues a frame,
 * {@link #flush()} pushes everything queued out, {@link #writeFrame} does both.
 *
 * <pre>
 *   write(33-byte payload)  -&gt;  buffer: | "33        " | payload | ... next frame ...
 *   flush()                 -&gt;  out.write(buffer, 0, count)  one call for every frame queued, then out.flush()
 *
 *   a payload larger than the buffer: its header and first bytes fill the buffer and leave in one call,
 *   the rest goes straight from the caller's array, never copied
 * </pre>
 *
 * <p>The header is written into the buffer in front of its payload, so header and payload leave in one
 * {@code write} call: the tutorial's Python client assumes the header arrives in its first 16-byte
 * {@code recv}, which a separate header write followed by a delayed payload could break. The header is
 * {@link Framing}'s canonical one; a payload whose length does not fit is refused with
 * {@link FrameTooLargeException} and nothing is written. Queued frames leave when the buffer fills or at the
 * next flush; nothing leaves by itself after a delay.
 *
 * <p>Thread-safe: concurrent calls never interleave the bytes of two frames (a server broadcasting to a
 * connection from several threads relies on it), and one thread's frames leave in the order it wrote them.
 * A flush from any thread pushes out every frame queued before it, other threads' too. Does not own the
 * stream; flush before handing it to anyone else.
 *
 * <pre>{@code
 * FrameWriter writer = new FrameWriter(socket.getOutputStream(), Framing.defaults());
 * for (Object value : values) {
 *     writer.write(Pickle.dumps(value));
 * }
 * writer.flush();
 * }</pre>
 */
public final class FrameWriter implements Flushable {
    /** Big enough that a small message costs a copy, not a system call; small enough to keep per connection. */
    static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private final OutputStream out;
    private final Framing framing;
    private final byte[] buf;
    private int count;
    /** A lock, not synchronized: close() must be able to see that a writer is blocked and not wait for it. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Sink sink = new Sink();

    public FrameWriter(OutputStream out, Framing framing) {
        this(out, framing, DEFAULT_BUFFER_SIZE);
    }

    /** {@code bufferSize} is at least the header size plus one, so a header always fits with a payload byte. */
    FrameWriter(OutputStream out, Framing framing, int bufferSize) {
        this.out = Objects.requireNonNull(out, "out");
        this.framing = Objects.requireNonNull(framing, "framing");
        this.buf = new byte[Math.max(bufferSize, framing.headerSize() + 1)];
    }

    /** Writes {@code payload} as one frame and flushes: {@link #write(byte[])} then {@link #flush()}. */
    public void writeFrame(byte[] payload) throws IOException {
        writeFrame(payload, 0, payload.length);
    }

    /** Writes {@code payload[off, off + len)} as one frame and flushes. */
    public void writeFrame(byte[] payload, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, payload.length);
        lock.lock();
        try {
            putHeader(len);
            append(payload, off, len);
            drain();
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code pickle} as one frame and flushes. Its large payloads go from the arrays they are in to
     * the stream, uncopied (see {@link Pickled} for why they must not change meanwhile).
     */
    public void writeFrame(Pickled pickle) throws IOException {
        lock.lock();
        try {
            putHeader(pickle.length());
            pickle.writeTo(sink);
            drain();
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code payload} as one frame; it leaves when the buffer fills or at the next flush. */
    public void write(byte[] payload) throws IOException {
        write(payload, 0, payload.length);
    }

    /** Queues {@code payload[off, off + len)} as one frame. */
    public void write(byte[] payload, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, payload.length);
        lock.lock();
        try {
            putHeader(len);
            append(payload, off, len);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues {@code pickle} as one frame. It is copied into the buffer (or, for large payloads, written out)
     * before this returns, so the value may change afterwards.
     */
    public void write(Pickled pickle) throws IOException {
        lock.lock();
        try {
            putHeader(pickle.length());
            pickle.writeTo(sink);
        } finally {
            lock.unlock();
        }
    }

    /** Sends every queued frame and flushes the stream. */
    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            drain();
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes unless another thread is inside a write or flush at this moment (it may be blocked on a peer
     * that does not read, and a closing thread must not wait for it). Answers whether it flushed.
     */
    boolean flushIfIdle() throws IOException {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            drain();
            out.flush();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts the header of a frame of {@code length} bytes into the buffer; the caller holds the lock. The
     * length is checked before any byte moves. A frame that would not fit in the room left but fits in an
     * empty buffer makes the queued frames leave first, so it goes out whole, header included, in one write.
     */
    private void putHeader(long length) throws IOException {
        framing.checkEncodable(length);
        int h = framing.headerSize();
        long room = buf.length - count;
        if (h + length > room && (h + length <= buf.length || h > room)) {
            drain();
        }
        framing.putHeader(length, buf, count);
        count += h;
    }

    /** Payload bytes after their header: copied while they fit, written from place when a buffer or more. */
    private void append(byte[] b, int off, int len) throws IOException {
        int room = buf.length - count;
        if (len <= room) {
            System.arraycopy(b, off, buf, count, len);
            count += len;
            return;
        }
        // The header and the first payload bytes leave together; the rest does not wait behind a copy.
        System.arraycopy(b, off, buf, count, room);
        count += room;
        drain();
        off += room;
        len -= room;
        if (len >= buf.length) {
            out.write(b, off, len);
        } else {
            System.arraycopy(b, off, buf, 0, len);
            count = len;
        }
    }

    /** Where {@link Pickled#writeTo} puts a pickle's pieces: the buffer, through {@link #append}. */
    private final class Sink extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            if (count == buf.length) {
                drain();
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            append(b, off, len);
        }
    }

    private void drain() throws IOException {
        if (count > 0) {
            int n = count;
            // Forget the bytes before writing: if the write fails, the stream is broken and nothing is resent.
            count = 0;
            out.write(buf, 0, n);
        }
    }
}
