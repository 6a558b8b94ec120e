package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.CheckRunner;
import io.hakeeper.common.config.model.KeepalivedConfig;

/**
 * Where the agent gets its {@link CheckRunner}: the shared-timer, NIO-selector runner and its
 * probes (issue 8, part A) are built in a separate change. Until that is merged this says so, and
 * the agent runs without checkers: every real server counts as up (or down under {@code alpha}),
 * as before checkers existed. Merging part A replaces the body of {@link #open} and nothing else.
 */
public final class CheckEngine {

    private CheckEngine() {
    }

    /** @throws UnsupportedOperationException until the probe engine is merged */
    public static CheckRunner open(KeepalivedConfig config) {
        throw new UnsupportedOperationException("the probe engine (TCP/HTTP/SSL/SMTP/DNS/UDP/PING/MISC probes on a"
                + " shared selector) is not part of this build");
    }
}
