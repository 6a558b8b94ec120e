package io.hakeeper.agent.check.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * One TCP attempt on the {@link IoLoop}: a non-blocking connect (bound to {@code bindto} /
 * {@code bind_port} if set), an optional TLS handshake through an {@link SSLEngine}, then the
 * {@link Dialogue}'s exchange, all under one deadline. Loop thread only; the future completes
 * there, exactly once, and every path closes the socket.
 */
final class StreamSession implements IoLoop.Ready {

    /** One read buffer per loop thread: every session on that thread reads through it in turn. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    private final IoLoop loop;
    private final Endpoints endpoints;
    private final Dialogue dialogue;
    private final SSLEngine tls;
    private final CompletableFuture<ProbeResult> future = new CompletableFuture<>();
    private final long startNanos;
    private SocketChannel channel;
    private SelectionKey key;
    private TimerQueue.Timer deadline;
    private boolean finished;
    private boolean dialogueStarted;
    private boolean passAfterFlush;
    /** Plaintext waiting to go out (plain TCP), or TLS records waiting to go out (SSL). */
    private ByteBuffer outbound;
    private ByteBuffer pendingPlain;
    private ByteBuffer netIn;
    private ByteBuffer appIn;

    private StreamSession(IoLoop loop, Endpoints endpoints, Dialogue dialogue, SSLEngine tls) {
        this.loop = loop;
        this.endpoints = endpoints;
        this.dialogue = dialogue;
        this.tls = tls;
        this.startNanos = loop.now();
    }

    /** Starts an attempt; call on the loop thread. {@code tls} null for plain TCP. */
    static CompletableFuture<ProbeResult> start(IoLoop loop, Endpoints endpoints, long timeoutNanos, Dialogue dialogue,
                                                SSLEngine tls) {
        StreamSession s = new StreamSession(loop, endpoints, dialogue, tls);
        s.open(timeoutNanos);
        return s.future;
    }

    private void open(long timeoutNanos) {
        deadline = loop.scheduleAfter(timeoutNanos, () -> fail(FailureReason.TIMEOUT,
                (dialogueStarted ? "no complete answer" : channel != null && channel.isConnected() ? "no TLS handshake"
                        : "no connection") + " within " + timeoutNanos / 1_000_000 + " ms"));
        try {
            InetSocketAddress to = endpoints.connect();
            channel = SocketChannel.open(to.getAddress() instanceof java.net.Inet6Address
                    ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
            channel.configureBlocking(false);
            if (endpoints.bind() != null) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(endpoints.bind());
            }
            boolean connected = channel.connect(to);
            key = loop.register(channel, connected ? 0 : SelectionKey.OP_CONNECT, this);
            if (connected) {
                onConnected();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void ready(SelectionKey k) {
        if (finished) {
            return;
        }
        try {
            if (k.isConnectable()) {
                if (!channel.finishConnect()) {
                    return;
                }
                onConnected();
                return;
            }
            if (k.isWritable()) {
                flush();
            }
            if (!finished && k.isValid() && k.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void onConnected() throws IOException {
        if (tls != null) {
            netIn = ByteBuffer.allocate(tls.getSession().getPacketBufferSize());
            appIn = ByteBuffer.allocate(tls.getSession().getApplicationBufferSize());
            outbound = ByteBuffer.allocate(tls.getSession().getPacketBufferSize()).flip();
            tls.beginHandshake();
            handshake();
        } else {
            startDialogue();
        }
    }

    private void startDialogue() throws IOException {
        dialogueStarted = true;
        apply(dialogue.connected());
    }

    private void apply(Dialogue.Step step) throws IOException {
        if (finished) {
            return;
        }
        if (step.send() != null) {
            passAfterFlush = step.done();
            send(step.send());
            if (passAfterFlush) {
                return; // finishes once the bytes are out
            }
        } else if (step.done()) {
            finish(step.passed() ? ProbeResult.pass(loop.now() - startNanos)
                    : ProbeResult.fail(step.failure(), step.detail(), loop.now() - startNanos));
            return;
        }
        interest();
    }

    private void send(byte[] bytes) throws IOException {
        if (tls == null) {
            outbound = ByteBuffer.wrap(bytes);
        } else {
            pendingPlain = ByteBuffer.wrap(bytes);
            wrapPending();
        }
        flush();
    }

    private void wrapPending() throws SSLException {
        while (pendingPlain != null && pendingPlain.hasRemaining()) {
            outbound.compact();
            SSLEngineResult r = tls.wrap(pendingPlain, outbound);
            outbound.flip();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                outbound = grow(outbound, tls.getSession().getPacketBufferSize());
            } else if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("TLS closed while sending: " + r.getStatus());
            }
        }
        pendingPlain = null;
    }

    private void flush() throws IOException {
        if (outbound != null && outbound.hasRemaining()) {
            channel.write(outbound);
        }
        if (outbound != null && outbound.hasRemaining()) {
            interest();
            return;
        }
        if (passAfterFlush) {
            finish(ProbeResult.pass(loop.now() - startNanos));
            return;
        }
        if (tls != null && dialogueStarted == false) {
            handshake();
            return;
        }
        interest();
    }

    private void interest() {
        if (finished) {
            return;
        }
        boolean writing = outbound != null && outbound.hasRemaining();
        key.interestOps(writing ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
    }

    private void read() throws IOException {
        if (tls == null) {
            ByteBuffer buf = READ_BUFFER.get();
            buf.clear();
            int n = channel.read(buf);
            buf.flip();
            apply(n < 0 ? dialogue.received(buf, true) : dialogue.received(buf, false));
            return;
        }
        int n = channel.read(netIn);
        if (!dialogueStarted) {
            if (n < 0) {
                throw new EOFException("the server closed the connection during the TLS handshake");
            }
            handshake();
            return;
        }
        unwrapApplication(n < 0);
    }

    /** Drives the TLS handshake as far as the bytes at hand allow. */
    private void handshake() throws IOException {
        while (!finished) {
            switch (tls.getHandshakeStatus()) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = tls.getDelegatedTask()) != null) {
                        task.run(); // no certificate verification, so these are short
                    }
                }
                case NEED_WRAP -> {
                    outbound.compact();
                    SSLEngineResult r = tls.wrap(ByteBuffer.allocate(0), outbound);
                    outbound.flip();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        outbound = grow(outbound, tls.getSession().getPacketBufferSize());
                        continue;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("TLS handshake failed: the engine closed");
                    }
                    channel.write(outbound);
                    if (outbound.hasRemaining()) {
                        interest();
                        return;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    SSLEngineResult r = tls.unwrap(netIn, appIn);
                    netIn.compact();
                    switch (r.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            if (netIn.position() == netIn.capacity()) {
                                netIn = grow(netIn.flip(), tls.getSession().getPacketBufferSize()).compact();
                            }
                            interest();
                            return;
                        }
                        case BUFFER_OVERFLOW -> appIn = grow(appIn.flip(), tls.getSession().getApplicationBufferSize()).compact();
                        case CLOSED -> throw new EOFException("the server closed TLS during the handshake");
                        default -> {
                            // progressed; loop on
                        }
                    }
                }
                default -> { // FINISHED or NOT_HANDSHAKING
                    startDialogue();
                    if (!finished && (appIn.position() > 0 || netIn.position() > 0)) {
                        unwrapApplication(false);
                    }
                    return;
                }
            }
        }
    }

    private void unwrapApplication(boolean eof) throws IOException {
        while (!finished) {
            netIn.flip();
            SSLEngineResult r = tls.unwrap(netIn, appIn);
            netIn.compact();
            if (appIn.position() > 0) {
                appIn.flip();
                Dialogue.Step step = dialogue.received(appIn, false);
                appIn.clear();
                apply(step);
                if (finished) {
                    return;
                }
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = grow(appIn.flip(), tls.getSession().getApplicationBufferSize()).compact();
                case CLOSED -> {
                    apply(dialogue.received(ByteBuffer.allocate(0), true));
                    return;
                }
                case BUFFER_UNDERFLOW -> {
                    if (netIn.position() == netIn.capacity()) {
                        netIn = grow(netIn.flip(), tls.getSession().getPacketBufferSize()).compact();
                    }
                    if (eof) {
                        apply(dialogue.received(ByteBuffer.allocate(0), true));
                    }
                    return;
                }
                default -> {
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                        if (eof) {
                            apply(dialogue.received(ByteBuffer.allocate(0), true));
                        }
                        return;
                    }
                }
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer readMode, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(readMode.capacity() * 2, readMode.remaining() + atLeast));
        bigger.put(readMode);
        return bigger.flip();
    }

    private void fail(Throwable e) {
        fail(Failures.reasonOf(e), Failures.describe(e));
    }

    private void fail(FailureReason reason, String detail) {
        finish(ProbeResult.fail(reason, detail, loop.now() - startNanos));
    }

    private void finish(ProbeResult result) {
        if (finished) {
            return;
        }
        finished = true;
        if (deadline != null) {
            deadline.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                if (dialogue == PlainDialogues.CONNECT && result.passed()) {
                    // TCP_CHECK said nothing, so it ends with an RST (SO_LINGER 0) rather than a FIN: 10,000
                    // real servers checked every second would otherwise leave ~600,000 TIME_WAIT sockets on
                    // the director (HAProxy closes its connect-only checks the same way).
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
                channel.close();
            } catch (IOException ignored) {
                // the verdict is made; nothing to add
            }
        }
        future.complete(result);
    }
}
