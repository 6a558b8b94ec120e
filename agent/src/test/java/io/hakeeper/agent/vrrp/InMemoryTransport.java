package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.IpFamily;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A transport with no socket: received packets are queued by the test, sent ones recorded. IPv4 only. */
final class InMemoryTransport implements VrrpTransport {

    record Sent(byte[] message, InetAddress destination) {
    }

    private final InetAddress source;
    private final LinkedBlockingQueue<InboundPacket> inbound = new LinkedBlockingQueue<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    InMemoryTransport(InetAddress source) {
        this.source = source;
    }

    /** Queues {@code vrrp} as if it arrived from {@code from} to 224.0.0.18 with {@code ttl}. */
    void arrive(InetAddress from, int ttl, byte[] vrrp) {
        byte[] packet = new byte[20 + vrrp.length];
        packet[0] = 0x45;
        packet[2] = (byte) (packet.length >> 8);
        packet[3] = (byte) packet.length;
        packet[8] = (byte) ttl;
        packet[9] = 112;
        System.arraycopy(from.getAddress(), 0, packet, 12, 4);
        packet[16] = (byte) 224;
        packet[19] = 18;
        System.arraycopy(vrrp, 0, packet, 20, vrrp.length);
        inbound.add(new InboundPacket(IpFamily.IPV4, packet, from, null, -1, false, System.nanoTime()));
    }

    @Override
    public void send(byte[] message, InetAddress destination) {
        sent.add(new Sent(message.clone(), destination));
    }

    @Override
    public InboundPacket receive() throws InterruptedVrrpReceive {
        try {
            return inbound.poll(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedVrrpReceive();
        }
    }

    @Override
    public InetAddress source() {
        return source;
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Receive was interrupted; the speaker treats it like any receive error. */
    static final class InterruptedVrrpReceive extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        InterruptedVrrpReceive() {
            super("interrupted");
        }
    }
}
