package io.hakeeper.agent.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The pure nlmsghdr/nlattr codec, without a socket. */
class NetlinkCodecTest {

    @Test
    void headerCarriesLengthTypeFlagsInHostOrder() {
        ByteBuffer m = new NetlinkMessageBuilder(0x1234, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK)
                .putU32(0xCAFEBABE).build();
        assertEquals(ByteOrder.nativeOrder(), m.order());
        assertEquals(20, m.remaining());
        assertEquals(20, m.getInt(0));
        assertEquals(0x1234, m.getShort(4) & 0xffff);
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, m.getShort(6));
        assertEquals(0, m.getInt(8), "sequence is stamped by the socket");
        assertEquals(0xCAFEBABE, m.getInt(16));
    }

    @Test
    void attributesArePaddedToFourBytesAndLengthExcludesPadding() {
        ByteBuffer m = new NetlinkMessageBuilder(20, 1)
                .putU8(7) // a 1-byte family header forces padding before the first attribute
                .attribute(3, new byte[] {1, 2, 3, 4, 5})
                .attributeU8(9, 0xAB)
                .build();
        // header 16 + family 1 (+3 pad) + attr(4+5, +3 pad) + attr(4+1, +3 pad) = 16+4+12+8
        assertEquals(40, m.remaining());
        assertEquals(40, m.getInt(0));
        assertEquals(9, m.getShort(20), "nla_len counts header and value, not padding");
        assertEquals(3, m.getShort(22));
        assertEquals(0, m.get(29) | m.get(30) | m.get(31), "padding is zeroed");
        assertEquals(5, m.getShort(32));
        assertEquals(9, m.getShort(34));
    }

    @Test
    void messagesRoundTripThroughTheDecoder() throws Exception {
        ByteBuffer m = new NetlinkMessageBuilder(20, 5)
                .putU32(42)
                .attributeU32(1, 0xDEADBEEF)
                .attributeString(3, "hknl0:1")
                .attributeU64(8, Long.MIN_VALUE + 7)
                .attributeU16(2, 0xFFFE)
                .build();
        NetlinkMessageBuilder.stampSequence(m, 99);
        List<NetlinkMessage> decoded = NetlinkCodec.decodeMessages(m);
        assertEquals(1, decoded.size());
        NetlinkMessage msg = decoded.get(0);
        assertEquals(20, msg.type());
        assertEquals(5, msg.flags());
        assertEquals(99, msg.sequence());
        assertEquals(42, msg.payload().getInt(0));
        NetlinkAttributes attrs = msg.attributes(4);
        assertEquals(4, attrs.size());
        assertEquals(0xDEADBEEF, attrs.find(1).orElseThrow().u32());
        assertEquals("hknl0:1", attrs.find(3).orElseThrow().string());
        assertEquals(8, attrs.find(3).orElseThrow().length(), "strings carry their NUL");
        assertEquals(Long.MIN_VALUE + 7, attrs.find(8).orElseThrow().u64());
        assertEquals(0xFFFE, attrs.find(2).orElseThrow().u16());
        assertFalse(attrs.contains(4));
    }

    @Test
    void nestedAttributesCarryTheNestedFlagAndTheirOwnLength() throws Exception {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(0x20, 1);
        b.putU32(0);
        int outer = b.beginNested(5);
        b.attributeU32(1, 11);
        int inner = b.beginNested(2);
        b.attributeString(1, "ab");
        b.endNested(inner);
        b.endNested(outer);
        b.attributeU8(6, 1);
        ByteBuffer m = b.build();

        // outer = 4 + (8) + inner(4 + (4+3 -> 8)) = 24
        assertEquals(24, m.getShort(20));
        assertEquals(5 | Netlink.NLA_F_NESTED, m.getShort(22) & 0xffff);

        NetlinkAttributes top = NetlinkCodec.decodeMessages(m).get(0).attributes(4);
        NetlinkAttribute nest = top.find(5).orElseThrow();
        assertTrue(nest.nested());
        assertEquals(5, nest.type(), "the NLA_F_NESTED bit is masked off the type");
        NetlinkAttributes inside = nest.nestedAttributes();
        assertEquals(11, inside.find(1).orElseThrow().u32());
        assertEquals("ab", inside.find(2).orElseThrow().nestedAttributes().find(1).orElseThrow().string());
        assertEquals(1, top.find(6).orElseThrow().u8());
    }

    @Test
    void laterDuplicateAttributeWinsAsInTheKernel() throws Exception {
        ByteBuffer m = new NetlinkMessageBuilder(0x20, 1).attributeU32(1, 1).attributeU32(1, 2).build();
        assertEquals(2, NetlinkCodec.decodeMessages(m).get(0).attributes(0).find(1).orElseThrow().u32());
    }

    @Test
    void oneDatagramMayCarrySeveralMessages() throws Exception {
        ByteBuffer a = new NetlinkMessageBuilder(20, 2).putU8(1).build(); // 17 -> padded 20
        ByteBuffer b = new NetlinkMessageBuilder(Netlink.NLMSG_DONE, 2).putU32(0).build();
        ByteBuffer both = ByteBuffer.allocate(a.remaining() + b.remaining()).order(ByteOrder.nativeOrder());
        both.put(a).put(b).flip();
        List<NetlinkMessage> msgs = NetlinkCodec.decodeMessages(both);
        assertEquals(2, msgs.size());
        assertEquals(20, msgs.get(0).type());
        assertEquals(Netlink.NLMSG_DONE, msgs.get(1).type());
        assertEquals(0, NetlinkCodec.decodeDoneErrno(msgs.get(1)));
    }

    @Test
    void truncatedMessageIsRejected() {
        ByteBuffer m = new NetlinkMessageBuilder(20, 1).attributeU32(1, 5).build();
        ByteBuffer cut = m.duplicate().order(ByteOrder.nativeOrder());
        cut.limit(m.limit() - 2);
        MalformedNetlinkMessageException e = assertThrows(MalformedNetlinkMessageException.class,
                () -> NetlinkCodec.decodeMessages(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        ByteBuffer shortHeader = ByteBuffer.allocate(10).order(ByteOrder.nativeOrder());
        assertThrows(MalformedNetlinkMessageException.class, () -> NetlinkCodec.decodeMessages(shortHeader));
    }

    @Test
    void lengthBelowHeaderIsRejectedInsteadOfLoopingForever() {
        ByteBuffer m = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        m.putInt(0, 0); // nlmsg_len 0 would never advance
        assertThrows(MalformedNetlinkMessageException.class, () -> NetlinkCodec.decodeMessages(m));
        ByteBuffer attrs = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        attrs.putShort(0, (short) 2); // nla_len below the 4-byte header
        assertThrows(MalformedNetlinkMessageException.class, () -> NetlinkAttributes.decode(attrs));
    }

    @Test
    void attributeRunningPastItsMessageIsRejected() {
        ByteBuffer m = new NetlinkMessageBuilder(20, 1).attributeU32(1, 5).build();
        m.putShort(16, (short) 200); // nla_len beyond the message
        assertThrows(MalformedNetlinkMessageException.class,
                () -> NetlinkCodec.decodeMessages(m).get(0).attributes(0));
    }

    @Test
    void shortAttributeValueIsRejectedByTypedReaders() throws Exception {
        ByteBuffer m = new NetlinkMessageBuilder(20, 1).attributeU8(1, 5).build();
        NetlinkAttribute a = NetlinkCodec.decodeMessages(m).get(0).attributes(0).find(1).orElseThrow();
        assertThrows(MalformedNetlinkMessageException.class, a::u32);
        assertThrows(MalformedNetlinkMessageException.class, a::u64);
    }

    @Test
    void payloadShorterThanFamilyHeaderIsRejected() throws Exception {
        ByteBuffer m = new NetlinkMessageBuilder(20, 1).putU32(1).build();
        NetlinkMessage msg = NetlinkCodec.decodeMessages(m).get(0);
        assertThrows(MalformedNetlinkMessageException.class, () -> msg.attributes(8));
    }

    @Test
    void randomGarbageNeverEscapesAsAnIndexError() {
        Random random = new Random(1234);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(96)];
            random.nextBytes(junk);
            ByteBuffer buf = ByteBuffer.wrap(junk).order(ByteOrder.nativeOrder());
            if (junk.length >= 4 && random.nextBoolean()) {
                buf.putInt(0, Math.min(junk.length, 16 + random.nextInt(80))); // plausible lengths go deeper
            }
            try {
                for (NetlinkMessage msg : NetlinkCodec.decodeMessages(buf)) {
                    msg.attributes(random.nextInt(12));
                    if (msg.type() == Netlink.NLMSG_ERROR) {
                        NetlinkCodec.decodeError(msg);
                    }
                    AddressMessages.decode(msg);
                    LinkMessages.decode(msg);
                }
            } catch (MalformedNetlinkMessageException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void errorMessageDecodesErrnoAndExtendedAck() throws Exception {
        // NLMSG_ERROR, capped, with ack TLVs: error -1 (EPERM), the request's header, then NLMSGERR_ATTR_MSG.
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Netlink.NLMSG_ERROR,
                Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS);
        b.putU32(-Errno.EPERM);
        b.putU32(36).putU16(Rtnetlink.RTM_NEWADDR).putU16(5).putU32(77).putU32(0); // echoed nlmsghdr
        b.attributeString(Netlink.NLMSGERR_ATTR_MSG, "no permission");
        NetlinkMessage m = NetlinkCodec.decodeMessages(b.build()).get(0);
        NetlinkError error = NetlinkCodec.decodeError(m);
        assertEquals(Errno.EPERM, error.errno());
        assertEquals(Rtnetlink.RTM_NEWADDR, error.requestType());
        assertEquals(77, error.requestSequence());
        assertEquals("no permission", error.kernelMessage());
        assertFalse(error.isAck());
    }

    @Test
    void uncappedErrorSkipsTheEchoedRequestBeforeItsTlvs() throws Exception {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Netlink.NLMSG_ERROR, Netlink.NLM_F_ACK_TLVS);
        b.putU32(-Errno.EINVAL);
        b.putU32(16 + 6).putU16(Rtnetlink.RTM_NEWADDR).putU16(5).putU32(3).putU32(0); // request len 22
        b.putBytes(new byte[] {9, 9, 9, 9, 9, 9, 0, 0}); // its 6-byte payload, padded
        b.attributeString(Netlink.NLMSGERR_ATTR_MSG, "bad prefix");
        NetlinkError error = NetlinkCodec.decodeError(NetlinkCodec.decodeMessages(b.build()).get(0));
        assertEquals(Errno.EINVAL, error.errno());
        assertEquals("bad prefix", error.kernelMessage());
    }

    @Test
    void ackIsAnErrorMessageWithErrnoZero() throws Exception {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED);
        b.putU32(0).putU32(16).putU16(20).putU16(5).putU32(8).putU32(0);
        NetlinkError ack = NetlinkCodec.decodeError(NetlinkCodec.decodeMessages(b.build()).get(0));
        assertTrue(ack.isAck());
        assertNull(ack.kernelMessage());
    }

    @Test
    void positiveErrorCodeIsRejected() throws Exception {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Netlink.NLMSG_ERROR, 0).putU32(5);
        NetlinkMessage m = NetlinkCodec.decodeMessages(b.build()).get(0);
        assertThrows(MalformedNetlinkMessageException.class, () -> NetlinkCodec.decodeError(m));
    }

    @Test
    void operatorMessagesNameTheFix() {
        NetlinkException e = NetlinkException.fromErrno("add address 192.0.2.1/24 on ifindex 3", Errno.EPERM, null);
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().startsWith("add address 192.0.2.1/24 on ifindex 3: EPERM"), e.getMessage());
        assertTrue(e.getMessage().contains("needs CAP_NET_ADMIN"), e.getMessage());
        assertTrue(NetlinkException.fromErrno("x", 4242, "odd").getMessage().contains("errno 4242; kernel says: odd"));
    }

    @Test
    void oversizedAttributeIsRefusedAtEncodeTime() {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(20, 1);
        assertThrows(IllegalArgumentException.class, () -> b.attribute(1, new byte[70_000]));
    }

    @Test
    void builderGrowsPastItsInitialBuffer() throws Exception {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(20, 1);
        byte[] big = new byte[1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        b.attribute(1, big).attribute(2, big);
        NetlinkAttributes attrs = NetlinkCodec.decodeMessages(b.build()).get(0).attributes(0);
        assertArrayEquals(big, attrs.find(2).orElseThrow().bytes());
    }
}
