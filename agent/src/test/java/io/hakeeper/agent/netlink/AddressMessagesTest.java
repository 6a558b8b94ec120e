package io.hakeeper.agent.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Bytes of address and link messages, checked without a socket. */
class AddressMessagesTest {
    private static final InetAddress V4 = ip(198, 18, 3, 7);
    private static final InetAddress V6 = ip6(0x20, 0x01, 0x0d, 0xb8, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    @Test
    void addRequestCarriesIfaddrmsgLocalAddressLabelBroadcastAndLifetime() throws Exception {
        AddressSpec spec = AddressSpec.of(7, V4, 24).withLabel("hknl0:1").withDefaultBroadcast();
        ByteBuffer m = AddressMessages.newAddress(spec, AddressLifetime.ofSeconds(3),
                Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL).build();

        assertEquals(Rtnetlink.RTM_NEWADDR, m.getShort(4));
        assertEquals(Netlink.NLM_F_REQUEST | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, m.getShort(6));
        // struct ifaddrmsg
        assertEquals(Rtnetlink.AF_INET, m.get(16));
        assertEquals(24, m.get(17));
        assertEquals(0, m.get(18), "no IFA_F_NODAD for IPv4");
        assertEquals(0, m.get(19), "scope global");
        assertEquals(7, m.getInt(20));

        NetlinkAttributes attrs = NetlinkCodec.decodeMessages(m).get(0).attributes(IfAddr.IFADDRMSG_SIZE);
        assertArrayEquals(V4.getAddress(), attrs.find(IfAddr.IFA_LOCAL).orElseThrow().bytes());
        assertArrayEquals(V4.getAddress(), attrs.find(IfAddr.IFA_ADDRESS).orElseThrow().bytes());
        assertEquals("hknl0:1", attrs.find(IfAddr.IFA_LABEL).orElseThrow().string());
        assertArrayEquals(ip(198, 18, 3, 255).getAddress(), attrs.find(IfAddr.IFA_BROADCAST).orElseThrow().bytes());
        ByteBuffer ci = attrs.find(IfAddr.IFA_CACHEINFO).orElseThrow().value();
        assertEquals(16, ci.remaining());
        assertEquals(3, ci.getInt(0), "ifa_prefered");
        assertEquals(3, ci.getInt(4), "ifa_valid");
    }

    @Test
    void ipv6AddRequestSetsNoDadInBothFlagFields() throws Exception {
        ByteBuffer m = AddressMessages.newAddress(AddressSpec.of(9, V6, 64), AddressLifetime.ofSeconds(1),
                Netlink.NLM_F_REPLACE).build();
        assertEquals(Rtnetlink.AF_INET6, m.get(16));
        assertEquals(64, m.get(17));
        assertEquals(IfAddr.IFA_F_NODAD, m.get(18));
        NetlinkAttributes attrs = NetlinkCodec.decodeMessages(m).get(0).attributes(IfAddr.IFADDRMSG_SIZE);
        assertEquals(IfAddr.IFA_F_NODAD, attrs.find(IfAddr.IFA_FLAGS).orElseThrow().u32());
        assertFalse(attrs.contains(IfAddr.IFA_LABEL));
        assertArrayEquals(V6.getAddress(), attrs.find(IfAddr.IFA_ADDRESS).orElseThrow().bytes());
    }

    @Test
    void decodesWhatItEncodesIncludingForeverLifetimes() throws Exception {
        AddressSpec spec = AddressSpec.of(7, V4, 24).withLabel("hknl0:1").withDefaultBroadcast();
        ByteBuffer m = AddressMessages.newAddress(spec, AddressLifetime.FOREVER, Netlink.NLM_F_CREATE).build();
        InterfaceAddress a = AddressMessages.decode(NetlinkCodec.decodeMessages(m).get(0));
        assertEquals(7, a.interfaceIndex());
        assertEquals(V4, a.address());
        assertEquals(24, a.prefixLength());
        assertEquals("hknl0:1", a.label());
        assertEquals(ip(198, 18, 3, 255), a.broadcast());
        assertTrue(a.remaining().isForever());
        assertTrue(a.matches(spec));
        assertEquals("198.18.3.7/24", a.cidr());
    }

    @Test
    void ipv4MappedIpv6AddressStaysIpv6() throws Exception {
        InetAddress mapped = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4}, -1);
        ByteBuffer m = AddressMessages.newAddress(AddressSpec.of(9, mapped, 128), AddressLifetime.ofSeconds(5),
                Netlink.NLM_F_CREATE).build();
        InterfaceAddress a = AddressMessages.decode(NetlinkCodec.decodeMessages(m).get(0));
        assertInstanceOf(Inet6Address.class, a.address());
        assertEquals(Rtnetlink.AF_INET6, a.family());
    }

    @Test
    void deleteRequestMatchesByLocalAddressAndPrefix() throws Exception {
        ByteBuffer m = AddressMessages.deleteAddress(AddressSpec.of(7, V4, 24)).build();
        assertEquals(Rtnetlink.RTM_DELADDR, m.getShort(4));
        NetlinkAttributes attrs = NetlinkCodec.decodeMessages(m).get(0).attributes(IfAddr.IFADDRMSG_SIZE);
        assertArrayEquals(V4.getAddress(), attrs.find(IfAddr.IFA_LOCAL).orElseThrow().bytes());
        assertFalse(attrs.contains(IfAddr.IFA_CACHEINFO));
    }

    @Test
    void requestsTheKernelWouldRejectAreRefusedWithAReason() {
        AddressSpec spec = AddressSpec.of(7, V4, 24);
        assertThrows(IllegalArgumentException.class,
                () -> AddressMessages.newAddress(spec, new AddressLifetime(0, 0), Netlink.NLM_F_CREATE));
        assertThrows(IllegalArgumentException.class,
                () -> AddressMessages.newAddress(spec, new AddressLifetime(2, 5), Netlink.NLM_F_CREATE));
        assertThrows(IllegalArgumentException.class, () -> AddressSpec.of(7, V4, 33));
        assertThrows(IllegalArgumentException.class, () -> AddressSpec.of(0, V4, 24));
        assertThrows(IllegalArgumentException.class, () -> AddressSpec.of(7, V6, 64).withLabel("x"));
        assertThrows(IllegalArgumentException.class, () -> spec.withLabel("sixteen-bytes-xx"));
        assertThrows(IllegalArgumentException.class, () -> AddressSpec.of(7, V6, 64).withBroadcast(V4));
    }

    @Test
    void defaultBroadcastSetsHostBits() {
        assertEquals(ip(198, 18, 3, 7), AddressSpec.of(7, V4, 32).withDefaultBroadcast().broadcast());
        assertEquals(ip(198, 19, 255, 255), AddressSpec.of(7, V4, 15).withDefaultBroadcast().broadcast());
        assertEquals(ip(255, 255, 255, 255), AddressSpec.of(7, V4, 0).withDefaultBroadcast().broadcast());
    }

    @Test
    void linkMessageDecodesFlagsNameAndOperState() throws Exception {
        NetlinkMessageBuilder b = new NetlinkMessageBuilder(Rtnetlink.RTM_NEWLINK, 0);
        b.putU8(0).putU8(0).putU16(1).putU32(12).putU32(IfLink.IFF_UP | IfLink.IFF_RUNNING).putU32(0);
        b.attributeString(IfLink.IFLA_IFNAME, "hknl0a");
        b.attributeU32(IfLink.IFLA_MTU, 1500);
        b.attributeU8(IfLink.IFLA_OPERSTATE, 6);
        Link link = LinkMessages.decode(NetlinkCodec.decodeMessages(b.build()).get(0));
        assertEquals(12, link.index());
        assertEquals("hknl0a", link.name());
        assertTrue(link.isUp());
        assertTrue(link.isRunning());
        assertFalse(link.isLowerUp());
        assertEquals(OperState.UP, link.operState());
        assertEquals(1500, link.mtu());
        assertEquals(OperState.UNKNOWN, OperState.of(99));
    }

    static InetAddress ip(int... octets) {
        byte[] b = new byte[octets.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) octets[i];
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress ip6(int... octets) {
        return ip(octets);
    }
}
