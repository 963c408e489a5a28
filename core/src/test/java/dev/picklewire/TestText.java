package dev.picklewire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text files our Python generator scripts write for the tests (literal cases, dis cases, golden
 * vectors): class-path resources, tab-separated rows with '#' comments, and one escaping scheme. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * for (TestText.Row row : TestText.rows(TestText.resource("/dis/dis_cases.txt", "python3 tools/golden/dis_cases.py"))) {
 *     String expected = TestText.unescape(row.fields()[3]);
 * }
 * }</pre>
 */
public final class TestText {
    private TestText() {
    }

    /** One data line: its 1-based line number in the file and its tab-separated fields (empty ones kept). */
    public record Row(int line, String[] fields) {
    }

    /** The UTF-8 text of class-path resource {@code path}; fails naming {@code regenerate} when it is missing. */
    public static String resource(String path, String regenerate) {
        try (InputStream in = TestText.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path + " (regenerate: " + regenerate + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + path, e);
        }
    }

    /** The lines of {@code text} that are neither empty nor comments ('#'), split at tabs. */
    public static List<Row> rows(String text) {
        List<Row> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isEmpty() && !lines[i].startsWith("#")) {
                out.add(new Row(i + 1, lines[i].split("\t", -1)));
            }
        }
        return out;
    }

    /**
     * Reverses the generators' escaping, which is also Python's {@code unicode_escape}: {@code \\}, {@code \n},
     * {@code \t}, {@code \r}, {@code \xXX}, {@code \}{@code uXXXX} (a lone surrogate may stand alone) and
     * {@code \UXXXXXXXX}. Any other escape means the file and this reader disagree, so it fails.
     */
    public static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'x' -> i = appendHex(out, s, i, 2);
                case 'u' -> i = appendHex(out, s, i, 4);
                case 'U' -> i = appendHex(out, s, i, 8);
                default -> throw new IllegalStateException("bad escape \\" + e + " in " + s);
            }
        }
        return out.toString();
    }

    /** Appends the code point in the {@code digits} hex digits after index {@code at}; returns the last index. */
    private static int appendHex(StringBuilder out, String s, int at, int digits) {
        out.appendCodePoint(Integer.parseInt(s.substring(at + 1, at + 1 + digits), 16));
        return at + digits;
    }
}
