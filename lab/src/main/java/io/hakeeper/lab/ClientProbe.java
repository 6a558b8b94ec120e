package io.hakeeper.lab;

import io.hakeeper.agent.netlink.NetworkNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The client: from the client's namespace, an HTTP GET to the lab's VIP (IPv4 or IPv6, as
 * {@link LabMode} says) every {@value #INTERVAL_MS} ms
 * (each with a {@value #TIMEOUT_MS} ms budget), recording who answered (the first word of the
 * page: the node's name) or that the request failed, on this JVM's monotonic clock.
 */
final class ClientProbe implements AutoCloseable {

    static final int INTERVAL_MS = 50;
    static final int TIMEOUT_MS = 200;

    /** One request: when it was sent, and the node that answered (null: it failed). */
    record Request(long nanos, String answeredBy) {
        boolean ok() {
            return answeredBy != null;
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ClientProbe(LabTopology topology, LabMode mode) {
        InetSocketAddress vip = new InetSocketAddress(mode.vip(), topology.httpPort());
        String host = mode.vipHost();
        thread = new Thread(() -> {
            try {
                NetworkNamespace.call(NetworkNamespace.named(topology.namespace("client")), () -> {
                    loop(vip, host);
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException("client probe: " + e.getMessage(), e);
            }
        }, "client-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(InetSocketAddress vip, String host) {
        long next = System.nanoTime();
        while (running) {
            long sent = System.nanoTime();
            String who = get(vip, host);
            synchronized (this) {
                requests.add(new Request(sent, who));
            }
            next += INTERVAL_MS * 1_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing the client's request rate
            } else {
                next = System.nanoTime();
            }
        }
    }

    private static String get(InetSocketAddress vip, String host) {
        try (Socket s = new Socket()) {
            long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
            s.connect(vip, TIMEOUT_MS);
            s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int body = reply.indexOf("\r\n\r\n");
            if (!reply.startsWith("HTTP/1.1 200") || body < 0) {
                return null;
            }
            String page = reply.substring(body + 4).strip();
            return page.isEmpty() ? null : page.split("\\s+")[0];
        } catch (IOException e) {
            return null;
        }
    }

    synchronized List<Request> between(long fromNanos, long toNanos) {
        return requests.stream().filter(r -> r.nanos() >= fromNanos && r.nanos() < toNanos).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2 * TIMEOUT_MS + INTERVAL_MS + 1000);
    }
}
