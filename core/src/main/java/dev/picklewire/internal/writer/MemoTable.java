package dev.picklewire.internal.writer;

import java.util.Arrays;

/**
 * The pickler's memo: object identity to memo index, an open-addressing table with linear probing
 * (CPython's {@code PyMemoTable} is the same idea). Faster than {@code IdentityHashMap} on the hot path
 * because the index is a primitive {@code int} and nothing is boxed. Entries are never removed.
 * Not thread-safe; one per dump.
 */
final class MemoTable {
    private Object[] keys = new Object[16];
    private int[] values = new int[16];
    private int size;

    /** The memo index of {@code key}, or -1. */
    int get(Object key) {
        Object[] k = keys;
        int mask = k.length - 1;
        int i = hash(key) & mask;
        while (true) {
            Object here = k[i];
            if (here == key) {
                return values[i];
            }
            if (here == null) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Records {@code key} (not yet present) under {@code index}. */
    void put(Object key, int index) {
        if ((size + 1) * 3 >= keys.length * 2) {
            resize();
        }
        insert(keys, values, key, index);
        size++;
    }

    private static void insert(Object[] k, int[] v, Object key, int index) {
        int mask = k.length - 1;
        int i = hash(key) & mask;
        while (k[i] != null) {
            i = (i + 1) & mask;
        }
        k[i] = key;
        v[i] = index;
    }

    private void resize() {
        Object[] oldKeys = keys;
        int[] oldValues = values;
        keys = new Object[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(keys, values, oldKeys[i], oldValues[i]);
            }
        }
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

    void clear() {
        Arrays.fill(keys, null);
        size = 0;
    }
}
