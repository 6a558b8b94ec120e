package io.hakeeper.agent.ipvs;

import static io.hakeeper.agent.ipvs.IpvsGenl.*;

import io.hakeeper.agent.netlink.Netlink;
import io.hakeeper.agent.netlink.NetlinkMessageBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Encodes IPVS generic netlink requests exactly as include/uapi/linux/ip_vs.h lays them out and
 * net/netfilter/ipvs/ip_vs_ctl.c reads them (ip_vs_genl_parse_service, ip_vs_genl_parse_dest).
 * Pure: each method returns the message, and the socket stamps sequence and port and adds
 * NLM_F_ACK or NLM_F_DUMP.
 *
 * <p>Byte order, attribute by attribute (DESIGN.md, "Kernel interfaces"): netlink numbers are
 * host order; addresses are network order in a 16-byte {@code union nf_inet_addr} (IPv4 in the
 * first 4 bytes, the rest zero); ports ({@code IPVS_SVC_ATTR_PORT}, {@code IPVS_DEST_ATTR_PORT},
 * {@code IPVS_DEST_ATTR_TUN_PORT}) are be16; {@code IPVS_SVC_ATTR_NETMASK} is a be32 mask for
 * IPv4 but a host-order prefix length for IPv6 (the kernel copies the four bytes and compares
 * them with 128 as a number).
 */
public final class IpvsMessages {

    private IpvsMessages() {
    }

    /** sizeof(union nf_inet_addr) (include/uapi/linux/netfilter.h): the length of every IPVS address attribute. */
    public static final int NF_INET_ADDR_SIZE = 16;

    /** The request that carries {@code op}. */
    public static NetlinkMessageBuilder request(int familyId, IpvsOp op) {
        // Java 17 has no pattern switch; IpvsOp is sealed, so this chain is exhaustive.
        if (op instanceof IpvsOp.NewService n) {
            return service(familyId, IPVS_CMD_NEW_SERVICE, n.service());
        }
        if (op instanceof IpvsOp.EditService e) {
            return service(familyId, IPVS_CMD_SET_SERVICE, e.to());
        }
        if (op instanceof IpvsOp.DeleteService d) {
            NetlinkMessageBuilder b = header(familyId, IPVS_CMD_DEL_SERVICE);
            int svc = b.beginNested(IPVS_CMD_ATTR_SERVICE);
            serviceKey(b, d.key());
            return b.endNested(svc);
        }
        if (op instanceof IpvsOp.NewDest n) {
            return destination(familyId, IPVS_CMD_NEW_DEST, n.service(), n.destination(), true);
        }
        if (op instanceof IpvsOp.EditDest e) {
            return destination(familyId, IPVS_CMD_SET_DEST, e.service(), e.to(), true);
        }
        IpvsOp.DeleteDest d = (IpvsOp.DeleteDest) op;
        return destination(familyId, IPVS_CMD_DEL_DEST, d.service(), d.destination(), false);
    }

    /** IPVS_CMD_GET_INFO: answered by one IPVS_CMD_SET_INFO with the version and connection table size. */
    public static NetlinkMessageBuilder getInfo(int familyId) {
        return header(familyId, IPVS_CMD_GET_INFO);
    }

    /** IPVS_CMD_GET_SERVICE without a service: send as a dump; one IPVS_CMD_NEW_SERVICE per service. */
    public static NetlinkMessageBuilder dumpServices(int familyId) {
        return header(familyId, IPVS_CMD_GET_SERVICE);
    }

    /** IPVS_CMD_GET_DEST for one service: send as a dump; one IPVS_CMD_NEW_DEST per destination. */
    public static NetlinkMessageBuilder dumpDestinations(int familyId, IpvsServiceKey key) {
        NetlinkMessageBuilder b = header(familyId, IPVS_CMD_GET_DEST);
        int svc = b.beginNested(IPVS_CMD_ATTR_SERVICE);
        serviceKey(b, key);
        return b.endNested(svc);
    }

    /** IPVS_CMD_FLUSH: deletes every service. The agent never sends it (it touches only what it owns); tests do. */
    public static NetlinkMessageBuilder flush(int familyId) {
        return header(familyId, IPVS_CMD_FLUSH);
    }

    /**
     * Several encoded requests as one datagram (netlink_rcv_skb runs them in order): sequence
     * numbers {@code firstSequence}, +1, ...; only the last asks for an acknowledgement
     * (NLM_F_ACK), since the kernel answers every refused request with an error anyway.
     */
    public static ByteBuffer datagram(List<ByteBuffer> messages, int firstSequence) {
        int bytes = 0;
        for (ByteBuffer m : messages) {
            bytes += m.remaining();
        }
        ByteBuffer datagram = ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
        for (int k = 0; k < messages.size(); k++) {
            ByteBuffer m = messages.get(k).duplicate().order(ByteOrder.nativeOrder());
            m.putShort(m.position() + 6, (short) (Netlink.NLM_F_REQUEST | (k == messages.size() - 1 ? Netlink.NLM_F_ACK : 0)));
            NetlinkMessageBuilder.stampSequence(m, firstSequence + k);
            datagram.put(m);
        }
        return datagram.flip();
    }

    /** nlmsghdr (type = the family's id) and struct genlmsghdr {cmd, IPVS_GENL_VERSION, 0}. */
    private static NetlinkMessageBuilder header(int familyId, int cmd) {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(familyId, Netlink.NLM_F_REQUEST);
        return b.putU8(cmd).putU8(IPVS_GENL_VERSION).putU16(0);
    }

    private static NetlinkMessageBuilder service(int familyId, int cmd, IpvsService s) {
        NetlinkMessageBuilder b = header(familyId, cmd);
        int svc = b.beginNested(IPVS_CMD_ATTR_SERVICE);
        serviceKey(b, s.key());
        b.attributeString(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
        // struct ip_vs_flags {u32 flags; u32 mask}: the kernel keeps the bits outside the mask
        // (IP_VS_SVC_F_HASHED is its own) and takes ours inside it.
        b.attribute(IPVS_SVC_ATTR_FLAGS, u32Pair(s.flags(), IpvsServiceFlags.USERSPACE_MASK));
        b.attributeU32(IPVS_SVC_ATTR_TIMEOUT, s.timeoutSec());
        if (s.key().family() == AddressFamily.INET) {
            b.attribute(IPVS_SVC_ATTR_NETMASK, be32(s.netmask()));
        } else {
            b.attributeU32(IPVS_SVC_ATTR_NETMASK, s.netmask());
        }
        return b.endNested(svc);
    }

    /** The attributes that identify a service: AF, then FWMARK or PROTOCOL + ADDR + PORT. */
    private static void serviceKey(NetlinkMessageBuilder b, IpvsServiceKey key) {
        b.attributeU16(IPVS_SVC_ATTR_AF, key.family().value());
        if (key instanceof IpvsServiceKey.Address a) {
            b.attributeU16(IPVS_SVC_ATTR_PROTOCOL, a.protocol().number());
            b.attribute(IPVS_SVC_ATTR_ADDR, address(a.address()));
            b.attribute(IPVS_SVC_ATTR_PORT, be16(a.port()));
        } else {
            b.attributeU32(IPVS_SVC_ATTR_FWMARK, key.fwmark());
        }
    }

    private static NetlinkMessageBuilder destination(int familyId, int cmd, IpvsServiceKey service,
                                                     IpvsDestination d, boolean full) {
        NetlinkMessageBuilder b = header(familyId, cmd);
        int svc = b.beginNested(IPVS_CMD_ATTR_SERVICE);
        serviceKey(b, service);
        b.endNested(svc);
        int dest = b.beginNested(IPVS_CMD_ATTR_DEST);
        b.attribute(IPVS_DEST_ATTR_ADDR, address(d.address()));
        b.attribute(IPVS_DEST_ATTR_PORT, be16(d.port()));
        // Sent even when it is the service's: a tunnelled destination may be of the other family,
        // and the kernel looks destinations up by (family, address, port).
        b.attributeU16(IPVS_DEST_ATTR_ADDR_FAMILY, d.family().value());
        if (full) {
            b.attributeU32(IPVS_DEST_ATTR_FWD_METHOD, d.method().connFlags());
            b.attributeU32(IPVS_DEST_ATTR_WEIGHT, d.weight());
            b.attributeU32(IPVS_DEST_ATTR_U_THRESH, d.upperThreshold());
            b.attributeU32(IPVS_DEST_ATTR_L_THRESH, d.lowerThreshold());
            // Always sent, IPIP/0/0 unless tunnelling: the kernel stores them whatever the method
            // and dumps them back, so what we read is what we wrote.
            b.attributeU8(IPVS_DEST_ATTR_TUN_TYPE, d.tunnel().type().value());
            b.attribute(IPVS_DEST_ATTR_TUN_PORT, be16(d.tunnel().port()));
            b.attributeU16(IPVS_DEST_ATTR_TUN_FLAGS, d.tunnel().flags());
        }
        return b.endNested(dest);
    }

    /** An address in a 16-byte union nf_inet_addr, network order, zero-padded. */
    static byte[] address(IpAddress a) {
        byte[] out = new byte[NF_INET_ADDR_SIZE];
        byte[] raw = a.bytes();
        System.arraycopy(raw, 0, out, 0, raw.length);
        return out;
    }

    static byte[] be16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    static byte[] be32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** Two host-order u32s, as struct ip_vs_flags. */
    private static byte[] u32Pair(int first, int second) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(first).putInt(second).array();
    }
}
