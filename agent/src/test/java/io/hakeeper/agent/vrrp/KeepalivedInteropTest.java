package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.testsupport.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.vrrp.FactLog.Kind;
import io.hakeeper.common.vrrp.IpFamily;
import io.hakeeper.common.vrrp.VrrpState;
import io.hakeeper.common.vrrp.VrrpTiming;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's keepalived on the same segment, same VRID and password, lower priority: it stays BACKUP
 * (its VIP never appears) while our speaker advertises, takes over on our priority-0 release well
 * before its Master_Down_Interval, and our speaker decodes its adverts and reports it as a foreign
 * router without ever claiming.
 */
class KeepalivedInteropTest {

    private static final int OUR_PRIORITY = 100;
    private static final int KEEPALIVED_PRIORITY = 50;
    private static VrrpLab lab;

    @BeforeAll
    static void createLab() {
        VrrpLab.assumeRoot();
        VrrpLab.assumeTool("keepalived");
        lab = VrrpLab.create(2);
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void keepalivedStaysBackupWhileWeAdvertiseAndTakesOverOnOurPriorityZeroV2() throws Exception {
        interop(2, Speakers.v2("VI_HK", OUR_PRIORITY, Set.of(lab.v4(1)), lab.v4Vip(5)), lab.v4Vip(5));
    }

    @Test
    void keepalivedStaysBackupWhileWeAdvertiseAndTakesOverOnOurPriorityZeroV3() throws Exception {
        interop(3, Speakers.v3("VI_HK3", IpFamily.IPV4, 100, OUR_PRIORITY, Set.of(lab.v4(1)), lab.v4Vip(6)),
                lab.v4Vip(6));
    }

    private void interop(int version, SpeakerConfig ours, InetAddress vip) throws Exception {
        FactLog facts = new FactLog();
        VrrpSpeaker speaker = new VrrpSpeaker(ours, facts);
        lab.in(1, () -> {
            speaker.start();
            return null;
        });
        // keepalived's own timers (RFC 3768 / 5798 section 6.1 at its priority and advert_int 1 s)
        long kaMasterDown = VrrpTiming.masterDownNanos(version, KEEPALIVED_PRIORITY, 1_000_000_000L);
        Keepalived keepalived = null;
        try {
            speaker.advertise(OUR_PRIORITY);
            keepalived = Keepalived.start(lab, 2, version, KEEPALIVED_PRIORITY, vip);
            keepalived.awaitLog("Entering BACKUP STATE", Duration.ofSeconds(10));
            String vipText = vip.getHostAddress() + "/32";
            Keepalived ka = keepalived;
            Poll.holdsFor(Duration.ofNanos(kaMasterDown + 2_000_000_000L), "keepalived stays BACKUP while we advertise",
                    () -> !lab.addresses(2).contains(vipText) && !ka.log().contains("Entering MASTER STATE"));
            assertEquals(0, facts.count(Kind.FOREIGN), "a keepalived backup sends nothing");

            speaker.stopAdvertising(true);
            long released = System.nanoTime();
            long took = Poll.until(Duration.ofNanos(kaMasterDown), "keepalived to take the VIP after our priority 0",
                    () -> lab.addresses(2).contains(vipText));
            System.out.printf("keepalived (VRRPv%d, priority %d) took the VIP %.0f ms after our priority-0 advert; its"
                    + " Master_Down_Interval is %.0f ms. keepalived's log:%n%s%n", version, KEEPALIVED_PRIORITY,
                    (System.nanoTime() - released) / 1e6, kaMasterDown / 1e6,
                    String.join("\n", Keepalived.stateLines(keepalived.log())));
            assertTrue(took < kaMasterDown - 1_000_000_000L, "took the priority-0 path, not its timeout: " + took);
            assertTrue(keepalived.log().contains("Backup received priority 0 advertisement"), keepalived.log());
            assertTrue(keepalived.log().contains("Entering MASTER STATE"), keepalived.log());

            Poll.until(Duration.ofSeconds(3), "our speaker reports keepalived as a foreign router",
                    () -> facts.of(Kind.FOREIGN).stream().anyMatch(f -> f.source().equals(lab.v4(2))
                            && f.priority() == KEEPALIVED_PRIORITY));
            Poll.until(Duration.ofSeconds(3), "several keepalived adverts", () -> speaker.counters().foreignAdverts() >= 2);
            VrrpCounters counters = speaker.counters();
            System.out.println("our speaker after keepalived took over: " + counters);
            assertEquals(0, counters.droppedTotal(), "keepalived's adverts decode cleanly: " + counters);
            assertEquals(java.util.List.of(lab.v4(2)), counters.foreignRouters());
            assertEquals(VrrpState.BACKUP, speaker.state(), "a foreign master never makes us claim or yield");
            assertFalse(speaker.currentMaster().isPresent(), "a foreign router is not our master");
        } finally {
            speaker.close();
            if (keepalived != null) {
                keepalived.close();
            }
        }
    }
}
