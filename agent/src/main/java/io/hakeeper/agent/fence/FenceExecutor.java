package io.hakeeper.agent.fence;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single fence thread. Unlike a bare executor it logs every task that fails: a silently
 * swallowed exception once left an instance stuck out of its latch with no trace.
 */
final class FenceExecutor extends ScheduledThreadPoolExecutor {

    private static final Logger log = LoggerFactory.getLogger(FenceExecutor.class);

    FenceExecutor() {
        super(1, r -> {
            Thread t = new Thread(r, "fence");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        Throwable failure = thrown;
        if (failure == null && task instanceof Future<?> f && f.isDone() && !f.isCancelled()) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (CancellationException | InterruptedException e) {
                // not a failure of the task
            }
        }
        if (failure != null) {
            log.error("a fence task failed; the fence goes on with the next event", failure);
        }
    }
}
