package dev.picklewire.net.robust;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what PickleServer logs (System.Logger goes to java.util.logging by default). Close to detach. */
final class ServerLog extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.picklewire.net.PickleServer");
    private final Level previous;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    ServerLog() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        String msg = r.getMessage();
        Object[] params = r.getParameters();
        if (params != null) {
            msg = java.text.MessageFormat.format(msg, params);
        }
        lines.add(r.getLevel() + " " + msg + (r.getThrown() != null ? " " + r.getThrown() : ""));
    }

    /** The lines logged so far that mention {@code text}. */
    List<String> mentioning(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
