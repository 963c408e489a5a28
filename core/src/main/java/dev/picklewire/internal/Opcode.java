package dev.picklewire.internal;

import static dev.picklewire.internal.ArgKind.*;

/**
 * The one table of pickle opcode facts: byte, name, inline argument, the protocol that introduced it,
 * what it takes from and leaves on the stack (in pickletools' stack-object names), and a one-line
 * description in our own words. The reader's switch, the writer and the disassembler all read it; a test
 * checks that they agree with it.
 */
public enum Opcode {
    // Integers
    INT('I', DECIMALNL_SHORT, 0, "", "int_or_bool", "Push an int (or bool, for 00/01) written in decimal on one line."),
    BININT('J', INT4, 1, "", "int", "Push a signed 4-byte little-endian int."),
    BININT1('K', UINT1, 1, "", "int", "Push an unsigned 1-byte int."),
    BININT2('M', UINT2, 1, "", "int", "Push an unsigned 2-byte little-endian int."),
    LONG('L', DECIMALNL_LONG, 0, "", "int", "Push an int written in decimal on one line, with an optional L suffix."),
    LONG1((char) 0x8a, ArgKind.LONG1, 2, "", "int", "Push an int of up to 255 bytes, two's complement, little-endian."),
    LONG4((char) 0x8b, ArgKind.LONG4, 2, "", "int", "Push an int with a 4-byte length, two's complement, little-endian."),
    // Byte strings and text
    STRING('S', STRINGNL, 0, "", "bytes_or_str", "Push a Python 2 str written as a quoted, escaped literal on one line."),
    BINSTRING('T', STRING4, 1, "", "bytes_or_str", "Push a Python 2 str with a signed 4-byte length."),
    SHORT_BINSTRING('U', STRING1, 1, "", "bytes_or_str", "Push a Python 2 str with a 1-byte length."),
    BINBYTES('B', BYTES4, 3, "", "bytes", "Push bytes with an unsigned 4-byte length."),
    SHORT_BINBYTES('C', BYTES1, 3, "", "bytes", "Push bytes with a 1-byte length."),
    BINBYTES8((char) 0x8e, BYTES8, 4, "", "bytes", "Push bytes with an 8-byte length."),
    BYTEARRAY8((char) 0x96, ArgKind.BYTEARRAY8, 5, "", "bytearray", "Push a bytearray with an 8-byte length."),
    NEXT_BUFFER((char) 0x97, NONE, 5, "", "buffer", "Push the next out-of-band buffer."),
    READONLY_BUFFER((char) 0x98, NONE, 5, "buffer", "buffer", "Make the buffer on top of the stack read-only."),
    NONE_((char) 'N', ArgKind.NONE, 0, "", "None", "Push None.", "NONE"),
    NEWTRUE((char) 0x88, ArgKind.NONE, 2, "", "bool", "Push True."),
    NEWFALSE((char) 0x89, ArgKind.NONE, 2, "", "bool", "Push False."),
    UNICODE('V', UNICODESTRINGNL, 0, "", "str", "Push a str written raw-unicode-escaped on one line."),
    SHORT_BINUNICODE((char) 0x8c, UNICODESTRING1, 4, "", "str", "Push a UTF-8 str with a 1-byte length."),
    BINUNICODE('X', UNICODESTRING4, 1, "", "str", "Push a UTF-8 str with a 4-byte length."),
    BINUNICODE8((char) 0x8d, UNICODESTRING8, 4, "", "str", "Push a UTF-8 str with an 8-byte length."),
    FLOAT('F', FLOATNL, 0, "", "float", "Push a float written in decimal on one line."),
    BINFLOAT('G', FLOAT8, 1, "", "float", "Push an 8-byte big-endian IEEE 754 float."),
    // Containers
    EMPTY_LIST(']', ArgKind.NONE, 1, "", "list", "Push a new empty list."),
    APPEND('a', ArgKind.NONE, 0, "list any", "list", "Pop a value and append it to the list below it."),
    APPENDS('e', ArgKind.NONE, 1, "list mark stackslice", "list", "Pop everything above the mark and extend the list below the mark with it."),
    LIST('l', ArgKind.NONE, 0, "mark stackslice", "list", "Replace everything above the mark with one list of it."),
    EMPTY_TUPLE(')', ArgKind.NONE, 1, "", "tuple", "Push the empty tuple."),
    TUPLE('t', ArgKind.NONE, 0, "mark stackslice", "tuple", "Replace everything above the mark with one tuple of it."),
    TUPLE1((char) 0x85, ArgKind.NONE, 2, "any", "tuple", "Replace the top value with a 1-tuple of it."),
    TUPLE2((char) 0x86, ArgKind.NONE, 2, "any any", "tuple", "Replace the top two values with a 2-tuple of them."),
    TUPLE3((char) 0x87, ArgKind.NONE, 2, "any any any", "tuple", "Replace the top three values with a 3-tuple of them."),
    EMPTY_DICT('}', ArgKind.NONE, 1, "", "dict", "Push a new empty dict."),
    DICT('d', ArgKind.NONE, 0, "mark stackslice", "dict", "Replace the key/value pairs above the mark with one dict of them."),
    SETITEM('s', ArgKind.NONE, 0, "dict any any", "dict", "Pop a key and a value and store them in the dict below."),
    SETITEMS('u', ArgKind.NONE, 1, "dict mark stackslice", "dict", "Pop the key/value pairs above the mark into the dict below the mark."),
    EMPTY_SET((char) 0x8f, ArgKind.NONE, 4, "", "set", "Push a new empty set."),
    ADDITEMS((char) 0x90, ArgKind.NONE, 4, "set mark stackslice", "set", "Pop everything above the mark into the set below the mark."),
    FROZENSET((char) 0x91, ArgKind.NONE, 4, "mark stackslice", "frozenset", "Replace everything above the mark with one frozenset of it."),
    // Stack manipulation
    POP('0', ArgKind.NONE, 0, "any", "", "Discard the top value (or the topmost mark)."),
    DUP('2', ArgKind.NONE, 0, "any", "any any", "Push a second reference to the top value."),
    MARK('(', ArgKind.NONE, 0, "", "mark", "Push a mark, where a later opcode's run of values begins."),
    POP_MARK('1', ArgKind.NONE, 1, "mark stackslice", "", "Discard the topmost mark and everything above it."),
    // Memo
    GET('g', DECIMALNL_SHORT, 0, "", "any", "Push the memo value under a decimal key."),
    BINGET('h', UINT1, 1, "", "any", "Push the memo value under a 1-byte key."),
    LONG_BINGET('j', UINT4, 1, "", "any", "Push the memo value under a 4-byte key."),
    PUT('p', DECIMALNL_SHORT, 0, "", "", "Store the top value in the memo under a decimal key."),
    BINPUT('q', UINT1, 1, "", "", "Store the top value in the memo under a 1-byte key."),
    LONG_BINPUT('r', UINT4, 1, "", "", "Store the top value in the memo under a 4-byte key."),
    MEMOIZE((char) 0x94, ArgKind.NONE, 4, "any", "any", "Store the top value in the memo under the next free key."),
    // Extension registry
    EXT1((char) 0x82, UINT1, 2, "", "any", "Push the global registered under a 1-byte extension code."),
    EXT2((char) 0x83, UINT2, 2, "", "any", "Push the global registered under a 2-byte extension code."),
    EXT4((char) 0x84, INT4, 2, "", "any", "Push the global registered under a 4-byte extension code."),
    // Objects
    GLOBAL('c', STRINGNL_NOESCAPE_PAIR, 0, "", "any", "Push the global named by a module line and a name line."),
    STACK_GLOBAL((char) 0x93, ArgKind.NONE, 4, "str str", "any", "Pop a module and a name and push the global they name."),
    REDUCE('R', ArgKind.NONE, 0, "any any", "any", "Pop an argument tuple and a callable; push the callable's result."),
    BUILD('b', ArgKind.NONE, 0, "any any", "any", "Pop a state and apply it to the object below (setstate or dict update)."),
    INST('i', STRINGNL_NOESCAPE_PAIR, 0, "mark stackslice", "any", "Make an instance of the named class from the values above the mark."),
    OBJ('o', ArgKind.NONE, 1, "mark any stackslice", "any", "Make an instance of the class just above the mark from the values after it."),
    NEWOBJ((char) 0x81, ArgKind.NONE, 2, "any any", "any", "Pop an argument tuple and a class; push cls.__new__(cls, *args)."),
    NEWOBJ_EX((char) 0x92, ArgKind.NONE, 4, "any any any", "any", "Pop keyword arguments, an argument tuple and a class; push cls.__new__(cls, *args, **kwargs)."),
    // Framing and control
    PROTO((char) 0x80, UINT1, 2, "", "", "Declare the protocol version."),
    STOP('.', ArgKind.NONE, 0, "any", "", "End the pickle; the top value is the result."),
    FRAME((char) 0x95, UINT8, 4, "", "", "Announce the length of the frame that follows."),
    PERSID('P', STRINGNL_NOESCAPE, 0, "", "any", "Push the object the persistent-load hook gives for an id on one line."),
    BINPERSID('Q', ArgKind.NONE, 1, "any", "any", "Pop an id and push the object the persistent-load hook gives for it.");

    private static final Opcode[] BY_CODE = new Opcode[256];

    static {
        for (Opcode op : values()) {
            if (BY_CODE[op.code] != null) {
                throw new ExceptionInInitializerError("two opcodes for byte " + (int) op.code);
            }
            BY_CODE[op.code] = op;
        }
    }

    private final char code;
    private final ArgKind arg;
    private final int protocol;
    private final String[] stackBefore;
    private final String[] stackAfter;
    private final String doc;
    private final String pythonName;

    Opcode(char code, ArgKind arg, int protocol, String before, String after, String doc) {
        this(code, arg, protocol, before, after, doc, null);
    }

    Opcode(char code, ArgKind arg, int protocol, String before, String after, String doc, String pythonName) {
        this.code = code;
        this.arg = arg;
        this.protocol = protocol;
        this.stackBefore = before.isEmpty() ? new String[0] : before.split(" ");
        this.stackAfter = after.isEmpty() ? new String[0] : after.split(" ");
        this.doc = doc;
        this.pythonName = pythonName == null ? name() : pythonName;
    }

    /** The opcode for an unsigned byte, or {@code null} if the byte is not an opcode. */
    public static Opcode of(int unsignedByte) {
        return BY_CODE[unsignedByte & 0xff];
    }

    /** The opcode byte, 0 to 255. */
    public int code() {
        return code;
    }

    /** The name pickletools prints ({@code NONE}, not the Java constant's {@code NONE_}). */
    public String pythonName() {
        return pythonName;
    }

    public ArgKind arg() {
        return arg;
    }

    /** The protocol that introduced this opcode. */
    public int protocol() {
        return protocol;
    }

    /** What the opcode takes from the stack, bottom first, in pickletools' names ("any", "mark", "stackslice", ...). */
    public String[] stackBefore() {
        return stackBefore.clone();
    }

    /** What the opcode leaves on the stack, bottom first. */
    public String[] stackAfter() {
        return stackAfter.clone();
    }

    /** One line saying what the opcode does, in our words (the disassembler's annotation). */
    public String doc() {
        return doc;
    }
}
