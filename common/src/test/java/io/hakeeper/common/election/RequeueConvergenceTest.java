package io.hakeeper.common.election;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The latch as a FIFO queue: the head leads; Requeue moves it to the back (or out, when it may
 * not rejoin); Release removes the VIPs and the holder and requeues. Whatever the order nodes
 * joined in, the chain ends with the best candidate holding, after at most one pass.
 */
class RequeueConvergenceTest {

    /** Runs the latch until someone claims; returns the claimant, if any, and the number of leader turns. */
    private record Outcome(Optional<String> claimant, int turns) {
    }

    private static Outcome run(List<MemberView> members, Deque<String> latch, Optional<HolderView> holder, long now) {
        Optional<HolderView> current = holder;
        int turns = 0;
        while (!latch.isEmpty()) {
            if (turns > 4 * members.size() + 4) {
                fail("no convergence after " + turns + " turns; latch " + latch + ", members " + members);
            }
            turns++;
            String head = latch.peekFirst();
            MemberView m = members.stream().filter(x -> x.node().equals(head)).findFirst().orElseThrow();
            SelfView self = Views.selfOf(m, true, m.eligible() ? "" : "interface eth0 down");
            Decision d = Candidacy.decide(members, self, current, Views.settingsOf(m), now);
            if (d instanceof Decision.Claim) {
                return new Outcome(Optional.of(head), turns);
            } else if (d instanceof Decision.Requeue r) {
                latch.pollFirst();
                if (r.rejoin()) {
                    latch.addLast(head);
                }
            } else if (d instanceof Decision.Release r) {
                current = Optional.empty();
                latch.pollFirst();
                if (r.reason().rejoinLatch()) {
                    latch.addLast(head);
                }
            } else {
                fail("the latch leader must act, not " + d + " (latch " + latch + ")");
            }
        }
        return new Outcome(Optional.empty(), turns);
    }

    private static Optional<String> best(List<MemberView> members) {
        return members.stream().filter(MemberView::eligible)
                .min(Comparator.comparing((MemberView m) -> -m.effectivePriority()).thenComparing(MemberView::node))
                .map(MemberView::node);
    }

    @Test
    void worstFirstOrderStillEndsWithTheBestHolding() {
        List<MemberView> members = List.of(Views.member("lb01", 200), Views.member("lb02", 150),
                Views.member("lb03", 100), Views.member("lb04", 50));
        Deque<String> latch = new ArrayDeque<>(List.of("lb04", "lb03", "lb02", "lb01"));
        Outcome o = run(members, latch, Optional.empty(), 0);
        assertEquals(Optional.of("lb01"), o.claimant());
        assertEquals(4, o.turns(), "three requeues, then the claim");
    }

    @Test
    void preemptedHolderYieldsAndTheBetterNodeEndsUpHolding() {
        List<MemberView> members = List.of(Views.member("lb01", 200), Views.member("lb02", 100),
                Views.member("lb03", 150));
        // lb02 holds and leads; lb03 and lb01 joined later.
        Deque<String> latch = new ArrayDeque<>(List.of("lb02", "lb03", "lb01"));
        Outcome o = run(members, latch, Views.heldBy("lb02"), 0);
        assertEquals(Optional.of("lb01"), o.claimant());
        assertEquals(List.of("lb01", "lb02", "lb03"), new ArrayList<>(latch));
    }

    @Test
    void afterConvergenceEveryoneElseWaits() {
        List<MemberView> members = List.of(Views.member("lb01", 200), Views.member("lb02", 100));
        for (MemberView m : members) {
            boolean leads = m.node().equals("lb01");
            Decision d = Candidacy.decide(members, Views.selfOf(m, leads, ""), Views.heldBy("lb01"),
                    Views.settingsOf(m), 0);
            Class<? extends Decision> expected = leads ? Decision.Claim.class : Decision.Hold.class;
            assertEquals(expected, d.getClass(), d.why());
        }
    }

    @Test
    void randomJoinOrdersConvergeWithinOnePass() {
        Random random = new Random(99);
        for (int trial = 0; trial < 5_000; trial++) {
            int n = 1 + random.nextInt(8);
            List<MemberView> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                MemberView m = Views.member("n" + i, 1 + random.nextInt(4) * 50);
                members.add(random.nextInt(6) == 0 ? Views.ineligible(m) : m);
            }
            List<String> order = new ArrayList<>(members.stream().map(MemberView::node).toList());
            Collections.shuffle(order, random);
            Deque<String> latch = new ArrayDeque<>(order);

            Outcome o = run(members, latch, Optional.empty(), 0);
            assertEquals(best(members), o.claimant(), "members " + members + ", order " + order);
            assertTrue(o.turns() <= n, "took " + o.turns() + " turns for " + n + " nodes");
        }
    }
}
