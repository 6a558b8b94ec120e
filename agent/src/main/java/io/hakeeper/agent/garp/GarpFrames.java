package io.hakeeper.agent.garp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.UnknownHostException;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IcmpV6NeighborAdvertisementPacket;
import org.pcap4j.packet.IpV6NeighborDiscoveryTargetLinkLayerAddressOption;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV6Code;
import org.pcap4j.packet.namednumber.IcmpV6Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.util.MacAddress;

/**
 * The frames that tell a segment where a VIP now lives. Built with pcap4j; no I/O here.
 */
public final class GarpFrames {

    /** RFC 4861 section 7.2.6: unsolicited advertisements go to the all-nodes address ff02::1. */
    private static final Inet6Address ALL_NODES;
    /** RFC 2464 section 7: IPv6 multicast ff02::1 maps to Ethernet 33:33:00:00:00:01. */
    private static final MacAddress ALL_NODES_MAC = MacAddress.getByName("33:33:00:00:00:01");
    /** RFC 4861: neighbour discovery messages carry hop limit 255, so receivers know they are on-link. */
    private static final byte ND_HOP_LIMIT = (byte) 255;

    static {
        try {
            ALL_NODES = (Inet6Address) Inet6Address.getByAddress(
                    new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private GarpFrames() {
    }

    /**
     * A gratuitous ARP (RFC 5227 section 3, "ARP Announcement"): a broadcast ARP request whose
     * sender and target protocol addresses are both the VIP, as keepalived sends it.
     */
    public static Packet gratuitousArp(MacAddress mac, Inet4Address vip) {
        ArpPacket.Builder arp = new ArpPacket.Builder()
                .hardwareType(ArpHardwareType.ETHERNET)
                .protocolType(EtherType.IPV4)
                .hardwareAddrLength((byte) MacAddress.SIZE_IN_BYTES)
                .protocolAddrLength((byte) 4)
                .operation(ArpOperation.REQUEST)
                .srcHardwareAddr(mac)
                .srcProtocolAddr(vip)
                .dstHardwareAddr(MacAddress.ETHER_BROADCAST_ADDRESS)
                .dstProtocolAddr(vip);
        return new EthernetPacket.Builder()
                .dstAddr(MacAddress.ETHER_BROADCAST_ADDRESS)
                .srcAddr(mac)
                .type(EtherType.ARP)
                .payloadBuilder(arp)
                .paddingAtBuild(true)
                .build();
    }

    /**
     * An unsolicited neighbour advertisement (RFC 4861 section 7.2.6) for the VIP, with the
     * override flag set and our link-layer address, to all nodes.
     */
    public static Packet unsolicitedNeighborAdvertisement(MacAddress mac, Inet6Address vip) {
        IpV6NeighborDiscoveryTargetLinkLayerAddressOption option =
                new IpV6NeighborDiscoveryTargetLinkLayerAddressOption.Builder()
                        .linkLayerAddress(mac.getAddress()).correctLengthAtBuild(true).build();
        IcmpV6NeighborAdvertisementPacket.Builder na = new IcmpV6NeighborAdvertisementPacket.Builder()
                .routerFlag(false)
                .solicitedFlag(false)
                .overrideFlag(true)
                .reserved(0)
                .targetAddress(vip)
                .options(java.util.List.of(option));
        IcmpV6CommonPacket.Builder icmp = new IcmpV6CommonPacket.Builder()
                .type(IcmpV6Type.NEIGHBOR_ADVERTISEMENT)
                .code(IcmpV6Code.NO_CODE)
                .srcAddr(vip)
                .dstAddr(ALL_NODES)
                .payloadBuilder(na)
                .correctChecksumAtBuild(true);
        IpV6Packet.Builder ip = new IpV6Packet.Builder()
                .version(IpVersion.IPV6)
                .trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0))
                .flowLabel(IpV6SimpleFlowLabel.newInstance(0))
                .nextHeader(IpNumber.ICMPV6)
                .hopLimit(ND_HOP_LIMIT)
                .srcAddr(vip)
                .dstAddr(ALL_NODES)
                .payloadBuilder(icmp)
                .correctLengthAtBuild(true);
        return new EthernetPacket.Builder()
                .dstAddr(ALL_NODES_MAC)
                .srcAddr(mac)
                .type(EtherType.IPV6)
                .payloadBuilder(ip)
                .paddingAtBuild(true)
                .build();
    }
}
