package io.hakeeper.common.election;

import io.hakeeper.common.election.Decision.Claim;
import io.hakeeper.common.election.Decision.Hold;
import io.hakeeper.common.election.Decision.Release;
import io.hakeeper.common.election.Decision.ReleaseReason;
import io.hakeeper.common.election.Decision.Requeue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static io.hakeeper.common.election.Views.heldBy;
import static io.hakeeper.common.election.Views.ineligible;
import static io.hakeeper.common.election.Views.liveSession;
import static io.hakeeper.common.election.Views.member;
import static io.hakeeper.common.election.Views.nopreempt;
import static io.hakeeper.common.election.Views.self;
import static io.hakeeper.common.election.Views.session;
import static io.hakeeper.common.election.Views.settings;
import static io.hakeeper.common.election.Views.stableSince;
import static io.hakeeper.common.election.Views.withDelay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidacyTest {

    private static final long NOW = 100_000;

    private static Decision decide(List<MemberView> members, SelfView self, Optional<HolderView> holder) {
        return Candidacy.decide(members, self, holder, settings(), NOW);
    }

    private static Decision decide(List<MemberView> members, SelfView self, Optional<HolderView> holder,
                                   CandidacySettings settings, long now) {
        return Candidacy.decide(members, self, holder, settings, now);
    }

    // ---- fresh election -------------------------------------------------------------------------

    @Test
    void leaderThatIsBestClaimsWhenNoOneHolds() {
        Decision d = decide(List.of(member("lb02", 100)), self("lb01", 150, true), Optional.empty());
        assertInstanceOf(Claim.class, d);
        assertEquals(OptionalLong.empty(), d.reevaluateAtMs());
    }

    @Test
    void leaderThatIsNotBestRequeuesAndRejoins() {
        Requeue r = assertInstanceOf(Requeue.class,
                decide(List.of(member("lb02", 200)), self("lb01", 150, true), Optional.empty()));
        assertTrue(r.rejoin());
        assertTrue(r.why().contains("lb02 (priority 200)"), r.why());
    }

    @Test
    void nonLeaderHoldsEvenWhenBest() {
        assertInstanceOf(Hold.class, decide(List.of(member("lb02", 100)), self("lb01", 150, false), Optional.empty()));
    }

    @Test
    void tieGoesToTheLexicographicallySmallerNodeId() {
        assertInstanceOf(Requeue.class, decide(List.of(member("lb01", 100)), self("lb02", 100, true), Optional.empty()));
        assertInstanceOf(Claim.class, decide(List.of(member("lb02", 100)), self("lb01", 100, true), Optional.empty()));
        assertInstanceOf(Claim.class, decide(List.of(member("lb10", 100)), self("lb02", 100, true), Optional.empty()),
                "string order, not numeric: lb02 < lb10");
        assertInstanceOf(Requeue.class, decide(List.of(member("LB9", 100)), self("lb1", 100, true), Optional.empty()),
                "upper case sorts before lower case");
    }

    @Test
    void ineligibleLeaderRequeuesWithoutRejoining() {
        SelfView drained = new SelfView("lb01", session("lb01"), true, 150, false, "drained", 0);
        Requeue r = assertInstanceOf(Requeue.class, decide(List.of(member("lb02", 100)), drained, Optional.empty()));
        assertFalse(r.rejoin());
        assertTrue(r.why().contains("drained"), r.why());
    }

    @Test
    void drainedMemberNeverWinsWhateverItsPriority() {
        List<MemberView> members = List.of(ineligible(member("lb01", 250)));
        assertInstanceOf(Claim.class, decide(members, self("lb02", 100, true), Optional.empty()));
    }

    @Test
    void ourOwnLaggingRecordIsIgnoredInFavourOfTheFreshSelfView() {
        List<MemberView> members = List.of(member("lb01", 250), member("lb02", 150));
        assertInstanceOf(Requeue.class, decide(members, self("lb01", 100, true), Optional.empty()));
    }

    @Test
    void noEligibleCandidateAtAllMeansNoClaim() {
        SelfView faulted = new SelfView("lb01", session("lb01"), true, 100, false, "interface eth0 down", 0);
        Requeue r = assertInstanceOf(Requeue.class,
                decide(List.of(ineligible(member("lb02", 100))), faulted, Optional.empty()));
        assertFalse(r.rejoin());
        assertEquals(Optional.empty(), Candidacy.bestCandidate(List.of(ineligible(member("lb02", 100))), faulted,
                Optional.empty(), settings(), NOW));
    }

    // ---- stale and inconsistent members ---------------------------------------------------------

    @Test
    void memberLeftByAnEarlierSessionDoesNotWin() {
        MemberView stale = liveSession(member("lb01", 250), 777_777);
        assertInstanceOf(Claim.class, decide(List.of(stale), self("lb02", 100, true), Optional.empty()));
    }

    @Test
    void memberWhoseNodeRecordIsGoneDoesNotWin() {
        MemberView orphan = liveSession(member("lb01", 250), MemberView.NO_SESSION);
        assertInstanceOf(Claim.class, decide(List.of(orphan), self("lb02", 100, true), Optional.empty()));
    }

    @Test
    void memberWithAnotherVridOrOtherVipsDoesNotWin() {
        MemberView m = member("lb01", 250);
        MemberView otherVrid = new MemberView("lb01", m.sessionId(), m.liveSessionId(), 52, m.vips(), 250, true,
                false, 0, 0);
        MemberView otherVips = new MemberView("lb01", m.sessionId(), m.liveSessionId(), 51, Set.of("10.0.0.4/32"),
                250, true, false, 0, 0);
        assertInstanceOf(Claim.class, decide(List.of(otherVrid), self("lb02", 100, true), Optional.empty()));
        assertInstanceOf(Claim.class, decide(List.of(otherVips), self("lb02", 100, true), Optional.empty()));
    }

    @Test
    void holderLeftByOurEarlierIncarnationIsNotOursToKeep() {
        Optional<HolderView> oldTenure = Optional.of(new HolderView("lb01", 424_242, 0));
        Hold h = assertInstanceOf(Hold.class, decide(List.of(member("lb02", 100)), self("lb01", 150, true), oldTenure));
        assertTrue(h.why().contains("still holds"), h.why());
    }

    // ---- holding ----------------------------------------------------------------------------------

    @Test
    void holderThatIsStillBestKeepsHolding() {
        Claim c = assertInstanceOf(Claim.class,
                decide(List.of(member("lb02", 100)), self("lb01", 150, true), heldBy("lb01")));
        assertEquals(OptionalLong.empty(), c.reevaluateAtMs());
    }

    @Test
    void equalPriorityWithASmallerIdDoesNotPreempt() {
        assertInstanceOf(Claim.class, decide(List.of(member("lb01", 100)), self("lb02", 100, true), heldBy("lb02")));
    }

    @Test
    void higherPriorityPreemptsAtOnceWithoutPreemptDelay() {
        Release r = assertInstanceOf(Release.class,
                decide(List.of(member("lb01", 150)), self("lb02", 100, true), heldBy("lb02")));
        assertEquals(ReleaseReason.PREEMPTED, r.reason());
        assertTrue(r.reason().rejoinLatch());
        assertTrue(r.why().contains("lb01 (priority 150)"), r.why());
    }

    @Test
    void holderThatNoLongerLeadsTheLatchReleases() {
        Release r = assertInstanceOf(Release.class,
                decide(List.of(member("lb02", 100)), self("lb01", 150, false), heldBy("lb01")));
        assertEquals(ReleaseReason.NOT_LATCH_LEADER, r.reason());
    }

    @Test
    void holderThatBecomesIneligibleReleases() {
        SelfView faulted = new SelfView("lb01", session("lb01"), true, 150, false, "script chk failing", 0);
        Release r = assertInstanceOf(Release.class, decide(List.of(member("lb02", 100)), faulted, heldBy("lb01")));
        assertEquals(ReleaseReason.INELIGIBLE, r.reason());
        assertFalse(r.reason().rejoinLatch());
        assertTrue(r.why().contains("script chk failing"), r.why());
    }

    @Test
    void drainedHolderReleasesWithReasonDrained() {
        EffectivePriority.Result drained = EffectivePriority.compute(150, List.of(), true);
        SelfView self = SelfView.of("lb01", session("lb01"), true, drained, 0);
        Release r = assertInstanceOf(Release.class, decide(List.of(member("lb02", 100)), self, heldBy("lb01")));
        assertEquals(ReleaseReason.INELIGIBLE, r.reason());
        assertEquals("we are ineligible: drained", r.why());
    }

    @Test
    void leaderWaitsWhileAnotherNodeStillHolds() {
        // lb02 failed (ineligible) but its holder znode is still there: lb01 is best and leads, yet must wait.
        List<MemberView> members = List.of(ineligible(member("lb02", 200)));
        assertInstanceOf(Hold.class, decide(members, self("lb01", 100, true), heldBy("lb02")));
        assertInstanceOf(Claim.class, decide(members, self("lb01", 100, true), Optional.empty()));
    }

    @Test
    void holderMissingFromMembersHasFailed() {
        assertEquals(Optional.of("lb01"), Candidacy.bestCandidate(List.of(member("lb03", 120)), self("lb01", 130, true),
                heldBy("lb02"), settings(), NOW));
    }

    @Test
    void leaderThatIsNotBestRequeuesEvenWhileSomeoneHolds() {
        assertInstanceOf(Requeue.class,
                decide(List.of(member("lb03", 200)), self("lb01", 100, true), heldBy("lb03")));
    }

    @Test
    void addressOwnerPreemptsTheBestBackup() {
        Release r = assertInstanceOf(Release.class,
                decide(List.of(member("lb01", 255)), self("lb02", 254, true), heldBy("lb02")));
        assertEquals(ReleaseReason.PREEMPTED, r.reason());
    }

    // ---- nopreempt --------------------------------------------------------------------------------

    @Test
    void nopreemptHolderKeepsTheVipWhenAHigherPriorityNodeAppears() {
        CandidacySettings nopreempt = new CandidacySettings(Views.VRID, Views.VIPS, true, 0);
        Decision d = decide(List.of(member("lb01", 200)), self("lb02", 100, true), heldBy("lb02"), nopreempt, NOW);
        assertInstanceOf(Claim.class, d);
        // And the higher priority node, seeing a nopreempt holder, does not count itself best.
        List<MemberView> fromLb01 = List.of(nopreempt(member("lb02", 100)));
        assertEquals(Optional.of("lb02"), Candidacy.bestCandidate(fromLb01, self("lb01", 200, false), heldBy("lb02"),
                settings(), NOW));
    }

    @Test
    void nopreemptOnTheHigherPriorityNodeAlsoKeepsTheHolder() {
        assertInstanceOf(Claim.class,
                decide(List.of(nopreempt(member("lb01", 200))), self("lb02", 100, true), heldBy("lb02")));
    }

    @Test
    void nopreemptHolderLosesTheVipWhenItFails() {
        List<MemberView> members = List.of(ineligible(nopreempt(member("lb02", 100))));
        assertEquals(Optional.of("lb01"), Candidacy.bestCandidate(members, self("lb01", 200, true), heldBy("lb02"),
                settings(), NOW));
        assertInstanceOf(Claim.class, decide(members, self("lb01", 200, true), Optional.empty()));
    }

    @Test
    void preemptionGoesOnlyToTheTopCandidateSoANopreemptTopMeansNoPreemption() {
        // lb01 (200, nopreempt) would win the election a yield starts, and it declines to preempt.
        List<MemberView> members = List.of(nopreempt(member("lb01", 200)), member("lb02", 150));
        assertInstanceOf(Claim.class, decide(members, self("lb03", 100, true), heldBy("lb03")));
    }

    // ---- preempt_delay -----------------------------------------------------------------------------

    @Test
    void preemptDelayHoldsOffUntilExactlyTheDelayHasPassed() {
        // lb01 became eligible at t=1000 with preempt_delay 30 s; lb02 holds since t=0.
        List<MemberView> members = List.of(stableSince(withDelay(member("lb01", 150), 30_000), 1_000));
        SelfView lb02 = self("lb02", 100, true);
        Decision before = decide(members, lb02, heldBy("lb02"), settings(), 30_999);
        assertInstanceOf(Claim.class, before);
        assertEquals(OptionalLong.of(31_000), before.reevaluateAtMs());
        assertTrue(before.why().contains("preempt_delay"), before.why());
        Release at = assertInstanceOf(Release.class, decide(members, lb02, heldBy("lb02"), settings(), 31_000));
        assertEquals(ReleaseReason.PREEMPTED, at.reason());
    }

    @Test
    void theDelayThatCountsIsThePreemptersNotTheHolders() {
        CandidacySettings slowHolder = new CandidacySettings(Views.VRID, Views.VIPS, false, 600_000);
        assertInstanceOf(Release.class,
                decide(List.of(member("lb01", 150)), self("lb02", 100, true), heldBy("lb02"), slowHolder, NOW));
    }

    @Test
    void preemptDelayCountsFromWhenTheHolderWasSeenIfLater() {
        List<MemberView> members = List.of(stableSince(withDelay(member("lb01", 150), 10_000), 0));
        Decision d = decide(members, self("lb02", 100, true), heldBy("lb02", 50_000), settings(), 55_000);
        assertEquals(OptionalLong.of(60_000), d.reevaluateAtMs());
    }

    @Test
    void preemptDelayRestartsWhenTheHolderPriorityChanges() {
        List<MemberView> members = List.of(stableSince(withDelay(member("lb01", 150), 10_000), 0));
        SelfView holderChangedAt70s = new SelfView("lb02", session("lb02"), true, 100, true, "", 70_000);
        Decision d = decide(members, holderChangedAt70s, heldBy("lb02"), settings(), 75_000);
        assertEquals(OptionalLong.of(80_000), d.reevaluateAtMs());
    }

    @Test
    void stableSinceInTheFutureCountsAsNow() {
        List<MemberView> members = List.of(stableSince(withDelay(member("lb01", 150), 5_000), NOW + 999_999));
        assertEquals(OptionalLong.of(NOW + 5_000),
                decide(members, self("lb02", 100, true), heldBy("lb02")).reevaluateAtMs());
    }

    @Test
    void hugePreemptDelayDoesNotOverflow() {
        List<MemberView> members = List.of(withDelay(member("lb01", 150), Long.MAX_VALUE));
        assertEquals(OptionalLong.of(Long.MAX_VALUE),
                decide(members, self("lb02", 100, true), heldBy("lb02")).reevaluateAtMs());
    }

    @Test
    void whileTheDelayRunsEveryoneStillSeesTheHolderAsBest() {
        List<MemberView> members = List.of(withDelay(member("lb01", 150), 30_000), member("lb02", 100));
        assertEquals(Optional.of("lb02"), Candidacy.bestCandidate(members, self("lb03", 90, false), heldBy("lb02"),
                settings(), 10_000));
        assertEquals(Optional.of("lb01"), Candidacy.bestCandidate(members, self("lb03", 90, false), heldBy("lb02"),
                settings(), 30_000));
    }
}
