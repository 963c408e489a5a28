package dev.picklewire.internal.writer;

import dev.picklewire.internal.IdentityKeys;
import dev.picklewire.types.PyDict;
import dev.picklewire.types.PyList;
import dev.picklewire.types.PyTuple;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pickler's memo: object identity to memo index (CPython's {@code PyMemoTable} is the same idea).
 *
 * <pre>
 *   slots (long[], open addressing, linear probing, at most 2/3 full):
 *   +-------------------------+---------------------------+
 *   | spread hash:32          | memo index + 1:32 (0=free)|
 *   +-------------------------+---------------------------+
 *   objects (Object[] pages of 16384, by memo index): the key of each index, for the identity check
 * </pre>
 *
 * <p>Why this shape: a memo miss (the common case: every new str, list, dict) costs one cache line of
 * {@code slots} and nothing else, because a stored hash that differs rules the slot out without touching the
 * key; an insert writes that same line plus the next free cell of a page, which is sequential. The hashes
 * (a str's content hash, an identity key or an identity hash: {@link #keyHash}) scatter the keys, so a table of keys and
 * a table of values would cost two random misses per insert. The slots are
 * primitive, so the garbage collector never scans them, and the pages stay far below G1's humongous size.
 *
 * <p>One table serves many dumps ({@link WriterPool}): {@link #reset} empties it, and the next dump starts at
 * the capacity the last one needed, inside the same arrays, growing into them before it allocates anything. A table
 * made fresh for each dump is zeroed memory the dump then probes at random, and a reused one is memory the
 * last dump left in cache (measured in one JVM, alternating a new pickler per dump with a kept one: protocol 5
 * dumps of 100,000 strs 1.30x faster, of 10,000 small records 1.04x, tutorial-sized ones unchanged). Entries
 * are never removed one by one. Not thread-safe; one dump at a time.
 */
final class MemoTable {
    /** Containers this big or more presize the memo for their items; at most PRESIZE_MAX entries at once. */
    static final int PRESIZE_MIN = 64;
    static final int PRESIZE_MAX = 1 << 20;
    /** Lists, tuples and dicts up to this size are looked into when guessing an item's memo entries. */
    static final int PRESIZE_LOOK_INTO = 16;
    /** Tables bigger than this are not kept for another dump (8 bytes a slot: 4 MiB). */
    static final int KEEP_MAX_SLOTS = 1 << 19;
    private static final int INITIAL_CAPACITY = 16;
    private static final int PAGE_BITS = 14;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    /** Pages kept for another dump, beyond the first: as many entries as the largest slot table kept holds. */
    private static final int KEEP_PAGES = (KEEP_MAX_SLOTS * 2 / 3) >>> PAGE_BITS;
    /** Keys met in one probe with the same hash but another identity, beyond which keys hash by identity. */
    static final int SAME_HASH_LIMIT = 8;
    private static final int MULTIPLIER = ThreadLocalRandom.current().nextInt() | 1;

    /** The open-addressing table; only {@code [0, capacity)} is in use, the rest is zero (kept from a bigger dump). */
    private long[] slots = new long[INITIAL_CAPACITY];
    private int capacity = INITIAL_CAPACITY;
    /** Page 0, grown by doubling up to PAGE_SIZE; later pages are full size, in {@code pages} (null till then). */
    private Object[] first = new Object[8];
    private Object[][] pages;
    private int size;
    /** One past the highest memo index stored (the writer's indices have gaps: some entries live elsewhere). */
    private int end;
    /** Grow when size reaches this: 2/3 of the capacity. */
    private int limit = INITIAL_CAPACITY * 2 / 3;
    /** Every key hashed by its identity hash, not {@link #keyHash}: after too many keys of one hash in one probe. */
    private boolean byIdentity;

    /** The memo index of {@code key}, or -1. */
    int get(Object key) {
        return get(key, keyHash(key));
    }

    /** {@link #get(Object)} for a caller that knows the key's type: {@code keyHash} is {@link #keyHash}'s. */
    int get(Object key, int keyHash) {
        int h = spread(key, keyHash);
        long[] s = slots;
        int mask = capacity - 1;
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
        return putIfAbsent(key, keyHash(key), index);
    }

    /** {@link #putIfAbsent(Object, int)} for a caller that knows the key's type: {@code keyHash} is {@link #keyHash}'s. */
    int putIfAbsent(Object key, int keyHash, int index) {
        int h = spread(key, keyHash);
        long[] s = slots;
        int mask = capacity - 1;
        int i = h & mask;
        int sameHash = 0;
        for (;; i = (i + 1) & mask) {
            long here = s[i];
            if (here == 0) {
                break;
            }
            if ((int) (here >>> 32) == h) {
                if (objectAt((int) here - 1) == key) {
                    return (int) here - 1;
                }
                if (++sameHash > SAME_HASH_LIMIT && !byIdentity) {
                    // many equal strs, or strs made to collide: hash every key by identity from here on
                    keysByIdentity();
                    return putIfAbsent(key, keyHash, index);
                }
            }
        }
        s[i] = ((long) h << 32) | (index + 1L);
        setObject(index, key);
        if (++size >= limit) {
            resize(capacity * 2);
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
        int cap = capacity;
        while (cap * 2L / 3 <= wanted) {
            if (cap >= 1 << 30) {
                return; // the table grows one step at a time from here; it cannot get that full in a Java heap
            }
            cap *= 2;
        }
        resize(cap);
    }

    private void resize(int cap) {
        long[] old;
        long[] s;
        if (slots.length >= cap) {
            // a kept bigger array: move the live part aside, and the array past it is zero already
            old = Arrays.copyOf(slots, capacity);
            Arrays.fill(slots, 0, capacity, 0L);
            s = slots;
        } else {
            old = slots;
            s = new long[cap];
        }
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
        capacity = cap;
        limit = (int) (cap * 2L / 3);
    }

    /**
     * Empties the table for another dump and drops every reference to the last dump's objects. Costs what the
     * last dump used: a dense table is zeroed whole, a sparse one (a big presize, few entries) slot by slot,
     * found again through each key's hash. Returns false when the table is too big to be worth keeping.
     */
    boolean reset() {
        if (slots.length > KEEP_MAX_SLOTS) {
            return false;
        }
        if (size > 0) {
            if (size * 8L < capacity) {
                clearSlotsOneByOne();
            } else {
                Arrays.fill(slots, 0, capacity, 0L);
            }
            clearObjects();
        }
        // the next dump starts at the capacity this one needed: a run of like dumps grows the table once, not
        // through a cascade of doublings each time; a small dump after a big one shrinks it back
        int start = INITIAL_CAPACITY;
        while (start * 2L / 3 <= size) {
            start *= 2;
        }
        size = 0;
        end = 0;
        byIdentity = false;
        capacity = start;
        limit = (int) (start * 2L / 3);
        return true;
    }

    private void clearSlotsOneByOne() {
        long[] s = slots;
        int mask = capacity - 1;
        for (int index = 0; index < end; index++) {
            Object key = objectAt(index);
            if (key == null) {
                continue;
            }
            long entry = index + 1L;
            int i = spread(key, keyHash(key)) & mask;
            // other entries of this probe run may be cleared already: look for this entry, not for a zero
            while ((s[i] & 0xffff_ffffL) != entry) {
                i = (i + 1) & mask;
            }
            s[i] = 0;
        }
    }

    private void clearObjects() {
        Arrays.fill(first, 0, Math.min(end, first.length), null);
        if (end > PAGE_SIZE) {
            int lastPage = (end - 1) >>> PAGE_BITS;
            for (int p = 1; p <= lastPage; p++) {
                if (pages[p] != null) {
                    Arrays.fill(pages[p], 0, Math.min(PAGE_SIZE, end - (p << PAGE_BITS)), null);
                }
            }
            if (pages.length > KEEP_PAGES + 1) {
                pages = Arrays.copyOf(pages, KEEP_PAGES + 1);
            }
        }
    }

    private Object objectAt(int index) {
        return index < PAGE_SIZE ? first[index] : pages[index >>> PAGE_BITS][index & (PAGE_SIZE - 1)];
    }

    private void setObject(int index, Object key) {
        end = Math.max(end, index + 1);
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

    /**
     * The hash a key is filed under (before {@link #spread}): a str's content hash, the identity key of
     * picklewire's own tuples, lists and dicts, any other object's identity hash. The first identity hash of an
     * object costs a call into the JVM that installs it (about 25 ns; 3 ns once installed), and a graph just
     * decoded or built has none yet; a str's content hash costs a pass over its few bytes and is kept in the
     * {@code String}, an identity key a random number ({@link IdentityKeys}). Distinct keys with one hash (equal
     * strs that are distinct objects, copies of a container made before it had a key) are still told apart by
     * identity in the probe; many of them in one probe switch the table to identity hashes
     * ({@link #keysByIdentity}). A caller that knows the key's type computes the same directly.
     */
    static int keyHash(Object key) {
        if (key.getClass() == String.class) {
            return key.hashCode();
        } else if (key instanceof PyTuple t) {
            return t.identityKey();
        } else if (key instanceof PyList l) {
            return l.identityKey();
        } else if (key instanceof PyDict d) {
            return d.identityKey();
        }
        return System.identityHashCode(key);
    }

    /** The slot hash of a key whose {@link #keyHash} is {@code keyHash}, in this table's current mode. */
    private int spread(Object key, int keyHash) {
        return mix(byIdentity ? System.identityHashCode(key) : keyHash);
    }

    private static int mix(int h) {
        // identity hashes cluster in their low bits, and content hashes can be chosen: spread them by a
        // multiplier chosen at random per JVM before masking
        h *= MULTIPLIER;
        return h ^ (h >>> 16);
    }

    /** Rehashes every entry by its identity hash; the table stays so until {@link #reset}. */
    private void keysByIdentity() {
        byIdentity = true;
        long[] s = slots;
        int mask = capacity - 1;
        long[] old = Arrays.copyOf(s, capacity);
        Arrays.fill(s, 0, capacity, 0L);
        for (long here : old) {
            if (here != 0) {
                int h = mix(System.identityHashCode(objectAt((int) here - 1)));
                int i = h & mask;
                while (s[i] != 0) {
                    i = (i + 1) & mask;
                }
                s[i] = ((long) h << 32) | (here & 0xffff_ffffL);
            }
        }
    }

    /** Whether every key is hashed by identity (for tests). */
    boolean byIdentity() {
        return byIdentity;
    }

    int size() {
        return size;
    }

    /** Slots in use in the whole array, beyond the capacity too (for tests: an emptied table has none). */
    int occupiedSlots() {
        int n = 0;
        for (long here : slots) {
            n += here != 0 ? 1 : 0;
        }
        return n;
    }

    /** The keys this table still references (for tests: an emptied table must reference none). */
    int retainedReferences() {
        int n = 0;
        for (Object o : first) {
            n += o != null ? 1 : 0;
        }
        for (Object[] page : pages == null ? new Object[0][] : pages) {
            if (page != null) {
                for (Object o : page) {
                    n += o != null ? 1 : 0;
                }
            }
        }
        return n;
    }
}
