package dev.picklewire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repr and pformat of parsed literals against CPython's repr/pformat of ast.literal_eval (literal_cases.txt). */
class ReprLiteralTest {
    @Test
    void reprMatchesCPython() {
        List<String> mismatches = new ArrayList<>();
        int total = 0;
        for (LiteralCases.Case c : LiteralCases.load()) {
            if (!c.ok()) {
                continue;
            }
            total++;
            String actual = Pickle.repr(PyLiteral.parse(c.source()));
            if (!actual.equals(c.repr())) {
                mismatches.add(c + "\n  expected " + c.repr() + "\n  actual   " + actual);
            }
        }
        System.out.println("repr of literals: " + (total - mismatches.size()) + " of " + total + " identical");
        assertThat(total).isGreaterThan(500);
        assertThat(mismatches).isEmpty();
    }
}
