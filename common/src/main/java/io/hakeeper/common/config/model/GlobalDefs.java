package io.hakeeper.common.config.model;

import java.util.List;

/**
 * {@code global_defs}. {@code routerId} is null when absent (the node id then falls back to the
 * host name). GARP values are keepalived's global defaults for every instance.
 */
public record GlobalDefs(
        String routerId,
        List<String> notificationEmail,
        String notificationEmailFrom,
        String smtpServer,
        Integer smtpPort,
        int smtpConnectTimeoutSec,
        String scriptUser,
        String scriptGroup,
        boolean enableScriptSecurity,
        int vrrpVersion,
        GarpSettings garp,
        Integer vrrpNice) {

    public GlobalDefs {
        notificationEmail = List.copyOf(notificationEmail);
    }
}
