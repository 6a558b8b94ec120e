package io.hakeeper.agent.netlink;

/** rtnetlink message types and multicast groups, from {@code include/uapi/linux/rtnetlink.h}. */
public final class Rtnetlink {
    private Rtnetlink() {}

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;

    // enum rtnetlink_groups: group numbers for NETLINK_ADD_MEMBERSHIP.
    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV6_IFADDR = 9;

    // The legacy bind-time bitmask equivalents (RTMGRP_*), for reference: 1 << (group - 1).
    public static final int RTMGRP_LINK = 0x1;
    public static final int RTMGRP_IPV4_IFADDR = 0x10;
    public static final int RTMGRP_IPV6_IFADDR = 0x100;

    // include/linux/socket.h
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
}
