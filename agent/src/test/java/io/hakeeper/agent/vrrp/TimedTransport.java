package io.hakeeper.agent.vrrp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport that notes when each send returned (System.nanoTime, the speakers' clock) around the real one. */
final class TimedTransport implements VrrpTransport {

    private final VrrpTransport inner;
    private final List<Long> sends = new CopyOnWriteArrayList<>();

    TimedTransport(VrrpTransport inner) {
        this.inner = inner;
    }

    /** An opener for {@link VrrpSpeaker} that wraps raw sockets and hands the wrapper to {@code sink}. */
    static VrrpSpeaker.TransportOpener raw(TimedTransport[] sink) {
        return (config, clock) -> {
            TimedTransport t = new TimedTransport(RawVrrpSocket.forSpeaker(config, clock));
            sink[0] = t;
            return t;
        };
    }

    @Override
    public void send(byte[] message, InetAddress destination) throws IOException {
        inner.send(message, destination);
        sends.add(System.nanoTime());
    }

    @Override
    public InboundPacket receive() throws IOException {
        return inner.receive();
    }

    @Override
    public InetAddress source() {
        return inner.source();
    }

    @Override
    public void close() {
        inner.close();
    }

    long lastSend() {
        return sends.isEmpty() ? Long.MIN_VALUE : sends.get(sends.size() - 1);
    }

    List<Long> sends() {
        return List.copyOf(sends);
    }
}
