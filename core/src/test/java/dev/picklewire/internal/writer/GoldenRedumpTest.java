package dev.picklewire.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.picklewire.Pickle;
import dev.picklewire.Unpickler;
import dev.picklewire.golden.GoldenVector;
import dev.picklewire.golden.GoldenVectors;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Load-then-dump over the committed CPython golden vectors: for every vector CPython itself re-dumps
 * identically, picklewire's dump of picklewire's load must give the same bytes. Needs the reader; until it
 * lands (the placeholder throws UnsupportedOperationException) the test is skipped.
 */
class GoldenRedumpTest {
    @Test
    void loadThenDumpReproducesCPythonBytes() {
        Assumptions.assumeTrue(readerWorks(), "the reader is not written yet");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (GoldenVector v : GoldenVectors.redumpable()) {
            checked++;
            try {
                Object value = Unpickler.builder().build().loads(v.pickle());
                byte[] again = Pickle.dumps(value, v.protocol());
                if (!java.util.Arrays.equals(again, v.pickle())) {
                    failures.add(v.name() + " p" + v.protocol() + ": expected " + HexFormat.of().formatHex(v.pickle())
                            + " got " + HexFormat.of().formatHex(again));
                }
            } catch (RuntimeException e) {
                failures.add(v.name() + " p" + v.protocol() + ": " + e);
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(failures).as("%d of %d vectors differ", failures.size(), checked).isEmpty();
    }

    private static boolean readerWorks() {
        try {
            Pickle.loads(new byte[] {(byte) 0x80, 2, 'N', '.'});
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
