package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits received datagrams into netlink messages and decodes the control messages (NLMSG_ERROR,
 * NLMSG_DONE). Pure: no sockets, no state. Anything malformed raises
 * {@link MalformedNetlinkMessageException}, never an index error.
 */
public final class NetlinkCodec {
    private NetlinkCodec() {}

    /** sizeof(struct nlmsgerr) when capped: int error + the request's nlmsghdr. */
    private static final int NLMSGERR_MIN = 4 + Netlink.NLMSG_HDRLEN;

    /**
     * Decodes every message in a datagram, from its position to its limit. A datagram may carry
     * several messages (a dump batch); each is aligned to 4 bytes.
     */
    public static List<NetlinkMessage> decodeMessages(ByteBuffer datagram) throws MalformedNetlinkMessageException {
        ByteBuffer buf = datagram.duplicate().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int pos = buf.position();
        int end = buf.limit();
        while (pos < end) {
            if (end - pos < Netlink.NLMSG_HDRLEN) {
                throw new MalformedNetlinkMessageException((end - pos) + " bytes at offset " + pos
                        + " are too short for a 16-byte nlmsghdr");
            }
            long len = Integer.toUnsignedLong(buf.getInt(pos));
            if (len < Netlink.NLMSG_HDRLEN) {
                throw new MalformedNetlinkMessageException("message at offset " + pos + " has nlmsg_len " + len
                        + ", below the 16-byte header");
            }
            if (len > end - pos) {
                throw new MalformedNetlinkMessageException("message at offset " + pos + " claims " + len
                        + " bytes but only " + (end - pos) + " remain (truncated datagram?)");
            }
            int type = buf.getShort(pos + 4) & 0xffff;
            int flags = buf.getShort(pos + 6) & 0xffff;
            int seq = buf.getInt(pos + 8);
            int port = buf.getInt(pos + 12);
            ByteBuffer payload = buf.duplicate();
            payload.limit(pos + (int) len).position(pos + Netlink.NLMSG_HDRLEN);
            out.add(new NetlinkMessage(type, flags, seq, port, payload));
            pos += Math.min(Netlink.align((int) len), end - pos);
        }
        return out;
    }

    /**
     * Decodes an NLMSG_ERROR payload: {@code struct nlmsgerr} (int error, the request's nlmsghdr,
     * the request's payload unless NLM_F_CAPPED), then extended-ack TLVs if NLM_F_ACK_TLVS.
     */
    public static NetlinkError decodeError(NetlinkMessage message) throws MalformedNetlinkMessageException {
        if (message.type() != Netlink.NLMSG_ERROR) {
            throw new IllegalArgumentException("not an NLMSG_ERROR: type " + message.type());
        }
        ByteBuffer p = message.payload();
        if (p.remaining() < 4) {
            throw new MalformedNetlinkMessageException("NLMSG_ERROR payload of " + p.remaining()
                    + " bytes has no error code");
        }
        int error = p.getInt(0);
        if (error > 0 || error == Integer.MIN_VALUE) {
            throw new MalformedNetlinkMessageException("NLMSG_ERROR carries error " + error
                    + "; the kernel sends 0 or a negative errno");
        }
        int requestType = 0;
        int requestSeq = 0;
        String kernelMessage = null;
        if (p.remaining() >= NLMSGERR_MIN) {
            long requestLen = Integer.toUnsignedLong(p.getInt(4));
            requestType = p.getShort(8) & 0xffff;
            requestSeq = p.getInt(12);
            if (message.hasFlag(Netlink.NLM_F_ACK_TLVS)) {
                // The kernel echoes the request's payload on errors unless NLM_F_CAPPED (and never
                // on success); the TLVs follow it.
                long tlvStart = NLMSGERR_MIN;
                if (!message.hasFlag(Netlink.NLM_F_CAPPED) && error != 0) {
                    tlvStart = 4 + Netlink.align((int) Math.min(requestLen, Integer.MAX_VALUE - 8));
                }
                if (tlvStart > p.remaining()) {
                    throw new MalformedNetlinkMessageException("NLMSG_ERROR extended ack starts past its payload");
                }
                p.position((int) tlvStart);
                kernelMessage = NetlinkAttributes.decode(p).find(Netlink.NLMSGERR_ATTR_MSG)
                        .map(NetlinkAttribute::string).orElse(null);
            }
        }
        return new NetlinkError(-error, requestType, requestSeq, kernelMessage);
    }

    /** The error code an NLMSG_DONE carries (0 on success; absent means 0), as a positive errno. */
    public static int decodeDoneErrno(NetlinkMessage message) {
        ByteBuffer p = message.payload();
        if (p.remaining() < 4) {
            return 0;
        }
        int error = p.getInt(0);
        return error < 0 && error != Integer.MIN_VALUE ? -error : 0;
    }
}
