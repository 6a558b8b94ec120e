package io.hakeeper.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Authentication;
import io.hakeeper.common.config.model.Checker;
import io.hakeeper.common.config.model.FenceSettings;
import io.hakeeper.common.config.model.GarpSettings;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.TrackRef;
import io.hakeeper.common.config.model.VirtualIp;
import io.hakeeper.common.config.model.VirtualServer;
import io.hakeeper.common.config.model.VirtualServerGroup;
import io.hakeeper.common.config.model.VrrpInstance;
import io.hakeeper.common.config.model.VrrpScript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every supported keyword lands in the model with keepalived's meaning. */
class FullConfigTest {

    static KeepalivedConfig c;
    static ConfigLoader.Result result;

    @BeforeAll
    static void load() throws Exception {
        Path p = Path.of(FullConfigTest.class.getResource("/configs/full.conf").toURI());
        result = ConfigLoader.load(p, ConfigLoader.Mode.CHECK, HostFacts.trusting());
        assertTrue(result.ok(), () -> result.errors().toString());
        c = result.config();
    }

    @Test
    void warnsOnlyAboutIgnoredKeywords() {
        assertEquals(List.of(
                        "'vrrp_skip_check_adv_addr' is ignored: hakeeper always checks adverts by ZooKeeper membership",
                        "'vrrp_garp_interval' is ignored: hakeeper paces gratuitous ARPs itself"),
                result.warnings().stream().map(Diagnostic::message).toList());
    }

    @Test
    void globalDefs() {
        var g = c.globalDefs();
        assertEquals("lb01", g.routerId());
        assertEquals(List.of("ops@example.com", "oncall@example.com"), g.notificationEmail());
        assertEquals("keepalived@example.com", g.notificationEmailFrom());
        assertEquals("192.0.2.25", g.smtpServer());
        assertEquals(2525, g.smtpPort());
        assertEquals(15, g.smtpConnectTimeoutSec());
        assertEquals("nobody", g.scriptUser());
        assertEquals("nogroup", g.scriptGroup());
        assertTrue(g.enableScriptSecurity());
        assertEquals(2, g.vrrpVersion());
        assertEquals(-10, g.vrrpNice());
        assertEquals(new GarpSettings(2, 3, 60, 1), g.garp());
    }

    @Test
    void vrrpScriptAndTrackFile() {
        VrrpScript s = c.vrrpScript("chk_nginx").orElseThrow();
        assertEquals(new VrrpScript("chk_nginx", List.of("/usr/bin/pgrep", "-x", "nginx"), 2, 1, -20, true, 3, 2, true,
                "www-data", "www-data"), s);
        var f = c.trackFiles().get(0);
        assertEquals("maint", f.name());
        assertEquals("/run/hakeeper/maint", f.file());
        assertEquals(0, f.weight());
        assertEquals(0, f.initValue());
        assertTrue(f.initOverwrite());
    }

    @Test
    void vrrpInstance() {
        VrrpInstance i = c.instance("VI_1").orElseThrow();
        assertEquals(VrrpInstance.State.MASTER, i.initialState());
        assertEquals("eth0", i.iface());
        assertEquals(51, i.vrid());
        assertEquals(150, i.priority());
        assertEquals(1000, i.advertIntMs());
        assertFalse(i.nopreempt());
        assertEquals(30, i.preemptDelaySec());
        assertNull(i.version());
        assertEquals(new Authentication(Authentication.Type.PASS, "s3cret"), i.authentication());
        assertEquals(List.of(
                new VirtualIp("192.0.2.100", 24, false, "eth0", "eth0:vip", "192.0.2.255", "global"),
                new VirtualIp("192.0.2.101", 32, false, null, null, null, null)), i.virtualIps());
        assertEquals("2001:db8::100/64", i.excludedVirtualIps().get(0).cidr());
        assertEquals(List.of(new TrackRef("chk_nginx", 10, false)), i.trackScripts());
        assertEquals(List.of(new TrackRef("eth1", -5, false), new TrackRef("eth2", null, false)), i.trackInterfaces());
        assertEquals(List.of(new TrackRef("maint", null, false)), i.trackFiles());
        assertEquals("192.0.2.11", i.unicastSrcIp());
        assertEquals(List.of("192.0.2.12", "192.0.2.13"), i.unicastPeers());
        assertEquals(List.of("/etc/hakeeper/notify.sh", "master"), i.notifyScripts().master());
        assertEquals(List.of("/etc/hakeeper/notify.sh", "backup"), i.notifyScripts().backup());
        assertEquals(List.of("/etc/hakeeper/notify.sh", "fault"), i.notifyScripts().fault());
        assertEquals(List.of("/etc/hakeeper/notify.sh", "stop"), i.notifyScripts().stop());
        assertEquals(List.of("/etc/hakeeper/notify-all.sh"), i.notifyScripts().any());
        assertEquals(new GarpSettings(1, 3, 60, 2), i.garp(), "instance settings override global_defs");
    }

    @Test
    void includedIpv6InstanceUsesVrrpV3AndFractionalAdverts() {
        VrrpInstance i = c.instance("VI_6").orElseThrow();
        assertEquals(3, i.version());
        assertEquals(500, i.advertIntMs());
        assertTrue(i.nopreempt());
        assertEquals("2001:db8::10/64", i.virtualIps().get(0).cidr());
        assertTrue(i.virtualIps().get(0).ipv6());
    }

    @Test
    void syncGroupAndVirtualServerGroup() {
        assertEquals(List.of("VI_1", "VI_6"), c.syncGroups().get(0).instances());
        assertEquals(List.of("/etc/hakeeper/group.sh"), c.syncGroups().get(0).notifyScripts().master());
        VirtualServerGroup g = c.virtualServerGroups().get(0);
        assertEquals(List.of(
                new VirtualServerGroup.Member("192.0.2.100", "192.0.2.100", 80, null, false),
                new VirtualServerGroup.Member("192.0.2.110", "192.0.2.120", 8080, null, false),
                new VirtualServerGroup.Member(null, null, null, 7, false)), g.members());
    }

    @Test
    void virtualServerWithEveryOption() {
        VirtualServer v = c.virtualServers().get(0);
        assertEquals("192.0.2.100:80", v.label());
        assertEquals(6, v.delayLoopSec());
        assertEquals("wrr", v.scheduler());
        assertEquals(VirtualServer.LbMethod.NAT, v.method());
        assertEquals(VirtualServer.DEFAULT_PERSISTENCE_TIMEOUT_SEC, v.persistenceTimeoutSec(),
                "persistence_timeout without a value means keepalived's 360 s");
        assertEquals("255.255.255.0", v.persistenceGranularity());
        assertEquals("192.0.2.200:8080", v.sorryServer().show());
        assertEquals(2, v.quorum());
        assertEquals(1, v.hysteresis());
        assertTrue(v.alpha() && v.omega() && v.inhibitOnFailure());
        assertEquals("www.example.com", v.virtualhost());
        assertEquals(List.of("/etc/hakeeper/quorum.sh", "up"), v.quorumUp());
        assertEquals(List.of("/etc/hakeeper/quorum.sh", "down"), v.quorumDown());
    }

    @Test
    void realServersAndCheckers() {
        List<RealServer> rs = c.virtualServers().get(0).realServers();
        RealServer r1 = rs.get(0);
        assertEquals(3, r1.weight());
        assertEquals(false, r1.inhibitOnFailure());
        assertEquals(List.of("/etc/hakeeper/rs.sh", "up"), r1.notifyUp());
        assertEquals(1000, r1.upperThreshold());
        assertEquals(100, r1.lowerThreshold());
        Checker.Http http = (Checker.Http) r1.checkers().get(0);
        assertEquals("HTTP_GET", http.keyword());
        assertEquals(List.of(new Checker.UrlCheck("/health", "9b3a0c85a887a256d6939da88aabd8cd", List.of(200, 204), null),
                new Checker.UrlCheck("/ready", null, List.of(200, 201, 202), "^ready [0-9]+$")), http.urls());
        assertEquals(new Checker.Connection("10.1.0.11", 8081, "10.1.0.254", 40000, null, 3, 4, 2, 5, 10),
                http.connection());
        assertEquals("www.example.com", http.virtualhost());

        RealServer r2 = rs.get(1);
        assertEquals(1, r2.weight());
        assertEquals("SSL_GET", r2.checkers().get(0).keyword());
        Checker.Misc misc = (Checker.Misc) r2.checkers().get(1);
        assertEquals(List.of("/etc/hakeeper/check.sh", "10.1.0.2"), misc.command());
        assertEquals(5, misc.timeoutSec());
        assertTrue(misc.dynamic());
        assertEquals("nobody", misc.user());

        RealServer r3 = rs.get(2);
        assertEquals("lb01.example.com", ((Checker.Smtp) r3.checkers().get(0)).heloName());
        assertEquals(4, r3.checkers().get(0).connection().connectTimeoutSec());
        assertEquals("A", ((Checker.Dns) r3.checkers().get(1)).queryType());
        assertEquals("example.com", ((Checker.Dns) r3.checkers().get(1)).queryName());
        assertEquals(Checker.Connection.DEFAULTS.retry(), r3.checkers().get(2).connection().retry());
        assertEquals(new Checker.Udp(r3.checkers().get(3).connection(), "0a0b", true), r3.checkers().get(3));
        assertEquals(53, r3.checkers().get(3).connection().connectPort());
        assertEquals("PING_CHECK", r3.checkers().get(4).keyword());
    }

    @Test
    void fwmarkGroupAndIpv6VirtualServers() {
        VirtualServer fw = c.virtualServers().get(1);
        assertEquals(VirtualServer.Kind.FWMARK, fw.kind());
        assertEquals(5, fw.fwmark());
        assertEquals("sh", fw.scheduler());
        assertEquals(VirtualServer.LbMethod.DR, fw.method());
        assertEquals(VirtualServer.Protocol.UDP, fw.protocol());
        VirtualServer group = c.virtualServers().get(2);
        assertEquals("web", group.group());
        assertEquals(VirtualServer.LbMethod.TUN, group.method());
        VirtualServer v6 = c.virtualServers().get(3);
        assertTrue(v6.ipv6());
        assertEquals("[2001:db8::80]:443", v6.label());
        assertEquals(VirtualServer.Protocol.SCTP, v6.protocol());
        assertEquals("64", v6.persistenceGranularity());
        assertEquals(600, v6.persistenceTimeoutSec());
    }

    @Test
    void zookeeperAndFenceExtensions() {
        var z = c.zookeeper();
        assertEquals("zk1.example.com:2181,10.0.0.6:2181,[2001:db8::7]:2181/chroot", z.connect());
        assertEquals("/ha", z.root());
        assertEquals("lb-prod", z.cluster());
        assertEquals(6000, z.sessionTimeoutMs());
        assertEquals(1000, z.tickTimeMs());
        assertEquals("/etc/hakeeper/zk.digest", z.authDigestFile());
        assertEquals(FenceSettings.OnZkLoss.HOLD, c.fence().onZkLoss());
    }

    @Test
    void defaultsWhenBlocksAreAbsent() {
        var r = Configs.check(Configs.INSTANCE);
        assertTrue(r.ok());
        var i = r.config().instances().get(0);
        assertEquals(VrrpInstance.State.BACKUP, i.initialState());
        assertEquals(1000, i.advertIntMs());
        assertEquals(Authentication.NONE, i.authentication());
        assertEquals(GarpSettings.KEEPALIVED_DEFAULTS, i.garp());
        assertEquals("/hakeeper", r.config().zookeeper().root());
        assertEquals("default", r.config().zookeeper().cluster());
        assertEquals(4000, r.config().zookeeper().sessionTimeoutMs());
        assertEquals(2000, r.config().zookeeper().tickTimeMs());
        assertEquals(FenceSettings.OnZkLoss.RELEASE, r.config().fence().onZkLoss());
    }
}
