package dev.picklewire.net.robust;

import dev.picklewire.net.ConnectionHandler;
import dev.picklewire.net.PickleClient;
import dev.picklewire.net.PickleServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/** Child JVM (-Xmx512m): one 64 MiB frame to an echo server in the same JVM and back; prints peak heap. */
public final class BigPayloadChild {
    private BigPayloadChild() {
    }

    public static void main(String[] args) throws Exception {
        byte[] payload = LoadTest.checksummed(new Random(64), (64 << 20) - 8);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        try (PickleServer server = PickleServer.builder().port(0).handler(ConnectionHandler.echo()).start();
                PickleClient client = PickleClient.builder().readTimeout(Duration.ofSeconds(60))
                        .connect("127.0.0.1", server.port())) {
            client.sendFrame(payload);
            byte[] back = client.receiveFrame();
            if (back == null || !Arrays.equals(back, payload) || !LoadTest.checksumHolds(back)) {
                System.out.println("round trip WRONG");
                System.exit(1);
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("64 MiB round trip ok in %.1f s with -Xmx512m; sum of heap pool peaks %d MiB (%.1fx payload)%n",
                (System.nanoTime() - t0) / 1e9, peak >> 20, peak / (double) payload.length);
        System.exit(0);
    }
}
