package dev.picklewire.internal.literal;

import dev.picklewire.LiteralSyntaxException;
import dev.picklewire.types.PyComplex;
import java.math.BigInteger;

/**
 * Tokenizer for Python literal text, following CPython 3.11's tokenizer where literals are concerned:
 * number forms and underscores, string prefixes and escapes, comments, backslash continuation, newlines
 * ignored inside brackets. Not thread-safe.
 */
final class LiteralLexer {
    /** CPython's default limit on decimal digits in an int literal (sys.get_int_max_str_digits()). */
    static final int MAX_INT_DIGITS = 4300;

    private final String src;
    private int pos;
    private int brackets;
    private boolean lineStart = true;

    LiteralLexer(String source) {
        // ast.literal_eval strips leading spaces and tabs; the tokenizer reads \r\n and \r as \n.
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        this.src = s;
        this.pos = i;
    }

    void enterBracket() {
        brackets++;
    }

    void leaveBracket() {
        brackets--;
    }

    LiteralSyntaxException error(int at, String message) {
        int line = 1;
        int lineBegin = 0;
        for (int i = 0; i < at && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                lineBegin = i + 1;
            }
        }
        int column = at - lineBegin + 1;
        String where = line == 1 ? "column " + column : "line " + line + ", column " + column;
        return new LiteralSyntaxException("malformed literal at " + where + ": " + message, line, column);
    }

    Token next() {
        boolean indented = skipSpace();
        if (pos >= src.length()) {
            return new Token(Token.EOF, "", null, pos, false);
        }
        char c = src.charAt(pos);
        if (c == '\n') {
            pos++;
            lineStart = true;
            return new Token(Token.NEWLINE, "\n", null, pos - 1, false);
        }
        if (lineStart && indented && brackets == 0) {
            throw error(pos, "unexpected indent");
        }
        lineStart = false;
        if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            return number();
        }
        if (c == '"' || c == '\'') {
            return string(pos, pos, false, false, false);
        }
        if (Character.isUnicodeIdentifierStart(src.codePointAt(pos)) || c == '_') {
            return nameOrString();
        }
        return operator();
    }

    /**
     * Skips spaces, comments, continuations, and newlines that make no token (inside brackets, or
     * blank lines). Returns whether the current line has leading whitespace before the next token.
     */
    private boolean skipSpace() {
        boolean indented = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                indented |= lineStart;
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\') {
                if (pos + 1 >= src.length() || src.charAt(pos + 1) != '\n') {
                    throw error(pos, "unexpected character after line continuation character");
                }
                pos += 2;
            } else if (c == '\n' && (brackets > 0 || lineStart)) {
                pos++;
                indented = false;
            } else {
                break;
            }
        }
        return indented;
    }

    private Token operator() {
        int start = pos;
        if (src.startsWith("...", pos)) {
            pos += 3;
            return new Token(Token.OP, "...", null, start, false);
        }
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        return new Token(Token.OP, new String(Character.toChars(cp)), null, start, false);
    }

    private Token nameOrString() {
        int start = pos;
        while (pos < src.length()) {
            int cp = src.codePointAt(pos);
            if (!Character.isUnicodeIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        String name = src.substring(start, pos);
        if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'')) {
            String prefix = name.toLowerCase(java.util.Locale.ROOT);
            switch (prefix) {
                case "r": case "u": case "b": case "f": case "br": case "rb": case "fr": case "rf":
                    return string(start, pos, prefix.indexOf('r') >= 0, prefix.indexOf('b') >= 0,
                            prefix.indexOf('f') >= 0);
                default:
                    throw error(start, "invalid string prefix '" + name + "'");
            }
        }
        return new Token(Token.NAME, name, null, start, false);
    }

    // ---- numbers -------------------------------------------------------------------------------

    private Token number() {
        int start = pos;
        char c = src.charAt(pos);
        if (c == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            return radixInteger(start);
        }
        String intPart = c == '.' ? "" : digitPart(start, "decimal");
        boolean isFloat = false;
        if (pos < src.length() && src.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            if (pos < src.length() && isDigit(src.charAt(pos))) {
                digitPart(start, "decimal");
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            isFloat = true;
            exponent(start);
        }
        String text = src.substring(start, pos).replace("_", "");
        if (pos < src.length() && (src.charAt(pos) == 'j' || src.charAt(pos) == 'J')) {
            pos++;
            checkNumberEnd(start, "imaginary");
            return numberToken(new PyComplex(0.0, Double.parseDouble(text)), start);
        }
        checkNumberEnd(start, "decimal");
        if (isFloat) {
            return numberToken(Double.parseDouble(text), start);
        }
        return numberToken(decimalInteger(intPart, start), start);
    }

    private Number decimalInteger(String digits, int start) {
        if (digits.length() > 1 && digits.charAt(0) == '0' && !digits.chars().allMatch(ch -> ch == '0')) {
            throw error(start, "leading zeros in decimal integer literals are not permitted;"
                    + " use an 0o prefix for octal integers");
        }
        if (digits.length() > MAX_INT_DIGITS) {
            throw error(start, "Exceeds the limit (" + MAX_INT_DIGITS + " digits) for integer string"
                    + " conversion: value has " + digits.length() + " digits");
        }
        return digits.length() < 10 ? Integer.valueOf(Integer.parseInt(digits))
                : Numbers.narrow(new BigInteger(digits));
    }

    private void exponent(int start) {
        int mark = pos;
        pos++;
        if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
            pos++;
        }
        if (pos >= src.length() || !isDigit(src.charAt(pos))) {
            pos = mark;
            throw error(start, "invalid decimal literal");
        }
        digitPart(start, "decimal");
    }

    /** digit (["_"] digit)*, returning the digits without underscores. */
    private String digitPart(int start, String kind) {
        StringBuilder digits = new StringBuilder();
        while (true) {
            digits.append(src.charAt(pos++));
            if (pos < src.length() && src.charAt(pos) == '_') {
                pos++;
                if (pos >= src.length() || !isDigit(src.charAt(pos))) {
                    throw error(start, "invalid " + kind + " literal");
                }
            } else if (pos >= src.length() || !isDigit(src.charAt(pos))) {
                return digits.toString();
            }
        }
    }

    private Token radixInteger(int start) {
        char kindChar = Character.toLowerCase(src.charAt(pos + 1));
        int radix = kindChar == 'x' ? 16 : kindChar == 'o' ? 8 : 2;
        String kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
        pos += 2;
        StringBuilder digits = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '_') {
                pos++;
                if (pos >= src.length() || Character.digit(src.charAt(pos), radix) < 0 || !isAsciiAlnum(src.charAt(pos))) {
                    throw error(start, "invalid " + kind + " literal");
                }
                continue;
            }
            if (!isAsciiAlnum(c) || Character.digit(c, radix) < 0) {
                break;
            }
            digits.append(c);
            pos++;
        }
        if (digits.length() == 0) {
            throw error(start, "invalid " + kind + " literal");
        }
        if (pos < src.length() && isDigit(src.charAt(pos))) {
            throw error(pos, "invalid digit '" + src.charAt(pos) + "' in " + kind + " literal");
        }
        checkNumberEnd(start, kind);
        return numberToken(Numbers.narrow(new BigInteger(digits.toString(), radix)), start);
    }

    /** A number may not run straight into a name or another number ({@code 1a}, {@code 0x1g}). */
    private void checkNumberEnd(int start, String kind) {
        if (pos < src.length()) {
            int cp = src.codePointAt(pos);
            if (Character.isUnicodeIdentifierPart(cp) || cp == '.' && !"decimal".equals(kind)) {
                throw error(start, "invalid " + kind + " literal");
            }
        }
    }

    private static Token numberToken(Object value, int start) {
        return new Token(Token.NUMBER, "", value, start, false);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlnum(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    // ---- strings -------------------------------------------------------------------------------

    /**
     * A string literal starting at {@code start} (its prefix) with the quote at {@code quoteAt}.
     * Raw strings keep backslashes; bytes take ASCII source characters only; f-strings are scanned
     * (to report them in place) but flagged, since literal_eval refuses them.
     */
    private Token string(int start, int quoteAt, boolean raw, boolean bytes, boolean fString) {
        char quote = src.charAt(quoteAt);
        boolean triple = src.startsWith("" + quote + quote + quote, quoteAt);
        pos = quoteAt + (triple ? 3 : 1);
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw error(start, triple ? "unterminated triple-quoted string literal"
                        : "unterminated string literal");
            }
            char c = src.charAt(pos);
            if (c == quote && (!triple || src.startsWith("" + quote + quote + quote, pos))) {
                pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n' && !triple) {
                throw error(start, "unterminated string literal");
            }
            if (c == '\\') {
                escape(out, raw, bytes, start);
                continue;
            }
            int cp = src.codePointAt(pos);
            if (bytes && cp >= 128) {
                throw error(start, "bytes can only contain ASCII literal characters");
            }
            out.appendCodePoint(cp);
            pos += Character.charCount(cp);
        }
        return new Token(Token.STRING, out.toString(), bytes ? Token.BYTES_MARK : "", start, fString);
    }

    private void escape(StringBuilder out, boolean raw, boolean bytes, int start) {
        int at = pos;
        if (pos + 1 >= src.length()) {
            pos++;
            return; // the unterminated-string check reports it
        }
        char e = src.charAt(pos + 1);
        pos += 2;
        if (raw) {
            // A raw string keeps the backslash and the character; the backslash only stops a quote
            // from ending the string.
            out.append('\\');
            if (bytes && e >= 128) {
                throw error(start, "bytes can only contain ASCII literal characters");
            }
            out.append(e);
            return;
        }
        switch (e) {
            case '\n': return;
            case '\\': out.append('\\'); return;
            case '\'': out.append('\''); return;
            case '"': out.append('"'); return;
            case 'a': out.append('\u0007'); return;
            case 'b': out.append('\b'); return;
            case 'f': out.append('\f'); return;
            case 'n': out.append('\n'); return;
            case 'r': out.append('\r'); return;
            case 't': out.append('\t'); return;
            case 'v': out.append('\u000b'); return;
            case 'x': out.append((char) hexEscape(2, at, "truncated \\xXX escape")); return;
            default: break;
        }
        if (e >= '0' && e <= '7') {
            octalEscape(out, e, bytes);
        } else if (!bytes && e == 'u') {
            out.append((char) hexEscape(4, at, "truncated \\uXXXX escape"));
        } else if (!bytes && e == 'U') {
            int cp = hexEscape(8, at, "truncated \\UXXXXXXXX escape");
            if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                throw error(at, "illegal Unicode character in \\UXXXXXXXX escape");
            }
            out.appendCodePoint(cp);
        } else if (!bytes && e == 'N') {
            out.appendCodePoint(namedEscape(at));
        } else {
            // Unknown escapes stay as written (Python warns, but keeps both characters).
            if (bytes && e >= 128) {
                throw error(start, "bytes can only contain ASCII literal characters");
            }
            out.append('\\');
            pos--;
        }
    }

    private void octalEscape(StringBuilder out, char first, boolean bytes) {
        int value = first - '0';
        for (int n = 1; n < 3 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; n++) {
            value = value * 8 + (src.charAt(pos++) - '0');
        }
        // CPython keeps the low 8 bits of an octal escape above \377 in bytes, and the code point in str.
        out.append((char) (bytes ? value & 0xff : value));
    }

    private int hexEscape(int digits, int at, String message) {
        if (pos + digits > src.length()) {
            throw error(at, message);
        }
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(src.charAt(pos + i), 16);
            if (d < 0 || src.charAt(pos + i) >= 128) {
                throw error(at, message);
            }
            value = value * 16 + d;
        }
        pos += digits;
        return value;
    }

    private int namedEscape(int at) {
        int close = src.indexOf('}', pos);
        int newline = src.indexOf('\n', pos);
        if (pos >= src.length() || src.charAt(pos) != '{' || close < 0 || (newline >= 0 && newline < close)
                || close == pos + 1) {
            throw error(at, "malformed \\N character escape");
        }
        String name = src.substring(pos + 1, close);
        pos = close + 1;
        // Character.codePointOf trims whitespace and accepts "BLOCK NAME 1234" forms; Python does not.
        if (!name.equals(name.strip())) {
            throw error(at, "unknown Unicode character name");
        }
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            throw error(at, "unknown Unicode character name");
        }
    }
}
