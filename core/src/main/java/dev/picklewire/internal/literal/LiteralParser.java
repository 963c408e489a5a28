package dev.picklewire.internal.literal;

import dev.picklewire.LiteralSyntaxException;
import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyConstant;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for the subset of Python that {@code ast.literal_eval} evaluates. One instance
 * parses one source; not thread-safe. Recursion is bounded by {@link #MAX_NESTING} brackets, the limit of
 * CPython's tokenizer, so the Java stack stays shallow.
 *
 * <p>Grammar (what literal_eval accepts once CPython has parsed the text):
 * <pre>
 *   top      = items NEWLINE* EOF                      items with a comma make a tuple
 *   items    = expr ("," expr)* [","]
 *   expr     = signed [("+" | "-") NUMBER]             only int/float +/- imaginary (ast.literal_eval's BinOp rule)
 *   signed   = ("+" | "-") primary | primary           the operand of a sign must be a number
 *   primary  = NUMBER | STRING+ | True | False | None | "..." | "set" "(" ")"
 *            | "(" [items] ")" | "[" [items] "]" | "{" [items | dict-items] "}"
 * </pre>
 */
public final class LiteralParser {
    /** CPython's tokenizer refuses more than this many open brackets (MAXLEVEL). */
    static final int MAX_NESTING = 200;

    // What a parsed node is, for literal_eval's rules on signs and sums.
    private static final int NUMBER = 0;       // an int, float or complex constant
    private static final int SIGNED = 1;       // a sign applied to a NUMBER
    private static final int SUM = 2;          // real +/- imaginary
    private static final int OTHER = 3;

    private final LiteralLexer lexer;
    private Token token;
    private int depth;

    public LiteralParser(String source) {
        this.lexer = new LiteralLexer(source);
    }

    private record Node(Object value, int kind) {
    }

    /** Parses the whole source as one literal. */
    public Object parse() {
        advance();
        Object value = parseTopItems();
        while (token.type() == Token.NEWLINE) {
            advance();
        }
        if (token.type() != Token.EOF) {
            throw lexer.error(token.start(), "unexpected " + token.describe() + " after the literal");
        }
        return value;
    }

    private void advance() {
        token = lexer.next();
    }

    private boolean atOp(String op) {
        return token.type() == Token.OP && token.text().equals(op);
    }

    private void expectOp(String op, String expected) {
        if (!atOp(op)) {
            throw lexer.error(token.start(), "expected " + expected + ", found " + token.describe());
        }
        advance();
    }

    /** A comma-separated sequence at the top level: one item alone, or a tuple. */
    private Object parseTopItems() {
        if (token.type() == Token.EOF || token.type() == Token.NEWLINE) {
            throw lexer.error(token.start(), "expected a literal, found " + token.describe());
        }
        Object first = parseExpr().value();
        if (!atOp(",")) {
            return first;
        }
        List<Object> items = new ArrayList<>();
        items.add(first);
        while (atOp(",")) {
            advance();
            if (token.type() == Token.EOF || token.type() == Token.NEWLINE) {
                break;
            }
            items.add(parseExpr().value());
        }
        return PyTuple.wrap(items.toArray());
    }

    private Node parseExpr() {
        int start = token.start();
        Node left = parseSigned();
        if (!atOp("+") && !atOp("-")) {
            return left;
        }
        boolean add = token.text().equals("+");
        advance();
        int rightStart = token.start();
        Node right = parsePrimary();
        if (atOp("+") || atOp("-")) {
            throw malformed(start, "only a single real +/- imaginary sum is a literal");
        }
        return new Node(sum(left, add, right, start, rightStart), SUM);
    }

    private PyComplex sum(Node left, boolean add, Node right, int start, int rightStart) {
        if ((left.kind() != NUMBER && left.kind() != SIGNED) || left.value() instanceof PyComplex) {
            throw malformed(start, "the left side of +/- must be a real number");
        }
        if (right.kind() != NUMBER || !(right.value() instanceof PyComplex c)) {
            throw malformed(rightStart, "the right side of +/- must be an imaginary number");
        }
        double real = toDouble((Number) left.value(), start);
        // CPython 3.11 turns the real into complex(real, 0.0) first (complex_add/complex_sub), which
        // decides the sign of a zero imaginary part.
        return add ? new PyComplex(real + c.real(), 0.0 + c.imag())
                : new PyComplex(real - c.real(), 0.0 - c.imag());
    }

    private double toDouble(Number n, int at) {
        double d = n.doubleValue();
        if (Double.isInfinite(d) && !(n instanceof Double)) {
            throw lexer.error(at, "int too large to convert to float");
        }
        return d;
    }

    private Node parseSigned() {
        if (!atOp("+") && !atOp("-")) {
            return parsePrimary();
        }
        boolean minus = token.text().equals("-");
        int start = token.start();
        advance();
        Node operand = parsePrimary();
        if (operand.kind() != NUMBER) {
            throw malformed(start, "a sign applies only to a number");
        }
        return new Node(minus ? Numbers.negate(operand.value()) : operand.value(), SIGNED);
    }

    private Node parsePrimary() {
        Node node = parseAtom();
        if (token.type() == Token.OP && "([.".contains(token.text())) {
            throw malformed(token.start(), "calls, subscripts and attributes are not literals");
        }
        return node;
    }

    private Node parseAtom() {
        Token t = token;
        switch (t.type()) {
            case Token.NUMBER:
                advance();
                return new Node(t.value(), NUMBER);
            case Token.STRING:
                return new Node(parseStrings(), OTHER);
            case Token.NAME:
                return new Node(parseName(), OTHER);
            case Token.OP:
                return parseBracket(t);
            default:
                throw lexer.error(t.start(), "expected a literal, found " + t.describe());
        }
    }

    private Node parseBracket(Token t) {
        switch (t.text()) {
            case "...":
                advance();
                return new Node(PyConstant.ELLIPSIS, OTHER);
            case "(":
                return parseParens();
            case "[":
                return new Node(parseList(), OTHER);
            case "{":
                return new Node(parseBrace(), OTHER);
            default:
                throw lexer.error(t.start(), "expected a literal, found " + t.describe());
        }
    }

    private Object parseStrings() {
        Token first = token;
        boolean bytes = first.value() instanceof byte[];
        StringBuilder text = new StringBuilder();
        while (token.type() == Token.STRING) {
            if (token.fString()) {
                throw malformed(token.start(), "f-strings are not literals");
            }
            if ((token.value() instanceof byte[]) != bytes) {
                throw lexer.error(token.start(), "cannot mix bytes and nonbytes literals");
            }
            text.append(token.text());
            advance();
        }
        return bytes ? latin1(text) : text.toString();
    }

    private static byte[] latin1(CharSequence chars) {
        byte[] out = new byte[chars.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) chars.charAt(i);
        }
        return out;
    }

    private Object parseName() {
        Token t = token;
        advance();
        switch (t.text()) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            case "set":
                if (atOp("(")) {
                    return parseEmptySetCall(t);
                }
                break;
            default:
                break;
        }
        throw malformed(t.start(), "name '" + t.text() + "' is not a literal");
    }

    private PySet parseEmptySetCall(Token name) {
        open();
        if (!atOp(")")) {
            throw malformed(name.start(), "only set() with no arguments is a literal");
        }
        close();
        return new PySet();
    }

    private void open() {
        if (++depth > MAX_NESTING) {
            throw lexer.error(token.start(), "too many nested parentheses");
        }
        lexer.enterBracket();
        advance();
    }

    private void close() {
        depth--;
        lexer.leaveBracket();
        advance();
    }

    private Node parseParens() {
        open();
        if (atOp(")")) {
            close();
            return new Node(PyTuple.empty(), OTHER);
        }
        Node first = parseExpr();
        if (atOp(")")) {
            close();
            return first; // parentheses make no node of their own
        }
        List<Object> items = new ArrayList<>();
        items.add(first.value());
        parseMore(items, ")");
        return new Node(PyTuple.wrap(items.toArray()), OTHER);
    }

    /** After the first item: {@code ("," item)* [","] close}. */
    private void parseMore(List<Object> items, String close) {
        while (true) {
            if (atOp(close)) {
                close();
                return;
            }
            expectOp(",", "',' or '" + close + "'");
            if (atOp(close)) {
                close();
                return;
            }
            items.add(parseExpr().value());
        }
    }

    private PyList parseList() {
        open();
        PyList list = new PyList();
        if (atOp("]")) {
            close();
            return list;
        }
        list.add(parseExpr().value());
        parseMore(list, "]");
        return list;
    }

    private Object parseBrace() {
        open();
        if (atOp("}")) {
            close();
            return new PyDict();
        }
        int keyStart = token.start();
        Object first = parseExpr().value();
        return atOp(":") ? parseDict(first, keyStart) : parseSet(first, keyStart);
    }

    private PySet parseSet(Object first, int firstStart) {
        List<Object> items = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        items.add(first);
        starts.add(firstStart);
        while (!atOp("}")) {
            expectOp(",", "',' or '}'");
            if (atOp("}")) {
                break;
            }
            starts.add(token.start());
            items.add(parseExpr().value());
        }
        close();
        PySet set = new PySet(items.size());
        Map<Object, Object> numbers = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = checkHashable(items.get(i), starts.get(i));
            if (Numbers.firstEqual(numbers, item) == item) {
                set.add(item);
            }
        }
        return set;
    }

    private PyDict parseDict(Object firstKey, int firstStart) {
        List<Object> keys = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Object key = firstKey;
        int keyStart = firstStart;
        while (true) {
            expectOp(":", "':'");
            keys.add(key);
            starts.add(keyStart);
            values.add(parseExpr().value());
            if (atOp("}")) {
                break;
            }
            expectOp(",", "',' or '}'");
            if (atOp("}")) {
                break;
            }
            keyStart = token.start();
            key = parseExpr().value();
        }
        close();
        return buildDict(keys, starts, values);
    }

    private PyDict buildDict(List<Object> keys, List<Integer> starts, List<Object> values) {
        PyDict dict = new PyDict(keys.size());
        Map<Object, Object> numbers = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Object key = checkHashable(keys.get(i), starts.get(i));
            // Python keeps the first of equal keys (1, 1.0, True) and the last value.
            dict.put(Numbers.firstEqual(numbers, key), values.get(i));
        }
        return dict;
    }

    private Object checkHashable(Object key, int at) {
        String type = unhashableType(key);
        if (type != null) {
            throw lexer.error(at, "unhashable type: '" + type + "'");
        }
        return key;
    }

    /** Python's type name if {@code value} cannot be a dict key or set member; parsed values are trees. */
    private static String unhashableType(Object value) {
        if (value instanceof PyList) {
            return "list";
        }
        if (value instanceof PyDict) {
            return "dict";
        }
        if (value instanceof PySet) {
            return "set";
        }
        if (value instanceof PyTuple t) {
            for (Object item : t) {
                String inner = unhashableType(item);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private LiteralSyntaxException malformed(int at, String why) {
        return lexer.error(at, why);
    }
}
