package dev.picklewire.net;

import static dev.picklewire.net.FrameFixtures.ascii;
import static dev.picklewire.net.FrameFixtures.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final List<byte[]> SMALL = FrameFixtures.payloads(0, 1, 33, 12, 0);

    /** Feeds {@code data} cut at the given ascending points, then ends the input. */
    private static List<byte[]> decode(byte[] data, int... cuts) throws FrameException {
        FrameDecoder decoder = new FrameDecoder(Framing.defaults());
        List<byte[]> frames = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            frames.addAll(decoder.feed(data, from, cut - from));
            from = cut;
        }
        frames.addAll(decoder.feed(data, from, data.length - from));
        decoder.endOfInput();
        return frames;
    }

    @Test
    void everySplitPointOfAFewFrames() throws Exception {
        byte[] data = FrameFixtures.stream(SMALL);
        for (int cut = 0; cut <= data.length; cut++) {
            assertThat(decode(data, cut)).as("cut at %d", cut).containsExactlyElementsOf(SMALL);
        }
    }

    @Test
    void everyPairOfSplitPoints() throws Exception {
        byte[] data = FrameFixtures.stream(SMALL);
        for (int a = 0; a <= data.length; a++) {
            for (int b = a; b <= data.length; b++) {
                assertThat(decode(data, a, b)).as("cuts at %d, %d", a, b).containsExactlyElementsOf(SMALL);
            }
        }
    }

    @Test
    void oneByteAtATimeIncludingAFrameLargerThanTheEagerBuffer() throws Exception {
        List<byte[]> payloads = FrameFixtures.payloads(5, 200_000, 0, 70);
        byte[] data = FrameFixtures.stream(payloads);
        FrameDecoder decoder = new FrameDecoder(Framing.defaults());
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            frames.addAll(decoder.feed(data, i, 1));
        }
        decoder.endOfInput();
        assertThat(frames).containsExactlyElementsOf(payloads);
        assertThat(decoder.framesDecoded()).isEqualTo(4);
    }

    @Test
    void severalFramesInOneChunk() throws Exception {
        byte[] data = FrameFixtures.stream(SMALL);
        FrameDecoder decoder = new FrameDecoder(Framing.defaults());
        assertThat(decoder.feed(data, 0, data.length)).containsExactlyElementsOf(SMALL);
        assertThat(decoder.isBetweenFrames()).isTrue();
    }

    @Test
    void acceptsPaddingOnEitherSideAndLeadingZeros() throws Exception {
        for (String header : List.of("3         ", "         3", "    3     ", "0000000003", "  003     ")) {
            byte[] data = concat(ascii(header), ascii("abc"));
            assertThat(decode(data)).as(header).singleElement().isEqualTo(ascii("abc"));
        }
    }

    @Test
    void everyBadHeaderIsRefusedBeforeItsPayload() {
        for (byte[] header : FrameFixtures.badHeaders()) {
            assertThat(header).hasSize(10);
            FrameDecoder decoder = new FrameDecoder(Framing.defaults());
            // The header alone is enough to fail: no payload byte is ever needed.
            assertThatThrownBy(() -> decoder.feed(header, 0, header.length))
                    .as(Arrays.toString(header))
                    .isInstanceOf(BadFrameHeaderException.class)
                    .hasMessageStartingWith("frame 1 at byte offset 0: bad header b'")
                    .hasMessageContaining("expected an ASCII decimal length");
        }
    }

    @Test
    void badHeaderMessageShowsTheBytesEscapedAndWhere() throws Exception {
        byte[] data = concat(FrameFixtures.stream(FrameFixtures.payloads(33)), ascii("\t33       "));
        FrameDecoder decoder = new FrameDecoder(Framing.defaults());
        assertThatThrownBy(() -> decoder.feed(data, 0, data.length))
                .isInstanceOf(BadFrameHeaderException.class)
                .hasMessage("frame 2 at byte offset 43: bad header b'\\t33       ': b'\\t' at header byte 0"
                        + " (expected an ASCII decimal length, padded with spaces, in 10 bytes)");
    }

    @Test
    void allSpacesHeaderSaysNoDigits() {
        byte[] data = ascii("          ");
        assertThatThrownBy(() -> new FrameDecoder(Framing.defaults()).feed(data, 0, 10))
                .hasMessageContaining("b'          ': no digits");
    }

    @Test
    void aFailedDecoderStaysFailed() {
        FrameDecoder decoder = new FrameDecoder(Framing.defaults());
        byte[] bad = ascii("+1        x");
        assertThatThrownBy(() -> decoder.feed(bad, 0, bad.length)).isInstanceOf(BadFrameHeaderException.class);
        assertThatThrownBy(() -> decoder.feed(ascii("1         x"), 0, 11))
                .isInstanceOf(BadFrameHeaderException.class);
        assertThatThrownBy(decoder::endOfInput).isInstanceOf(BadFrameHeaderException.class);
    }

    @Test
    void tooLargeIsRefusedFromTheHeaderAlone() {
        FrameDecoder small = new FrameDecoder(Framing.builder().maxFrameSize(100).build());
        assertThatThrownBy(() -> small.feed(ascii("101       "), 0, 10))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessage("frame 1 at byte offset 0: declared length 101 exceeds the maximum frame size 100"
                        + " (raise it with Framing.Builder.maxFrameSize)");
        FrameDecoder defaults = new FrameDecoder(Framing.defaults());
        assertThatThrownBy(() -> defaults.feed(ascii("9999999999"), 0, 10))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("declared length 9999999999");
    }

    @Test
    void exactlyTheMaximumIsAccepted() throws Exception {
        Framing framing = Framing.builder().maxFrameSize(100).build();
        FrameDecoder decoder = new FrameDecoder(framing);
        byte[] data = concat(ascii("100       "), new byte[100]);
        assertThat(decoder.feed(data, 0, data.length)).singleElement().satisfies(p -> assertThat(p).hasSize(100));
    }

    @Test
    void truncatedHeader() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Framing.defaults());
        assertThat(decoder.feed(ascii("33  "), 0, 4)).isEmpty();
        assertThatThrownBy(decoder::endOfInput)
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessage("frame 1 at byte offset 0: stream ended inside the header after 4 of 10 bytes (b'33  ')");
    }

    @Test
    void truncatedPayload() throws Exception {
        byte[] data = FrameFixtures.stream(FrameFixtures.payloads(3, 33));
        FrameDecoder decoder = new FrameDecoder(Framing.defaults());
        assertThat(decoder.feed(data, 0, data.length - 1)).hasSize(1);
        assertThatThrownBy(decoder::endOfInput)
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessage("frame 2 at byte offset 13: stream ended inside the payload after 32 of 33 bytes")
                .satisfies(e -> {
                    FrameException f = (FrameException) e;
                    assertThat(f.frameNumber()).isEqualTo(2);
                    assertThat(f.offset()).isEqualTo(13);
                });
    }

    @Test
    void endBetweenFramesIsNormal() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Framing.defaults());
        decoder.endOfInput();
        byte[] data = FrameFixtures.stream(SMALL);
        decoder = new FrameDecoder(Framing.defaults());
        decoder.feed(data, 0, data.length);
        decoder.endOfInput();
        assertThat(decoder.framesDecoded()).isEqualTo(SMALL.size());
    }

    @Test
    void otherHeaderSizes() throws Exception {
        Framing framing = Framing.builder().headerSize(4).build();
        FrameDecoder decoder = new FrameDecoder(framing);
        byte[] data = concat(framing.header(2), ascii("hi"));
        assertThat(decoder.feed(data, 0, data.length)).singleElement().isEqualTo(ascii("hi"));
    }
}
