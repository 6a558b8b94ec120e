package io.hakeeper.agent.ipvs;

import static io.hakeeper.agent.ipvs.IpvsGenl.*;

import io.hakeeper.agent.netlink.MalformedNetlinkMessageException;
import io.hakeeper.agent.netlink.Netlink;
import io.hakeeper.agent.netlink.NetlinkMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes what the kernel sends back on the IPVS family (net/netfilter/ipvs/ip_vs_ctl.c:
 * ip_vs_genl_fill_service, ip_vs_genl_fill_dest, ip_vs_genl_get_cmd). Pure. Byte orders as in
 * {@link IpvsMessages}. Anything that does not fit the header raises
 * {@link MalformedNetlinkMessageException}, naming the attribute.
 *
 * <p>A full table read decodes tens of thousands of destinations, so attributes are located in
 * place (an index of offsets per nest) rather than copied into objects one by one.
 */
public final class IpvsReplies {

    private IpvsReplies() {
    }

    /** IPVS_CMD_SET_INFO (enum IPVS_CMD_*, include/uapi/linux/ip_vs.h): "only used in GET_INFO reply". */
    public static final int IPVS_CMD_SET_INFO = 14;

    /** One IPVS_CMD_NEW_SERVICE of a GET_SERVICE dump. */
    public record Service(IpvsService service, IpvsStats stats) {
    }

    /** One IPVS_CMD_NEW_DEST of a GET_DEST dump. */
    public record Destination(IpvsDestination destination, DestinationCounters counters, IpvsStats stats) {
    }

    public static Service service(NetlinkMessage m, int familyId) throws MalformedNetlinkMessageException {
        return service(m, familyId, true);
    }

    /** @param withStats false to skip decoding the counters (their value is then {@link IpvsStats#ZERO}) */
    public static Service service(NetlinkMessage m, int familyId, boolean withStats) throws MalformedNetlinkMessageException {
        Nest a = nested(m, familyId, IPVS_CMD_NEW_SERVICE, IPVS_CMD_ATTR_SERVICE, "IPVS_CMD_ATTR_SERVICE",
                IPVS_SVC_ATTR_STATS64);
        try {
            AddressFamily family = AddressFamily.fromValue(a.u16(IPVS_SVC_ATTR_AF, "IPVS_SVC_ATTR_AF"));
            IpvsServiceKey key;
            if (a.has(IPVS_SVC_ATTR_FWMARK) && a.u32(IPVS_SVC_ATTR_FWMARK, "IPVS_SVC_ATTR_FWMARK") != 0) {
                key = new IpvsServiceKey.Fwmark(family, a.u32(IPVS_SVC_ATTR_FWMARK, "IPVS_SVC_ATTR_FWMARK"));
            } else {
                IpvsProtocol protocol = IpvsProtocol.fromNumber(a.u16(IPVS_SVC_ATTR_PROTOCOL, "IPVS_SVC_ATTR_PROTOCOL"));
                IpAddress address = a.address(IPVS_SVC_ATTR_ADDR, "IPVS_SVC_ATTR_ADDR", family);
                key = new IpvsServiceKey.Address(protocol, address, a.be16(IPVS_SVC_ATTR_PORT, "IPVS_SVC_ATTR_PORT"));
            }
            String scheduler = a.string(IPVS_SVC_ATTR_SCHED_NAME, "IPVS_SVC_ATTR_SCHED_NAME");
            // struct ip_vs_flags: the first u32 is the flags; the kernel sends mask ~0.
            int flags = a.u32(IPVS_SVC_ATTR_FLAGS, "IPVS_SVC_ATTR_FLAGS");
            int timeout = a.u32(IPVS_SVC_ATTR_TIMEOUT, "IPVS_SVC_ATTR_TIMEOUT");
            int netmask = family == AddressFamily.INET ? a.be32(IPVS_SVC_ATTR_NETMASK, "IPVS_SVC_ATTR_NETMASK")
                    : a.u32(IPVS_SVC_ATTR_NETMASK, "IPVS_SVC_ATTR_NETMASK");
            IpvsService service = new IpvsService(key, scheduler, flags, timeout, netmask);
            return new Service(service, withStats ? a.stats(IPVS_SVC_ATTR_STATS64, IPVS_SVC_ATTR_STATS) : IpvsStats.ZERO);
        } catch (IllegalArgumentException e) {
            throw new MalformedNetlinkMessageException("IPVS service: " + e.getMessage());
        }
    }

    public static Destination destination(NetlinkMessage m, int familyId, AddressFamily serviceFamily)
            throws MalformedNetlinkMessageException {
        return destination(m, familyId, serviceFamily, true);
    }

    /**
     * @param serviceFamily the family of the service dumped, for kernels that do not send
     *                      IPVS_DEST_ATTR_ADDR_FAMILY (before Linux 3.18 a destination always had its service's)
     * @param withStats     false to skip decoding the traffic counters (then {@link IpvsStats#ZERO})
     */
    public static Destination destination(NetlinkMessage m, int familyId, AddressFamily serviceFamily, boolean withStats)
            throws MalformedNetlinkMessageException {
        Nest a = nested(m, familyId, IPVS_CMD_NEW_DEST, IPVS_CMD_ATTR_DEST, "IPVS_CMD_ATTR_DEST", IPVS_DEST_ATTR_TUN_FLAGS);
        try {
            AddressFamily family = a.has(IPVS_DEST_ATTR_ADDR_FAMILY)
                    ? AddressFamily.fromValue(a.u16(IPVS_DEST_ATTR_ADDR_FAMILY, "IPVS_DEST_ATTR_ADDR_FAMILY")) : serviceFamily;
            IpAddress address = a.address(IPVS_DEST_ATTR_ADDR, "IPVS_DEST_ATTR_ADDR", family);
            int port = a.be16(IPVS_DEST_ATTR_PORT, "IPVS_DEST_ATTR_PORT");
            ForwardingMethod method = ForwardingMethod.fromConnFlags(a.u32(IPVS_DEST_ATTR_FWD_METHOD, "IPVS_DEST_ATTR_FWD_METHOD"));
            int weight = a.u32(IPVS_DEST_ATTR_WEIGHT, "IPVS_DEST_ATTR_WEIGHT");
            int upper = a.u32(IPVS_DEST_ATTR_U_THRESH, "IPVS_DEST_ATTR_U_THRESH");
            int lower = a.u32(IPVS_DEST_ATTR_L_THRESH, "IPVS_DEST_ATTR_L_THRESH");
            // Tunnel attributes arrived in Linux 5.2; before that every tunnel was IPIP.
            TunnelOptions tunnel = method != ForwardingMethod.TUNNEL ? TunnelOptions.IPIP : new TunnelOptions(
                    TunnelType.fromValue(a.has(IPVS_DEST_ATTR_TUN_TYPE) ? a.u8(IPVS_DEST_ATTR_TUN_TYPE, "IPVS_DEST_ATTR_TUN_TYPE") : 0),
                    a.has(IPVS_DEST_ATTR_TUN_PORT) ? a.be16(IPVS_DEST_ATTR_TUN_PORT, "IPVS_DEST_ATTR_TUN_PORT") : 0,
                    a.has(IPVS_DEST_ATTR_TUN_FLAGS) ? a.u16(IPVS_DEST_ATTR_TUN_FLAGS, "IPVS_DEST_ATTR_TUN_FLAGS") : 0);
            IpvsDestination d = new IpvsDestination(address, port, method, weight, upper, lower, tunnel);
            DestinationCounters counters = new DestinationCounters(a.u32OrZero(IPVS_DEST_ATTR_ACTIVE_CONNS),
                    a.u32OrZero(IPVS_DEST_ATTR_INACT_CONNS), a.u32OrZero(IPVS_DEST_ATTR_PERSIST_CONNS));
            return new Destination(d, counters, withStats ? a.stats(IPVS_DEST_ATTR_STATS64, IPVS_DEST_ATTR_STATS) : IpvsStats.ZERO);
        } catch (IllegalArgumentException e) {
            throw new MalformedNetlinkMessageException("IPVS destination: " + e.getMessage());
        }
    }

    /** The IPVS_CMD_SET_INFO that answers IPVS_CMD_GET_INFO. */
    public static IpvsInfo info(NetlinkMessage m, int familyId) throws MalformedNetlinkMessageException {
        ByteBuffer p = requireCommand(m, familyId, IPVS_CMD_SET_INFO);
        Nest a = Nest.of(p, p.position() + Genetlink.GENL_HDRLEN, p.limit(), IPVS_INFO_ATTR_CONN_TAB_SIZE);
        return new IpvsInfo(a.u32(IPVS_INFO_ATTR_VERSION, "IPVS_INFO_ATTR_VERSION"),
                a.u32(IPVS_INFO_ATTR_CONN_TAB_SIZE, "IPVS_INFO_ATTR_CONN_TAB_SIZE"));
    }

    private static Nest nested(NetlinkMessage m, int familyId, int cmd, int attr, String name, int maxType)
            throws MalformedNetlinkMessageException {
        ByteBuffer p = requireCommand(m, familyId, cmd);
        Nest top = Nest.of(p, p.position() + Genetlink.GENL_HDRLEN, p.limit(), attr);
        if (!top.has(attr)) {
            throw new MalformedNetlinkMessageException("missing attribute " + attr + " (" + name + ")");
        }
        return top.nest(attr, maxType);
    }

    private static ByteBuffer requireCommand(NetlinkMessage m, int familyId, int cmd) throws MalformedNetlinkMessageException {
        if (m.type() != familyId) {
            throw new MalformedNetlinkMessageException("expected a message of the IPVS family (type " + familyId
                    + "), got type " + m.type());
        }
        ByteBuffer p = m.payload();
        int got = p.remaining() >= Genetlink.GENL_HDRLEN ? p.get(p.position()) & 0xff : -1;
        if (got != cmd) {
            throw new MalformedNetlinkMessageException("expected IPVS command " + cmd + ", got " + got);
        }
        return p;
    }

    /**
     * The attributes of one nest (or of a message after its family header), located in place:
     * {@code at[type]} is the offset of the last attribute of that type (as nla_parse keeps the
     * last), -1 when absent. Types above {@code maxType} are skipped.
     */
    private static final class Nest {
        private final ByteBuffer b;
        private final int[] at;

        private Nest(ByteBuffer b, int[] at) {
            this.b = b;
            this.at = at;
        }

        static Nest of(ByteBuffer b, int from, int to, int maxType) throws MalformedNetlinkMessageException {
            int[] at = new int[maxType + 1];
            Arrays.fill(at, -1);
            int pos = from;
            while (to - pos >= Netlink.NLA_HDRLEN) {
                int len = b.getShort(pos) & 0xffff;
                int type = b.getShort(pos + 2) & Netlink.NLA_TYPE_MASK;
                if (len < Netlink.NLA_HDRLEN || len > to - pos) {
                    throw new MalformedNetlinkMessageException("attribute type " + type + " at offset " + pos
                            + " has length " + len + " with " + (to - pos) + " bytes left");
                }
                if (type <= maxType) {
                    at[type] = pos;
                }
                pos += Math.min(Netlink.align(len), to - pos);
            }
            if (pos != to) {
                throw new MalformedNetlinkMessageException((to - pos) + " trailing bytes after the last attribute");
            }
            return new Nest(b, at);
        }

        boolean has(int type) {
            return type < at.length && at[type] >= 0;
        }

        /** The value's offset, after checking it has at least {@code bytes}. */
        private int value(int type, String name, int bytes) throws MalformedNetlinkMessageException {
            if (!has(type)) {
                throw new MalformedNetlinkMessageException("missing attribute " + type + " (" + name + ")");
            }
            int len = (b.getShort(at[type]) & 0xffff) - Netlink.NLA_HDRLEN;
            if (len < bytes) {
                throw new MalformedNetlinkMessageException(name + " has " + len + " bytes, expected at least " + bytes);
            }
            return at[type] + Netlink.NLA_HDRLEN;
        }

        private int length(int type) {
            return (b.getShort(at[type]) & 0xffff) - Netlink.NLA_HDRLEN;
        }

        int u8(int type, String name) throws MalformedNetlinkMessageException {
            return b.get(value(type, name, 1)) & 0xff;
        }

        int u16(int type, String name) throws MalformedNetlinkMessageException {
            return b.getShort(value(type, name, 2)) & 0xffff;
        }

        int u32(int type, String name) throws MalformedNetlinkMessageException {
            return b.getInt(value(type, name, 4));
        }

        long u32OrZero(int type) throws MalformedNetlinkMessageException {
            return has(type) ? Integer.toUnsignedLong(u32(type, "attribute " + type)) : 0;
        }

        int be16(int type, String name) throws MalformedNetlinkMessageException {
            int v = value(type, name, 2);
            return ((b.get(v) & 0xff) << 8) | (b.get(v + 1) & 0xff);
        }

        int be32(int type, String name) throws MalformedNetlinkMessageException {
            int v = value(type, name, 4);
            return ((b.get(v) & 0xff) << 24) | ((b.get(v + 1) & 0xff) << 16) | ((b.get(v + 2) & 0xff) << 8) | (b.get(v + 3) & 0xff);
        }

        /** The first 4 or 16 bytes of a union nf_inet_addr. */
        IpAddress address(int type, String name, AddressFamily family) throws MalformedNetlinkMessageException {
            int v = value(type, name, family.addressLength());
            byte[] raw = new byte[family.addressLength()];
            b.get(v, raw);
            return IpAddress.ofBytes(raw);
        }

        /** A NUL-terminated string; stops at the first NUL. */
        String string(int type, String name) throws MalformedNetlinkMessageException {
            int v = value(type, name, 0);
            int len = length(type);
            int end = 0;
            while (end < len && b.get(v + end) != 0) {
                end++;
            }
            byte[] raw = new byte[end];
            b.get(v, raw);
            return new String(raw, StandardCharsets.UTF_8);
        }

        Nest nest(int type, int maxType) throws MalformedNetlinkMessageException {
            int v = value(type, "attribute " + type, 0);
            return of(b, v, v + length(type), maxType);
        }

        /** The 64-bit counters when present, else the older ones; zero when the kernel sent neither. */
        IpvsStats stats(int stats64, int stats32) throws MalformedNetlinkMessageException {
            int type = has(stats64) ? stats64 : has(stats32) ? stats32 : -1;
            if (type < 0) {
                return IpvsStats.ZERO;
            }
            Nest s = nest(type, IpvsStats.IPVS_STATS_ATTR_OUTBPS);
            long[] v = new long[IpvsStats.IPVS_STATS_ATTR_OUTBPS + 1];
            for (int t = 1; t < v.length; t++) {
                if (s.has(t)) {
                    v[t] = s.length(t) >= 8 ? b.getLong(s.value(t, "statistic " + t, 8))
                            : Integer.toUnsignedLong(s.u32(t, "statistic " + t));
                }
            }
            return new IpvsStats(v[IpvsStats.IPVS_STATS_ATTR_CONNS], v[IpvsStats.IPVS_STATS_ATTR_INPKTS],
                    v[IpvsStats.IPVS_STATS_ATTR_OUTPKTS], v[IpvsStats.IPVS_STATS_ATTR_INBYTES],
                    v[IpvsStats.IPVS_STATS_ATTR_OUTBYTES], v[IpvsStats.IPVS_STATS_ATTR_CPS],
                    v[IpvsStats.IPVS_STATS_ATTR_INPPS], v[IpvsStats.IPVS_STATS_ATTR_OUTPPS],
                    v[IpvsStats.IPVS_STATS_ATTR_INBPS], v[IpvsStats.IPVS_STATS_ATTR_OUTBPS]);
        }
    }
}
