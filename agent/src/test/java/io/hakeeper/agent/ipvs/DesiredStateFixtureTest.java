package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hakeeper.common.config.model.KeepalivedConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LVS configs among the keepalived fixtures turn into the table ipvsadm would show for them. */
class DesiredStateFixtureTest {

    private static final IpvsServiceKey VIP = IpvsServiceKey.of(IpvsProtocol.TCP, "192.168.156.150", 80);

    @Test
    void lvsMasterFixtureIsOneDirectRoutedPersistentRoundRobinServiceWithTwoRealServers() {
        KeepalivedConfig config = TestConfigs.fixture("seed003-ch4-13-lvs-master.conf");
        DesiredState.Result r = DesiredState.build(config, RealServerHealth.none());

        IpvsTable expected = IpvsTable.of(IpvsServiceEntry.of(IpvsService.persistent(VIP, "rr", 5),
                IpvsDestination.of("192.168.156.135", 80, ForwardingMethod.DROUTE, 1),
                IpvsDestination.of("192.168.156.137", 80, ForwardingMethod.DROUTE, 1)));
        assertEquals(expected, r.table());
        assertEquals(expected.keys(), r.owned());
        assertEquals(Map.of("TCP 192.168.156.150:80", QuorumState.UP), r.quorum());
        assertEquals(List.of(), r.transitions());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void lvsMasterFixtureListsLikeIpvsadm() {
        KeepalivedConfig config = TestConfigs.fixture("seed003-ch4-13-lvs-master.conf");
        String listing = IpvsTableFormat.list(DesiredState.build(config, RealServerHealth.none()).table(), IpvsInfo.STOCK);
        assertEquals("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  192.168.156.150:80 rr persistent 5
                  -> 192.168.156.135:80           Route   1      0          0         \n\
                  -> 192.168.156.137:80           Route   1      0          0         \n\
                """, listing);
    }

    @Test
    void lvsMasterFixtureDropsARealServerWhoseCheckFails() {
        KeepalivedConfig config = TestConfigs.fixture("seed003-ch4-13-lvs-master.conf");
        RealServerHealth health = RealServerHealth.of(Map.of(
                new RealServerId("TCP 192.168.156.150:80", config.virtualServers().get(0).realServers().get(0).endpoint()),
                Verdict.down()));
        IpvsTable table = DesiredState.build(config, health).table();
        assertEquals(List.of(new DestinationKey(IpAddress.parse("192.168.156.137"), 80)),
                List.copyOf(table.entry(VIP).destinations().keySet()));
    }

    @Test
    void lvsBackupFixtureProgramsTheSameServicesAsTheMaster() {
        KeepalivedConfig master = TestConfigs.fixture("seed003-ch4-13-lvs-master.conf");
        KeepalivedConfig backup = TestConfigs.fixture("seed003-ch4-14-lvs-backup.conf");
        assertEquals(DesiredState.build(master, RealServerHealth.none()).table(),
                DesiredState.build(backup, RealServerHealth.none()).table());
    }
}
