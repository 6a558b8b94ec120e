package io.hakeeper.common.vrrp;

/**
 * What a VRRP checksum covers. The RFCs and implementations disagree for VRRPv3 over IPv4, so the
 * decoder reports which form a packet verified under and the encoder can produce each of them.
 */
public enum ChecksumForm {

    /** VRRPv2: the VRRP message alone, Authentication Data included (RFC 3768 section 5.3.8). */
    V2_MESSAGE,

    /**
     * VRRPv3 with the pseudo-header of the packet's own source and destination: for IPv6 the
     * RFC 2460 section 8.1 pseudo-header (RFC 5798 section 5.2.8, kept by RFC 9568); for IPv4 the
     * 12-byte source, destination, zero, protocol 112, VRRP length header that keepalived sends by
     * default ({@code vrrp.c}, {@code vrrp_build_vrrp_v3}) and Wireshark expects.
     */
    V3_PSEUDO_HEADER,

    /**
     * VRRPv3 over IPv4 covering the VRRP message alone, as RFC 9568 section 5.2.8 clarified, as
     * Cisco sends, and as keepalived sends with {@code v3_checksum_as_v2} (keepalived PR #2234).
     * IPv4 only: IPv6 always has the pseudo-header.
     */
    V3_MESSAGE_ONLY,

    /**
     * VRRPv3 over IPv4 unicast whose pseudo-header names the multicast group 224.0.0.18 instead of
     * the real destination. keepalived before 1.3.8 did this for unicast peers (keepalived issue
     * #642); current keepalived still accepts it and switches to it ({@code vrrp_check_packet},
     * {@code unicast_chksum_compat}). Sent to 224.0.0.18 it is the same as {@link #V3_PSEUDO_HEADER},
     * which the decoder reports instead.
     */
    V3_PSEUDO_HEADER_MULTICAST_DESTINATION;

    /** Whether this form can describe an advert of {@code version} sent over {@code family}. */
    public boolean appliesTo(int version, IpFamily family) {
        return switch (this) {
            case V2_MESSAGE -> version == VrrpProtocol.VRRP_VERSION_2 && family == IpFamily.IPV4;
            case V3_PSEUDO_HEADER -> version == VrrpProtocol.VRRP_VERSION_3;
            case V3_MESSAGE_ONLY, V3_PSEUDO_HEADER_MULTICAST_DESTINATION ->
                    version == VrrpProtocol.VRRP_VERSION_3 && family == IpFamily.IPV4;
        };
    }

    /** The form keepalived sends by default, and so the one we send: v2 message, v3 pseudo-header. */
    public static ChecksumForm defaultFor(int version) {
        return version == VrrpProtocol.VRRP_VERSION_2 ? V2_MESSAGE : V3_PSEUDO_HEADER;
    }
}
