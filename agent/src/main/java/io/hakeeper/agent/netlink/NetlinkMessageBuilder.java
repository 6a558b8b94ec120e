package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one netlink request: the nlmsghdr, a family's fixed header, then attributes.
 *
 * <p>Everything is host byte order and padded to 4 bytes as netlink requires. Sequence number and
 * port id are left 0; {@link NetlinkSocket} stamps them when it sends. Not thread-safe; one builder
 * makes one message.
 *
 * <pre>{@code
 * NetlinkMessageBuilder b = new NetlinkMessageBuilder(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK);
 * b.putU8(family).putU8(prefixLength).putU8(flags).putU8(scope).putU32(ifindex); // struct ifaddrmsg
 * b.attribute(IFA_LOCAL, addressBytes);
 * ByteBuffer message = b.build();
 * }</pre>
 */
public final class NetlinkMessageBuilder {
    private static final int MAX_ATTRIBUTE_LENGTH = 0xffff;

    private ByteBuffer buf;
    private final int type;
    private final int flags;

    public NetlinkMessageBuilder(int type, int flags) {
        if (type < 0 || type > 0xffff || flags < 0 || flags > 0xffff) {
            throw new IllegalArgumentException("nlmsg_type and nlmsg_flags are u16: type=" + type + " flags=" + flags);
        }
        this.type = type;
        this.flags = flags;
        this.buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        buf.position(Netlink.NLMSG_HDRLEN);
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    // ---- fixed family header (struct ifaddrmsg, ifinfomsg, genlmsghdr ...) ----

    public NetlinkMessageBuilder putU8(int value) {
        ensure(1).put((byte) value);
        return this;
    }

    public NetlinkMessageBuilder putU16(int value) {
        ensure(2).putShort((short) value);
        return this;
    }

    public NetlinkMessageBuilder putU32(int value) {
        ensure(4).putInt(value);
        return this;
    }

    public NetlinkMessageBuilder putBytes(byte[] value) {
        ensure(value.length).put(value);
        return this;
    }

    // ---- attributes ----

    public NetlinkMessageBuilder attribute(int attrType, byte[] value) {
        int len = Netlink.NLA_HDRLEN + value.length;
        if (len > MAX_ATTRIBUTE_LENGTH) {
            throw new IllegalArgumentException("attribute " + attrType + " value of " + value.length
                    + " bytes exceeds the u16 nla_len");
        }
        alignPosition();
        ensure(Netlink.align(len));
        buf.putShort((short) len).putShort((short) attrType).put(value);
        alignPosition();
        return this;
    }

    public NetlinkMessageBuilder attributeU8(int attrType, int value) {
        return attribute(attrType, new byte[] {(byte) value});
    }

    public NetlinkMessageBuilder attributeU16(int attrType, int value) {
        return attribute(attrType, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
    }

    public NetlinkMessageBuilder attributeU32(int attrType, int value) {
        return attribute(attrType, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    public NetlinkMessageBuilder attributeU64(int attrType, long value) {
        return attribute(attrType, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(value).array());
    }

    /** A NUL-terminated UTF-8 string (NLA_NUL_STRING), as the kernel expects for names and labels. */
    public NetlinkMessageBuilder attributeString(int attrType, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] withNul = new byte[text.length + 1];
        System.arraycopy(text, 0, withNul, 0, text.length);
        return attribute(attrType, withNul);
    }

    /**
     * Opens a nested attribute; returns a token for {@link #endNested(int)}. The NLA_F_NESTED bit is
     * set, which every kernel since 2.6.x accepts and strict-validated families require.
     */
    public int beginNested(int attrType) {
        alignPosition();
        ensure(Netlink.NLA_HDRLEN);
        int start = buf.position();
        buf.putShort((short) 0).putShort((short) (attrType | Netlink.NLA_F_NESTED));
        return start;
    }

    public NetlinkMessageBuilder endNested(int token) {
        alignPosition();
        int len = buf.position() - token;
        if (len > MAX_ATTRIBUTE_LENGTH) {
            throw new IllegalStateException("nested attribute of " + len + " bytes exceeds the u16 nla_len");
        }
        buf.putShort(token, (short) len);
        return this;
    }

    /**
     * The finished message, positioned at 0 with limit = nlmsg_len. nlmsg_len includes the padding
     * of the last attribute, as iproute2 and libmnl do.
     */
    public ByteBuffer build() {
        alignPosition();
        int len = buf.position();
        ByteBuffer out = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        ByteBuffer src = buf.duplicate();
        src.flip();
        out.put(src).flip();
        out.putInt(0, len);
        out.putShort(4, (short) type);
        out.putShort(6, (short) flags);
        out.putInt(8, 0);
        out.putInt(12, 0);
        return out;
    }

    /** Writes nlmsg_seq into an encoded message. */
    public static void stampSequence(ByteBuffer message, int sequence) {
        message.order(ByteOrder.nativeOrder()).putInt(message.position() + 8, sequence);
    }

    private void alignPosition() {
        int aligned = Netlink.align(buf.position());
        ensure(aligned - buf.position());
        while (buf.position() < aligned) {
            buf.put((byte) 0);
        }
    }

    private ByteBuffer ensure(int more) {
        if (buf.remaining() < more) {
            int capacity = Math.max(buf.capacity() * 2, buf.position() + more);
            ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }
}
