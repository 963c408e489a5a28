package dev.picklewire.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Seeded random operation sequences run on a {@link PyDict} and on a {@link LinkedHashMap} side by side;
 * after every step both must hold the same key and value objects (by identity) in the same order and
 * every operation must have returned the same. The seed is printed and in every failure message; rerun
 * one with {@code -Dpicklewire.seed=N}.
 */
class PyDictDifferentialTest {

    /** A key with a chosen hash, equal by id: many ids share a hash, and equal keys can be distinct objects. */
    private record Key(int id, int hash) implements Serializable {
        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.id == id;
        }
    }

    @Test
    void randomOperationSequencesMatchLinkedHashMap() {
        long seed = Long.getLong("picklewire.seed", System.nanoTime());
        System.out.println("PyDictDifferentialTest seed " + seed + " (rerun with -Dpicklewire.seed=" + seed + ")");
        SplittableRandom master = new SplittableRandom(seed);
        for (int round = 0; round < 60; round++) {
            long roundSeed = master.nextLong();
            try {
                new Round(new SplittableRandom(roundSeed), round).run(3_000);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", round " + round + " (round seed " + roundSeed + "): "
                        + e.getMessage(), e);
            }
        }
    }

    /** One sequence on one key distribution. */
    private static final class Round {
        private final SplittableRandom r;
        private final int keySpace;
        private final int hashSpace;
        private final PyDict dict;
        private final Map<Object, Object> ref = new LinkedHashMap<>();
        private final String[] colliding;

        Round(SplittableRandom r, int round) {
            this.r = r;
            // Key spaces from a few keys to thousands; hash spaces from one hash for all (a flood) to unique.
            keySpace = new int[] {4, 12, 40, 300, 3_000}[r.nextInt(5)];
            hashSpace = new int[] {1, 3, 50, 1 << 30}[r.nextInt(4)];
            dict = switch (round % 4) {
                case 0 -> new PyDict();
                case 1 -> new PyDict(r.nextInt(20));
                case 2 -> new PyOrderedDict();
                default -> new PyDefaultDict(null);
            };
            colliding = new String[64];
            for (int i = 0; i < colliding.length; i++) {
                StringBuilder b = new StringBuilder();
                for (int bit = 0; bit < 6; bit++) {
                    b.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
                }
                colliding[i] = b.toString();
            }
        }

        /** A key from the pool; equal keys often come as distinct objects. */
        Object key() {
            int kind = r.nextInt(20);
            if (kind == 0) {
                return null;
            }
            if (kind == 1) {
                return new String(colliding[r.nextInt(colliding.length)]); // one String.hashCode for all
            }
            if (kind == 2) {
                return r.nextInt(Math.min(keySpace, 100)); // Integer (cached boxes below 128: same objects)
            }
            int id = r.nextInt(keySpace);
            return new Key(id, hashSpace == 1 << 30 ? id * 0x9E3779B9 : id % hashSpace);
        }

        Object value() {
            int kind = r.nextInt(10);
            return kind == 0 ? null : kind == 1 ? "v" + r.nextInt(5) : Integer.valueOf(r.nextInt(1_000_000) + 1000);
        }

        void run(int steps) {
            for (int step = 0; step < steps; step++) {
                String op = step(r.nextInt(100));
                try {
                    same();
                } catch (AssertionError e) {
                    throw new AssertionError("after step " + step + " (" + op + "): " + e.getMessage(), e);
                }
            }
        }

        String step(int dice) {
            if (dice < 30) {
                Object k = key();
                Object v = value();
                assertSame(ref.put(k, v), dict.put(k, v));
                return "put";
            }
            if (dice < 40) {
                Object k = key();
                assertSame(ref.remove(k), dict.remove(k));
                return "remove";
            }
            if (dice < 48) {
                Object k = key();
                assertSame(ref.get(k), dict.get(k));
                assertEquals(ref.containsKey(k), dict.containsKey(k));
                assertSame(ref.getOrDefault(k, "d"), dict.getOrDefault(k, "d"));
                Object v = r.nextBoolean() ? value() : ref.isEmpty() ? null : ref.values().iterator().next();
                assertEquals(ref.containsValue(v), dict.containsValue(v));
                return "get";
            }
            if (dice < 55) {
                iterateAndEdit();
                return "iterate";
            }
            if (dice < 57) {
                growOrShrink();
                return "bulk";
            }
            if (dice < 58) {
                if (r.nextInt(4) == 0) {
                    ref.clear();
                    dict.clear();
                }
                return "clear";
            }
            if (dice < 61) {
                Map<Object, Object> more = new LinkedHashMap<>();
                for (int i = r.nextInt(30); i > 0; i--) {
                    more.put(key(), value());
                }
                if (r.nextBoolean()) {
                    ref.putAll(more);
                    dict.putAll(more);
                } else {
                    int n = r.nextInt(200);
                    dict.ensureCapacity(n);
                }
                return "putAll/ensureCapacity";
            }
            if (dice < 75) {
                defaults();
                return "defaults";
            }
            if (dice < 82) {
                views();
                return "views";
            }
            if (dice < 85) {
                failFast();
                return "failFast";
            }
            if (dice < 87) {
                copies();
                return "copies";
            }
            Object k = key();
            Object v = value();
            assertSame(ref.put(k, v), dict.put(k, v));
            return "put";
        }

        /** Walks one view with its iterator, removing some elements and setting some entry values. */
        void iterateAndEdit() {
            int view = r.nextInt(3);
            int removeOdds = r.nextInt(4);
            Iterator<?> a = view == 0 ? ref.keySet().iterator() : view == 1 ? ref.values().iterator() : ref.entrySet().iterator();
            Iterator<?> b = view == 0 ? dict.keySet().iterator() : view == 1 ? dict.values().iterator() : dict.entrySet().iterator();
            while (true) {
                boolean more = a.hasNext();
                assertEquals(more, b.hasNext());
                if (!more) {
                    break;
                }
                Object x = a.next();
                Object y = b.next();
                if (view == 2) {
                    Map.Entry<?, ?> ex = (Map.Entry<?, ?>) x;
                    @SuppressWarnings("unchecked")
                    Map.Entry<Object, Object> ey = (Map.Entry<Object, Object>) y;
                    assertSame(ex.getKey(), ey.getKey());
                    assertSame(ex.getValue(), ey.getValue());
                    assertEquals(ex, ey);
                    assertEquals(ex.hashCode(), ey.hashCode());
                    if (r.nextInt(5) == 0) {
                        Object v = value();
                        @SuppressWarnings("unchecked")
                        Object old = ((Map.Entry<Object, Object>) ex).setValue(v);
                        assertSame(old, ey.setValue(v));
                    }
                } else {
                    assertSame(x, y);
                }
                if (removeOdds > 0 && r.nextInt(removeOdds + 1) == 0) {
                    a.remove();
                    b.remove();
                    assertThatThrownBy(b::remove).isInstanceOf(IllegalStateException.class);
                }
            }
            assertThatThrownBy(b::next).isInstanceOf(java.util.NoSuchElementException.class);
        }

        /** Many puts (several resizes), then many removes (tombstones and compaction). */
        void growOrShrink() {
            if (r.nextBoolean()) {
                for (int i = r.nextInt(2_000); i > 0; i--) {
                    Object k = key();
                    Object v = value();
                    assertSame(ref.put(k, v), dict.put(k, v));
                }
            } else {
                for (int i = r.nextInt(2_000); i > 0; i--) {
                    Object k = key();
                    assertSame(ref.remove(k), dict.remove(k));
                }
            }
        }

        /** The Map default methods and the ones PyDict overrides. */
        void defaults() {
            Object k = key();
            Object v = value();
            switch (r.nextInt(9)) {
                case 0 -> assertSame(ref.putIfAbsent(k, v), dict.putIfAbsent(k, v));
                case 1 -> assertSame(ref.computeIfAbsent(k, x -> v), dict.computeIfAbsent(k, x -> v));
                case 2 -> assertSame(ref.computeIfPresent(k, (x, old) -> v), dict.computeIfPresent(k, (x, old) -> v));
                case 3 -> assertSame(ref.compute(k, (x, old) -> v), dict.compute(k, (x, old) -> v));
                case 4 -> {
                    if (v != null) {
                        assertSame(ref.merge(k, v, (o, n) -> n instanceof Integer ? null : n),
                                dict.merge(k, v, (o, n) -> n instanceof Integer ? null : n));
                    }
                }
                case 5 -> assertSame(ref.replace(k, v), dict.replace(k, v));
                case 6 -> {
                    Object old = ref.get(k);
                    assertEquals(ref.replace(k, old, v), dict.replace(k, old, v));
                }
                case 7 -> {
                    Object old = r.nextBoolean() ? ref.get(k) : v;
                    assertEquals(ref.remove(k, old), dict.remove(k, old));
                }
                default -> {
                    int bump = r.nextInt(3);
                    Map<Object, Object> bumped = new IdentityHashMap<>();
                    BiFunction<Object, Object, Object> f = (x, old) -> old instanceof Integer i
                            ? bumped.computeIfAbsent(old, o -> Integer.valueOf(i + bump)) : old;
                    ref.replaceAll(f);
                    dict.replaceAll(f);
                }
            }
        }

        /** Removal and lookups through the views. */
        void views() {
            Object k = key();
            switch (r.nextInt(6)) {
                case 0 -> assertEquals(ref.keySet().remove(k), dict.keySet().remove(k));
                case 1 -> {
                    Object v = r.nextBoolean() ? value() : ref.get(k);
                    assertEquals(ref.values().remove(v), dict.values().remove(v));
                }
                case 2 -> {
                    Map.Entry<Object, Object> e = Map.entry(Objects.requireNonNullElse(k, "nk"),
                            Objects.requireNonNullElse(ref.get(k), "nv"));
                    assertEquals(ref.entrySet().contains(e), dict.entrySet().contains(e));
                    assertEquals(ref.entrySet().remove(e), dict.entrySet().remove(e));
                }
                case 3 -> {
                    assertEquals(ref.keySet().contains(k), dict.keySet().contains(k));
                    assertEquals(List.copyOf(ref.keySet().stream().map(String::valueOf).toList()),
                            dict.keySet().stream().map(String::valueOf).toList());
                    assertEquals(new ArrayList<>(ref.values()), new ArrayList<>(dict.values()));
                    assertEquals(ref.keySet(), dict.keySet());
                    assertEquals(ref.entrySet(), dict.entrySet());
                    assertEquals(ref.entrySet().hashCode(), dict.entrySet().hashCode());
                }
                case 4 -> {
                    List<Object> keep = new ArrayList<>();
                    for (Object x : ref.keySet()) {
                        if (r.nextBoolean()) {
                            keep.add(x);
                        }
                    }
                    assertEquals(ref.keySet().retainAll(keep), dict.keySet().retainAll(keep));
                }
                default -> {
                    List<Object> out = new ArrayList<>();
                    dict.forEach((x, y) -> {
                        out.add(x);
                        out.add(y);
                    });
                    List<Object> want = new ArrayList<>();
                    ref.forEach((x, y) -> {
                        want.add(x);
                        want.add(y);
                    });
                    sameItems(want, out);
                }
            }
        }

        /** A structural change during iteration fails the next step of both iterators alike. */
        void failFast() {
            if (ref.isEmpty()) {
                return;
            }
            Iterator<Object> a = ref.keySet().iterator();
            Iterator<Object> b = dict.keySet().iterator();
            int skip = r.nextInt(ref.size());
            for (int i = 0; i < skip; i++) {
                assertSame(a.next(), b.next());
            }
            Object k = key();
            Object v = value();
            switch (r.nextInt(3)) {
                case 0 -> assertSame(ref.put(k, v), dict.put(k, v));
                case 1 -> assertSame(ref.remove(k), dict.remove(k));
                default -> {
                    Object first = ref.keySet().iterator().next();
                    assertSame(ref.remove(first), dict.remove(first));
                }
            }
            assertEquals(a.hasNext(), b.hasNext());
            if (a.hasNext()) {
                Supplier<Object> na = a::next;
                Supplier<Object> nb = b::next;
                Object x = attempt(na);
                Object y = attempt(nb);
                if (x instanceof ConcurrentModificationException) {
                    assertThat(y).isInstanceOf(ConcurrentModificationException.class);
                } else {
                    assertSame(x, y);
                }
            }
            if (dict.isEmpty()) {
                return;
            }
            List<Object> seen = new ArrayList<>();
            assertThatThrownBy(() -> dict.forEach((x, y) -> {
                seen.add(x);
                dict.put(new Key(-1 - seen.size(), 7), "added");
            })).isInstanceOf(ConcurrentModificationException.class);
            // undo on the dict what forEach added, keep the reference equal
            dict.keySet().removeIf(x -> x instanceof Key key && key.id < 0);
        }

        private static Object attempt(Supplier<Object> s) {
            try {
                return s.get();
            } catch (ConcurrentModificationException e) {
                return e;
            }
        }

        /** clone, serialization and the copy constructor keep contents, order and class. */
        void copies() {
            PyDict copy = switch (r.nextInt(3)) {
                case 0 -> dict.clone();
                case 1 -> serialized(dict);
                default -> new PyDict(dict);
            };
            assertEquals(dict, copy);
            List<Object> a = new ArrayList<>(dict.keySet());
            List<Object> b = new ArrayList<>(copy.keySet());
            assertEquals(a, b);
            assertEquals(new ArrayList<>(dict.values()), new ArrayList<>(copy.values()));
            Object k = key();
            copy.put(k, "only in the copy");
            copy.remove(a.isEmpty() ? null : a.get(0));
        }

        private void same() {
            assertEquals(ref.size(), dict.size());
            assertEquals(ref.isEmpty(), dict.isEmpty());
            List<Object> want = new ArrayList<>(ref.size() * 2);
            for (Map.Entry<Object, Object> e : ref.entrySet()) {
                want.add(e.getKey());
                want.add(e.getValue());
            }
            List<Object> got = new ArrayList<>(dict.size() * 2);
            for (Map.Entry<Object, Object> e : dict.entrySet()) {
                got.add(e.getKey());
                got.add(e.getValue());
            }
            sameItems(want, got);
        }
    }

    private static void sameItems(List<Object> want, List<Object> got) {
        assertEquals(want.size(), got.size(), "size");
        for (int i = 0; i < want.size(); i++) {
            if (want.get(i) != got.get(i)) {
                fail("item " + i + ": expected " + want.get(i) + " but was " + got.get(i) + "\nexpected " + want
                        + "\nbut was  " + got);
            }
        }
    }

    private static PyDict serialized(PyDict d) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(d);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                PyDict back = (PyDict) in.readObject();
                assertSame(d.getClass(), back.getClass());
                return back;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---- fixed cases ----

    @Test
    void entriesSnapshottedThenClearedKeepTheirKeysAndValuesLikeLinkedHashMapNodes() {
        PyDict d = new PyDict();
        for (int i = 0; i < 20; i++) {
            d.put("k" + i, i);
        }
        List<Map.Entry<Object, Object>> entries = new ArrayList<>(d.entrySet());
        d.clear();
        for (Map.Entry<Object, Object> e : entries) {
            d.put(e.getKey(), ((Integer) e.getValue()) * 10);
        }
        assertThat(d).hasSize(20).containsEntry("k0", 0).containsEntry("k19", 190);
        assertThat(new ArrayList<>(d.keySet())).isEqualTo(entries.stream().map(Map.Entry::getKey).toList());
    }

    @Test
    void entrySetValueWritesThroughAndReputKeepsPosition() {
        PyDict d = new PyDict();
        d.put("a", 1);
        d.put("b", 2);
        d.put("c", 3);
        d.entrySet().iterator().next().setValue(10);
        d.put("b", 20);
        d.remove("a");
        d.put("a", 100);
        assertThat(new ArrayList<>(d.entrySet())).containsExactly(Map.entry("b", 20), Map.entry("c", 3),
                Map.entry("a", 100));
        assertThat(d.toString()).isEqualTo("{'b': 20, 'c': 3, 'a': 100}");
    }

    @Test
    void keysSharingOneHashStayInOrderThroughFloodModeGrowthAndClear() {
        PyDict d = new PyDict();
        Map<Object, Object> ref = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            Key k = new Key(i, 42);
            d.put(k, i);
            ref.put(k, i);
            if (i % 3 == 0) {
                d.remove(new Key(i / 2, 42));
                ref.remove(new Key(i / 2, 42));
            }
        }
        assertThat(new ArrayList<>(d.entrySet())).isEqualTo(new ArrayList<>(ref.entrySet()));
        d.clear();
        d.put(new Key(1, 42), "x");
        assertThat(d).containsEntry(new Key(1, 42), "x").hasSize(1);
    }

    @Test
    void emptyAndPresizedDictsBehave() {
        PyDict d = new PyDict(0);
        assertThat(d).isEmpty();
        assertThat(d.get("x")).isNull();
        assertThat(d.remove("x")).isNull();
        assertThat(d.keySet().iterator().hasNext()).isFalse();
        d.ensureCapacity(100_000);
        d.put(null, null);
        assertThat(d).containsKey(null).hasSize(1);
        assertThat(d.get(null)).isNull();
        assertThat(new PyDict(5).clone()).isEmpty();
        assertThatThrownBy(() -> new PyDict(-1)).isInstanceOf(IllegalArgumentException.class);
        Collection<Object> values = d.values();
        assertThat(values).containsExactly((Object) null);
    }

    @Test
    void defaultDictKeepsItsFactoryThroughCloneAndSerialization() {
        PyDefaultDict d = new PyDefaultDict("a factory");
        d.put("a", 1);
        PyDefaultDict c = (PyDefaultDict) d.clone();
        assertThat(c.defaultFactory()).isEqualTo(d.defaultFactory());
        c.put("b", 2);
        assertThat(d).hasSize(1);
        PyDefaultDict s = (PyDefaultDict) serialized(d);
        assertThat(s.defaultFactory()).isEqualTo(d.defaultFactory());
        assertThat(s).isEqualTo(d);
    }
}
