package io.hakeeper.agent.track;

import io.hakeeper.common.config.model.NotifyScripts;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code notify_master|backup|fault|stop} and {@code notify} on a state change, with
 * keepalived's arguments: the state scripts run as written; {@code notify} gets
 * {@code INSTANCE <name> <MASTER|BACKUP|FAULT|STOP> <priority>} appended (keepalived.conf(5)).
 * Fire and forget: the process is watched asynchronously and killed after a timeout, so a hanging
 * script never delays the fence.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    /** keepalived has no notify timeout; a script that hangs longer than this is killed. */
    public static final int TIMEOUT_SEC = 30;

    public enum State { MASTER, BACKUP, FAULT, STOP }

    private final String user;
    private final String group;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notify");
        t.setDaemon(true);
        return t;
    });

    public Notifier(String scriptUser, String scriptGroup) {
        this.user = scriptUser;
        this.group = scriptGroup;
    }

    public void notify(String instance, NotifyScripts scripts, State state, int priority) {
        List<String> specific = switch (state) {
            case MASTER -> scripts.master();
            case BACKUP -> scripts.backup();
            case FAULT -> scripts.fault();
            case STOP -> scripts.stop();
        };
        if (!specific.isEmpty()) {
            run(instance, specific);
        }
        if (!scripts.any().isEmpty()) {
            List<String> argv = new ArrayList<>(scripts.any());
            argv.addAll(List.of("INSTANCE", instance, state.name(), Integer.toString(priority)));
            run(instance, argv);
        }
    }

    /**
     * Runs {@code argv} as {@code script_user}, fire and forget, killed after {@link #TIMEOUT_SEC};
     * {@code context} prefixes the log lines (an instance name, a virtual server). Also used for the
     * checkers' {@code notify_up|down} and {@code quorum_up|down}.
     */
    public void run(String instance, List<String> argv) {
        List<String> cmd = ScriptCommand.asUser(argv, user, group);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
        } catch (IOException e) {
            log.warn("[{}] cannot run notify script {}: {}", instance, argv, e.getMessage());
            return;
        }
        var timeout = timers.schedule(() -> {
            if (p.isAlive()) {
                log.warn("[{}] notify script {} still running after {} s; killing it", instance, argv, TIMEOUT_SEC);
                p.destroyForcibly();
            }
        }, TIMEOUT_SEC, TimeUnit.SECONDS);
        p.onExit().thenAccept(done -> {
            timeout.cancel(false);
            if (done.exitValue() != 0) {
                log.warn("[{}] notify script {} exited with {}", instance, argv, done.exitValue());
            }
        });
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
