package dev.picklewire.net;

/**
 * Bytes shown as a Python bytes literal ({@code b'33  \x00'}) in error messages, so a bad header reads the
 * way a Python user would print it.
 */
final class BytesLiteral {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private BytesLiteral() {
    }

    static String of(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 3).append("b'");
        for (int i = off; i < off + len; i++) {
            append(sb, b[i] & 0xff);
        }
        return sb.append('\'').toString();
    }

    private static void append(StringBuilder sb, int c) {
        switch (c) {
            case '\\' -> sb.append("\\\\");
            case '\'' -> sb.append("\\'");
            case '\t' -> sb.append("\\t");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            default -> {
                if (c < 0x20 || c >= 0x7f) {
                    sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else {
                    sb.append((char) c);
                }
            }
        }
    }
}
