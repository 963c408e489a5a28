package dev.picklewire.hostile;

import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import java.io.ByteArrayInputStream;

/**
 * Child-JVM entry point (run with a small -Xmx): loads every huge-length case as byte[] and as a stream and
 * prints {@code cases=N failures=F}; any outcome other than UnpicklingException is a failure, printed.
 */
public final class HugeLengthsChild {
    private HugeLengthsChild() {
    }

    public static void main(String[] args) {
        int failures = 0;
        int cases = 0;
        for (HostileCases.Case c : HostileCases.hugeLengths()) {
            cases++;
            for (int shape = 0; shape < 2; shape++) {
                try {
                    if (shape == 0) {
                        Unpickler.defaults().loads(c.data());
                    } else {
                        Unpickler.defaults().load(new ByteArrayInputStream(c.data()));
                    }
                    failures++;
                    System.out.println("FAIL " + c.name() + " shape " + shape + ": loaded a value");
                } catch (UnpicklingException expected) {
                    // the only right outcome
                } catch (Throwable t) {
                    failures++;
                    System.out.println("FAIL " + c.name() + " shape " + shape + ": " + t);
                }
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("cases=" + cases + " failures=" + failures + " maxHeap=" + rt.maxMemory());
        System.exit(failures == 0 ? 0 : 1);
    }
}
