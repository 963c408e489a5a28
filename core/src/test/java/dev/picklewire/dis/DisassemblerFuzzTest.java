package dev.picklewire.dis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Disassembler;
import dev.picklewire.PythonRunner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fresh random damage each run (the seed is printed, and named in any failure): valid pickles from the corpus
 * with bytes flipped, inserted, deleted and duplicated, disassembled by picklewire and by live pickletools.
 * Set {@code -Dpicklewire.seed=N} to replay a run.
 */
class DisassemblerFuzzTest {
    private static final String PY_DIS = String.join("\n",
            "import io, pickletools, sys",
            "for line in sys.stdin.read().split():",
            "    out = io.StringIO()",
            "    try: pickletools.dis(bytes.fromhex(line), out=out)",
            "    except Exception as e: out.write('!%s: %s\\n' % (type(e).__name__, e))",
            "    sys.stdout.write(out.getvalue() + '\\x00')");

    @Test
    void randomDamageDisassemblesLikePickletools() {
        PythonRunner.requirePython();
        long seed = Long.getLong("picklewire.seed", System.nanoTime());
        System.out.println("DisassemblerFuzzTest seed " + seed);
        Random rnd = new Random(seed);
        List<byte[]> valid = new ArrayList<>();
        for (DisCases.Case c : DisCases.load()) {
            if (c.name().matches("v\\d+_p\\d") && !c.expected().contains("\n!")) {
                valid.add(c.pickle());
            }
        }
        List<byte[]> damaged = new ArrayList<>();
        StringBuilder stdin = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            byte[] d = damage(valid.get(rnd.nextInt(valid.size())), rnd);
            damaged.add(d);
            stdin.append(HexFormat.of().formatHex(d)).append('\n');  // never empty: damage keeps one byte
        }
        String[] expected = PythonRunner.run(PY_DIS, stdin.toString().getBytes(StandardCharsets.US_ASCII))
                .requireSuccess().stdoutText().split("\u0000", -1);
        for (int i = 0; i < damaged.size(); i++) {
            assertThat(DisCases.actual(Disassembler.defaults(), damaged.get(i)))
                    .as("seed %d, case %d: %s", seed, i, HexFormat.of().formatHex(damaged.get(i)))
                    .isEqualTo(expected[i]);
        }
    }

    private static byte[] damage(byte[] original, Random rnd) {
        List<Byte> b = new ArrayList<>();
        for (byte x : original) {
            b.add(x);
        }
        for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
            int i = rnd.nextInt(b.size());
            switch (rnd.nextInt(4)) {
                case 0 -> b.set(i, (byte) rnd.nextInt(256));
                case 1 -> b.add(i, (byte) rnd.nextInt(256));
                case 2 -> {
                    if (b.size() > 1) {
                        b.remove(i);
                    }
                }
                default -> b.addAll(i, new ArrayList<>(b.subList(i, Math.min(b.size(), i + 1 + rnd.nextInt(6)))));
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }
}
