package io.hakeeper.agent.check.probe;

import java.util.concurrent.CompletableFuture;

/**
 * Runs one check of one real server without blocking the caller (DESIGN.md, "IPVS and checkers").
 * Retries, delay_loop and verdicts are the scheduler's business, not the probe's: a probe makes
 * exactly one attempt.
 */
public interface Probe extends AutoCloseable {

    /**
     * Starts one attempt. The future never completes exceptionally: every failure is a
     * {@link ProbeResult} with a reason. It completes within the checker's timeout
     * ({@code connect_timeout}, or {@code misc_timeout} for MISC_CHECK) plus scheduling slack.
     */
    CompletableFuture<ProbeResult> check(ProbeTarget target);

    @Override
    void close();
}
