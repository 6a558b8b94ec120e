package io.hakeeper.agent.ipvs;

/** {@code IP_VS_CONN_F_TUNNEL_TYPE_*} (include/uapi/linux/ip_vs.h), sent in {@code IPVS_DEST_ATTR_TUN_TYPE}. */
public enum TunnelType {
    /** IP_VS_CONN_F_TUNNEL_TYPE_IPIP = 0, the default and the only type before Linux 5.2. */
    IPIP(0, "ipip"),
    /** IP_VS_CONN_F_TUNNEL_TYPE_GUE = 1: UDP encapsulation, needs a port. */
    GUE(1, "gue"),
    /** IP_VS_CONN_F_TUNNEL_TYPE_GRE = 2. */
    GRE(2, "gre");

    private final int value;
    private final String ipvsadmName;

    TunnelType(int value, String ipvsadmName) {
        this.value = value;
        this.ipvsadmName = ipvsadmName;
    }

    public int value() {
        return value;
    }

    /** The name of {@code ipvsadm --tun-type}. */
    public String ipvsadmName() {
        return ipvsadmName;
    }

    public static TunnelType fromValue(int value) {
        for (TunnelType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("tunnel type " + value + " is not IPIP (0), GUE (1) or GRE (2)");
    }
}
