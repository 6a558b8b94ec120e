package io.hakeeper.lab.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.lab.LabAssumptions;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fence proofs with separate agent processes, real namespaces and a real ZooKeeper server. */
class FenceCrashTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRoot() {
        LabAssumptions.assumeNamespaces();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    @Test
    void killedHolderLosesVipBeforeSuccessorClaims() throws Exception {
        try (FenceLab lab = new FenceLab(dir)) {
            lab.startAgent("lb1", lab.config("lb1", 150, "", ""));
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb1"), 30_000),
                    "lb1 never took the VIP:\n" + lab.log("lb1"));
            lab.startAgent("lb2", lab.config("lb2", 100, "", ""));
            assertTrue(lab.awaitLog("lb2", "agent lb2 running"),
                    "lb2 did not start:\n" + lab.log("lb2"));

            long killedAt = System.nanoTime();
            lab.agent("lb1").destroyForcibly(); // SIGKILL
            assertTrue(lab.timeline.await(() -> lab.timeline.holds("lb2"), 15_000),
                    "lb2 never took the VIP:\n" + lab.timeline + lab.log("lb2"));
            long gone = lab.timeline.firstRemovedAfter("lb1", killedAt).orElseThrow() - killedAt;
            long taken = lab.timeline.firstAddedAfter("lb2", killedAt).orElseThrow() - killedAt;
            long lease = FenceLab.SESSION_MS - (250 + FenceLab.TICK_MS / 2 + 1000 + 250 + 250);
            System.out.printf("kill -9: VIP gone from lb1 after %.0f ms, on lb2 after %.0f ms, overlap %.0f ms%n",
                    ms(gone), ms(taken), ms(lab.timeline.longestOverlapNanos()));
            assertEquals(0, lab.timeline.longestOverlapNanos(), "two holders at once:\n" + lab.timeline);
            assertTrue(ms(gone) <= lease + 1500, "old VIP outlived lease + 1.5 s: " + ms(gone) + " ms");
            assertTrue(ms(taken) <= FenceLab.SESSION_MS + FenceLab.TICK_MS + 1000,
                    "successor took longer than S + T + 1 s: " + ms(taken) + " ms");
        }
    }
}
