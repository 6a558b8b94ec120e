package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.IpFamily;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One datagram from a VRRP raw socket, before decoding.
 *
 * @param family      the socket's family
 * @param data        IPv4: the IP header and the VRRP message, as Linux raw sockets deliver them;
 *                    IPv6: the VRRP message alone
 * @param source      the IP source (the socket's peer address)
 * @param destination IPv6: the destination from IPV6_PKTINFO, or null if the kernel sent none;
 *                    IPv4: null (it is in the header)
 * @param hopLimit    IPv6: the hop limit from IPV6_HOPLIMIT, or -1 if the kernel sent none; IPv4: -1
 * @param truncated   the datagram was longer than the receive buffer
 * @param receivedAt  monotonic time the socket call returned, in nanoseconds
 */
public record InboundPacket(IpFamily family, byte[] data, InetAddress source, InetAddress destination, int hopLimit,
                            boolean truncated, long receivedAt) {
    public InboundPacket {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(source, "source");
    }
}
