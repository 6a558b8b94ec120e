package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hakeeper.agent.testsupport.Poll;
import io.hakeeper.common.config.model.Checker;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISC_CHECK running real scripts. */
class MiscProbeTest {

    private final ProbeFixture f = new ProbeFixture();
    private static final InetSocketAddress RS = new InetSocketAddress("127.0.0.1", 80);
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        f.close();
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static Checker.Misc misc(Path script, int timeout, boolean dynamic, String user, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        // Debian's nobody has the group nogroup, not a group of its own name.
        return new Checker.Misc(Checker.Connection.DEFAULTS, cmd, timeout, dynamic, user, user != null ? "nogroup" : null);
    }

    @Test
    void exitZeroPassesAndOneFails() throws Exception {
        Path s = script("check", "exit \"$1\"");
        assertTrue(f.check(misc(s, 5, false, null, "0"), RS).passed());
        ProbeResult r = f.check(misc(s, 5, false, null, "1"), RS);
        assertEquals(FailureReason.SCRIPT_FAILED, r.reason());
        assertEquals(s + " exited with status 1", r.detail());
    }

    @Test
    void miscDynamicTurnsExitTwoTo255IntoAWeight() throws Exception {
        Path s = script("check", "exit \"$1\"");
        ProbeResult r = f.check(misc(s, 5, true, null, "12"), RS);
        assertTrue(r.passed());
        assertEquals(OptionalInt.of(10), r.dynamicWeight());
        assertEquals(OptionalInt.of(253), f.check(misc(s, 5, true, null, "255"), RS).dynamicWeight());
        assertEquals(OptionalInt.empty(), f.check(misc(s, 5, true, null, "0"), RS).dynamicWeight());
        assertFalse(f.check(misc(s, 5, true, null, "1"), RS).passed());
        assertFalse(f.check(misc(s, 5, false, null, "12"), RS).passed(), "without misc_dynamic, 12 is a failure");
    }

    @Test
    void scriptThatOverrunsMiscTimeoutFailsAtTheTimeoutAndIsKilled() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path s = script("slow", "echo $$ > " + pidFile + "\nexec sleep 30");
        ProbeResult r = f.check(misc(s, 1, false, null), RS);
        assertEquals(FailureReason.SCRIPT_FAILED, r.reason());
        assertTrue(r.detail().contains("timed out after 1000 ms"), r.detail());
        assertTrue(ProbeFixture.millis(r) >= 990 && ProbeFixture.millis(r) < 1500, "took " + ProbeFixture.millis(r));
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Poll.until(Duration.ofSeconds(5), "the script to be killed",
                () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void missingScriptIsALocalError() throws Exception {
        ProbeResult r = f.check(misc(dir.resolve("absent"), 5, false, null), RS);
        assertEquals(FailureReason.LOCAL_ERROR, r.reason());
    }

    @Test
    void runsAsItsUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a script as another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path s = script("whoami", "[ \"$(id -un)\" = nobody ]");
        assertTrue(f.check(misc(s, 5, false, "nobody"), RS).passed());
        assertFalse(f.check(misc(s, 5, false, null), RS).passed(), "as root the same script fails");
    }
}
