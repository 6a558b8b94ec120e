package io.hakeeper.controller.findings;

import com.fasterxml.jackson.annotation.JsonValue;
import io.hakeeper.controller.ExitCode;
import java.util.Collection;
import java.util.Locale;

/** How bad a finding is. The worst one decides the exit code. */
public enum Severity {
    /** A check that passed (doctor only). */
    OK(ExitCode.OK),
    /** Worth knowing, nothing to fix (a drained node, a pending switchover). */
    INFO(ExitCode.OK),
    /** The VIPs are served, but redundancy or visibility is reduced. */
    DEGRADED(ExitCode.DEGRADED),
    /** VIPs down or the fence at risk. */
    CRITICAL(ExitCode.CRITICAL);

    private final ExitCode exitCode;

    Severity(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity worst(Collection<Finding> findings) {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(OK);
    }

    /** The health word for a whole report: healthy, degraded or critical. */
    public static String health(Severity worst) {
        return switch (worst) {
            case OK, INFO -> "healthy";
            case DEGRADED -> "degraded";
            case CRITICAL -> "critical";
        };
    }
}
