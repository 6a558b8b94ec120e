package io.hakeeper.agent.track;

import io.hakeeper.common.config.model.VrrpScript;
import io.hakeeper.common.election.TrackerState.Status;
import io.hakeeper.common.track.RiseFall;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code vrrp_script} every {@code interval} with a {@code timeout}, as keepalived does:
 * exit 0 is a success, anything else (or a timeout, which kills the process) a failure; rise/fall
 * decide the status. Runs never overlap and never block a caller: the process is watched through
 * {@link Process#onExit()} and a timeout timer. With a {@code user} (or {@code script_user}) and
 * root privileges, the script runs as that user through setpriv(1).
 */
public final class ScriptRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScriptRunner.class);

    private final VrrpScript script;
    private final List<String> command;
    private final ScheduledExecutorService timers;
    private final RiseFall riseFall;
    private final List<Consumer<Status>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> task;
    private volatile Process running;
    private volatile boolean closed;

    public ScriptRunner(VrrpScript script, String defaultUser, String defaultGroup, ScheduledExecutorService timers) {
        this.script = script;
        this.timers = timers;
        this.riseFall = new RiseFall(script.rise(), script.fall(), script.initFail());
        this.command = ScriptCommand.asUser(script.command(), script.user() != null ? script.user() : defaultUser,
                script.user() != null ? script.group() : defaultGroup);
    }

    public String name() {
        return script.name();
    }

    public Status status() {
        return riseFall.status();
    }

    public void addListener(Consumer<Status> listener) {
        listeners.add(listener);
    }

    public void start() {
        task = timers.scheduleWithFixedDelay(this::runOnce, 0, script.intervalSec(), TimeUnit.SECONDS);
    }

    private void runOnce() {
        if (running != null || closed) {
            return; // keepalived does not start a run while the previous one is alive
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
        } catch (IOException e) {
            log.warn("vrrp_script {}: cannot start {}: {}", name(), command, e.getMessage());
            result(false);
            return;
        }
        running = p;
        ScheduledFuture<?> timeout = timers.schedule(() -> {
            if (p.isAlive()) {
                log.warn("vrrp_script {} timed out after {} s; killing it", name(), script.timeoutSec());
                p.destroyForcibly();
            }
        }, script.timeoutSec(), TimeUnit.SECONDS);
        p.onExit().thenAccept(done -> timers.execute(() -> {
            timeout.cancel(false);
            running = null;
            result(done.exitValue() == 0);
        }));
    }

    private void result(boolean success) {
        Status before = riseFall.status();
        Status after = riseFall.record(success);
        if (after != before) {
            log.info("vrrp_script {}: {} -> {}", name(), before, after);
            listeners.forEach(l -> l.accept(after));
        }
    }

    @Override
    public void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
        Process p = running;
        if (p != null) {
            p.destroyForcibly();
        }
    }
}
