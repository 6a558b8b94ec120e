package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ipvsadm 1.31's layouts, character for character (trailing blanks included, hence the
 * {@code \s} escapes): widths from ipvsadm.c's print_title and print_service_entry.
 */
class IpvsTableFormatTest {

    private static final IpvsServiceKey WEB = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80);
    private static final IpvsServiceKey DNS6 = IpvsServiceKey.of(IpvsProtocol.UDP, "2001:db8::53", 53);
    private static final IpvsServiceKey SCTP = IpvsServiceKey.of(IpvsProtocol.SCTP, "10.0.0.1", 3868);
    private static final IpvsServiceKey MARK = IpvsServiceKey.fwmark(AddressFamily.INET, 5);
    private static final IpvsServiceKey MARK6 = IpvsServiceKey.fwmark(AddressFamily.INET6, 6);

    private static IpvsTable table() {
        return IpvsTable.of(
                IpvsServiceEntry.of(new IpvsService(WEB, "wrr", IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, 300, 0xFFFFFF00),
                        IpvsDestination.of("10.0.1.2", 8080, ForwardingMethod.MASQ, 0).withThresholds(100, 50),
                        IpvsDestination.of("10.0.1.1", 8080, ForwardingMethod.MASQ, 3)),
                IpvsServiceEntry.of(IpvsService.of(DNS6, "sh").withFlags(IpvsServiceFlags.IP_VS_SVC_F_SCHED_SH_FALLBACK
                                | IpvsServiceFlags.IP_VS_SVC_F_SCHED_SH_PORT | IpvsServiceFlags.IP_VS_SVC_F_ONEPACKET),
                        IpvsDestination.of("2001:db8:1::10", 53, ForwardingMethod.DROUTE, 1)),
                IpvsServiceEntry.of(IpvsService.of(SCTP, "rr")),
                IpvsServiceEntry.of(IpvsService.persistent(MARK, "lc", 360),
                        new IpvsDestination(IpAddress.parse("10.0.2.1"), 0, ForwardingMethod.TUNNEL, 1, 0, 0,
                                new TunnelOptions(TunnelType.GUE, 6080, TunnelOptions.IP_VS_TUNNEL_ENCAP_FLAG_CSUM)),
                        IpvsDestination.of("10.0.2.2", 0, ForwardingMethod.TUNNEL, 1)),
                IpvsServiceEntry.of(new IpvsService(MARK6, "rr", IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, 60, 64)));
    }

    @Test
    void listsLikeIpvsadmLn() {
        DestinationCounters.Lookup counters = (s, d) -> s.equals(WEB) && d.port() == 8080 && d.address().toString().equals("10.0.1.1")
                ? new DestinationCounters(12, 345, 0) : DestinationCounters.ZERO;
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.0.0.1:80 wrr persistent 300 mask 255.255.255.0
                  -> 10.0.1.1:8080                Masq    3      12         345      \s
                  -> 10.0.1.2:8080                Masq    0      0          0        \s
                SCTP 10.0.0.1:3868 rr
                UDP  [2001:db8::53]:53 sh (sh-fallback,sh-port) ops
                  -> [2001:db8:1::10]:53          Route   1      0          0        \s
                FWM  5 lc persistent 360
                  -> 10.0.2.1:0                   Tunnel  1      0          0        \s
                  -> 10.0.2.2:0                   Tunnel  1      0          0        \s
                FWM  6 IPv6 rr persistent 60 mask 64
                """, IpvsTableFormat.list(table(), IpvsInfo.STOCK, IpvsTableFormat.Columns.FORWARD, counters));
    }

    @Test
    void listsThresholdsLikeIpvsadmLnThresholds() {
        IpvsTable t = IpvsTable.of(table().entry(WEB));
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=1048576)
                Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn\s
                  -> RemoteAddress:Port
                TCP  10.0.0.1:80 wrr persistent 300 mask 255.255.255.0
                  -> 10.0.1.1:8080                0          0          0          0        \s
                  -> 10.0.1.2:8080                100        50         0          0        \s
                """, IpvsTableFormat.list(t, new IpvsInfo(0x010201, 1048576), IpvsTableFormat.Columns.THRESHOLDS,
                DestinationCounters.Lookup.NONE));
    }

    @Test
    void listsPersistentConnectionsLikeIpvsadmLnPersistentConn() {
        IpvsTable t = IpvsTable.of(table().entry(WEB));
        DestinationCounters.Lookup counters = (s, d) -> new DestinationCounters(1, 2, 7);
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn\s
                  -> RemoteAddress:Port
                TCP  10.0.0.1:80 wrr persistent 300 mask 255.255.255.0
                  -> 10.0.1.1:8080                3         7           1          2        \s
                  -> 10.0.1.2:8080                0         7           1          2        \s
                """, IpvsTableFormat.list(t, IpvsInfo.STOCK, IpvsTableFormat.Columns.PERSISTENT_CONN, counters));
    }

    @Test
    void rulesLikeIpvsadmSn() {
        assertEquals("""
                -A -t 10.0.0.1:80 -s wrr -p 300 -M 255.255.255.0
                -a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m -w 3
                -a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 0
                -A --sctp-service 10.0.0.1:3868 -s rr
                -A -u [2001:db8::53]:53 -s sh -o -b sh-fallback,sh-port
                -a -u [2001:db8::53]:53 -r [2001:db8:1::10]:53 -g -w 1
                -A -f 5 -s lc -p 360
                -a -f 5 -r 10.0.2.1:0 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum
                -a -f 5 -r 10.0.2.2:0 -i -w 1 --tun-type ipip
                -A -f 6 -6 -s rr -p 60 -M 64
                """, IpvsTableFormat.rules(table()));
    }

    @Test
    void emptyTableIsJustTheHeader() {
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                """, IpvsTableFormat.list(IpvsTable.EMPTY, IpvsInfo.STOCK));
        assertEquals("", IpvsTableFormat.rules(IpvsTable.EMPTY));
        assertEquals(Map.of(), IpvsTable.EMPTY.services());
    }
}
