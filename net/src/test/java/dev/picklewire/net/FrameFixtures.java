package dev.picklewire.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Streams of frames and the bad headers every reader must refuse, shared by the framing tests. */
final class FrameFixtures {
    private FrameFixtures() {
    }

    /** Payloads of the given sizes, each filled with bytes that differ from frame to frame. */
    static List<byte[]> payloads(int... sizes) {
        List<byte[]> out = new ArrayList<>();
        Random random = new Random(sizes.length);
        for (int size : sizes) {
            byte[] p = new byte[size];
            random.nextBytes(p);
            out.add(p);
        }
        return out;
    }

    static byte[] stream(List<byte[]> payloads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out, Framing.defaults());
        for (byte[] p : payloads) {
            writer.writeFrame(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Headers of 10 bytes the strict reader must refuse (each followed by enough payload to be tempting). */
    static List<byte[]> badHeaders() {
        List<byte[]> bad = new ArrayList<>();
        for (String h : List.of("+33       ", "-0        ", "3_3       ", "\t33       ", "33\t       ",
                "33\n       ", "\r33       ", "          ", "3 3       ", "0x21      ", "33.0      ",
                "33\u0000       ", "abc       ", "33       a", "\u00a033       ")) {
            bad.add(ascii(h));
        }
        // Arabic-Indic digits three-three in UTF-8 (Python's int() takes them), padded to 10 bytes.
        bad.add(concat("\u0663\u0663".getBytes(StandardCharsets.UTF_8), ascii("      ")));
        // Fullwidth digit 3 (U+FF13) in UTF-8.
        bad.add(concat("\uff13".getBytes(StandardCharsets.UTF_8), ascii("       ")));
        return bad;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

}
