package io.hakeeper.agent.fence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread apart from the fence thread that checks each instance's {@code RenewalWatchdog}. When
 * renewals have not completed for longer than the lease (the fence thread hangs in a netlink call,
 * or deadlocks), it deletes the instance's VIPs with its own netlink socket and asks the fence
 * thread to release.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final long PERIOD_MS = 100;

    private final List<InstanceFence> instances;
    private final Map<String, VipKeeper> ownVips;
    private final Executor fence;
    private final LongSupplier nanoClock;
    private final Thread thread;
    private volatile boolean running = true;

    Watchdog(List<InstanceFence> instances, Map<String, VipKeeper> ownVips, Executor fence, LongSupplier nanoClock) {
        this.instances = instances;
        this.ownVips = ownVips;
        this.fence = fence;
        this.nanoClock = nanoClock;
        this.thread = new Thread(this::loop, "watchdog");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            long now = nanoClock.getAsLong();
            for (InstanceFence f : instances) {
                if (f.watchdog().stuck(now)) {
                    long since = f.watchdog().sinceLastCompletedMs(now);
                    f.watchdog().disarm();
                    log.error("[{}] watchdog: no renewal completed for {} ms; deleting the VIPs from the watchdog"
                            + " thread", f.name(), since);
                    try {
                        ownVips.get(f.name()).remove();
                    } catch (Exception e) {
                        log.error("[{}] watchdog could not delete the VIPs: {}", f.name(), e.toString());
                    }
                    fence.execute(() -> f.watchdogFired(since));
                }
            }
            try {
                Thread.sleep(PERIOD_MS); // a periodic check, not a wait for an event
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
