package dev.picklewire.golden;

import java.util.List;

/**
 * One golden vector: what CPython wrote (or, for a hand-written Python 2 era pickle, what it reads) for one case
 * at one protocol, as stored by {@code tools/golden/generate.py}.
 *
 * <p>Text fields that hold a Python error instead of a value start with {@code '!'} followed by
 * {@code ExceptionName: message} (see {@link #isError(String)}); no Python repr starts with {@code '!'}.
 * Object addresses are normalized to {@code " at 0x0"} and recursion ids to {@code "id=0"}
 * ({@link #hasAddress()} says when that happened). Immutable apart from the arrays, which callers must not change.
 *
 * @param name        case name, {@code [a-z0-9_]+}, the same for all six protocols of a case
 * @param protocol    0..5
 * @param status      whether there is a pickle at this protocol and whether it may be re-dumped
 * @param stable      CPython itself reproduces {@link #pickle()} from {@code loads(pickle)} at this protocol
 * @param note        free text from the index: the reason for {@link Status#NONE}, or flags {@code addr}, {@code nodis}
 * @param pickle      the exact pickle bytes; {@code null} when {@link Status#NONE}
 * @param buffers     protocol-5 out-of-band buffers in order (empty when in band)
 * @param repr        {@code repr()} of the value CPython loads back at this protocol (default encoding 'ASCII')
 * @param pformat     {@code pprint.pformat(value, width=80)} of the same value
 * @param dis         {@code pickletools.dis} text; {@code null} when {@link Status#NONE} or the note says {@code nodis}
 * @param reprLatin1  readonly cases only: repr of {@code pickle.loads(data, encoding='latin1')}, else {@code null}
 * @param reprBytes   readonly cases only: repr of {@code pickle.loads(data, encoding='bytes')}, else {@code null}
 * @param disAnnotated {@code pickletools.dis(data, annotate=1)} text; only stored for protocols 0 and 4 and
 *                    pickles of at most 1024 bytes, else {@code null}
 */
public record GoldenVector(
        String name,
        int protocol,
        Status status,
        boolean stable,
        String note,
        byte[] pickle,
        List<byte[]> buffers,
        String repr,
        String pformat,
        String dis,
        String reprLatin1,
        String reprBytes,
        String disAnnotated) {

    /** What the index says about a case at one protocol. */
    public enum Status {
        /** CPython pickled the value at this protocol. */
        OK,
        /** A hand-written Python 2 era pickle: read it, never expect picklewire to write it. */
        READONLY,
        /** No pickle at this protocol; {@link GoldenVector#note()} says why. */
        NONE
    }

    /** True when there are pickle bytes (status OK or READONLY). */
    public boolean hasPickle() {
        return status != Status.NONE;
    }

    /** True when picklewire should reproduce {@link #pickle()} byte for byte after load-then-dump. */
    public boolean redumpExpected() {
        return status == Status.OK && stable && buffers.isEmpty();
    }

    /** True when the stored repr/pformat had object addresses or ids normalized (see {@link #normalize(String)}). */
    public boolean hasAddress() {
        return note.contains("addr") || (repr != null && repr.contains(" at 0x0"));
    }

    /** True when CPython failed to load (or show) the pickle and the text holds its error. */
    public static boolean isError(String text) {
        return text != null && text.startsWith("!");
    }

    /** Applies the generator's normalization to any text, e.g. a Java-produced repr, before comparing. */
    public static String normalize(String text) {
        return text.replaceAll(" at 0x[0-9a-fA-F]+", " at 0x0").replaceAll("id=\\d+", "id=0");
    }

    /**
     * True for cases whose loading needs something beyond CPython's core: numpy, or the IANA time zone data
     * that {@code zoneinfo} reads. A python3 without them cannot load these vectors; tests may skip them then.
     */
    public boolean needsOptionalPythonParts() {
        return name.startsWith("numpy") || name.contains("zoneinfo");
    }

    /** {@code name/pN}, for test display names. */
    @Override
    public String toString() {
        return name + "/p" + protocol;
    }
}
