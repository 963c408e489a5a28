package dev.picklewire.bench;

import dev.picklewire.Pickler;
import dev.picklewire.net.Framing;
import dev.picklewire.net.PickleClient;
import dev.picklewire.net.PickleServer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * End-to-end loopback throughput over one TCP connection on 127.0.0.1: a sender writing back to back, a
 * receiver decoding every message. Prints one JSON object per scenario with every repeat and the median, and
 * the median CPU time of the whole process per message ({@code cpu_unit} "cpu ns per msg") or per 100 MB
 * ("cpu ms per 100 MB"), both sides and GC together: on a shared machine that figure is steadier than the rate.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.picklewire.bench.LoopbackBench [SCENARIO...] [--repeats N]
 *     [--messages N] [--big-count N]
 * </pre>
 *
 * <p>Scenarios:
 * <ul>
 * <li>{@code pw-tutorial}: a {@link PickleServer} handler {@code write}s the tutorial dict N times back to back
 *     (queued in the connection's buffer, which leaves whenever it fills) and flushes once at the end; a
 *     {@link PickleClient} {@code receive}s (and so unpickles) each one. Messages per second.
 * <li>{@code pw-tutorial-send}: the same with {@code send} per message (a flush, so a system call, each).
 * <li>{@code raw-tutorial}: CPython's 43-byte frame written N times through a buffered stream and read back
 *     header and payload, nothing decoded: the small-message physical limit.
 * <li>{@code pw-bytes100m}: the server {@code send}s a 100,000,000-byte {@code bytes} pickled at protocol 5
 *     (header from the pickle's length, then the payload from the caller's array); the client receives and
 *     unpickles it (from the socket as it arrives). MB/s of payload.
 * <li>{@code pw-bytes100m-trusted}: the same with {@link Framing.Builder#trustDeclaredLengths} on at both ends, so
 *     the client gives the 100 MB its array when the pickle declares it instead of staging half of it.
 * <li>{@code raw-bytes100m}: a raw Java socket pump of the same 100 MB (one write, 1 MiB reads): the bulk
 *     physical limit.
 * </ul>
 *
 * <p>Single-threaded per side, not thread-safe; run it alone.
 */
public final class LoopbackBench {
    private static final int BIG = 100_000_000;
    private static final Framing BIG_FRAMING = Framing.builder().maxFrameSize(BIG + (1 << 20)).build();
    private static final Framing TRUSTED_BIG_FRAMING = Framing.builder().maxFrameSize(BIG + (1 << 20))
            .trustDeclaredLengths(true).build();

    private int repeats = 5;
    private int messages = 500_000;
    private int bigCount = 3;

    private LoopbackBench() {
    }

    public static void main(String[] args) throws Exception {
        LoopbackBench bench = new LoopbackBench();
        List<String> scenarios = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> bench.repeats = Integer.parseInt(args[++i]);
                case "--messages" -> bench.messages = Integer.parseInt(args[++i]);
                case "--big-count" -> bench.bigCount = Integer.parseInt(args[++i]);
                default -> scenarios.add(args[i]);
            }
        }
        if (scenarios.isEmpty()) {
            scenarios = List.of("raw-tutorial", "pw-tutorial", "pw-tutorial-send", "raw-bytes100m", "pw-bytes100m");
        }
        for (String scenario : scenarios) {
            bench.run(scenario);
        }
    }

    private void run(String scenario) throws Exception {
        boolean big = scenario.contains("bytes100m");
        double[] rates = new double[repeats];
        double[] cpu = new double[repeats];
        run(scenario, big, new double[1], 0); // warm-up, not counted
        for (int r = 0; r < repeats; r++) {
            rates[r] = run(scenario, big, cpu, r);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double[] cpuSorted = cpu.clone();
        Arrays.sort(cpuSorted);
        System.out.printf("{\"scenario\": \"%s\", \"java\": \"%s\", \"unit\": \"%s\", \"median\": %.1f, \"runs\": %s, "
                + "\"cpu_unit\": \"%s\", \"cpu_median\": %.3f}%n",
                scenario, System.getProperty("java.version"), big ? "MB/s" : "msgs/s", sorted[repeats / 2],
                Arrays.toString(rates), big ? "cpu ms per 100 MB" : "cpu ns per msg", cpuSorted[repeats / 2]);
    }

    /**
     * One repeat: messages per second, or payload MB/s for the 100 MB scenarios. Also records the process's
     * CPU time per unit (both sides together) into {@code cpu[r]}: on a shared machine wall-clock rates swing
     * with the load, while CPU time per message moves much less, so A/B comparisons can lean on it.
     */
    private double run(String scenario, boolean big, double[] cpu, int r) throws Exception {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        long units = switch (scenario) {
            case "pw-tutorial" -> pwTutorial(false);
            case "pw-tutorial-send" -> pwTutorial(true);
            case "raw-tutorial" -> rawTutorial();
            case "pw-bytes100m" -> pwBytes(BIG_FRAMING);
            case "pw-bytes100m-trusted" -> pwBytes(TRUSTED_BIG_FRAMING);
            case "raw-bytes100m" -> rawBytes();
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuNanos = processCpuNanos() - cpuStart;
        cpu[r] = big ? cpuNanos / 1e6 / (units / (double) BIG) : cpuNanos / units;
        return big ? units / seconds / 1e6 : units / seconds;
    }

    /** CPU time of the whole process (every thread, GC included), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static Map<Integer, String> tutorialValue() {
        Map<Integer, String> value = new LinkedHashMap<>();
        value.put(1, "hi");
        value.put(2, "there");
        return value;
    }

    private long pwTutorial(boolean flushEach) throws Exception {
        Map<Integer, String> value = tutorialValue();
        int n = messages;
        try (PickleServer server = PickleServer.builder().port(0).handler(c -> {
            for (int i = 0; i < n; i++) {
                if (flushEach) {
                    c.send(value);
                } else {
                    c.write(value);
                }
            }
            c.flush();
        }).start(); PickleClient client = PickleClient.connect("127.0.0.1", server.port())) {
            long received = 0;
            while (client.receive() != null) {
                received++;
            }
            return check(received, n);
        }
    }

    private long rawTutorial() throws Exception {
        byte[] frame = new byte[43];
        byte[] header = "33        ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, frame, 0, 10);
        System.arraycopy(Payloads.read("tutorial", 2), 0, frame, 10, 33);
        int n = messages;
        return pump(out -> {
            OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            for (int i = 0; i < n; i++) {
                buffered.write(frame);
            }
            buffered.flush();
        }, in -> {
            InputStream buffered = new BufferedInputStream(in, 1 << 16);
            byte[] head = new byte[10];
            byte[] body = new byte[33];
            long received = 0;
            while (buffered.readNBytes(head, 0, 10) == 10) {
                buffered.readNBytes(body, 0, 33);
                received++;
            }
            return check(received, n);
        });
    }

    private long pwBytes(Framing framing) throws Exception {
        byte[] data = bigBytes();
        int count = bigCount;
        Pickler pickler = Pickler.builder().protocol(5).build();
        try (PickleServer server = PickleServer.builder().port(0).framing(framing).pickler(pickler)
                .handler(c -> {
                    for (int i = 0; i < count; i++) {
                        c.send(data);
                    }
                }).start();
             PickleClient client = PickleClient.builder().framing(framing).connect("127.0.0.1", server.port())) {
            long received = 0;
            for (Object value; (value = client.receive()) != null; ) {
                received += ((byte[]) value).length;
            }
            return check(received, (long) count * BIG);
        }
    }

    private long rawBytes() throws Exception {
        byte[] data = bigBytes();
        int count = bigCount;
        return pump(out -> {
            for (int i = 0; i < count; i++) {
                out.write(data);
            }
        }, in -> {
            byte[] buffer = new byte[1 << 20];
            long received = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                received += n;
            }
            return check(received, (long) count * BIG);
        });
    }

    private static byte[] bigBytesCache;

    private static byte[] bigBytes() {
        if (bigBytesCache == null) {
            bigBytesCache = new byte[BIG];
            new Random(42).nextBytes(bigBytesCache);
        }
        return bigBytesCache;
    }

    private static long check(long got, long expected) {
        if (got != expected) {
            throw new IllegalStateException("received " + got + ", expected " + expected);
        }
        return got;
    }

    private interface Sender {
        void send(OutputStream out) throws IOException;
    }

    private interface Receiver {
        long receive(InputStream in) throws IOException;
    }

    /** Raw loopback connection: the sender on its own thread, the receiver on this one. */
    private static long pump(Sender sender, Receiver receiver) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread thread = new Thread(() -> {
                try (Socket socket = listener.accept()) {
                    socket.setTcpNoDelay(true);
                    sender.send(socket.getOutputStream());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "loopback-sender");
            thread.start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                long units = receiver.receive(socket.getInputStream());
                thread.join();
                return units;
            }
        }
    }
}
