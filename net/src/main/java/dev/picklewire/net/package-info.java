/**
 * Framings, client and server for pickles over sockets: the tutorial's wire format from Java.
 *
 * <pre>
 *   frame   = header payload
 *   header  = payload length, ASCII decimal, left-justified, space-padded to 10 bytes ("33        ")
 *   payload = one pickle (any protocol)
 * </pre>
 *
 * <p>Layers, each knowing only its own business:
 * <ul>
 *   <li>framing, bytes only: {@link dev.picklewire.net.Framing} (settings, header grammar),
 *       {@link dev.picklewire.net.FrameReader} / {@link dev.picklewire.net.FrameWriter} (blocking streams),
 *       {@link dev.picklewire.net.FrameDecoder} (incremental, chunk by chunk), and the
 *       {@link dev.picklewire.net.FrameException} family;</li>
 *   <li>{@link dev.picklewire.net.PickleClient}: connect, send and receive objects;</li>
 *   <li>{@link dev.picklewire.net.PickleServer}: a thread per {@link dev.picklewire.net.Connection},
 *       a {@link dev.picklewire.net.ConnectionHandler} per server (echo, relay, or your own).</li>
 * </ul>
 *
 * <p>Speed: a client or connection moves bytes through one 64 KiB buffer each way. {@code send} writes a frame
 * and flushes it (a system call per message); {@code write} only queues it and {@code flush} sends all that is
 * queued, so a stream of small messages costs one system call per buffer. Received frames are read in
 * buffer-sized chunks and small ones unpickled where they lie; a frame longer than the buffer is unpickled
 * from the socket as it arrives, its large {@code bytes} read straight into their final array. A large
 * {@code bytes} value being sent goes from the caller's array to the socket without a copy.
 */
package dev.picklewire.net;
