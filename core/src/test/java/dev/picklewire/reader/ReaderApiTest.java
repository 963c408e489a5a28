package dev.picklewire.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.picklewire.ChunkedInputStream;
import dev.picklewire.ForbiddenGlobalException;
import dev.picklewire.Limits;
import dev.picklewire.PickleLimitException;
import dev.picklewire.PythonRunner;
import dev.picklewire.TypeRegistry;
import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import dev.picklewire.types.PyGlobal;
import dev.picklewire.types.PyObject;
import dev.picklewire.types.PyPickleBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reader's policies: strict mode, limits, persistent ids, out-of-band buffers, Python 2 string encodings,
 * registry constructors and extension codes, stream framing. Pickles come from python3 wherever CPython can
 * write them; the expected Python-side values are described by python3 too.
 */
class ReaderApiTest {
    private static Map<String, byte[]> py;

    @BeforeAll
    static void runPython() {
        PythonRunner.requirePython();
        String script = String.join("\n",
                "import pickle, io, os, builtins, subprocess, uuid, collections",
                "class P(pickle.Pickler):",
                "    def persistent_id(self, obj):",
                "        return 'ID-' + obj if isinstance(obj, str) and obj.startswith('p') else None",
                "def persist(proto):",
                "    f = io.BytesIO(); P(f, protocol=proto).dump(['pa', 'x']); return f.getvalue()",
                "Point = collections.namedtuple('Point', 'x y')",
                "Point.__module__ = 'geometry'",
                "import sys, types; sys.modules['geometry'] = types.ModuleType('geometry'); sys.modules['geometry'].Point = Point",
                "p = Point(1, 2)",
                "u = uuid.UUID(int=7)",
                "out = {",
                "  'system0': pickle.dumps(os.system, 0), 'system4': pickle.dumps(os.system, 4),",
                "  'eval0': pickle.dumps(builtins.eval, 0), 'eval4': pickle.dumps(builtins.eval, 4),",
                "  'popen0': pickle.dumps(subprocess.Popen, 0), 'popen4': pickle.dumps(subprocess.Popen, 4),",
                "  'persist0': persist(0), 'persist2': persist(2),",
                "  'buffers': pickle.dumps([pickle.PickleBuffer(bytearray(b'abc')), pickle.PickleBuffer(b'xy')], 5,",
                "                          buffer_callback=lambda b: False),",
                "  'points': pickle.dumps([p, p, (p,)], 2), 'uuids2': pickle.dumps([u, u], 2), 'uuids0': pickle.dumps([u, u], 0),",
                "  'stream': pickle.dumps({1: 'hi'}, 0) + pickle.dumps([1.5, None], 2) + pickle.dumps(('x', b'y'), 5),",
                "}",
                "for k, v in out.items(): print(k, v.hex())", "");
        py = new java.util.HashMap<>();
        for (String line : PythonRunner.run(script, new byte[0]).requireSuccess().stdoutText().split("\n")) {
            if (!line.isBlank()) {
                String[] kv = line.split(" ");
                py.put(kv[0], HexFormat.of().parseHex(kv[1]));
            }
        }
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void dangerousGlobalsAreOnlyNamesByDefaultAndRefusedInStrictMode() {
        Unpickler strict = Unpickler.builder().strict(true).build();
        Map<String, String> expected = Map.of("system", "posix.system", "eval", "builtins.eval",
                "popen", "subprocess.Popen");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            for (String proto : List.of("0", "4")) {
                byte[] data = py.get(e.getKey() + proto);
                assertThat(Unpickler.defaults().loads(data)).isInstanceOf(PyGlobal.class)
                        .extracting(g -> ((PyGlobal) g).qualifiedName()).isEqualTo(e.getValue());
                assertThatThrownBy(() -> strict.loads(data)).isInstanceOf(ForbiddenGlobalException.class)
                        .hasMessageContaining(e.getValue()).hasMessageContaining("at offset");
            }
        }
        // A call is recorded, never made.
        byte[] call = latin1("cos\nsystem\n(S'echo pwned'\ntR.");
        assertThat(Unpickler.defaults().loads(call)).isInstanceOf(PyObject.class);
        assertThatThrownBy(() -> strict.loads(call)).isInstanceOf(ForbiddenGlobalException.class)
                .hasMessage("global 'os.system' is forbidden in strict mode at offset 0 (GLOBAL)");
        byte[] runtime = latin1("\u0080\u0004\u008c\u0009java.lang\u008c\u0007Runtime\u0093)R.");
        assertThat(Unpickler.defaults().loads(runtime)).isInstanceOf(PyObject.class);
        assertThatThrownBy(() -> strict.loads(runtime)).isInstanceOf(ForbiddenGlobalException.class)
                .hasMessageContaining("java.lang.Runtime").hasMessageContaining("(STACK_GLOBAL)");
        Unpickler allowing = Unpickler.builder().strict(true).allowGlobal("java.lang", "Runtime").build();
        assertThat(allowing.loads(runtime)).isInstanceOf(PyObject.class);
    }

    @Test
    void limitsStopHostileShapes() {
        byte[] marks = new byte[1_000_001];
        Arrays.fill(marks, (byte) '(');
        assertThatThrownBy(() -> Unpickler.defaults().loads(marks)).isInstanceOf(PickleLimitException.class)
                .hasMessageContaining("maxDepth").hasMessageContaining("(MARK)");
        // A million nested lists without a single MARK: ]]]...aaa
        byte[] nestedLists = new byte[2_000_000];
        Arrays.fill(nestedLists, 0, 1_000_000, (byte) ']');
        Arrays.fill(nestedLists, 1_000_000, 1_999_999, (byte) 'a');
        nestedLists[1_999_999] = '.';
        assertThatThrownBy(() -> Unpickler.defaults().loads(nestedLists)).isInstanceOf(PickleLimitException.class)
                .hasMessageContaining("nesting depth 1001").hasMessageContaining("maxDepth");
        // Nested 1-tuples and dicts likewise.
        byte[] tuples = ("\u0080\u0002N" + "\u0085".repeat(2000) + ".").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Unpickler.defaults().loads(tuples)).isInstanceOf(PickleLimitException.class)
                .hasMessageContaining("maxDepth");
        assertThat(Unpickler.builder().limits(Limits.builder().maxDepth(5000).build()).build().loads(tuples))
                .isNotNull();
        byte[] lists = new byte[1_000_001];
        Arrays.fill(lists, (byte) ']');
        Unpickler small = Unpickler.builder().limits(Limits.builder().maxContainerSize(1000).build()).build();
        assertThatThrownBy(() -> small.loads(lists)).isInstanceOf(PickleLimitException.class)
                .hasMessageContaining("maxContainerSize");
        assertThatThrownBy(() -> Unpickler.builder().limits(Limits.builder().maxMemo(10).build()).build()
                .loads(latin1("N\u0094\u0094\u0094\u0094\u0094\u0094\u0094\u0094\u0094\u0094\u0094.")))
                .isInstanceOf(PickleLimitException.class).hasMessageContaining("maxMemo");
        byte[] digits = ("I" + "9".repeat(4301) + "\n.").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Unpickler.defaults().loads(digits)).isInstanceOf(PickleLimitException.class)
                .hasMessageContaining("4300").hasMessageContaining("maxIntDigits");
        assertThatThrownBy(() -> Unpickler.builder().limits(Limits.builder().maxLongBytes(4).build()).build()
                .loads(latin1("\u008b\u0005\u0000\u0000\u0000\u0001\u0002\u0003\u0004\u0005.")))
                .isInstanceOf(PickleLimitException.class).hasMessageContaining("maxLongBytes");
    }

    @Test
    void hugeDeclaredLengthsFailFastOnStreams() {
        // 2^40 bytes declared, 3 present: the default input limit refuses before reading.
        byte[] data = latin1("\u008e\u0000\u0000\u0000\u0000\u0000\u0001\u0000\u0000abc");
        assertThatThrownBy(() -> Unpickler.defaults().load(new ByteArrayInputStream(data)))
                .isInstanceOf(PickleLimitException.class).hasMessageContaining("maxInputBytes");
        // With the limit raised, the reader grows its buffer only as bytes arrive, and ends truncated.
        Unpickler lax = Unpickler.builder().limits(Limits.builder().maxInputBytes(Long.MAX_VALUE).build()).build();
        byte[] mid = latin1("\u008e\u0000\u0000\u0000\u0070\u0000\u0000\u0000\u0000abc");
        assertThatThrownBy(() -> lax.load(new ByteArrayInputStream(mid))).isInstanceOf(UnpicklingException.class)
                .hasMessage("pickle data was truncated at offset 0 (BINBYTES8)");
        assertThatThrownBy(() -> Unpickler.defaults().loads(mid))
                .hasMessage("pickle data was truncated at offset 0 (BINBYTES8)");
    }

    @Test
    void memoKeysNearTwoToThe32UseNoDenseArray() {
        // CPython itself runs out of memory here; picklewire keeps the key in a small map.
        byte[] data = latin1("Nr\u00ff\u00ff\u00ff\u00ffj\u00ff\u00ff\u00ff\u00ff\u0086.");
        assertThat(ReaderValuesTest.describe(Unpickler.defaults().loads(data))).isEqualTo("tuple(None,None)");
    }

    @Test
    void errorMessagesNameOffsetAndOpcode() {
        assertThatThrownBy(() -> Unpickler.defaults().loads(latin1("\u0080\u0002]q\u0000h\u0007.")))
                .hasMessage("memo key 7 not defined at offset 5 (BINGET)");
        assertThatThrownBy(() -> Unpickler.defaults().loads(latin1("N\u00ff")))
                .hasMessage("invalid load key, '\\xff' at offset 1");
        assertThatThrownBy(() -> Unpickler.defaults().loads(latin1("\u0080\u0006N.")))
                .hasMessage("unsupported pickle protocol: 6 at offset 0 (PROTO)");
        assertThatThrownBy(() -> Unpickler.defaults().loads(latin1("X\u0005\u0000\u0000\u0000ab")))
                .hasMessage("pickle data was truncated at offset 0 (BINUNICODE)");
        assertThatThrownBy(() -> Unpickler.defaults().loads(latin1("}]]s.")))
                .hasMessage("unhashable type: 'list' at offset 3 (SETITEM)");
        assertThatThrownBy(() -> Unpickler.defaults().loads(latin1("Na.")))
                .hasMessage("unpickling stack underflow at offset 1 (APPEND)");
        assertThatThrownBy(() -> Unpickler.defaults().loads(latin1("Nt.")))
                .hasMessage("could not find MARK at offset 1 (TUPLE)");
    }

    @Test
    void persistentIdsGoThroughTheHook() {
        for (String key : List.of("persist0", "persist2")) {
            assertThatThrownBy(() -> Unpickler.defaults().loads(py.get(key)))
                    .hasMessageStartingWith("A load persistent id instruction was encountered, but no persistent_load"
                            + " function was specified.");
            Unpickler hooked = Unpickler.builder().persistentLoad(id -> "loaded:" + id).build();
            assertThat(hooked.loads(py.get(key))).isEqualTo(List.of("loaded:ID-pa", "x"));
        }
    }

    @Test
    void outOfBandBuffersAreTheCallersObjects() {
        // Like CPython's load_next_buffer, the supplied object itself comes back (a byte[] stays a byte[]); a
        // ByteBuffer has no Python twin and becomes a PyPickleBuffer, read-only after READONLY_BUFFER.
        byte[] data = py.get("buffers");
        byte[] abc = {'a', 'b', 'c'};
        List<Object> buffers = List.of(abc, ByteBuffer.wrap(new byte[] {'x', 'y'}));
        List<?> value = (List<?>) Unpickler.defaults().loads(data, 0, data.length, buffers);
        assertThat(value.get(0)).isSameAs(abc);
        PyPickleBuffer second = (PyPickleBuffer) value.get(1);
        assertThat(second.readOnly()).isTrue();
        assertThat(second.size()).isEqualTo(2);
        assertThatThrownBy(() -> Unpickler.defaults().loads(data))
                .hasMessageContaining("no *buffers* argument was given");
        assertThatThrownBy(() -> Unpickler.defaults().loads(data, 0, data.length, List.of(new byte[1])))
                .hasMessageContaining("not enough out-of-band buffers");
    }

    @Test
    void python2StringsFollowTheEncodingOption() {
        byte[] s = latin1("U\u0002\u00e9t.");
        assertThatThrownBy(() -> Unpickler.defaults().loads(s)).isInstanceOf(UnpicklingException.class)
                .hasMessageContaining("ascii");
        assertThat(Unpickler.builder().encoding("latin1").build().loads(s)).isEqualTo("\u00e9t");
        assertThat((byte[]) Unpickler.builder().encoding("bytes").build().loads(s)).containsExactly(0xe9, 't');
        assertThat(Unpickler.builder().encoding("utf-8").build().loads(latin1("S'\\xc3\\xa9'\n."))).isEqualTo("\u00e9");
    }

    @Test
    void registryConstructorsReplaceObjectsKeepingSharing() {
        TypeRegistry registry = TypeRegistry.builder()
                .constructor("geometry", "Point", o -> List.of(o.args().get(0), o.args().get(1))).build();
        List<?> value = (List<?>) Unpickler.builder().registry(registry).build().loads(py.get("points"));
        assertThat(value.get(0)).isEqualTo(List.of(1, 2));
        assertThat(value.get(1)).isSameAs(value.get(0));
        // Without the constructor the namedtuple is a generic object.
        List<?> raw = (List<?>) Unpickler.defaults().loads(py.get("points"));
        assertThat(raw.get(0)).isInstanceOf(PyObject.class).isSameAs(raw.get(1));
    }

    @Test
    void extensionCodesResolveThroughTheRegistry() {
        TypeRegistry registry = TypeRegistry.builder().extension(5, "geometry", "Point").build();
        assertThat(Unpickler.builder().registry(registry).build().loads(latin1("\u0080\u0002\u0082\u0005.")))
                .isEqualTo(PyGlobal.of("geometry", "Point"));
        assertThatThrownBy(() -> Unpickler.defaults().loads(latin1("\u0080\u0002\u0082\u0005.")))
                .hasMessage("unregistered extension code 5 at offset 2 (EXT1)");
    }

    @Test
    void uuidsBecomeJavaUuidsAlsoInTheMemo() {
        for (String key : List.of("uuids2", "uuids0")) {
            List<?> value = (List<?>) Unpickler.defaults().loads(py.get(key));
            assertThat(value.get(0)).isEqualTo(new UUID(0, 7)).isSameAs(value.get(1));
        }
    }

    @Test
    void picklesBackToBackOnOneStream() throws IOException {
        byte[] data = py.get("stream");
        for (ReaderValuesTest.Shape shape : List.of(ReaderValuesTest.Shape.BUFFERED, ReaderValuesTest.Shape.ONE_BYTE)) {
            InputStream raw = new ByteArrayInputStream(data);
            InputStream in = shape == ReaderValuesTest.Shape.BUFFERED ? new java.io.BufferedInputStream(raw, 7)
                    : ChunkedInputStream.oneByte(data);
            assertThat(ReaderValuesTest.describe(Unpickler.defaults().load(in)))
                    .isEqualTo("dict{int:1:Integer:str:00680069}");
            assertThat(ReaderValuesTest.describe(Unpickler.defaults().load(in)))
                    .isEqualTo("list[float:3ff8000000000000,None]");
            assertThat(ReaderValuesTest.describe(Unpickler.defaults().load(in))).isEqualTo("tuple(str:0078,bytes:79)");
            assertThatThrownBy(() -> Unpickler.defaults().load(in)).isInstanceOf(java.io.EOFException.class);
        }
        // loads(byte[]) ignores what follows STOP, as pickle.loads does.
        assertThat(ReaderValuesTest.describe(Unpickler.defaults().loads(data))).isEqualTo("dict{int:1:Integer:str:00680069}");
    }


}
