package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;

/**
 * Encodes and decodes rtnetlink link messages: {@code struct ifinfomsg}
 * ({@code include/uapi/linux/rtnetlink.h}) and the IFLA_* attributes we read
 * ({@code include/uapi/linux/if_link.h}). Pure; {@link RtNetlink} sends them.
 */
public final class LinkMessages {
    private LinkMessages() {}

    /** RTM_GETLINK for one link by name (IFLA_IFNAME); the kernel answers ENODEV if there is none. */
    public static NetlinkMessageBuilder getLinkByName(String name) {
        NetlinkMessageBuilder b = header(0);
        b.attributeString(IfLink.IFLA_IFNAME, name);
        b.attributeU32(IfLink.IFLA_EXT_MASK, IfLink.RTEXT_FILTER_SKIP_STATS);
        return b;
    }

    /** RTM_GETLINK for one link by index. */
    public static NetlinkMessageBuilder getLinkByIndex(int index) {
        NetlinkMessageBuilder b = header(index);
        b.attributeU32(IfLink.IFLA_EXT_MASK, IfLink.RTEXT_FILTER_SKIP_STATS);
        return b;
    }

    /** RTM_GETLINK dump of every link, without statistics (which triple the size). */
    public static NetlinkMessageBuilder dumpLinks() {
        NetlinkMessageBuilder b = header(0);
        b.attributeU32(IfLink.IFLA_EXT_MASK, IfLink.RTEXT_FILTER_SKIP_STATS);
        return b;
    }

    /** Decodes an RTM_NEWLINK or RTM_DELLINK message. */
    public static Link decode(NetlinkMessage message) throws MalformedNetlinkMessageException {
        ByteBuffer p = message.payload();
        if (p.remaining() < IfLink.IFINFOMSG_SIZE) {
            throw new MalformedNetlinkMessageException("link message of " + p.remaining()
                    + " bytes is shorter than struct ifinfomsg");
        }
        int index = p.getInt(4);
        int flags = p.getInt(8);
        NetlinkAttributes attrs = message.attributes(IfLink.IFINFOMSG_SIZE);
        String name = attrs.find(IfLink.IFLA_IFNAME).map(NetlinkAttribute::string).orElse("");
        OperState state = OperState.UNKNOWN;
        if (attrs.contains(IfLink.IFLA_OPERSTATE)) {
            state = OperState.of(attrs.find(IfLink.IFLA_OPERSTATE).get().u8());
        }
        int mtu = 0;
        if (attrs.contains(IfLink.IFLA_MTU)) {
            mtu = attrs.find(IfLink.IFLA_MTU).get().u32();
        }
        return new Link(index, name, flags, state, mtu);
    }

    private static NetlinkMessageBuilder header(int index) {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Rtnetlink.RTM_GETLINK, Netlink.NLM_F_REQUEST);
        // struct ifinfomsg: family AF_UNSPEC, pad, type, index, flags, change
        b.putU8(Rtnetlink.AF_UNSPEC).putU8(0).putU16(0).putU32(index).putU32(0).putU32(0);
        return b;
    }
}
