package io.hakeeper.agent.ipvs;

import java.util.List;
import java.util.Objects;

/**
 * A virtual server's quorum changed: the caller runs {@code command} ({@code quorum_up} or
 * {@code quorum_down}, empty when not configured), asynchronously like every notify script.
 *
 * @param liveWeight the live weight that decided it
 * @param threshold  the threshold it was compared with
 * @param atStart    the first evaluation found the quorum down (there was no "before")
 */
public record QuorumTransition(String virtualServer, QuorumState to, long liveWeight, long threshold,
                               boolean atStart, List<String> command) {

    public QuorumTransition {
        Objects.requireNonNull(virtualServer, "virtualServer");
        Objects.requireNonNull(to, "to");
        command = List.copyOf(command);
    }
}
