package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A decoded run of {@code struct nlattr}s, in the order they appeared.
 *
 * <p>Lookups return the last attribute of a type, as the kernel's nla_parse does.
 */
public final class NetlinkAttributes {
    private final List<NetlinkAttribute> attributes;

    private NetlinkAttributes(List<NetlinkAttribute> attributes) {
        this.attributes = Collections.unmodifiableList(attributes);
    }

    /**
     * Decodes attributes from {@code region}'s position to its limit. Each attribute is a 4-byte
     * header (u16 nla_len including the header, u16 nla_type) and a value padded to 4 bytes. The
     * last attribute's padding may be missing.
     *
     * @throws MalformedNetlinkMessageException if a length is below 4 or runs past the region
     */
    public static NetlinkAttributes decode(ByteBuffer region) throws MalformedNetlinkMessageException {
        ByteBuffer buf = region.duplicate().order(ByteOrder.nativeOrder());
        List<NetlinkAttribute> out = new ArrayList<>();
        int pos = buf.position();
        int end = buf.limit();
        while (end - pos >= Netlink.NLA_HDRLEN) {
            int len = buf.getShort(pos) & 0xffff;
            int rawType = buf.getShort(pos + 2) & 0xffff;
            if (len < Netlink.NLA_HDRLEN) {
                throw new MalformedNetlinkMessageException("attribute at offset " + pos + " has length " + len
                        + ", below the 4-byte header");
            }
            if (len > end - pos) {
                throw new MalformedNetlinkMessageException("attribute type " + (rawType & Netlink.NLA_TYPE_MASK)
                        + " at offset " + pos + " claims " + len + " bytes but only " + (end - pos) + " remain");
            }
            ByteBuffer value = buf.duplicate();
            value.limit(pos + len).position(pos + Netlink.NLA_HDRLEN);
            out.add(new NetlinkAttribute(rawType & Netlink.NLA_TYPE_MASK,
                    (rawType & Netlink.NLA_F_NESTED) != 0, value));
            pos += Math.min(Netlink.align(len), end - pos);
        }
        if (pos != end) {
            throw new MalformedNetlinkMessageException((end - pos) + " trailing bytes after the last attribute");
        }
        return new NetlinkAttributes(out);
    }

    public List<NetlinkAttribute> all() {
        return attributes;
    }

    public Optional<NetlinkAttribute> find(int type) {
        for (int i = attributes.size() - 1; i >= 0; i--) {
            if (attributes.get(i).type() == type) {
                return Optional.of(attributes.get(i));
            }
        }
        return Optional.empty();
    }

    public boolean contains(int type) {
        return find(type).isPresent();
    }

    /** The attribute of {@code type}, or an exception naming what is missing. */
    public NetlinkAttribute require(int type, String what) throws MalformedNetlinkMessageException {
        return find(type).orElseThrow(() -> new MalformedNetlinkMessageException(
                "missing attribute " + type + " (" + what + ")"));
    }

    public int size() {
        return attributes.size();
    }
}
