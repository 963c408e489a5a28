package dev.picklewire.net;

import static dev.picklewire.net.FrameFixtures.ascii;
import static dev.picklewire.net.FrameFixtures.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.picklewire.ChunkedInputStream;
import dev.picklewire.Limits;
import dev.picklewire.Pickle;
import dev.picklewire.PickleLimitException;
import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import dev.picklewire.UnpicklingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferedFrameReaderTest {
    private static final Unpickler UNPICKLER = Unpickler.defaults();
    private static final Unpickler STREAM_UNPICKLER = BufferedFrameReader.forFrames(UNPICKLER);

    private static BufferedFrameReader reader(InputStream in, int bufferSize) {
        return new BufferedFrameReader(in, Framing.defaults(), FrameReader.NO_PACER, bufferSize);
    }

    private static List<byte[]> readAll(BufferedFrameReader reader) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] p; (p = reader.readFrame()) != null; ) {
            frames.add(p);
        }
        return frames;
    }

    private static List<Object> loadAll(BufferedFrameReader reader) throws IOException {
        List<Object> values = new ArrayList<>();
        for (Object v; (v = reader.readObject(UNPICKLER, STREAM_UNPICKLER)) != BufferedFrameReader.END; ) {
            values.add(v);
        }
        return values;
    }

    /** Hands out the first {@code cut} bytes in one read, then everything else in the next. */
    private static InputStream cutAt(byte[] data, int cut) {
        AtomicInteger calls = new AtomicInteger();
        return new ChunkedInputStream(data, () -> calls.getAndIncrement() == 0 ? Math.max(1, cut) : Integer.MAX_VALUE);
    }

    @Test
    void manySmallFramesComeFromFewReads() throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            payloads.add(Pickle.dumps(Map.of(1, "hi", 2, "there " + i)));
        }
        byte[] data = FrameFixtures.stream(payloads);
        AtomicInteger reads = new AtomicInteger();
        InputStream counting = new ChunkedInputStream(data, () -> {
            reads.incrementAndGet();
            return Integer.MAX_VALUE;
        });
        BufferedFrameReader reader = reader(counting, 64 * 1024);
        List<Object> values = loadAll(reader);
        assertThat(values).hasSize(3000);
        assertThat(values.get(2999)).isEqualTo(Map.of(1, "hi", 2, "there 2999"));
        assertThat(reader.framesRead()).isEqualTo(3000);
        // One read per full buffer (plus the last partial one and the end): not one per frame.
        assertThat(reads.get()).isLessThanOrEqualTo(data.length / (64 * 1024) + 3);
    }

    @Test
    void framesSplitAtEveryByteReadTheSame() throws Exception {
        List<byte[]> payloads = new ArrayList<>(FrameFixtures.payloads(0, 33, 1, 70, 7));
        payloads.add(Pickle.dumps(List.of("x", 1, 2.5)));
        byte[] data = FrameFixtures.stream(payloads);
        for (int bufferSize : new int[] {10, 16, 40, 64 * 1024}) {
            for (int cut = 1; cut < data.length; cut++) {
                assertThat(readAll(reader(cutAt(data, cut), bufferSize)))
                        .as("buffer %d, cut %d", bufferSize, cut).containsExactlyElementsOf(payloads);
            }
        }
    }

    @Test
    void picklesSplitAtEveryByteDecodeTheSame() throws Exception {
        List<Object> values = List.of(Map.of(1, "hi", 2, "there"), "a longer string to cross a small buffer", 7L,
                List.of(1, 2, 3));
        List<byte[]> payloads = new ArrayList<>();
        for (Object v : values) {
            payloads.add(Pickle.dumps(v, 2));
        }
        byte[] data = FrameFixtures.stream(payloads);
        for (int bufferSize : new int[] {10, 24, 64 * 1024}) {
            for (int cut = 1; cut < data.length; cut++) {
                List<Object> got = loadAll(reader(cutAt(data, cut), bufferSize));
                assertThat(got).as("buffer %d, cut %d", bufferSize, cut).hasSize(values.size());
                assertThat(got.get(1)).isEqualTo(values.get(1));
            }
        }
    }

    @Test
    void everyReadSizeAndTheSameFailuresAsFrameReader() throws Exception {
        byte[] good = FrameFixtures.stream(FrameFixtures.payloads(0, 33, 1, 100_000, 7));
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(good);
        for (int cut : new int[] {1, 9, 10, 11, 43, 100_050, good.length - 1}) {
            inputs.add(Arrays.copyOf(good, cut)); // truncated inside a header or a payload
        }
        for (byte[] header : FrameFixtures.badHeaders()) {
            inputs.add(concat(concat(ascii("2         ab"), header), new byte[50]));
        }
        inputs.add(concat(ascii("67108865  "), new byte[50]));
        for (byte[] input : inputs) {
            for (int step : new int[] {1, 3, 4096, Integer.MAX_VALUE}) {
                String expected = outcome(() -> {
                    FrameReader r = new FrameReader(ChunkedInputStream.step(input, step), Framing.defaults());
                    List<byte[]> frames = new ArrayList<>();
                    for (byte[] p; (p = r.readFrame()) != null; ) {
                        frames.add(p);
                    }
                    return frames;
                });
                for (int bufferSize : new int[] {10, 64 * 1024}) {
                    String got = outcome(() -> readAll(reader(ChunkedInputStream.step(input, step), bufferSize)));
                    assertThat(got).as("step %d buffer %d", step, bufferSize).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void mutatedStreamsEndAsFrameReaderEndsThem() throws Exception {
        long seed = Long.getLong("picklewire.seed", new Random().nextLong()); // rerun one: -Dpicklewire.seed=N
        System.out.println("BufferedFrameReaderTest seed=" + seed);
        Random random = new Random(seed);
        byte[] good = FrameFixtures.stream(FrameFixtures.payloads(3, 33, 0, 200, 5000, 1, 70_000, 12));
        for (int run = 0; run < 2000; run++) {
            byte[] input = good.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && input.length > 0; e++) { // a cut at 0 leaves nothing to edit
                int at = random.nextInt(input.length);
                switch (random.nextInt(3)) {
                    case 0 -> input[at] = (byte) random.nextInt(256);
                    case 1 -> input[at] = (byte) "0123456789 +-_\t".charAt(random.nextInt(15));
                    default -> input = Arrays.copyOf(input, at);
                }
            }
            byte[] in = input;
            long chunkSeed = random.nextLong();
            int bufferSize = 10 + random.nextInt(100_000);
            String expected = outcome(() -> readAllFrames(new FrameReader(
                    ChunkedInputStream.random(in, new Random(chunkSeed), 5000), Framing.defaults())));
            String got = outcome(() -> readAll(reader(ChunkedInputStream.random(in, new Random(chunkSeed), 5000),
                    bufferSize)));
            assertThat(got).as("seed %d run %d buffer %d", seed, run, bufferSize).isEqualTo(expected);
        }
    }

    private static List<byte[]> readAllFrames(FrameReader reader) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] p; (p = reader.readFrame()) != null; ) {
            frames.add(p);
        }
        return frames;
    }

    private interface Reading {
        List<byte[]> run() throws IOException;
    }

    /** The frames read (sizes and a hash) and the failure's class and message, as one comparable string. */
    private static String outcome(Reading reading) {
        try {
            StringBuilder sb = new StringBuilder();
            for (byte[] p : reading.run()) {
                sb.append(p.length).append('/').append(Arrays.hashCode(p)).append(' ');
            }
            return sb.toString();
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void aBigFrameIsDecodedFromTheBoundedStreamAndItsTrailingBytesSkipped() throws Exception {
        byte[] big = new byte[5_000_000];
        new Random(7).nextBytes(big);
        byte[] pickle = Pickler.builder().protocol(5).build().dumps(big);
        byte[] withTrailing = concat(pickle, ascii("trailing bytes after STOP, ignored as loads ignores them"));
        assertThat((byte[]) UNPICKLER.loads(withTrailing)).isEqualTo(big);
        byte[] next = Pickle.dumps("next");
        byte[] data = FrameFixtures.stream(List.of(withTrailing, next, pickle));
        for (int step : new int[] {1000, 65_536, Integer.MAX_VALUE}) {
            BufferedFrameReader reader = reader(ChunkedInputStream.step(data, step), 64 * 1024);
            assertThat((byte[]) reader.readObject(UNPICKLER, STREAM_UNPICKLER)).isEqualTo(big);
            assertThat(reader.readObject(UNPICKLER, STREAM_UNPICKLER)).isEqualTo("next");
            assertThat((byte[]) reader.readObject(UNPICKLER, STREAM_UNPICKLER)).isEqualTo(big);
            assertThat(reader.readObject(UNPICKLER, STREAM_UNPICKLER)).isSameAs(BufferedFrameReader.END);
            assertThat(reader.framesRead()).isEqualTo(3);
        }
    }

    @Test
    void aBigFrameOverTheStreamInputLimitLoadsAsLoadsWould() throws Exception {
        // loads(byte[]) is bounded by the array, not by maxInputBytes; the frame's stream read must agree.
        Unpickler small = Unpickler.builder().limits(Limits.builder().maxInputBytes(1 << 20).build()).build();
        byte[] big = new byte[3 << 20];
        byte[] pickle = Pickler.builder().protocol(5).build().dumps(big);
        assertThat((byte[]) small.loads(pickle)).hasSize(big.length);
        assertThatThrownBy(() -> small.load(new ByteArrayInputStream(pickle))).isInstanceOf(PickleLimitException.class);
        BufferedFrameReader reader = reader(new ByteArrayInputStream(FrameFixtures.stream(List.of(pickle))), 64 * 1024);
        assertThat((byte[]) reader.readObject(small, BufferedFrameReader.forFrames(small))).hasSize(big.length);
    }

    @Test
    void theFrameStreamUnpicklerKeepsEverySettingButTheInputLimit() throws Exception {
        java.util.function.Function<Object, Object> persistent = id -> id;
        Unpickler configured = Unpickler.builder().strict(true).allowGlobal("m", "n").encoding("latin1")
                .fixImports(false).persistentLoad(persistent)
                .limits(Limits.builder().maxDepth(7).maxMemo(9).maxInputBytes(1000).build()).build();
        Unpickler derived = BufferedFrameReader.forFrames(configured);
        assertThat(derived.limits().maxInputBytes()).isGreaterThan(Integer.MAX_VALUE);
        assertThat(derived.limits().toBuilder().maxInputBytes(1000).build().toString())
                .isEqualTo(configured.limits().toString());
        // Every other field, by reflection, so a setting added to Unpickler later cannot be silently dropped.
        int compared = 0;
        for (java.lang.reflect.Field f : Unpickler.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getName().equals("limits")
                    || f.getType() == dev.picklewire.internal.reader.ReaderPool.class) { // state, not a setting
                continue;
            }
            f.setAccessible(true);
            assertThat(f.get(derived)).as(f.getName()).isEqualTo(f.get(configured));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aBadPickleInABigFrameFailsAsLoadsAndTheNextFrameIsStillRead() throws Exception {
        byte[] pickle = Pickler.builder().protocol(5).build().dumps(new byte[200_000]);
        // Cut short inside its BINBYTES8 argument, then padded with junk that is not part of it.
        byte[] cutShort = Arrays.copyOf(pickle, 150_000);
        String loadsFailure = outcomeOf(() -> UNPICKLER.loads(cutShort));
        assertThat(loadsFailure).startsWith(UnpicklingException.class.getName());
        byte[] data = FrameFixtures.stream(List.of(cutShort, Pickle.dumps("after")));
        BufferedFrameReader reader = reader(new ByteArrayInputStream(data), 64 * 1024);
        assertThat(outcomeOf(() -> reader.readObject(UNPICKLER, STREAM_UNPICKLER))).isEqualTo(loadsFailure);
        assertThat(reader.readObject(UNPICKLER, STREAM_UNPICKLER)).isEqualTo("after");
    }

    @Test
    void aStreamEndingInsideABigFrameIsATruncatedFrame() throws Exception {
        byte[] pickle = Pickler.builder().protocol(5).build().dumps(new byte[200_000]);
        byte[] data = Arrays.copyOf(FrameFixtures.stream(List.of(pickle)), 150_000);
        BufferedFrameReader reader = reader(new ByteArrayInputStream(data), 64 * 1024);
        assertThatThrownBy(() -> reader.readObject(UNPICKLER, STREAM_UNPICKLER))
                .isInstanceOf(TruncatedFrameException.class)
                .hasMessageStartingWith("frame 1 at byte offset 0: stream ended inside the payload after 149990 of");
    }

    /**
     * With {@link Framing.Builder#trustDeclaredLengths} on, a payload (or a pickle argument the frame can hold)
     * gets its array when its length is read; everything read stays the same, and so does every failure.
     */
    @Test
    void trustedLengthsReadTheSameFramesAndFailTheSameWay() throws Exception {
        Framing trusted = Framing.builder().trustDeclaredLengths(true).build();
        byte[] big = new byte[300_000];
        new Random(11).nextBytes(big);
        byte[] pickle = Pickler.builder().protocol(5).build().dumps(big);
        byte[] cutShort = Arrays.copyOf(pickle, 150_000); // its BINBYTES8 declares more than the frame holds
        List<byte[]> payloads = List.of(pickle, Pickle.dumps("next"), cutShort, Pickle.dumps("after"), big);
        byte[] data = FrameFixtures.stream(payloads);
        String loadsFailure = outcomeOf(() -> UNPICKLER.loads(cutShort));
        for (int step : new int[] {1000, 65_536, Integer.MAX_VALUE}) {
            BufferedFrameReader reader = new BufferedFrameReader(ChunkedInputStream.step(data, step), trusted,
                    FrameReader.NO_PACER, 64 * 1024);
            assertThat((byte[]) reader.readObject(UNPICKLER, STREAM_UNPICKLER)).isEqualTo(big);
            assertThat(reader.readObject(UNPICKLER, STREAM_UNPICKLER)).isEqualTo("next");
            assertThat(outcomeOf(() -> reader.readObject(UNPICKLER, STREAM_UNPICKLER))).isEqualTo(loadsFailure);
            assertThat(reader.readObject(UNPICKLER, STREAM_UNPICKLER)).isEqualTo("after");
            assertThat(reader.readFrame()).isEqualTo(big);
            assertThat(reader.readFrame()).isNull();

            FrameReader plain = new FrameReader(ChunkedInputStream.step(data, step), trusted);
            for (byte[] expected : payloads) {
                assertThat(plain.readFrame()).isEqualTo(expected);
            }
            assertThat(plain.readFrame()).isNull();
        }
        FrameDecoder decoder = new FrameDecoder(trusted);
        List<byte[]> decoded = new ArrayList<>();
        for (int at = 0; at < data.length; at += 4096) {
            decoded.addAll(decoder.feed(data, at, Math.min(4096, data.length - at)));
        }
        assertThat(decoded).containsExactlyElementsOf(payloads);

        byte[] cut = Arrays.copyOf(FrameFixtures.stream(List.of(pickle)), 150_000);
        for (boolean asObject : new boolean[] {true, false}) {
            BufferedFrameReader reader = new BufferedFrameReader(new ByteArrayInputStream(cut), trusted,
                    FrameReader.NO_PACER, 64 * 1024);
            assertThatThrownBy(() -> {
                if (asObject) {
                    reader.readObject(UNPICKLER, STREAM_UNPICKLER);
                } else {
                    reader.readFrame();
                }
            }).isInstanceOf(TruncatedFrameException.class)
                    .hasMessageStartingWith("frame 1 at byte offset 0: stream ended inside the payload after 149990 of");
        }
    }

    /**
     * What trusting the declared lengths saves, in bytes this thread allocates reading one frame holding a
     * 20 MiB bytes pickle through 64 KiB reads: by default the unpickler stages up to half the argument before
     * its final array is allowed and copies it over; trusted, the final array is made at once.
     */
    @Test
    void trustedLengthsAllocateALargeArgumentOnce() throws Exception {
        byte[] pickle = Pickler.builder().protocol(5).build().dumps(new byte[20 << 20]);
        byte[] data = FrameFixtures.stream(List.of(pickle));
        long staged = allocatedReading(data, Framing.defaults());
        long trusted = allocatedReading(data, Framing.builder().trustDeclaredLengths(true).build());
        assertThat(trusted).isLessThan((20L << 20) + (1 << 20));
        assertThat(staged).isGreaterThan((28L << 20));
    }

    private static long allocatedReading(byte[] data, Framing framing) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) { // the first pass also loads classes
            BufferedFrameReader reader = new BufferedFrameReader(ChunkedInputStream.step(data, 64 * 1024), framing,
                    FrameReader.NO_PACER, 64 * 1024);
            long before = threads.getThreadAllocatedBytes(id);
            assertThat((byte[]) reader.readObject(UNPICKLER, STREAM_UNPICKLER)).hasSize(20 << 20);
            least = Math.min(least, threads.getThreadAllocatedBytes(id) - before);
        }
        return least;
    }

    private interface Call {
        Object run() throws IOException;
    }

    private static String outcomeOf(Call call) {
        try {
            return "value " + call.run();
        } catch (IOException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
