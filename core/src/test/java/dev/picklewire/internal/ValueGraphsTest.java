package dev.picklewire.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import dev.picklewire.PyLiteral;
import dev.picklewire.PythonRunner;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyFrozenSet;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyOrderedDict;
import dev.picklewire.types.PySet;
import dev.picklewire.types.PyTuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ValueGraphsTest {
    private static final int DEEP = 1_000_000;

    // ---- (a) self-containing values -----------------------------------------------------------

    @Test
    void selfContainingListsCompareHashAndPrint() {
        PyList a = new PyList();
        a.add(a);
        PyList b = new PyList();
        b.add(b);
        assertThat(a).isEqualTo(b); // coinductive: same shape
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a.toString()).isEqualTo("[[...]]");
        assertThat(Pickle.repr(a)).isEqualTo("[[...]]");
        PyList c = new PyList();
        c.add(c);
        c.add(1);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void indirectCyclesThroughDictsSetsAndObjects() {
        PyDict d = new PyDict();
        PyList l = new PyList();
        d.put("self", l);
        l.add(d);
        PyObject o = PyObject.newObj(PyGlobal.of("m", "C"), PyTuple.empty());
        PyDict state = new PyDict();
        state.put("me", o);
        o.setState(state);
        PySet s = new PySet();
        s.add(PyTuple.of(o));
        l.add(s);
        assertThat(d.toString()).isEqualTo("{'self': [{...}, {(<m.C object>,)}]}");
        assertThat(d.hashCode()).isEqualTo(d.hashCode());
        assertThat(o.hashCode()).isEqualTo(o.hashCode());
        assertThat(d).isEqualTo(d);
        PyObject o2 = PyObject.newObj(PyGlobal.of("m", "C"), PyTuple.empty());
        PyDict state2 = new PyDict();
        state2.put("me", o2);
        o2.setState(state2);
        assertThat(o).isEqualTo(o2).hasSameHashCodeAs(o2);
    }

    // ---- (b) shared DAGs 100 deep ---------------------------------------------------------------

    private static Object dag(int levels, UnaryOperator<Object> pairOf) {
        Object node = 0;
        for (int i = 0; i < levels; i++) {
            node = pairOf.apply(node);
        }
        return node;
    }

    @Test
    void sharedTupleDagHundredDeepComparesAndHashesInLinearTime() {
        Object x = dag(100, n -> PyTuple.of(n, n));
        Object y = dag(100, n -> PyTuple.of(n, n));
        Object z = dag(99, n -> PyTuple.of(n, n));
        assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
        assertThat(x).isNotEqualTo(PyTuple.of(z, 1));
        assertThat(x.toString()).hasSizeLessThanOrEqualTo(ValueGraphs.TO_STRING_CHARS + 3).endsWith("...");
        assertThatThrownBy(() -> Pickle.repr(x)).isInstanceOf(PickleException.class)
                .hasMessageContaining("repr longer than");
    }

    @Test
    void sharedListDagHundredDeepComparesInLinearTime() {
        Object x = dag(100, n -> new PyList(List.of(n, n)));
        Object y = dag(100, n -> new PyList(List.of(n, n)));
        assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
        assertThat(ValueGraphs.equal(x, dag(100, n -> new PyList(List.of(n, PyTuple.of(n)))))).isFalse();
        PyDict keyed = new PyDict();
        keyed.put(dag(100, n -> PyTuple.of(n, n)), "deep key");
        PyDict keyed2 = new PyDict();
        keyed2.put(dag(100, n -> PyTuple.of(n, n)), "deep key");
        assertThat(keyed).isEqualTo(keyed2);
        PySet set = new PySet(List.of(dag(100, n -> PyFrozenSet.of(n, PyTuple.of(n)))));
        PySet set2 = new PySet(List.of(dag(100, n -> PyFrozenSet.of(n, PyTuple.of(n)))));
        assertThat(set).isEqualTo(set2).hasSameHashCodeAs(set2);
    }

    // ---- (c) a million deep ---------------------------------------------------------------------

    @Test
    void millionDeepListsDoNotOverflowTheStack() {
        Object x = dag(DEEP, n -> new PyList(List.of(n)));
        Object y = dag(DEEP, n -> new PyList(List.of(n)));
        assertThat(ValueGraphs.equal(x, y)).isTrue();
        assertThat(x.hashCode()).isEqualTo(y.hashCode());
        assertThat(x.toString()).startsWith("[[[").contains("[...]").hasSizeLessThan(300);
        String full = Pickle.repr(x);
        assertThat(full).hasSize(2 * DEEP + 1).startsWith("[[[").contains("[0]").endsWith("]]]]");
    }

    @Test
    void millionDeepTuplesDictsAndSets() {
        Object t = dag(DEEP, n -> PyTuple.of(n));
        assertThat(t).isEqualTo(dag(DEEP, n -> PyTuple.of(n)));
        assertThat(t.hashCode()).isEqualTo(dag(DEEP, n -> PyTuple.of(n)).hashCode());
        Object f = dag(DEEP / 10, n -> PyFrozenSet.of(n));
        assertThat(f).isEqualTo(dag(DEEP / 10, n -> PyFrozenSet.of(n)));
        Object d = dag(DEEP / 10, n -> {
            PyDict m = new PyDict();
            m.put("k", n);
            return m;
        });
        assertThat(d.toString()).startsWith("{'k': {'k': ").contains("...").hasSizeLessThan(1000);
        assertThat(Pickle.repr(d)).contains("{'k': 0}").endsWith("}}}}");
    }

    // ---- Python's == on containers ----------------------------------------------------------------

    @Test
    void equalityMatchesPythonOnContainers() {
        String[][] pairs = {
            {"[1, 2]", "[1, 2]"}, {"[1, 2]", "(1, 2)"}, {"(1, 2)", "(1, 2)"}, {"[1, [2]]", "[1, [3]]"},
            {"{1: 'a', 2: 'b'}", "{2: 'b', 1: 'a'}"}, {"{1: 'a'}", "{1: 'b'}"}, {"{1, 2}", "{2, 1}"},
            {"{(1, 2): [3]}", "{(1, 2): [3]}"}, {"{(1, (2,)): 0}", "{(1, (3,)): 0}"}, {"b'a'", "b'a'"},
            {"'a'", "b'a'"}, {"[]", "()"}, {"{}", "set()"}, {"[[], {}]", "[[], {}]"}, {"None", "None"},
            {"{((1,), 2)}", "{((1,), 2)}"}, {"{(1,), (2,)}", "{(2,), (1,)}"}, {"{(1,), (2,)}", "{(2,), (3,)}"},
            {"1.5", "1.5"}, {"(1+2j)", "(1+2j)"}, {"'x'", "'y'"},
        };
        StringBuilder script = new StringBuilder("import ast, sys\nfor line in sys.stdin.read().split('\\n'):\n"
                + "    if line:\n        a, b = line.split('\\t')\n"
                + "        print(ast.literal_eval(a) == ast.literal_eval(b))\n");
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String[] p : pairs) {
            input.append(p[0]).append('\t').append(p[1]).append('\n');
            expected.add(String.valueOf(ValueGraphs.equal(PyLiteral.parse(p[0]), PyLiteral.parse(p[1])))
                    .replace("true", "True").replace("false", "False"));
        }
        PythonRunner.requirePython();
        String out = PythonRunner.run(script.toString(), input.toString().getBytes(StandardCharsets.UTF_8))
                .requireSuccess().stdoutText();
        assertThat(expected).containsExactlyElementsOf(List.of(out.strip().split("\n")));
    }

    @Test
    void orderedDictsCompareInOrderAgainstEachOtherOnly() {
        PyOrderedDict a = new PyOrderedDict();
        a.put(1, 1);
        a.put(2, 2);
        PyOrderedDict b = new PyOrderedDict();
        b.put(2, 2);
        b.put(1, 1);
        PyDict plain = new PyDict(b);
        assertThat(ValueGraphs.equal(a, b)).isFalse();
        assertThat(ValueGraphs.equal(a, plain)).isTrue();
        assertThat(a.hashCode()).isEqualTo(plain.hashCode());
    }

    @Test
    void leavesKeepJavaEquality() {
        assertThat(ValueGraphs.equal(1, 1L)).isFalse();
        assertThat(ValueGraphs.equal(1, 1.0)).isFalse();
        assertThat(ValueGraphs.equal(Double.NaN, Double.NaN)).isTrue();
        assertThat(ValueGraphs.equal(new byte[] {1}, new byte[] {1})).isTrue();
        assertThat(new PyList(List.of(1))).isEqualTo(List.of(1));
        assertThat(PyFrozenSet.of(1, 2)).isEqualTo(new PySet(List.of(2, 1)))
                .hasSameHashCodeAs(new PySet(List.of(2, 1))).hasSameHashCodeAs(java.util.Set.of(1, 2));
    }
}
