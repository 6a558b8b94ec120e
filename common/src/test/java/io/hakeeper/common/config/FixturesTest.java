package io.hakeeper.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Checker;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.config.model.VrrpInstance;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The tutorials' keepalived.conf files this project grew out of must check clean. */
class FixturesTest {

    static Stream<Path> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(FixturesTest.class.getResource("/fixtures/keepalived").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
            assertFalse(all.isEmpty());
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureChecksCleanOnThisHost(Path fixture) {
        ConfigLoader.Result r = ConfigLoader.load(fixture, ConfigLoader.Mode.CHECK, HostFacts.local());
        assertTrue(r.ok(), () -> String.join("\n", r.errors().stream().map(Diagnostic::format).toList()));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureHasOnlyTheMissingZookeeperWarningOnAHostThatMatchesIt(Path fixture) {
        ConfigLoader.Result r = ConfigLoader.load(fixture, ConfigLoader.Mode.CHECK, HostFacts.trusting());
        assertTrue(r.ok());
        for (Diagnostic w : r.warnings()) {
            assertTrue(w.message().startsWith("no zookeeper { } block") || w.message().contains("nb_get_retry"),
                    w::format);
        }
    }

    private static KeepalivedConfig load(String name) throws URISyntaxException {
        Path p = Path.of(FixturesTest.class.getResource("/fixtures/keepalived/" + name).toURI());
        ConfigLoader.Result r = ConfigLoader.load(p, ConfigLoader.Mode.CHECK, HostFacts.trusting());
        assertTrue(r.ok());
        return r.config();
    }

    @Test
    void nopreemptMasterFixtureKeepsItsSettings() throws Exception {
        KeepalivedConfig c = load("seed001-master-nopreempt.conf");
        assertEquals("lb01", c.globalDefs().routerId());
        assertEquals(List.of("acassen@firewall.loc"), c.globalDefs().notificationEmail());
        assertEquals("192.168.200.1", c.globalDefs().smtpServer());
        assertEquals(30, c.globalDefs().smtpConnectTimeoutSec());
        VrrpInstance vi = c.instances().get(0);
        assertEquals("VI_1", vi.name());
        assertEquals(VrrpInstance.State.BACKUP, vi.initialState());
        assertEquals("eth0", vi.iface());
        assertEquals(50, vi.vrid());
        assertEquals(150, vi.priority());
        assertEquals(1000, vi.advertIntMs());
        assertTrue(vi.nopreempt());
        assertEquals("1111", vi.authentication().password());
        assertEquals("10.0.0.3/32", vi.virtualIps().get(0).cidr());
    }

    @Test
    void dualMasterFixtureTracksTheNginxScriptOnOneInstanceOnly() throws Exception {
        KeepalivedConfig c = load("seed003-ch3-13-dual-a.conf");
        assertEquals(List.of("/etc/keepalived/check_nginx_alive_or_dead.sh"),
                c.vrrpScript("check_nginx_alive").orElseThrow().command());
        assertEquals(2, c.vrrpScript("check_nginx_alive").orElseThrow().intervalSec());
        assertEquals(10, c.vrrpScript("check_nginx_alive").orElseThrow().weight());
        assertEquals("check_nginx_alive", c.instance("VI_1").orElseThrow().trackScripts().get(0).name());
        assertTrue(c.instance("VI_2").orElseThrow().trackScripts().isEmpty());
        assertEquals(52, c.instance("VI_2").orElseThrow().vrid());
    }

    @Test
    void lvsFixtureGivesDirectRoutingWithTcpChecks() throws Exception {
        KeepalivedConfig c = load("seed003-ch4-13-lvs-master.conf");
        VirtualServer vs = c.virtualServers().get(0);
        assertEquals(VirtualServer.Kind.ADDRESS, vs.kind());
        assertEquals("192.168.156.150", vs.address());
        assertEquals(80, vs.port());
        assertEquals("rr", vs.scheduler());
        assertEquals(VirtualServer.LbMethod.DR, vs.method());
        assertEquals(5, vs.persistenceTimeoutSec());
        assertEquals(6, vs.delayLoopSec());
        assertEquals(VirtualServer.Protocol.TCP, vs.protocol());
        assertEquals(2, vs.realServers().size());
        assertEquals("192.168.156.137:80", vs.realServers().get(1).endpoint().show());
        Checker.Tcp tcp = (Checker.Tcp) vs.realServers().get(0).checkers().get(0);
        assertEquals(80, tcp.connection().connectPort());
        assertEquals(2, tcp.connection().connectTimeoutSec());
        assertEquals(2, tcp.connection().retry());
        assertEquals(3, tcp.connection().delayBeforeRetrySec());
    }
}
