package io.hakeeper.controller.lab;

import static io.hakeeper.controller.lab.ControllerLab.VIP1;
import static io.hakeeper.controller.lab.ControllerLab.VIP2;
import static io.hakeeper.controller.lab.ControllerLab.within;
import static io.hakeeper.controller.support.ClusterWaits.candidate;
import static io.hakeeper.controller.support.ClusterWaits.holder;
import static io.hakeeper.controller.support.ClusterWaits.currentMember;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hakeeper.controller.support.ClusterWaits;
import io.hakeeper.controller.support.HaCtlRun;
import io.hakeeper.controller.support.HaCtlRun.Result;
import io.hakeeper.controller.support.SchemaCheck;
import io.hakeeper.controller.zk.ConnectionSettings;
import io.hakeeper.controller.zk.ZkSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * hactl against real agents (separate processes in network namespaces) and a real ZooKeeper, in
 * one lab whose state each step builds on: the steps run in order, each names what it proves.
 * Every finding's exit code is shown by creating its condition for real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HactlLabTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private ControllerLab lab;
    private ZkSession zk;
    private HaCtlRun hactl;
    private HaCtlRun observer;
    private HaCtlRun anonymous;

    @BeforeAll
    void startTwoDirectors() throws Exception {
        ControllerLab.assumeRoot();
        lab = new ControllerLab(dir);
        anonymous = new HaCtlRun("--zk", lab.zkConnect(), "--cluster", ControllerLab.CLUSTER);
        hactl = anonymous.with("--auth-digest-file", lab.writerDigest().toString());
        observer = anonymous.with("--auth-digest-file", lab.readerDigest().toString());
        zk = ZkSession.open(new ConnectionSettings(lab.zkConnect(), "/hakeeper", ControllerLab.CLUSTER,
                lab.writerDigest(), WAIT));
        lab.startAgent("lb1", lab.config("lb1", 150));
        assertTrue(ClusterWaits.until(zk, s -> holder("VI_1", "lb1").test(s) && holder("VI_2", "lb1").test(s), WAIT),
                lab.logs());
        lab.startAgent("lb2", lab.config("lb2", 100));
        assertTrue(ClusterWaits.until(zk, s -> candidate("VI_1", "lb2").test(s) && candidate("VI_2", "lb2").test(s),
                WAIT), lab.logs());
    }

    @AfterAll
    void removeLab() throws Exception {
        if (zk != null) {
            zk.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static JsonNode json(Result r) {
        return SchemaCheck.valid(r.out());
    }

    private static Set<String> codes(JsonNode report, String field, String severity) {
        Set<String> out = new TreeSet<>();
        report.get(field).forEach(f -> {
            if (f.get("severity").asText().equals(severity)) {
                out.add(f.get("code").asText());
            }
        });
        return out;
    }

    private static JsonNode instance(JsonNode status, String name) {
        for (JsonNode i : status.get("instances")) {
            if (i.get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no instance " + name + " in " + status);
    }

    private static JsonNode member(JsonNode instance, String node) {
        for (JsonNode m : instance.get("members")) {
            if (m.get("node").asText().equals(node)) {
                return m;
            }
        }
        throw new AssertionError("no member " + node + " in " + instance);
    }

    private static Set<String> nodes(JsonNode status) {
        Set<String> out = new TreeSet<>();
        status.get("nodes").forEach(n -> out.add(n.get("node").asText()));
        return out;
    }

    private String holderOf(JsonNode status, String inst) {
        JsonNode h = instance(status, inst).get("holder");
        return h.isNull() ? null : h.get("node").asText();
    }

    // ---- steps -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void statusOfAHealthyClusterShowsHoldersMembersAndNodesAndExitsZero() {
        Result r = hactl.run("status", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode s = json(r);
        assertEquals("healthy", s.get("health").asText());
        for (String inst : new String[] {"VI_1", "VI_2"}) {
            JsonNode i = instance(s, inst);
            assertEquals("lb1", i.get("holder").get("node").asText());
            assertTrue(i.get("holder").get("epoch").asLong() >= 1);
            assertTrue(member(i, "lb1").get("holder").asBoolean());
            assertEquals(150, member(i, "lb1").get("basePriority").asInt());
            assertEquals("MASTER", member(i, "lb1").get("state").asText());
            assertTrue(member(i, "lb2").get("eligible").asBoolean());
            assertEquals("BACKUP", member(i, "lb2").get("state").asText());
        }
        assertEquals(51, instance(s, "VI_1").get("vrid").asInt());
        assertEquals(VIP1 + "/24", instance(s, "VI_1").get("vips").get(0).asText());
        assertEquals(Set.of("lb1", "lb2"), nodes(s));
        s.get("nodes").forEach(n -> {
            assertEquals(ControllerLab.SESSION_MS, n.get("fence").get("sessionTimeoutMs").asInt());
            assertTrue(n.get("fence").get("safe").asBoolean());
            assertFalse(n.get("drained").asBoolean());
        });
        assertEquals(Set.of(), codes(s, "findings", "degraded"));
        assertEquals(Set.of(), codes(s, "findings", "critical"));

        Result text = hactl.run("status");
        assertEquals(0, text.exit(), text.toString());
        String[] lines = text.out().split("\n");
        int header = indexOf(lines, "INSTANCE  VRID");
        int vi1 = indexOf(lines, "VI_1 ");
        assertEquals(lines[header].indexOf("HOLDER"), lines[vi1].indexOf("lb1"), "columns align:\n" + text.out());
        assertTrue(text.out().contains("* lb1"), "the holder is marked:\n" + text.out());
        System.out.println("hactl status (healthy):\n" + text.out());
    }

    private static int indexOf(String[] lines, String prefix) {
        for (int k = 0; k < lines.length; k++) {
            if (lines[k].startsWith(prefix)) {
                return k;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in\n" + String.join("\n", lines));
    }

    @Test
    @Order(2)
    void withoutTheAgentsIdentityNobodyReadsAndTheReadOnlyIdentityChangesNothing() throws Exception {
        Result stranger = anonymous.run("status");
        assertEquals(77, stranger.exit(), stranger.toString());
        assertTrue(stranger.err().contains("no permission") && stranger.err().contains("unauthenticated client")
                && stranger.err().contains("--auth-digest-file"), stranger.err());

        assertEquals(0, observer.run("status").exit(), "the read-only identity reads");
        Result refused = observer.run("drain", "lb2", "--force");
        assertEquals(77, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("identity 'observer'") && refused.err().contains("writer"), refused.err());
        Result refusedSwitch = observer.run("switchover", "VI_1", "--to", "lb2");
        assertEquals(77, refusedSwitch.exit(), refusedSwitch.toString());

        String holder = "/hakeeper/lab/instances/VI_1/holder";
        try (CuratorFramework plain = CuratorFrameworkFactory.newClient(lab.zkConnect(), new RetryOneTime(10))) {
            plain.start();
            assertThrows(KeeperException.NoAuthException.class, () -> plain.getData().forPath(holder));
            assertThrows(KeeperException.NoAuthException.class, () -> plain.getChildren().forPath("/hakeeper/lab"));
            assertThrows(KeeperException.NoAuthException.class,
                    () -> plain.create().forPath("/hakeeper/lab/control", new byte[0]));
            assertThrows(KeeperException.NoAuthException.class, () -> plain.delete().forPath(holder));
        }
        try (CuratorFramework reader = CuratorFrameworkFactory.builder().connectString(lab.zkConnect())
                .retryPolicy(new RetryOneTime(10))
                .authorization("digest", "observer:reader-secret".getBytes(StandardCharsets.UTF_8)).build()) {
            reader.start();
            reader.getData().forPath(holder);
            assertThrows(KeeperException.NoAuthException.class,
                    () -> reader.setData().forPath("/hakeeper/lab/instances/VI_1/members/lb2", new byte[] {1}));
            assertThrows(KeeperException.NoAuthException.class, () -> reader.delete().forPath(holder));
            assertThrows(KeeperException.NoAuthException.class,
                    () -> reader.create().forPath("/hakeeper/lab/control", new byte[0]));
        }
    }

    @Test
    @Order(3)
    void drainMovesEveryVipAndLeavesASingleEligibleMember() throws Exception {
        Result unknownTarget = hactl.run("switchover", "VI_1", "--to", "lb9");
        assertEquals(64, unknownTarget.exit(), unknownTarget.toString());
        assertTrue(unknownTarget.err().contains("unknown node 'lb9'"), unknownTarget.err());
        Result refuse = hactl.run("drain", "lb9");
        assertEquals(64, refuse.exit(), refuse.toString());
        assertTrue(refuse.err().contains("unknown node 'lb9'") && refuse.err().contains("lb1, lb2"), refuse.err());

        Result r = hactl.run("drain", "lb1", "--wait", "--reason", "kernel update", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode d = json(r);
        assertEquals("completed", d.get("outcome").asText());
        assertEquals(2, d.get("moved").size(), r.out());
        d.get("moved").forEach(m -> assertEquals("lb2", m.get("to").asText()));
        assertTrue(within(3000, () -> lab.holds("lb2", VIP1) && lab.holds("lb2", VIP2)), "VIPs on lb2");
        assertFalse(lab.holds("lb1", VIP1) || lab.holds("lb1", VIP2), "no VIP left on lb1");
        System.out.println("hactl drain lb1 --wait: " + d);

        Result status = observer.run("status", "--json"); // also proves hactl's drain node is readable by the observer
        assertEquals(1, status.exit(), status.toString());
        JsonNode s = json(status);
        assertEquals(Set.of("drained", "single-eligible-member"), new TreeSet<>(union(codes(s, "findings", "info"),
                codes(s, "findings", "degraded"))));
        JsonNode lb1 = member(instance(s, "VI_1"), "lb1");
        assertFalse(lb1.get("eligible").asBoolean());
        assertTrue(lb1.get("reason").asText().contains("drained"), lb1.toString());
        s.get("nodes").forEach(n -> assertEquals(n.get("node").asText().equals("lb1"), n.get("drained").asBoolean()));

        Result orphan = hactl.run("drain", "lb2");
        assertEquals(64, orphan.exit(), orphan.toString());
        assertTrue(orphan.err().contains("leaves VI_1, VI_2 without an eligible member"), orphan.err());
        Result ineligible = hactl.run("switchover", "VI_1", "--to", "lb1");
        assertEquals(64, ineligible.exit(), ineligible.toString());
        assertTrue(ineligible.err().contains("not eligible") && ineligible.err().contains("hactl undrain lb1"),
                ineligible.err());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * Order matters here because of an agent bug (reported, not fixed in this module): once a
     * switchover request is deleted, a node that stepped aside for it throws in
     * InstanceFence.standing() on every evaluation of that instance, and ControlWatcher's apply,
     * which walks the instances in order, stops there. So VI_2 (the last instance) switches first
     * and VI_1 second; step 7 restarts lb2, which clears the wedge.
     */
    @Test
    @Order(4)
    void switchoverWaitReturnsOnceTheNewHolderIsConfirmedWhileFollowAndWatchSeeItHappen() throws Exception {
        Result undrain = hactl.run("undrain", "lb1", "--wait");
        assertEquals(0, undrain.exit(), undrain.toString());
        assertEquals(0, hactl.run("status").exit(), "healthy again after undrain");

        HaCtlRun.Background follow = hactl.background("events", "--follow", "--json");
        HaCtlRun.Background watch = observer.background("status", "--watch", "--json");
        assertTrue(within(10_000, () -> follow.out().contains("\n") && watch.out().contains("\n")), "both started");

        Result any = hactl.run("switchover", "VI_2", "--wait", "--json");
        assertEquals(0, any.exit(), any.toString() + lab.logs());
        JsonNode j = json(any);
        assertEquals("completed", j.get("outcome").asText());
        assertEquals("lb2", j.get("from").asText());
        assertEquals("lb1", j.get("newHolder").asText());
        assertTrue(within(3000, () -> lab.holds("lb1", VIP2) && !lab.holds("lb2", VIP2)), "VIP2 moved to lb1");
        System.out.println("hactl switchover VI_2 --wait: lb2 -> lb1 in " + j.get("tookMs") + " ms");

        assertTrue(within(5000, () -> follow.out().contains("\"kind\":\"switchover\",\"instance\":\"VI_2\",\"node\":\"lb1\"")),
                follow.out());
        assertTrue(within(5000, () -> lastLine(watch.out()).contains("\"name\":\"VI_2\",\"vrid\":52,\"vips\":[\""
                + VIP2 + "/24\"],\"holder\":{\"node\":\"lb1\"")), watch.out());
        Result followEnd = follow.stop();
        Result watchEnd = watch.stop();
        assertEquals(0, followEnd.exit(), followEnd.toString());
        for (String line : followEnd.out().split("\n")) {
            SchemaCheck.valid(line);
        }
        String[] drawn = watchEnd.out().split("\n");
        for (String line : drawn) {
            SchemaCheck.valid(line);
            assertFalse(line.contains("\"code\":\"no-agents\""), "never drawn from a half-filled cache: " + line);
        }
        assertEquals(SchemaCheck.valid(drawn[drawn.length - 1]).get("exitCode").asInt(), watchEnd.exit(),
                "--watch exits with the last drawn state's code");
        assertTrue(drawn.length >= 2, "redrawn on change:\n" + watchEnd.out());
        assertTrue(drawn.length < 40, "redrawn per change, not continuously: " + drawn.length + " draws");

        Result r = hactl.run("switchover", "VI_1", "--to", "lb1", "--wait");
        assertEquals(0, r.exit(), r.toString());
        Matcher m = Pattern.compile("VI_1: lb2 -> lb1 in (\\d+) ms \\(epoch (\\d+)\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        long took = Long.parseLong(m.group(1));
        System.out.println("hactl switchover VI_1 --to lb1 --wait: " + r.out().trim());
        assertTrue(took < 3000, "the fast path takes well under the session timeout: " + took + " ms");
        assertTrue(within(3000, () -> lab.holds("lb1", VIP1) && !lab.holds("lb2", VIP1)), "VIP1 moved to lb1");

        Result unknown = hactl.run("switchover", "VI_9");
        assertEquals(64, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("unknown instance 'VI_9'") && unknown.err().contains("VI_1, VI_2"),
                unknown.err());
        Result same = hactl.run("switchover", "VI_1", "--to", "lb1");
        assertEquals(0, same.exit(), same.toString());
        assertTrue(same.out().contains("already holds"), same.out());
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    @Test
    @Order(5)
    void eventsListTheTransitionsAndTheOperatorsRequests() {
        Result r = hactl.run("events", "--since", "10m", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode e = json(r);
        Set<String> kinds = new TreeSet<>();
        e.get("events").forEach(ev -> kinds.add(ev.get("kind").asText()));
        assertTrue(kinds.containsAll(Set.of("claim", "fault", "switchover", "drain", "undrain")), kinds.toString());
        Result text = observer.run("events", "--instance", "VI_1");
        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.out().startsWith("TIME"), text.out());
        assertFalse(text.out().contains(" VI_2 "), "filtered by instance:\n" + text.out());
        System.out.println("hactl events --instance VI_1:\n" + text.out());
    }

    @Test
    @Order(6)
    void doctorChecksTheEnsembleTheFenceBudgetsAndTheClocks() {
        Result r = observer.run("doctor", "--json");
        JsonNode d = json(r);
        assertEquals(1, r.exit(), r.toString()); // a standalone server is no ensemble
        JsonNode server = d.get("servers").get(0);
        assertTrue(server.get("reachable").asBoolean());
        assertEquals("standalone", server.get("mode").asText());
        assertEquals(500, server.get("tickTimeMs").asInt());
        assertTrue(server.get("minSessionTimeoutMs").asInt() <= ControllerLab.SESSION_MS
                && ControllerLab.SESSION_MS <= server.get("maxSessionTimeoutMs").asInt(), server.toString());
        assertEquals(Set.of("standalone-ensemble"), codes(d, "checks", "degraded"));
        assertTrue(codes(d, "checks", "ok").containsAll(Set.of("tick-time-mismatch", "session-limits", "version-skew",
                "clock-skew", "server-mode", "unsafe-fence-budget")), d.get("checks").toString());
        Set<String> clocked = new TreeSet<>();
        d.get("clocks").get("nodes").forEach(n -> {
            clocked.add(n.get("node").asText());
            assertTrue(Math.abs(n.get("offsetMs").asLong()) < 1000, "same host, same clock: " + n);
        });
        assertEquals(Set.of("lb1", "lb2"), clocked);
        Result text = observer.run("doctor");
        assertTrue(text.out().contains("CHECKS") && text.out().contains("-> run an ensemble of 3 or 5 servers"),
                text.out());
        System.out.println("hactl doctor:\n" + text.out());
    }

    @Test
    @Order(7)
    void aKeepalivedAdvertisingOurVridIsAForeignRouterUntilItFallsSilent() throws Exception {
        ControllerLab.assumeTool("keepalived");
        try (ControllerLab.Keepalived keepalived = lab.startKeepalived(51, 250, "10.97.0.199")) {
            boolean seen = ClusterWaits.until(zk, s -> s.instance("VI_1").map(i -> i.members().stream()
                    .anyMatch(m -> m.record().vrrp() != null
                            && m.record().vrrp().foreignRouters().contains("10.97.0.13"))).orElse(false), WAIT);
            assertTrue(seen, lab.logs() + "\n--- keepalived\n" + keepalived.log());
            Result status = hactl.run("status", "--json");
            assertEquals(1, status.exit(), status.toString());
            assertEquals(Set.of("foreign-router"), codes(json(status), "findings", "degraded"));
            JsonNode holderView = member(instance(json(status), "VI_1"), "lb1").get("vrrp");
            assertEquals("10.97.0.11", holderView.get("master").asText(), "the holder is the master it advertises as");
            assertTrue(hactl.run("status").out().contains("10.97.0.13"));
            Result doctor = hactl.run("doctor");
            assertTrue(doctor.out().contains("10.97.0.13"), doctor.out());
            System.out.println("hactl status with a keepalived on the segment:\n" + hactl.run("status").out());
            // Still the holder: a foreign advert moves no timer and takes nothing.
            assertTrue(lab.holds("lb1", VIP1));
        }
        assertTrue(ClusterWaits.until(zk, s -> s.instance("VI_1").map(i -> i.members().stream()
                .allMatch(m -> m.record().vrrp() == null || m.record().vrrp().foreignRouters().isEmpty()))
                .orElse(false), WAIT), "the finding clears once keepalived is silent");
        assertEquals(0, hactl.run("status").exit());
    }

    @Test
    @Order(8)
    void aVipAddedByHandOnTheBackupIsADuplicateVipUntilRemoved() throws Exception {
        lab.addAddressByHand("lb2", VIP1);
        try {
            assertTrue(ClusterWaits.until(zk, s -> s.instance("VI_1").flatMap(i -> i.member("lb2"))
                    .map(m -> m.record().addressesSeen().stream().anyMatch(a -> a.startsWith(VIP1)))
                    .orElse(false), WAIT), lab.logs());
            Result status = hactl.run("status", "--json");
            assertEquals(2, status.exit(), status.toString());
            assertEquals(Set.of("duplicate-vip"), codes(json(status), "findings", "critical"));
            Result doctor = hactl.run("doctor");
            assertTrue(doctor.out().contains("ip addr del " + VIP1), doctor.out());
            System.out.println("hactl status with " + VIP1 + " added by hand on lb2:\n" + hactl.run("status").out());
        } finally {
            lab.deleteAddressByHand("lb2", VIP1);
        }
        assertTrue(ClusterWaits.until(zk, s -> s.instance("VI_1").flatMap(i -> i.member("lb2"))
                .map(m -> m.record().addressesSeen().isEmpty()).orElse(false), WAIT), lab.logs());
        assertEquals(0, hactl.run("status").exit());
    }

    @Test
    @Order(9)
    void anAgentWithAnotherVridOrAShorterTickIsCriticalInStatusAndDoctor() throws Exception {
        lab.stop("lb2"); // SIGTERM: releases VI_1 at once
        assertTrue(ClusterWaits.until(zk, s -> holder("VI_1", "lb1").test(s) && !s.nodes().containsKey("lb2"), WAIT),
                lab.logs());
        lab.startAgent("lb2", lab.config("lb2", 100, 61, 250));
        assertTrue(ClusterWaits.until(zk, currentMember("VI_1", "lb2"), WAIT), lab.logs());

        Result status = hactl.run("status", "--json");
        assertEquals(2, status.exit(), status.toString());
        assertEquals(Set.of("member-disagreement"), codes(json(status), "findings", "critical"));

        Result doctor = hactl.run("doctor", "--json");
        assertEquals(2, doctor.exit(), doctor.toString());
        JsonNode d = json(doctor);
        assertEquals(Set.of("tick-time-mismatch"), codes(d, "checks", "critical"));
        assertTrue(doctor.out().contains("set tick_time 500 in lb2's zookeeper block"), doctor.out());

        lab.stop("lb2");
        lab.startAgent("lb2", lab.config("lb2", 100));
        assertTrue(ClusterWaits.until(zk, s -> candidate("VI_1", "lb2").test(s) && candidate("VI_2", "lb2").test(s),
                WAIT), lab.logs());
        assertEquals(0, hactl.run("status").exit());
    }

    @Test
    @Order(10)
    void statusBeforeAndAfterTheHolderIsKilledShowsTheFailover() throws Exception {
        JsonNode before = json(hactl.run("status", "--json"));
        assertEquals("lb1", holderOf(before, "VI_1"));
        assertEquals("lb1", holderOf(before, "VI_2"));
        long epochBefore = instance(before, "VI_1").get("holder").get("epoch").asLong();

        long killed = System.nanoTime();
        lab.kill("lb1");
        JsonNode during = json(hactl.run("status", "--json"));
        assertEquals("lb1", holderOf(during, "VI_1"), "until its session expires, the killed node still holds");

        assertTrue(ClusterWaits.until(zk, s -> holder("VI_1", "lb2").test(s) && holder("VI_2", "lb2").test(s), WAIT),
                lab.logs());
        System.out.printf("kill -9 of the holder: hactl status shows lb2 holding after %d ms%n",
                (System.nanoTime() - killed) / 1_000_000L);
        Result after = hactl.run("status", "--json");
        assertEquals(1, after.exit(), after.toString());
        JsonNode a = json(after);
        assertEquals("lb2", holderOf(a, "VI_1"));
        assertTrue(instance(a, "VI_1").get("holder").get("epoch").asLong() > epochBefore);
        assertEquals(Set.of("lb2"), nodes(a));
        assertEquals(Set.of("single-eligible-member"), codes(a, "findings", "degraded"));
        assertTrue(within(3000, () -> lab.holds("lb2", VIP1) && lab.holds("lb2", VIP2)), "VIPs on lb2");
    }

    @Test
    @Order(11)
    void garbageInAMemberNodeIsReportedAsUnreadableAndDegrades() throws Exception {
        String path = "/hakeeper/lab/instances/VI_2/members/lb2";
        zk.client().setData().forPath(path, "{not json".getBytes(StandardCharsets.UTF_8));
        Result r = hactl.run("status", "--json");
        assertEquals(1, r.exit(), r.toString());
        JsonNode s = json(r);
        assertTrue(codes(s, "findings", "degraded").contains("unreadable-record"), r.out());
        assertEquals(path, s.get("unreadable").get(0).get("path").asText());
        assertEquals("NOT_JSON", s.get("unreadable").get(0).get("failure").asText());
        Result text = hactl.run("status");
        assertTrue(text.out().contains("(unreadable record)"), text.out());
    }

    @Test
    @Order(12)
    void noHolderIsCritical() throws Exception {
        Result r = hactl.run("drain", "lb2", "--force", "--wait");
        assertEquals(0, r.exit(), r.toString());
        Result s = hactl.run("status", "--json");
        assertEquals(2, s.exit(), s.toString());
        JsonNode j = json(s);
        assertEquals(Set.of("no-holder"), codes(j, "findings", "critical"));
        assertTrue(within(3000, () -> !lab.holds("lb2", VIP1) && !lab.holds("lb2", VIP2)), "no VIP anywhere");
        assertEquals(0, hactl.run("undrain", "lb2").exit());
    }

    @Test
    @Order(13)
    void unreachableZooKeeperExitsThreeAndSaysWhichAddressAndWhat() throws Exception {
        lab.zk().stop();
        Result r = hactl.with("--timeout", "2s").run("status");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains(lab.zkConnect() + ": connection refused"), r.err());
        Result doctor = hactl.with("--timeout", "2s").run("doctor", "--json");
        assertEquals(3, doctor.exit(), doctor.toString());
        JsonNode d = json(doctor);
        assertFalse(d.get("servers").get(0).get("reachable").asBoolean());
    }
}
