package io.hakeeper.agent.ipvs;

/**
 * Generic netlink constants, named and numbered as include/uapi/linux/genetlink.h defines them.
 * A generic netlink message is a nlmsghdr whose type is the family's id, then a
 * {@code struct genlmsghdr}, then attributes. Only the controller's family lookup is used here.
 */
public final class Genetlink {

    private Genetlink() {
    }

    /** GENL_NAMSIZ: a family name has at most 15 bytes plus the NUL. */
    public static final int GENL_NAMSIZ = 16;

    /**
     * GENL_HDRLEN = NLMSG_ALIGN(sizeof(struct genlmsghdr)): {@code u8 cmd; u8 version; u16 reserved}.
     */
    public static final int GENL_HDRLEN = 4;

    /** GENL_ID_CTRL = NLMSG_MIN_TYPE: the controller's fixed family id. */
    public static final int GENL_ID_CTRL = 0x10;

    /**
     * The version we put in controller requests. The kernel does not check it; libnl's
     * genl_ctrl_resolve sends 1, and so do we.
     */
    public static final int CTRL_REQUEST_VERSION = 1;

    // Controller commands (enum CTRL_CMD_*).
    /** CTRL_CMD_NEWFAMILY: the reply to CTRL_CMD_GETFAMILY. */
    public static final int CTRL_CMD_NEWFAMILY = 1;
    /** CTRL_CMD_GETFAMILY: look a family up by CTRL_ATTR_FAMILY_NAME or CTRL_ATTR_FAMILY_ID. */
    public static final int CTRL_CMD_GETFAMILY = 3;

    // Controller attributes (enum CTRL_ATTR_*).
    /** CTRL_ATTR_FAMILY_ID: u16, the nlmsg_type to send the family's requests with. */
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    /** CTRL_ATTR_FAMILY_NAME: NUL-terminated string. */
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    /** CTRL_ATTR_VERSION: u32, the family's own protocol version (IPVS_GENL_VERSION for IPVS). */
    public static final int CTRL_ATTR_VERSION = 3;
    /** CTRL_ATTR_HDRSIZE: u32, the family's user header after genlmsghdr (0 for IPVS). */
    public static final int CTRL_ATTR_HDRSIZE = 4;
    /** CTRL_ATTR_MAXATTR: u32, the family's highest first-level attribute. */
    public static final int CTRL_ATTR_MAXATTR = 5;
}
