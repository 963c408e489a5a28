package dev.picklewire.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.ChunkedInputStream;
import org.assertj.core.api.SoftAssertions;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.picklewire.PythonRunner;
import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table of odd and corrupt pickles. python3 loads each one; where CPython returns a value, picklewire must
 * return the value CPython describes; where CPython raises, picklewire must throw an UnpicklingException (never
 * another exception), in all three input shapes.
 */
class ReaderCorruptTest {
    /** Inputs in Python bytes-literal syntax (evaluated by python3, which hands back their hex). */
    static final List<String> INPUTS = List.of(
            "b'N.xyz'", "b'I010\\n.'", "b'I0o10\\n.'", "b'I0b11\\n.'", "b'I-0x10\\n.'", "b'I 0x10\\n.'",
            "b'I0x_10\\n.'", "b'I00\\n.'", "b'I000\\n.'", "b'I+5\\n.'", "b'I- 5\\n.'", "b'I\\t5\\n.'", "b'I5 \\n.'",
            "b'I0\\n.'", "b'I\\n.'", "b'I01\\n.'", "b'I001\\n.'", "b'I 1\\n.'", "b'I99999999999999999999999\\n.'",
            "b'I0777777777777777777777777\\n.'", "b'I1__0\\n.'", "b'I12'", "b'Ix\\n.'",
            "b'L0x10L\\n.'", "b'L010L\\n.'", "b'L 5L\\n.'", "b'L5\\n.'", "b'L5 L\\n.'", "b'L-5L\\n.'", "b'L1_0L\\n.'",
            "b'L\\n.'", "b'L00L\\n.'",
            "b'F 1.5\\n.'", "b'F1.5 \\n.'", "b'Finf\\n.'", "b'F+1.5\\n.'", "b'F.5\\n.'", "b'F5.\\n.'", "b'F1e5\\n.'",
            "b'Finfinity\\n.'", "b'FNAN\\n.'", "b'F-nan\\n.'", "b'F\\n.'", "b'F1.5x\\n.'", "b'F0x10\\n.'",
            "b'F1e-400\\n.'", "b'F1e999\\n.'", "b'F1_0\\n.'", "b'F-0.0\\n.'",
            "b'(]aa.'", "b'(N0.'", "b'}]]s.'", "b'\\x80\\x04\\x8f](\\x90.'", "b'(]]d.'", "b'\\x80\\x06N.'",
            "b'\\x80\\xffN.'", "b'h\\x07.'", "b'\\xff'", "b'\\x00'", "b'\\x80\\x02\\x8b\\x00\\x00\\x00\\x80'",
            "b'\\x95\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff.'", "b'\\x95\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x7f.'",
            "b'\\x95\\x00\\x00\\x00\\x80\\x00\\x00\\x00\\x00.'", "b'\\x95\\x10\\x00\\x00\\x00\\x00\\x00\\x00\\x00N.'",
            "b'\\x95\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00K\\x05.'",
            "b'Vab\\\\\\\\u0041\\n.'", "b\"S'\\\\x4'\\n.\"", "b'a'", "b'N(.'", "b'(.'", "b'0.'", "b'.'", "b'(N.'",
            "b'K\\x01K\\x02K\\x03\\x87\\x02.'",
            "b'T\\xff\\xff\\xff\\x7fab'", "b'T\\x00\\x00\\x00\\x80ab'", "b'T\\xff\\xff\\xff\\xffab'",
            "b'X\\xff\\xff\\xff\\xffab'", "b'X\\x00\\x00\\x00\\x80ab'", "b'B\\xff\\xff\\xff\\xffab'",
            "b'B\\x00\\x00\\x00\\x80ab'",
            "b'\\x8e\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x7fab'", "b'\\x8e\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80ab'",
            "b'\\x8e\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xffab'", "b'\\x8d\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x7fab'",
            "b'\\x8d\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xffab'", "b'\\x96\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x7fab'",
            "b'\\x96\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xffab'", "b'\\x8b\\xff\\xff\\xff\\x7fab'",
            "b'\\x8a\\xffab'", "b'\\x8a\\x00.'", "b'\\x8a\\x01\\xff.'", "b'\\x8a\\x09\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\xff.'",
            "b'C\\x05ab'", "b'U\\x05ab'", "b'\\x8c\\x05ab'",
            "b'U\\x02\\xc3\\xa9.'", "b'\\x80\\x02U\\x01\\xe9.'", "b'U\\x02ab.'",
            "b'p-1\\n.'", "b'Na.'", "b'N]s.'", "b'(K\\x01K\\x02d.'", "b'(K\\x01d.'", "b'Pabc\\n.'", "b'N\\x51.'",
            "b'\\x97.'", "b'\\x82\\x00.'", "b'\\x82\\x05.'", "b'\\x83\\x00\\x00.'", "b'\\x84\\xff\\xff\\xff\\xff.'",
            "b'J\\x01\\x00\\x00\\x00\\x94h\\x00h\\x01.'",
            "b'Nr\\xfe\\xff\\xff\\xffj\\xff\\xff\\xff\\xff.'",
            "b'Np99999999999999999999\\n.'", "b'Ng0\\n.'", "b'Np0\\ng 0\\n.'", "b'Npx\\n.'", "b'Np\\n.'",
            "b\"S'abc'\\n.\"", "b'S\"abc\"\\n.'", "b\"S'abc\\n.\"", "b\"S'\\\\n\\\\x41\\\\101\\\\q'\\n.\"", "b'Sabc\\n.'",
            "b\"S'\\n.\"", "b\"S''\\n.\"", "b\"S'a\\\\'\\n.\"",
            "b'Vcaf\\xe9\\\\u20ac\\\\U0001f600\\n.'", "b'V\\\\u12\\n.'", "b'V\\\\U00110000\\n.'", "b'V\\\\\\\\u0041\\n.'",
            "b'\\x8c\\x01\\xff.'", "b'\\x8c\\x03\\xed\\xa0\\x80.'", "b'\\x8c\\x02\\xc3(.'", "b'\\x8c\\x02\\xc0\\x80.'",
            "b'\\x8c\\x04\\xf4\\x90\\x80\\x80.'", "b'\\x8c\\x03\\xe0\\x80\\x80.'", "b'\\x8c\\x02\\xc3\\xa9.'",
            "b'\\x8c\\x04\\xf0\\x9f\\x98\\x80.'", "b'\\x8c\\x01\\xc3.'",
            "b'2.'", "b'(N2t.'", "b'1.'", "b'(N1N.'", "b'K\\x01K\\x02\\x93.'",
            "b'\\x8c\\x08builtins\\x8c\\x04list\\x93]R.'", "b'\\x8c\\x08builtins\\x8c\\x06object\\x93]\\x81.'",
            "b']}b.'", "b')Na.'", "b']NNs.'", "b'](\\x90.'", "b'](e.'", "b'K\\x01(u.'", "b'(]\\x91.'", "b'\\x8f(]\\x90.'",
            "b'N\\x86.'", "b'\\x80\\x05N.'", "b'\\x80\\x00N.'", "b'K\\x01\\x98.'", "b'C\\x01a\\x98.'",
            "b'\\x95\\x03\\x00\\x00\\x00\\x00\\x00\\x00\\x00K\\x01.'", "b'(((K\\x01tK\\x02tK\\x03t.'",
            "b'\\x80\\x02cdatetime\\ndate\\nC\\x04\\x07\\xe4\\x0d\\x01\\x85R.'",
            "b'\\x80\\x02c_codecs\\nencode\\nX\\x02\\x00\\x00\\x00\\xc4\\x80X\\x06\\x00\\x00\\x00latin1\\x86R.'",
            "b'\\x80\\x02cbuiltins\\nset\\n]]a\\x85R.'",
            "b'\\x80\\x04\\x95\\x05\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x95\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00N.'");

    private static List<String[]> expected;

    @BeforeAll
    static void runPython() throws IOException {
        PythonRunner.requirePython();
        String lib;
        try (InputStream in = ReaderCorruptTest.class.getResourceAsStream("/reader/describe.py")) {
            lib = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        lib = lib.substring(0, lib.indexOf("# --- values"));
        String script = lib + String.join("\n",
                "import sys",
                "for line in sys.stdin.read().splitlines():",
                "    data = eval(line)",
                "    try:",
                "        out = 'ok\\t' + d(pickle.loads(data))",
                "    except Exception as e:",
                "        out = 'error\\t' + type(e).__name__ + ': ' + str(e).replace('\\n', ' ')",
                "    print(data.hex() + '\\t' + out)",
                "");
        byte[] stdin = String.join("\n", INPUTS).getBytes(StandardCharsets.UTF_8);
        String out = PythonRunner.run(script, stdin).requireSuccess().stdoutText();
        expected = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                expected.add(line.split("\t", 3));
            }
        }
    }

    @Test
    void behavesLikeCPython() throws IOException {
        assertThat(expected).hasSize(INPUTS.size());
        SoftAssertions soft = new SoftAssertions();
        for (String[] e : expected) {
            byte[] data = HexFormat.of().parseHex(e[0]);
            for (ReaderValuesTest.Shape shape : ReaderValuesTest.Shape.values()) {
                String what = INPUTS.get(expected.indexOf(e)) + " " + shape + " (CPython: " + e[1] + " " + e[2] + ")";
                Object[] result = new Object[1];
                Throwable t = catchThrowable(() -> result[0] = load(shape, data));
                if (e[1].equals("ok")) {
                    soft.assertThat(t).as(what).isNull();
                    soft.assertThat(t == null ? ReaderValuesTest.describe(result[0]) : "").as(what).isEqualTo(e[2]);
                } else {
                    soft.assertThat(t).as(what).isInstanceOf(UnpicklingException.class);
                }
            }
        }
        soft.assertAll();
    }

    private static Object load(ReaderValuesTest.Shape shape, byte[] data) throws IOException {
        if (shape == ReaderValuesTest.Shape.ARRAY) {
            return Unpickler.defaults().loads(data);
        }
        InputStream raw = new ByteArrayInputStream(data);
        return Unpickler.defaults().load(shape == ReaderValuesTest.Shape.BUFFERED
                ? new java.io.BufferedInputStream(raw, 16) : ChunkedInputStream.oneByte(data));
    }
}
