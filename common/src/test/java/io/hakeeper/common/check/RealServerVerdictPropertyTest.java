package io.hakeeper.common.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.check.VerdictChange.Notify;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random histories (several checkers, random retry counts and delays, alpha or not, random
 * pass/fail) checked against the rules stated independently of the implementation:
 * <ol>
 *   <li>an attempt is followed by delay_before_retry exactly when it failed and the checker has
 *       used fewer than {@code retry} retries in a row; otherwise by delay_loop;</li>
 *   <li>a checker counts as failed from its (retry+1)-th failure in a row (its 1st first-cycle
 *       failures included) until its next pass;</li>
 *   <li>the server is alive exactly while no checker counts as failed;</li>
 *   <li>notify_up / notify_down accompany every change of alive and nothing else, except the one
 *       alpha confirmation of a failure on a checker's first attempt.</li>
 * </ol>
 */
class RealServerVerdictPropertyTest {

    @Test
    void randomHistoriesObeyTheRules() {
        SplittableRandom random = new SplittableRandom(20_261_122);
        int alphaConfirmations = 0;
        for (int history = 0; history < 2_000; history++) {
            int n = 1 + random.nextInt(3);
            boolean alpha = random.nextBoolean();
            List<CheckerPolicy> policies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                policies.add(new CheckerPolicy(random.nextInt(4), 1 + random.nextInt(5), 10 + random.nextInt(20), 0,
                        false));
            }
            RealServerVerdict v = new RealServerVerdict(policies, 1, alpha);
            boolean[] failed = new boolean[n];
            int[] streak = new int[n];
            boolean[] ran = new boolean[n];
            java.util.Arrays.fill(failed, alpha);
            long now = 0;
            double failRate = random.nextDouble();
            for (int step = 0; step < 200; step++) {
                int c = random.nextInt(n);
                boolean passed = random.nextDouble() >= failRate;
                boolean aliveBefore = v.alive();
                boolean firstAttempt = !ran[c];
                ran[c] = true;
                VerdictChange change = v.completed(c, passed, OptionalInt.empty(), "x", now);
                CheckerPolicy p = policies.get(c);

                boolean retrying = !passed && streak[c] < p.retry();
                streak[c] = passed || !retrying ? 0 : streak[c] + 1;
                assertEquals(now + (retrying ? p.delayBeforeRetryNanos() : p.delayLoopNanos()), change.nextDueNanos(),
                        "rule 1, history " + history + " step " + step);
                if (passed) {
                    failed[c] = false;
                } else if (!retrying) {
                    failed[c] = true;
                }
                boolean alive = true;
                for (boolean f : failed) {
                    alive &= !f;
                }
                assertEquals(alive, v.alive(), "rules 2-3, history " + history + " step " + step);
                assertEquals(aliveBefore != alive, change.aliveChanged());
                Notify expected = aliveBefore == alive ? Notify.NONE : alive ? Notify.UP : Notify.DOWN;
                if (alpha && firstAttempt && !passed && !retrying && expected == Notify.NONE) {
                    assertEquals(Notify.DOWN, change.script(), "alpha confirms a first failure");
                    alphaConfirmations++;
                } else {
                    assertEquals(expected, change.script(), "rule 4, history " + history + " step " + step);
                }
                now += 1 + random.nextInt(1000);
            }
        }
        assertTrue(alphaConfirmations > 100, "the histories reach the alpha case: " + alphaConfirmations);
    }
}
