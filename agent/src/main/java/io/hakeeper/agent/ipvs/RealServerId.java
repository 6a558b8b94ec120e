package io.hakeeper.agent.ipvs;

import io.hakeeper.common.config.model.Endpoint;
import io.hakeeper.common.config.model.RealServer;
import io.hakeeper.common.config.model.VirtualServer;
import java.util.Objects;

/**
 * Names one real server of one virtual server, the unit checkers give verdicts on. A real server
 * in a {@code virtual_server group} is checked once for every service of the group (keepalived.conf(5),
 * "Virtual server group(s)"), so the name is the virtual server's, not a service's.
 *
 * @param virtualServer {@link #virtualServerName(VirtualServer)}
 * @param realServer    the address and port as configured (the health check's target, even where
 *                      IPVS uses the service's port, as for DR)
 */
public record RealServerId(String virtualServer, Endpoint realServer) {

    public RealServerId {
        Objects.requireNonNull(virtualServer, "virtualServer");
        Objects.requireNonNull(realServer, "realServer");
    }

    public static RealServerId of(VirtualServer vs, RealServer rs) {
        return new RealServerId(virtualServerName(vs), rs.endpoint());
    }

    /**
     * A virtual server's name, unique within a config: {@code TCP 10.0.0.1:80}, {@code FWM 5},
     * {@code group web}. Also the key of its quorum state.
     */
    public static String virtualServerName(VirtualServer vs) {
        return vs.kind() == VirtualServer.Kind.ADDRESS ? vs.protocol() + " " + vs.label() : vs.label();
    }

    @Override
    public String toString() {
        return virtualServer + " -> " + realServer.show();
    }
}
