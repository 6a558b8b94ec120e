package io.hakeeper.common.vrrp;

import java.net.InetAddress;

/**
 * The fields of a received IPv4 header that VRRP needs (RFC 791 section 3.1).
 *
 * @param headerLength IHL in bytes, 20-60
 * @param totalLength  Total Length in bytes, header included
 * @param ttl          Time to Live, checked against 255
 * @param protocol     Protocol, 112 for VRRP
 * @param source       Source Address, a checksum input
 * @param destination  Destination Address, a checksum input
 */
public record Ipv4Header(int headerLength, int totalLength, int ttl, int protocol, InetAddress source,
                         InetAddress destination) {
}
