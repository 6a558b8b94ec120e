package io.hakeeper.lab.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.zk.DrainRequest;
import io.hakeeper.common.zk.RecordCodec;
import io.hakeeper.common.zk.SwitchoverRequest;
import io.hakeeper.common.zk.ZkLayout;
import io.hakeeper.lab.LabAssumptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent side of {@code hactl drain} and {@code hactl switchover}: requests written to ZooKeeper. */
class FenceControlTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRoot() {
        LabAssumptions.assumeNamespaces();
    }

    private static final ZkLayout LAYOUT = new ZkLayout("/hakeeper", "fence-test");
    private static final RecordCodec CODEC = new RecordCodec();

    private static CuratorFramework client(FenceLab lab) throws InterruptedException {
        CuratorFramework c = CuratorFrameworkFactory.newClient(lab.zkConnectFromTest(), new RetryOneTime(100));
        c.start();
        assertTrue(c.blockUntilConnected(10, TimeUnit.SECONDS));
        return c;
    }

    static String jstack(long pid) {
        try {
            Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/jstack", Long.toString(pid))
                    .redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes());
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static void holderAndBackup(FenceLab lab) throws Exception {
        lab.startAgent("lb1", lab.config("lb1", 150, "    nopreempt", ""));
        assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000), lab.log("lb1"));
        lab.startAgent("lb2", lab.config("lb2", 100, "", ""));
        assertTrue(lab.awaitLog("lb2", "agent lb2 running"), lab.log("lb2"));
    }

    @Test
    void drainMovesTheVipAndUndrainMakesTheNodeEligibleAgain() throws Exception {
        try (FenceLab lab = new FenceLab(dir); CuratorFramework zk = client(lab)) {
            holderAndBackup(lab);
            long t = System.nanoTime();
            zk.create().creatingParentsIfNeeded().forPath(LAYOUT.drain("lb1"),
                    CODEC.encode(new DrainRequest("lb1", "test", System.currentTimeMillis(), "maintenance")));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 10_000), lab.timeline + lab.log("lb1"));
            long released = lab.timeline.firstRemovedAfter("lb1", t).orElseThrow();
            long taken = lab.timeline.firstAddedAfter("lb2", t).orElseThrow();
            System.out.printf("drain: lb2 held the VIP %.1f ms after lb1 released it%n", (taken - released) / 1e6);
            assertTrue(lab.awaitLog("lb1", "drained: giving up"), lab.log("lb1"));
            zk.delete().forPath(LAYOUT.drain("lb1"));
            assertTrue(lab.awaitLog("lb1", "undrained: eligible again"), lab.log("lb1"));
            assertEquals(0, lab.timeline.longestOverlapNanos(), lab.timeline.toString());
        }
    }

    @Test
    void switchoverHandsTheVipToItsTargetThroughTheFastPath() throws Exception {
        try (FenceLab lab = new FenceLab(dir); CuratorFramework zk = client(lab)) {
            holderAndBackup(lab);
            long t = System.nanoTime();
            zk.create().creatingParentsIfNeeded().forPath(LAYOUT.switchover("VI_1"), CODEC.encode(
                    new SwitchoverRequest("VI_1", "lb2", "test", System.currentTimeMillis(), "planned")));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 10_000), lab.timeline + lab.log("lb1"));
            long released = lab.timeline.firstRemovedAfter("lb1", t).orElseThrow();
            long taken = lab.timeline.firstAddedAfter("lb2", t).orElseThrow();
            System.out.printf("switchover: lb1 released %.0f ms after the request, lb2 held the VIP %.1f ms after"
                    + " the release%n", (released - t) / 1e6, (taken - released) / 1e6);
            assertEquals(0, lab.timeline.longestOverlapNanos(), lab.timeline.toString());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (zk.checkExists().forPath(LAYOUT.switchover("VI_1")) != null && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling ZooKeeper with a deadline
            }
            assertEquals(null, zk.checkExists().forPath(LAYOUT.switchover("VI_1")), "the new holder clears the request");
            assertTrue(lab.timeline.holds("lb2"), "lb1 has nopreempt: the VIP stays with lb2");
            // And straight back: the previous request's exclusions must not linger.
            long back = System.nanoTime();
            zk.create().creatingParentsIfNeeded().forPath(LAYOUT.switchover("VI_1"), CODEC.encode(
                    new SwitchoverRequest("VI_1", "lb1", "test", System.currentTimeMillis(), "back")));
            assertTrue(lab.timeline.await(() -> lab.timeline.firstAddedAfter("lb1", back).isPresent(), 10_000),
                    "the second switchover did not happen:\n" + lab.timeline + lab.log("lb1") + lab.log("lb2")
                            + jstack(lab.agent("lb1").pid()));
            assertEquals(0, lab.timeline.longestOverlapNanos(), lab.timeline.toString());
        }
    }

    /**
     * The holder node of a holding agent vanishes under it (a stale release of the previous holder
     * used to do this: a plain versioned delete cannot tell a successor's node from its own). The
     * better candidate then has no holder in its way; the holder must drop the VIPs before it lets
     * the latch go, never leave the latch with them.
     */
    @Test
    void aHolderWhoseNodeVanishesDropsTheVipBeforeTheNextInLineClaims() throws Exception {
        try (FenceLab lab = new FenceLab(dir); CuratorFramework zk = client(lab)) {
            lab.startAgent("lb2", lab.config("lb2", 100, "", ""));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 30_000), lab.log("lb2"));
            // lb1 is better but waits out a long preempt_delay: lb2 leads the latch and holds.
            lab.startAgent("lb1", lab.config("lb1", 150, "    preempt_delay 120", ""));
            assertTrue(lab.awaitLog("lb1", "agent lb1 running"), lab.log("lb1"));
            long t = System.nanoTime();
            zk.delete().forPath(LAYOUT.holder("VI_1"));
            assertTrue(lab.timeline.await(() -> lab.timeline.firstAddedAfter("lb1", t).isPresent(), 15_000),
                    "lb1 never claimed:\n" + lab.timeline + lab.log("lb1") + lab.log("lb2"));
            assertEquals(0, lab.timeline.longestOverlapNanos(), "two holders at once:\n" + lab.timeline
                    + lab.log("lb2"));
        }
    }
}
