package io.hakeeper.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mode file 'bin/lab up' writes, as the bench's Java side reads it. */
class LabModeTest {

    private static final Path FILE = Path.of("/run/lab/mode.env");

    @Test
    void readsTheEnsembleAndIpv6ModeBinLabWrites() {
        LabMode m = LabMode.parse(FILE, List.of(
                "LAB_MODE_ZK_SERVERS=zk zk2 zk3",
                "LAB_MODE_ZK_CONNECT=10.98.0.2:2181,10.98.0.3:2181,10.98.0.4:2181",
                "LAB_MODE_FAMILY=ipv6",
                "LAB_MODE_VIP=fd98::100"));
        assertEquals(List.of("zk", "zk2", "zk3"), m.zkServers());
        assertEquals("10.98.0.2:2181,10.98.0.3:2181,10.98.0.4:2181", m.zkConnect());
        assertTrue(m.ipv6());
        assertEquals("fd98::100", m.vip());
        assertEquals("[fd98::100]", m.vipHost());
    }

    @Test
    void theDefaultLabIsOneServerAndIpv4AndLaterKeysAreIgnored() {
        LabMode m = LabMode.parse(FILE, List.of("# bin/lab up", "LAB_MODE_ZK_SERVERS=zk", "LAB_MODE_ZK_CONNECT=10.98.0.2:2181",
                "LAB_MODE_FAMILY=ipv4", "LAB_MODE_VIP=10.98.0.100", "LAB_MODE_SOMETHING_NEW=1"));
        assertEquals(List.of("zk"), m.zkServers());
        assertFalse(m.ipv6());
        assertEquals("10.98.0.100", m.vipHost());
    }

    @Test
    void aMissingKeyOrUnknownFamilyNamesTheFileAndTheKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> LabMode.parse(FILE,
                List.of("LAB_MODE_ZK_SERVERS=zk", "LAB_MODE_FAMILY=ipv4", "LAB_MODE_VIP=10.98.0.100")));
        assertEquals("/run/lab/mode.env: no LAB_MODE_ZK_CONNECT (written by bin/lab up; bin/lab down, then up again)",
                missing.getMessage());
        IllegalArgumentException family = assertThrows(IllegalArgumentException.class, () -> LabMode.parse(FILE,
                List.of("LAB_MODE_ZK_SERVERS=zk", "LAB_MODE_ZK_CONNECT=x:1", "LAB_MODE_FAMILY=inet6", "LAB_MODE_VIP=::1")));
        assertTrue(family.getMessage().contains("LAB_MODE_FAMILY is 'inet6', expected ipv4 or ipv6"), family.getMessage());
        IllegalArgumentException line = assertThrows(IllegalArgumentException.class,
                () -> LabMode.parse(FILE, List.of("LAB_MODE_FAMILY=ipv4", "garbage")));
        assertEquals("/run/lab/mode.env:2: expected KEY=VALUE, found 'garbage'", line.getMessage());
    }

    @Test
    void aLabThatIsNotUpIsAClearError(@TempDir Path runDir) throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LabMode.read(runDir));
        assertEquals("the lab is not up: no " + runDir.resolve("mode.env") + " (bin/lab up [--zk 1|3] [--ipv6] writes it)",
                e.getMessage());
        Files.writeString(runDir.resolve("mode.env"), "LAB_MODE_ZK_SERVERS=zk\nLAB_MODE_ZK_CONNECT=10.98.0.2:2181\n"
                + "LAB_MODE_FAMILY=ipv4\nLAB_MODE_VIP=10.98.0.100\n");
        assertEquals(new LabMode(List.of("zk"), "10.98.0.2:2181", false, "10.98.0.100"), LabMode.read(runDir));
    }
}
