package io.hakeeper.agent.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptCommandTest {

    @Test
    void theAgentsOwnUserRunsTheScriptAsIs() {
        List<String> argv = List.of("/bin/true");
        assertEquals(argv, ScriptCommand.asUser(argv, null, null));
        assertEquals(argv, ScriptCommand.asUser(argv, System.getProperty("user.name"), null));
    }

    @Test
    void aUserWithoutAGroupRunsInTheUsersPrimaryGroup() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "switching users needs root; skipped");
        // nobody's primary group is nogroup on Debian: a group named "nobody" does not exist there.
        List<String> cmd = ScriptCommand.asUser(List.of("id", "-g"), "nobody", null);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        Process expected = new ProcessBuilder("id", "-g", "nobody").start();
        assertEquals(new String(expected.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(), out);
    }
}
