package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.KeepalivedConfig;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import java.util.ArrayList;
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

    /**
     * The notices for {@code config}, given the last desired state the agent programmed. What to
     * do with the table at shutdown (keep it, or delete the owned services with
     * {@code Reconciler.diff(IpvsTable.EMPTY, actual, owned)}) is the caller's policy.
     */
    public static ShutdownNotices of(KeepalivedConfig config, DesiredState.Result last) {
        List<RealServerId> down = new ArrayList<>();
        List<QuorumTransition> lost = new ArrayList<>();
        for (VirtualServer vs : config.virtualServers()) {
            if (!vs.omega()) {
                continue;
            }
            String name = RealServerId.virtualServerName(vs);
            for (RealServer rs : vs.realServers()) {
                RealServerId id = RealServerId.of(vs, rs);
                if (last.live().contains(id)) {
                    down.add(id);
                }
            }
            if (last.quorum().get(name) == QuorumState.UP) {
                lost.add(new QuorumTransition(name, QuorumState.DOWN, 0,
                        Quorum.threshold(QuorumState.UP, vs.quorum(), vs.hysteresis()), false, vs.quorumDown()));
            }
        }
        return new ShutdownNotices(down, lost);
    }
}
