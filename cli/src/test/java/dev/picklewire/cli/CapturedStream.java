package dev.picklewire.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PrintStream target that a test can read while a command still runs, and wait on (bounded). */
final class CapturedStream extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        notifyAll();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the text matches {@code regex} somewhere and returns group 1, or fails after {@code patience}. */
    synchronized String await(String regex, Duration patience) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Matcher m = p.matcher(text());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("gave up waiting for /" + regex + "/ in:\n" + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
