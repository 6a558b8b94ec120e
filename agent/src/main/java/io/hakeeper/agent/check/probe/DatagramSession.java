package io.hakeeper.agent.check.probe;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletableFuture;

/**
 * One UDP attempt on the {@link IoLoop}: a connected datagram socket (so that the kernel reports an
 * ICMP port unreachable as {@link java.net.PortUnreachableException}), one request, and replies
 * judged by the {@link Exchange} until it decides or the deadline passes. Loop thread only.
 */
final class DatagramSession implements IoLoop.Ready {

    /** The protocol half: the request, each reply, and what silence until the deadline means. */
    interface Exchange {
        byte[] request();

        /** A datagram arrived; {@link Dialogue.Step#AWAIT} ignores it and keeps waiting. */
        Dialogue.Step reply(ByteBuffer datagram);

        /** The deadline passed with no deciding reply. */
        Dialogue.Step silence(long timeoutNanos);
    }

    /** One receive buffer per loop thread, big enough for any UDP datagram. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(65_535));

    private final IoLoop loop;
    private final Exchange exchange;
    private final CompletableFuture<ProbeResult> future = new CompletableFuture<>();
    private final long startNanos;
    private DatagramChannel channel;
    private SelectionKey key;
    private TimerQueue.Timer deadline;
    private boolean finished;

    private DatagramSession(IoLoop loop, Exchange exchange) {
        this.loop = loop;
        this.exchange = exchange;
        this.startNanos = loop.now();
    }

    static CompletableFuture<ProbeResult> start(IoLoop loop, Endpoints endpoints, long timeoutNanos, Exchange exchange) {
        DatagramSession s = new DatagramSession(loop, exchange);
        s.open(endpoints, timeoutNanos);
        return s.future;
    }

    private void open(Endpoints endpoints, long timeoutNanos) {
        deadline = loop.scheduleAfter(timeoutNanos, () -> apply(exchange.silence(timeoutNanos)));
        try {
            channel = DatagramChannel.open(endpoints.connect().getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            channel.configureBlocking(false);
            if (endpoints.bind() != null) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(endpoints.bind());
            }
            channel.connect(endpoints.connect());
            // A datagram this small always fits the socket buffer, so a non-blocking write sends it whole.
            channel.write(ByteBuffer.wrap(exchange.request()));
            key = loop.register(channel, SelectionKey.OP_READ, this);
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void ready(SelectionKey k) {
        ByteBuffer buf = READ_BUFFER.get();
        try {
            while (!finished) {
                buf.clear();
                int n = channel.read(buf);
                if (n <= 0) {
                    return;
                }
                buf.flip();
                apply(exchange.reply(buf));
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void apply(Dialogue.Step step) {
        if (!step.done() || finished) {
            return;
        }
        finish(step.passed() ? ProbeResult.pass(loop.now() - startNanos)
                : ProbeResult.fail(step.failure(), step.detail(), loop.now() - startNanos));
    }

    private void fail(Throwable e) {
        finish(ProbeResult.fail(Failures.reasonOf(e), Failures.describe(e), loop.now() - startNanos));
    }

    private void finish(ProbeResult result) {
        if (finished) {
            return;
        }
        finished = true;
        deadline.cancel();
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // verdict made
            }
        }
        future.complete(result);
    }
}
