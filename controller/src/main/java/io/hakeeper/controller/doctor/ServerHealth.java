package io.hakeeper.controller.doctor;

/**
 * One ZooKeeper server as doctor saw it ({@code $defs/server} in hactl.schema.json). Fields the
 * server would not tell (four-letter word not whitelisted) are null.
 *
 * @param error why it is unreachable, or null
 * @param roundTripMs TCP connect plus the {@code srvr} answer, from this host
 * @param latencyAvgMs the server's own request latency average ({@code srvr}), in ms
 * @param srvrAllowed and {@code confAllowed}: whether the whitelist lets doctor ask
 */
public record ServerHealth(String address, boolean reachable, String error, String mode, String version,
                           Long roundTripMs, Double latencyAvgMs, Long latencyMaxMs, String zxid, Long nodeCount,
                           Integer tickTimeMs, Integer minSessionTimeoutMs, Integer maxSessionTimeoutMs,
                           boolean srvrAllowed, boolean confAllowed) {
}
