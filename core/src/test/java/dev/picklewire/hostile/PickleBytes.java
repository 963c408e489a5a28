package dev.picklewire.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Assembles pickles opcode by opcode for hostile inputs CPython would never write. Not thread-safe. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PickleBytes proto(int protocol) {
        return new PickleBytes().op(0x80).op(protocol);
    }

    static PickleBytes noProto() {
        return new PickleBytes();
    }

    PickleBytes op(int b) {
        out.write(b);
        return this;
    }

    PickleBytes repeat(int b, int times) {
        for (int i = 0; i < times; i++) {
            out.write(b);
        }
        return this;
    }

    PickleBytes le(long value, int width) {
        for (int i = 0; i < width; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    PickleBytes ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    PickleBytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] stop() {
        out.write('.');
        return out.toByteArray();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
