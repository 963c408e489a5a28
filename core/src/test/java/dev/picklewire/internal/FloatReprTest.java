package dev.picklewire.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.PythonRunner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatReprTest {
    private static final String PY = "import sys, struct\n"
            + "out = []\n"
            + "for line in sys.stdin:\n"
            + "    out.append(repr(struct.unpack('<d', struct.pack('<q', int(line)))[0]))\n"
            + "sys.stdout.write('\\n'.join(out) + '\\n')\n";

    @Test
    void edgeCasesMatchPython() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e16, 1e15, 9999999999999998.0,
            1e-4, 1e-5, 0.0001, 0.00001234, 123456789012345680.0, 1e22, 1e23, 5e-324, Double.MIN_NORMAL,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            2.0, 4.0, 1024.0, Math.pow(2, 60), Math.pow(2, -1022), Math.pow(2, -1074) * 3, 9007199254740993.0,
            1.7976931348623157e308, 2.2250738585072014e-308, 2.225073858507201e-308, 4.9e-324, 100.0, 123.456,
            1.5e300, 0.5, 0.25, 1e100, 1e-100, 12345678.9, 1234567890123456.7, 0.000123, 5e-5, Math.PI, Math.E};
        List<Long> bits = new ArrayList<>();
        for (double d : edges) {
            bits.add(Double.doubleToRawLongBits(d));
        }
        for (int e = -1074; e <= 1023; e++) {
            // every power of two: the lopsided rounding interval
            double p = Math.scalb(1.0, e);
            bits.add(Double.doubleToRawLongBits(p));
            bits.add(Double.doubleToRawLongBits(Math.nextUp(p)));
            bits.add(Double.doubleToRawLongBits(Math.nextDown(p)));
        }
        compare(bits, -1);
    }

    @Test
    void randomDoublesMatchPython() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> bits = new ArrayList<>();
        for (int i = 0; i < 120_000; i++) {
            double d;
            switch (i % 4) {
                case 0 -> d = Double.longBitsToDouble(random.nextLong());
                case 1 -> d = random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
                case 2 -> d = Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(0, 8));
                default -> d = Double.longBitsToDouble(random.nextLong(0, 0x0010_0000_0000_0000L));
            }
            bits.add(Double.doubleToRawLongBits(d));
        }
        compare(bits, seed);
    }

    private static void compare(List<Long> bits, long seed) {
        StringBuilder in = new StringBuilder();
        for (long b : bits) {
            in.append(b).append('\n');
        }
        PythonRunner.requirePython();
        String[] expected = PythonRunner.run(PY, in.toString().getBytes(StandardCharsets.UTF_8))
                .requireSuccess().stdoutText().split("\n");
        assertThat(expected).hasSize(bits.size());
        for (int i = 0; i < bits.size(); i++) {
            double d = Double.longBitsToDouble(bits.get(i));
            assertThat(FloatRepr.repr(d)).as("repr of bits %x (seed %d)", bits.get(i), seed).isEqualTo(expected[i]);
        }
    }
}
