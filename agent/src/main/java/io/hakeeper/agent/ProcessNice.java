package io.hakeeper.agent;

import io.hakeeper.agent.netlink.Errno;
import io.hakeeper.agent.netlink.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's {@code vrrp_priority}: the nice value the agent runs at. A hand-over is a chain of
 * thread wake-ups (the fence thread, Curator's event thread, netlink); on a loaded director each
 * waits for a CPU, and a lower nice value is what keepalived users set for exactly that.
 *
 * <p>Linux keeps a nice value per thread (setpriority(2), "a thread's nice value"), and a new thread
 * inherits its creator's: so this sets every thread the JVM has now, before the agent starts its
 * own, and those inherit it.
 */
public final class ProcessNice {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessNice.class);
    /** include/uapi/linux/resource.h */
    private static final int PRIO_PROCESS = 0;

    private ProcessNice() {
    }

    /** Sets every thread of this process to {@code nice}; says so, or why it could not, in the log. */
    public static void apply(int nice) {
        LibC libc = LibC.Holder.libc();
        Set<Integer> done = new HashSet<>();
        int failed = 0;
        int errno = 0;
        // A thread that a not-yet-set thread starts while we go inherits the old value: go again
        // over the threads that appeared, until none did.
        for (int pass = 0; pass < 10; pass++) {
            List<Integer> threads;
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                threads = tasks.map(p -> Integer.parseInt(p.getFileName().toString())).filter(t -> !done.contains(t))
                        .toList();
            } catch (IOException | NumberFormatException e) {
                LOG.warn("vrrp_priority {}: cannot list this process's threads ({}); running at the inherited nice"
                        + " value", nice, e.toString());
                return;
            }
            if (threads.isEmpty()) {
                break;
            }
            for (int tid : threads) {
                done.add(tid);
                if (libc.setpriority(PRIO_PROCESS, tid, nice) != 0) {
                    int e = LibC.Holder.lastErrno();
                    if (e != Errno.ESRCH) { // a thread that ended meanwhile
                        failed++;
                        errno = e;
                    }
                }
            }
        }
        if (failed > 0) {
            LOG.warn("vrrp_priority {}: could not set it on {} of {} threads ({}); a negative value needs"
                    + " CAP_SYS_NICE (systemd: AmbientCapabilities=CAP_SYS_NICE)", nice, failed, done.size(),
                    Errno.name(errno));
        } else {
            LOG.info("vrrp_priority {}: the agent runs at nice {}", nice, nice);
        }
    }
}
