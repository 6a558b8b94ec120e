package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.testsupport.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.vrrp.FactLog.Fact;
import io.hakeeper.agent.vrrp.FactLog.Kind;
import io.hakeeper.common.vrrp.IpFamily;
import io.hakeeper.common.vrrp.VrrpState;
import io.hakeeper.common.vrrp.VrrpTiming;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two speakers in two network namespaces on one segment, over real raw sockets: adverts flow,
 * the backup sees the master, and master-down detection fires on time when the master goes quiet
 * or releases. Prints the measured detection times.
 */
class SpeakerExchangeTest {

    private static VrrpLab lab;

    @BeforeAll
    static void createLab() {
        VrrpLab.assumeRoot();
        lab = VrrpLab.create(2);
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static Set<InetAddress> v4Members() {
        return Set.of(lab.v4(1), lab.v4(2));
    }

    private static VrrpSpeaker started(int node, SpeakerConfig config, FactLog log, TimedTransport[] timed)
            throws Exception {
        VrrpSpeaker s = new VrrpSpeaker(config, log, System::nanoTime, TimedTransport.raw(timed));
        lab.in(node, () -> {
            s.start();
            return null;
        });
        return s;
    }

    @Test
    void backupSeesMasterAndReportsSilenceWithinMasterDownIntervalWhenMasterStopsWithoutPriorityZero()
            throws Exception {
        FactLog logA = new FactLog();
        FactLog logB = new FactLog();
        TimedTransport[] timedA = new TimedTransport[1];
        VrrpSpeaker a = started(1, Speakers.v2("VI_A", 150, v4Members(), lab.v4Vip(1)), logA, timedA);
        VrrpSpeaker b = started(2, Speakers.v2("VI_B", 100, v4Members(), lab.v4Vip(1)), logB, new TimedTransport[1]);
        try {
            assertEquals(VrrpState.BACKUP, a.state());
            assertEquals(lab.v4(1), a.sourceAddress(), "the interface's primary address is the source");
            a.advertise(150);
            assertEquals(VrrpState.MASTER, a.state());
            Poll.until(Duration.ofSeconds(3), "backup sees the master", () -> logB.of(Kind.MASTER_SEEN).stream()
                    .anyMatch(f -> f.source().equals(lab.v4(1)) && f.priority() == 150));
            Poll.until(Duration.ofSeconds(4), "three adverts accepted", () -> b.counters().accepted() >= 3);
            assertEquals(VrrpState.BACKUP, b.state());
            assertEquals(lab.v4(1), b.currentMaster().orElseThrow());
            assertEquals(0, b.counters().droppedTotal(), b.counters().toString());
            assertEquals(0, logB.count(Kind.MASTER_SILENT), "no silence while the master advertises");

            a.close(); // a crash, as far as the wire can tell: no priority 0
            long lastAdvert = timedA[0].lastSend();
            Poll.until(Duration.ofSeconds(6), "master silent", () -> logB.count(Kind.MASTER_SILENT) == 1);
            Fact silent = logB.first(Kind.MASTER_SILENT).orElseThrow();
            long detection = silent.at() - lastAdvert;
            long interval = VrrpTiming.masterDownNanos(2, 100, 1_000_000_000L);
            System.out.printf("VRRPv2 advert_int 1 s, backup priority 100: Master_Down_Interval %.1f ms, master silent"
                    + " reported %.1f ms after the master's last advert (%+.1f ms)%n", interval / 1e6, detection / 1e6,
                    (detection - interval) / 1e6);
            assertEquals(lab.v4(1), silent.source(), "names the master it last heard");
            assertTrue(detection <= interval + 50_000_000L, "within Master_Down_Interval + 50 ms: " + detection);
            assertTrue(detection >= interval - 5_000_000L, "not early: " + detection);
            assertEquals(VrrpState.BACKUP, b.state(), "silence never makes a backup master");
        } finally {
            a.close();
            b.close();
        }
        assertEquals(VrrpSpeaker.Lifecycle.CLOSED, a.lifecycle());
    }

    @Test
    void releaseSendsPriorityZeroAndTheBackupReportsSilenceAfterSkewTime() throws Exception {
        FactLog logB = new FactLog();
        VrrpSpeaker a = started(1, Speakers.v2("VI_A", 150, v4Members(), lab.v4Vip(1)), new FactLog(),
                new TimedTransport[1]);
        VrrpSpeaker b = started(2, Speakers.v2("VI_B", 100, v4Members(), lab.v4Vip(1)), logB, new TimedTransport[1]);
        try {
            a.advertise(150);
            Poll.until(Duration.ofSeconds(3), "backup sees the master", () -> logB.count(Kind.MASTER_SEEN) > 0);
            long sentBefore = a.counters().sent();
            a.stopAdvertising(true);
            assertEquals(VrrpState.BACKUP, a.state());
            assertEquals(sentBefore + 1, a.counters().sent(), "exactly one priority-0 advert");
            Poll.until(Duration.ofSeconds(2), "priority 0 seen", () -> logB.count(Kind.PRIORITY_ZERO) == 1);
            Poll.until(Duration.ofSeconds(2), "master silent after skew", () -> logB.count(Kind.MASTER_SILENT) == 1);
            Fact zero = logB.first(Kind.PRIORITY_ZERO).orElseThrow();
            Fact silent = logB.first(Kind.MASTER_SILENT).orElseThrow();
            long skew = VrrpTiming.skewNanos(2, 100, 1_000_000_000L);
            long took = silent.at() - zero.at();
            System.out.printf("priority 0 from %s: backup reported master silent %.1f ms later (Skew_Time %.1f ms)%n",
                    zero.source().getHostAddress(), took / 1e6, skew / 1e6);
            assertEquals(lab.v4(1), zero.source());
            assertTrue(took <= skew + 50_000_000L && took >= skew - 5_000_000L, "Skew_Time after priority 0: " + took);
            assertEquals(VrrpState.BACKUP, b.state());
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void twoMastersEachReportAConflictAndNeitherYields() throws Exception {
        FactLog logA = new FactLog();
        FactLog logB = new FactLog();
        VrrpSpeaker a = started(1, Speakers.v2("VI_A", 150, v4Members(), lab.v4Vip(1)), logA, new TimedTransport[1]);
        VrrpSpeaker b = started(2, Speakers.v2("VI_B", 100, v4Members(), lab.v4Vip(1)), logB, new TimedTransport[1]);
        try {
            a.advertise(150);
            b.advertise(100);
            Poll.until(Duration.ofSeconds(3), "both see a conflict",
                    () -> logA.count(Kind.CONFLICT) > 0 && logB.count(Kind.CONFLICT) > 0);
            assertEquals(new Fact(Kind.CONFLICT, lab.v4(2), 100, "", 0), withoutTime(logA.first(Kind.CONFLICT).orElseThrow()));
            assertEquals(new Fact(Kind.CONFLICT, lab.v4(1), 150, "", 0), withoutTime(logB.first(Kind.CONFLICT).orElseThrow()));
            assertEquals(VrrpState.MASTER, a.state());
            assertEquals(VrrpState.MASTER, b.state(), "the lower priority does not yield: the fence decides");
            assertTrue(b.counters().conflicts() > 0);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void vrrpV3OverIpv6DetectsASilentMasterWithinMasterDownInterval() throws Exception {
        InetAddress linkLocalA = lab.v6LinkLocal(1);
        Set<InetAddress> members = Set.of(linkLocalA, lab.v6LinkLocal(2));
        InetAddress vip = InetAddress.getByName("2001:db8:51::100");
        FactLog logB = new FactLog();
        TimedTransport[] timedA = new TimedTransport[1];
        VrrpSpeaker a = started(1, Speakers.v3("VI6_A", IpFamily.IPV6, 10, 150, members, vip), new FactLog(), timedA);
        VrrpSpeaker b = started(2, Speakers.v3("VI6_B", IpFamily.IPV6, 10, 100, members, vip), logB,
                new TimedTransport[1]);
        try {
            assertEquals(linkLocalA, a.sourceAddress(), "IPv6 adverts come from the link-local address");
            a.advertise(150);
            Poll.until(Duration.ofSeconds(2), "backup sees the IPv6 master", () -> logB.of(Kind.MASTER_SEEN).stream()
                    .anyMatch(f -> f.source().equals(linkLocalA)));
            Poll.until(Duration.ofSeconds(2), "ten adverts", () -> b.counters().accepted() >= 10);
            assertEquals(0, b.counters().droppedTotal(), b.counters().toString());
            a.close();
            long lastAdvert = timedA[0].lastSend();
            Poll.until(Duration.ofSeconds(2), "master silent", () -> logB.count(Kind.MASTER_SILENT) == 1);
            long detection = logB.first(Kind.MASTER_SILENT).orElseThrow().at() - lastAdvert;
            long interval = VrrpTiming.masterDownNanos(3, 100, 100_000_000L);
            System.out.printf("VRRPv3/IPv6 advert_int 100 ms, backup priority 100: Master_Down_Interval %.1f ms, master"
                    + " silent reported %.1f ms after the last advert (%+.1f ms)%n", interval / 1e6, detection / 1e6,
                    (detection - interval) / 1e6);
            assertTrue(detection <= interval + 50_000_000L && detection >= interval - 5_000_000L, "detection " + detection);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void unicastPeersExchangeAdvertsWithoutMulticast() throws Exception {
        FactLog logB = new FactLog();
        SpeakerConfig ca = Speakers.unicast(Speakers.v2("VIU_A", 150, v4Members(), lab.v4Vip(2)), lab.v4(1),
                List.of(lab.v4(2)));
        SpeakerConfig cb = Speakers.unicast(Speakers.v2("VIU_B", 100, v4Members(), lab.v4Vip(2)), lab.v4(2),
                List.of(lab.v4(1)));
        VrrpSpeaker a = started(1, ca, new FactLog(), new TimedTransport[1]);
        VrrpSpeaker b = started(2, cb, logB, new TimedTransport[1]);
        try {
            a.advertise(150);
            Poll.until(Duration.ofSeconds(3), "backup sees the unicast master", () -> logB.of(Kind.MASTER_SEEN).stream()
                    .anyMatch(f -> f.source().equals(lab.v4(1))));
            assertEquals(0, b.counters().droppedTotal(), b.counters().toString());
        } finally {
            a.close();
            b.close();
        }
    }

    private static Fact withoutTime(Fact f) {
        return new Fact(f.kind(), f.source(), f.priority(), f.detail(), 0);
    }
}
