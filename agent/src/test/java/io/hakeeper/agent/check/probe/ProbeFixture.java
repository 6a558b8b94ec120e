package io.hakeeper.agent.check.probe;

import io.hakeeper.common.config.model.Checker;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real loop and the real probes, plus shorthands for checker blocks. Close it after each test. */
final class ProbeFixture implements AutoCloseable {

    final IoLoop loop = new IoLoop("probe-test", System::nanoTime);
    final Probes probes = new Probes(loop, null, null);

    /** One attempt; waits for its verdict (the probe's own deadline bounds it; 20 s is a safety net). */
    ProbeResult check(Checker checker, InetSocketAddress realServer) throws Exception {
        return probes.check(new ProbeTarget(checker, realServer, "vs")).get(20, TimeUnit.SECONDS);
    }

    static Checker.Connection timeout(int seconds) {
        return with(seconds, null, null, null, null);
    }

    static Checker.Connection with(int timeoutSec, String connectIp, Integer connectPort, String bindTo, Integer bindPort) {
        Checker.Connection d = Checker.Connection.DEFAULTS;
        return new Checker.Connection(connectIp, connectPort, bindTo, bindPort, null, timeoutSec, d.retry(),
                d.delayBeforeRetrySec(), d.warmupSec(), d.delayLoopSec());
    }

    static long millis(ProbeResult r) {
        return Duration.ofNanos(r.latencyNanos()).toMillis();
    }

    /** A port nothing listens on: bound, then released. */
    static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        probes.close();
        loop.close();
    }
}
