package dev.picklewire.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.PythonRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Test helper: runs {@code tools/writer/dump.py} (real CPython) over Python expressions and compares its
 * {@code pickle.dumps(value, p)} with picklewire's {@code Pickle.dumps} of the matching Java value, p = 0..5.
 */
final class CPythonDumps {
    /** A Java value and the Python expression for the same value. */
    record Case(String name, Supplier<Object> java, String python) {
    }

    private CPythonDumps() {
    }

    static Case of(String name, Supplier<Object> java, String python) {
        return new Case(name, java, python);
    }

    /** pickle.dumps of each expression at protocols 0..5, as CPython writes them. */
    static List<byte[][]> python(List<String> expressions) {
        PythonRunner.requirePython();
        try {
            String script = Files.readString(PythonRunner.repoRoot().resolve(Path.of("tools", "writer", "dump.py")));
            String input = String.join("\n", expressions) + "\n";
            String text = PythonRunner.run(java.time.Duration.ofSeconds(120),
                    input.getBytes(StandardCharsets.UTF_8), "-c", script).requireSuccess().stdoutText();
            List<byte[][]> result = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split(" ", -1);
                byte[][] perProtocol = new byte[6][];
                for (int p = 0; p < 6; p++) {
                    perProtocol[p] = HexFormat.of().parseHex(parts[p]);
                }
                result.add(perProtocol);
            }
            assertThat(result).hasSize(expressions.size());
            return result;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts every case pickles to CPython's bytes at every protocol; {@code context} goes in messages. */
    static void assertSameAsPython(List<Case> cases, String context) {
        List<String> expressions = cases.stream().map(Case::python).toList();
        List<byte[][]> expected = python(expressions);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            for (int p = 0; p < 6; p++) {
                byte[] actual = Pickle.dumps(c.java().get(), p);
                if (!java.util.Arrays.equals(actual, expected.get(i)[p])) {
                    failures.add(describe(c, p, expected.get(i)[p], actual));
                }
            }
        }
        assertThat(failures).as(context + ": %d mismatches, first ones:\n%s", failures.size(),
                String.join("\n", failures.subList(0, Math.min(5, failures.size())))).isEmpty();
    }

    static String describe(Case c, int protocol, byte[] expected, byte[] actual) {
        int at = 0;
        while (at < expected.length && at < actual.length && expected[at] == actual[at]) {
            at++;
        }
        String python = c.python().length() > 300 ? c.python().substring(0, 300) + "..." : c.python();
        return "case " + c.name() + " protocol " + protocol + ": first difference at byte " + at
                + " (python " + expected.length + " bytes, java " + actual.length + " bytes)\n  python expr: "
                + python + "\n  python: " + window(expected, at) + "\n  java:   " + window(actual, at);
    }

    private static String window(byte[] b, int at) {
        int from = Math.max(0, at - 24);
        int to = Math.min(b.length, at + 24);
        return "..." + HexFormat.of().formatHex(b, from, to) + "... (from " + from + ")";
    }
}
