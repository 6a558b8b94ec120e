package io.hakeeper.controller.doctor;

import java.util.HashMap;
import java.util.Map;

/**
 * The session limits in a {@code conf} answer ({@code key=value} lines): {@code tickTime},
 * {@code minSessionTimeout} and {@code maxSessionTimeout} (defaults 2 and 20 ticks when unset,
 * and ZooKeeper prints the effective values).
 */
public record ConfReply(Integer tickTimeMs, Integer minSessionTimeoutMs, Integer maxSessionTimeoutMs) {

    public static ConfReply parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new ConfReply(number(values.get("tickTime")), number(values.get("minSessionTimeout")),
                number(values.get("maxSessionTimeout")));
    }

    private static Integer number(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
