package dev.picklewire.internal.writer;

import java.util.Arrays;

/**
 * The pickler's memo: object identity to memo index (CPython's {@code PyMemoTable} is the same idea).
 *
 * <pre>
 *   slots (long[], open addressing, linear probing, at most 2/3 full):
 *   +-------------------------+---------------------------+
 *   | spread identity hash:32 | memo index + 1:32 (0=free)|
 *   +-------------------------+---------------------------+
 *   objects (Object[] pages of 16384, by memo index): the key of each index, for the identity check
 * </pre>
 *
 * <p>Why this shape: a memo miss (the common case: every new str, list, dict) costs one cache line of
 * {@code slots} and nothing else, because a stored hash that differs rules the slot out without touching the
 * key; an insert writes that same line plus the next free cell of a page, which is sequential. Identity hashes
 * are random, so a table of keys and a table of values would cost two random misses per insert. The slots are
 * primitive, so the garbage collector never scans them, and the pages stay far below G1's humongous size.
 * Entries are never removed. Not thread-safe; one per dump.
 */
final class MemoTable {
    /** Containers this big or more presize the memo for their items; at most PRESIZE_MAX entries at once. */
    static final int PRESIZE_MIN = 64;
    static final int PRESIZE_MAX = 1 << 20;
    /** Lists, tuples and dicts up to this size are looked into when guessing an item's memo entries. */
    static final int PRESIZE_LOOK_INTO = 16;
    private static final int PAGE_BITS = 14;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;

    private long[] slots = new long[16];
    /** Page 0, grown by doubling up to PAGE_SIZE; later pages are full size, in {@code pages} (null till then). */
    private Object[] first = new Object[8];
    private Object[][] pages;
    private int size;
    /** Grow when size reaches this: 2/3 of the slots. */
    private int limit = 10;

    /** The memo index of {@code key}, or -1. */
    int get(Object key) {
        int h = hash(key);
        long[] s = slots;
        int mask = s.length - 1;
        for (int i = h & mask;; i = (i + 1) & mask) {
            long here = s[i];
            if (here == 0) {
                return -1;
            }
            if ((int) (here >>> 32) == h && objectAt((int) here - 1) == key) {
                return (int) here - 1;
            }
        }
    }

    /** Records {@code key} (not yet present) under {@code index}. */
    void put(Object key, int index) {
        putIfAbsent(key, index);
    }

    /**
     * The memo index of {@code key} if it has one; else records it under {@code index} and returns -1. One
     * probe for the look-up and the insert together.
     */
    int putIfAbsent(Object key, int index) {
        int h = hash(key);
        long[] s = slots;
        int mask = s.length - 1;
        int i = h & mask;
        for (;; i = (i + 1) & mask) {
            long here = s[i];
            if (here == 0) {
                break;
            }
            if ((int) (here >>> 32) == h && objectAt((int) here - 1) == key) {
                return (int) here - 1;
            }
        }
        s[i] = ((long) h << 32) | (index + 1L);
        setObject(index, key);
        if (++size >= limit) {
            resize(slots.length * 2);
        }
        return -1;
    }

    /** Makes room for {@code more} entries without a resize on the way (one allocation, not a cascade). */
    void ensureRoom(int more) {
        long wanted = (long) size + more;
        if (wanted < limit) {
            return;
        }
        if (first.length < PAGE_SIZE && wanted > first.length) { // page 0 too, instead of doubling up to its size
            first = Arrays.copyOf(first, (int) Math.min(PAGE_SIZE, wanted));
        }
        int cap = slots.length;
        while (cap * 2L / 3 <= wanted) {
            if (cap >= 1 << 30) {
                return; // the table grows one step at a time from here; it cannot get that full in a Java heap
            }
            cap *= 2;
        }
        resize(cap);
    }

    private void resize(int cap) {
        long[] old = slots;
        long[] s = new long[cap];
        int mask = cap - 1;
        // the hash is in the slot, so moving costs no look at the keys
        for (long here : old) {
            if (here != 0) {
                int i = (int) (here >>> 32) & mask;
                while (s[i] != 0) {
                    i = (i + 1) & mask;
                }
                s[i] = here;
            }
        }
        slots = s;
        limit = (int) (cap * 2L / 3);
    }

    private Object objectAt(int index) {
        return index < PAGE_SIZE ? first[index] : pages[index >>> PAGE_BITS][index & (PAGE_SIZE - 1)];
    }

    private void setObject(int index, Object key) {
        if (index < PAGE_SIZE) {
            if (index >= first.length) {
                first = Arrays.copyOf(first, Math.min(PAGE_SIZE, Math.max(index + 1, first.length * 2)));
            }
            first[index] = key;
            return;
        }
        int p = index >>> PAGE_BITS;
        if (pages == null || p >= pages.length) {
            Object[][] old = pages == null ? new Object[4][] : pages;
            pages = Arrays.copyOf(old, Math.max(p + 1, 2 * old.length));
        }
        if (pages[p] == null) {
            pages[p] = new Object[PAGE_SIZE];
        }
        pages[p][index & (PAGE_SIZE - 1)] = key;
    }

    private static int hash(Object key) {
        int h = System.identityHashCode(key);
        // identity hashes cluster in their low bits; spread them before masking
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }
}
