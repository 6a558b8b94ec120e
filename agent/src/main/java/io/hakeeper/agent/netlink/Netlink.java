package io.hakeeper.agent.netlink;

/**
 * Protocol-independent netlink constants, named as in the kernel headers.
 *
 * <p>Values from {@code include/uapi/linux/netlink.h} unless a comment says otherwise. Socket-level
 * values are those of {@code include/uapi/asm-generic/socket.h}, which x86_64 and aarch64 use; the
 * agent does not support the architectures (alpha, mips, parisc, sparc, powerpc) that differ.
 */
public final class Netlink {
    private Netlink() {}

    // include/uapi/linux/socket.h, include/linux/socket.h
    public static final int AF_NETLINK = 16;
    // include/linux/net.h (enum sock_type) and asm-generic/fcntl.h O_CLOEXEC
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;

    // Netlink protocol families (the socket's third argument).
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;

    /** sizeof(struct sockaddr_nl): u16 family, u16 pad, u32 nl_pid, u32 nl_groups. */
    public static final int SOCKADDR_NL_SIZE = 12;

    /** sizeof(struct nlmsghdr): u32 len, u16 type, u16 flags, u32 seq, u32 pid. */
    public static final int NLMSG_HDRLEN = 16;
    /** NLMSG_ALIGNTO; attributes (NLA_ALIGNTO) use the same 4-byte alignment. */
    public static final int NLMSG_ALIGNTO = 4;
    /** sizeof(struct nlattr): u16 nla_len, u16 nla_type. */
    public static final int NLA_HDRLEN = 4;

    // nlmsg_type values below NLMSG_MIN_TYPE are control messages.
    public static final int NLMSG_NOOP = 0x1;
    public static final int NLMSG_ERROR = 0x2;
    public static final int NLMSG_DONE = 0x3;
    public static final int NLMSG_OVERRUN = 0x4;
    public static final int NLMSG_MIN_TYPE = 0x10;

    // nlmsg_flags, standard.
    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    // nlmsg_flags, modifiers to GET requests.
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    // nlmsg_flags, modifiers to NEW requests.
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    // nlmsg_flags on NLMSG_ERROR acknowledgements.
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    // nlattr.nla_type carries two flag bits above the type number.
    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    // enum nlmsgerr_attrs: extended-ack TLVs after struct nlmsgerr.
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    // Socket options at level SOL_NETLINK (include/linux/socket.h: SOL_NETLINK 270).
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    /**
     * Receive notifications from every network namespace that has an id in this socket's
     * namespace, each datagram tagged with that id in a cmsg of this type (needs
     * CAP_NET_BROADCAST in the peer namespace's user namespace).
     */
    public static final int NETLINK_LISTEN_ALL_NSID = 8;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;

    // include/uapi/asm-generic/socket.h
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    /** SO_RCVTIMEO_OLD: struct timeval with 64-bit fields on 64-bit platforms. */
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_RCVBUFFORCE = 33;

    // include/uapi/linux/socket.h via bits/socket.h: recv(2) flags.
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    /** Rounds {@code length} up to the 4-byte netlink alignment (NLMSG_ALIGN, NLA_ALIGN). */
    public static int align(int length) {
        return (length + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1);
    }
}
