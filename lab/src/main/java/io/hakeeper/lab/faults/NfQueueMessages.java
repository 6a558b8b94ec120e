package io.hakeeper.lab.faults;

import io.hakeeper.agent.netlink.MalformedNetlinkMessageException;
import io.hakeeper.agent.netlink.Netlink;
import io.hakeeper.agent.netlink.NetlinkAttribute;
import io.hakeeper.agent.netlink.NetlinkMessage;
import io.hakeeper.agent.netlink.NetlinkMessageBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The nfnetlink_queue messages the netem emulation exchanges with the kernel: bind a queue, ask for
 * packet metadata only, and give verdicts; and the packet id out of a queued-packet message. Pure:
 * no sockets.
 *
 * <p>Every message is a nlmsghdr whose type is {@code NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_*}, a
 * {@code struct nfgenmsg} (u8 family, u8 version, __be16 res_id = the queue number) and attributes.
 * The structs inside the attributes are big-endian (their fields are __be16/__be32); the netlink
 * headers around them are host order.
 */
public final class NfQueueMessages {
    private NfQueueMessages() {}

    // include/uapi/linux/netlink.h
    public static final int NETLINK_NETFILTER = 12;
    public static final int NETLINK_NO_ENOBUFS = 5;

    // include/uapi/linux/netfilter/nfnetlink.h
    static final int NFNL_SUBSYS_QUEUE = 3;
    static final int NFNETLINK_V0 = 0;
    /** sizeof(struct nfgenmsg). */
    static final int NFGENMSG_SIZE = 4;
    // include/uapi/linux/socket.h
    static final int AF_UNSPEC = 0;

    // include/uapi/linux/netfilter/nfnetlink_queue.h: enum nfqnl_msg_types
    static final int NFQNL_MSG_PACKET = 0;
    static final int NFQNL_MSG_VERDICT = 1;
    static final int NFQNL_MSG_CONFIG = 2;
    // enum nfqnl_attr_type
    static final int NFQA_PACKET_HDR = 1;
    static final int NFQA_VERDICT_HDR = 2;
    // enum nfqnl_attr_config
    static final int NFQA_CFG_CMD = 1;
    static final int NFQA_CFG_PARAMS = 2;
    static final int NFQA_CFG_QUEUE_MAXLEN = 3;
    // enum nfqnl_msg_config_cmds
    static final int NFQNL_CFG_CMD_BIND = 1;
    static final int NFQNL_CFG_CMD_UNBIND = 2;
    // enum nfqnl_config_mode
    static final int NFQNL_COPY_META = 1;
    // include/uapi/linux/netfilter.h
    public static final int NF_DROP = 0;
    public static final int NF_ACCEPT = 1;

    /** The nlmsg_type of a queued packet the kernel sends. */
    public static final int PACKET_TYPE = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET;

    private static NetlinkMessageBuilder message(int nfqnlType, int flags, int queue) {
        if (queue < 0 || queue > 0xffff) {
            throw new IllegalArgumentException("an NFQUEUE number is 0..65535: " + queue);
        }
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(NFNL_SUBSYS_QUEUE << 8 | nfqnlType, flags);
        // struct nfgenmsg: res_id is __be16.
        return b.putU8(AF_UNSPEC).putU8(NFNETLINK_V0).putBytes(be16(queue));
    }

    /** NFQNL_MSG_CONFIG with NFQA_CFG_CMD (struct nfqnl_msg_config_cmd: u8 command, u8 pad, __be16 pf). */
    private static NetlinkMessageBuilder command(int queue, int command) {
        byte[] cmd = {(byte) command, 0, 0, 0};
        return message(NFQNL_MSG_CONFIG, Netlink.NLM_F_REQUEST, queue).attribute(NFQA_CFG_CMD, cmd);
    }

    /** Binds this socket to queue {@code queue}: the kernel sends its packets here. */
    public static NetlinkMessageBuilder bind(int queue) {
        return command(queue, NFQNL_CFG_CMD_BIND);
    }

    public static NetlinkMessageBuilder unbind(int queue) {
        return command(queue, NFQNL_CFG_CMD_UNBIND);
    }

    /**
     * Copy mode meta (NFQA_CFG_PARAMS, struct nfqnl_msg_config_params: __be32 copy_range, u8
     * copy_mode, packed): the kernel sends the packet header only, never its bytes; and a queue of
     * up to {@code maxLength} packets (NFQA_CFG_QUEUE_MAXLEN, __be32) before it drops.
     */
    public static NetlinkMessageBuilder metadataOnly(int queue, int maxLength) {
        byte[] params = ByteBuffer.allocate(5).order(ByteOrder.BIG_ENDIAN).putInt(0).put((byte) NFQNL_COPY_META).array();
        return message(NFQNL_MSG_CONFIG, Netlink.NLM_F_REQUEST, queue)
                .attribute(NFQA_CFG_PARAMS, params)
                .attribute(NFQA_CFG_QUEUE_MAXLEN, be32(maxLength));
    }

    /** NFQNL_MSG_VERDICT for packet {@code id} (NFQA_VERDICT_HDR: __be32 verdict, __be32 id). */
    public static ByteBuffer verdict(int queue, int id, int verdict) {
        byte[] hdr = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(verdict).putInt(id).array();
        return message(NFQNL_MSG_VERDICT, Netlink.NLM_F_REQUEST, queue).attribute(NFQA_VERDICT_HDR, hdr).build();
    }

    /** A packet the kernel queued: its queue (nfgenmsg res_id) and its id there. */
    public record QueuedPacket(int queue, int id) {}

    /**
     * The queue and packet id of a queued-packet message (nfgenmsg res_id; NFQA_PACKET_HDR, struct
     * nfqnl_msg_packet_hdr: __be32 packet_id, __be16 hw_protocol, u8 hook), or empty if {@code m}
     * is another type.
     *
     * @throws MalformedNetlinkMessageException if it is a packet message without a readable header
     */
    public static Optional<QueuedPacket> packet(NetlinkMessage m) throws MalformedNetlinkMessageException {
        if (m.type() != PACKET_TYPE) {
            return Optional.empty();
        }
        NetlinkAttribute hdr = m.attributes(NFGENMSG_SIZE).require(NFQA_PACKET_HDR, "nfqnl_msg_packet_hdr");
        ByteBuffer v = hdr.value();
        if (v.remaining() < 4) {
            throw new MalformedNetlinkMessageException("NFQA_PACKET_HDR of " + v.remaining()
                    + " bytes has no packet id");
        }
        ByteBuffer nfgenmsg = m.payload().order(ByteOrder.BIG_ENDIAN);
        int queue = nfgenmsg.getShort(nfgenmsg.position() + 2) & 0xffff;
        return Optional.of(new QueuedPacket(queue, v.order(ByteOrder.BIG_ENDIAN).getInt(v.position())));
    }

    private static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] be32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(v).array();
    }
}
