package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One {@code struct nlattr} and its value (without header or padding).
 *
 * @param type   nla_type with the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits removed
 * @param nested whether the sender set NLA_F_NESTED (many kernel families nest without setting it)
 * @param value  the value bytes, read-only, host byte order
 */
public record NetlinkAttribute(int type, boolean nested, ByteBuffer value) {

    public NetlinkAttribute {
        value = value.slice().asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** A fresh read-only view of the value in host byte order. */
    @Override
    public ByteBuffer value() {
        return value.duplicate().order(ByteOrder.nativeOrder());
    }

    public int length() {
        return value.remaining();
    }

    public int u8() throws MalformedNetlinkMessageException {
        requireLength(1);
        return value.get(0) & 0xff;
    }

    public int u16() throws MalformedNetlinkMessageException {
        requireLength(2);
        return value().getShort(0) & 0xffff;
    }

    /** An unsigned 32-bit value in host order, returned in an int (use Integer.toUnsignedLong). */
    public int u32() throws MalformedNetlinkMessageException {
        requireLength(4);
        return value().getInt(0);
    }

    public long u64() throws MalformedNetlinkMessageException {
        requireLength(8);
        return value().getLong(0);
    }

    public byte[] bytes() {
        byte[] out = new byte[value.remaining()];
        value().get(out);
        return out;
    }

    /** A NUL-terminated string (NLA_NUL_STRING / NLA_STRING); stops at the first NUL. */
    public String string() {
        byte[] raw = bytes();
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /** The attributes nested inside this one. */
    public NetlinkAttributes nestedAttributes() throws MalformedNetlinkMessageException {
        return NetlinkAttributes.decode(value());
    }

    private void requireLength(int expected) throws MalformedNetlinkMessageException {
        if (value.remaining() < expected) {
            throw new MalformedNetlinkMessageException("attribute type " + type + " has " + value.remaining()
                    + " bytes, expected at least " + expected);
        }
    }
}
