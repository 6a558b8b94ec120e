package io.hakeeper.agent.check.probe;

import io.hakeeper.common.config.model.Checker;
import java.net.InetSocketAddress;

/**
 * What to check: one checker block of one real server. {@code realServer} is the real server's own
 * address and port; the probe applies the checker's {@code connect_ip}, {@code connect_port},
 * {@code bindto}, {@code bind_port} overrides itself. {@code virtualServer} is passed to MISC_CHECK
 * scripts and notify commands and may be null.
 */
public record ProbeTarget(Checker checker, InetSocketAddress realServer, String virtualServer) {
}
