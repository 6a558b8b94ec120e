package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.netlink.LibC;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The native memory one recvmsg(2) call needs, allocated once per socket and reused: a struct
 * msghdr pointing at a sockaddr for the peer, one iovec over the data buffer, and a control buffer
 * for ancillary data. Layouts are LP64 (include/linux/socket.h struct user_msghdr, struct cmsghdr;
 * include/uapi/linux/uio.h struct iovec).
 */
final class ReceiveBuffers {

    /**
     * Larger than any VRRP packet (IPv6: 8 + 255 * 16 bytes; IPv4: 60 + 8 + 255 * 4 + 8), so a
     * datagram that fills it is garbage and is reported as truncated.
     */
    static final int DATA_SIZE = 8192;
    /** Room for IPV6_HOPLIMIT (16 + 4) and IPV6_PKTINFO (16 + 20) cmsgs, each padded to 8 bytes. */
    static final int CONTROL_SIZE = 128;

    // struct user_msghdr offsets
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    private static final int MSGHDR_SIZE = 56;
    private static final int IOVEC_SIZE = 16;
    /** struct cmsghdr: size_t cmsg_len, int cmsg_level, int cmsg_type, then data at CMSG_ALIGN(16). */
    static final int CMSG_HEADER = 16;

    final Pointer msghdr;
    final Pointer name;
    final Pointer data;
    final Pointer control;
    private final Pointer iovec;

    ReceiveBuffers() {
        jnr.ffi.Runtime runtime = LibC.Holder.runtime();
        msghdr = Memory.allocateDirect(runtime, MSGHDR_SIZE, true);
        iovec = Memory.allocateDirect(runtime, IOVEC_SIZE, true);
        name = Memory.allocateDirect(runtime, LinuxInet.SOCKADDR_IN6_SIZE, true);
        data = Memory.allocateDirect(runtime, DATA_SIZE, true);
        control = Memory.allocateDirect(runtime, CONTROL_SIZE, true);
        iovec.putAddress(0, data.address());
        iovec.putLong(8, DATA_SIZE);
        msghdr.putAddress(MSG_NAME, name.address());
        msghdr.putAddress(MSG_IOV, iovec.address());
        msghdr.putLong(MSG_IOVLEN, 1);
        msghdr.putAddress(MSG_CONTROL, control.address());
    }

    /** Resets the lengths the kernel overwrites on each call. */
    void reset() {
        msghdr.putInt(MSG_NAMELEN, LinuxInet.SOCKADDR_IN6_SIZE);
        msghdr.putLong(MSG_CONTROLLEN, CONTROL_SIZE);
        msghdr.putInt(MSG_FLAGS, 0);
    }

    int nameLength() {
        return msghdr.getInt(MSG_NAMELEN);
    }

    int controlLength() {
        return (int) Math.min(CONTROL_SIZE, msghdr.getLong(MSG_CONTROLLEN));
    }

    int flags() {
        return msghdr.getInt(MSG_FLAGS);
    }
}
