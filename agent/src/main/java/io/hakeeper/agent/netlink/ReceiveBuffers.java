package io.hakeeper.agent.netlink;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The native memory one recvmsg(2) call needs, allocated once per socket and reused: a struct
 * msghdr pointing at a buffer for the peer's address, one iovec over the data buffer, and a control
 * buffer for ancillary data. Layouts are LP64 (include/linux/socket.h struct user_msghdr, struct
 * cmsghdr; include/uapi/linux/uio.h struct iovec). Used by the VRRP socket (hop limit, packet info)
 * and by netlink sockets that want the peer namespace's id of each notification.
 */
public final class ReceiveBuffers {

    /** What one ancillary message holds: its level and type, and where its data is in the control buffer. */
    public interface ControlMessageVisitor {
        void visit(int level, int type, int dataOffset, int dataLength);
    }

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
    private static final int CMSG_HEADER = 16;

    private final int dataSize;
    private final int nameSize;
    private final int controlSize;
    private final Pointer msghdr;
    private final Pointer name;
    private final Pointer data;
    private final Pointer control;
    /** Reachable through msghdr only: held so that it lives as long as msghdr. */
    @SuppressWarnings("unused")
    private final Pointer iovec;

    public ReceiveBuffers(int dataSize, int nameSize, int controlSize) {
        this.dataSize = dataSize;
        this.nameSize = nameSize;
        this.controlSize = controlSize;
        jnr.ffi.Runtime runtime = LibC.Holder.runtime();
        msghdr = Memory.allocateDirect(runtime, MSGHDR_SIZE, true);
        Pointer iovec = Memory.allocateDirect(runtime, IOVEC_SIZE, true);
        name = Memory.allocateDirect(runtime, nameSize, true);
        data = Memory.allocateDirect(runtime, dataSize, true);
        control = Memory.allocateDirect(runtime, controlSize, true);
        iovec.putAddress(0, data.address());
        iovec.putLong(8, dataSize);
        msghdr.putAddress(MSG_NAME, name.address());
        msghdr.putAddress(MSG_IOV, iovec.address());
        msghdr.putLong(MSG_IOVLEN, 1);
        msghdr.putAddress(MSG_CONTROL, control.address());
        this.iovec = iovec;
    }

    /** Resets the lengths the kernel overwrites on each call; call before every recvmsg. */
    public Pointer reset() {
        msghdr.putInt(MSG_NAMELEN, nameSize);
        msghdr.putLong(MSG_CONTROLLEN, controlSize);
        msghdr.putInt(MSG_FLAGS, 0);
        return msghdr;
    }

    public Pointer name() {
        return name;
    }

    public int nameLength() {
        return msghdr.getInt(MSG_NAMELEN);
    }

    public Pointer data() {
        return data;
    }

    public int dataSize() {
        return dataSize;
    }

    public Pointer control() {
        return control;
    }

    public int flags() {
        return msghdr.getInt(MSG_FLAGS);
    }

    /** Calls {@code visitor} for each complete ancillary message the last recvmsg returned. */
    public void forEachControlMessage(ControlMessageVisitor visitor) {
        int end = (int) Math.min(controlSize, msghdr.getLong(MSG_CONTROLLEN));
        int off = 0;
        while (off + CMSG_HEADER <= end) {
            long len = control.getLong(off);
            if (len < CMSG_HEADER || off + len > end) {
                return;
            }
            visitor.visit(control.getInt(off + 8), control.getInt(off + 12), off + CMSG_HEADER, (int) len - CMSG_HEADER);
            off += (int) ((len + 7) & ~7L); // CMSG_ALIGN
        }
    }
}
