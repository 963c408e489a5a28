package dev.picklewire.internal.literal;

/**
 * One token of a Python literal. {@code text} is the operator or name, or a string's decoded contents
 * (bytes as chars 0-255); {@code value} is a number's value, or for strings a marker of str
 * ({@code String}) versus bytes ({@code byte[]}).
 */
record Token(int type, String text, Object value, int start, boolean fString) {
    static final int EOF = 0;
    static final int NEWLINE = 1;
    static final int NUMBER = 2;
    static final int STRING = 3;
    static final int NAME = 4;
    static final int OP = 5;

    static final byte[] BYTES_MARK = new byte[0];

    String describe() {
        switch (type) {
            case EOF:
                return "end of input";
            case NEWLINE:
                return "end of line";
            case NUMBER:
                return "a number";
            case STRING:
                return "a string";
            case NAME:
                return "name '" + text + "'";
            default:
                return "'" + text + "'";
        }
    }
}
