/**
 * The VRRP codec: VRRPv2 (RFC 3768) and VRRPv3 (RFC 5798) advertisements as keepalived, tcpdump
 * and Wireshark read them. Pure: no sockets, no clocks, no name lookups.
 *
 * <p>Sending: build a {@link io.hakeeper.common.vrrp.VrrpAdvert} ({@code v2(...)} or
 * {@code v3(...)}) and {@link io.hakeeper.common.vrrp.VrrpEncoder#encode} it for the source and
 * destination it will travel between (VRRPv3 checksums cover them). The raw socket adapter sends
 * the bytes with IP protocol {@link io.hakeeper.common.vrrp.VrrpProtocol#IPPROTO_VRRP}, TTL/hop
 * limit {@link io.hakeeper.common.vrrp.VrrpProtocol#VRRP_IP_TTL}, from the
 * {@link io.hakeeper.common.vrrp.VirtualMac} when it owns one.
 *
 * <p>Receiving over IPv4: the raw socket delivers the IP header too, so hand the whole packet to
 * {@link io.hakeeper.common.vrrp.VrrpDecoder#decodeIpv4Packet}. Over IPv6: build an
 * {@link io.hakeeper.common.vrrp.RxContext} from the peer address, {@code IPV6_PKTINFO} and
 * {@code IPV6_RECVHOPLIMIT}, and call {@link io.hakeeper.common.vrrp.VrrpDecoder#decode}. Pass a
 * {@link io.hakeeper.common.vrrp.VrrpExpectation} built from our own {@code vrrp_instance} to get
 * the configuration checks. Every outcome is a {@link io.hakeeper.common.vrrp.DecodeResult}: count
 * {@code Rejected} by {@link io.hakeeper.common.vrrp.RejectReason} and drop it; act on {@code Ok}
 * and report its {@link io.hakeeper.common.vrrp.Finding}s.
 */
package io.hakeeper.common.vrrp;
