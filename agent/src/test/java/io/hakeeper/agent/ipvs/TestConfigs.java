package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.Diagnostic;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.KeepalivedConfig;
import java.nio.file.Path;

/** Configs for the IPVS tests: the project's keepalived fixtures, and inline text. */
final class TestConfigs {

    private TestConfigs() {
    }

    static final Path FIXTURES = Path.of("..", "common", "src", "test", "resources", "fixtures", "keepalived");

    static KeepalivedConfig fixture(String name) {
        ConfigLoader.Result r = ConfigLoader.load(FIXTURES.resolve(name), ConfigLoader.Mode.CHECK, HostFacts.trusting());
        assertTrue(r.ok(), () -> name + ": " + r.errors().stream().map(Diagnostic::format).toList());
        return r.config();
    }

    static KeepalivedConfig text(String config) {
        ConfigLoader.Result r = ConfigLoader.loadText(Path.of("test.conf"), config, ConfigLoader.Mode.CHECK,
                HostFacts.trusting());
        assertTrue(r.ok(), () -> r.errors().stream().map(Diagnostic::format).toList().toString());
        return r.config();
    }
}
