package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.VirtualServer;

/**
 * How IPVS forwards to a destination: the {@code IP_VS_CONN_F_FWD_MASK} bits of
 * {@code IPVS_DEST_ATTR_FWD_METHOD} (include/uapi/linux/ip_vs.h).
 */
public enum ForwardingMethod {
    /** IP_VS_CONN_F_MASQ: NAT, keepalived's {@code lb_kind NAT}. */
    MASQ(ForwardingMethod.IP_VS_CONN_F_MASQ, "Masq", "-m"),
    /** IP_VS_CONN_F_LOCALNODE: the destination is this host. */
    LOCALNODE(ForwardingMethod.IP_VS_CONN_F_LOCALNODE, "Local", "-g"),
    /** IP_VS_CONN_F_TUNNEL: IP-in-IP (or GUE/GRE) tunnelling, {@code lb_kind TUN}. */
    TUNNEL(ForwardingMethod.IP_VS_CONN_F_TUNNEL, "Tunnel", "-i"),
    /** IP_VS_CONN_F_DROUTE: direct routing, {@code lb_kind DR}. */
    DROUTE(ForwardingMethod.IP_VS_CONN_F_DROUTE, "Route", "-g");

    public static final int IP_VS_CONN_F_FWD_MASK = 0x0007;
    public static final int IP_VS_CONN_F_MASQ = 0x0000;
    public static final int IP_VS_CONN_F_LOCALNODE = 0x0001;
    public static final int IP_VS_CONN_F_TUNNEL = 0x0002;
    public static final int IP_VS_CONN_F_DROUTE = 0x0003;

    private final int connFlags;
    private final String listName;
    private final String ruleOption;

    ForwardingMethod(int connFlags, String listName, String ruleOption) {
        this.connFlags = connFlags;
        this.listName = listName;
        this.ruleOption = ruleOption;
    }

    /** The value of {@code IPVS_DEST_ATTR_FWD_METHOD}. */
    public int connFlags() {
        return connFlags;
    }

    /** ipvsadm's Forward column. */
    public String listName() {
        return listName;
    }

    /** The option {@code ipvsadm -S} writes for it. */
    public String ruleOption() {
        return ruleOption;
    }

    /** From a dumped {@code IPVS_DEST_ATTR_FWD_METHOD}; bits outside the mask are ignored. */
    public static ForwardingMethod fromConnFlags(int connFlags) {
        int method = connFlags & IP_VS_CONN_F_FWD_MASK;
        for (ForwardingMethod m : values()) {
            if (m.connFlags == method) {
                return m;
            }
        }
        throw new IllegalArgumentException("forwarding method " + method + " is not one a destination can have");
    }

    /** keepalived's {@code lb_kind} / {@code lvs_method}. */
    public static ForwardingMethod of(VirtualServer.LbMethod method) {
        return switch (method) {
            case NAT -> MASQ;
            case DR -> DROUTE;
            case TUN -> TUNNEL;
        };
    }
}
