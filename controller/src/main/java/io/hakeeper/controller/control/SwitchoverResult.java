package io.hakeeper.controller.control;

/**
 * What {@code hactl switchover} did: the JSON shape of {@code $defs/switchover} in hactl.schema.json.
 *
 * @param target the requested target, or null for "any other eligible member"
 * @param outcome requested (no --wait), completed, cancelled, or already-holder
 * @param newHolder the confirmed new holder (completed), else null
 * @param tookMs from writing the request to seeing the new holder's record (completed), else null
 */
public record SwitchoverResult(String command, int schemaVersion, String instance, String from, String target,
                               String outcome, String requestedBy, long requestedAtMs, String newHolder,
                               Long epoch, Long tookMs) {

    public static final int SCHEMA_VERSION = 1;

    public String describe() {
        String name = instance;
        return switch (outcome) {
            case "completed" -> name + ": " + from + " -> " + newHolder + " in " + tookMs + " ms (epoch " + epoch + ")";
            case "cancelled" -> name + ": switchover request withdrawn";
            case "already-holder" -> name + ": " + target + " already holds it; nothing to do";
            default -> name + ": switchover" + (target == null ? "" : " to " + target) + " requested (holder now "
                    + (from == null ? "none" : from) + "); hactl status shows when it is done";
        };
    }
}
