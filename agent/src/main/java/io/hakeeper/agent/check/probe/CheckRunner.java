package io.hakeeper.agent.check.probe;

/**
 * Runs many checks on a shared timer and a bounded set of probes: no thread per check. Each check
 * runs first at {@code firstDueNanos} (monotonic, the runner's clock), and after each attempt its
 * listener says when it runs next, so retry timing stays with the verdict logic.
 */
public interface CheckRunner extends AutoCloseable {

    /** Adds (or replaces) the check named {@code key}. */
    void add(String key, ProbeTarget target, long firstDueNanos, CheckListener listener);

    /** Stops the check; an attempt in flight completes but its result is not delivered. */
    void remove(String key);

    @Override
    void close();

    /** Receives each attempt's result, on the runner's thread; must not block. */
    @FunctionalInterface
    interface CheckListener {
        /**
         * @param nowNanos the runner's clock when the attempt completed
         * @return when the check runs next (monotonic nanos), or {@code Long.MIN_VALUE} to stop it
         */
        long completed(String key, ProbeResult result, long nowNanos);
    }
}
