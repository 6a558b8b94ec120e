package io.hakeeper.agent.ipvs;

import java.util.Objects;

/**
 * Tunnel encapsulation of a {@link ForwardingMethod#TUNNEL} destination:
 * {@code IPVS_DEST_ATTR_TUN_TYPE}, {@code _TUN_PORT} (GUE's UDP port, network order on the wire)
 * and {@code _TUN_FLAGS} ({@code IP_VS_TUNNEL_ENCAP_FLAG_*}).
 */
public record TunnelOptions(TunnelType type, int port, int flags) {

    /** IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM. */
    public static final int IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM = 0;
    /** IP_VS_TUNNEL_ENCAP_FLAG_CSUM. */
    public static final int IP_VS_TUNNEL_ENCAP_FLAG_CSUM = 1 << 0;
    /** IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM. */
    public static final int IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM = 1 << 1;

    /** Plain IPIP: what keepalived and ipvsadm use unless told otherwise, and what the kernel reports for other methods. */
    public static final TunnelOptions IPIP = new TunnelOptions(TunnelType.IPIP, 0, IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM);

    public TunnelOptions {
        Objects.requireNonNull(type, "type");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("tunnel port " + port + " is outside 0-65535");
        }
        if (flags < 0 || flags > IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM) {
            throw new IllegalArgumentException("tunnel flags " + flags + " are not NOCSUM (0), CSUM (1) or REMCSUM (2)");
        }
    }
}
