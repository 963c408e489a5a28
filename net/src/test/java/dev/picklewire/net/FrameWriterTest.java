package dev.picklewire.net;

import static dev.picklewire.net.FrameFixtures.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameWriterTest {
    /** Records every write call's size, so tests can see how the bytes were grouped. */
    private static final class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        int flushes;

        @Override
        public void write(int b) {
            throw new AssertionError("no single-byte writes");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    /** The frames as the tutorial writes them, one by one: the reference output. */
    private static byte[] expected(List<byte[]> payloads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            out.write(Framing.defaults().header(p.length));
            out.write(p);
        }
        return out.toByteArray();
    }

    @Test
    void writeQueuesUntilFlushThenOneWriteCarriesEveryFrameInOrder() throws Exception {
        Recording out = new Recording();
        FrameWriter writer = new FrameWriter(out, Framing.defaults());
        List<byte[]> payloads = FrameFixtures.payloads(33, 0, 1, 500, 33);
        for (byte[] p : payloads) {
            writer.write(p);
        }
        assertThat(out.writes).isEmpty();
        writer.flush();
        assertThat(out.writes).containsExactly(expected(payloads).length);
        assertThat(out.flushes).isEqualTo(1);
        assertThat(out.bytes.toByteArray()).isEqualTo(expected(payloads));
    }

    @Test
    void writeFrameSendsHeaderAndPayloadInOneWriteAndFlushes() throws Exception {
        Recording out = new Recording();
        FrameWriter writer = new FrameWriter(out, Framing.defaults());
        writer.writeFrame(ascii("abc"));
        writer.writeFrame(ascii("defg"), 1, 2);
        assertThat(out.writes).containsExactly(13, 12);
        assertThat(out.flushes).isEqualTo(2);
        assertThat(out.bytes.toString(java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("3         abc2         ef");
    }

    @Test
    void aFullBufferLeavesOnItsOwnAndBytesStayInOrderForEveryBufferSize() throws Exception {
        List<byte[]> payloads = FrameFixtures.payloads(33, 5, 0, 100, 7, 250, 1, 33, 64, 3000, 2);
        for (int size = 11; size < 400; size++) {
            Recording out = new Recording();
            FrameWriter writer = new FrameWriter(out, Framing.defaults(), size);
            for (byte[] p : payloads) {
                writer.write(p);
            }
            int beforeFlush = out.bytes.size();
            assertThat(beforeFlush).as("buffer %d", size).isGreaterThan(0);
            writer.flush();
            assertThat(out.bytes.toByteArray()).as("buffer %d", size).isEqualTo(expected(payloads));
            // Each write is a buffer's worth or less, except the tail of a payload too big for the buffer.
            for (int w : out.writes) {
                assertThat(w <= size || w > size - 10).as("buffer %d write %d", size, w).isTrue();
            }
        }
    }

    @Test
    void aLargePayloadGoesOutWithItsHeaderFirstAndTheRestFromItsOwnArray() throws Exception {
        Recording out = new Recording();
        FrameWriter writer = new FrameWriter(out, Framing.defaults(), 1024);
        byte[] big = FrameFixtures.payloads(1_000_000).get(0);
        writer.write(ascii("small"));
        writer.writeFrame(big);
        // The queued frame, the header and the first payload bytes fill one buffer; the rest is one write.
        assertThat(out.writes).containsExactly(1024, 1_000_000 - (1024 - 15 - 10));
        assertThat(out.bytes.toByteArray()).isEqualTo(expected(List.of(ascii("small"), big)));
    }

    @Test
    void aPickledFrameIsTheSameBytesAsItsDumpsWithTheLargePayloadWrittenFromPlace() throws Exception {
        byte[] big = FrameFixtures.payloads(1_000_000).get(0);
        dev.picklewire.Pickler pickler = dev.picklewire.Pickler.builder().protocol(5).build();
        for (Object value : List.of(big, java.util.Map.of(1, "hi", 2, "there"), List.of(big, "x", big))) {
            Recording out = new Recording();
            FrameWriter writer = new FrameWriter(out, Framing.defaults(), 4096);
            writer.write(pickler.pickle("before"));
            writer.writeFrame(pickler.pickle(value));
            writer.write(pickler.pickle("after"));
            writer.flush();
            assertThat(out.bytes.toByteArray()).isEqualTo(expected(List.of(pickler.dumps("before"),
                    pickler.dumps(value), pickler.dumps("after"))));
            if (value == big) {
                assertThat(out.writes).anyMatch(w -> w > 990_000); // the payload's tail, from the caller's array
            }
        }
    }

    @Test
    void aLengthTheHeaderCannotHoldIsRefusedAndNothingIsQueued() throws Exception {
        Recording out = new Recording();
        FrameWriter writer = new FrameWriter(out, Framing.builder().headerSize(2).build());
        writer.write(ascii("ok"));
        assertThatThrownBy(() -> writer.write(new byte[100])).isInstanceOf(FrameTooLargeException.class)
                .hasMessage("cannot frame 100 bytes: the length does not fit in a 2-byte header (most is 99)");
        writer.flush();
        assertThat(out.bytes.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("2 ok");
    }
}
