package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.agent.netlink.NetlinkMessageBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every request kind, byte for byte, against bytes written out by hand from
 * include/uapi/linux/genetlink.h and include/uapi/linux/ip_vs.h (not produced by the encoder).
 * Netlink numbers are host order, so the expectations are little-endian (x86_64, aarch64); ports
 * and IPv4 netmasks are network order. Each line is one header or attribute, padding included.
 * Nested attributes carry NLA_F_NESTED (0x8000), which the kernel masks off.
 */
class IpvsMessagesTest {

    /** A family id as the controller might hand out; it is only copied into nlmsg_type. */
    private static final int FAMILY = 0x1c;

    private static final IpvsServiceKey WEB = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80);

    @BeforeAll
    static void littleEndian() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are written for little-endian hosts");
    }

    private static void assertBytes(String expected, NetlinkMessageBuilder actual) {
        ByteBuffer b = actual.build();
        byte[] got = new byte[b.remaining()];
        b.get(got);
        assertArrayEquals(HexFormat.of().parseHex(expected.replaceAll("\\s+|#[^\\n]*", "")), got,
                () -> "got " + HexFormat.of().formatHex(got));
    }

    @Test
    void controllerLookupOfTheIpvsFamily() {
        assertBytes("""
                20000000 1000 0100 00000000 00000000   # nlmsghdr: len 32, GENL_ID_CTRL, NLM_F_REQUEST
                03 01 0000                             # genlmsghdr: CTRL_CMD_GETFAMILY, version 1
                0900 0200 49505653 00 000000           # CTRL_ATTR_FAMILY_NAME "IPVS\\0" + 3 pad
                """, GenlFamily.lookup("IPVS"));
    }

    @Test
    void newServiceIpv4TcpWithoutPersistence() {
        assertBytes("""
                68000000 1c00 0100 00000000 00000000   # len 104, the IPVS family, NLM_F_REQUEST
                01 01 0000                             # IPVS_CMD_NEW_SERVICE, IPVS_GENL_VERSION
                5400 0180                              # IPVS_CMD_ATTR_SERVICE, nested, 84 bytes
                0600 0100 0200 0000                    #   IPVS_SVC_ATTR_AF AF_INET
                0600 0200 0600 0000                    #   IPVS_SVC_ATTR_PROTOCOL IPPROTO_TCP
                1400 0300 0a000001 00000000 00000000 00000000  # IPVS_SVC_ATTR_ADDR 10.0.0.1 in 16 bytes
                0600 0400 0050 0000                    #   IPVS_SVC_ATTR_PORT 80, be16
                0700 0600 727200 00                    #   IPVS_SVC_ATTR_SCHED_NAME "rr\\0"
                0c00 0700 00000000 3d000000            #   IPVS_SVC_ATTR_FLAGS {flags 0, mask 0x3d}
                0800 0800 00000000                     #   IPVS_SVC_ATTR_TIMEOUT 0
                0800 0900 ffffffff                     #   IPVS_SVC_ATTR_NETMASK 255.255.255.255
                """, IpvsMessages.request(FAMILY, new IpvsOp.NewService(IpvsService.of(WEB, "rr"))));
    }

    @Test
    void editServiceCarriesFlagsTimeoutAndAnIpv4NetmaskInNetworkOrder() {
        IpvsServiceKey dns = IpvsServiceKey.of(IpvsProtocol.UDP, "10.0.0.2", 53);
        IpvsService from = IpvsService.of(dns, "rr");
        IpvsService to = new IpvsService(dns, "sh", IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT
                | IpvsServiceFlags.IP_VS_SVC_F_ONEPACKET | IpvsServiceFlags.IP_VS_SVC_F_SCHED_SH_PORT, 300, 0xFFFFFF00);
        assertBytes("""
                68000000 1c00 0100 00000000 00000000
                02 01 0000                             # IPVS_CMD_SET_SERVICE
                5400 0180
                0600 0100 0200 0000                    #   AF_INET
                0600 0200 1100 0000                    #   IPPROTO_UDP
                1400 0300 0a000002 00000000 00000000 00000000
                0600 0400 0035 0000                    #   port 53
                0700 0600 736800 00                    #   "sh"
                0c00 0700 15000000 3d000000            #   PERSISTENT|ONEPACKET|SCHED2, mask 0x3d
                0800 0800 2c010000                     #   timeout 300
                0800 0900 ffffff00                     #   netmask 255.255.255.0: be32
                """, IpvsMessages.request(FAMILY, new IpvsOp.EditService(from, to)));
    }

    @Test
    void newFwmarkServiceIpv6WithAPrefixLengthInHostOrder() {
        IpvsService s = new IpvsService(IpvsServiceKey.fwmark(AddressFamily.INET6, 7), "wlc",
                IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, 60, 64);
        assertBytes("""
                4c000000 1c00 0100 00000000 00000000   # len 76
                01 01 0000
                3800 0180                              # 56 bytes
                0600 0100 0a00 0000                    #   AF_INET6
                0800 0500 07000000                     #   IPVS_SVC_ATTR_FWMARK 7 (no protocol, address, port)
                0800 0600 776c6300                     #   "wlc\\0"
                0c00 0700 01000000 3d000000            #   PERSISTENT
                0800 0800 3c000000                     #   timeout 60
                0800 0900 40000000                     #   prefix length 64, host order
                """, IpvsMessages.request(FAMILY, new IpvsOp.NewService(s)));
    }

    @Test
    void deleteServiceSendsOnlyTheKey() {
        IpvsServiceKey web6 = IpvsServiceKey.of(IpvsProtocol.TCP, "2001:db8::1", 443);
        assertBytes("""
                44000000 1c00 0100 00000000 00000000   # len 68
                03 01 0000                             # IPVS_CMD_DEL_SERVICE
                3000 0180
                0600 0100 0a00 0000
                0600 0200 0600 0000
                1400 0300 20010db8 00000000 00000000 00000001
                0600 0400 01bb 0000                    #   port 443
                """, IpvsMessages.request(FAMILY, new IpvsOp.DeleteService(web6)));
    }

    @Test
    void newDestinationMasqWithThresholds() {
        IpvsDestination d = IpvsDestination.of("10.0.1.5", 8080, ForwardingMethod.MASQ, 3).withThresholds(100, 50);
        assertBytes("""
                a4000000 1c00 0100 00000000 00000000   # len 164
                05 01 0000                             # IPVS_CMD_NEW_DEST
                3000 0180                              # IPVS_CMD_ATTR_SERVICE: the key only
                0600 0100 0200 0000
                0600 0200 0600 0000
                1400 0300 0a000001 00000000 00000000 00000000
                0600 0400 0050 0000
                6000 0280                              # IPVS_CMD_ATTR_DEST, 96 bytes
                1400 0100 0a000105 00000000 00000000 00000000  # IPVS_DEST_ATTR_ADDR 10.0.1.5
                0600 0200 1f90 0000                    #   IPVS_DEST_ATTR_PORT 8080, be16
                0600 0b00 0200 0000                    #   IPVS_DEST_ATTR_ADDR_FAMILY AF_INET
                0800 0300 00000000                     #   IPVS_DEST_ATTR_FWD_METHOD IP_VS_CONN_F_MASQ
                0800 0400 03000000                     #   IPVS_DEST_ATTR_WEIGHT 3
                0800 0500 64000000                     #   IPVS_DEST_ATTR_U_THRESH 100
                0800 0600 32000000                     #   IPVS_DEST_ATTR_L_THRESH 50
                0500 0d00 00 000000                    #   IPVS_DEST_ATTR_TUN_TYPE IPIP, u8
                0600 0e00 0000 0000                    #   IPVS_DEST_ATTR_TUN_PORT 0
                0600 0f00 0000 0000                    #   IPVS_DEST_ATTR_TUN_FLAGS 0
                """, IpvsMessages.request(FAMILY, new IpvsOp.NewDest(WEB, d)));
    }

    @Test
    void editDestinationGueTunnelOfTheOtherFamilyUnderAFwmarkService() {
        IpvsServiceKey mark = IpvsServiceKey.fwmark(AddressFamily.INET, 5);
        IpvsDestination from = IpvsDestination.of("2001:db8::2", 0, ForwardingMethod.TUNNEL, 1);
        IpvsDestination to = new IpvsDestination(IpAddress.parse("2001:db8::2"), 0, ForwardingMethod.TUNNEL, 2, 0, 0,
                new TunnelOptions(TunnelType.GUE, 6080, TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_CSUM));
        assertBytes("""
                88000000 1c00 0100 00000000 00000000   # len 136
                06 01 0000                             # IPVS_CMD_SET_DEST
                1400 0180
                0600 0100 0200 0000                    #   the service is AF_INET
                0800 0500 05000000                     #   fwmark 5
                6000 0280
                1400 0100 20010db8 00000000 00000000 00000002
                0600 0200 0000 0000                    #   port 0
                0600 0b00 0a00 0000                    #   the destination is AF_INET6
                0800 0300 02000000                     #   IP_VS_CONN_F_TUNNEL
                0800 0400 02000000                     #   weight 2
                0800 0500 00000000
                0800 0600 00000000
                0500 0d00 01 000000                    #   IP_VS_CONN_F_TUNNEL_TYPE_GUE
                0600 0e00 17c0 0000                    #   GUE port 6080, be16
                0600 0f00 0100 0000                    #   IP_VS_TUNNEL_ENCAP_FLAG_CSUM, u16
                """, IpvsMessages.request(FAMILY, new IpvsOp.EditDest(mark, from, to)));
    }

    @Test
    void deleteDestinationSendsItsKeyAndFamily() {
        IpvsDestination d = IpvsDestination.of("10.0.1.5", 8080, ForwardingMethod.MASQ, 3);
        assertBytes("""
                6c000000 1c00 0100 00000000 00000000   # len 108
                07 01 0000                             # IPVS_CMD_DEL_DEST
                3000 0180
                0600 0100 0200 0000
                0600 0200 0600 0000
                1400 0300 0a000001 00000000 00000000 00000000
                0600 0400 0050 0000
                2800 0280                              # 40 bytes: address, port, family
                1400 0100 0a000105 00000000 00000000 00000000
                0600 0200 1f90 0000
                0600 0b00 0200 0000
                """, IpvsMessages.request(FAMILY, new IpvsOp.DeleteDest(WEB, d)));
    }

    @Test
    void getInfoServiceDumpAndFlushAreBareHeaders() {
        assertBytes("14000000 1c00 0100 00000000 00000000  0f 01 0000  # IPVS_CMD_GET_INFO",
                IpvsMessages.getInfo(FAMILY));
        assertBytes("14000000 1c00 0100 00000000 00000000  04 01 0000  # IPVS_CMD_GET_SERVICE",
                IpvsMessages.dumpServices(FAMILY));
        assertBytes("14000000 1c00 0100 00000000 00000000  11 01 0000  # IPVS_CMD_FLUSH",
                IpvsMessages.flush(FAMILY));
    }

    @Test
    void aDatagramOfChangesNumbersThemInOrderAndAsksOnlyTheLastForAnAck() {
        IpvsServiceKey mark = IpvsServiceKey.fwmark(AddressFamily.INET, 5);
        ByteBuffer d = IpvsMessages.datagram(java.util.List.of(
                IpvsMessages.request(FAMILY, new IpvsOp.DeleteService(mark)).build(),
                IpvsMessages.request(FAMILY, new IpvsOp.DeleteService(IpvsServiceKey.fwmark(AddressFamily.INET, 6))).build()),
                0x10000001);
        byte[] got = new byte[d.remaining()];
        d.get(got);
        assertArrayEquals(HexFormat.of().parseHex(("""
                28000000 1c00 0100 01000010 00000000   # len 40, NLM_F_REQUEST only, seq 0x10000001
                03 01 0000
                1400 0180
                0600 0100 0200 0000
                0800 0500 05000000
                28000000 1c00 0500 02000010 00000000   # NLM_F_REQUEST|NLM_F_ACK, seq 0x10000002
                03 01 0000
                1400 0180
                0600 0100 0200 0000
                0800 0500 06000000
                """).replaceAll("\\s+|#[^\\n]*", "")), got, () -> HexFormat.of().formatHex(got));
    }

    @Test
    void destinationDumpNamesItsService() {
        assertBytes("""
                44000000 1c00 0100 00000000 00000000
                08 01 0000                             # IPVS_CMD_GET_DEST
                3000 0180
                0600 0100 0200 0000
                0600 0200 0600 0000
                1400 0300 0a000001 00000000 00000000 00000000
                0600 0400 0050 0000
                """, IpvsMessages.dumpDestinations(FAMILY, WEB));
    }
}
