package io.hakeeper.agent.check.probe;

import io.hakeeper.common.config.model.Checker;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Probe} for every checker type: one object that looks at the target's checker and runs
 * the matching attempt on its {@link IoLoop}. Callable from any thread; the attempt itself always
 * runs on the loop thread and its future completes there. An HTTP_GET / SSL_GET with several urls
 * checks them one after the other, each within connect_timeout, so its attempt may take up to
 * that many timeouts.
 */
public final class Probes implements Probe {

    private final IoLoop loop;
    private final String scriptUser;
    private final String scriptGroup;
    private Pinger pinger;

    /**
     * @param loop        where sockets, timers and process exits are handled
     * @param scriptUser  global_defs script_user for MISC_CHECK without {@code user} (null: the agent's user)
     * @param scriptGroup its group (null: the user's)
     */
    public Probes(IoLoop loop, String scriptUser, String scriptGroup) {
        this.loop = loop;
        this.scriptUser = scriptUser;
        this.scriptGroup = scriptGroup;
    }

    @Override
    public CompletableFuture<ProbeResult> check(ProbeTarget target) {
        if (loop.inLoop()) {
            return start(target);
        }
        CompletableFuture<ProbeResult> out = new CompletableFuture<>();
        loop.execute(() -> start(target).thenAccept(out::complete));
        return out;
    }

    /** Timeout of one attempt: connect_timeout, or for MISC_CHECK its misc_timeout. */
    public static long timeoutNanos(Checker checker) {
        return checker instanceof Checker.Misc m ? MiscProbe.timeoutNanos(m)
                : TimeUnit.SECONDS.toNanos(checker.connection().connectTimeoutSec());
    }

    private CompletableFuture<ProbeResult> start(ProbeTarget target) {
        try {
            return dispatch(target);
        } catch (RuntimeException e) {
            // a probe bug must cost one failed attempt, never a future that does not complete
            return CompletableFuture.completedFuture(ProbeResult.fail(FailureReason.LOCAL_ERROR, Failures.describe(e), 0));
        }
    }

    private CompletableFuture<ProbeResult> dispatch(ProbeTarget target) {
        Checker checker = target.checker();
        if (checker instanceof Checker.Misc misc) {
            return MiscProbe.run(loop, misc, scriptUser, scriptGroup);
        }
        Endpoints e;
        try {
            e = Endpoints.of(target);
        } catch (UnknownHostException ex) {
            return CompletableFuture.completedFuture(ProbeResult.fail(FailureReason.LOCAL_ERROR,
                    "bad address: " + ex.getMessage(), 0));
        }
        long timeout = timeoutNanos(checker);
        if (checker instanceof Checker.Http h) {
            return NetworkProbes.http(loop, e, timeout, h);
        } else if (checker instanceof Checker.Smtp s) {
            return NetworkProbes.smtp(loop, e, timeout, s);
        } else if (checker instanceof Checker.Dns d) {
            return NetworkProbes.dns(loop, e, timeout, d);
        } else if (checker instanceof Checker.Udp u) {
            return NetworkProbes.udp(loop, e, timeout, u);
        } else if (checker instanceof Checker.Ping) {
            return pinger().ping(e, timeout);
        }
        return NetworkProbes.tcp(loop, e, timeout);
    }

    private Pinger pinger() {
        if (pinger == null) {
            pinger = new Pinger(loop);
        }
        return pinger;
    }

    @Override
    public void close() {
        loop.execute(() -> {
            if (pinger != null) {
                pinger.close();
            }
        });
    }
}
