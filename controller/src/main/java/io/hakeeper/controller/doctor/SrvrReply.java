package io.hakeeper.controller.doctor;

import java.util.Optional;

/**
 * The parts of a {@code srvr} answer doctor uses. ZooKeeper prints, one per line,
 * {@code Zookeeper version: ...}, {@code Latency min/avg/max: 0/0.1/3}, {@code Zxid: 0x...},
 * {@code Mode: leader|follower|observer|standalone|read-only}, {@code Node count: N}; a server
 * without quorum answers "This ZooKeeper instance is not currently serving requests" instead.
 */
public record SrvrReply(boolean serving, String version, String mode, Double latencyAvgMs, Long latencyMaxMs,
                        String zxid, Long nodeCount) {

    public static SrvrReply parse(String text) {
        if (text.contains("not currently serving requests")) {
            return new SrvrReply(false, null, "not serving", null, null, null, null);
        }
        String version = value(text, "Zookeeper version").map(v -> v.split("[-,]", 2)[0].trim()).orElse(null);
        String mode = value(text, "Mode").orElse(null);
        Double avg = null;
        Long max = null;
        Optional<String> latency = value(text, "Latency min/avg/max");
        if (latency.isPresent()) {
            String[] parts = latency.get().split("/");
            if (parts.length == 3) {
                try {
                    avg = Double.parseDouble(parts[1].trim());
                    max = Long.parseLong(parts[2].trim());
                } catch (NumberFormatException e) {
                    // leave them unknown
                }
            }
        }
        Long nodes = value(text, "Node count").map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
        return new SrvrReply(mode != null, version, mode, avg, max, value(text, "Zxid").orElse(null), nodes);
    }

    static Optional<String> value(String text, String key) {
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }
}
