package io.hakeeper.agent.vrrp;

/**
 * Socket constants for IPv4/IPv6 raw sockets, under the names the kernel headers give them. Values
 * are Linux's, the same on x86_64 and aarch64 (asm-generic).
 */
final class LinuxInet {

    private LinuxInet() {
    }

    // include/linux/socket.h
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    // include/linux/net.h (enum sock_type) and include/linux/net.h SOCK_CLOEXEC = O_CLOEXEC
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;

    // include/uapi/linux/in.h, include/uapi/linux/in6.h
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_IPV6 = 41;

    // include/uapi/asm-generic/socket.h
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    /** SO_RCVTIMEO_OLD: struct timeval with 64-bit fields on LP64. */
    static final int SO_RCVTIMEO = 20;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_ATTACH_FILTER = 26;

    // include/uapi/linux/in.h
    static final int IP_TOS = 1;
    static final int IP_TTL = 2;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int IP_MULTICAST_ALL = 49;

    // include/uapi/linux/in6.h
    static final int IPV6_CHECKSUM = 7;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    /** IPV6_JOIN_GROUP in RFC 3493; Linux names it IPV6_ADD_MEMBERSHIP. */
    static final int IPV6_ADD_MEMBERSHIP = 20;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int IPV6_TCLASS = 67;

    /** include/uapi/linux/ip.h IPTOS_PREC_INTERNETCONTROL (0xc0, DSCP CS6), as keepalived marks adverts. */
    static final int IPTOS_PREC_INTERNETCONTROL = 0xc0;

    // include/linux/socket.h
    /** Set in msg_flags when the datagram was longer than the buffer. */
    static final int MSG_TRUNC = 0x20;

    // Structure sizes on LP64 (include/uapi/linux/in.h, in6.h, include/linux/socket.h)
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SOCKADDR_IN6_SIZE = 28;
    /** struct ip_mreqn: imr_multiaddr, imr_address, imr_ifindex. */
    static final int IP_MREQN_SIZE = 12;
    /** struct ipv6_mreq: ipv6mr_multiaddr, ipv6mr_interface. */
    static final int IPV6_MREQ_SIZE = 20;
    /** IFNAMSIZ from include/uapi/linux/if.h: names are at most 15 bytes plus NUL. */
    static final int IFNAMSIZ = 16;
}
