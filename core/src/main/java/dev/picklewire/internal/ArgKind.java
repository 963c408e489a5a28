package dev.picklewire.internal;

/**
 * How an opcode's inline argument is laid out in the byte stream; the names are pickletools' argument
 * descriptor names, so the disassembler can talk about them as Python does.
 *
 * <p>{@link #fixedLength()} is the byte count for fixed-size arguments; {@code UNTIL_NEWLINE} arguments end at
 * {@code \n}; {@code LENGTH_PREFIXED} ones carry a little-endian unsigned length of {@link #prefixLength()}
 * bytes (signed for {@code long4}) followed by that many bytes.
 */
public enum ArgKind {
    NONE("", Layout.FIXED, 0),
    UINT1("uint1", Layout.FIXED, 1),
    UINT2("uint2", Layout.FIXED, 2),
    INT4("int4", Layout.FIXED, 4),
    UINT4("uint4", Layout.FIXED, 4),
    UINT8("uint8", Layout.FIXED, 8),
    FLOAT8("float8", Layout.FIXED, 8),
    DECIMALNL_SHORT("decimalnl_short", Layout.UNTIL_NEWLINE, 0),
    DECIMALNL_LONG("decimalnl_long", Layout.UNTIL_NEWLINE, 0),
    FLOATNL("floatnl", Layout.UNTIL_NEWLINE, 0),
    STRINGNL("stringnl", Layout.UNTIL_NEWLINE, 0),
    STRINGNL_NOESCAPE("stringnl_noescape", Layout.UNTIL_NEWLINE, 0),
    STRINGNL_NOESCAPE_PAIR("stringnl_noescape_pair", Layout.TWO_LINES, 0),
    UNICODESTRINGNL("unicodestringnl", Layout.UNTIL_NEWLINE, 0),
    STRING1("string1", Layout.LENGTH_PREFIXED, 1),
    STRING4("string4", Layout.LENGTH_PREFIXED, 4),
    BYTES1("bytes1", Layout.LENGTH_PREFIXED, 1),
    BYTES4("bytes4", Layout.LENGTH_PREFIXED, 4),
    BYTES8("bytes8", Layout.LENGTH_PREFIXED, 8),
    BYTEARRAY8("bytearray8", Layout.LENGTH_PREFIXED, 8),
    UNICODESTRING1("unicodestring1", Layout.LENGTH_PREFIXED, 1),
    UNICODESTRING4("unicodestring4", Layout.LENGTH_PREFIXED, 4),
    UNICODESTRING8("unicodestring8", Layout.LENGTH_PREFIXED, 8),
    LONG1("long1", Layout.LENGTH_PREFIXED, 1),
    LONG4("long4", Layout.LENGTH_PREFIXED, 4);

    /** Where the argument ends. */
    public enum Layout { FIXED, UNTIL_NEWLINE, TWO_LINES, LENGTH_PREFIXED }

    private final String pythonName;
    private final Layout layout;
    private final int size;

    ArgKind(String pythonName, Layout layout, int size) {
        this.pythonName = pythonName;
        this.layout = layout;
        this.size = size;
    }

    public String pythonName() {
        return pythonName;
    }

    public Layout layout() {
        return layout;
    }

    /** Bytes of a FIXED argument. */
    public int fixedLength() {
        return layout == Layout.FIXED ? size : -1;
    }

    /** Bytes of the length prefix of a LENGTH_PREFIXED argument. */
    public int prefixLength() {
        return layout == Layout.LENGTH_PREFIXED ? size : -1;
    }
}
