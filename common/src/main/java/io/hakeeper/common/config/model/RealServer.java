package io.hakeeper.common.config.model;

import java.util.List;

/**
 * {@code real_server IP PORT}. Thresholds are IPVS's connection limits (0 = none).
 * {@code inhibitOnFailure} null means the virtual server's setting.
 */
public record RealServer(
        Endpoint endpoint,
        int weight,
        Boolean inhibitOnFailure,
        List<String> notifyUp,
        List<String> notifyDown,
        int upperThreshold,
        int lowerThreshold,
        List<Checker> checkers) {

    public RealServer {
        notifyUp = List.copyOf(notifyUp);
        notifyDown = List.copyOf(notifyDown);
        checkers = List.copyOf(checkers);
    }
}
