package dev.picklewire;

import java.util.ArrayList;
import java.util.List;

/** Loads literal/literal_cases.txt, written by tools/literal/generate_literal_cases.py from CPython. */
final class LiteralCases {
    /** One case: {@code ok} with Python's repr and pformat of literal_eval(source), or a refused source. */
    record Case(int line, boolean ok, String source, String repr, String pformat, String error, boolean idOrder) {
        @Override
        public String toString() {
            return "line " + line + ": " + source;
        }
    }

    private LiteralCases() {
    }

    static List<Case> load() {
        List<Case> cases = new ArrayList<>();
        String text = TestText.resource("/literal/literal_cases.txt", "python3 tools/literal/generate_literal_cases.py");
        for (TestText.Row row : TestText.rows(text)) {
            cases.add(parse(row.line(), row.fields()));
        }
        return cases;
    }

    private static Case parse(int number, String[] f) {
        if (f[0].startsWith("ok")) {
            return new Case(number, true, TestText.unescape(f[1]), TestText.unescape(f[2]), TestText.unescape(f[3]), null, f[0].equals("okid"));
        }
        return new Case(number, false, TestText.unescape(f[1]), null, null, f[2], false);
    }
}
