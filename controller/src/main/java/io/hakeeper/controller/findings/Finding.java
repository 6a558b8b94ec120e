package io.hakeeper.controller.findings;

/**
 * One thing a reader of the cluster should know, with what to do about it.
 *
 * @param instance the vrrp_instance it concerns, or null
 * @param node the node it concerns, or null
 * @param action what to do; empty for findings that need nothing
 */
public record Finding(Severity severity, FindingCode code, String instance, String node, String message,
                      String action) {

    public static Finding of(Severity severity, FindingCode code, String instance, String node, String message,
                             String action) {
        return new Finding(severity, code, instance, node, message, action == null ? "" : action);
    }
}
