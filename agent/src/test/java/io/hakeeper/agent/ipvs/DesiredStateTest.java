package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Endpoint;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.VirtualServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From keepalived.conf to the IPVS table: every keyword that shapes the table. */
class DesiredStateTest {

    private static IpvsServiceKey tcp(String address, int port) {
        return IpvsServiceKey.of(IpvsProtocol.TCP, address, port);
    }

    /** "address:port" -> "Method weight" for the service's destinations, in ipvsadm order. */
    private static Map<String, String> dests(IpvsTable table, IpvsServiceKey key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (IpvsDestination d : table.entry(key).destinations().values()) {
            out.put(d.key().toString(), d.method().listName() + " " + d.weight());
        }
        return out;
    }

    private static RealServerId rs(String virtualServer, String address, int port) {
        return new RealServerId(virtualServer, new Endpoint(address, port, address.contains(":")));
    }

    @Test
    void everySchedulerTheKernelShipsIsProgrammedByName() {
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < VirtualServer.SCHEDULERS.size(); i++) {
            config.append("virtual_server 10.0.0.1 ").append(8000 + i).append(" {\n  lb_algo ")
                    .append(VirtualServer.SCHEDULERS.get(i)).append("\n  real_server 10.0.1.1 80\n}\n");
        }
        IpvsTable table = DesiredState.build(TestConfigs.text(config.toString()), RealServerHealth.none()).table();
        assertEquals(VirtualServer.SCHEDULERS.size(), table.services().size());
        for (int i = 0; i < VirtualServer.SCHEDULERS.size(); i++) {
            assertEquals(VirtualServer.SCHEDULERS.get(i), table.entry(tcp("10.0.0.1", 8000 + i)).service().scheduler());
        }
    }

    @Test
    void lbKindMapsToMasqRouteAndTunnelAndOnlyNatKeepsTheRealServersPort() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 10.0.0.1 80 {
                    lb_kind NAT
                    real_server 10.0.1.1 8080
                }
                virtual_server 10.0.0.2 80 {
                    lb_kind DR
                    real_server 10.0.1.1 80
                }
                virtual_server 10.0.0.3 80 {
                    lb_kind TUN
                    real_server 10.0.1.1 8080
                }
                """);
        IpvsTable t = DesiredState.build(c, RealServerHealth.none()).table();
        assertEquals(Map.of("10.0.1.1:8080", "Masq 1"), dests(t, tcp("10.0.0.1", 80)));
        assertEquals(Map.of("10.0.1.1:80", "Route 1"), dests(t, tcp("10.0.0.2", 80)));
        assertEquals(Map.of("10.0.1.1:80", "Tunnel 1"), dests(t, tcp("10.0.0.3", 80)), "ipvsadm -a -i uses the service port");
        assertEquals(TunnelOptions.IPIP, t.entry(tcp("10.0.0.3", 80)).destinations().firstEntry().getValue().tunnel());
        assertEquals("wlc", t.entry(tcp("10.0.0.1", 80)).service().scheduler(), "keepalived's default scheduler");
    }

    @Test
    void udpAndSctpServicesAreKeyedByTheirProtocol() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 10.0.0.1 53 {
                    protocol UDP
                    real_server 10.0.1.1 53
                }
                virtual_server 10.0.0.1 3868 {
                    protocol SCTP
                    real_server 10.0.1.1 3868
                }
                """);
        IpvsTable t = DesiredState.build(c, RealServerHealth.none()).table();
        assertEquals(List.of(IpvsServiceKey.of(IpvsProtocol.UDP, "10.0.0.1", 53),
                IpvsServiceKey.of(IpvsProtocol.SCTP, "10.0.0.1", 3868)), List.copyOf(t.keys()));
    }

    @Test
    void ipv6ServiceHasAPrefixLengthGranularityAndIpv6Destinations() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 2001:db8::10 443 {
                    lb_algo sh
                    lb_kind NAT
                    persistence_timeout
                    persistence_granularity 64
                    real_server 2001:db8:0:1::1 8443
                    real_server 2001:db8:0:1::2 8443
                }
                """);
        IpvsTable t = DesiredState.build(c, RealServerHealth.none()).table();
        IpvsService s = t.entry(tcp("2001:db8::10", 443)).service();
        assertEquals(AddressFamily.INET6, s.key().family());
        assertTrue(s.persistent());
        assertEquals(360, s.timeoutSec(), "a bare persistence_timeout means 6 minutes");
        assertEquals(64, s.netmask());
        assertEquals(Map.of("[2001:db8:0:1::1]:8443", "Masq 1", "[2001:db8:0:1::2]:8443", "Masq 1"),
                dests(t, s.key()));
        assertEquals("""
                TCP  [2001:db8::10]:443 sh persistent 360 mask 64
                  -> [2001:db8:0:1::1]:8443       Masq    1      0          0         \n\
                  -> [2001:db8:0:1::2]:8443       Masq    1      0          0         \n\
                """, IpvsTableFormat.list(t, IpvsInfo.STOCK).lines().skip(3)
                .map(l -> l + "\n").reduce("", String::concat));
    }

    @Test
    void persistenceGranularityAloneMakesTheServicePersistentForSixMinutes() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 10.0.0.1 80 {
                    persistence_granularity 255.255.255.0
                    real_server 10.0.1.1 80
                }
                """);
        IpvsService s = DesiredState.build(c, RealServerHealth.none()).table().entry(tcp("10.0.0.1", 80)).service();
        assertEquals(IpvsServiceFlags.IP_VS_SVC_F_PERSISTENT, s.flags());
        assertEquals(360, s.timeoutSec());
        assertEquals(0xFFFFFF00, s.netmask());
    }

    @Test
    void groupWithBothFamiliesFitsTheGranularityToEachFamily() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server_group both {
                    10.0.0.1 443
                    2001:db8::1 443
                }
                virtual_server group both {
                    lb_kind TUN
                    persistence_granularity 255.255.255.0
                    real_server 10.0.1.1 443
                }
                """);
        DesiredState.Result r = DesiredState.build(c, RealServerHealth.none());
        assertEquals(0xFFFFFF00, r.table().entry(tcp("10.0.0.1", 443)).service().netmask());
        assertEquals(24, r.table().entry(tcp("2001:db8::1", 443)).service().netmask());
        assertEquals(Map.of("10.0.1.1:443", "Tunnel 1"), dests(r.table(), tcp("2001:db8::1", 443)),
                "a tunnel may cross families");
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void realServerOfTheOtherFamilyIsLeftOutOfANonTunnelServiceWithAWarning() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server_group both {
                    10.0.0.1 80
                    2001:db8::1 80
                }
                virtual_server group both {
                    lb_kind NAT
                    real_server 10.0.1.1 80
                }
                """);
        DesiredState.Result r = DesiredState.build(c, RealServerHealth.none());
        assertEquals(Map.of("10.0.1.1:80", "Masq 1"), dests(r.table(), tcp("10.0.0.1", 80)));
        assertEquals(Map.of(), dests(r.table(), tcp("2001:db8::1", 80)));
        assertEquals(List.of("virtual_server group both: 10.0.1.1:80 is not of the address family of TCP [2001:db8::1]:80,"
                + " and only lb_kind TUN mixes families; it is left out of that service"), r.warnings());
    }

    @Test
    void fwmarkServiceTakesItsFamilyFromItsRealServers() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server fwmark 7 {
                    lb_kind DR
                    real_server 10.0.1.1 80
                }
                virtual_server fwmark 8 {
                    lb_kind DR
                    real_server 2001:db8::1 80
                    real_server 2001:db8::2 80
                }
                """);
        IpvsTable t = DesiredState.build(c, RealServerHealth.none()).table();
        assertEquals(List.of(IpvsServiceKey.fwmark(AddressFamily.INET, 7), IpvsServiceKey.fwmark(AddressFamily.INET6, 8)),
                List.copyOf(t.keys()));
        assertEquals(Map.of("10.0.1.1:80", "Route 1"), dests(t, IpvsServiceKey.fwmark(AddressFamily.INET, 7)),
                "a fwmark service has no port to impose");
    }

    @Test
    void groupExpandsToOneServicePerAddressOfEachRangeAndPerFwmarkAllWithTheSameDestinations() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server_group web {
                    10.0.0.1-3 80
                    10.0.0.9 8080
                    fwmark 9
                }
                virtual_server_group web6 {
                    2001:db8::a-c 443
                }
                virtual_server group web {
                    lb_algo wrr
                    lb_kind NAT
                    real_server 10.0.1.1 80 {
                        weight 2
                    }
                    real_server 10.0.1.2 80
                }
                virtual_server group web6 {
                    lb_kind NAT
                    real_server 2001:db8:1::1 443
                }
                """);
        DesiredState.Result r = DesiredState.build(c, RealServerHealth.none());
        List<IpvsServiceKey> expected = List.of(tcp("10.0.0.1", 80), tcp("10.0.0.2", 80), tcp("10.0.0.3", 80),
                tcp("10.0.0.9", 8080), tcp("2001:db8::a", 443), tcp("2001:db8::b", 443), tcp("2001:db8::c", 443),
                IpvsServiceKey.fwmark(AddressFamily.INET, 9));
        assertEquals(expected, List.copyOf(r.table().keys()));
        for (IpvsServiceKey k : expected.subList(0, 4)) {
            assertEquals("wrr", r.table().entry(k).service().scheduler());
            assertEquals(Map.of("10.0.1.1:80", "Masq 2", "10.0.1.2:80", "Masq 1"), dests(r.table(), k));
        }
        assertEquals(Map.of("10.0.1.1:80", "Masq 2", "10.0.1.2:80", "Masq 1"),
                dests(r.table(), IpvsServiceKey.fwmark(AddressFamily.INET, 9)));
        assertEquals(Map.of("group web", QuorumState.UP, "group web6", QuorumState.UP), r.quorum(),
                "one quorum per virtual_server block, not per service");
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void aServiceClaimedTwiceIsProgrammedForTheFirstBlockAndWarned() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server_group web {
                    10.0.0.1-2 80
                }
                virtual_server group web {
                    lb_algo rr
                    real_server 10.0.1.1 80
                }
                virtual_server 10.0.0.2 80 {
                    lb_algo wrr
                    real_server 10.0.1.2 80
                }
                """);
        DesiredState.Result r = DesiredState.build(c, RealServerHealth.none());
        assertEquals("rr", r.table().entry(tcp("10.0.0.2", 80)).service().scheduler());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("already programmed for group web"), r.warnings().get(0));
    }

    @Test
    void aDownRealServerIsRemovedOrUnderInhibitOnFailureKeptAtWeightZero() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 10.0.0.1 80 {
                    inhibit_on_failure
                    real_server 10.0.1.1 80 {
                        weight 3
                        TCP_CHECK {
                        }
                    }
                    real_server 10.0.1.2 80 {
                        inhibit_on_failure off
                        TCP_CHECK {
                        }
                    }
                    real_server 10.0.1.3 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        String vs = "TCP 10.0.0.1:80";
        RealServerHealth health = RealServerHealth.of(Map.of(rs(vs, "10.0.1.1", 80), Verdict.down(),
                rs(vs, "10.0.1.2", 80), Verdict.down()));
        IpvsTable t = DesiredState.build(c, health).table();
        assertEquals(Map.of("10.0.1.1:80", "Masq 0", "10.0.1.3:80", "Masq 1"), dests(t, tcp("10.0.0.1", 80)));
    }

    @Test
    void miscCheckDynamicWeightReplacesTheConfiguredWeight() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 10.0.0.1 80 {
                    lb_algo wrr
                    real_server 10.0.1.1 80 {
                        weight 10
                        MISC_CHECK {
                            misc_path "/usr/local/bin/load-weight"
                            misc_dynamic
                        }
                    }
                }
                """);
        IpvsTable t = DesiredState.build(c, RealServerHealth.of(Map.of(rs("TCP 10.0.0.1:80", "10.0.1.1", 80),
                Verdict.up(4)))).table();
        assertEquals(Map.of("10.0.1.1:80", "Masq 4"), dests(t, tcp("10.0.0.1", 80)));
    }

    @Test
    void thresholdsAreCopiedAndAnImpossiblePairIsWarned() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 10.0.0.1 80 {
                    real_server 10.0.1.1 80 {
                        uthreshold 100
                        lthreshold 80
                    }
                    real_server 10.0.1.2 80 {
                        lthreshold 5
                    }
                }
                """);
        DesiredState.Result r = DesiredState.build(c, RealServerHealth.none());
        IpvsDestination d = r.table().entry(tcp("10.0.0.1", 80)).destinations().firstEntry().getValue();
        assertEquals(100, d.upperThreshold());
        assertEquals(80, d.lowerThreshold());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("10.0.1.2:80 has lthreshold 5 above uthreshold 0"), r.warnings().get(0));
    }

    // ---- alpha ----------------------------------------------------------------------------

    private static final String ALPHA = """
            virtual_server 10.0.0.1 80 {
                alpha
                quorum_down "/usr/local/bin/page oncall"
                real_server 10.0.1.1 80 {
                    TCP_CHECK {
                    }
                }
                real_server 10.0.1.2 80 {
                    inhibit_on_failure
                    TCP_CHECK {
                    }
                }
                real_server 10.0.1.3 80
            }
            """;

    @Test
    void alphaStartsCheckedRealServersDownUntilTheirFirstVerdict() {
        KeepalivedConfig c = TestConfigs.text(ALPHA);
        DesiredState.Result r = DesiredState.build(c, RealServerHealth.none());
        assertEquals(Map.of("10.0.1.2:80", "Masq 0", "10.0.1.3:80", "Masq 1"), dests(r.table(), tcp("10.0.0.1", 80)),
                "unchecked servers are down (inhibited ones at weight 0); a server without checkers is up");

        DesiredState.Result later = DesiredState.build(c,
                RealServerHealth.of(Map.of(rs("TCP 10.0.0.1:80", "10.0.1.1", 80), Verdict.up())), r.quorum());
        assertEquals(Map.of("10.0.1.1:80", "Masq 1", "10.0.1.2:80", "Masq 0", "10.0.1.3:80", "Masq 1"),
                dests(later.table(), tcp("10.0.0.1", 80)));
    }

    @Test
    void withoutAlphaAnUncheckedRealServerCountsAsUp() {
        KeepalivedConfig c = TestConfigs.text(ALPHA.replace("    alpha\n", ""));
        assertEquals(Map.of("10.0.1.1:80", "Masq 1", "10.0.1.2:80", "Masq 1", "10.0.1.3:80", "Masq 1"),
                dests(DesiredState.build(c, RealServerHealth.none()).table(), tcp("10.0.0.1", 80)));
    }

    @Test
    void alphaWithEveryServerCheckedStartsWithQuorumDownAndSaysSo() {
        KeepalivedConfig c = TestConfigs.text(ALPHA.replace("    real_server 10.0.1.3 80\n", ""));
        DesiredState.Result r = DesiredState.build(c, RealServerHealth.none());
        assertEquals(QuorumState.DOWN, r.quorum().get("TCP 10.0.0.1:80"));
        assertEquals(List.of(new QuorumTransition("TCP 10.0.0.1:80", QuorumState.DOWN, 0, 1, true,
                List.of("/usr/local/bin/page", "oncall"))), r.transitions());
    }

    // ---- quorum, hysteresis ---------------------------------------------------------------

    private static final String QUORUM = """
            virtual_server 10.0.0.1 80 {
                quorum 3
                hysteresis 1
                quorum_up /usr/local/bin/quorum-up
                quorum_down /usr/local/bin/quorum-down
                real_server 10.0.1.1 80 {
                    TCP_CHECK {
                    }
                }
                real_server 10.0.1.2 80 {
                    TCP_CHECK {
                    }
                }
                real_server 10.0.1.3 80 {
                    weight 2
                    TCP_CHECK {
                    }
                }
            }
            """;

    /** Feeds verdict sets in order, carrying the quorum state, and records what each step reported. */
    private static List<String> run(KeepalivedConfig c, List<Map<String, Verdict>> steps) {
        Map<String, QuorumState> quorum = Map.of();
        List<String> seen = new ArrayList<>();
        for (Map<String, Verdict> step : steps) {
            Map<RealServerId, Verdict> verdicts = new HashMap<>();
            step.forEach((address, v) -> verdicts.put(rs("TCP 10.0.0.1:80", address, 80), v));
            DesiredState.Result r = DesiredState.build(c, RealServerHealth.of(verdicts), quorum);
            quorum = r.quorum();
            String t = r.transitions().stream()
                    .map(x -> x.to() + "(" + x.liveWeight() + " vs " + x.threshold() + ") " + x.command())
                    .reduce("", (a, b) -> a + b);
            seen.add(quorum.get("TCP 10.0.0.1:80") + (t.isEmpty() ? "" : " " + t));
        }
        return seen;
    }

    @Test
    void quorumIsLostBelowQuorumMinusHysteresisAndRegainedOnlyAtQuorumPlusHysteresis() {
        KeepalivedConfig c = TestConfigs.text(QUORUM);
        Verdict up = Verdict.up();
        Verdict down = Verdict.down();
        List<String> seen = run(c, List.of(
                Map.of("10.0.1.1", up, "10.0.1.2", up, "10.0.1.3", up),      // 4: starts up
                Map.of("10.0.1.1", up, "10.0.1.2", up, "10.0.1.3", down),    // 2: not below 3-1
                Map.of("10.0.1.1", down, "10.0.1.2", up, "10.0.1.3", down),  // 1: lost
                Map.of("10.0.1.1", up, "10.0.1.2", up, "10.0.1.3", down),    // 2: not yet 3+1
                Map.of("10.0.1.1", down, "10.0.1.2", up, "10.0.1.3", up),    // 3: not yet 3+1
                Map.of("10.0.1.1", up, "10.0.1.2", up, "10.0.1.3", up)));    // 4: regained
        assertEquals(List.of(
                "UP",
                "UP",
                "DOWN DOWN(1 vs 2) [/usr/local/bin/quorum-down]",
                "DOWN",
                "DOWN",
                "UP UP(4 vs 4) [/usr/local/bin/quorum-up]"), seen);
    }

    @Test
    void quorumStartsDownWhenTheStartingWeightIsBelowQuorumPlusHysteresis() {
        KeepalivedConfig c = TestConfigs.text(QUORUM);
        List<String> seen = run(c, List.of(Map.of("10.0.1.1", Verdict.down())));
        assertEquals(List.of("DOWN DOWN(3 vs 4) [/usr/local/bin/quorum-down]"), seen);
    }

    // ---- sorry_server ---------------------------------------------------------------------

    private static final String SORRY = """
            virtual_server 10.0.0.1 80 {
                lb_kind DR
                sorry_server 10.0.9.9 80
                real_server 10.0.1.1 80 {
                    TCP_CHECK {
                    }
                }
                real_server 10.0.1.2 80 {
                    TCP_CHECK {
                    }
                }
            }
            """;

    private static RealServerHealth verdicts(Verdict first, Verdict second) {
        return RealServerHealth.of(Map.of(rs("TCP 10.0.0.1:80", "10.0.1.1", 80), first,
                rs("TCP 10.0.0.1:80", "10.0.1.2", 80), second));
    }

    @Test
    void sorryServerReplacesTheRealServersWhileNoneIsUp() {
        KeepalivedConfig c = TestConfigs.text(SORRY);
        IpvsServiceKey vip = tcp("10.0.0.1", 80);
        DesiredState.Result up = DesiredState.build(c, verdicts(Verdict.up(), Verdict.down()));
        assertEquals(Map.of("10.0.1.1:80", "Route 1"), dests(up.table(), vip));

        DesiredState.Result allDown = DesiredState.build(c, verdicts(Verdict.down(), Verdict.down()), up.quorum());
        assertEquals(Map.of("10.0.9.9:80", "Route 1"), dests(allDown.table(), vip));
        assertEquals(QuorumState.DOWN, allDown.transitions().get(0).to());

        DesiredState.Result back = DesiredState.build(c, verdicts(Verdict.down(), Verdict.up()), allDown.quorum());
        assertEquals(Map.of("10.0.1.2:80", "Route 1"), dests(back.table(), vip));
    }

    @Test
    void sorryServerWithInhibitStaysAtWeightZeroWhileUnused() {
        KeepalivedConfig c = TestConfigs.text(SORRY.replace("sorry_server 10.0.9.9 80",
                "sorry_server 10.0.9.9 80\n    sorry_server_inhibit"));
        IpvsServiceKey vip = tcp("10.0.0.1", 80);
        assertEquals(Map.of("10.0.1.1:80", "Route 1", "10.0.1.2:80", "Route 1", "10.0.9.9:80", "Route 0"),
                dests(DesiredState.build(c, RealServerHealth.none()).table(), vip));
        assertEquals(Map.of("10.0.9.9:80", "Route 1"),
                dests(DesiredState.build(c, verdicts(Verdict.down(), Verdict.down())).table(), vip));
    }

    @Test
    void whileTheSorryServerIsInUseInhibitedRealServersStayAtWeightZeroEvenIfUp() {
        KeepalivedConfig c = TestConfigs.text(SORRY.replace("lb_kind DR", "lb_kind DR\n    quorum 2\n    inhibit_on_failure"));
        DesiredState.Result r = DesiredState.build(c, verdicts(Verdict.up(), Verdict.down()));
        assertEquals(QuorumState.DOWN, r.quorum().get("TCP 10.0.0.1:80"));
        assertEquals(Map.of("10.0.1.1:80", "Route 0", "10.0.1.2:80", "Route 0", "10.0.9.9:80", "Route 1"),
                dests(r.table(), tcp("10.0.0.1", 80)));
    }

    @Test
    void virtualServerWithOnlyASorryServerServesFromIt() {
        KeepalivedConfig c = TestConfigs.text("""
                virtual_server 10.0.0.1 80 {
                    sorry_server 10.0.9.9 8080
                }
                """);
        DesiredState.Result r = DesiredState.build(c, RealServerHealth.none());
        assertEquals(Map.of("10.0.9.9:8080", "Masq 1"), dests(r.table(), tcp("10.0.0.1", 80)));
    }

    // ---- omega ----------------------------------------------------------------------------

    @Test
    void omegaReportsDownNotifiersAndQuorumDownAtShutdown() {
        KeepalivedConfig c = TestConfigs.text(SORRY.replace("lb_kind DR", "lb_kind DR\n    omega\n    quorum_down /bin/qd")
                + """
                virtual_server 10.0.0.2 80 {
                    real_server 10.0.1.1 80
                }
                """);
        DesiredState.Result last = DesiredState.build(c, verdicts(Verdict.up(), Verdict.down()));
        ShutdownNotices n = ShutdownNotices.of(c, last);
        assertEquals(List.of(rs("TCP 10.0.0.1:80", "10.0.1.1", 80)), n.realServersDown());
        assertEquals(List.of(new QuorumTransition("TCP 10.0.0.1:80", QuorumState.DOWN, 0, 1, false, List.of("/bin/qd"))),
                n.quorumLost());
        assertEquals(new ShutdownNotices(List.of(), List.of()), ShutdownNotices.of(TestConfigs.text(SORRY), last),
                "without omega nothing is notified");
    }
}
