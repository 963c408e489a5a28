package dev.picklewire.net;

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
            put(payload, off, len);
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
            put(payload, off, len);
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

    /** Queues one frame; the caller holds the lock. The header is checked before any byte moves. */
    private void put(byte[] payload, int off, int len) throws IOException {
        int h = framing.headerSize();
        int frame = h + len; // len <= Integer.MAX_VALUE - 8 is not guaranteed: the header check comes first
        if (h > buf.length - count) {
            drain();
        }
        framing.putHeader(len, buf, count);
        if (len <= buf.length - count - h) {
            count += h;
            System.arraycopy(payload, off, buf, count, len);
            count += len;
        } else if (frame <= buf.length && frame > 0) {
            // Fits in an empty buffer: send what is queued, then copy (the header is rewritten at 0).
            drain();
            framing.putHeader(len, buf, 0);
            System.arraycopy(payload, off, buf, h, len);
            count = frame;
        } else {
            putLarge(payload, off, len, h);
        }
    }

    /** A payload bigger than the room left: header and first bytes in the buffer, the rest written from place. */
    private void putLarge(byte[] payload, int off, int len, int h) throws IOException {
        count += h;
        int head = buf.length - count;
        System.arraycopy(payload, off, buf, count, head);
        count += head;
        drain();
        out.write(payload, off + head, len - head);
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
