package io.hakeeper.agent.cli;

import io.hakeeper.agent.ipvs.DesiredState;
import io.hakeeper.agent.ipvs.RealServerHealth;
import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.Diagnostic;
import io.hakeeper.common.config.HostFacts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a config for the {@code ipvs} commands: as {@code haagent check} does (host facts such as
 * a missing interface are warnings; the file may be a director's config read elsewhere), with
 * every real server counted healthy, as {@code haagent ipvs apply} promises.
 */
final class IpvsConfig {

    private IpvsConfig() {
    }

    /** The desired state, or empty after printing every error to {@code err}. Warnings go to {@code err} too. */
    static Optional<DesiredState.Result> desired(Path config, PrintWriter err) {
        ConfigLoader.Result r = ConfigLoader.load(config, ConfigLoader.Mode.CHECK, HostFacts.local());
        for (Diagnostic d : r.diagnostics()) {
            err.println(d.format());
        }
        if (!r.ok()) {
            err.println(config + ": " + r.errors().size() + (r.errors().size() == 1 ? " error" : " errors")
                    + "; nothing was changed");
            return Optional.empty();
        }
        DesiredState.Result desired = DesiredState.build(r.config(), RealServerHealth.allHealthy());
        for (String w : desired.warnings()) {
            err.println(config + ": warning: " + w);
        }
        return Optional.of(desired);
    }
}
