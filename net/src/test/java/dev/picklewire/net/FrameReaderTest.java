package dev.picklewire.net;

import static dev.picklewire.net.FrameFixtures.ascii;
import static dev.picklewire.net.FrameFixtures.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.picklewire.ChunkedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static List<byte[]> readAll(FrameReader reader) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] p; (p = reader.readFrame()) != null; ) {
            frames.add(p);
        }
        return frames;
    }

    @Test
    void readsFramesUntilTheEndInEveryReadSize() throws Exception {
        List<byte[]> payloads = FrameFixtures.payloads(0, 33, 1, 100_000, 7);
        byte[] data = FrameFixtures.stream(payloads);
        for (int step : new int[] {1, 2, 3, 7, 16, 4096, Integer.MAX_VALUE}) {
            FrameReader reader = new FrameReader(ChunkedInputStream.step(data, step), Framing.defaults());
            assertThat(readAll(reader)).as("step %d", step).containsExactlyElementsOf(payloads);
            assertThat(reader.framesRead()).isEqualTo(payloads.size());
            // After the clean end it keeps answering null.
            assertThat(reader.readFrame()).isNull();
        }
    }

    @Test
    void neverReadsPastTheFrame() throws Exception {
        byte[] data = concat(FrameFixtures.stream(FrameFixtures.payloads(5)), ascii("rest"));
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        new FrameReader(in, Framing.defaults()).readFrame();
        assertThat(in.readAllBytes()).isEqualTo(ascii("rest"));
    }

    @Test
    void badHeadersAreRefusedBeforeAnyPayloadByteIsRead() {
        for (byte[] header : FrameFixtures.badHeaders()) {
            ChunkedInputStream in = ChunkedInputStream.step(concat(header, new byte[50]), 1);
            assertThatThrownBy(() -> new FrameReader(in, Framing.defaults()).readFrame())
                    .as(Arrays.toString(header))
                    .isInstanceOf(BadFrameHeaderException.class);
            assertThat(in.position()).as(Arrays.toString(header)).isEqualTo(10);
        }
    }

    @Test
    void tooLargeIsRefusedBeforeAnyPayloadByteIsRead() {
        ChunkedInputStream in = ChunkedInputStream.step(concat(ascii("67108865  "), new byte[50]), 4096);
        assertThatThrownBy(() -> new FrameReader(in, Framing.defaults()).readFrame())
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("declared length 67108865 exceeds the maximum frame size 67108864");
        assertThat(in.position()).isEqualTo(10);
    }

    @Test
    void aHugeDeclaredLengthWithFewBytesFailsAsTruncatedNotOutOfMemory() {
        Framing framing = Framing.builder().maxFrameSize(Integer.MAX_VALUE - 8).build();
        byte[] data = concat(ascii("2147483000"), new byte[10]);
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(data), framing).readFrame())
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessageContaining("after 10 of 2147483000 bytes");
    }

    @Test
    void truncatedHeaderAndPayload() throws IOException {
        assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(ascii("3")), Framing.defaults())
                .readFrame())
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessage("frame 1 at byte offset 0: stream ended inside the header after 1 of 10 bytes (b'3')");
        byte[] data = concat(FrameFixtures.stream(FrameFixtures.payloads(2)), ascii("5         ab"));
        FrameReader reader = new FrameReader(ChunkedInputStream.oneByte(data), Framing.defaults());
        assertThatThrownBy(() -> readAll(reader))
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessage("frame 2 at byte offset 12: stream ended inside the payload after 2 of 5 bytes");
    }

    @Test
    void emptyStreamIsACleanEnd() throws Exception {
        assertThat(new FrameReader(new ByteArrayInputStream(new byte[0]), Framing.defaults()).readFrame()).isNull();
    }
}
