package io.hakeeper.lab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.netlink.MalformedNetlinkMessageException;
import io.hakeeper.agent.netlink.NetlinkCodec;
import io.hakeeper.agent.netlink.NetlinkMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nfnetlink_queue bytes the netem emulation sends, and the packet ids it reads. */
class NfQueueMessagesTest {

    private static final ByteOrder HOST = ByteOrder.nativeOrder();

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Everything after the 16-byte nlmsghdr, as hex. */
    private static String payloadHex(ByteBuffer message) {
        byte[] all = bytes(message);
        return HexFormat.of().formatHex(all, 16, all.length);
    }

    /** An nlattr header (u16 nla_len, u16 nla_type, host order) as hex. */
    private static String nla(int len, int type) {
        return HexFormat.of().formatHex(ByteBuffer.allocate(4).order(HOST).putShort((short) len).putShort((short) type).array());
    }

    @Test
    void bindIsAConfigCommandForTheQueue() {
        ByteBuffer m = NfQueueMessages.bind(7).build().order(HOST);
        assertEquals(m.remaining(), m.getInt(0), "nlmsg_len");
        assertEquals(0x0302, m.getShort(4), "NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_CONFIG");
        // nfgenmsg: AF_UNSPEC, NFNETLINK_V0, res_id 7 as __be16; NFQA_CFG_CMD: BIND, pad, pf 0.
        assertEquals("00000007" + nla(8, 1) + "01000000", payloadHex(m));
    }

    @Test
    void metadataOnlyAsksForCopyMetaAndAQueueLength() {
        ByteBuffer m = NfQueueMessages.metadataOnly(300, 4096).build().order(HOST);
        byte[] all = bytes(m);
        // res_id 300 = 0x012c big-endian.
        assertEquals("0000012c", HexFormat.of().formatHex(all, 16, 20));
        // NFQA_CFG_PARAMS (4 + 5 packed bytes, padded to 12): copy_range 0 as __be32, NFQNL_COPY_META;
        // NFQA_CFG_QUEUE_MAXLEN: 4096 as __be32.
        assertEquals(nla(9, 2) + "0000000001" + "000000" + nla(8, 3) + "00001000", HexFormat.of().formatHex(all, 20, all.length));
    }

    @Test
    void verdictCarriesVerdictAndIdBigEndian() {
        ByteBuffer m = NfQueueMessages.verdict(7, 0x01020304, NfQueueMessages.NF_ACCEPT).order(HOST);
        assertEquals(32, m.getInt(0));
        assertEquals(0x0301, m.getShort(4), "NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_VERDICT");
        // NFQA_VERDICT_HDR: verdict NF_ACCEPT, id, both __be32.
        assertEquals("00000007" + nla(12, 2) + "00000001" + "01020304", payloadHex(m));
    }

    @Test
    void queueNumbersOutsideU16AreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NfQueueMessages.bind(65536));
        assertThrows(IllegalArgumentException.class, () -> NfQueueMessages.verdict(-1, 1, 1));
    }

    /** A queued-packet message as the kernel sends it: nfgenmsg, NFQA_PACKET_HDR, then more attributes. */
    private static NetlinkMessage packet(byte[] packetHdr) throws MalformedNetlinkMessageException {
        int attrLen = 4 + packetHdr.length;
        int padded = (attrLen + 3) & ~3;
        int len = 16 + 4 + padded + 8;
        ByteBuffer b = ByteBuffer.allocate(len).order(HOST);
        b.putInt(len).putShort((short) NfQueueMessages.PACKET_TYPE).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 7); // AF_INET, v0, queue 7
        b.putShort((short) attrLen).putShort((short) 1).put(packetHdr);
        b.position(20 + padded);
        b.putShort((short) 8).putShort((short) 3).putInt(0); // NFQA_MARK
        b.flip();
        List<NetlinkMessage> ms = NetlinkCodec.decodeMessages(b);
        assertEquals(1, ms.size());
        return ms.get(0);
    }

    @Test
    void queueAndPacketIdAreReadBigEndian() throws Exception {
        // packet_id 0x00000105, hw_protocol 0x0800 (IPv4), hook 1 (NF_INET_LOCAL_IN); queue 7.
        NetlinkMessage m = packet(new byte[] {0, 0, 1, 5, 8, 0, 1});
        assertEquals(new NfQueueMessages.QueuedPacket(7, 261), NfQueueMessages.packet(m).orElseThrow());
    }

    @Test
    void otherMessagesHaveNoPacketId() throws Exception {
        ByteBuffer ack = ByteBuffer.allocate(36).order(HOST);
        ack.putInt(36).putShort((short) 2).putShort((short) 0x100).putInt(5).putInt(0).putInt(0);
        ack.putInt(16).putShort((short) 0x0302).putShort((short) 5).putInt(5).putInt(0).flip();
        assertTrue(NfQueueMessages.packet(NetlinkCodec.decodeMessages(ack).get(0)).isEmpty());
    }

    @Test
    void aPacketWithoutItsHeaderIsMalformedNotAnIndexError() throws Exception {
        assertThrows(MalformedNetlinkMessageException.class, () -> NfQueueMessages.packet(packet(new byte[] {0, 1})));
        ByteBuffer bare = ByteBuffer.allocate(20).order(HOST);
        bare.putInt(20).putShort((short) NfQueueMessages.PACKET_TYPE).putShort((short) 0).putInt(0).putInt(0).putInt(0).flip();
        NetlinkMessage noAttr = NetlinkCodec.decodeMessages(bare).get(0);
        assertThrows(MalformedNetlinkMessageException.class, () -> NfQueueMessages.packet(noAttr));
    }
}
