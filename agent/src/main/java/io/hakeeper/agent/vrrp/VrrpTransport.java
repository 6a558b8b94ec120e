package io.hakeeper.agent.vrrp;

import java.io.IOException;
import java.net.InetAddress;

/**
 * How a speaker reaches the link: send one VRRP message, receive one datagram. The raw socket
 * ({@link RawVrrpSocket}) is the real one; tests may put anything behind these two methods.
 */
public interface VrrpTransport extends AutoCloseable {

    /** Sends {@code message} (the VRRP message alone; the kernel writes the IP header) to {@code destination}. */
    void send(byte[] message, InetAddress destination) throws IOException;

    /**
     * Waits for the next datagram, at most the transport's receive timeout.
     *
     * @return the datagram, or null when none came in time
     */
    InboundPacket receive() throws IOException;

    /** Our IP source address, as the adverts carry it. */
    InetAddress source();

    @Override
    void close();
}
