package io.hakeeper.lab.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.lab.LabAssumptions;
import io.hakeeper.lab.netns.Shell;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fence's failure scenarios (the fence issue's proof list), each against separate agent
 * processes in namespaces with a real ZooKeeper server. Every test asserts that no instant had
 * two holders, from netlink address events.
 */
class FenceScenariosTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRoot() {
        LabAssumptions.assumeNamespaces();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** lb1 (priority 150) holds, lb2 (100) is running as backup. */
    /** lb1's agent must never bring the VIP back on its own: with nopreempt only a failure of lb2 could. */
    private static final String NOPREEMPT = "    nopreempt";

    private static void holderAndBackup(FenceLab lab, String lb1Extra, String lb2Extra) throws Exception {
        lab.startAgent("lb1", lab.config("lb1", 150, lb1Extra, ""));
        assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000), "lb1 never took the VIP:\n"
                + lab.log("lb1"));
        lab.startAgent("lb2", lab.config("lb2", 100, lb2Extra, ""));
        assertTrue(lab.awaitLog("lb2", "agent lb2 running"), "lb2 did not start:\n" + lab.log("lb2"));
    }

    private static void assertNoOverlap(FenceLab lab) {
        assertEquals(0, lab.timeline.longestOverlapNanos(), "two holders at once:\n" + lab.timeline);
    }

    @Test
    void gracefulStopHandsOverWithinThreeHundredMilliseconds() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            Path log = dir.resolve("notify.log");
            Path script = dir.resolve("notify.sh");
            java.nio.file.Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + log + "\n");
            java.nio.file.Files.setPosixFilePermissions(script,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            holderAndBackup(lab, "    notify " + script + "\n    notify_master \"" + script + " became-master\"", "");
            long t = System.nanoTime();
            lab.signal("lb1", "TERM");
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 10_000), "lb2 never took over:\n"
                    + lab.timeline + lab.log("lb2"));
            long released = lab.timeline.firstRemovedAfter("lb1", t).orElseThrow();
            long taken = lab.timeline.firstAddedAfter("lb2", t).orElseThrow();
            System.out.printf("SIGTERM: lb1 released %.0f ms after the signal; lb2 held the VIP %.1f ms after the"
                    + " release%n", ms(released - t), ms(taken - released));
            if (System.getenv("HAKEEPER_FENCE_LOG_LEVEL") != null) {
                System.out.println("LB1:\n" + lab.log("lb1") + "\nLB2:\n" + lab.log("lb2"));
            }
            assertNoOverlap(lab);
            assertTrue(ms(taken - released) <= 300, "hand-over took " + ms(taken - released) + " ms");
            assertTrue(lab.agent("lb1").waitFor(10, TimeUnit.SECONDS), "lb1 did not exit on SIGTERM");
            // keepalived's notify arguments, in order: BACKUP at start, MASTER on the claim, STOP at exit.
            lab.timeline.await(() -> {
                try {
                    return java.nio.file.Files.readString(log).contains("STOP");
                } catch (java.io.IOException e) {
                    return false;
                }
            }, 5_000);
            assertEquals(java.util.List.of("INSTANCE VI_1 BACKUP 150", "became-master", "INSTANCE VI_1 MASTER 150",
                    "INSTANCE VI_1 STOP 150"), java.nio.file.Files.readAllLines(log).stream().sorted(
                    java.util.Comparator.comparingInt(l -> l.contains("BACKUP") ? 0 : l.contains("STOP") ? 3
                            : l.contains("became") ? 1 : 2)).toList());
        }
    }

    @Test
    void healthFailureOnTheHolderHandsOverWithinThreeHundredMilliseconds() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            Path healthy = dir.resolve("lb1.healthy");
            java.nio.file.Files.writeString(healthy, "ok");
            String script = """
                    vrrp_script chk_web {
                        script "/usr/bin/test -f %s"
                        interval 1
                        fall 1
                        rise 1
                    }
                    """.formatted(healthy);
            String track = "    track_script {\n        chk_web\n    }";
            lab.startAgent("lb1", lab.config("lb1", 150, track, script));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000), lab.log("lb1"));
            lab.startAgent("lb2", lab.config("lb2", 100, "", ""));
            assertTrue(lab.awaitLog("lb2", "agent lb2 running"), lab.log("lb2"));
            long t = System.nanoTime();
            java.nio.file.Files.delete(healthy);
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 10_000), "lb2 never took over:\n"
                    + lab.timeline + lab.log("lb1"));
            long released = lab.timeline.firstRemovedAfter("lb1", t).orElseThrow();
            long taken = lab.timeline.firstAddedAfter("lb2", t).orElseThrow();
            System.out.printf("vrrp_script failure: lb1 released %.0f ms after the file went (interval 1 s); lb2 held"
                    + " the VIP %.1f ms after the release%n", ms(released - t), ms(taken - released));
            assertNoOverlap(lab);
            assertTrue(ms(taken - released) <= 300, "hand-over took " + ms(taken - released) + " ms");
            assertTrue(lab.log("lb1").contains("not eligible"), lab.log("lb1"));
        }
    }

    @Test
    void claimAnnouncesTheVipWithGratuitousArps() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/tcpdump")),
                "needs tcpdump (bin/test installs it)");
        try (FenceLab lab = new FenceLab(dir)) {
            // Listen on lb2's side of the segment before lb1 claims.
            Process tcpdump = new ProcessBuilder("ip", "netns", "exec", lab.ns("lb2"), "tcpdump", "-i", "lan0", "-n",
                    "-l", "-c", "6", "arp").redirectErrorStream(true).start();
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(tcpdump.getInputStream()));
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.contains("listening on")) {
                seen.append(line).append('\n');
            }
            lab.startAgent("lb1", lab.config("lb1", 150, "    garp_master_repeat 3\n    garp_master_delay 1", ""));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000), lab.log("lb1"));
            assertTrue(tcpdump.waitFor(15, TimeUnit.SECONDS), "fewer than 2 x 3 gratuitous ARPs:\n" + seen);
            String captured = new String(tcpdump.getInputStream().readAllBytes());
            while ((line = out.readLine()) != null) {
                captured += line + "\n";
            }
            long announcements = captured.lines()
                    .filter(l -> l.contains("Request who-has " + FenceLab.VIP + " ") && l.contains("tell " + FenceLab.VIP + ","))
                    .count();
            System.out.println("gratuitous ARPs seen on the segment: " + announcements);
            assertEquals(6, announcements, captured);
        }
    }

    @Test
    void stoppedHolderNeverOverlapsEvenAfterItResumes() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            holderAndBackup(lab, NOPREEMPT, "");
            long t = System.nanoTime();
            lab.signal("lb1", "STOP");
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 15_000), "lb2 never took over:\n"
                    + lab.timeline + lab.log("lb2"));
            long taken = lab.timeline.firstAddedAfter("lb2", t).orElseThrow();
            // Stay stopped for 3 x S in all, then resume: the old holder must not bring the VIP back.
            long resumeAt = t + 3L * FenceLab.SESSION_MS * 1_000_000L;
            lab.timeline.await(() -> System.nanoTime() >= resumeAt, FenceLab.SESSION_MS * 3L);
            lab.signal("lb1", "CONT");
            // After SIGCONT either the watchdog (no renewal for longer than the lease) or the first
            // renewal's answer (session expired) ends the old tenure; both delete the VIPs.
            assertTrue(lab.awaitLog("lb1", "ZooKeeper connection LOST"), "lb1 did not notice it lost:\n"
                    + lab.log("lb1"));
            lab.timeline.await(() -> false, 3_000); // watch three more seconds for a comeback
            System.out.printf("SIGSTOP: lb2 held the VIP %.0f ms after the stop; after SIGCONT lb1 holds: %s%n",
                    ms(taken - t), lab.timeline.holds("lb1"));
            assertFalse(lab.timeline.holds("lb1"), "the resumed agent brought the VIP back:\n" + lab.timeline);
            assertTrue(lab.timeline.holds("lb2"));
            assertNoOverlap(lab);
        }
    }

    @Test
    void holderCutOffFromZooKeeperLosesTheVipBeforeTheSuccessorTakesIt() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            holderAndBackup(lab, NOPREEMPT, "");
            long t = System.nanoTime();
            lab.cutZooKeeper("lb1");
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 15_000), "lb2 never took over:\n"
                    + lab.timeline + lab.log("lb2"));
            long gone = lab.timeline.firstRemovedAfter("lb1", t).orElseThrow();
            long taken = lab.timeline.firstAddedAfter("lb2", t).orElseThrow();
            System.out.printf("ZooKeeper cut: lb1 dropped the VIP after %.0f ms, lb2 took it after %.0f ms%n",
                    ms(gone - t), ms(taken - t));
            lab.restoreZooKeeper("lb1");
            assertTrue(lab.awaitLog("lb1", "ZooKeeper connection RECONNECTED"), lab.log("lb1"));
            lab.timeline.await(() -> lab.timeline.holds("lb1"), 3_000); // a comeback would show here
            assertFalse(lab.timeline.holds("lb1"), "the reconnected agent took the VIP back:\n" + lab.timeline);
            assertTrue(lab.timeline.holds("lb2"));
            assertNoOverlap(lab);
        }
    }

    @Test
    void zooKeeperRestartWithinTheSessionTimeoutKeepsTheHolderAtMostWithALapse() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            holderAndBackup(lab, "", "");
            long t = System.nanoTime();
            lab.zk().restart();
            long restarted = System.nanoTime();
            lab.timeline.await(() -> false, 6_000); // let sessions reconnect and renewals resume
            System.out.printf("ZooKeeper restart took %.0f ms; lb1 holds afterwards: %s; lb2 ever held: %s%n",
                    ms(restarted - t), lab.timeline.holds("lb1"),
                    lab.timeline.firstAddedAfter("lb2", 0).isPresent());
            assertTrue(lab.timeline.holds("lb1"), "the holder lost the VIP for good:\n" + lab.timeline + lab.log("lb1"));
            assertTrue(lab.timeline.firstAddedAfter("lb2", 0).isEmpty(), "the VIP moved:\n" + lab.timeline);
            assertNoOverlap(lab);
        }
    }

    @Test
    void holdModeKeepsTheVipThroughAZooKeeperRestart() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            String hold = "fence {\n    on_zk_loss hold\n}\n";
            // S = 8 s: a restart here takes 1.5-3 s, plus up to 1 s for the client's reconnect back-off;
            // with the lab's usual 4 s a loaded machine pushes the reconnect past S, and the session's
            // expiry then rightly ends the hold.
            int sessionMs = 8000;
            lab.startAgent("lb1", lab.config("lb1", 150, "", hold, sessionMs));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000), lab.log("lb1"));
            lab.startAgent("lb2", lab.config("lb2", 100, "", hold, sessionMs));
            assertTrue(lab.awaitLog("lb2", "agent lb2 running"), lab.log("lb2"));
            long t = System.nanoTime();
            // Stopped and started within S (the scenario); the server's start-up alone takes
            // 1.5-3 s here, about the 2 s lease that release mode would let lapse.
            lab.zk().restart();
            long outage = System.nanoTime() - t;
            lab.timeline.await(() -> false, 4_000);
            assertTrue(outage < sessionMs * 1_000_000L, "the restart itself took longer than S");
            System.out.printf("hold mode, ZooKeeper down %.0f ms: lb1 lost the VIP: %s; lb2 held it: %s%n", ms(outage),
                    lab.timeline.firstRemovedAfter("lb1", t).isPresent(), lab.timeline.firstAddedAfter("lb2", t).isPresent());
            assertTrue(lab.timeline.firstRemovedAfter("lb1", t).isEmpty(), "the VIP flapped:\n" + lab.timeline
                    + lab.log("lb1"));
            assertTrue(lab.timeline.holds("lb1"));
            assertNoOverlap(lab);
        }
    }

    @Test
    void holderAdvertisesAndReleasesWithPriorityZero() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/tcpdump")),
                "needs tcpdump (bin/test installs it)");
        try (FenceLab lab = new FenceLab(dir)) {
            holderAndBackup(lab, "", "");
            Process tcpdump = new ProcessBuilder("ip", "netns", "exec", lab.ns("lb2"), "tcpdump", "-i", "lan0", "-n",
                    "-l", "-v", "vrrp").redirectErrorStream(true).start();
            StringBuffer seen = new StringBuffer();
            java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(tcpdump.getInputStream()))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        seen.append(line).append('\n');
                        if (line.contains("listening on")) {
                            listening.countDown();
                        }
                    }
                } catch (java.io.IOException e) {
                    // tcpdump was stopped
                }
            });
            reader.start();
            assertTrue(listening.await(10, TimeUnit.SECONDS), "tcpdump did not start: " + seen);
            lab.timeline.await(() -> false, 2_500); // two or three adverts at advert_int 1
            lab.signal("lb1", "TERM");
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 10_000), lab.timeline + lab.log("lb2"));
            lab.timeline.await(() -> false, 1_500);
            tcpdump.destroy();
            reader.join(5_000);
            String captured = seen.toString();
            System.out.println("VRRP on the segment:\n" + captured);
            assertTrue(captured.contains("10.99.0.11 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 150"), captured);
            assertTrue(captured.contains("10.99.0.11 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 0"), captured);
            assertTrue(captured.contains("10.99.0.12 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 100"), captured);
            assertTrue(!captured.contains("bad vrrp cksum"), captured);
        }
    }

    @Test
    void restartedAgentFirstRemovesLeftoverVips() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            // A VIP left on the interface with no lifetime, as keepalived or a crashed agent leaves it.
            Shell.ipIn(lab.ns("lb1"), "addr", "add", FenceLab.VIP + "/24", "dev", "lan0");
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 5_000));
            long t = System.nanoTime();
            lab.startAgent("lb1", lab.config("lb1", 150, "", ""));
            assertTrue(lab.awaitLog("lb1", "removed leftover VIPs at start-up"), lab.log("lb1"));
            assertTrue(lab.timeline.await(() -> lab.timeline.firstAddedAfter("lb1", t).isPresent(), 30_000),
                    "lb1 never claimed after cleaning up:\n" + lab.timeline + lab.log("lb1"));
            long removed = lab.timeline.firstRemovedAfter("lb1", t).orElseThrow();
            long claimed = lab.timeline.firstAddedAfter("lb1", t).orElseThrow();
            assertTrue(removed < claimed, "the leftover went only after the claim:\n" + lab.timeline);
            assertTrue(lab.log("lb1").indexOf("removed leftover") < lab.log("lb1").indexOf("connected to ZooKeeper"),
                    "clean-up must come before joining anything");
        }
    }

    @Test
    void recoveredHigherPriorityNodeTakesTheVipBackAfterPreemptDelay() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            lab.startAgent("lb2", lab.config("lb2", 100, "", ""));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 30_000), lab.log("lb2"));
            long t = System.nanoTime();
            lab.startAgent("lb1", lab.config("lb1", 150, "    preempt_delay 2", ""));
            assertTrue(lab.awaitLog("lb1", "agent lb1 running"), lab.log("lb1"));
            long up = System.nanoTime();
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000), "lb1 did not preempt:\n"
                    + lab.timeline + lab.log("lb1") + lab.log("lb2"));
            long took = lab.timeline.firstAddedAfter("lb1", t).orElseThrow();
            System.out.printf("preempt: lb1 took the VIP %.0f ms after it started running (preempt_delay 2 s)%n",
                    ms(took - up));
            // The delay counts from when lb1 became a candidate, a little before its "running" line.
            assertTrue(ms(took - up) >= 1500, "preempted before preempt_delay: " + ms(took - up) + " ms\n"
                    + lab.log("lb1") + "\n---\n" + lab.log("lb2"));
            assertNoOverlap(lab);
        }
    }

    @Test
    void nopreemptKeepsTheVipWithTheCurrentHolder() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            lab.startAgent("lb2", lab.config("lb2", 100, "", ""));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 30_000), lab.log("lb2"));
            lab.startAgent("lb1", lab.config("lb1", 150, "    nopreempt", ""));
            assertTrue(lab.awaitLog("lb1", "agent lb1 running"), lab.log("lb1"));
            lab.timeline.await(() -> lab.timeline.holds("lb1"), 4_000);
            assertFalse(lab.timeline.holds("lb1"), "nopreempt node took the VIP:\n" + lab.timeline);
            assertTrue(lab.timeline.holds("lb2"));
            // It still takes over when the holder goes.
            lab.signal("lb2", "TERM");
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 10_000), lab.timeline + lab.log("lb1"));
            assertNoOverlap(lab);
        }
    }
}
