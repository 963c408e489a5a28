package dev.picklewire.internal.repr;

import dev.picklewire.internal.PyTypeNames;
import dev.picklewire.internal.ValueGraphs;
import dev.picklewire.types.PyByteArray;
import dev.picklewire.types.PyTuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The ordering pprint sorts with (sort_dicts=True): Python's {@code <} where Python defines it, and for
 * pairs Python cannot order, pprint's {@code _safe_key} fallback: compare {@code str(type(x))}, then
 * {@code id(x)}. Ids are unknowable here, so ties between unorderable values of one type keep their
 * original order (a stable sort). Sorting is a binary insertion sort for fewer than 64 items (as
 * CPython's list.sort does for short runs) and a stable merge sort above; both touch only {@code <},
 * so an inconsistent order never throws. Stateless and thread-safe.
 */
final class PyOrder {
    private PyOrder() {
    }

    /** Sorts {@code items} in place as {@code sorted(items, key=_safe_key)} would. */
    static void sortSafe(Object[] items) {
        Object[] keyed = items.clone();
        Integer[] index = new Integer[items.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        sort(index, (a, b) -> safeLess(keyed[a], a, keyed[b], b));
        for (int i = 0; i < index.length; i++) {
            items[i] = keyed[index[i]];
        }
    }

    interface Less {
        boolean lt(int a, int b);
    }

    private static void sort(Integer[] index, Less less) {
        if (index.length < 64) {
            binaryInsertion(index, 0, index.length, less);
        } else {
            mergeSort(index, new Integer[index.length], 0, index.length, less);
        }
    }

    private static void binaryInsertion(Integer[] a, int from, int to, Less less) {
        for (int i = from + 1; i < to; i++) {
            Integer pivot = a[i];
            int lo = from;
            int hi = i;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (less.lt(pivot, a[mid])) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            System.arraycopy(a, lo, a, lo + 1, i - lo);
            a[lo] = pivot;
        }
    }

    private static void mergeSort(Integer[] a, Integer[] tmp, int from, int to, Less less) {
        if (to - from < 32) {
            binaryInsertion(a, from, to, less);
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, less);
        mergeSort(a, tmp, mid, to, less);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            tmp[k++] = less.lt(a[j], a[i]) ? a[j++] : a[i++];
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < to) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, from, a, from, to - from);
    }

    /** {@code _safe_key(a) < _safe_key(b)}, with original positions standing in for ids. */
    static boolean safeLess(Object a, int ia, Object b, int ib) {
        Boolean lt = less(PythonView.of(a), PythonView.of(b));
        if (lt != null) {
            return lt;
        }
        int byType = typeName(a).compareTo(typeName(b));
        return byType != 0 ? byType < 0 : ia < ib;
    }

    /** Python's {@code a < b}, or null where Python raises TypeError. */
    static Boolean less(Object a, Object b) {
        if (isReal(a) && isReal(b)) {
            return realLess(a, b);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y) < 0;
        }
        byte[] ba = bytesOf(a);
        byte[] bb = bytesOf(b);
        if (ba != null && bb != null) {
            return java.util.Arrays.compareUnsigned(ba, bb) < 0;
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            return sequenceLess(x.asList(), y.asList());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return sequenceLess(x, y);
        }
        if (a instanceof Set<?> x && b instanceof Set<?> y) {
            return x.size() < y.size() && y.containsAll(x); // proper subset
        }
        return otherLess(a, b);
    }

    private static Boolean otherLess(Object a, Object b) {
        if (a instanceof LocalDate x && b instanceof LocalDate y) {
            return x.isBefore(y);
        }
        if (a instanceof LocalDateTime x && b instanceof LocalDateTime y) {
            return x.isBefore(y);
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.isBefore(y);
        }
        if (a instanceof LocalTime x && b instanceof LocalTime y) {
            return x.isBefore(y);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return x.compareTo(y) < 0;
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            return unsigned(x).compareTo(unsigned(y)) < 0; // UUID.__lt__ compares .int
        }
        return null;
    }

    private static BigInteger unsigned(UUID u) {
        return new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    private static Boolean sequenceLess(List<?> x, List<?> y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            if (!ValueGraphs.equal(x.get(i), y.get(i))) {
                return less(PythonView.of(x.get(i)), PythonView.of(y.get(i)));
            }
        }
        return x.size() < y.size();
    }

    private static byte[] bytesOf(Object o) {
        return o instanceof byte[] b ? b : o instanceof PyByteArray ba ? ba.array() : null;
    }

    private static boolean isReal(Object o) {
        return o instanceof Boolean || o instanceof Integer || o instanceof Long || o instanceof BigInteger
                || o instanceof Double || o instanceof BigDecimal;
    }

    private static boolean realLess(Object a, Object b) {
        double da = asDouble(a);
        double db = asDouble(b);
        if (Double.isNaN(da) || Double.isNaN(db)) {
            return false;
        }
        if (Double.isInfinite(da) || Double.isInfinite(db)) {
            return da < db;
        }
        return exact(a).compareTo(exact(b)) < 0;
    }

    private static double asDouble(Object o) {
        return o instanceof Boolean bo ? (bo ? 1 : 0) : ((Number) o).doubleValue();
    }

    private static BigDecimal exact(Object o) {
        if (o instanceof Boolean bo) {
            return bo ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (o instanceof BigDecimal d) {
            return d;
        }
        if (o instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (o instanceof Double d) {
            return new BigDecimal(d);
        }
        return BigDecimal.valueOf(((Number) o).longValue());
    }

    static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    /** {@code str(type(x))} for a value, as the fallback compares it. */
    static String typeName(Object raw) {
        Object v = PythonView.of(raw);
        return "<class '" + PyTypeNames.of(v) + "'>";
    }
}
