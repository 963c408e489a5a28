package dev.picklewire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.picklewire.Pickle;
import dev.picklewire.PythonRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dis}, {@code show} and {@code dump} against {@code python3 -m pickletools}, {@code python3 -m pickle}
 * and {@code pickle.dumps} run on the same files: the same stdout, and for broken input exit code 1 with the
 * last line of Python's traceback inside our one-line complaint.
 */
class FileCommandsTest {
    /** Writes the test pickles with CPython: values at every protocol, memo-sharing pairs, broken files. */
    private static final String MAKE_FILES = String.join("\n",
            "import pickle",
            "vals = {'dict': {2: 'hi', 1: 'there'}, 'nested': [1, (2.5, b'x\\x00'), {'k': {3, 4}}, None, True],",
            "        'long': list(range(40)), 'text': 'caf\\u00e9 \\U0001f600', 'big': 2**100}",
            "for name, v in vals.items():",
            "    for p in range(6):",
            "        open('%s.p%d.pickle' % (name, p), 'wb').write(pickle.dumps(v, p))",
            "shared = ['s']",
            "pickle.Pickler(open('memo1.pickle', 'wb'), 2).dump([shared, shared])",
            "open('memo2.pickle', 'wb').write(b'\\x80\\x02h\\x01h\\x01\\x86.')",
            "open('two.pickle', 'wb').write(pickle.dumps(1, 2) + pickle.dumps('second', 2))",
            "open('broken_memo.pickle', 'wb').write(b'K\\x01q\\x07h\\x08.')",
            "open('truncated.pickle', 'wb').write(pickle.dumps('a long string', 3)[:9])",
            "open('unicode_bad.pickle', 'wb').write(b'X\\x02\\x00\\x00\\x00\\xff\\xfe.')");

    @TempDir
    static Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void makeFiles() {
        PythonRunner.requirePython();
        PythonRunner.Result r = PythonRunner.runIn(dir, "-c", MAKE_FILES);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    /** Runs picklewire with file names resolved in the temp folder (Python runs there with bare names). */
    private int picklewire(String... args) {
        out.reset();
        err.reset();
        String[] resolved = Arrays.stream(args)
                .map(a -> a.endsWith(".pickle") ? dir.resolve(a).toString() : a)
                .toArray(String[]::new);
        return Main.run(resolved, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Our stdout with the temp folder taken out of file names, so it compares with Python's. */
    private String outText() {
        return out.toString(StandardCharsets.UTF_8).replace(dir.toString() + java.io.File.separator, "");
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> valueFiles() throws IOException {
        List<String> names = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[a-z]+\\.p\\d\\.pickle")).sorted().forEach(names::add);
        }
        assertThat(names).hasSize(30);
        return names;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** What {@code python -m pickletools FILE} prints (its main() calls dis(file) with the defaults), for many files in one run. */
    private static final String DIS_EACH = String.join("\n",
            "import io, pickletools, sys",
            "for name in sys.argv[1:]:",
            "    out = io.StringIO()",
            "    with open(name, 'rb') as f: pickletools.dis(f, out)",
            "    sys.stdout.write(out.getvalue() + '\\x00')");

    @Test
    void disPrintsWhatPickletoolsPrintsForEachFile() throws IOException {
        List<String> names = valueFiles();
        PythonRunner.Result python = PythonRunner.runIn(dir, prepend("-c", prepend(DIS_EACH, names.toArray(new String[0]))));
        assertThat(python.exitCode()).as(python.stderr()).isZero();
        String[] expected = python.stdoutText().split("\u0000");
        assertThat(expected).hasSameSizeAs(names.toArray());
        for (int i = 0; i < names.size(); i++) {
            assertThat(picklewire("dis", names.get(i))).as(errText()).isZero();
            assertThat(outText()).as(names.get(i)).isEqualTo(expected[i]);
        }
        // and one through the real command line, to be sure the batch above is what the command prints
        assertThat(picklewire("dis", "nested.p2.pickle")).isZero();
        assertThat(outText()).isEqualTo(PythonRunner.runIn(dir, "-m", "pickletools", "nested.p2.pickle").stdoutText());
    }

    @Test
    void disFlagsAndSeveralFilesMatchPickletools() {
        String[][] variants = {
            {"-l", "1", "nested.p1.pickle"},
            {"--indentlevel=0", "nested.p0.pickle"},
            {"dict.p2.pickle", "text.p4.pickle", "big.p5.pickle"},
            {"-p", "### {name} {{x}} ###", "dict.p3.pickle", "long.p1.pickle"},
            {"-m", "memo1.pickle", "memo2.pickle"},
            {"two.pickle"},
        };
        for (String[] args : variants) {
            PythonRunner.Result python = PythonRunner.runIn(dir, prepend("-m", prepend("pickletools", args)));
            assertThat(python.exitCode()).as(python.stderr()).isZero();
            assertThat(picklewire(prepend("dis", args))).as(errText()).isZero();
            assertThat(outText()).as(String.join(" ", args)).isEqualTo(python.stdoutText());
        }
    }

    @Test
    void disAnnotatesInTheSameColumnsWithOurOwnDescriptions() {
        PythonRunner.Result python = PythonRunner.runIn(dir, "-m", "pickletools", "-a", "dict.p0.pickle");
        assertThat(picklewire("dis", "-a", "dict.p0.pickle")).isZero();
        String[] ours = outText().split("\n");
        String[] theirs = python.stdoutText().split("\n");
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < theirs.length - 1; i++) {
            // the description starts at the same column; its words are ours, not CPython's docstring
            assertThat(ours[i].substring(0, 31)).isEqualTo(theirs[i].substring(0, 31));
        }
    }

    @Test
    void disOfABrokenPickleKeepsPickletoolsTextAndFailsWithItsMessage() {
        for (String name : List.of("broken_memo.pickle", "truncated.pickle", "unicode_bad.pickle")) {
            PythonRunner.Result python = PythonRunner.runIn(dir, "-m", "pickletools", name);
            assertThat(python.exitCode()).isEqualTo(1);
            assertThat(picklewire("dis", name)).isEqualTo(1);
            assertThat(outText()).as(name).isEqualTo(python.stdoutText());
            assertThat(errText()).as(name).isEqualTo("picklewire dis: " + dir.resolve(name) + ": " + python.lastErrorLine() + "\n");
        }
    }

    @Test
    void disToAnOutputFile() throws IOException {
        PythonRunner.Result python = PythonRunner.runIn(dir, "-m", "pickletools", "-o", "py.txt", "long.p4.pickle");
        assertThat(python.exitCode()).isZero();
        assertThat(picklewire("dis", "-o", dir.resolve("ours.txt").toString(), "long.p4.pickle")).isZero();
        assertThat(out.size()).isZero();
        assertThat(Files.readString(dir.resolve("ours.txt"))).isEqualTo(Files.readString(dir.resolve("py.txt")));
    }

    @Test
    void missingFileIsBadInputNamingIt() {
        assertThat(picklewire("dis", "nope.pickle")).isEqualTo(1);
        assertThat(errText()).isEqualTo("picklewire dis: " + dir.resolve("nope.pickle") + ": No such file or directory\n");
        assertThat(picklewire("show", "nope.pickle")).isEqualTo(1);
        assertThat(errText()).startsWith("picklewire show: ").contains("nope.pickle").doesNotContain("\tat ");
    }

    /** pickle.dumps(ast.literal_eval(literal), protocol) in hex, one line per literal and protocol 0..5. */
    private static final String DUMPS_HEX = String.join("\n",
            "import ast, pickle, sys",
            "for literal in sys.argv[1:]:",
            "    for p in range(6): print(pickle.dumps(ast.literal_eval(literal), p).hex())");

    @Test
    void dumpWritesCPythonsBytes() throws IOException {
        assumeTrue(writerLanded(), "the writer (branch writer) is not merged here yet");
        String[] literals = {"{1: 'hi', 2: 'there'}", "[1, 2.5, 'x', b'y', None, True, (1,), {3}]",
            "('caf\\u00e9', -1180591620717411303424)", "set()", "{'a': [1, 2], 'b': (3.0, -4)}"};
        String[] hex = PythonRunner.runIn(dir, prepend("-c", prepend(DUMPS_HEX, literals))).stdoutText().split("\n");
        assertThat(hex).hasSize(literals.length * 6);
        for (int i = 0; i < literals.length; i++) {
            for (int p = 0; p <= 5; p++) {
                assertThat(picklewire("dump", literals[i], "--protocol", String.valueOf(p))).as(errText()).isZero();
                assertThat(HexFormat.of().formatHex(out.toByteArray())).as(literals[i] + " p" + p).isEqualTo(hex[i * 6 + p]);
            }
        }
        assertThat(picklewire("dump", "[1]", "-o", dir.resolve("one.pickle").toString())).isZero();
        assertThat(Files.readAllBytes(dir.resolve("one.pickle"))).isEqualTo(Pickle.dumps(List.of(1)));
    }

    @Test
    void dumpRefusesBadLiteralsAndProtocols() {
        assertThat(picklewire("dump", "[1,")).isEqualTo(1);
        assertThat(errText()).startsWith("picklewire dump: LITERAL: ").endsWith("\n").hasLineCount(1);
        assertThat(picklewire("dump", "1", "--protocol", "6")).isEqualTo(2);
        assertThat(errText()).contains("--protocol must be 0..5");
    }

    /** What {@code python -m pickle FILE} prints (its main() is pprint.pprint(pickle.load(f))), for many files in one run. */
    private static final String SHOW_EACH = String.join("\n",
            "import io, pickle, pprint, sys",
            "for name in sys.argv[1:]:",
            "    with open(name, 'rb') as f: pprint.pprint(pickle.load(f))",
            "    sys.stdout.write('\\x00')");

    @Test
    void showPrintsWhatPythonMinusMPicklePrints() throws IOException {
        assumeTrue(readerLanded(), "the reader (branch reader) is not merged here yet");
        List<String> names = valueFiles();
        PythonRunner.Result batch = PythonRunner.runIn(dir, prepend("-c", prepend(SHOW_EACH, names.toArray(new String[0]))));
        assertThat(batch.exitCode()).as(batch.stderr()).isZero();
        String[] expected = batch.stdoutText().split("\u0000");
        for (int i = 0; i < names.size(); i++) {
            assertThat(picklewire("show", names.get(i))).as(errText()).isZero();
            assertThat(outText()).as(names.get(i)).isEqualTo(expected[i]);
        }
        // the real command line, with several files and a file holding two pickles (only the first is shown)
        PythonRunner.Result python = PythonRunner.runIn(dir, "-m", "pickle", "two.pickle", "long.p1.pickle");
        assertThat(picklewire("show", "two.pickle", "long.p1.pickle")).isZero();
        assertThat(outText()).isEqualTo(python.stdoutText());
    }

    @Test
    void showOfABrokenPickleIsBadInput() {
        assumeTrue(readerLanded(), "the reader (branch reader) is not merged here yet");
        assertThat(picklewire("show", "truncated.pickle")).isEqualTo(1);
        assertThat(errText()).startsWith("picklewire show: " + dir.resolve("truncated.pickle") + ": ").hasLineCount(1);
    }

    @Test
    void helpVersionAndUsage() {
        assertThat(picklewire("--help")).isZero();
        assertThat(outText()).contains("dis", "show", "dump");
        assertThat(picklewire("--version")).isZero();
        assertThat(outText()).startsWith("picklewire ");
        assertThat(picklewire()).isEqualTo(2);
        assertThat(errText()).contains("Usage: picklewire");
        assertThat(picklewire("dis")).isEqualTo(2);
        assertThat(errText()).contains("FILE");
        assertThat(picklewire("dis", "--no-such-flag", "x.pickle")).isEqualTo(2);
    }

    static boolean readerLanded() {
        try {
            Pickle.loads(new byte[] {'N', '.'});
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    static boolean writerLanded() {
        try {
            Pickle.dumps(null);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
