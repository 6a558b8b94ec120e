package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.testsupport.Poll;
import io.hakeeper.common.config.model.Checker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The runner with the real probes and a small fd budget: 2,000 TCP checks every 500 ms against a
 * loopback listener, at most 32 attempts open at once. Every check keeps running and passing; the
 * excess waits its turn (counted in Stats.waitedTotal; LoopCheckRunnerTest pins that down).
 */
class RunnerWithRealProbesTest {

    @Test
    void twoThousandChecksUnderATightBudgetAllKeepPassing() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        SocketChannel c = listener.accept();
                        c.close();
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            }, "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();

            Map<String, AtomicInteger> passes = new ConcurrentHashMap<>();
            AtomicInteger failures = new AtomicInteger();
            long period = TimeUnit.MILLISECONDS.toNanos(500);
            try (IoLoop loop = new IoLoop("runner-real", System::nanoTime);
                 Probes probes = new Probes(loop, null, null);
                 LoopCheckRunner runner = new LoopCheckRunner(loop, probes, 32)) {
                ProbeTarget target = new ProbeTarget(new Checker.Tcp(ProbeFixture.timeout(5)),
                        (InetSocketAddress) listener.getLocalAddress(), "vs");
                long start = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    String key = "rs-" + i;
                    passes.put(key, new AtomicInteger());
                    runner.add(key, target, start + LoopCheckRunner.spreadOffsetNanos(key, period), (k, r, now) -> {
                        (r.passed() ? passes.get(k) : failures).incrementAndGet();
                        return now + period;
                    });
                }
                Poll.until(Duration.ofSeconds(30), "every check to pass three times",
                        () -> passes.values().stream().allMatch(n -> n.get() >= 3));
                LoopCheckRunner.Stats s = runner.stats();
                assertEquals(0, failures.get());
                assertEquals(2000, s.checks());
                assertTrue(s.inFlight() <= 32, s.toString());
                assertTrue(s.started() >= 6000, s.toString());
            }
        }
    }
}
