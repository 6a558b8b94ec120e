package io.hakeeper.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.Diagnostic;
import io.hakeeper.common.config.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The configs shipped in conf/examples check clean, without a single warning. */
class ExampleConfigsTest {

    @Test
    void everyExampleIsValidWithoutWarnings() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.list(Path.of("..", "conf", "examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertFalse(examples.isEmpty());
        for (Path p : examples) {
            ConfigLoader.Result r = ConfigLoader.load(p, ConfigLoader.Mode.CHECK, HostFacts.local());
            assertTrue(r.ok(), p + ": " + r.errors());
            assertEquals(List.of(), r.diagnostics().stream().map(Diagnostic::format).toList());
        }
    }
}
