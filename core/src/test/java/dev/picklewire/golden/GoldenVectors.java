package dev.picklewire.golden;

import dev.picklewire.golden.GoldenVector.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads the golden vectors that {@code tools/golden/generate.py} wrote into {@code src/test/resources/golden/}
 * from the test class path. No library is needed: the index is tab-separated text, the pickles raw files.
 *
 * <pre>
 * golden/index.txt         one line per case and protocol (lines starting with '#' are comments):
 *                          name TAB protocol TAB status(ok|readonly|none) TAB stable(0|1) TAB buffers TAB note
 * golden/NAME.pN.pickle    pickle bytes        golden/NAME.pN.dis.txt    pickletools.dis text
 * golden/NAME.pN.dis-annotate.txt   pickletools.dis(annotate=1) text (protocols 0 and 4, small pickles only)
 * golden/NAME.pN.bufK.bin  out-of-band buffer  golden/NAME.repr.txt      repr (golden/NAME.pN.repr.txt overrides)
 * golden/NAME.pformat.txt  pprint.pformat      (golden/NAME.pN.pformat.txt overrides)
 * golden/NAME.repr-latin1.txt, NAME.repr-bytes.txt   readonly cases: repr under encoding='latin1' / 'bytes'
 * </pre>
 *
 * <p>Text files are UTF-8. They hold no raw lone surrogates: repr, pformat and dis all escape them
 * ({@code '\ud800'}).
 *
 * <p>Thread-safe: the vectors are loaded once and shared; the returned lists are unmodifiable and callers
 * must not change the byte arrays.
 *
 * <pre>{@code
 * for (GoldenVector v : GoldenVectors.pickled()) {
 *     assertThat(Pickle.repr(Pickle.loads(v.pickle()))).isEqualTo(v.repr());
 * }
 * }</pre>
 */
public final class GoldenVectors {
    /** Class-path folder holding the files. */
    public static final String ROOT = "/golden/";

    private static volatile List<GoldenVector> all;
    private static volatile List<ReprCase> reprCases;

    private GoldenVectors() {
    }

    /** Every index row: every case at every protocol 0..5, including {@link Status#NONE} rows. */
    public static List<GoldenVector> all() {
        List<GoldenVector> loaded = all;
        if (loaded == null) {
            synchronized (GoldenVectors.class) {
                if (all == null) {
                    all = Collections.unmodifiableList(load());
                }
                loaded = all;
            }
        }
        return loaded;
    }

    /** The rows that have pickle bytes (status OK or READONLY). */
    public static List<GoldenVector> pickled() {
        return all().stream().filter(GoldenVector::hasPickle).collect(Collectors.toUnmodifiableList());
    }

    /** The rows whose bytes picklewire must reproduce after load-then-dump at the same protocol. */
    public static List<GoldenVector> redumpable() {
        return all().stream().filter(GoldenVector::redumpExpected).collect(Collectors.toUnmodifiableList());
    }

    /** The vector for one case and protocol; fails when there is none. */
    public static GoldenVector get(String name, int protocol) {
        return all().stream()
                .filter(v -> v.name().equals(name) && v.protocol() == protocol)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no golden vector " + name + "/p" + protocol));
    }

    /**
     * The records of {@code golden/repr_cases.txt}: literal expressions with CPython's repr and pformat.
     *
     * <pre>
     * # comment lines
     * expr:ESCAPED        each record is three lines and an empty line; ESCAPED is the text with
     * repr:ESCAPED        '\\' for a backslash, '\n' for LF, '\r' for CR and '\\uXXXX' (4 hex digits) for a
     * pformat:ESCAPED     lone surrogate code unit; nothing else is escaped (the file is UTF-8)
     * </pre>
     */
    public static List<ReprCase> reprCases() {
        List<ReprCase> loaded = reprCases;
        if (loaded == null) {
            synchronized (GoldenVectors.class) {
                if (reprCases == null) {
                    reprCases = Collections.unmodifiableList(parseReprCases(resourceText("repr_cases.txt")));
                }
                loaded = reprCases;
            }
        }
        return loaded;
    }

    /** The Python (and numpy) version lines recorded in {@code golden/VERSION}. */
    public static String version() {
        return resourceText("VERSION");
    }

    /** The raw bytes of {@code golden/<file>}; fails when it is missing. */
    public static byte[] resourceBytes(String file) {
        byte[] data = optionalBytes(file);
        if (data == null) {
            throw new IllegalStateException("missing golden resource " + ROOT + file
                    + " (regenerate: python3 tools/golden/generate.py)");
        }
        return data;
    }

    /** The UTF-8 text of {@code golden/<file>}; fails when it is missing. */
    public static String resourceText(String file) {
        return new String(resourceBytes(file), StandardCharsets.UTF_8);
    }

    private static List<GoldenVector> load() {
        List<GoldenVector> out = new ArrayList<>();
        for (String line : resourceText("index.txt").split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(parseRow(line));
            }
        }
        return out;
    }

    private static List<ReprCase> parseReprCases(String text) {
        List<ReprCase> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isEmpty() || lines[i].startsWith("#")) {
                i++;
                continue;
            }
            if (i + 2 >= lines.length) {
                throw new IllegalStateException("truncated repr_cases.txt record at line " + (i + 1));
            }
            out.add(new ReprCase(field(lines[i], "expr:", i), field(lines[i + 1], "repr:", i + 1),
                    field(lines[i + 2], "pformat:", i + 2)));
            i += 3;
        }
        return out;
    }

    private static String field(String line, String prefix, int index) {
        if (!line.startsWith(prefix)) {
            throw new IllegalStateException("repr_cases.txt line " + (index + 1) + ": expected " + prefix);
        }
        return unescape(line.substring(prefix.length()));
    }

    /** Reverses the generator's escape_line: backslash-backslash, -n, -r and -uXXXX. */
    static String unescape(String s) {
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
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalStateException("bad escape \\" + e + " in repr_cases.txt");
            }
        }
        return out.toString();
    }

    private static GoldenVector parseRow(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
            throw new IllegalStateException("bad golden index line: " + line);
        }
        String name = f[0];
        int protocol = Integer.parseInt(f[1]);
        Status status = Status.valueOf(f[2].toUpperCase(java.util.Locale.ROOT));
        boolean stable = f[3].equals("1");
        int bufferCount = Integer.parseInt(f[4]);
        String note = f[5];
        if (status == Status.NONE) {
            return new GoldenVector(name, protocol, status, stable, note, null, List.of(),
                    caseText(name, protocol, "repr"), caseText(name, protocol, "pformat"), null, null, null, null);
        }
        String stem = name + ".p" + protocol;
        List<byte[]> buffers = new ArrayList<>();
        for (int k = 0; k < bufferCount; k++) {
            buffers.add(resourceBytes(stem + ".buf" + k + ".bin"));
        }
        boolean readonly = status == Status.READONLY;
        return new GoldenVector(name, protocol, status, stable, note, resourceBytes(stem + ".pickle"),
                List.copyOf(buffers), caseText(name, protocol, "repr"), caseText(name, protocol, "pformat"),
                optionalText(stem + ".dis.txt"),
                readonly ? resourceText(name + ".repr-latin1.txt") : null,
                readonly ? resourceText(name + ".repr-bytes.txt") : null,
                optionalText(stem + ".dis-annotate.txt"));
    }

    /** The protocol-specific text when CPython's loaded value differs at that protocol, else the case's. */
    private static String caseText(String name, int protocol, String kind) {
        String specific = optionalText(name + ".p" + protocol + "." + kind + ".txt");
        return specific != null ? specific : resourceText(name + "." + kind + ".txt");
    }

    private static String optionalText(String file) {
        byte[] data = optionalBytes(file);
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    private static byte[] optionalBytes(String file) {
        try (InputStream in = GoldenVectors.class.getResourceAsStream(ROOT + file)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden resource " + ROOT + file, e);
        }
    }
}
