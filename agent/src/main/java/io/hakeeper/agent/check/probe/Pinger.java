package io.hakeeper.agent.check.probe;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PING_CHECK: ICMP echo over a few shared {@link IcmpSocket}s (one per address family and bindto
 * address), each with one receiver thread, however many pings are in flight. A ping passes on the
 * echo reply with its sequence number (and, on a raw socket, our identifier); a destination
 * unreachable for it fails it as REFUSED; silence until connect_timeout fails it as TIMEOUT.
 * Requests, timers and verdicts live on the loop thread.
 */
final class Pinger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Pinger.class);
    private static final int RECEIVE_TIMEOUT_MILLIS = 250;
    /** errno values (asm-generic/errno.h) sendto reports for unreachable destinations. */
    private static final int ENETUNREACH = 101;
    private static final int EHOSTUNREACH = 113;

    private final IoLoop loop;
    private final Map<String, Channel> channels = new HashMap<>();
    private boolean closed;

    Pinger(IoLoop loop) {
        this.loop = loop;
    }

    /** One socket, its receiver thread and the pings in flight on it (by sequence number). */
    private final class Channel {
        final IcmpSocket socket;
        final int id = ThreadLocalRandom.current().nextInt(0x10000);
        final Map<Integer, Pending> inFlight = new HashMap<>();
        final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(64);
        int nextSequence = ThreadLocalRandom.current().nextInt(0x10000);
        volatile boolean stopping;

        Channel(IcmpSocket socket, String name) {
            this.socket = socket;
            Thread t = new Thread(this::receive, "icmp-receiver-" + name);
            t.setDaemon(true);
            t.start();
        }

        private void receive() {
            ByteBuffer buf = ByteBuffer.allocateDirect(1500);
            while (!stopping) {
                if (socket.receive(buf) < 0) {
                    continue; // SO_RCVTIMEO: look at the stop flag again
                }
                IcmpEcho.Received r = IcmpEcho.parse(buf, socket.ipv6, socket.raw && !socket.ipv6);
                if (r != null && (!socket.raw || r.id() == id)) {
                    loop.execute(() -> answered(this, r));
                }
            }
            socket.close(); // closed here, by the only thread that uses the descriptor in a blocking call
        }
    }

    private record Pending(CompletableFuture<ProbeResult> future, long startNanos, TimerQueue.Timer deadline,
                           InetAddress to) {
    }

    CompletableFuture<ProbeResult> ping(Endpoints e, long timeoutNanos) {
        long start = loop.now();
        InetAddress to = e.connect().getAddress();
        Channel ch;
        try {
            ch = channel(to instanceof Inet6Address, e.bind() != null ? e.bind().getAddress() : null);
        } catch (IOException ex) {
            return CompletableFuture.completedFuture(ProbeResult.fail(FailureReason.LOCAL_ERROR, ex.getMessage(), 0));
        }
        int seq = ch.nextSequence;
        ch.nextSequence = (seq + 1) & 0xffff;
        CompletableFuture<ProbeResult> future = new CompletableFuture<>();
        TimerQueue.Timer deadline = loop.scheduleAfter(timeoutNanos, () -> {
            if (ch.inFlight.remove(seq) != null) {
                future.complete(ProbeResult.fail(FailureReason.TIMEOUT, "no echo reply from " + to.getHostAddress()
                        + " within " + timeoutNanos / 1_000_000 + " ms", loop.now() - start));
            }
        });
        Pending old = ch.inFlight.put(seq, new Pending(future, start, deadline, to));
        if (old != null) {
            // 65,536 pings in flight on one socket: the oldest sequence number is reused; fail it rather than mix them up.
            old.deadline().cancel();
            old.future().complete(ProbeResult.fail(FailureReason.LOCAL_ERROR, "too many pings in flight", loop.now() - old.startNanos()));
        }
        byte[] payload = new byte[8];
        ByteBuffer packet = IcmpEcho.request(ch.socket.ipv6, ch.id, seq, payload, ch.sendBuffer);
        int errno = ch.socket.send(packet, to);
        if (errno != 0) {
            ch.inFlight.remove(seq);
            deadline.cancel();
            FailureReason reason = errno == EHOSTUNREACH ? FailureReason.REFUSED : FailureReason.LOCAL_ERROR;
            future.complete(ProbeResult.fail(reason, "cannot send an echo request to " + to.getHostAddress() + ": errno "
                    + errno + (errno == ENETUNREACH ? " (network unreachable)" : ""), loop.now() - start));
        }
        return future;
    }

    private void answered(Channel ch, IcmpEcho.Received r) {
        Pending p = ch.inFlight.get(r.sequence());
        if (p == null) {
            return; // late, or someone else's
        }
        ch.inFlight.remove(r.sequence());
        p.deadline().cancel();
        long latency = loop.now() - p.startNanos();
        p.future().complete(r.reply() ? ProbeResult.pass(latency)
                : ProbeResult.fail(FailureReason.REFUSED, p.to().getHostAddress() + " is unreachable (ICMP)", latency));
    }

    private Channel channel(boolean ipv6, InetAddress bindTo) throws IOException {
        if (closed) {
            throw new IOException("the pinger is closed");
        }
        String key = (ipv6 ? "6/" : "4/") + (bindTo == null ? "*" : bindTo.getHostAddress());
        Channel ch = channels.get(key);
        if (ch == null) {
            ch = new Channel(new IcmpSocket(ipv6, bindTo, RECEIVE_TIMEOUT_MILLIS), key);
            log.info("PING_CHECK: opened {} ICMP{} socket{}", ch.socket.raw ? "a raw" : "a datagram", ipv6 ? "v6" : "",
                    bindTo == null ? "" : " bound to " + bindTo.getHostAddress());
            channels.put(key, ch);
        }
        return ch;
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(c -> c.stopping = true);
        channels.clear();
    }
}
