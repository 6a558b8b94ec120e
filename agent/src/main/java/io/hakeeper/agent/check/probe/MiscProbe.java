package io.hakeeper.agent.check.probe;

import io.hakeeper.agent.track.ScriptCommand;
import io.hakeeper.common.config.model.Checker;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * MISC_CHECK: runs {@code misc_path} as keepalived's check_misc.c does. Exit 0 passes; 1 fails;
 * 2..255 pass with weight = status - 2 under {@code misc_dynamic} and fail without it; a script
 * killed by a signal fails. After {@code misc_timeout} (default: the checker's delay_loop, as
 * keepalived falls back to delay_loop) it gets SIGTERM and, two seconds later, SIGKILL, with its
 * children; the attempt fails at the timeout without waiting for the kill. keepalived passes the
 * script no extra arguments or environment, and neither do we. It runs as {@code user} (or the
 * global script_user) through setpriv(1), like vrrp_script; the config check has already applied
 * the script security rules to misc_path. The process is watched through {@link Process#onExit()},
 * never by a waiting thread.
 */
final class MiscProbe {

    /** keepalived's delay_loop default, for a checker handed over without one. */
    static final int DEFAULT_DELAY_LOOP_SEC = 60;
    /** check_misc.c: SIGTERM first, SIGKILL 2 s later. */
    private static final long KILL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private MiscProbe() {
    }

    static long timeoutNanos(Checker.Misc misc) {
        int sec = misc.timeoutSec() > 0 ? misc.timeoutSec()
                : misc.connection().delayLoopSec() != null ? misc.connection().delayLoopSec() : DEFAULT_DELAY_LOOP_SEC;
        return TimeUnit.SECONDS.toNanos(sec);
    }

    static CompletableFuture<ProbeResult> run(IoLoop loop, Checker.Misc misc, String defaultUser, String defaultGroup) {
        CompletableFuture<ProbeResult> future = new CompletableFuture<>();
        long start = loop.now();
        List<String> argv = ScriptCommand.asUser(misc.command(), misc.user() != null ? misc.user() : defaultUser,
                misc.user() != null ? misc.group() : defaultGroup);
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
        } catch (IOException e) {
            future.complete(ProbeResult.fail(FailureReason.LOCAL_ERROR, "cannot start " + misc.command().get(0) + ": "
                    + e.getMessage(), loop.now() - start));
            return future;
        }
        long timeout = timeoutNanos(misc);
        TimerQueue.Timer deadline = loop.scheduleAfter(timeout, () -> {
            if (future.isDone()) {
                return;
            }
            future.complete(ProbeResult.fail(FailureReason.SCRIPT_FAILED, misc.command().get(0) + " timed out after "
                    + timeout / 1_000_000 + " ms; killed", loop.now() - start));
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            loop.schedule(loop.now() + KILL_GRACE_NANOS, () -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        });
        p.onExit().thenAccept(done -> loop.execute(() -> {
            deadline.cancel();
            if (!future.isDone()) {
                future.complete(verdict(misc, done.exitValue(), loop.now() - start));
            }
        }));
        return future;
    }

    /**
     * Exit status to verdict. Java reports a death by signal N as status 128 + N and cannot tell it
     * from a script that exits 128 + N; our own timeout kill never gets here (the attempt already
     * failed), so only a script killed by someone else could pass under misc_dynamic.
     */
    static ProbeResult verdict(Checker.Misc misc, int status, long latencyNanos) {
        if (status == 0) {
            return ProbeResult.pass(latencyNanos);
        }
        if (misc.dynamic() && status >= 2 && status <= 255) {
            return ProbeResult.pass(latencyNanos, status - 2);
        }
        return ProbeResult.fail(FailureReason.SCRIPT_FAILED, misc.command().get(0) + " exited with status " + status,
                latencyNanos);
    }
}
