package io.hakeeper.controller.control;

import java.util.List;

/**
 * What {@code hactl drain} / {@code undrain} did: {@code $defs/drain} in hactl.schema.json.
 *
 * @param command "drain" or "undrain"
 * @param outcome requested, completed (after --wait), already (nothing to change)
 * @param moved with --wait: each instance the node held and where it went
 * @param tookMs with --wait: from writing the request until the node held nothing (drain) or was
 *               eligible again (undrain)
 */
public record DrainResult(String command, int schemaVersion, String node, String outcome, String requestedBy,
                          long requestedAtMs, List<Move> moved, Long tookMs) {

    public static final int SCHEMA_VERSION = 1;

    /** @param to the new holder, or null when none took over; @param tookMs until it was seen */
    public record Move(String instance, String from, String to, Long tookMs) {
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        switch (outcome) {
            case "already" -> b.append(node).append(command.equals("drain") ? " is already drained" : " is not drained");
            case "requested" -> b.append(node).append(command.equals("drain") ? " drained" : " undrained")
                    .append(" (request written; hactl status shows the effect)");
            default -> b.append(node).append(command.equals("drain") ? " drained: it holds nothing now"
                    : " undrained: eligible again").append(" (").append(tookMs).append(" ms)");
        }
        for (Move m : moved) {
            b.append('\n').append("  ").append(m.instance()).append(": ").append(m.from()).append(" -> ")
                    .append(m.to() == null ? "no holder" : m.to())
                    .append(m.tookMs() == null ? "" : " in " + m.tookMs() + " ms");
        }
        return b.toString();
    }
}
