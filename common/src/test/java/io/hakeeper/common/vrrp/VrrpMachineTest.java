package io.hakeeper.common.vrrp;

import static io.hakeeper.common.vrrp.MachineFixture.GROUP;
import static io.hakeeper.common.vrrp.MachineFixture.OTHER_PEER;
import static io.hakeeper.common.vrrp.MachineFixture.PEER;
import static io.hakeeper.common.vrrp.MachineFixture.SECOND;
import static io.hakeeper.common.vrrp.MachineFixture.SELF;
import static io.hakeeper.common.vrrp.MachineFixture.STRANGER;
import static io.hakeeper.common.vrrp.MachineFixture.only;
import static io.hakeeper.common.vrrp.MachineFixture.tick;
import static io.hakeeper.common.vrrp.MachineFixture.v2;
import static io.hakeeper.common.vrrp.MachineFixture.v2From;
import static io.hakeeper.common.vrrp.MachineFixture.v3;
import static io.hakeeper.common.vrrp.MachineFixture.v3From;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.vrrp.VrrpAction.CancelTimer;
import io.hakeeper.common.vrrp.VrrpAction.ConflictingMaster;
import io.hakeeper.common.vrrp.VrrpAction.ForeignRouter;
import io.hakeeper.common.vrrp.VrrpAction.MasterSeen;
import io.hakeeper.common.vrrp.VrrpAction.MasterSilent;
import io.hakeeper.common.vrrp.VrrpAction.PriorityZeroSeen;
import io.hakeeper.common.vrrp.VrrpAction.ScheduleTimer;
import io.hakeeper.common.vrrp.VrrpAction.SendAdvert;
import io.hakeeper.common.vrrp.VrrpAction.StateChanged;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The state machine on a fake clock: every timer at its edge, every kind of advert, every command. */
class VrrpMachineTest {

    /** RFC 3768 section 6.1 at priority 100, advert_int 1: 3 s + (256 - 100) / 256 s. */
    private static final long V2_MASTER_DOWN = 3 * SECOND + 609_375_000L;
    private static final long V2_SKEW = 609_375_000L;
    private static final long T0 = 5_000 * SECOND; // an arbitrary origin; only differences matter

    private static VrrpMachine backupAt(long now, VrrpMachineConfig config) {
        VrrpMachine m = new VrrpMachine(config);
        m.on(new VrrpInput.BecomeBackup(now));
        return m;
    }

    private static VrrpMachine masterAt(long now, VrrpMachineConfig config) {
        VrrpMachine m = new VrrpMachine(config);
        m.on(new VrrpInput.BecomeMaster(now, config.priority()));
        return m;
    }

    // ---- initial state ----

    @Test
    void startsInInitWithNoTimerAndDoesNothingOnTicks() {
        VrrpMachine m = new VrrpMachine(v2());
        assertEquals(VrrpState.INIT, m.state());
        assertEquals(OptionalLong.empty(), m.deadline());
        assertEquals(List.of(), m.on(tick(T0)));
        assertEquals(List.of(), m.on(tick(T0 + 100 * SECOND)));
    }

    // ---- BACKUP: master-down detection ----

    @Test
    void becomingBackupArmsMasterDownIntervalAndItFiresExactlyAtItsEdge() {
        VrrpMachine m = new VrrpMachine(v2());
        List<VrrpAction> actions = m.on(new VrrpInput.BecomeBackup(T0));
        assertEquals(List.of(new StateChanged(VrrpState.INIT, VrrpState.BACKUP), new ScheduleTimer(T0 + V2_MASTER_DOWN)),
                actions);
        assertEquals(List.of(), m.on(tick(T0 + V2_MASTER_DOWN - 1)), "one nanosecond early: nothing");
        List<VrrpAction> fired = m.on(tick(T0 + V2_MASTER_DOWN));
        assertEquals(List.of(new CancelTimer(), new MasterSilent(V2_MASTER_DOWN, null)), fired);
        assertEquals(VrrpState.BACKUP, m.state(), "master silent is a fact, never a claim");
        assertEquals(OptionalLong.empty(), m.deadline());
    }

    @Test
    void masterSilentIsReportedOncePerSilence() {
        VrrpMachine m = backupAt(T0, v2());
        assertEquals(1, only(m.on(tick(T0 + V2_MASTER_DOWN)), MasterSilent.class).size());
        assertEquals(List.of(), m.on(tick(T0 + 2 * V2_MASTER_DOWN)));
        assertEquals(List.of(), m.on(tick(T0 + 100 * V2_MASTER_DOWN)));
        // A member advertises again: detection re-arms, and the next silence is reported again.
        long back = T0 + 200 * SECOND;
        m.on(v2From(back, PEER, 150));
        List<MasterSilent> again = only(m.on(tick(back + V2_MASTER_DOWN)), MasterSilent.class);
        assertEquals(List.of(new MasterSilent(V2_MASTER_DOWN, PEER)), again);
        assertEquals(VrrpState.BACKUP, m.state());
    }

    @Test
    void memberAdvertResetsMasterDownTimerFromItsArrival() {
        VrrpMachine m = backupAt(T0, v2());
        long heard = T0 + 3 * SECOND; // just before the first deadline
        assertEquals(List.of(new ScheduleTimer(heard + V2_MASTER_DOWN), new MasterSeen(PEER, 150)),
                m.on(v2From(heard, PEER, 150)));
        assertEquals(List.of(), m.on(tick(T0 + V2_MASTER_DOWN)), "the old deadline no longer fires");
        assertEquals(List.of(), m.on(tick(heard + V2_MASTER_DOWN - 1)));
        assertEquals(1, only(m.on(tick(heard + V2_MASTER_DOWN)), MasterSilent.class).size());
    }

    @Test
    void masterSeenIsReportedWhenTheMasterOrItsPriorityChangesNotOnEveryAdvert() {
        VrrpMachine m = backupAt(T0, v2());
        assertEquals(1, only(m.on(v2From(T0 + SECOND, PEER, 150)), MasterSeen.class).size());
        assertEquals(0, only(m.on(v2From(T0 + 2 * SECOND, PEER, 150)), MasterSeen.class).size());
        assertEquals(List.of(new MasterSeen(PEER, 140)), only(m.on(v2From(T0 + 3 * SECOND, PEER, 140)), MasterSeen.class));
        assertEquals(List.of(new MasterSeen(OTHER_PEER, 140)),
                only(m.on(v2From(T0 + 4 * SECOND, OTHER_PEER, 140)), MasterSeen.class));
        assertEquals(OTHER_PEER, m.currentMaster().orElseThrow());
    }

    @Test
    void lowerPriorityMemberStillResetsTheTimerBecauseTheFenceNotVrrpDecidesWhoIsMaster() {
        VrrpMachine m = backupAt(T0, v2()); // we are 100
        List<VrrpAction> actions = m.on(v2From(T0 + SECOND, PEER, 1));
        assertTrue(actions.contains(new ScheduleTimer(T0 + SECOND + V2_MASTER_DOWN)), actions.toString());
    }

    @Test
    void priorityZeroFromMemberShortensTheTimerToSkewTime() {
        VrrpMachine m = backupAt(T0, v2());
        m.on(v2From(T0 + SECOND, PEER, 150));
        long released = T0 + 2 * SECOND;
        assertEquals(List.of(new PriorityZeroSeen(PEER), new ScheduleTimer(released + V2_SKEW)),
                m.on(v2From(released, PEER, 0)));
        assertTrue(m.currentMaster().isEmpty(), "a released master is no longer current");
        assertEquals(List.of(), m.on(tick(released + V2_SKEW - 1)));
        assertEquals(List.of(new CancelTimer(), new MasterSilent(V2_MASTER_DOWN, PEER)), m.on(tick(released + V2_SKEW)));
        assertEquals(VrrpState.BACKUP, m.state());
    }

    @Test
    void skewFollowsOurPriorityNotTheMasters() {
        VrrpMachine m = backupAt(T0, v2());
        m.on(new VrrpInput.SetPriority(T0, 255));
        List<VrrpAction> actions = m.on(v2From(T0 + SECOND, PEER, 10));
        // (256 - 255) / 256 s
        assertTrue(actions.contains(new ScheduleTimer(T0 + SECOND + 3 * SECOND + SECOND / 256)), actions.toString());
        assertEquals(List.of(new PriorityZeroSeen(PEER), new ScheduleTimer(T0 + 2 * SECOND + SECOND / 256)),
                m.on(v2From(T0 + 2 * SECOND, PEER, 0)));
    }

    @Test
    void v3UsesCentisecondIntervalsAndScaledSkew() {
        VrrpMachine m = new VrrpMachine(v3(10)); // 100 ms
        long masterDown = 300_000_000L + (256 - 100) * 100_000_000L / 256;
        assertEquals(masterDown, m.masterDownIntervalNanos());
        assertTrue(m.on(new VrrpInput.BecomeBackup(T0)).contains(new ScheduleTimer(T0 + masterDown)));
        assertEquals(List.of(), m.on(tick(T0 + masterDown - 1)));
        assertEquals(1, only(m.on(tick(T0 + masterDown)), MasterSilent.class).size());
    }

    @Test
    void v3BackupAdoptsTheMastersAdvertInterval() {
        VrrpMachine m = backupAt(T0, v3(100));
        long heard = T0 + SECOND;
        List<VrrpAction> actions = m.on(v3From(heard, PEER, 200, 50)); // master sends every 500 ms
        long adopted = 3 * 500_000_000L + (256 - 100) * 500_000_000L / 256;
        assertTrue(actions.contains(new ScheduleTimer(heard + adopted)), actions.toString());
        assertEquals(500_000_000L, m.masterAdverIntervalNanos());
        assertEquals(adopted, m.masterDownIntervalNanos());
        // Priority 0 then uses the skew of the adopted interval (RFC 5798 section 6.4.2).
        long released = heard + 100_000_000L;
        assertTrue(m.on(v3From(released, PEER, 0, 50))
                .contains(new ScheduleTimer(released + (256 - 100) * 500_000_000L / 256)));
    }

    @Test
    void v3BackupReturnsToItsOwnIntervalWhenItBecomesBackupAgain() {
        VrrpMachine m = backupAt(T0, v3(100));
        m.on(v3From(T0 + SECOND, PEER, 200, 50));
        m.on(new VrrpInput.BecomeMaster(T0 + 2 * SECOND, 100));
        m.on(new VrrpInput.BecomeBackup(T0 + 3 * SECOND));
        assertEquals(SECOND, m.masterAdverIntervalNanos());
    }

    @Test
    void v2IntervalIsNeverAdoptedFromAnAdvert() {
        VrrpMachine m = backupAt(T0, v2());
        // The decoder drops v2 adverts with another interval (RFC 3768 section 7.1); even if one got
        // through, the v2 Master_Down_Interval is built from our own Advertisement_Interval.
        VrrpInput.Received odd = new VrrpInput.Received(T0 + SECOND, PEER,
                MachineFixture.ok(VrrpAdvert.v2(51, 150, 3, MachineFixture.AUTH, List.of(MachineFixture.VIP))));
        assertTrue(m.on(odd).contains(new ScheduleTimer(T0 + SECOND + V2_MASTER_DOWN)));
    }

    // ---- MASTER ----

    @Test
    void becomingMasterAdvertisesAtOnceThenEveryIntervalWithoutDrift() {
        VrrpMachine m = new VrrpMachine(v2());
        List<VrrpAction> first = m.on(new VrrpInput.BecomeMaster(T0, 150));
        assertEquals(List.of(new StateChanged(VrrpState.INIT, VrrpState.MASTER),
                new SendAdvert(v2().advert(150)), new ScheduleTimer(T0 + SECOND)), first);
        assertEquals(List.of(), m.on(tick(T0 + SECOND - 1)));
        // Woken 3 ms late: the next deadline still counts from the previous one.
        assertEquals(List.of(new SendAdvert(v2().advert(150)), new ScheduleTimer(T0 + 2 * SECOND)),
                m.on(tick(T0 + SECOND + 3_000_000L)));
        assertEquals(List.of(new SendAdvert(v2().advert(150)), new ScheduleTimer(T0 + 3 * SECOND)),
                m.on(tick(T0 + 2 * SECOND)));
    }

    @Test
    void masterThatSleptThroughIntervalsSendsOneAdvertNotABurst() {
        VrrpMachine m = masterAt(T0, v2());
        long late = T0 + 10 * SECOND + 5;
        List<VrrpAction> actions = m.on(tick(late));
        assertEquals(1, only(actions, SendAdvert.class).size());
        assertEquals(List.of(new ScheduleTimer(late + SECOND)), only(actions, ScheduleTimer.class));
        assertEquals(List.of(), m.on(tick(late + 1)));
    }

    @Test
    void masterHearingAnotherMemberReportsAConflictAndStaysMaster() {
        VrrpMachine m = masterAt(T0, v2());
        for (int priority : new int[] {1, 99, 100, 101, 255}) {
            List<VrrpAction> actions = m.on(v2From(T0 + SECOND / 2, PEER, priority));
            assertEquals(List.of(new ConflictingMaster(PEER, priority)), actions, "priority " + priority);
            assertEquals(VrrpState.MASTER, m.state());
        }
        assertEquals(OptionalLong.of(T0 + SECOND), m.deadline(), "the advert schedule is untouched");
    }

    @Test
    void masterHearingPriorityZeroAdvertisesAtOnceAndResetsItsTimer() {
        VrrpMachine m = masterAt(T0, v2());
        long at = T0 + SECOND / 3;
        assertEquals(List.of(new PriorityZeroSeen(PEER), new SendAdvert(v2().advert(100)), new ScheduleTimer(at + SECOND)),
                m.on(v2From(at, PEER, 0)));
        assertEquals(VrrpState.MASTER, m.state());
    }

    @Test
    void setPriorityChangesTheNextAdvertNotTheSchedule() {
        VrrpMachine m = masterAt(T0, v2());
        assertEquals(List.of(), m.on(new VrrpInput.SetPriority(T0 + 1, 90)));
        assertEquals(List.of(new SendAdvert(v2().advert(90)), new ScheduleTimer(T0 + 2 * SECOND)), m.on(tick(T0 + SECOND)));
        assertThrows(IllegalArgumentException.class, () -> new VrrpInput.SetPriority(T0, 0));
        assertThrows(IllegalArgumentException.class, () -> new VrrpInput.BecomeMaster(T0, 256));
    }

    @Test
    void becomeMasterWhileMasterOnlyUpdatesThePriority() {
        VrrpMachine m = masterAt(T0, v2());
        assertEquals(List.of(), m.on(new VrrpInput.BecomeMaster(T0 + 5, 120)));
        assertEquals(120, m.priority());
        assertEquals(List.of(new SendAdvert(v2().advert(120)), new ScheduleTimer(T0 + 2 * SECOND)), m.on(tick(T0 + SECOND)));
    }

    // ---- leaving MASTER ----

    @Test
    void releaseSendsOnePriorityZeroAdvertThenListens() {
        VrrpMachine m = masterAt(T0, v2());
        long at = T0 + SECOND / 2;
        List<VrrpAction> actions = m.on(new VrrpInput.Release(at));
        assertEquals(List.of(new SendAdvert(v2().advert(0)), new StateChanged(VrrpState.MASTER, VrrpState.BACKUP),
                new ScheduleTimer(at + V2_MASTER_DOWN)), actions);
        assertEquals(List.of(), m.on(tick(T0 + SECOND)), "no advert at the old master deadline");
        assertEquals(List.of(), m.on(new VrrpInput.Release(at + 1)), "releasing twice sends nothing more");
    }

    @Test
    void becomeBackupFromMasterStopsAdvertsWithoutPriorityZero() {
        VrrpMachine m = masterAt(T0, v2());
        List<VrrpAction> actions = m.on(new VrrpInput.BecomeBackup(T0 + 10));
        assertEquals(List.of(new StateChanged(VrrpState.MASTER, VrrpState.BACKUP), new ScheduleTimer(T0 + 10 + V2_MASTER_DOWN)),
                actions);
    }

    @Test
    void faultFromMasterSendsPriorityZeroAndStopsAllTimers() {
        VrrpMachine m = masterAt(T0, v2());
        assertEquals(List.of(new SendAdvert(v2().advert(0)), new StateChanged(VrrpState.MASTER, VrrpState.FAULT),
                new CancelTimer()), m.on(new VrrpInput.Fault(T0 + 1)));
        assertEquals(List.of(), m.on(tick(T0 + 100 * SECOND)));
        assertEquals(List.of(new MasterSeen(PEER, 150)), m.on(v2From(T0 + 2 * SECOND, PEER, 150)), "FAULT still listens");
        assertEquals(List.of(new PriorityZeroSeen(PEER)), m.on(v2From(T0 + 3 * SECOND, PEER, 0)));
        assertEquals(OptionalLong.empty(), m.deadline());
    }

    @Test
    void faultFromBackupSendsNothing() {
        VrrpMachine m = backupAt(T0, v2());
        assertEquals(List.of(new StateChanged(VrrpState.BACKUP, VrrpState.FAULT), new CancelTimer()),
                m.on(new VrrpInput.Fault(T0 + 1)));
    }

    @Test
    void stopFromMasterSendsNothingAsACrashWould() {
        VrrpMachine m = masterAt(T0, v2());
        assertEquals(List.of(new StateChanged(VrrpState.MASTER, VrrpState.INIT), new CancelTimer()),
                m.on(new VrrpInput.Stop(T0 + 1)));
    }

    @Test
    void releaseOrBackupFromFaultListensAgain() {
        VrrpMachine m = new VrrpMachine(v2());
        m.on(new VrrpInput.Fault(T0));
        assertEquals(List.of(new StateChanged(VrrpState.FAULT, VrrpState.BACKUP), new ScheduleTimer(T0 + 1 + V2_MASTER_DOWN)),
                m.on(new VrrpInput.Release(T0 + 1)));
    }

    // ---- what must change nothing ----

    @Test
    void spoofedPriority255FromANonMemberNeitherYieldsNorClaimsNorMovesATimer() {
        VrrpMachine backup = backupAt(T0, v2());
        VrrpMachine master = masterAt(T0, v2());
        for (long t = T0 + SECOND / 10; t < T0 + V2_MASTER_DOWN; t += SECOND / 10) {
            assertEquals(List.of(new ForeignRouter(STRANGER, 255)), backup.on(v2From(t, STRANGER, 255)));
            assertEquals(List.of(new ForeignRouter(STRANGER, 255)), master.on(v2From(t, STRANGER, 255)));
            assertEquals(List.of(new ForeignRouter(STRANGER, 0)), backup.on(v2From(t, STRANGER, 0)));
        }
        assertEquals(VrrpState.BACKUP, backup.state());
        assertTrue(backup.currentMaster().isEmpty(), "a foreign router is never taken for our master");
        assertEquals(OptionalLong.of(T0 + V2_MASTER_DOWN), backup.deadline(), "the foreign adverts did not hold off detection");
        assertEquals(1, only(backup.on(tick(T0 + V2_MASTER_DOWN)), MasterSilent.class).size());
        assertEquals(VrrpState.MASTER, master.state());
        assertEquals(OptionalLong.of(T0 + SECOND), master.deadline());
    }

    @Test
    void rejectedPacketsChangeNothingInAnyState() {
        for (VrrpMachine m : List.of(new VrrpMachine(v2()), backupAt(T0, v2()), masterAt(T0, v2()))) {
            VrrpState before = m.state();
            OptionalLong deadline = m.deadline();
            for (RejectReason reason : RejectReason.values()) {
                assertEquals(List.of(), m.on(new VrrpInput.Received(T0 + 1, PEER, new DecodeResult.Rejected(reason, "test"))));
            }
            assertEquals(before, m.state());
            assertEquals(deadline, m.deadline());
        }
    }

    @Test
    void advertForAnotherVirtualRouterIsIgnored() {
        VrrpMachine m = backupAt(T0, v2());
        VrrpInput.Received otherVrid = new VrrpInput.Received(T0 + 1, PEER,
                MachineFixture.ok(VrrpAdvert.v2(52, 150, 1, MachineFixture.AUTH, List.of(MachineFixture.VIP))));
        VrrpInput.Received otherVersion = v3From(T0 + 1, PEER, 150, 100);
        assertEquals(List.of(), m.on(otherVrid));
        assertEquals(List.of(), m.on(otherVersion));
        assertEquals(OptionalLong.of(T0 + V2_MASTER_DOWN), m.deadline());
    }

    @Test
    void configRefusesWhatNoRouterCouldSend() {
        assertThrows(IllegalArgumentException.class, () -> new VrrpMachineConfig(51, 2, IpFamily.IPV6, VrrpAuth.NONE, 1,
                List.of(), 100, a -> true));
        assertThrows(IllegalArgumentException.class, () -> new VrrpMachineConfig(51, 3, IpFamily.IPV4,
                MachineFixture.AUTH, 100, List.of(), 100, a -> true));
        assertThrows(IllegalArgumentException.class, () -> new VrrpMachineConfig(0, 2, IpFamily.IPV4, VrrpAuth.NONE, 1,
                List.of(), 100, a -> true));
        assertThrows(IllegalArgumentException.class, () -> new VrrpMachineConfig(51, 2, IpFamily.IPV4, VrrpAuth.NONE, 0,
                List.of(), 100, a -> true));
        assertThrows(IllegalArgumentException.class, () -> new VrrpMachineConfig(51, 2, IpFamily.IPV4, VrrpAuth.NONE, 1,
                List.of(), 0, a -> true));
        assertFalse(v2().expectation(false).unicast());
        assertEquals(GROUP, IpFamily.IPV4.multicastGroup());
        assertTrue(v2().isMember().test(SELF));
    }
}
