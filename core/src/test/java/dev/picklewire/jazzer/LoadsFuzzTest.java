package dev.picklewire.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import dev.picklewire.Unpickler;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the reader with Jazzer; compiled and run only with {@code -Pjazzer} (see
 * RELIABILITY.md). Without JAZZER_FUZZ=1 it replays its corpus as a normal test; with it, it fuzzes.
 * A value or a PickleException is fine; anything else Jazzer reports as a finding.
 */
class LoadsFuzzTest {
    private static final Unpickler STRICT = Unpickler.builder().strict(true).build();

    @FuzzTest(maxDuration = "5m")
    void loads(byte[] data) {
        try {
            Object value = Pickle.loads(data);
            try {
                Pickle.repr(value);
            } catch (PickleException refused) {
                // repr may refuse exponential or huge output
            }
            if (value != null) {
                value.hashCode();
            }
        } catch (PickleException expected) {
            // bad input, cleanly refused
        } catch (NullPointerException e) {
            // a loaded None is null: only an NPE from the reader itself is a finding
            if (e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().startsWith("dev.picklewire")) {
                throw e;
            }
        }
        try {
            STRICT.load(new ByteArrayInputStream(data));
        } catch (PickleException | IOException expected) {
            // bad input, cleanly refused
        }
    }
}
