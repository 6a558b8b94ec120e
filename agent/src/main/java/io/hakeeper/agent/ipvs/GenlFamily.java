package io.hakeeper.agent.ipvs;

import io.hakeeper.agent.netlink.MalformedNetlinkMessageException;
import io.hakeeper.agent.netlink.Netlink;
import io.hakeeper.agent.netlink.NetlinkAttributes;
import io.hakeeper.agent.netlink.NetlinkMessage;
import io.hakeeper.agent.netlink.NetlinkMessageBuilder;
import java.nio.charset.StandardCharsets;

/**
 * A generic netlink family as the controller describes it (include/uapi/linux/genetlink.h,
 * CTRL_CMD_GETFAMILY), and the pure encoding of that lookup.
 *
 * @param id         CTRL_ATTR_FAMILY_ID: the nlmsg_type of every request to the family
 * @param name       CTRL_ATTR_FAMILY_NAME
 * @param version    CTRL_ATTR_VERSION: the family's protocol version
 * @param headerSize CTRL_ATTR_HDRSIZE: bytes of family header after genlmsghdr (0 when absent)
 * @param maxAttr    CTRL_ATTR_MAXATTR: highest first-level attribute (0 when absent)
 */
public record GenlFamily(int id, String name, int version, int headerSize, int maxAttr) {

    /** CTRL_CMD_GETFAMILY for {@code name}: one request, answered by one CTRL_CMD_NEWFAMILY or an error. */
    public static NetlinkMessageBuilder lookup(String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= Genetlink.GENL_NAMSIZ) {
            throw new IllegalArgumentException("generic netlink family name '" + name + "' must have 1-"
                    + (Genetlink.GENL_NAMSIZ - 1) + " bytes (GENL_NAMSIZ)");
        }
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Genetlink.GENL_ID_CTRL, Netlink.NLM_F_REQUEST);
        b.putU8(Genetlink.CTRL_CMD_GETFAMILY).putU8(Genetlink.CTRL_REQUEST_VERSION).putU16(0); // struct genlmsghdr
        b.attributeString(Genetlink.CTRL_ATTR_FAMILY_NAME, name);
        return b;
    }

    /** Decodes the controller's CTRL_CMD_NEWFAMILY reply. */
    public static GenlFamily decode(NetlinkMessage m) throws MalformedNetlinkMessageException {
        if (m.type() != Genetlink.GENL_ID_CTRL) {
            throw new MalformedNetlinkMessageException("expected a reply from the generic netlink controller (type "
                    + Genetlink.GENL_ID_CTRL + "), got type " + m.type());
        }
        int cmd = m.payload().remaining() > 0 ? m.payload().get(0) & 0xff : -1;
        if (cmd != Genetlink.CTRL_CMD_NEWFAMILY) {
            throw new MalformedNetlinkMessageException("expected CTRL_CMD_NEWFAMILY (" + Genetlink.CTRL_CMD_NEWFAMILY
                    + ") from the controller, got command " + cmd);
        }
        NetlinkAttributes a = m.attributes(Genetlink.GENL_HDRLEN);
        int id = a.require(Genetlink.CTRL_ATTR_FAMILY_ID, "CTRL_ATTR_FAMILY_ID").u16();
        String name = a.require(Genetlink.CTRL_ATTR_FAMILY_NAME, "CTRL_ATTR_FAMILY_NAME").string();
        int version = a.require(Genetlink.CTRL_ATTR_VERSION, "CTRL_ATTR_VERSION").u32();
        int header = a.find(Genetlink.CTRL_ATTR_HDRSIZE).isPresent() ? a.find(Genetlink.CTRL_ATTR_HDRSIZE).get().u32() : 0;
        int maxAttr = a.find(Genetlink.CTRL_ATTR_MAXATTR).isPresent() ? a.find(Genetlink.CTRL_ATTR_MAXATTR).get().u32() : 0;
        return new GenlFamily(id, name, version, header, maxAttr);
    }
}
