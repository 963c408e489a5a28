package dev.picklewire.internal.reader;

/**
 * Shared {@code Integer} boxes for the ints pickles write most: everything BININT1 and BININT2 can carry
 * ({@code 0..65535}) and the 16-bit negatives ({@code -32768..-1}) that BININT carries for small negative numbers.
 *
 * <p>Why: a list of a million small ints would otherwise allocate a million young {@code Integer}s per load;
 * under G1 a large list's backing array is a humongous old-generation object, so each of those boxes is copied
 * and promoted at the next young collection. Sharing the boxes makes such a load allocate little beyond the
 * list itself. The price is at most ~98k boxes (about 2 MB) kept for the life of the class, filled lazily.
 *
 * <p>Thread-safe without locks: two threads may race to fill a slot and box the same value twice, which is
 * harmless because {@code Integer}'s value field is final (safe publication through final-field semantics),
 * and callers never rely on box identity (Python ints have none the unpickler could preserve).
 */
final class SmallInts {
    static final int MIN = -32768;
    static final int MAX = 65535;
    private static final Integer[] BOXES = new Integer[MAX - MIN + 1];

    private SmallInts() {
    }

    /** The shared box for {@code v}, which must be in {@code [MIN, MAX]}. */
    static Integer box(int v) {
        Integer[] boxes = BOXES;
        Integer b = boxes[v - MIN];
        if (b == null) {
            b = fill(v);
        }
        return b;
    }

    /** An {@code Integer} for any int: the shared box when there is one, else a fresh one. */
    static Integer of(int v) {
        return v >= MIN && v <= MAX ? box(v) : Integer.valueOf(v);
    }

    private static Integer fill(int v) {
        // Integer.valueOf keeps its own cached boxes for -128..127, so those stay identical to autoboxing.
        Integer b = Integer.valueOf(v);
        BOXES[v - MIN] = b;
        return b;
    }
}
