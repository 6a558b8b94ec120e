package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One decoded netlink message: the {@code struct nlmsghdr} fields and the bytes after the header.
 *
 * @param type     nlmsg_type (a control type such as NLMSG_ERROR, or a family's message type)
 * @param flags    nlmsg_flags
 * @param sequence nlmsg_seq, echoed by the kernel from the request (0 for notifications)
 * @param portId   nlmsg_pid: the sender's port (0 for the kernel) or, in replies, ours
 * @param payload  the bytes after the 16-byte header, up to nlmsg_len
 */
public record NetlinkMessage(int type, int flags, int sequence, int portId, ByteBuffer payload) {

    public NetlinkMessage {
        payload = payload.slice().asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** A fresh read-only view of the payload in host byte order, positioned at its start. */
    @Override
    public ByteBuffer payload() {
        return payload.duplicate().order(ByteOrder.nativeOrder());
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /**
     * The attributes that follow a fixed family header of {@code familyHeaderLength} bytes
     * (8 for ifaddrmsg, 16 for ifinfomsg, 4 for genlmsghdr).
     */
    public NetlinkAttributes attributes(int familyHeaderLength) throws MalformedNetlinkMessageException {
        ByteBuffer p = payload();
        int start = Netlink.align(familyHeaderLength);
        if (p.remaining() < familyHeaderLength) {
            throw new MalformedNetlinkMessageException("message type " + type + " has a " + p.remaining()
                    + "-byte payload, shorter than its " + familyHeaderLength + "-byte family header");
        }
        p.position(Math.min(start, p.limit()));
        return NetlinkAttributes.decode(p);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq="
                + Integer.toUnsignedString(sequence) + ", port=" + Integer.toUnsignedString(portId)
                + ", payload=" + payload.remaining() + " bytes]";
    }
}
