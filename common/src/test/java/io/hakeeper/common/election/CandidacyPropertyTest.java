package io.hakeeper.common.election;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random member sets, every live node evaluated against the same view. The invariants are the
 * fence's leadership rule (DESIGN.md, "The fence", point 1) stated without the implementation.
 */
class CandidacyPropertyTest {

    private static final String[] NAMES = {"a", "b", "lb01", "lb02", "lb10", "LB9", "z", "node-3"};
    private static final int[] PRIORITIES = {1, 50, 100, 100, 150, 200, 254, 255};
    private static final long[] DELAYS = {0, 0, 1_000, 5_000};

    /** One generated situation. */
    private record World(List<MemberView> members, Optional<HolderView> holder, long now) {
    }

    @Test
    void invariantsHoldOverRandomViews() {
        Random random = new Random(424242);
        int worldsWithClaim = 0;
        int preemptionsPending = 0;
        for (int i = 0; i < 10_000; i++) {
            World world = generate(random);
            Map<String, Decision> asLeaders = evaluateAll(world, true);
            check(world, asLeaders);
            worldsWithClaim += asLeaders.values().stream().anyMatch(d -> d instanceof Decision.Claim) ? 1 : 0;
            preemptionsPending += asLeaders.values().stream().anyMatch(d -> d.reevaluateAtMs().isPresent()) ? 1 : 0;

            Map<String, Decision> asFollowers = evaluateAll(world, false);
            assertTrue(asFollowers.values().stream().noneMatch(d -> d instanceof Decision.Claim),
                    () -> "no one may hold without leading the latch: " + world);

            List<MemberView> shuffled = new ArrayList<>(world.members());
            Collections.shuffle(shuffled, random);
            assertEquals(asLeaders, evaluateAll(new World(shuffled, world.holder(), world.now()), true),
                    () -> "member order must not matter: " + world);
        }
        // The generator must reach the interesting cases, or the invariants prove little.
        assertTrue(worldsWithClaim > 2_500, "claims: " + worldsWithClaim);
        assertTrue(preemptionsPending > 100, "pending preemptions: " + preemptionsPending);
    }

    private static void check(World world, Map<String, Decision> decisions) {
        List<String> claimants = decisions.entrySet().stream()
                .filter(e -> e.getValue() instanceof Decision.Claim).map(Map.Entry::getKey).toList();
        assertTrue(claimants.size() <= 1, () -> "two claims " + claimants + " in " + world);

        Optional<MemberView> validHolder = validHolder(world);
        Optional<MemberView> best = expectedBest(world);
        for (String claimant : claimants) {
            assertEquals(best.map(MemberView::node), Optional.of(claimant), () -> "claim by a node that is not best: " + world);
        }
        if (world.holder().isPresent() && validHolder.isEmpty()) {
            assertTrue(claimants.isEmpty(), () -> "claim while a failed holder's znode still exists: " + world);
        }
        if (world.holder().isEmpty()) {
            assertEquals(best.map(m -> List.of(m.node())).orElse(List.of()), claimants, () -> "fresh election: " + world);
        }
        if (validHolder.isPresent()) {
            MemberView h = validHolder.get();
            Decision hd = decisions.get(h.node());
            if (h.nopreempt()) {
                assertInstanceOf(Decision.Claim.class, hd, () -> "a nopreempt holder keeps the VIPs: " + world);
            }
            if (best.orElseThrow() == h) {
                assertInstanceOf(Decision.Claim.class, hd, world::toString);
            } else {
                Decision.Release r = assertInstanceOf(Decision.Release.class, hd, world::toString);
                assertEquals(Decision.ReleaseReason.PREEMPTED, r.reason());
            }
        }
        for (Map.Entry<String, Decision> e : decisions.entrySet()) {
            Decision d = e.getValue();
            boolean isBest = best.isPresent() && best.get().node().equals(e.getKey());
            if (!isBest) {
                assertFalse(d instanceof Decision.Claim, () -> "a leader that is not best got Claim: " + world);
            }
            d.reevaluateAtMs().ifPresent(at -> {
                assertTrue(at > world.now(), () -> "re-evaluation must be in the future: " + world);
                assertTrue(validHolder.isPresent() && validHolder.get().node().equals(e.getKey()),
                        () -> "only a holder waits out a preempt_delay: " + world);
            });
        }
    }

    private static Map<String, Decision> evaluateAll(World world, boolean leader) {
        Map<String, Decision> decisions = new HashMap<>();
        for (MemberView m : world.members()) {
            // Nodes configured differently see a different instance; in the cluster only one node
            // leads the latch, so "one claim" is a property among nodes that agree on the config.
            if (m.current() && m.vrid() == Views.VRID && m.vips().equals(Views.VIPS)) {
                SelfView self = Views.selfOf(m, leader, m.eligible() ? "" : "script chk failing");
                decisions.put(m.node(), Candidacy.decide(world.members(), self, world.holder(), Views.settingsOf(m),
                        world.now()));
            }
        }
        return decisions;
    }

    // ---- the rule, restated plainly -----------------------------------------------------------

    private static List<MemberView> pool(World world) {
        return world.members().stream()
                .filter(m -> m.eligible() && m.current() && m.vrid() == Views.VRID && m.vips().equals(Views.VIPS))
                .sorted(Comparator.comparing((MemberView m) -> -m.effectivePriority()).thenComparing(MemberView::node))
                .toList();
    }

    private static Optional<MemberView> validHolder(World world) {
        return world.holder().flatMap(h -> pool(world).stream()
                .filter(m -> m.node().equals(h.node()) && m.sessionId() == h.sessionId()).findFirst());
    }

    private static Optional<MemberView> expectedBest(World world) {
        List<MemberView> pool = pool(world);
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        MemberView top = pool.get(0);
        Optional<MemberView> holder = validHolder(world);
        if (holder.isEmpty()) {
            return Optional.of(top);
        }
        MemberView h = holder.get();
        long now = world.now();
        long start = Math.max(Math.max(Math.min(top.stableSinceMs(), now), Math.min(h.stableSinceMs(), now)),
                Math.min(world.holder().get().observedSinceMs(), now));
        boolean preempts = top.effectivePriority() > h.effectivePriority() && !h.nopreempt() && !top.nopreempt()
                && now >= start + top.preemptDelayMs();
        return Optional.of(preempts ? top : h);
    }

    // ---- generator ------------------------------------------------------------------------------

    private static World generate(Random random) {
        List<String> names = new ArrayList<>(List.of(NAMES));
        Collections.shuffle(names, random);
        int n = 1 + random.nextInt(6);
        List<MemberView> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long session = 5_000 + i;
            int roll = random.nextInt(20);
            long live = roll == 0 ? MemberView.NO_SESSION : roll == 1 ? 9_000 + i : session;
            int vrid = random.nextInt(10) == 0 ? 52 : Views.VRID;
            Set<String> vips = random.nextInt(15) == 0 ? Set.of("10.0.0.9/32") : Views.VIPS;
            members.add(new MemberView(names.get(i), session, live, vrid, vips,
                    PRIORITIES[random.nextInt(PRIORITIES.length)], random.nextInt(5) != 0, random.nextInt(4) == 0,
                    DELAYS[random.nextInt(DELAYS.length)], random.nextInt(20_000)));
        }
        Optional<HolderView> holder = Optional.empty();
        int roll = random.nextInt(20);
        if (roll < 9) {
            MemberView h = members.get(random.nextInt(n));
            holder = Optional.of(new HolderView(h.node(), h.sessionId(), random.nextInt(20_000)));
        } else if (roll < 12) {
            holder = Optional.of(new HolderView(names.get(random.nextInt(n)), 99_999, random.nextInt(20_000)));
        }
        return new World(List.copyOf(members), holder, random.nextInt(25_000));
    }
}
