package io.hakeeper.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facts about the host are warnings for check (the file may be for another host) and errors for run. */
class HostFactsTest {

    @TempDir
    Path dir;

    private Path script(String name, String perms) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    private String config(String scriptPath, boolean security, String iface) {
        return (security ? "global_defs {\n    enable_script_security\n}\n" : "")
                + "vrrp_script chk {\n    script \"" + scriptPath + " --quiet\"\n}\n"
                + Configs.INSTANCE.replace("interface eth0", "interface " + iface)
                .replace("priority 100", "priority 100\n    track_script {\n        chk\n    }");
    }

    private static ConfigLoader.Result load(String text, ConfigLoader.Mode mode) {
        return ConfigLoader.loadText(Configs.FILE, text, mode, HostFacts.local());
    }

    @Test
    void missingInterfaceWarnsForCheckAndFailsRun() throws IOException {
        String text = config(script("ok.sh", "rwxr-xr-x").toString(), false, "hk-no-such0");
        ConfigLoader.Result check = load(text, ConfigLoader.Mode.CHECK);
        assertTrue(check.ok());
        assertEquals(List.of("vrrp_instance 'VI_1': interface 'hk-no-such0' does not exist on this host;"
                + " fix 'interface' or create the link"), check.warnings().stream().map(Diagnostic::message).toList());
        ConfigLoader.Result run = load(text, ConfigLoader.Mode.RUN);
        assertFalse(run.ok());
        assertEquals(5, run.errors().get(0).pos().line());
        assertEquals(15, run.errors().get(0).pos().col());
    }

    @Test
    void loopbackExistsAndASafeScriptPasses() throws IOException {
        ConfigLoader.Result run = load(config(script("ok.sh", "rwxr-xr-x").toString(), true, "lo"),
                ConfigLoader.Mode.RUN);
        assertTrue(run.ok(), () -> run.diagnostics().toString());
        assertTrue(run.diagnostics().isEmpty(), () -> run.diagnostics().toString());
    }

    @Test
    void scriptWritableByOthersIsRefusedByRunWithScriptSecurity() throws IOException {
        String path = script("open.sh", "rwxrwxrwx").toString();
        ConfigLoader.Result secure = load(config(path, true, "lo"), ConfigLoader.Mode.RUN);
        assertFalse(secure.ok());
        assertEquals("vrrp_script 'chk': '" + path + "' is writable by group or others, so anyone could change"
                + " what the agent runs; chmod go-w it (enable_script_security refuses it)",
                secure.errors().get(0).message());
        ConfigLoader.Result lax = load(config(path, false, "lo"), ConfigLoader.Mode.RUN);
        assertTrue(lax.ok(), "without enable_script_security it is only a warning");
        assertEquals(1, lax.warnings().size());
    }

    @Test
    void scriptThatIsNotExecutableOrMissing() throws IOException {
        String plain = script("plain.sh", "rw-r--r--").toString();
        assertEquals("vrrp_script 'chk': '" + plain + "' is not an executable file; chmod +x it",
                load(config(plain, false, "lo"), ConfigLoader.Mode.RUN).errors().get(0).message());
        assertEquals("vrrp_script 'chk': 'hk-no-such-command' does not exist in PATH; install it or fix the path",
                load(config("hk-no-such-command", false, "lo"), ConfigLoader.Mode.RUN).errors().get(0).message());
        assertTrue(load(config("sh", false, "lo"), ConfigLoader.Mode.RUN).ok(), "bare commands are found in PATH");
    }

    @Test
    void digestFileMustBeMode0600ForRun() throws IOException {
        Path digest = dir.resolve("zk.digest");
        Files.writeString(digest, "agent:secret\n");
        Files.setPosixFilePermissions(digest, PosixFilePermissions.fromString("rw-r--r--"));
        String text = Configs.INSTANCE.replace("interface eth0", "interface lo")
                .replace("connect 127.0.0.1:2181", "connect 127.0.0.1:2181\n    auth_digest_file " + digest);
        ConfigLoader.Result loose = load(text, ConfigLoader.Mode.RUN);
        assertEquals("auth_digest_file '" + digest + "' is readable or writable by group or others; chmod 600 it",
                loose.errors().get(0).message());
        Files.setPosixFilePermissions(digest, PosixFilePermissions.fromString("rw-------"));
        assertTrue(load(text, ConfigLoader.Mode.RUN).ok());
    }

    @Test
    void runRequiresAZookeeperBlock() {
        String text = Configs.INSTANCE.substring(0, Configs.INSTANCE.indexOf("zookeeper"));
        ConfigLoader.Result run = ConfigLoader.loadText(Configs.FILE, text, ConfigLoader.Mode.RUN, HostFacts.trusting());
        assertFalse(run.ok());
        assertTrue(run.errors().get(0).message().startsWith("no zookeeper { } block; haagent run needs one"));
    }
}
