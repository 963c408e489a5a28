package dev.picklewire.internal.repr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.PyLiteral;
import dev.picklewire.Unpickler;
import dev.picklewire.golden.GoldenVector;
import dev.picklewire.golden.GoldenVectors;
import dev.picklewire.golden.ReprCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Repr and pformat against what CPython printed: the golden pickles (through the reader) and repr_cases.txt. */
class ReprGoldenTest {
    /**
     * Cases whose CPython text comes from Python code a pickle does not carry (user-class, enum and
     * namedtuple reprs, numpy, function objects): picklewire prints its documented forms instead.
     */
    private static final Set<String> PYTHON_ONLY_REPR = Set.of(
            "enum_color", "enum_color_green", "intenum_level", "namedtuple", "plain_object", "slotted_object",
            "getstate_object", "list_subclass", "list_subclass_with_attr", "dict_subclass", "newobj_ex",
            "reduce_object", "objects_in_list", "numpy_array", "global_user_function",
            "py2_reconstructor", "py2_inst", "py2_obj", "py2_proto2_newobj",
            // The reader leaves Python 2's __builtin__.bytearray(u'...', 'latin-1') as a generic object.
            "py2_proto2_bytearray");

    @Test
    void goldenPicklesPrintAsCPythonPrintedThem() {
        List<String> reprMismatch = new ArrayList<>();
        List<String> pformatMismatch = new ArrayList<>();
        int total = 0;
        for (GoldenVector v : GoldenVectors.pickled()) {
            if (GoldenVector.isError(v.repr()) || PYTHON_ONLY_REPR.contains(v.name())) {
                continue;
            }
            Object value = Unpickler.defaults().loads(v.pickle(), 0, v.pickle().length, v.buffers());
            total++;
            String repr;
            try {
                repr = GoldenVector.normalize(Pickle.repr(value));
            } catch (RuntimeException e) {
                reprMismatch.add(v + " -> " + e);
                continue;
            }
            String expected = v.repr().replace(" at 0x0>", ">");
            if (!repr.equals(expected)) {
                reprMismatch.add(v + "\n  expected " + cut(expected) + "\n  actual   " + cut(repr));
            }
            String pformat = GoldenVector.normalize(Pickle.pformat(value));
            if (!pformat.equals(v.pformat().replace(" at 0x0>", ">"))) {
                pformatMismatch.add(v + "\n  expected " + cut(v.pformat()) + "\n  actual   " + cut(pformat));
            }
        }
        System.out.println("golden repr: " + (total - reprMismatch.size()) + " of " + total + " identical; pformat: "
                + (total - pformatMismatch.size()) + " of " + total);
        assertThat(total).isGreaterThan(500);
        assertThat(reprMismatch).isEmpty();
        assertThat(pformatMismatch).isEmpty();
    }

    @Test
    void goldenReprCasesPrintAsCPythonPrintedThem() {
        List<String> mismatches = new ArrayList<>();
        List<ReprCase> cases = new ArrayList<>();
        int pairs = 0;
        for (ReprCase c : GoldenVectors.reprCases()) {
            // A Java String cannot keep '\ud800' '\udc00' apart from the pair U+10000 (documented).
            if (SURROGATE_PAIR_ESCAPE.matcher(c.expr()).find()) {
                pairs++;
            } else {
                cases.add(c);
            }
        }
        for (ReprCase c : cases) {
            Object value = PyLiteral.parse(c.expr());
            String repr = Pickle.repr(value);
            String pformat = Pickle.pformat(value);
            if (!repr.equals(c.repr()) || !pformat.equals(c.pformat())) {
                mismatches.add(c + "\n  expected " + cut(c.repr()) + "\n  actual   " + cut(repr)
                        + "\n  expected " + cut(c.pformat()) + "\n  actual   " + cut(pformat));
            }
        }
        System.out.println("golden repr_cases: " + (cases.size() - mismatches.size()) + " of " + cases.size()
                + " identical (repr and pformat); " + pairs + " with adjacent surrogate escapes left out");
        assertThat(cases).hasSizeGreaterThan(50);
        assertThat(mismatches).isEmpty();
    }

    private static final java.util.regex.Pattern SURROGATE_PAIR_ESCAPE =
            java.util.regex.Pattern.compile("(?i)\\\\ud[89ab][0-9a-f]{2}\\\\ud[c-f][0-9a-f]{2}");

    private static String cut(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
