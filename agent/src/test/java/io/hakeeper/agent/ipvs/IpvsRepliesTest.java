package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.agent.netlink.MalformedNetlinkMessageException;
import io.hakeeper.agent.netlink.NetlinkCodec;
import io.hakeeper.agent.netlink.NetlinkMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decoding what the kernel sends, from bytes laid out by hand as ip_vs_genl_fill_service,
 * ip_vs_genl_fill_dest and ip_vs_genl_get_cmd write them: nests without NLA_F_NESTED
 * (nla_nest_start_noflag), PAD attributes before u64 values (nla_put_u64_64bit), flags with
 * mask ~0 and IP_VS_SVC_F_HASHED set. Little-endian hosts.
 */
class IpvsRepliesTest {

    private static final int FAMILY = 0x1c;

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are written for little-endian hosts");
    }

    private static NetlinkMessage message(String hex) throws MalformedNetlinkMessageException {
        byte[] bytes = HexFormat.of().parseHex(hex.replaceAll("\\s+|#[^\\n]*", ""));
        List<NetlinkMessage> messages = NetlinkCodec.decodeMessages(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()));
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    @Test
    void persistentIpv4ServiceWithBothStatsPrefersTheSixtyFourBitOnes() throws Exception {
        IpvsReplies.Service s = IpvsReplies.service(message("""
                b0000000 1c00 0200 01000000 00000000   # NLM_F_MULTI: part of a dump
                01 01 0000                             # IPVS_CMD_NEW_SERVICE
                9c00 0100                              # IPVS_CMD_ATTR_SERVICE, no NLA_F_NESTED
                0600 0100 0200 0000
                0600 0200 0600 0000
                1400 0300 c0a89c96 00000000 00000000 00000000  # 192.168.156.150
                0600 0400 0050 0000
                0700 0600 727200 00
                0c00 0700 03000000 ffffffff            # PERSISTENT|HASHED, mask ~0
                0800 0800 05000000                     # timeout 5
                0800 0900 ffffffff
                1c00 0a00                              # IPVS_SVC_ATTR_STATS
                0800 0100 01000000                     #   conns 1 (u32)
                0400 0b00                              #   IPVS_STATS_ATTR_PAD
                0c00 0400 00000000 01000000            #   inbytes 2^32 (u64)
                2c00 0c00                              # IPVS_SVC_ATTR_STATS64
                0c00 0100 05000000 00000000            #   conns 5
                0400 0b00
                0c00 0400 00000000 01000000            #   inbytes 2^32
                0c00 0a00 07000000 00000000            #   outbps 7
                """), FAMILY);

        IpvsServiceKey key = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.156.150", 80);
        assertEquals(IpvsService.persistent(key, "rr", 5), s.service(), "IP_VS_SVC_F_HASHED is the kernel's, not ours");
        assertEquals(new IpvsStats(5, 0, 0, 1L << 32, 0, 0, 0, 0, 0, 7), s.stats());
    }

    @Test
    void ipv6FwmarkServiceWithoutStats() throws Exception {
        IpvsReplies.Service s = IpvsReplies.service(message("""
                4c000000 1c00 0200 01000000 00000000
                01 01 0000
                3800 0100
                0600 0100 0a00 0000                    # AF_INET6
                0800 0500 09000000                     # fwmark 9
                0800 0600 77727200                     # "wrr\\0"
                0c00 0700 02000000 ffffffff            # HASHED only
                0800 0800 00000000
                0800 0900 80000000                     # 128, host order
                """), FAMILY);

        assertEquals(IpvsService.of(IpvsServiceKey.fwmark(AddressFamily.INET6, 9), "wrr"), s.service());
        assertEquals(IpvsStats.ZERO, s.stats());
    }

    @Test
    void ipv6PersistenceNetmaskIsAHostOrderPrefixLength() throws Exception {
        IpvsReplies.Service s = IpvsReplies.service(message("""
                4c000000 1c00 0200 01000000 00000000
                01 01 0000
                3800 0100
                0600 0100 0a00 0000
                0800 0500 09000000
                0800 0600 77727200
                0c00 0700 03000000 ffffffff            # PERSISTENT|HASHED
                0800 0800 2c010000                     # 300 s
                0800 0900 40000000                     # /64
                """), FAMILY);

        assertEquals(new IpvsService(IpvsServiceKey.fwmark(AddressFamily.INET6, 9), "wrr",
                IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, 300, 64), s.service());
    }

    @Test
    void tunnelledDestinationOfTheOtherFamilyWithCounters() throws Exception {
        IpvsReplies.Destination d = IpvsReplies.destination(message("""
                9c000000 1c00 0200 02000000 00000000
                05 01 0000                             # IPVS_CMD_NEW_DEST
                8800 0200                              # IPVS_CMD_ATTR_DEST
                1400 0100 20010db8 00000000 00000000 00000002
                0600 0200 0000 0000                    # port 0
                0800 0300 02000000                     # IP_VS_CONN_F_TUNNEL
                0800 0400 04000000                     # weight 4
                0500 0d00 02 000000                    # IP_VS_CONN_F_TUNNEL_TYPE_GRE
                0600 0e00 0000 0000
                0600 0f00 0200 0000                    # IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM
                0800 0500 00000000
                0800 0600 00000000
                0800 0700 03000000                     # active 3
                0800 0800 04000000                     # inactive 4
                0800 0900 05000000                     # persistent 5
                0600 0b00 0a00 0000                    # AF_INET6
                1000 0c00                              # IPVS_DEST_ATTR_STATS64
                0c00 0100 09000000 00000000            #   conns 9
                """), FAMILY, AddressFamily.INET);

        assertEquals(new IpvsDestination(IpAddress.parse("2001:db8::2"), 0, ForwardingMethod.TUNNEL, 4, 0, 0,
                new TunnelOptions(TunnelType.GRE, 0, TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM)), d.destination());
        assertEquals(new DestinationCounters(3, 4, 5), d.counters());
        assertEquals(9, d.stats().conns());
    }

    @Test
    void destinationFromAKernelBeforeFamilyAndTunnelAttributesTakesTheServicesFamily() throws Exception {
        IpvsReplies.Destination d = IpvsReplies.destination(message("""
                54000000 1c00 0200 02000000 00000000
                05 01 0000
                4000 0200
                1400 0100 0a000101 00000000 00000000 00000000
                0600 0200 0050 0000
                0800 0300 03000000                     # IP_VS_CONN_F_DROUTE
                0800 0400 01000000
                0800 0500 00000000
                0800 0600 00000000
                """), FAMILY, AddressFamily.INET);

        assertEquals(IpvsDestination.of("10.0.1.1", 80, ForwardingMethod.DROUTE, 1), d.destination());
        assertEquals(DestinationCounters.ZERO, d.counters());
        assertEquals(IpvsStats.ZERO, d.stats());
    }

    @Test
    void infoReplyGivesVersionAndTableSize() throws Exception {
        IpvsInfo info = IpvsReplies.info(message("""
                24000000 1c00 0000 03000000 00000000
                0e 01 0000                             # IPVS_CMD_SET_INFO
                0800 0100 01020100                     # IPVS_INFO_ATTR_VERSION 0x010201
                0800 0200 00100000                     # IPVS_INFO_ATTR_CONN_TAB_SIZE 4096
                """), FAMILY);

        assertEquals(IpvsInfo.STOCK, info);
        assertEquals("1.2.1", info.versionText());
    }

    @Test
    void controllerReplyNamesTheFamilyIdAndVersion() throws Exception {
        GenlFamily f = GenlFamily.decode(message("""
                4c000000 1000 0000 04000000 00000000
                01 02 0000                             # CTRL_CMD_NEWFAMILY, controller version 2
                0900 0200 49505653 00 000000           # CTRL_ATTR_FAMILY_NAME "IPVS"
                0600 0100 1c00 0000                    # CTRL_ATTR_FAMILY_ID 0x1c
                0800 0300 01000000                     # CTRL_ATTR_VERSION 1
                0800 0400 00000000                     # CTRL_ATTR_HDRSIZE 0
                0800 0500 06000000                     # CTRL_ATTR_MAXATTR 6
                0c00 0600 0800 0100 01000000           # CTRL_ATTR_OPS (ignored)
                """));

        assertEquals(new GenlFamily(0x1c, "IPVS", 1, 0, 6), f);
    }

    @Test
    void aServiceOfAProtocolIpvsDoesNotBalanceIsMalformedAndSaysWhy() throws Exception {
        NetlinkMessage m = message("""
                44000000 1c00 0200 01000000 00000000
                01 01 0000
                3000 0100
                0600 0100 0200 0000
                0600 0200 3200 0000                    # protocol 50 (ESP)
                1400 0300 0a000001 00000000 00000000 00000000
                0600 0400 0000 0000
                """);
        MalformedNetlinkMessageException e = assertThrows(MalformedNetlinkMessageException.class,
                () -> IpvsReplies.service(m, FAMILY));
        assertTrue(e.getMessage().contains("IP protocol 50"), e.getMessage());
    }

    @Test
    void aReplyOfAnotherCommandIsRefused() throws Exception {
        NetlinkMessage m = message("14000000 1c00 0200 01000000 00000000  05 01 0000");
        MalformedNetlinkMessageException e = assertThrows(MalformedNetlinkMessageException.class,
                () -> IpvsReplies.service(m, FAMILY));
        assertTrue(e.getMessage().contains("expected IPVS command 1, got 5"), e.getMessage());
    }
}
