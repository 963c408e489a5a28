package dev.picklewire.net;

import dev.picklewire.PickleException;
import dev.picklewire.Pickler;
import dev.picklewire.Unpickler;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP server that gives each client its own thread and a {@link Connection} to send and receive pickled
 * objects in the tutorial's frames: the Java twin of the tutorial's {@code server.py}, grown into a real
 * multi-client server.
 *
 * <pre>{@code
 * try (PickleServer server = PickleServer.builder()
 *         .port(0)                                           // ephemeral; see port()
 *         .handler(c -> c.send(Map.of(1, "hi", 2, "there")))
 *         .start()) {
 *     System.out.println("listening on " + server.port());
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> One acceptor thread ({@code picklewire-<port>-accept}), and one thread per connection,
 * named {@code picklewire-<port>-conn-<n>}: a virtual thread when the JVM has them (Java 21+, found by
 * reflection at run time; the code is built for 17), else a platform daemon thread from a cached pool.
 * After {@link #close()} returns, every one of them has ended (unless a handler ignores both the closed
 * socket and interruption for twice the shutdown timeout, which is logged).
 *
 * <p><b>Limits.</b> At most {@code maxConnections} connections at once: a connection beyond it is accepted
 * and closed at once, with a log line (refusing is visible to the client; queueing would leave it waiting on
 * a silent socket). The idle timeout ends a connection whose peer sends nothing while the handler waits for
 * a frame; the per-frame timeout ends one whose frame, once begun, is not complete in time (a peer trickling
 * a byte a second is cut off). Both apply only while the handler reads.
 *
 * <p><b>Failures.</b> A bad frame, a bad pickle, a timeout or any exception from one connection's handler
 * closes that connection only, logged with the peer's address and the reason through
 * {@link System.Logger} {@code dev.picklewire.net.PickleServer}; the others never notice.
 *
 * <p>Defaults: host 127.0.0.1, port 1243 (the tutorial's), 100 connections, idle timeout 5 min, per-frame
 * timeout 30 s, shutdown wait 5 s, {@link Framing#defaults()}, {@link Pickler#defaults()},
 * {@link Unpickler#defaults()}.
 *
 * <p>Thread-safe. The server owns its sockets and threads; {@link #close()} releases them all.
 */
public final class PickleServer implements Closeable {
    private static final Logger LOG = System.getLogger(PickleServer.class.getName());

    private final Builder config;
    private final ServerSocket serverSocket;
    private final ExecutorService executor;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Handler threads (virtual or platform), joined by close() so none outlives it. */
    private final Set<Thread> handlerThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean closing;

    private PickleServer(Builder config, ServerSocket serverSocket) {
        this.config = config;
        this.serverSocket = serverSocket;
        this.executor = newExecutor(serverSocket.getLocalPort(), handlerThreads);
        this.acceptor = new Thread(this::acceptLoop, "picklewire-" + serverSocket.getLocalPort() + "-accept");
        this.acceptor.setDaemon(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on: the one asked for, or the one the system chose for port 0. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The connections open at this moment. */
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** How many connections have been accepted so far, refused ones included. */
    public long acceptedCount() {
        return accepted.get();
    }

    public boolean isClosed() {
        return closing;
    }

    /**
     * Stops accepting, closes every connection at once (frames a handler queued with {@code write} and has not
     * flushed are dropped: a peer that does not read must not hold up the shutdown), and waits up to the
     * shutdown timeout for the handlers to end. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        closeQuietly(serverSocket);
        joinQuietly(acceptor, config.shutdownTimeout);
        connections.forEach(Connection::abort);
        executor.shutdown();
        awaitHandlers();
        // An executor counts a task as done a moment before its thread ends; join so close() means ended.
        handlerThreads.forEach(t -> joinQuietly(t, config.shutdownTimeout));
    }

    private void awaitHandlers() {
        try {
            if (!executor.awaitTermination(config.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(config.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "port {0}: handlers still running after close()", port());
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private PickleServer start() {
        acceptor.start();
        LOG.log(Level.DEBUG, "listening on {0}", address());
        return this;
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.ERROR, "port " + port() + ": accept failed, server stops accepting", e);
                }
                return;
            }
            admit(socket, accepted.incrementAndGet());
        }
    }

    private void admit(Socket socket, long id) {
        if (connections.size() >= config.maxConnections) {
            LOG.log(Level.WARNING, "refusing connection from {0}: {1} connections open (maxConnections)",
                    pythonAddress((InetSocketAddress) socket.getRemoteSocketAddress()), connections.size());
            closeQuietly(socket);
            return;
        }
        try {
            Connection connection = open(socket, id);
            connections.add(connection);
            executor.execute(() -> serve(connection));
        } catch (IOException | RuntimeException e) {
            // RejectedExecutionException when close() raced with this accept.
            LOG.log(Level.DEBUG, "dropping connection " + id + " during shutdown or set-up: " + e);
            connections.removeIf(c -> c.id() == id);
            closeQuietly(socket);
        }
    }

    private Connection open(Socket socket, long id) throws IOException {
        SocketPacer pacer = new SocketPacer(socket, config.idleTimeout, config.frameTimeout);
        return new Connection(id, socket, this, new PickleChannel(socket, config.settings, pacer));
    }

    private void serve(Connection connection) {
        try {
            config.handler.handle(connection);
        } catch (FrameException | PickleException e) {
            logClosing(connection, Level.WARNING, e.getMessage());
        } catch (SocketTimeoutException e) {
            logClosing(connection, Level.INFO, "idle for more than " + config.idleTimeout.toMillis() + " ms");
        } catch (IOException e) {
            logClosing(connection, closing ? Level.DEBUG : Level.INFO, e.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "closing connection from " + connection.pythonAddress() + ": handler failed", e);
        } finally {
            connection.close();
            connections.remove(connection);
        }
    }

    private static void logClosing(Connection connection, Level level, String reason) {
        LOG.log(level, "closing connection from {0}: {1}", connection.pythonAddress(), reason);
    }

    List<Connection> connectionsExcept(Connection self) {
        List<Connection> others = new ArrayList<>(connections.size());
        for (Connection c : connections) {
            if (c != self && c.isOpen()) {
                others.add(c);
            }
        }
        return others;
    }

    /** Sends to one peer for a broadcast; a peer that fails is closed so its own handler ends. */
    boolean deliver(Connection peer, byte[] payload) {
        try {
            peer.sendFrame(payload);
            return true;
        } catch (IOException e) {
            LOG.log(Level.INFO, "closing connection from {0}: broadcast failed: {1}", peer.pythonAddress(), e);
            peer.abort();
            return false;
        }
    }

    /** Python's repr of a socket address tuple: {@code ('127.0.0.1', 50373)}. */
    static String pythonAddress(InetSocketAddress a) {
        if (a == null) {
            return "None";
        }
        InetAddress ip = a.getAddress();
        String host = ip == null ? a.getHostString() : ip.getHostAddress();
        if (ip instanceof Inet6Address v6) {
            int percent = host.indexOf('%');
            host = percent < 0 ? host : host.substring(0, percent);
            return "('" + compressV6(host) + "', " + a.getPort() + ", 0, " + v6.getScopeId() + ")";
        }
        return "('" + host + "', " + a.getPort() + ")";
    }

    /** Java prints 0:0:0:0:0:0:0:1 where Python prints ::1; collapse the longest run of zero groups. */
    private static String compressV6(String host) {
        String[] groups = host.split(":", -1);
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return host;
        }
        String head = String.join(":", List.of(groups).subList(0, bestStart));
        String tail = String.join(":", List.of(groups).subList(bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }

    private static ExecutorService newExecutor(int port, Set<Thread> handlerThreads) {
        String prefix = "picklewire-" + port + "-conn-";
        try {
            return virtualThreads(recording(virtualThreadFactory(prefix), handlerThreads));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Java 17 to 20: no virtual threads. Platform threads, created on demand, ended when idle.
            ThreadFactory platform = recording(platformThreadFactory(prefix), handlerThreads);
            return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    platform);
        }
    }

    /**
     * {@code Executors.newThreadPerTaskExecutor(factory)}, looked up at run time: the same executor as
     * {@code newVirtualThreadPerTaskExecutor()}, but with named threads the server can join on close.
     */
    private static ExecutorService virtualThreads(ThreadFactory factory) throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                .invoke(null, factory);
    }

    /** {@code Thread.ofVirtual().name(prefix, 1).factory()}, looked up at run time (Java 21+). */
    private static ThreadFactory virtualThreadFactory(String prefix) throws ReflectiveOperationException {
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
        return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
    }

    private static ThreadFactory platformThreadFactory(String prefix) {
        AtomicLong n = new AtomicLong();
        return task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Remembers each thread made, so close() can join it. */
    private static ThreadFactory recording(ThreadFactory factory, Set<Thread> threads) {
        return task -> {
            Thread t = factory.newThread(task);
            // Forget ended threads here so a long-lived server's set stays as small as its live threads.
            threads.removeIf(old -> !old.isAlive());
            threads.add(t);
            return t;
        };
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Already closing; the socket is unusable either way.
        }
    }

    private static void joinQuietly(Thread t, Duration wait) {
        try {
            t.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds and starts a {@link PickleServer}. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 1243;
        private int backlog = 50;
        private ConnectionHandler handler;
        private int maxConnections = 100;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration frameTimeout = Duration.ofSeconds(30);
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private PickleChannel.Settings settings = new PickleChannel.Settings();

        private Builder() {
        }

        /** Address to bind; default 127.0.0.1 (loopback only). "0.0.0.0" listens everywhere. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind, 0 to 65535; 0 lets the system choose (read it back with {@link #port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The listen queue length passed to the system. */
        public Builder backlog(int backlog) {
            this.backlog = positive(backlog, "backlog");
            return this;
        }

        /** What to do with each connection; required. */
        public Builder handler(ConnectionHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Most connections served at once; more are accepted and closed at once, with a log line. */
        public Builder maxConnections(int max) {
            this.maxConnections = positive(max, "maxConnections");
            return this;
        }

        /** Longest wait for a frame to begin while the handler reads; zero means no limit. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = PickleChannel.Settings.nonNegative(timeout, "idleTimeout");
            return this;
        }

        /** Longest time from a frame's first byte to its last; zero means no limit. */
        public Builder frameTimeout(Duration timeout) {
            this.frameTimeout = PickleChannel.Settings.nonNegative(timeout, "frameTimeout");
            return this;
        }

        /** How long {@link PickleServer#close()} waits for handlers (twice, the second after interrupting). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = PickleChannel.Settings.nonNegative(timeout, "shutdownTimeout");
            return this;
        }

        public Builder framing(Framing framing) {
            settings.framing(framing);
            return this;
        }

        /** How {@link Connection#send(Object)} pickles, protocol included. */
        public Builder pickler(Pickler pickler) {
            settings.pickler(pickler);
            return this;
        }

        /** How {@link Connection#receive()} unpickles: limits, strict mode, registry. */
        public Builder unpickler(Unpickler unpickler) {
            settings.unpickler(unpickler);
            return this;
        }

        /** Binds and starts accepting; returns the running server. */
        public PickleServer start() throws IOException {
            if (handler == null) {
                throw new IllegalStateException("PickleServer.Builder.handler(...) is required");
            }
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), backlog);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            return new PickleServer(copy(), socket).start();
        }

        private Builder copy() {
            Builder b = new Builder();
            b.host = host;
            b.port = port;
            b.backlog = backlog;
            b.handler = handler;
            b.maxConnections = maxConnections;
            b.idleTimeout = idleTimeout;
            b.frameTimeout = frameTimeout;
            b.shutdownTimeout = shutdownTimeout;
            b.settings = settings.copy();
            return b;
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
