package io.hakeeper.common.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.check.VerdictChange.Notify;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * keepalived's checker semantics on a fake clock (seconds as nanos): retry, delay_before_retry,
 * delay_loop, alpha, several checkers, misc_dynamic. Each timeline test drives one checker against
 * a server whose health is a function of time and asserts every attempt and every change.
 */
class RealServerVerdictTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private static CheckerPolicy policy(int retry, int delayBeforeRetry, int delayLoop) {
        return new CheckerPolicy(retry, delayBeforeRetry * S, delayLoop * S, 0, false);
    }

    /** One attempt as the timeline saw it: when, what the server answered, what it changed. */
    record Seen(long atSec, boolean passed, boolean alive, Notify script) {
        @Override
        public String toString() {
            return atSec + (passed ? "+" : "-") + (alive ? "U" : "D") + (script == Notify.NONE ? "" : script);
        }
    }

    /** Runs checker 0 from {@code startSec} to {@code endSec} against {@code healthy(second)}. */
    private static List<Seen> timeline(RealServerVerdict v, long startSec, long endSec, LongPredicate healthy) {
        List<Seen> seen = new ArrayList<>();
        long t = startSec * S;
        while (t <= endSec * S) {
            boolean passed = healthy.test(t / S);
            VerdictChange c = v.completed(0, passed, OptionalInt.empty(), "connect refused", t);
            seen.add(new Seen(t / S, passed, v.alive(), c.script()));
            assertEquals(c.aliveChanged(), c.script() == Notify.UP || c.script() == Notify.DOWN
                    && seen.size() > 1 && seen.get(seen.size() - 2).alive(), "a change always notifies");
            t = c.nextDueNanos();
        }
        return seen;
    }

    @Test
    void aFailureIsRetriedAfterDelayBeforeRetryAndCountsOnlyWhenTheRetriesAreUsedUp() {
        // retry 2, delay_before_retry 3, delay_loop 10; the server fails from t=20 to t=59.
        RealServerVerdict v = new RealServerVerdict(List.of(policy(2, 3, 10)), 5, false);
        List<Seen> seen = timeline(v, 0, 100, t -> t < 20 || t >= 60);
        assertEquals("[0+U, 10+U, 20-U, 23-U, 26-DDOWN, 36-D, 39-D, 42-D, 52-D, 55-D, 58-D, 68+UUP, 78+U, 88+U, 98+U]",
                seen.toString());
    }

    @Test
    void aPassOnARetryBringsTheServerBackAtOnce() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(2, 3, 10)), 5, false);
        // Down from 20 to 37; the second retry of the cycle starting at 36 (at 39) passes.
        List<Seen> seen = timeline(v, 0, 50, t -> t < 20 || t >= 38);
        assertEquals("[0+U, 10+U, 20-U, 23-U, 26-DDOWN, 36-D, 39+UUP, 49+U]", seen.toString());
    }

    @Test
    void aBlipShorterThanTheRetriesChangesNothing() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(2, 3, 10)), 5, false);
        List<Seen> seen = timeline(v, 0, 40, t -> t != 20 && t != 23);
        assertEquals("[0+U, 10+U, 20-U, 23-U, 26+U, 36+U]", seen.toString());
        assertTrue(seen.stream().allMatch(Seen::alive), "two failures out of three attempts stay up");
    }

    @Test
    void retryZeroFailsOnTheFirstFailedAttempt() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(0, 3, 5)), 5, false);
        List<Seen> seen = timeline(v, 0, 20, t -> t != 5);
        assertEquals("[0+U, 5-DDOWN, 10+UUP, 15+U, 20+U]", seen.toString());
    }

    @Test
    void alphaStartsDownAndTheFirstPassBringsItUp() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(1, 1, 5)), 5, true);
        assertFalse(v.alive(), "alpha: down before any check");
        assertEquals("alpha: down until checked", v.reason());
        List<Seen> seen = timeline(v, 1, 11, t -> true);
        assertEquals("[1+UUP, 6+U, 11+U]", seen.toString());
    }

    @Test
    void alphaWithoutRetriesConfirmsTheFirstFailureWithNotifyDown() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(0, 1, 5)), 5, true);
        List<Seen> seen = timeline(v, 1, 16, t -> t >= 11);
        assertEquals("[1-DDOWN, 6-D, 11+UUP, 16+U]", seen.toString());
    }

    @Test
    void alphaWithRetriesDoesNotConfirmTheFirstFailureAsTcpEpilogDoes() {
        // has_run is set by the first attempt, so the end of the first cycle is no longer a first run.
        RealServerVerdict v = new RealServerVerdict(List.of(policy(1, 2, 5)), 5, true);
        List<Seen> seen = timeline(v, 1, 10, t -> false);
        assertEquals("[1-D, 3-D, 8-D, 10-D]", seen.toString());
        assertTrue(v.checked(), "the first cycle ended");
    }

    @Test
    void withoutAlphaAFirstPassConfirmsSilently() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(1, 1, 5)), 5, false);
        assertTrue(v.alive());
        assertFalse(v.checked());
        VerdictChange c = v.completed(0, true, OptionalInt.empty(), "", 0);
        assertEquals(new VerdictChange(5 * S, false, false, Notify.NONE), c);
        assertTrue(v.checked());
    }

    @Test
    void severalCheckersMustAllPass() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(0, 1, 5), policy(0, 1, 5)), 5, false);
        VerdictChange first = v.completed(0, false, OptionalInt.empty(), "HTTP_GET: status 500", 0);
        assertEquals(Notify.DOWN, first.script());
        assertTrue(first.aliveChanged());
        assertEquals("HTTP_GET: status 500", v.reason());
        VerdictChange second = v.completed(1, false, OptionalInt.empty(), "TCP_CHECK: refused", 0);
        assertEquals(Notify.NONE, second.script(), "already down: notify_down runs once");
        assertFalse(second.aliveChanged());
        VerdictChange oneBack = v.completed(0, true, OptionalInt.empty(), "", 5 * S);
        assertFalse(v.alive(), "one checker still fails");
        assertEquals(Notify.NONE, oneBack.script());
        VerdictChange bothBack = v.completed(1, true, OptionalInt.empty(), "", 5 * S);
        assertTrue(v.alive());
        assertEquals(Notify.UP, bothBack.script());
        assertEquals("", v.reason());
    }

    @Test
    void alphaWithSeveralCheckersWaitsForEachFirstPass() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(0, 1, 5), policy(0, 1, 5)), 5, true);
        assertEquals(Notify.NONE, v.completed(0, true, OptionalInt.empty(), "", 0).script());
        assertFalse(v.alive());
        VerdictChange c = v.completed(1, true, OptionalInt.empty(), "", 0);
        assertEquals(Notify.UP, c.script());
        assertTrue(v.alive());
    }

    @Test
    void miscDynamicSetsTheWeightAndExitZeroRestoresTheConfiguredOne() {
        CheckerPolicy misc = new CheckerPolicy(0, S, 5 * S, 0, true);
        RealServerVerdict v = new RealServerVerdict(List.of(misc), 7, false);
        VerdictChange c = v.completed(0, true, OptionalInt.of(40), "", 0);
        assertTrue(c.weightChanged());
        assertFalse(c.aliveChanged());
        assertEquals(40, v.weight());
        assertFalse(v.completed(0, true, OptionalInt.of(40), "", 5 * S).weightChanged(), "same weight: no change");
        assertTrue(v.completed(0, true, OptionalInt.empty(), "", 10 * S).weightChanged(), "exit 0");
        assertEquals(7, v.weight());
        // A dynamic weight set, then the server fails: the weight survives and returns with it.
        v.completed(0, true, OptionalInt.of(3), "", 15 * S);
        VerdictChange down = v.completed(0, false, OptionalInt.empty(), "exit 1", 20 * S);
        assertTrue(down.aliveChanged());
        assertFalse(down.weightChanged());
        assertEquals(3, v.weight());
    }

    @Test
    void aPlainCheckerNeverTouchesTheWeight() {
        RealServerVerdict v = new RealServerVerdict(List.of(policy(0, 1, 5)), 7, false);
        assertFalse(v.completed(0, true, OptionalInt.of(99), "", 0).weightChanged());
        assertEquals(7, v.weight());
    }

    @Test
    void warmupDelaysTheFirstAttemptByAtMostWarmup() {
        CheckerPolicy p = new CheckerPolicy(1, S, 10 * S, 4 * S, false);
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long due = FirstCheck.due(100 * S, p, false, random);
            min = Math.min(min, due);
            max = Math.max(max, due);
        }
        assertTrue(min >= 100 * S && max <= 104 * S, "within now..now+warmup: " + min + ".." + max);
        assertTrue(max - min > 3 * S, "and spread over it");
    }

    @Test
    void withoutWarmupFirstAttemptsSpreadOverTheDelayLoopOrOneSecondUnderAlpha() {
        CheckerPolicy p = new CheckerPolicy(1, S, 10 * S, 0, false);
        SplittableRandom random = new SplittableRandom(7);
        int[] perSecond = new int[10];
        for (int i = 0; i < 10_000; i++) {
            long due = FirstCheck.due(0, p, false, random);
            perSecond[(int) (due / S)]++;
        }
        for (int n : perSecond) {
            assertTrue(n > 800 && n < 1200, "about 1000 first attempts in each second: " + java.util.Arrays.toString(perSecond));
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(FirstCheck.due(0, p, true, random) < S, "alpha: within the first second");
        }
    }

    @Test
    void policyTakesTheVirtualServersDelayLoopUnlessTheCheckerSetsOne() {
        var own = new io.hakeeper.common.config.model.Checker.Connection(null, null, null, null, null, 3, 2, 4, 1, 9);
        var inherit = new io.hakeeper.common.config.model.Checker.Connection(null, null, null, null, null, 3, 2, 4, 1, null);
        assertEquals(new CheckerPolicy(2, 4 * S, 9 * S, S, false),
                CheckerPolicy.of(new io.hakeeper.common.config.model.Checker.Tcp(own), 6));
        assertEquals(new CheckerPolicy(2, 4 * S, 6 * S, S, false),
                CheckerPolicy.of(new io.hakeeper.common.config.model.Checker.Tcp(inherit), 6));
        assertTrue(CheckerPolicy.of(new io.hakeeper.common.config.model.Checker.Misc(inherit, List.of("/bin/true"), 5,
                true, null, null), 6).dynamicWeight());
    }

    @Test
    void nonsenseIsRefusedWithTheValues() {
        assertThrows(IllegalArgumentException.class, () -> new CheckerPolicy(-1, 0, S, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new CheckerPolicy(1, 0, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new RealServerVerdict(List.of(), 1, false));
    }
}
