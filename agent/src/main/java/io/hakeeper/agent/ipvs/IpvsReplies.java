package io.hakeeper.agent.ipvs;

import static io.hakeeper.agent.ipvs.IpvsGenl.*;

import io.hakeeper.agent.netlink.MalformedNetlinkMessageException;
import io.hakeeper.agent.netlink.NetlinkAttribute;
import io.hakeeper.agent.netlink.NetlinkAttributes;
import io.hakeeper.agent.netlink.NetlinkMessage;
import java.util.Optional;

/**
 * Decodes what the kernel sends back on the IPVS family (net/netfilter/ipvs/ip_vs_ctl.c:
 * ip_vs_genl_fill_service, ip_vs_genl_fill_dest, ip_vs_genl_get_cmd). Pure. Byte orders as in
 * {@link IpvsMessages}. Anything that does not fit the header raises
 * {@link MalformedNetlinkMessageException}, naming the attribute.
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
        NetlinkAttributes a = nested(m, familyId, IPVS_CMD_NEW_SERVICE, IPVS_CMD_ATTR_SERVICE, "IPVS_CMD_ATTR_SERVICE");
        try {
            AddressFamily family = AddressFamily.fromValue(a.require(IPVS_SVC_ATTR_AF, "IPVS_SVC_ATTR_AF").u16());
            Optional<NetlinkAttribute> fwmark = a.find(IPVS_SVC_ATTR_FWMARK);
            IpvsServiceKey key;
            if (fwmark.isPresent() && fwmark.get().u32() != 0) {
                key = new IpvsServiceKey.Fwmark(family, fwmark.get().u32());
            } else {
                IpvsProtocol protocol = IpvsProtocol.fromNumber(a.require(IPVS_SVC_ATTR_PROTOCOL, "IPVS_SVC_ATTR_PROTOCOL").u16());
                IpAddress address = address(a.require(IPVS_SVC_ATTR_ADDR, "IPVS_SVC_ATTR_ADDR"), family);
                key = new IpvsServiceKey.Address(protocol, address, be16(a.require(IPVS_SVC_ATTR_PORT, "IPVS_SVC_ATTR_PORT")));
            }
            String scheduler = a.require(IPVS_SVC_ATTR_SCHED_NAME, "IPVS_SVC_ATTR_SCHED_NAME").string();
            // struct ip_vs_flags: the first u32 is the flags; the kernel sends mask ~0.
            int flags = a.require(IPVS_SVC_ATTR_FLAGS, "IPVS_SVC_ATTR_FLAGS").u32();
            int timeout = a.require(IPVS_SVC_ATTR_TIMEOUT, "IPVS_SVC_ATTR_TIMEOUT").u32();
            NetlinkAttribute mask = a.require(IPVS_SVC_ATTR_NETMASK, "IPVS_SVC_ATTR_NETMASK");
            int netmask = family == AddressFamily.INET ? be32(mask) : mask.u32();
            IpvsService service = new IpvsService(key, scheduler, flags, timeout, netmask);
            return new Service(service, withStats ? stats(a, IPVS_SVC_ATTR_STATS64, IPVS_SVC_ATTR_STATS) : IpvsStats.ZERO);
        } catch (IllegalArgumentException e) {
            throw new MalformedNetlinkMessageException("IPVS service: " + e.getMessage());
        }
    }

    /**
     * @param serviceFamily the family of the service dumped, for kernels that do not send
     *                      IPVS_DEST_ATTR_ADDR_FAMILY (before Linux 3.18 a destination always had its service's)
     */
    public static Destination destination(NetlinkMessage m, int familyId, AddressFamily serviceFamily)
            throws MalformedNetlinkMessageException {
        return destination(m, familyId, serviceFamily, true);
    }

    /** @param withStats false to skip decoding the traffic counters (then {@link IpvsStats#ZERO}) */
    public static Destination destination(NetlinkMessage m, int familyId, AddressFamily serviceFamily, boolean withStats)
            throws MalformedNetlinkMessageException {
        NetlinkAttributes a = nested(m, familyId, IPVS_CMD_NEW_DEST, IPVS_CMD_ATTR_DEST, "IPVS_CMD_ATTR_DEST");
        try {
            Optional<NetlinkAttribute> af = a.find(IPVS_DEST_ATTR_ADDR_FAMILY);
            AddressFamily family = af.isPresent() ? AddressFamily.fromValue(af.get().u16()) : serviceFamily;
            IpAddress address = address(a.require(IPVS_DEST_ATTR_ADDR, "IPVS_DEST_ATTR_ADDR"), family);
            int port = be16(a.require(IPVS_DEST_ATTR_PORT, "IPVS_DEST_ATTR_PORT"));
            ForwardingMethod method = ForwardingMethod.fromConnFlags(
                    a.require(IPVS_DEST_ATTR_FWD_METHOD, "IPVS_DEST_ATTR_FWD_METHOD").u32());
            int weight = a.require(IPVS_DEST_ATTR_WEIGHT, "IPVS_DEST_ATTR_WEIGHT").u32();
            int upper = a.require(IPVS_DEST_ATTR_U_THRESH, "IPVS_DEST_ATTR_U_THRESH").u32();
            int lower = a.require(IPVS_DEST_ATTR_L_THRESH, "IPVS_DEST_ATTR_L_THRESH").u32();
            // Tunnel attributes arrived in Linux 5.2; before that every tunnel was IPIP.
            Optional<NetlinkAttribute> tunType = a.find(IPVS_DEST_ATTR_TUN_TYPE);
            Optional<NetlinkAttribute> tunPort = a.find(IPVS_DEST_ATTR_TUN_PORT);
            Optional<NetlinkAttribute> tunFlags = a.find(IPVS_DEST_ATTR_TUN_FLAGS);
            TunnelOptions tunnel = new TunnelOptions(
                    TunnelType.fromValue(tunType.isPresent() ? tunType.get().u8() : 0),
                    tunPort.isPresent() ? be16(tunPort.get()) : 0,
                    tunFlags.isPresent() ? tunFlags.get().u16() : 0);
            IpvsDestination d = new IpvsDestination(address, port, method, weight, upper, lower, tunnel);
            DestinationCounters counters = new DestinationCounters(
                    u32(a, IPVS_DEST_ATTR_ACTIVE_CONNS), u32(a, IPVS_DEST_ATTR_INACT_CONNS),
                    u32(a, IPVS_DEST_ATTR_PERSIST_CONNS));
            return new Destination(d, counters,
                    withStats ? stats(a, IPVS_DEST_ATTR_STATS64, IPVS_DEST_ATTR_STATS) : IpvsStats.ZERO);
        } catch (IllegalArgumentException e) {
            throw new MalformedNetlinkMessageException("IPVS destination: " + e.getMessage());
        }
    }

    /** The IPVS_CMD_SET_INFO that answers IPVS_CMD_GET_INFO. */
    public static IpvsInfo info(NetlinkMessage m, int familyId) throws MalformedNetlinkMessageException {
        requireCommand(m, familyId, IPVS_CMD_SET_INFO);
        NetlinkAttributes a = m.attributes(Genetlink.GENL_HDRLEN);
        return new IpvsInfo(a.require(IPVS_INFO_ATTR_VERSION, "IPVS_INFO_ATTR_VERSION").u32(),
                a.require(IPVS_INFO_ATTR_CONN_TAB_SIZE, "IPVS_INFO_ATTR_CONN_TAB_SIZE").u32());
    }

    private static NetlinkAttributes nested(NetlinkMessage m, int familyId, int cmd, int attr, String name)
            throws MalformedNetlinkMessageException {
        requireCommand(m, familyId, cmd);
        return m.attributes(Genetlink.GENL_HDRLEN).require(attr, name).nestedAttributes();
    }

    private static void requireCommand(NetlinkMessage m, int familyId, int cmd) throws MalformedNetlinkMessageException {
        if (m.type() != familyId) {
            throw new MalformedNetlinkMessageException("expected a message of the IPVS family (type " + familyId
                    + "), got type " + m.type());
        }
        int got = m.payload().remaining() >= Genetlink.GENL_HDRLEN ? m.payload().get(0) & 0xff : -1;
        if (got != cmd) {
            throw new MalformedNetlinkMessageException("expected IPVS command " + cmd + ", got " + got);
        }
    }

    /** The 64-bit counters when present, else the older ones; zero when the kernel sent neither. */
    private static IpvsStats stats(NetlinkAttributes a, int stats64, int stats32) throws MalformedNetlinkMessageException {
        Optional<NetlinkAttribute> nest = a.find(stats64).or(() -> a.find(stats32));
        if (nest.isEmpty()) {
            return IpvsStats.ZERO;
        }
        long[] v = new long[IpvsStats.IPVS_STATS_ATTR_OUTBPS + 1];
        for (NetlinkAttribute s : nest.get().nestedAttributes().all()) {
            if (s.type() < 1 || s.type() > IpvsStats.IPVS_STATS_ATTR_OUTBPS) {
                continue; // IPVS_STATS_ATTR_PAD, or one added after this was written
            }
            v[s.type()] = s.length() >= 8 ? s.u64() : Integer.toUnsignedLong(s.u32());
        }
        return new IpvsStats(v[IpvsStats.IPVS_STATS_ATTR_CONNS], v[IpvsStats.IPVS_STATS_ATTR_INPKTS],
                v[IpvsStats.IPVS_STATS_ATTR_OUTPKTS], v[IpvsStats.IPVS_STATS_ATTR_INBYTES],
                v[IpvsStats.IPVS_STATS_ATTR_OUTBYTES], v[IpvsStats.IPVS_STATS_ATTR_CPS],
                v[IpvsStats.IPVS_STATS_ATTR_INPPS], v[IpvsStats.IPVS_STATS_ATTR_OUTPPS],
                v[IpvsStats.IPVS_STATS_ATTR_INBPS], v[IpvsStats.IPVS_STATS_ATTR_OUTBPS]);
    }

    private static long u32(NetlinkAttributes a, int type) throws MalformedNetlinkMessageException {
        Optional<NetlinkAttribute> attr = a.find(type);
        return attr.isPresent() ? Integer.toUnsignedLong(attr.get().u32()) : 0;
    }

    /** The first 4 or 16 bytes of a union nf_inet_addr. */
    private static IpAddress address(NetlinkAttribute attr, AddressFamily family) throws MalformedNetlinkMessageException {
        byte[] raw = attr.bytes();
        if (raw.length < family.addressLength()) {
            throw new MalformedNetlinkMessageException("address attribute " + attr.type() + " has " + raw.length
                    + " bytes, too few for " + family);
        }
        byte[] address = new byte[family.addressLength()];
        System.arraycopy(raw, 0, address, 0, address.length);
        return IpAddress.ofBytes(address);
    }

    private static int be16(NetlinkAttribute attr) throws MalformedNetlinkMessageException {
        byte[] b = attr.bytes();
        if (b.length < 2) {
            throw new MalformedNetlinkMessageException("port attribute " + attr.type() + " has " + b.length + " bytes");
        }
        return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    }

    private static int be32(NetlinkAttribute attr) throws MalformedNetlinkMessageException {
        byte[] b = attr.bytes();
        if (b.length < 4) {
            throw new MalformedNetlinkMessageException("attribute " + attr.type() + " has " + b.length + " bytes");
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }
}
