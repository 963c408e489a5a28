package dev.picklewire.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramingTest {
    private static final int[] LENGTHS = {0, 1, 9, 10, 33, 99, 12345, 67108864, 999999999};

    @Test
    void headersAreWhatPythonWrites() throws Exception {
        // The tutorial's own expression, run by the real python3, for each length and header size.
        String script = "import sys\n"
                + "for h in (10, 16):\n"
                + "    for n in map(int, sys.argv[1:]):\n"
                + "        print(h, n, bytes(f'{n:<{h}}', 'utf-8').hex())\n";
        List<String> args = new ArrayList<>();
        for (int n : LENGTHS) {
            args.add(Integer.toString(n));
        }
        String out = PythonProcess.run(script, args.toArray(String[]::new));
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(2 * LENGTHS.length);
        for (String line : lines) {
            String[] f = line.split(" ");
            Framing framing = Framing.builder().headerSize(Integer.parseInt(f[0])).build();
            assertThat(HexFormat.of().formatHex(framing.header(Integer.parseInt(f[1])))).as(line).isEqualTo(f[2]);
        }
    }

    @Test
    void frameIsHeaderThenPayload() throws Exception {
        byte[] payload = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Framing.defaults().frame(payload, 0, 3), StandardCharsets.US_ASCII))
                .isEqualTo("3         abc");
    }

    @Test
    void writerSendsHeaderAndPayloadInOneWrite() throws Exception {
        List<byte[]> writes = new ArrayList<>();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(java.util.Arrays.copyOfRange(b, off, off + len));
            }
        };
        byte[] payload = new byte[33];
        new FrameWriter(out, Framing.defaults()).writeFrame(payload);
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0)).hasSize(43);
    }

    @Test
    void writerRefusesLengthsTheHeaderCannotHold() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out, Framing.builder().headerSize(2).build());
        assertThatThrownBy(() -> writer.writeFrame(new byte[100]))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessageContaining("100 bytes")
                .hasMessageContaining("2-byte header")
                .hasMessageContaining("99");
        assertThat(out.size()).isZero();
    }

    @Test
    void writerAcceptsTheLongestLengthThatFits() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FrameWriter(out, Framing.builder().headerSize(2).build()).writeFrame(new byte[99]);
        assertThat(out.toByteArray()).startsWith((byte) '9', (byte) '9').hasSize(101);
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> Framing.builder().headerSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Framing.builder().headerSize(19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Framing.builder().maxFrameSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaults() {
        assertThat(Framing.defaults().headerSize()).isEqualTo(10);
        assertThat(Framing.defaults().maxFrameSize()).isEqualTo(64 << 20);
    }
}
