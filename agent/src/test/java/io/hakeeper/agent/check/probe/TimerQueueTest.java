package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerQueueTest {

    private final TimerQueue q = new TimerQueue();
    private final List<String> ran = new ArrayList<>();

    @Test
    void firesInDueOrderAndTiesInAddOrder() {
        q.add(30, () -> ran.add("c"));
        q.add(10, () -> ran.add("a1"));
        q.add(10, () -> ran.add("a2"));
        q.add(20, () -> ran.add("b"));
        assertEquals(0, q.runDue(9));
        assertEquals(3, q.runDue(20));
        assertEquals(List.of("a1", "a2", "b"), ran);
        assertEquals(10, q.nanosToNext(20));
    }

    @Test
    void cancelledTimerNeverRunsAndDoesNotCountAsNext() {
        TimerQueue.Timer t = q.add(10, () -> ran.add("x"));
        q.add(50, () -> ran.add("y"));
        t.cancel();
        assertEquals(40, q.nanosToNext(10));
        q.runDue(100);
        assertEquals(List.of("y"), ran);
        assertEquals(-1, q.nanosToNext(100));
    }

    @Test
    void deadlinesCompareAcrossTheNanoTimeWrap() {
        q.add(Long.MAX_VALUE - 5, () -> ran.add("before-wrap"));
        q.add(Long.MIN_VALUE + 5, () -> ran.add("after-wrap"));
        q.runDue(Long.MAX_VALUE);
        assertEquals(List.of("before-wrap"), ran);
        q.runDue(Long.MIN_VALUE + 5);
        assertEquals(List.of("before-wrap", "after-wrap"), ran);
    }

    @Test
    void timerAddedWhileRunningThatIsAlreadyDueRunsInTheSamePass() {
        q.add(10, () -> q.add(5, () -> ran.add("chained")));
        assertEquals(2, q.runDue(10));
        assertEquals(List.of("chained"), ran);
    }

    @Test
    void lanesOfTimeoutsMergeWithTheHeapInDueOrder() {
        q.addAfter(0, 50, () -> ran.add("lane50-a"));
        q.addAfter(0, 10, () -> ran.add("lane10-a"));
        q.add(30, () -> ran.add("heap30"));
        q.addAfter(5, 10, () -> ran.add("lane10-b"));
        TimerQueue.Timer cancelled = q.addAfter(6, 50, () -> ran.add("never"));
        cancelled.cancel();
        assertEquals(10, q.nanosToNext(0));
        assertEquals(4, q.runDue(100));
        assertEquals(List.of("lane10-a", "lane10-b", "heap30", "lane50-a"), ran);
        assertEquals(-1, q.nanosToNext(100));
        assertEquals(0, q.size());
    }
}
