package dev.picklewire;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Numbered cases checked on several threads at once: for codecs that many threads share. */
public final class Concurrently {
    private Concurrently() {
    }

    /**
     * Each of {@code threads} threads runs {@code check} on every case from 0 to {@code cases - 1},
     * {@code passes} times over, starting at a case of its own (thread t at case 37 t), so the threads meet
     * different cases at the same moment. Returns what {@code check} said of the cases that failed (it returns
     * null for a case that passed), every thread's; waits at most 100 s for each thread.
     */
    public static List<String> failures(int threads, int passes, int cases, IntFunction<String> check)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 37;
                results.add(pool.submit(() -> {
                    List<String> failed = new ArrayList<>();
                    for (int pass = 0; pass < passes; pass++) {
                        for (int k = 0; k < cases; k++) {
                            String failure = check.apply((k + offset) % cases);
                            if (failure != null) {
                                failed.add(failure);
                            }
                        }
                    }
                    return failed;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> r : results) {
                all.addAll(r.get(100, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
