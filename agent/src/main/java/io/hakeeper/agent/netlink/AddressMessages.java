package io.hakeeper.agent.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes rtnetlink address messages: {@code struct ifaddrmsg} and its IFA_*
 * attributes ({@code include/uapi/linux/if_addr.h}). Pure, so the bytes can be tested without a
 * socket; {@link RtNetlink} sends them.
 */
public final class AddressMessages {
    private AddressMessages() {}

    /**
     * RTM_NEWADDR for {@code spec} with {@code lifetime}. {@code nlmFlags} picks the semantics:
     * NLM_F_CREATE|NLM_F_EXCL to add (EEXIST if present), NLM_F_REPLACE to renew.
     *
     * <p>Both IFA_LOCAL and IFA_ADDRESS carry the address, as iproute2 sends them for an address
     * without a peer; the kernel takes the prefix from IFA_ADDRESS and the local address from
     * IFA_LOCAL.
     */
    public static NetlinkMessageBuilder newAddress(AddressSpec spec, AddressLifetime lifetime, int nlmFlags) {
        if (lifetime.validSeconds() == 0) {
            throw new IllegalArgumentException("valid lifetime 0 for " + spec
                    + ": the kernel rejects it (EINVAL); delete the address instead");
        }
        if (lifetime.preferredSeconds() > lifetime.validSeconds()) {
            throw new IllegalArgumentException("preferred lifetime " + lifetime.preferredSeconds()
                    + "s exceeds valid lifetime " + lifetime.validSeconds() + "s for " + spec
                    + ": the kernel rejects that (EINVAL)");
        }
        int flags = spec.noDad() && spec.family() == Rtnetlink.AF_INET6 ? IfAddr.IFA_F_NODAD : 0;
        NetlinkMessageBuilder b = header(Rtnetlink.RTM_NEWADDR, Netlink.NLM_F_REQUEST | nlmFlags, spec, flags);
        byte[] address = spec.address().getAddress();
        b.attribute(IfAddr.IFA_LOCAL, address);
        b.attribute(IfAddr.IFA_ADDRESS, address);
        if (spec.label() != null) {
            b.attributeString(IfAddr.IFA_LABEL, spec.label());
        }
        if (spec.broadcast() != null) {
            b.attribute(IfAddr.IFA_BROADCAST, spec.broadcast().getAddress());
        }
        // IFA_FLAGS overrides the u8 ifa_flags and carries flags above 0x80 (kernel 3.14+).
        b.attributeU32(IfAddr.IFA_FLAGS, flags);
        // struct ifa_cacheinfo: the kernel reads only ifa_prefered and ifa_valid on input.
        b.attribute(IfAddr.IFA_CACHEINFO, cacheInfo(lifetime));
        return b;
    }

    /** RTM_DELADDR for {@code spec}: matched by local address and prefix length. */
    public static NetlinkMessageBuilder deleteAddress(AddressSpec spec) {
        NetlinkMessageBuilder b = header(Rtnetlink.RTM_DELADDR, Netlink.NLM_F_REQUEST, spec, 0);
        byte[] address = spec.address().getAddress();
        b.attribute(IfAddr.IFA_LOCAL, address);
        b.attribute(IfAddr.IFA_ADDRESS, address);
        return b;
    }

    /**
     * RTM_GETADDR dump request for one family (or AF_UNSPEC for both) and, when
     * {@code interfaceIndex > 0}, one link. The kernel filters by index only on sockets with
     * NETLINK_GET_STRICT_CHK (5.0+); {@link RtNetlink} filters again on its side.
     */
    public static NetlinkMessageBuilder dumpAddresses(int family, int interfaceIndex) {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Rtnetlink.RTM_GETADDR, Netlink.NLM_F_REQUEST);
        b.putU8(family).putU8(0).putU8(0).putU8(0).putU32(Math.max(0, interfaceIndex));
        return b;
    }

    /**
     * Whether an address message is IPv4 or IPv6, the families {@link #decode} reads. A dump for
     * AF_UNSPEC may carry others (e.g. AF_MCTP) that callers should skip.
     */
    public static boolean isInet(NetlinkMessage message) {
        ByteBuffer p = message.payload();
        if (!p.hasRemaining()) {
            return false;
        }
        int family = p.get(0) & 0xff;
        return family == Rtnetlink.AF_INET || family == Rtnetlink.AF_INET6;
    }

    /**
     * Decodes an RTM_NEWADDR or RTM_DELADDR message.
     *
     * @throws MalformedNetlinkMessageException if it is truncated, has an unknown family, or lacks
     *                                          an address of the right length
     */
    public static InterfaceAddress decode(NetlinkMessage message) throws MalformedNetlinkMessageException {
        ByteBuffer p = message.payload();
        if (p.remaining() < IfAddr.IFADDRMSG_SIZE) {
            throw new MalformedNetlinkMessageException("address message of " + p.remaining()
                    + " bytes is shorter than struct ifaddrmsg");
        }
        int family = p.get(0) & 0xff;
        int prefixLength = p.get(1) & 0xff;
        int flags = p.get(2) & 0xff;
        int scope = p.get(3) & 0xff;
        int index = p.getInt(4);
        int addressLength;
        if (family == Rtnetlink.AF_INET) {
            addressLength = 4;
        } else if (family == Rtnetlink.AF_INET6) {
            addressLength = 16;
        } else {
            throw new MalformedNetlinkMessageException("address message with unknown family " + family);
        }
        NetlinkAttributes attrs = message.attributes(IfAddr.IFADDRMSG_SIZE);
        NetlinkAttribute local = attrs.find(IfAddr.IFA_LOCAL).orElse(null);
        if (local == null) {
            local = attrs.require(IfAddr.IFA_ADDRESS, "IFA_ADDRESS");
        }
        InetAddress address = inetAddress(local, family, addressLength);
        InetAddress broadcast = null;
        if (attrs.contains(IfAddr.IFA_BROADCAST)) {
            broadcast = inetAddress(attrs.find(IfAddr.IFA_BROADCAST).get(), family, addressLength);
        }
        String label = attrs.find(IfAddr.IFA_LABEL).map(NetlinkAttribute::string).orElse("");
        if (attrs.contains(IfAddr.IFA_FLAGS)) {
            flags = attrs.find(IfAddr.IFA_FLAGS).get().u32();
        }
        AddressLifetime remaining = AddressLifetime.FOREVER;
        if (attrs.contains(IfAddr.IFA_CACHEINFO)) {
            NetlinkAttribute ci = attrs.find(IfAddr.IFA_CACHEINFO).get();
            if (ci.length() < IfAddr.IFA_CACHEINFO_SIZE) {
                throw new MalformedNetlinkMessageException("IFA_CACHEINFO of " + ci.length()
                        + " bytes, expected " + IfAddr.IFA_CACHEINFO_SIZE);
            }
            ByteBuffer v = ci.value();
            long preferred = Integer.toUnsignedLong(v.getInt(0));
            long valid = Integer.toUnsignedLong(v.getInt(4));
            remaining = new AddressLifetime(valid, preferred);
        }
        return new InterfaceAddress(index, address, prefixLength, label, broadcast, new AddressScope(scope),
                flags, remaining);
    }

    static byte[] cacheInfo(AddressLifetime lifetime) {
        ByteBuffer ci = ByteBuffer.allocate(IfAddr.IFA_CACHEINFO_SIZE).order(java.nio.ByteOrder.nativeOrder());
        ci.putInt(0, (int) lifetime.preferredSeconds()); // ifa_prefered
        ci.putInt(4, (int) lifetime.validSeconds());     // ifa_valid
        return ci.array();                               // cstamp, tstamp: output only
    }

    private static NetlinkMessageBuilder header(int type, int flags, AddressSpec spec, int ifaFlags) {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(type, flags);
        // struct ifaddrmsg
        b.putU8(spec.family()).putU8(spec.prefixLength()).putU8(ifaFlags & 0xff).putU8(spec.scope().value())
                .putU32(spec.interfaceIndex());
        return b;
    }

    private static InetAddress inetAddress(NetlinkAttribute attr, int family, int length)
            throws MalformedNetlinkMessageException {
        if (attr.length() != length) {
            throw new MalformedNetlinkMessageException("address attribute " + attr.type() + " has " + attr.length()
                    + " bytes, expected " + length + " for family " + family);
        }
        try {
            // Inet6Address.getByAddress keeps an IPv4-mapped IPv6 address IPv6; InetAddress would not.
            return length == 4 ? Inet4Address.getByAddress(attr.bytes())
                    : Inet6Address.getByAddress(null, attr.bytes(), -1);
        } catch (UnknownHostException e) {
            throw new MalformedNetlinkMessageException("bad address bytes: " + e.getMessage());
        }
    }
}
