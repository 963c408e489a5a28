package dev.picklewire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.picklewire.types.PyComplex;
import dev.picklewire.types.PyConstant;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyLiteralTest {
    @Test
    void refusesEverySourceThatLiteralEvalRefuses() {
        List<String> accepted = new ArrayList<>();
        int total = 0;
        for (LiteralCases.Case c : LiteralCases.load()) {
            if (c.ok()) {
                continue;
            }
            total++;
            Throwable thrown = catchThrowable(() -> PyLiteral.parse(c.source()));
            if (!(thrown instanceof LiteralSyntaxException)) {
                accepted.add(c + " -> " + thrown);
            }
        }
        System.out.println("literal errors: " + (total - accepted.size()) + " of " + total + " refused");
        assertThat(total).isGreaterThan(100);
        assertThat(accepted).isEmpty();
    }

    @Test
    void parsesEverySourceThatLiteralEvalAccepts() {
        List<String> failed = new ArrayList<>();
        int total = 0;
        for (LiteralCases.Case c : LiteralCases.load()) {
            if (!c.ok()) {
                continue;
            }
            total++;
            try {
                PyLiteral.parse(c.source());
            } catch (RuntimeException e) {
                failed.add(c + " -> " + e);
            }
        }
        assertThat(total).isGreaterThan(100);
        assertThat(failed).isEmpty();
    }

    @Test
    void mapsValuesToTheTypeMapping() {
        assertThat(PyLiteral.parse("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(PyLiteral.parse("2147483648")).isEqualTo(2147483648L);
        assertThat(PyLiteral.parse("-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(PyLiteral.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(PyLiteral.parse("-1.5j")).isEqualTo(new PyComplex(-0.0, -1.5));
        assertThat(PyLiteral.parse("b'\\x00a'")).isEqualTo(new byte[] {0, 'a'});
        assertThat(PyLiteral.parse("...")).isSameAs(PyConstant.ELLIPSIS);
        assertThat(PyLiteral.parse("None")).isNull();
        assertThat(PyLiteral.parse("1, 'a'")).isEqualTo(PyTuple.of(1, "a"));
        assertThat(PyLiteral.parse("[1]")).isInstanceOf(PyList.class);
        assertThat(PyLiteral.parse("{1: 2}")).isInstanceOf(PyDict.class);
        assertThat(PyLiteral.parse("set()")).isInstanceOf(PySet.class);
    }

    @Test
    void errorsNameTheColumn() {
        assertThatThrownBy(() -> PyLiteral.parse("[1, 2 3]"))
                .isInstanceOf(LiteralSyntaxException.class)
                .hasMessage("malformed literal at column 7: expected ',' or ']', found a number");
        assertThatThrownBy(() -> PyLiteral.parse("[1,\n x]"))
                .hasMessageStartingWith("malformed literal at line 2, column 2: ");
    }

    @Test
    void equalNumericKeysMergeAsInPython() {
        PyDict dict = (PyDict) PyLiteral.parse("{1: 'a', True: 'b', 1.0: 'c'}");
        assertThat(dict).hasSize(1).containsEntry(1, "c");
    }
}
