package dev.picklewire.internal.writer;

import static dev.picklewire.internal.writer.CPythonDumps.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.picklewire.Pickle;
import dev.picklewire.Pickler;
import dev.picklewire.PicklingException;
import dev.picklewire.PythonRunner;
import dev.picklewire.TypeRegistry;
import dev.picklewire.internal.writer.CPythonDumps.Case;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyPickleBuffer;
import dev.picklewire.types.PyTuple;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** PyObject, globals, extension codes, persistent ids, buffers and failures, checked against CPython. */
class PickleWriterObjectsTest {
    private static final PyGlobal PLAIN = PyGlobal.of("__main__", "Plain");

    private static PyObject plain(Object... keyValues) {
        PyObject o = PyObject.newObj(PLAIN, PyTuple.empty());
        o.setState(dict(keyValues));
        return o;
    }

    private static Map<Object, Object> dict(Object... keyValues) {
        Map<Object, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put(keyValues[i], keyValues[i + 1]);
        }
        return d;
    }

    @Test
    void userClassInstancesMatchPython() {
        List<Case> cases = new ArrayList<>();
        cases.add(of("plain object", () -> plain("x", 1, "y", "ab"), "plain(x=1, y=S('ab'))"));
        cases.add(of("two plain objects share attribute names", () -> List.of(plain("x", 1), plain("x", 2)),
                "[plain(x=1), plain(x=2)]"));
        CPythonDumps.assertSameAsPython(cases, "plain objects");

        List<Case> newer = new ArrayList<>();
        newer.add(of("list subclass", () -> {
            PyObject o = PyObject.newObj(PyGlobal.of("__main__", "LS"), PyTuple.empty());
            o.listItemsForUpdate().addAll(List.of(1, 2, 3));
            o.setState(dict("tag", "t"));
            return o;
        }, "ls([1, 2, 3], tag='t')"));
        newer.add(of("list subclass, 1001 items", () -> {
            PyObject o = PyObject.newObj(PyGlobal.of("__main__", "LS"), PyTuple.empty());
            for (int i = 0; i < 1001; i++) {
                o.listItemsForUpdate().add(i);
            }
            return o;
        }, "ls(range(1001))"));
        newer.add(of("dict subclass", () -> {
            PyObject o = PyObject.newObj(PyGlobal.of("__main__", "DS"), PyTuple.empty());
            o.dictItemsForUpdate().put(1, 2);
            o.dictItemsForUpdate().put(3, 4);
            return o;
        }, "ds({1: 2, 3: 4})"));
        newer.add(of("newargs", () -> {
            PyObject o = PyObject.newObj(PyGlobal.of("__main__", "NA"), PyTuple.of(5));
            o.setState(dict("a", 5));
            return o;
        }, "na(5)"));
        newer.add(of("copyreg.__newobj__ reduce becomes NEWOBJ", () -> {
            PyObject o = PyObject.reduce(PyGlobal.of("copyreg", "__newobj__"), PyTuple.of(PyGlobal.of("__main__", "NA"), 5));
            o.setState(dict("a", 5));
            return o;
        }, "na(5)"));
        newer.add(of("newargs_ex", () -> {
            PyDict kwargs = new PyDict();
            kwargs.put("k", 2);
            return PyObject.newObjEx(PyGlobal.of("__main__", "NX"), PyTuple.of(1), kwargs);
        }, "nx((1,), {'k': 2})"));
        CPythonDumps.assertSameAsPython(newer, "objects", 2);
    }

    @Test
    void globalsWithFixImportsAndExtensions() {
        List<Case> cases = new ArrayList<>();
        cases.add(of("renamed builtins", () -> List.of(PyGlobal.of("builtins", "str"), PyGlobal.of("builtins", "int"),
                PyGlobal.of("builtins", "range"), PyGlobal.of("builtins", "chr"), PyGlobal.of("builtins", "getattr"),
                PyGlobal.of("builtins", "set"), PyGlobal.of("builtins", "ValueError"), PyGlobal.of("queue", "Queue"),
                PyGlobal.of("collections", "UserDict"), PyGlobal.of("builtins", "FileNotFoundError")),
                "[str, int, range, chr, getattr, set, ValueError, __import__('queue').Queue,"
                        + " __import__('collections').UserDict, FileNotFoundError]"));
        cases.add(of("C functions and types", () -> List.of(PyGlobal.of("array", "_array_reconstructor"),
                PyGlobal.of("array", "array"), PyGlobal.of("_codecs", "encode"), PyGlobal.of("builtins", "len"),
                PyGlobal.of("builtins", "list")),
                "[array._array_reconstructor, array.array, __import__('codecs').encode, len, list]"));
        cases.add(of("nested qualname", () -> List.of(PyGlobal.of("__main__", "Outer.Inner"),
                PyGlobal.of("__main__", "Outer")), "[Outer.Inner, Outer]"));
        CPythonDumps.assertSameAsPython(cases, "globals");

        String script = "import copyreg, pickle, collections, sys\n"
                + "copyreg.add_extension('collections', 'OrderedDict', 5)\n"
                + "copyreg.add_extension('collections', 'Counter', 300)\n"
                + "copyreg.add_extension('collections', 'deque', 70000)\n"
                + "v = [collections.OrderedDict, collections.Counter, collections.deque, collections.OrderedDict(),"
                + " collections.ChainMap]\n"
                + "print(' '.join(pickle.dumps(v, p).hex() for p in range(6)))\n"
                + "print(' '.join(pickle.dumps([str, range], p, fix_imports=False).hex() for p in range(6)))\n";
        String[] lines = PythonRunnerLines.run(script);
        TypeRegistry registry = TypeRegistry.builder().extension(5, "collections", "OrderedDict")
                .extension(300, "collections", "Counter").extension(70000, "collections", "deque").build();
        List<Object> value = List.of(PyGlobal.of("collections", "OrderedDict"), PyGlobal.of("collections", "Counter"),
                PyGlobal.of("collections", "deque"), new dev.picklewire.types.PyOrderedDict(),
                PyGlobal.of("collections", "ChainMap"));
        List<Object> noFix = List.of(PyGlobal.of("builtins", "str"), PyGlobal.of("builtins", "range"));
        for (int p = 0; p < 6; p++) {
            assertThat(Pickler.builder().protocol(p).registry(registry).build().dumps(value))
                    .as("extensions at protocol %d", p).isEqualTo(hexPart(lines[0], p));
            assertThat(Pickler.builder().protocol(p).fixImports(false).build().dumps(noFix))
                    .as("fix_imports=False at protocol %d", p).isEqualTo(hexPart(lines[1], p));
        }
    }

    @Test
    void persistentIdsMatchPython() {
        String script = "import pickle, io\n"
                + "class P(pickle.Pickler):\n"
                + "    def persistent_id(self, obj):\n"
                + "        if isinstance(obj, str) and obj.startswith('ext:'):\n"
                + "            return obj[4:]\n"
                + "        if isinstance(obj, int) and obj == 7777:\n"
                + "            return 42\n"
                + "        return None\n"
                + "def dumps(v, p):\n"
                + "    f = io.BytesIO(); P(f, p).dump(v); return f.getvalue()\n"
                + "v = [''.join(['ext:', 'abc']), 'plain', (''.join(['ext:', 'x']), 1), 7777]\n"
                + "print(' '.join(dumps(v, p).hex() for p in range(6)))\n";
        String[] lines = PythonRunnerLines.run(script);
        Function<Object, Object> pid = o -> o instanceof String s && s.startsWith("ext:") ? s.substring(4)
                : Integer.valueOf(7777).equals(o) ? 42 : null;
        List<Object> value = Arrays.asList(new String("ext:abc"), "plain", PyTuple.of(new String("ext:x"), 1), 7777);
        for (int p = 0; p < 6; p++) {
            assertThat(Pickler.builder().protocol(p).persistentId(pid).build().dumps(value))
                    .as("protocol %d", p).isEqualTo(hexPart(lines[0], p));
        }
        assertThatThrownBy(() -> Pickler.builder().protocol(0).persistentId(o -> "caf\u00e9").build().dumps(1))
                .isInstanceOf(PicklingException.class).hasMessageContaining("ASCII");
    }

    @Test
    void pickleBuffersMatchPython() {
        String script = "import pickle\n"
                + "v = [pickle.PickleBuffer(b'abc'), pickle.PickleBuffer(bytearray(b'xy'))]\n"
                + "v.append(v[0])\n"
                + "print(pickle.dumps(v, 5).hex())\n"
                + "print(pickle.dumps(v, 5, buffer_callback=lambda b: False).hex())\n"
                + "print(pickle.dumps(v, 5, buffer_callback=lambda b: True).hex())\n";
        String[] lines = PythonRunnerLines.run(script);
        PyPickleBuffer ro = new PyPickleBuffer(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)), true);
        PyPickleBuffer rw = new PyPickleBuffer(ByteBuffer.wrap("xy".getBytes(StandardCharsets.US_ASCII)), false);
        List<Object> value = List.of(ro, rw, ro);
        Pickler p5 = Pickler.builder().protocol(5).build();
        assertThat(p5.dumps(value)).isEqualTo(HexFormat.of().parseHex(lines[0]));
        List<PyPickleBuffer> outOfBand = new ArrayList<>();
        assertThat(p5.dumps(value, b -> !outOfBand.add(b))).isEqualTo(HexFormat.of().parseHex(lines[1]));
        assertThat(outOfBand).containsExactly(ro, rw, ro);
        assertThat(p5.dumps(value, b -> true)).isEqualTo(HexFormat.of().parseHex(lines[2]));
        assertThatThrownBy(() -> Pickle.dumps(ro, 4)).isInstanceOf(PicklingException.class)
                .hasMessageContaining("protocol >= 5");
    }

    @Test
    void reducersReplaceValuesAndKeepIdentity() {
        record Point(int x, int y) {
        }
        TypeRegistry registry = TypeRegistry.builder()
                .reducer(Point.class, pt -> PyObject.reduce(PyGlobal.of("__main__", "T"), PyTuple.of(pt.x(), pt.y())))
                .build();
        Point shared = new Point(1, 2);
        byte[] bytes = Pickler.builder().protocol(2).registry(registry).build().dumps(List.of(shared, shared));
        String script = "import pickle, sys\n"
                + "def T(*a): return ('T',) + a\n"
                + "v = pickle.loads(bytes.fromhex(sys.stdin.read()))\n"
                + "assert v[0] is v[1], v\n"
                + "sys.stdout.write(repr(v))\n";
        PythonRunner.requirePython();
        String repr = PythonRunner.run(script, HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII))
                .requireSuccess().stdoutText();
        assertThat(repr).isEqualTo("[('T', 1, 2), ('T', 1, 2)]");
    }

    @Test
    void failuresNameTheObjectPath() {
        Map<Object, Object> row = new LinkedHashMap<>();
        row.put("when", new Object());
        List<Object> root = Arrays.asList(1, 2, 3, row);
        assertThatThrownBy(() -> Pickle.dumps(root)).isInstanceOf(PicklingException.class)
                .hasMessageContaining("java.lang.Object").hasMessageContaining("root[3]['when']");
        assertThatThrownBy(() -> Pickle.dumps(PyTuple.of(1, List.of(new Thread())), 0))
                .isInstanceOf(PicklingException.class).hasMessageContaining("root[1][0]");
        assertThatThrownBy(() -> Pickle.dumps(java.time.LocalDate.of(0, 1, 1)))
                .isInstanceOf(PicklingException.class).hasMessageContaining("year 0");
    }

    @Test
    void depthIsLimitedNotAStackOverflow() {
        Object deep = 1;
        for (int i = 0; i < 1500; i++) {
            deep = List.of(deep);
        }
        Object value = deep;
        assertThatThrownBy(() -> Pickle.dumps(value)).isInstanceOf(PicklingException.class)
                .hasMessageContaining("maxDepth");
        byte[] bytes = Pickler.builder().maxDepth(2000).build().dumps(value);
        assertThat(bytes).hasSizeGreaterThan(1500 * 2);
        Object self = selfReferencing();
        assertThat(Pickle.dumps(self, 2)).isNotEmpty();
        Object veryDeep = 1;
        for (int i = 0; i < 200_000; i++) {
            veryDeep = List.of(veryDeep);
        }
        Object vd = veryDeep;
        assertThatThrownBy(() -> Pickler.builder().maxDepth(Integer.MAX_VALUE).build().dumps(vd))
                .isInstanceOf(PicklingException.class);
    }

    private static Object selfReferencing() {
        List<Object> l = new ArrayList<>();
        l.add(l);
        return l;
    }

    private static byte[] hexPart(String line, int p) {
        return HexFormat.of().parseHex(line.split(" ")[p]);
    }

    /** Runs a script and returns its stdout lines. */
    private static final class PythonRunnerLines {
        static String[] run(String script) {
            PythonRunner.requirePython();
            return PythonRunner.run(script, new byte[0]).requireSuccess().stdoutText().split("\n");
        }
    }
}
