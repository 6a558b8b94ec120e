package io.hakeeper.agent.ipvs;

/**
 * The IPVS generic netlink vocabulary, named and numbered as include/uapi/linux/ip_vs.h defines it.
 * The value types of this package map onto these attributes one to one; the netlink client
 * encodes and decodes them.
 */
public final class IpvsGenl {

    private IpvsGenl() {
    }

    /** IPVS_GENL_NAME: the family name to resolve through the generic netlink controller. */
    public static final String IPVS_GENL_NAME = "IPVS";
    /** IPVS_GENL_VERSION. */
    public static final int IPVS_GENL_VERSION = 0x1;
    /** IP_VS_VERSION_CODE: 1.2.1, what current kernels report in IPVS_INFO_ATTR_VERSION. */
    public static final int IP_VS_VERSION_CODE = 0x010201;
    /** IP_VS_SCHEDNAME_MAXLEN, including the terminating NUL. */
    public static final int IP_VS_SCHEDNAME_MAXLEN = 16;

    // Commands (enum IPVS_CMD_*).
    public static final int IPVS_CMD_NEW_SERVICE = 1;
    public static final int IPVS_CMD_SET_SERVICE = 2;
    public static final int IPVS_CMD_DEL_SERVICE = 3;
    public static final int IPVS_CMD_GET_SERVICE = 4;
    public static final int IPVS_CMD_NEW_DEST = 5;
    public static final int IPVS_CMD_SET_DEST = 6;
    public static final int IPVS_CMD_DEL_DEST = 7;
    public static final int IPVS_CMD_GET_DEST = 8;
    public static final int IPVS_CMD_GET_INFO = 15;
    public static final int IPVS_CMD_FLUSH = 17;

    // First-level attributes (enum IPVS_CMD_ATTR_*).
    public static final int IPVS_CMD_ATTR_SERVICE = 1;
    public static final int IPVS_CMD_ATTR_DEST = 2;

    // Service attributes, nested in IPVS_CMD_ATTR_SERVICE (enum IPVS_SVC_ATTR_*).
    /** u16 address family. */
    public static final int IPVS_SVC_ATTR_AF = 1;
    /** u16 IPPROTO_*. */
    public static final int IPVS_SVC_ATTR_PROTOCOL = 2;
    /** 16 bytes (union nf_inet_addr), network order. */
    public static final int IPVS_SVC_ATTR_ADDR = 3;
    /** be16. */
    public static final int IPVS_SVC_ATTR_PORT = 4;
    /** u32. */
    public static final int IPVS_SVC_ATTR_FWMARK = 5;
    /** NUL-terminated string, at most IP_VS_SCHEDNAME_MAXLEN bytes. */
    public static final int IPVS_SVC_ATTR_SCHED_NAME = 6;
    /** struct ip_vs_flags { u32 flags; u32 mask; }. */
    public static final int IPVS_SVC_ATTR_FLAGS = 7;
    /** u32 persistence timeout in seconds. */
    public static final int IPVS_SVC_ATTR_TIMEOUT = 8;
    /** u32: an IPv4 netmask in network order, or an IPv6 prefix length in host order. */
    public static final int IPVS_SVC_ATTR_NETMASK = 9;
    public static final int IPVS_SVC_ATTR_STATS = 10;
    public static final int IPVS_SVC_ATTR_PE_NAME = 11;
    public static final int IPVS_SVC_ATTR_STATS64 = 12;

    // Destination attributes, nested in IPVS_CMD_ATTR_DEST (enum IPVS_DEST_ATTR_*).
    /** 16 bytes, network order. */
    public static final int IPVS_DEST_ATTR_ADDR = 1;
    /** be16. */
    public static final int IPVS_DEST_ATTR_PORT = 2;
    /** u32: IP_VS_CONN_F_* forwarding method. */
    public static final int IPVS_DEST_ATTR_FWD_METHOD = 3;
    /** u32 (the kernel reads an int and refuses negatives with ERANGE). */
    public static final int IPVS_DEST_ATTR_WEIGHT = 4;
    /** u32 upper connection threshold, 0 = none. */
    public static final int IPVS_DEST_ATTR_U_THRESH = 5;
    /** u32 lower connection threshold. */
    public static final int IPVS_DEST_ATTR_L_THRESH = 6;
    public static final int IPVS_DEST_ATTR_ACTIVE_CONNS = 7;
    public static final int IPVS_DEST_ATTR_INACT_CONNS = 8;
    public static final int IPVS_DEST_ATTR_PERSIST_CONNS = 9;
    public static final int IPVS_DEST_ATTR_STATS = 10;
    /** u16 address family of the destination (may differ from the service's for tunnels). */
    public static final int IPVS_DEST_ATTR_ADDR_FAMILY = 11;
    public static final int IPVS_DEST_ATTR_STATS64 = 12;
    /** u8 IP_VS_CONN_F_TUNNEL_TYPE_*. */
    public static final int IPVS_DEST_ATTR_TUN_TYPE = 13;
    /** be16 GUE port. */
    public static final int IPVS_DEST_ATTR_TUN_PORT = 14;
    /** u16 IP_VS_TUNNEL_ENCAP_FLAG_*. */
    public static final int IPVS_DEST_ATTR_TUN_FLAGS = 15;

    // Reply attributes of IPVS_CMD_GET_INFO (enum IPVS_INFO_ATTR_*).
    public static final int IPVS_INFO_ATTR_VERSION = 1;
    public static final int IPVS_INFO_ATTR_CONN_TAB_SIZE = 2;
}
