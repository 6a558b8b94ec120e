package io.hakeeper.agent.netlink;

/**
 * Link message layout and attributes, from {@code include/uapi/linux/rtnetlink.h} (struct
 * ifinfomsg), {@code include/uapi/linux/if_link.h} (IFLA_*) and {@code include/uapi/linux/if.h}
 * (IFF_*, IF_OPER_*).
 */
public final class IfLink {
    private IfLink() {}

    /** sizeof(struct ifinfomsg): u8 family, u8 pad, u16 type, s32 index, u32 flags, u32 change. */
    public static final int IFINFOMSG_SIZE = 16;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_CARRIER = 33;

    // include/uapi/linux/rtnetlink.h: IFLA_EXT_MASK bits; skipping stats keeps dumps small.
    public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    public static final int IFF_UP = 1;
    public static final int IFF_BROADCAST = 1 << 1;
    public static final int IFF_LOOPBACK = 1 << 3;
    public static final int IFF_POINTOPOINT = 1 << 4;
    public static final int IFF_RUNNING = 1 << 6;
    public static final int IFF_NOARP = 1 << 7;
    public static final int IFF_MULTICAST = 1 << 12;
    public static final int IFF_LOWER_UP = 1 << 16;
    public static final int IFF_DORMANT = 1 << 17;
}
