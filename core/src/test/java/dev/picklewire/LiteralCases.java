package dev.picklewire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads literal/literal_cases.txt, written by tools/literal/generate_literal_cases.py from CPython. */
final class LiteralCases {
    /** One case: {@code ok} with Python's repr and pformat of literal_eval(source), or a refused source. */
    record Case(int line, boolean ok, String source, String repr, String pformat, String error) {
        @Override
        public String toString() {
            return "line " + line + ": " + source;
        }
    }

    private LiteralCases() {
    }

    static List<Case> load() {
        try (InputStream in = LiteralCases.class.getResourceAsStream("/literal/literal_cases.txt")) {
            if (in == null) {
                throw new IllegalStateException("literal/literal_cases.txt missing from test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Case> cases = new ArrayList<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.startsWith("#")) {
                    cases.add(parse(number, line));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case parse(int number, String line) {
        String[] f = line.split("\t", -1);
        if (f[0].equals("ok")) {
            return new Case(number, true, unescape(f[1]), unescape(f[2]), unescape(f[3]), null);
        }
        return new Case(number, false, unescape(f[1]), null, null, f[2]);
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
        }
        return out.toString();
    }
}
