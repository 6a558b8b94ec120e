package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.CheckRunner;
import io.hakeeper.agent.check.probe.IoLoop;
import io.hakeeper.agent.check.probe.LoopCheckRunner;
import io.hakeeper.agent.check.probe.ProbeTarget;
import io.hakeeper.agent.check.probe.Probes;
import io.hakeeper.common.config.model.KeepalivedConfig;
import java.lang.management.ManagementFactory;

/**
 * Where the agent gets its {@link CheckRunner}: one I/O loop (a NIO selector and a timer queue on one
 * thread), the probes for every checker type on it, and the runner with a bound on attempts in flight.
 */
public final class CheckEngine {

    /** Attempts in flight at most; each holds a socket or a process. */
    static final int MAX_IN_FLIGHT = 4096;

    private CheckEngine() {
    }

    public static CheckRunner open(KeepalivedConfig config) {
        return open(config.globalDefs().scriptUser(), config.globalDefs().scriptGroup());
    }

    /** @param scriptUser global_defs script_user for MISC_CHECK without {@code user} (null: the agent's user) */
    public static CheckRunner open(String scriptUser, String scriptGroup) {
        IoLoop loop = new IoLoop("checks", System::nanoTime);
        Probes probes = new Probes(loop, scriptUser, scriptGroup);
        LoopCheckRunner runner = new LoopCheckRunner(loop, probes, inFlightBudget());
        return new CheckRunner() {
            @Override
            public void add(String key, ProbeTarget target, long firstDueNanos, CheckListener listener) {
                runner.add(key, target, firstDueNanos, listener);
            }

            @Override
            public void remove(String key) {
                runner.remove(key);
            }

            @Override
            public void close() {
                runner.close();
                probes.close();
                loop.close();
            }
        };
    }

    /** Half the open-file limit, leaving the rest to ZooKeeper, netlink, VRRP and scripts' pipes. */
    static int inFlightBudget() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long half = os.getMaxFileDescriptorCount() / 2;
            return (int) Math.max(64, Math.min(MAX_IN_FLIGHT, half));
        }
        return 512;
    }
}
