package dev.picklewire.internal.writer;

import dev.picklewire.PicklingException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A finished pickle as the writer left it: the small bytes in one array, and the large payloads (64 KiB and
 * more, written outside frames) still in the arrays they came from, each with the index in the small bytes
 * where it belongs.
 *
 * <pre>
 *   small: [ PROTO ... BINBYTES len | MEMOIZE ... STOP ]
 *                                   ^ segment 0 goes here (payload array, offset, length)
 * </pre>
 *
 * <p>Immutable once made, but it holds the caller's payload arrays: they must not change until written.
 */
public final class SegmentedPickle {
    private final byte[] small;
    private final int smallLength;
    private final int count;
    private final int[] at;
    private final byte[][] data;
    private final int[] off;
    private final int[] length;
    private final long total;

    SegmentedPickle(byte[] small, int smallLength, Segments s, long total) {
        this(small, smallLength, s.count, s.at, s.data, s.off, s.length, total);
    }

    private SegmentedPickle(byte[] small, int smallLength, int count, int[] at, byte[][] data, int[] off,
            int[] length, long total) {
        this.small = small;
        this.smallLength = smallLength;
        this.count = count;
        this.at = at;
        this.data = data;
        this.off = off;
        this.length = length;
        this.total = total;
    }

    /** This pickle with its small bytes in an exact array of its own, so the writer's array can be reused. */
    SegmentedPickle detached() {
        return new SegmentedPickle(Arrays.copyOf(small, smallLength), smallLength, count, at, data, off, length,
                total);
    }

    /** Total bytes of the pickle. */
    public long length() {
        return total;
    }

    /** The small bytes as they are, each payload straight from its own array; no copy. */
    public void writeTo(OutputStream out) throws IOException {
        int from = 0;
        for (int i = 0; i < count; i++) {
            out.write(small, from, at[i] - from);
            out.write(data[i], off[i], length[i]);
            from = at[i];
        }
        out.write(small, from, smallLength - from);
    }

    /** The pickle in one new array: each payload copied once. */
    public byte[] toByteArray() {
        if (count == 0) {
            return Arrays.copyOf(small, smallLength);
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new PicklingException("pickle of " + total + " bytes would exceed 2 GiB, more than a Java array"
                    + " holds; write it to a stream instead");
        }
        int big = largest();
        int bigAt = at[big] + before(big);
        // The largest payload is copied right after the allocation: the JIT then skips zeroing the part the
        // copy fills, so the big payload costs one memcpy, not a memset and a memcpy.
        byte[] result = new byte[(int) total];
        System.arraycopy(data[big], off[big], result, bigAt, length[big]);
        int from = 0;
        int to = 0;
        for (int i = 0; i < count; i++) {
            System.arraycopy(small, from, result, to, at[i] - from);
            to += at[i] - from;
            if (i != big) {
                System.arraycopy(data[i], off[i], result, to, length[i]);
            }
            to += length[i];
            from = at[i];
        }
        System.arraycopy(small, from, result, to, smallLength - from);
        return result;
    }

    private int largest() {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (length[i] > length[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Payload bytes before segment {@code i}. */
    private int before(int i) {
        int sum = 0;
        for (int j = 0; j < i; j++) {
            sum += length[j];
        }
        return sum;
    }

    /** The segment list an OutputBuffer fills: parallel arrays, grown by doubling (few entries as a rule). */
    static final class Segments {
        int count;
        // null until the first large payload: most pickles have none
        int[] at;
        byte[][] data;
        int[] off;
        int[] length;

        void add(int where, byte[] payload, int offset, int n) {
            if (at == null) {
                at = new int[4];
                data = new byte[4][];
                off = new int[4];
                length = new int[4];
            } else if (count == at.length) {
                int cap = count * 2;
                at = Arrays.copyOf(at, cap);
                data = Arrays.copyOf(data, cap);
                off = Arrays.copyOf(off, cap);
                length = Arrays.copyOf(length, cap);
            }
            at[count] = where;
            data[count] = payload;
            off[count] = offset;
            length[count] = n;
            count++;
        }
    }
}
