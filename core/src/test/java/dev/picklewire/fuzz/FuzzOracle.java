package dev.picklewire.fuzz;

import dev.picklewire.ChunkedInputStream;
import dev.picklewire.Pickle;
import dev.picklewire.PickleException;
import dev.picklewire.Unpickler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.Random;

/**
 * What every input must do: {@code loads} returns a value or throws a {@link PickleException}; the stream
 * reader, fed the same bytes in random chunks, ends the same way (same repr of the value, or the same exception
 * class and message); nothing else escapes (no other RuntimeException, no Error). Hangs are the caller's
 * watchdog's business. Stateless apart from the Unpickler; thread-safe.
 */
final class FuzzOracle {
    private final Unpickler unpickler;
    private long valuesLoaded;

    FuzzOracle(Unpickler unpickler) {
        this.unpickler = unpickler;
    }

    /** How many checked inputs loaded to a value (the rest ended in an exception); for statistics. */
    long valuesLoaded() {
        return valuesLoaded;
    }

    /** Null when the input behaved, else a description of what went wrong. */
    String check(byte[] input, long chunkSeed) {
        Outcome whole = outcomeOfLoads(input);
        if (whole.failure != null) {
            return "loads(byte[]): " + whole.failure;
        }
        Outcome stream = outcomeOfStream(input, chunkSeed);
        if (stream.failure != null) {
            return "load(InputStream): " + stream.failure;
        }
        boolean emptyStream = input.length == 0 && stream.summary.startsWith("java.io.EOFException");
        if (!Objects.equals(kind(whole.summary), kind(stream.summary)) && !streamOnlyLimit(stream.summary)
                && !emptyStream) {
            return "loads(byte[]) and load(InputStream) disagree:\n  loads: " + whole.summary + "\n  load:  "
                    + stream.summary;
        }
        return null;
    }

    // An empty stream is an EOFException ("Ran out of input", as Python's EOFError), so a caller can tell the end
    // of a stream of pickles from a bad one; an empty byte[] is bad data. Both are right.

    /**
     * What must agree: the repr of a value, or the exception class. Messages may differ (a stream cannot know
     * how many bytes are left, so it words a length beyond reach differently from loads).
     */
    private static String kind(String summary) {
        return summary.startsWith("value") ? summary : summary.substring(0, summary.indexOf(':'));
    }

    /**
     * A stream is bounded by maxInputBytes before its bytes arrive, a byte[] by its own length (Limits javadoc):
     * a declared frame or length beyond the limit is refused by the stream reader where loads finds truncation.
     */
    private static boolean streamOnlyLimit(String streamSummary) {
        return streamSummary.startsWith("dev.picklewire.PickleLimitException") && streamSummary.contains("maxInputBytes");
    }

    /** How one load ended: a summary (repr or exception class and message) or a failure to report. */
    private record Outcome(String summary, String failure) {
    }

    private Outcome outcomeOfLoads(byte[] input) {
        try {
            Object value = unpickler.loads(input);
            valuesLoaded++;
            return valueOutcome(value);
        } catch (PickleException e) {
            return new Outcome(e.getClass().getName() + ": " + e.getMessage(), null);
        } catch (Throwable t) {
            return new Outcome(null, stackTrace(t));
        }
    }

    private Outcome outcomeOfStream(byte[] input, long chunkSeed) {
        try {
            return valueOutcome(unpickler.load(chunked(input, new Random(chunkSeed))));
        } catch (PickleException e) {
            return new Outcome(e.getClass().getName() + ": " + e.getMessage(), null);
        } catch (IOException e) {
            // The chunked stream never fails, so an IOException is the reader's own: fine, but summarised.
            return new Outcome(e.getClass().getName() + ": " + e.getMessage(), null);
        } catch (Throwable t) {
            return new Outcome(null, stackTrace(t));
        }
    }

    /** Repr of the value, which must itself end in a string or a PickleException (it may refuse huge output). */
    private static Outcome valueOutcome(Object value) {
        try {
            return new Outcome("value " + Pickle.repr(value), null);
        } catch (PickleException e) {
            return new Outcome("value whose repr refused: " + e.getClass().getName(), null);
        } catch (Throwable t) {
            return new Outcome(null, "Pickle.repr of the loaded value: " + stackTrace(t));
        }
    }

    /** Reads of 1 or 2 bytes half the time, else 1 to 64: tiny reads stress the reader's refills. */
    static ChunkedInputStream chunked(byte[] input, Random random) {
        return new ChunkedInputStream(input, () -> 1 + random.nextInt(random.nextBoolean() ? 2 : 64));
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
    }

}
