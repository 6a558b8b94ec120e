package io.hakeeper.lab.faults;

import io.hakeeper.agent.netlink.Errno;
import io.hakeeper.agent.netlink.MalformedNetlinkMessageException;
import io.hakeeper.agent.netlink.Netlink;
import io.hakeeper.agent.netlink.NetlinkCodec;
import io.hakeeper.agent.netlink.NetlinkError;
import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.NetlinkMessage;
import io.hakeeper.agent.netlink.NetlinkSocket;
import io.hakeeper.agent.netlink.NetlinkTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * bin/lab netem's delayer where the kernel has no sch_netem: binds an NFQUEUE in the namespace it
 * runs in and accepts each queued packet {@code --delay-ms} after it arrived, in arrival order.
 * iptables' rules decide what is queued, and pick the packets to lose (xt statistic); those sent
 * by the node go to {@code --drop-queue}, where they get NF_DROP at once: a DROP rule in OUTPUT
 * would fail the sender's send() with EPERM, which a lossy link (or netem) never does.
 *
 * <p>One thread owns the socket: it waits for packets at most {@link #POLL} at a time, so a
 * verdict leaves within about that much of its due time. Replies it cannot decode and errors the
 * kernel returns for a verdict are counted and logged, never fatal. On SIGTERM every held packet is
 * accepted at once, then the socket closes (which unbinds the queue).
 */
@Command(name = "nfqueue-delay", mixinStandardHelpOptions = true,
        description = "Delays the packets of an NFQUEUE by a fixed time, first in first out.")
public final class NfQueueDelay implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(2);
    /** Log at most this many malformed replies or kernel errors one by one; then only count them. */
    private static final int LOGGED_PROBLEMS = 20;

    @Option(names = "--queue", required = true, description = "the NFQUEUE number (iptables --queue-num)")
    int queue;

    @Option(names = "--drop-queue", defaultValue = "-1",
            description = "an NFQUEUE whose packets are dropped at once, silently (default: none)")
    int dropQueue;

    @Option(names = "--delay-ms", defaultValue = "200", description = "how long each packet is held (default ${DEFAULT-VALUE})")
    long delayMs;

    @Option(names = "--max-queued", defaultValue = "4096",
            description = "packets the kernel queues before it drops (default ${DEFAULT-VALUE})")
    int maxQueued;

    private volatile boolean running = true;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long packets;
    private long accepted;
    private long dropped;
    private long malformed;
    private long kernelErrors;
    private long overruns;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NfQueueDelay()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DelayLine line = new DelayLine(Duration.ofMillis(delayMs).toNanos());
        try (NetlinkSocket socket = NetlinkSocket.open(NfQueueMessages.NETLINK_NETFILTER, POLL)) {
            socket.setReceiveBufferSize(4 << 20);
            // A queue overflowing our buffer must not fail every later receive with ENOBUFS.
            socket.trySetOption(Netlink.SOL_NETLINK, NfQueueMessages.NETLINK_NO_ENOBUFS, 1);
            socket.acknowledged(NfQueueMessages.bind(queue), "bind NFQUEUE " + queue
                    + " (is another process bound to it? is nfnetlink_queue in the kernel?)");
            socket.acknowledged(NfQueueMessages.metadataOnly(queue, maxQueued), "configure NFQUEUE " + queue);
            if (dropQueue >= 0) {
                socket.acknowledged(NfQueueMessages.bind(dropQueue), "bind NFQUEUE " + dropQueue);
                socket.acknowledged(NfQueueMessages.metadataOnly(dropQueue, maxQueued), "configure NFQUEUE " + dropQueue);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop"));
            log("bound NFQUEUE " + queue + ": accepting each packet " + delayMs + " ms after it arrived, in order"
                    + (dropQueue >= 0 ? "; dropping those of NFQUEUE " + dropQueue : ""));
            try {
                while (running) {
                    receive(socket, line);
                    for (int id : line.due(System.nanoTime())) {
                        verdict(socket, queue, id, NfQueueMessages.NF_ACCEPT);
                    }
                }
                List<Integer> rest = line.drain();
                for (int id : rest) {
                    verdict(socket, queue, id, NfQueueMessages.NF_ACCEPT);
                }
                log("stopping: accepted the " + rest.size() + " packets still held; " + summary());
            } finally {
                stopped.countDown();
            }
        }
        return 0;
    }

    private void receive(NetlinkSocket socket, DelayLine line) {
        List<NetlinkMessage> messages;
        try {
            messages = socket.receive("receive from NFQUEUE " + queue);
        } catch (NetlinkTimeoutException e) {
            return;
        } catch (MalformedNetlinkMessageException e) {
            problem("malformed", ++malformed, e.getMessage());
            return;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOBUFS) {
                problem("overrun", ++overruns, "receive buffer overflowed; the kernel dropped messages");
                return;
            }
            problem("receive error", ++kernelErrors, e.getMessage());
            return;
        }
        long now = System.nanoTime();
        for (NetlinkMessage m : messages) {
            try {
                Optional<NfQueueMessages.QueuedPacket> p = NfQueueMessages.packet(m);
                if (p.isPresent()) {
                    packets++;
                    if (p.get().queue() == queue) {
                        line.arrived(p.get().id(), now);
                    } else {
                        verdict(socket, p.get().queue(), p.get().id(), NfQueueMessages.NF_DROP);
                    }
                } else if (m.type() == Netlink.NLMSG_ERROR) {
                    NetlinkError error = NetlinkCodec.decodeError(m);
                    if (!error.isAck()) {
                        problem("kernel error", ++kernelErrors, "a verdict was refused: errno " + error.errno());
                    }
                } else {
                    problem("malformed", ++malformed, "unexpected message " + m);
                }
            } catch (MalformedNetlinkMessageException e) {
                problem("malformed", ++malformed, e.getMessage());
            }
        }
    }

    private void verdict(NetlinkSocket socket, int q, int id, int verdict) {
        try {
            socket.send(NfQueueMessages.verdict(q, id, verdict), "verdict");
            if (verdict == NfQueueMessages.NF_ACCEPT) {
                accepted++;
            } else {
                dropped++;
            }
        } catch (NetlinkException e) {
            problem("send error", ++kernelErrors, "verdict for packet " + Integer.toUnsignedString(id) + ": " + e.getMessage());
        }
    }

    private void problem(String kind, long count, String detail) {
        if (count <= LOGGED_PROBLEMS) {
            log(kind + " #" + count + ": " + detail + (count == LOGGED_PROBLEMS ? " (further ones only counted)" : ""));
        }
    }

    private String summary() {
        return packets + " packets queued, " + accepted + " accepted, " + dropped + " dropped, " + malformed + " malformed replies, "
                + kernelErrors + " errors, " + overruns + " overruns";
    }

    private void stop() {
        running = false;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " nfqueue-delay: " + line);
        System.out.flush();
    }
}
