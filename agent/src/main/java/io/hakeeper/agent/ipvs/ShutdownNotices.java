package io.hakeeper.agent.ipvs;

import java.util.List;

/**
 * What {@code omega} asks for when the agent stops (keepalived.conf(5), "Virtual server(s)": "On
 * daemon shutdown consider quorum and RS down notifiers for execution, where appropriate"): the
 * {@code notify_down} of every real server that was up, and the {@code quorum_down} of every
 * virtual server whose quorum was up. Only virtual servers with {@code omega} contribute.
 */
public record ShutdownNotices(List<RealServerId> realServersDown, List<QuorumTransition> quorumLost) {

    public ShutdownNotices {
        realServersDown = List.copyOf(realServersDown);
        quorumLost = List.copyOf(quorumLost);
    }
}
