package dev.picklewire.types;

import dev.picklewire.internal.IdentityKeys;
import dev.picklewire.internal.ValueGraphs;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Python {@code dict} as the unpickler makes it: a {@link Map} keeping insertion order, as Python
 * does, whose {@code equals}, {@code hashCode} and {@code toString} stay prompt on self-containing and
 * deeply shared graphs. Any {@link Map} pickles as a dict; this class only matters for values that came
 * off the wire (or that you want to build cheaply).
 *
 * <p>It behaves like a {@link java.util.LinkedHashMap} in insertion order for every {@code Map}
 * operation: {@code null} keys and values are allowed, putting a key that is present keeps its
 * position, removing and putting it again moves it to the end, the views are live and their iterators
 * fail fast and support {@code remove}, and {@link Map.Entry#setValue} writes through. It is <b>not</b> a
 * {@code LinkedHashMap} (it used to extend one): it has no access order and no {@code removeEldestEntry}.
 * Not thread-safe; share it between threads only with outside synchronization.
 *
 * <p>Layout (the idea of CPython's compact dict): entries live in three parallel arrays in insertion
 * order, and a separate open-addressing table of {@code int}s maps a hash to an entry slot.
 * <pre>
 *   index   [ 0 | t:3 | 0 | t:1 | -1 | 0 | t:2 | 0 ]   0 = empty, -1 = removed, else a tag from
 *                  |           |               |             the hash (high bits) : slot + 1 (low bits)
 *   hashes  [ h0      | h1      | h2      | ... ]   slot 0, 1, 2 ... in insertion order
 *   keys    [ k0      | DELETED | k2      | ... ]   a removed entry leaves a tombstone
 *   values  [ v0      | null    | v2      | ... ]
 * </pre>
 * A put appends to the arrays and writes one {@code int} into the index; iteration walks the arrays
 * and skips tombstones. When the arrays are full the live entries are compacted (when tombstones free
 * a quarter of them) or copied into arrays twice as large, and the index is rebuilt from the stored
 * hashes without calling {@code hashCode} again. A probe compares the tag first and reads the stored
 * hash and the key only when it agrees, so stepping over other keys touches no entry array. Dicts of up to eight entries have no index and scan
 * the hashes. Per entry this costs 12 bytes of arrays plus 6 to 24 bytes of index (more right after a
 * growth, which leaves room for the next one), where a {@code LinkedHashMap} spends a 40-byte node and
 * 5 to 11 bytes of table; and it is five objects in all (four when small) instead of one per entry.
 *
 * <p>The index is probed from a hash position scrambled by a multiplier chosen at random per JVM, so
 * keys whose {@code hashCode}s differ cannot be made to pile up. Keys with one and the same
 * {@code hashCode} (easy to make for {@code String} and {@code Long}) would still probe each other,
 * quadratically; when an insertion meets more than a few of them, the dict moves its lookups to a
 * {@link HashMap} from key to slot, whose tree bins keep such keys logarithmic as a
 * {@code LinkedHashMap} would. Order and behaviour do not change.
 *
 * <p>{@link #clone()} is a shallow copy, as {@code LinkedHashMap}'s was. Serialized form: the number
 * of entries, then key and value of each in order; streams written when this class extended
 * {@code LinkedHashMap} are refused ({@code serialVersionUID} changed).
 *
 * <pre>{@code
 * PyDict d = new PyDict();
 * d.put(1L, "hi");
 * d.put(2L, "there");
 * d.toString();   // "{1: 'hi', 2: 'there'}"
 * }</pre>
 */
// Map is named first on purpose: TypeRegistry looks for reducers by a class's own interfaces in
// declaration order, and when PyDict extended LinkedHashMap a reducer for Map won over one for
// Serializable or Cloneable; it still does.
public class PyDict extends AbstractMap<Object, Object> implements Map<Object, Object>, Cloneable, Serializable {
    private static final long serialVersionUID = 2L;

    /** Marks a removed entry in {@link #keys}; never equal to a user key since nobody else sees it. */
    private static final Object DELETED = new Object();
    private static final int[] NO_HASHES = {};
    private static final Object[] NO_OBJECTS = {};
    /** Dicts whose arrays hold at most this many slots have no index; a lookup scans the hashes. */
    private static final int SMALL = 8;
    /** Index markers; a positive index value is an entry slot plus one, so a fresh int[] is empty. */
    private static final int FREE = 0;
    private static final int DUMMY = -1;
    /**
     * More entries than this with the very hash of a key being inserted (but other keys) switch the
     * dict to {@link #flooded} lookups. Honest data rarely has more than two or three keys per hash.
     */
    private static final int FLOOD_LIMIT = 16;
    /**
     * Growth stops here once before going on doubling: an {@code Object[]} of this length (with
     * compressed oops) stays under half of G1's smallest region, so it is not a humongous object, which
     * G1 in JDK 17 keeps alive until a concurrent cycle even when dead, along with all it points to.
     */
    private static final int SOFT_CAP = (1 << 17) - 1024;
    /** The largest capacity whose index (capacity * 3 / 2, a power of two) still fits an int[] of 2^30. */
    private static final int MAX_CAPACITY = (1 << 30) / 3 * 2;
    /**
     * Odd multiplier scrambling hashes into index positions (the top bits of {@code hash * MULTIPLIER}),
     * random per JVM so a peer cannot choose distinct hashes that land on one position.
     */
    private static final int MULTIPLIER = ThreadLocalRandom.current().nextInt() | 1;
    private static final VarHandle IDENTITY_KEY = IdentityKeys.handle(MethodHandles.lookup(), PyDict.class);

    private transient int[] hashes;
    private transient Object[] keys;
    private transient Object[] values;
    /** Open-addressing table, length a power of two at least 1.5 times the capacity; null when small or flooded. */
    private transient int[] index;
    /**
     * 32 - log2(index.length): the shift that takes the top bits of a scrambled hash. An index entry
     * keeps slot + 1 in its low log2(index.length) bits (the slot bits) and a tag above them, up to bit 30.
     */
    private transient int shift;
    /** Lookups by key after a hash flood: key to slot. Null in the normal case. */
    private transient HashMap<Object, Integer> flooded;
    /** Slots [0, used) are taken, by live entries or tombstones. */
    private transient int used;
    private transient int size;
    /** Structural modifications (an entry added or removed, a clear), for fail-fast iteration. */
    private transient int modCount;
    private transient int identityKey; // 0 until identityKey() installs one

    /** An empty dict; the arrays come with the first entry. */
    public PyDict() {
        empty();
    }

    /**
     * An empty dict with room for {@code expectedSize} entries before it grows.
     *
     * @throws IllegalArgumentException if {@code expectedSize} is negative
     */
    public PyDict(int expectedSize) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("negative expected size: " + expectedSize);
        }
        empty();
        ensureCapacity(expectedSize);
    }

    /** A dict with the entries of {@code entries}, in its iteration order. */
    public PyDict(Map<?, ?> entries) {
        empty();
        ensureCapacity(entries.size());
        putAll(entries);
    }

    /** A {@code HashMap}/{@code HashSet} capacity that holds {@code expectedSize} entries without a resize. */
    static int capacityFor(int expectedSize) {
        return expectedSize < 3 ? 4 : (int) Math.min(1 << 30, (long) expectedSize * 4 / 3 + 1);
    }

    private void empty() {
        hashes = NO_HASHES;
        keys = NO_OBJECTS;
        values = NO_OBJECTS;
    }

    /**
     * Makes room for {@code expectedSize} entries in all, so that putting that many new keys does not
     * resize again. On an empty dict the room is exactly that; on a dict in use it grows at least
     * geometrically, so calling this before each batch of puts costs amortized constant time per entry.
     */
    public void ensureCapacity(int expectedSize) {
        if (expectedSize - size > keys.length - used) {
            makeRoom(expectedSize - size, used == 0);
        }
    }

    private static int hash(Object key) {
        return key == null ? 0 : key.hashCode();
    }

    private int home(int h) {
        return (h * MULTIPLIER) >>> shift;
    }

    /**
     * The tag of hash {@code h}, in place above the slot bits: low bits of the scrambled hash (the
     * position came from its high bits). A probe compares tags inside the index and reads a stored
     * hash only when they agree, so passing other keys costs no access to {@link #hashes}.
     */
    private int tag(int h) {
        int bits = 32 - shift;
        return ((h * MULTIPLIER) & ((1 << (31 - bits)) - 1)) << bits;
    }

    /** Bits of an index entry above the slot bits, sign included: a removed marker never matches a tag. */
    private int tagMask() {
        return -1 << (32 - shift);
    }

    // ---- lookup ----

    /** The slot of {@code key} (whose hash is {@code h}), or -1. */
    private int find(Object key, int h) {
        if (index != null) {
            int[] idx = index;
            int mask = idx.length - 1;
            int[] hs = hashes;
            Object[] ks = keys;
            int want = tag(h);
            int tags = tagMask();
            for (int i = home(h);; i = (i + 1) & mask) {
                int e = idx[i];
                if (e == FREE) {
                    return -1;
                }
                if ((e & tags) == want) {
                    int s = (e & ~tags) - 1;
                    Object k;
                    if (hs[s] == h && ((k = ks[s]) == key || key != null && key.equals(k))) {
                        return s;
                    }
                }
            }
        }
        return flooded != null ? floodedFind(key) : scan(key, h);
    }

    private int floodedFind(Object key) {
        Integer s = flooded.get(key);
        return s == null ? -1 : s;
    }

    private int scan(Object key, int h) {
        int[] hs = hashes;
        Object[] ks = keys;
        for (int s = 0, n = used; s < n; s++) {
            Object k;
            if (hs[s] == h && (k = ks[s]) != DELETED && (k == key || key != null && key.equals(k))) {
                return s;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Object get(Object key) {
        int s = find(key, hash(key));
        return s < 0 ? null : values[s];
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        int s = find(key, hash(key));
        return s < 0 ? defaultValue : values[s];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key, hash(key)) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        Object[] ks = keys;
        Object[] vs = values;
        for (int s = 0, n = used; s < n; s++) {
            Object v;
            if (ks[s] != DELETED && ((v = vs[s]) == value || value != null && value.equals(v))) {
                return true;
            }
        }
        return false;
    }

    // ---- insertion ----

    @Override
    public Object put(Object key, Object value) {
        int h = hash(key);
        if (index == null) {
            return putSlow(key, h, value);
        }
        // One probe both finds the key and picks where a new key's slot number goes.
        int[] idx = index;
        int mask = idx.length - 1;
        int[] hs = hashes;
        Object[] ks = keys;
        int want = tag(h);
        int tags = tagMask();
        int free = -1;
        int same = 0;
        int i = home(h);
        for (;; i = (i + 1) & mask) {
            int e = idx[i];
            if (e == FREE) {
                break;
            }
            if ((e & tags) == want) {
                int s = (e & ~tags) - 1;
                if (hs[s] == h) {
                    Object k = ks[s];
                    if (k == key || key != null && key.equals(k)) {
                        Object old = values[s];
                        values[s] = value;
                        return old;
                    }
                    same++;
                }
            } else if (e < 0 && free < 0) {
                free = i;
            }
        }
        int s = used;
        if (s == ks.length || same > FLOOD_LIMIT) {
            append(key, h, value);
            return null;
        }
        hs[s] = h;
        ks[s] = key;
        values[s] = value;
        idx[free < 0 ? i : free] = want | (s + 1);
        used = s + 1;
        size++;
        modCount++;
        return null;
    }

    /** put for a small or flooded dict. */
    private Object putSlow(Object key, int h, Object value) {
        int s = find(key, h);
        if (s >= 0) {
            Object old = values[s];
            values[s] = value;
            return old;
        }
        append(key, h, value);
        return null;
    }

    /** Adds a key known to be absent at the end. */
    private void append(Object key, int h, Object value) {
        if (used == keys.length) {
            makeRoom(1, false);
        }
        int s = used++;
        hashes[s] = h;
        keys[s] = key;
        values[s] = value;
        size++;
        modCount++;
        if (index != null) {
            if (!link(h, s)) {
                flood();
            }
        } else if (flooded != null) {
            flooded.put(key, s);
        }
    }

    /**
     * Enters slot {@code s} (hash {@code h}) in the index at the first free or removed position of its
     * probe; false when the probe passed more than {@link #FLOOD_LIMIT} entries of the same hash.
     */
    private boolean link(int h, int s) {
        int[] idx = index;
        int[] hs = hashes;
        int mask = idx.length - 1;
        int want = tag(h);
        int tags = tagMask();
        int same = 0;
        for (int i = home(h);; i = (i + 1) & mask) {
            int e = idx[i];
            if (e <= FREE) {
                idx[i] = want | (s + 1);
                return same <= FLOOD_LIMIT;
            }
            if ((e & tags) == want && hs[(e & ~tags) - 1] == h) {
                same++;
            }
        }
    }

    /** Switches lookups to a HashMap (key to slot), whose tree bins resist keys sharing one hash. */
    private void flood() {
        HashMap<Object, Integer> byKey = new HashMap<>(capacityFor(keys.length));
        for (int s = 0; s < used; s++) {
            if (keys[s] != DELETED) {
                byKey.put(keys[s], s);
            }
        }
        flooded = byKey;
        index = null;
        shift = 0;
    }

    /**
     * Makes room for {@code extra} more live entries: compacts the tombstones away, in place when that
     * frees enough, else into larger arrays ({@code exact}: just large enough), then rebuilds the index.
     */
    private void makeRoom(int extra, boolean exact) {
        int capacity = keys.length;
        long target = (long) size + extra;
        boolean moved = used != size;
        if (target <= capacity - capacity / 4) {
            compact(hashes, keys, values);
        } else {
            int n = grown(capacity, target, exact);
            compact(new int[n], new Object[n], new Object[n]);
        }
        if (moved || !indexFits()) {
            reindex(!exact);
        }
    }

    /** Whether the index (or flooded map) still serves the arrays, whose slots did not move. */
    private boolean indexFits() {
        int capacity = keys.length;
        if (flooded != null) {
            return true;
        }
        return capacity <= SMALL ? index == null : index != null && capacity + capacity / 2 < index.length;
    }

    private static int grown(int capacity, long target, boolean exact) {
        if (target > MAX_CAPACITY) {
            throw new OutOfMemoryError("PyDict cannot hold " + target + " entries");
        }
        if (exact) {
            return (int) target;
        }
        long next = Math.max(target, Math.max(SMALL, 2L * capacity));
        if (target <= SOFT_CAP && next > SOFT_CAP) {
            next = SOFT_CAP;
        }
        return (int) Math.min(next, MAX_CAPACITY);
    }

    /** Moves the live entries, in order, to the front of the given arrays (which may be the current ones). */
    private void compact(int[] hs, Object[] ks, Object[] vs) {
        int[] oldHashes = hashes;
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        int n = 0;
        if (used == size) { // no tombstones: plain growth
            System.arraycopy(oldHashes, 0, hs, 0, used);
            System.arraycopy(oldKeys, 0, ks, 0, used);
            System.arraycopy(oldValues, 0, vs, 0, used);
            n = used;
        }
        for (int s = n; s < used; s++) {
            Object k = oldKeys[s];
            if (k != DELETED) {
                hs[n] = oldHashes[s];
                ks[n] = k;
                vs[n] = oldValues[s];
                n++;
            }
        }
        if (ks == oldKeys) {
            Arrays.fill(ks, n, used, null); // let removed keys and values go
            Arrays.fill(vs, n, used, null);
        }
        hashes = hs;
        keys = ks;
        values = vs;
        used = n;
    }

    /**
     * Rebuilds the index (or the flooded map) for the current arrays, from the stored hashes. A
     * {@code roomy} index is twice the least length, so that the next doubling of the arrays (the dict
     * is growing) finds it large enough and skips a rebuild; that halves the rebuilds, each a pass of
     * cache misses over a table larger than the caches.
     */
    private void reindex(boolean roomy) {
        if (flooded != null) {
            flooded.clear();
            for (int s = 0; s < used; s++) {
                flooded.put(keys[s], s);
            }
            return;
        }
        int capacity = keys.length;
        if (capacity <= SMALL) {
            index = null;
            shift = 0;
            return;
        }
        int length = Integer.highestOneBit(capacity + capacity / 2) << 1; // load <= 2/3, at most 2^30
        if (roomy && length <= 1 << 29) {
            length <<= 1;
        }
        if (index != null && index.length == length) {
            Arrays.fill(index, FREE);
        } else {
            index = new int[length];
        }
        shift = 32 - Integer.numberOfTrailingZeros(length); // slot bits: slot + 1 <= capacity < length
        boolean ok = true;
        for (int s = 0; s < used; s++) {
            ok &= link(hashes[s], s);
        }
        if (!ok) {
            flood();
        }
    }

    @Override
    public void putAll(Map<?, ?> m) {
        if (size == 0) {
            ensureCapacity(m.size());
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    @Override
    public Object putIfAbsent(Object key, Object value) {
        int h = hash(key);
        int s = find(key, h);
        if (s < 0) {
            append(key, h, value);
            return null;
        }
        Object old = values[s];
        if (old == null) {
            values[s] = value;
        }
        return old;
    }

    @Override
    public Object computeIfAbsent(Object key, Function<? super Object, ?> mappingFunction) {
        Objects.requireNonNull(mappingFunction);
        int h = hash(key);
        int s = find(key, h);
        if (s >= 0 && values[s] != null) {
            return values[s];
        }
        int mc = modCount;
        Object v = mappingFunction.apply(key);
        if (mc != modCount) {
            throw new ConcurrentModificationException();
        }
        if (v != null) {
            if (s >= 0) {
                values[s] = v; // no structural change since find, so the slot still holds key
            } else {
                append(key, h, v);
            }
        }
        return v;
    }

    // ---- removal ----

    @Override
    public Object remove(Object key) {
        int s = find(key, hash(key));
        if (s < 0) {
            return null;
        }
        Object old = values[s];
        removeSlot(s);
        return old;
    }

    /** Removes the live entry in slot {@code s}, leaving a tombstone; slots never move here. */
    private void removeSlot(int s) {
        if (index != null) {
            int[] idx = index;
            int mask = idx.length - 1;
            int i = home(hashes[s]);
            int tags = tagMask();
            while (idx[i] < 0 || (idx[i] & ~tags) != s + 1) {
                i = (i + 1) & mask;
            }
            idx[i] = DUMMY;
        } else if (flooded != null) {
            flooded.remove(keys[s]);
        }
        keys[s] = DELETED;
        values[s] = null;
        size--;
        modCount++;
    }

    @Override
    public void clear() {
        modCount++; // as HashMap.clear, even when already empty
        if (used > 0) {
            Arrays.fill(keys, 0, used, null);
            Arrays.fill(values, 0, used, null);
            if (index != null) {
                Arrays.fill(index, FREE);
            }
        }
        used = 0;
        size = 0;
        if (flooded != null) {
            flooded = null;
            reindex(false);
        }
    }

    // ---- bulk traversal ----

    @Override
    public void forEach(BiConsumer<? super Object, ? super Object> action) {
        Objects.requireNonNull(action);
        int mc = modCount;
        for (int s = 0; s < used && mc == modCount; s++) {
            Object k = keys[s];
            if (k != DELETED) {
                action.accept(k, values[s]);
            }
        }
        if (mc != modCount) {
            throw new ConcurrentModificationException();
        }
    }

    @Override
    public void replaceAll(BiFunction<? super Object, ? super Object, ?> function) {
        Objects.requireNonNull(function);
        int mc = modCount;
        for (int s = 0; s < used && mc == modCount; s++) {
            Object k = keys[s];
            if (k != DELETED) {
                values[s] = function.apply(k, values[s]);
            }
        }
        if (mc != modCount) {
            throw new ConcurrentModificationException();
        }
    }

    // ---- views ----

    @Override
    public Set<Object> keySet() {
        return new KeySet();
    }

    @Override
    public Collection<Object> values() {
        return new Values();
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return new EntrySet();
    }

    /** Walks the live slots in order; fails fast like LinkedHashMap's iterators. */
    private abstract class Cursor {
        private int next;
        private int last = -1;
        private int expected = modCount;

        Cursor() {
            next = liveFrom(0);
        }

        private int liveFrom(int s) {
            Object[] ks = keys;
            int n = Math.min(used, ks.length);
            while (s < n && ks[s] == DELETED) {
                s++;
            }
            return s < n ? s : -1;
        }

        public final boolean hasNext() {
            return next >= 0;
        }

        final int nextSlot() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            int s = next;
            if (s < 0) {
                throw new NoSuchElementException();
            }
            last = s;
            next = liveFrom(s + 1);
            return s;
        }

        public final void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            removeSlot(last);
            last = -1;
            expected = modCount;
        }
    }

    private final class KeyIterator extends Cursor implements Iterator<Object> {
        @Override
        public Object next() {
            return keys[nextSlot()];
        }
    }

    private final class ValueIterator extends Cursor implements Iterator<Object> {
        @Override
        public Object next() {
            return values[nextSlot()];
        }
    }

    private final class EntryIterator extends Cursor implements Iterator<Map.Entry<Object, Object>> {
        @Override
        public Map.Entry<Object, Object> next() {
            int s = nextSlot();
            return new Entry(s, keys[s], values[s]);
        }
    }

    /**
     * An entry handed out by the entry iterator. It reads and writes through to its slot while the slot
     * still holds its key; after the entry was removed (or the dict cleared) it keeps the key and the
     * last value it saw, as a detached LinkedHashMap node does.
     */
    private final class Entry implements Map.Entry<Object, Object> {
        private final int slot;
        private final Object key;
        private Object value;

        Entry(int slot, Object key, Object value) {
            this.slot = slot;
            this.key = key;
            this.value = value;
        }

        private boolean live() {
            return slot < used && keys[slot] == key;
        }

        @Override
        public Object getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            if (live()) {
                value = values[slot];
            }
            return value;
        }

        @Override
        public Object setValue(Object v) {
            Object old = getValue();
            if (live()) {
                values[slot] = v;
            }
            value = v;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Map.Entry<?, ?> e && Objects.equals(key, e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(key) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }

    private final class KeySet extends AbstractSet<Object> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public void clear() {
            PyDict.this.clear();
        }

        @Override
        public Iterator<Object> iterator() {
            return new KeyIterator();
        }

        @Override
        public boolean contains(Object o) {
            return containsKey(o);
        }

        @Override
        public boolean remove(Object key) {
            int s = find(key, hash(key));
            if (s < 0) {
                return false;
            }
            removeSlot(s);
            return true;
        }

        @Override
        public Spliterator<Object> spliterator() {
            return Spliterators.spliterator(this, Spliterator.SIZED | Spliterator.ORDERED | Spliterator.DISTINCT);
        }

        @Override
        public void forEach(Consumer<? super Object> action) {
            Objects.requireNonNull(action);
            PyDict.this.forEach((k, v) -> action.accept(k));
        }
    }

    private final class Values extends AbstractCollection<Object> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public void clear() {
            PyDict.this.clear();
        }

        @Override
        public Iterator<Object> iterator() {
            return new ValueIterator();
        }

        @Override
        public boolean contains(Object o) {
            return containsValue(o);
        }

        @Override
        public Spliterator<Object> spliterator() {
            return Spliterators.spliterator(this, Spliterator.SIZED | Spliterator.ORDERED);
        }

        @Override
        public void forEach(Consumer<? super Object> action) {
            Objects.requireNonNull(action);
            PyDict.this.forEach((k, v) -> action.accept(v));
        }
    }

    private final class EntrySet extends AbstractSet<Map.Entry<Object, Object>> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public void clear() {
            PyDict.this.clear();
        }

        @Override
        public Iterator<Map.Entry<Object, Object>> iterator() {
            return new EntryIterator();
        }

        /** The slot holding an entry equal to {@code o} (key and value), or -1. */
        private int slotOf(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e)) {
                return -1;
            }
            Object key = e.getKey();
            int s = find(key, hash(key));
            return s >= 0 && Objects.equals(values[s], e.getValue()) ? s : -1;
        }

        @Override
        public boolean contains(Object o) {
            return slotOf(o) >= 0;
        }

        @Override
        public boolean remove(Object o) {
            int s = slotOf(o);
            if (s < 0) {
                return false;
            }
            removeSlot(s);
            return true;
        }

        @Override
        public Spliterator<Map.Entry<Object, Object>> spliterator() {
            return Spliterators.spliterator(this, Spliterator.SIZED | Spliterator.ORDERED | Spliterator.DISTINCT);
        }
    }

    // ---- Object ----

    @Override
    public boolean equals(Object other) {
        return this == other || ValueGraphs.equal(this, other);
    }

    @Override
    public int hashCode() {
        return ValueGraphs.hash(this);
    }

    /** Python's repr of this dict, shortened if very large. */
    @Override
    public String toString() {
        return ValueGraphs.toString(this);
    }

    /**
     * A number that stands for this dict's identity in picklewire's pickler memo: random, never 0, set on first
     * use and never changed (unlike {@link System#identityHashCode}, it costs no call into the JVM the first time).
     * Distinct dicts may share one, and a copy gets its own; it says nothing about equality.
     */
    public final int identityKey() {
        int key = identityKey;
        return key != 0 ? key : IdentityKeys.install(this, IDENTITY_KEY);
    }

    /** A shallow copy: same keys and values, same order, same class (subclass fields copied as they are). */
    @Override
    public PyDict clone() {
        PyDict copy;
        try {
            copy = (PyDict) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        copy.hashes = hashes.clone();
        copy.keys = keys.clone();
        copy.values = values.clone();
        copy.index = index == null ? null : index.clone();
        copy.flooded = flooded == null ? null : new HashMap<>(flooded);
        copy.modCount = 0;
        copy.identityKey = 0;
        return copy;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(size);
        for (int s = 0; s < used; s++) {
            if (keys[s] != DELETED) {
                out.writeObject(keys[s]);
                out.writeObject(values[s]);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        if (n < 0) {
            throw new InvalidObjectException("negative PyDict size: " + n);
        }
        empty();
        ensureCapacity(Math.min(n, 1 << 12)); // a stream's claim is not trusted with memory; growth does the rest
        for (int i = 0; i < n; i++) {
            put(in.readObject(), in.readObject());
        }
    }
}
