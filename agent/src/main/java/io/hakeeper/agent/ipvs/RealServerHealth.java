package io.hakeeper.agent.ipvs;

import java.util.Map;
import java.util.Optional;

/**
 * Where the desired state reads checker verdicts. Checkers come later; this is the seam they
 * will plug into. An empty answer means "no verdict yet": the server has not been checked since
 * the agent started (or since it appeared in the config).
 */
@FunctionalInterface
public interface RealServerHealth {

    Optional<Verdict> verdict(RealServerId realServer);

    /** No checker has reported anything yet. */
    static RealServerHealth none() {
        return id -> Optional.empty();
    }

    /** Every real server up at its configured weight, as {@code haagent ipvs apply} treats them. */
    static RealServerHealth allHealthy() {
        Optional<Verdict> up = Optional.of(Verdict.up());
        return id -> up;
    }

    static RealServerHealth of(Map<RealServerId, Verdict> verdicts) {
        Map<RealServerId, Verdict> copy = Map.copyOf(verdicts);
        return id -> Optional.ofNullable(copy.get(id));
    }
}
