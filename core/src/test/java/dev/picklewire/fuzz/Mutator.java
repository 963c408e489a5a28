package dev.picklewire.fuzz;

import dev.picklewire.internal.Opcode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded, structure-aware byte mutations of pickles: deterministic for a given {@link Random}, so a failure
 * replays from its seed and iteration. Not thread-safe.
 */
final class Mutator {
    /** Largest input produced, so repetition cannot make a single execution slow. */
    static final int MAX_INPUT = 1 << 16;

    private static final byte[] INTERESTING = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1, (byte) 0xfe, '.', '('};
    private static final long[] BIG_LENGTHS = {
        0x7fff_ffffL, 0xffff_ffffL, 0x8000_0000L, Long.MAX_VALUE, -1L, 0x1_0000_0000L, Long.MIN_VALUE};
    /** Opcodes followed by a length field (1, 4 or 8 bytes, little-endian) and how wide it is. */
    private static final int[][] LENGTH_OPCODES = {
        {'T', 4}, {'B', 4}, {'X', 4}, {0x8b, 4}, {'U', 1}, {'C', 1}, {0x8c, 1}, {0x8a, 1},
        {0x8d, 8}, {0x8e, 8}, {0x96, 8}, {0x95, 8}, {'j', 4}, {'r', 4}, {'h', 1}, {'q', 1}};
    private static final byte[] OPCODES = opcodeBytes();

    private final Random random;
    private final List<FuzzCorpus.Entry> seeds;

    Mutator(Random random, List<FuzzCorpus.Entry> seeds) {
        this.random = random;
        this.seeds = seeds;
    }

    private static byte[] opcodeBytes() {
        Opcode[] all = Opcode.values();
        byte[] out = new byte[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = (byte) all[i].code();
        }
        return out;
    }

    /** One to four stacked mutations of {@code seed}. */
    byte[] mutate(byte[] seed) {
        byte[] data = seed;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            data = mutateOnce(data);
            if (data.length > MAX_INPUT) {
                data = Arrays.copyOf(data, MAX_INPUT);
            }
        }
        return data;
    }

    private byte[] mutateOnce(byte[] d) {
        if (d.length == 0) {
            return new byte[] {OPCODES[random.nextInt(OPCODES.length)]};
        }
        return switch (random.nextInt(11)) {
            case 0 -> flipBit(d);
            case 1 -> setInteresting(d);
            case 2, 3 -> setLength(d);
            case 4 -> insertOpcode(d);
            case 5 -> deleteRange(d);
            case 6 -> duplicateRange(d);
            case 7 -> splice(d);
            case 8 -> Arrays.copyOf(d, random.nextInt(d.length));
            case 9 -> repeatChunk(d);
            default -> setRandomByte(d);
        };
    }

    private byte[] flipBit(byte[] d) {
        byte[] out = d.clone();
        int i = random.nextInt(out.length);
        out[i] ^= (byte) (1 << random.nextInt(8));
        return out;
    }

    private byte[] setInteresting(byte[] d) {
        byte[] out = d.clone();
        out[random.nextInt(out.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
        return out;
    }

    private byte[] setRandomByte(byte[] d) {
        byte[] out = d.clone();
        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        return out;
    }

    /** Writes a huge length: after a length-carrying opcode when there is one (half the time), else anywhere. */
    private byte[] setLength(byte[] d) {
        byte[] out = d.clone();
        int pos = -1;
        int width = random.nextBoolean() ? 4 : 8;
        if (random.nextBoolean()) {
            int start = random.nextInt(out.length);
            for (int k = 0; k < out.length && pos < 0; k++) {
                int i = (start + k) % out.length;
                for (int[] op : LENGTH_OPCODES) {
                    if ((out[i] & 0xff) == op[0]) {
                        pos = i + 1;
                        width = op[1];
                        break;
                    }
                }
            }
        }
        if (pos < 0) {
            pos = random.nextInt(out.length);
        }
        long value = width == 1 ? 0xff : BIG_LENGTHS[random.nextInt(BIG_LENGTHS.length)];
        for (int b = 0; b < width && pos + b < out.length; b++) {
            out[pos + b] = (byte) (value >>> (8 * b));
        }
        return out;
    }

    private byte[] insertOpcode(byte[] d) {
        int at = random.nextInt(d.length + 1);
        byte[] out = new byte[d.length + 1];
        System.arraycopy(d, 0, out, 0, at);
        out[at] = OPCODES[random.nextInt(OPCODES.length)];
        System.arraycopy(d, at, out, at + 1, d.length - at);
        return out;
    }

    private byte[] deleteRange(byte[] d) {
        int at = random.nextInt(d.length);
        int n = 1 + random.nextInt(Math.min(8, d.length - at));
        byte[] out = new byte[d.length - n];
        System.arraycopy(d, 0, out, 0, at);
        System.arraycopy(d, at + n, out, at, d.length - at - n);
        return out;
    }

    private byte[] duplicateRange(byte[] d) {
        int at = random.nextInt(d.length);
        int n = 1 + random.nextInt(Math.min(16, d.length - at));
        byte[] out = new byte[d.length + n];
        System.arraycopy(d, 0, out, 0, at + n);
        System.arraycopy(d, at, out, at + n, d.length - at);
        return out;
    }

    private byte[] repeatChunk(byte[] d) {
        int at = random.nextInt(d.length);
        int n = 1 + random.nextInt(Math.min(8, d.length - at));
        int times = 2 + random.nextInt(random.nextBoolean() ? 8 : 2000);
        int total = (int) Math.min(MAX_INPUT, (long) d.length + (long) n * (times - 1));
        byte[] out = new byte[total];
        System.arraycopy(d, 0, out, 0, at);
        int w = at;
        for (int t = 0; t < times && w < total; t++) {
            int c = Math.min(n, total - w);
            System.arraycopy(d, at, out, w, c);
            w += c;
        }
        int rest = Math.min(d.length - at - n, total - w);
        System.arraycopy(d, at + n, out, w, rest);
        return Arrays.copyOf(out, w + rest);
    }

    /** A prefix of this input and a suffix of another seed. */
    private byte[] splice(byte[] d) {
        byte[] other = seeds.get(random.nextInt(seeds.size())).data();
        int cut = random.nextInt(d.length + 1);
        int from = other.length == 0 ? 0 : random.nextInt(other.length);
        byte[] out = Arrays.copyOf(d, cut + other.length - from);
        System.arraycopy(other, from, out, cut, other.length - from);
        return out;
    }
}
