package io.hakeeper.agent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The real-kernel harness works: IPVS of Debian's stock kernel is programmable inside the VM, and a
 * JVM runs there with the test classpath. Each test boots one VM (about 7 s under TCG), so each
 * one checks several facts per boot.
 */
class KernelVmTest {

    /** The schedulers Debian 12's kernel ships (twos arrived in 6.2 and is loaded when present). */
    private static final Set<String> DEBIAN_SCHEDULERS =
            Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh");

    private static final Duration BOOT_AND_RUN = Duration.ofSeconds(120);

    @Test
    void ipvsadmProgramsTheRealKernelTableWithEveryScheduler() throws Exception {
        KernelVm vm = KernelVm.assumeAvailable();
        String script = String.join("\n",
                "set -e",
                "ipvsadm -A -t 10.200.0.100:80 -s rr",
                "ipvsadm -a -t 10.200.0.100:80 -r 10.200.1.1:80 -g",
                "ipvsadm -a -t 10.200.0.100:80 -r 10.200.1.2:8080 -m -w 5",
                "ipvsadm -A -t [2001:db8:200::100]:443 -s wlc -p 300",
                "ipvsadm -a -t [2001:db8:200::100]:443 -r [2001:db8:200:1::1]:443 -i",
                // One UDP service per scheduler the harness loaded, on ports 9001, 9002, ...
                "port=9000",
                "for s in $HAKEEPER_QEMU_SCHEDULERS; do port=$((port+1)); ipvsadm -A -u 10.200.0.101:$port -s $s; done",
                "echo \"schedulers=$HAKEEPER_QEMU_SCHEDULERS\"",
                "ipvsadm -Ln");

        KernelVm.Result r = vm.run(BOOT_AND_RUN, "sh", "-c", script);

        assertEquals(0, r.exitCode(), r::describe);
        assertEquals("", r.stderr(), r::describe);
        List<String> lines = r.stdout().lines().toList();
        List<String> loaded = Arrays.asList(lines.get(0).substring("schedulers=".length()).split(" "));
        assertTrue(loaded.containsAll(DEBIAN_SCHEDULERS), () -> "loaded schedulers " + loaded);
        assertTrue(lines.get(1).startsWith("IP Virtual Server version "), r::describe);

        Map<String, List<String>> table = services(lines.subList(1, lines.size()));
        assertEquals(List.of("-> 10.200.1.1:80 Route 1 0 0", "-> 10.200.1.2:8080 Masq 5 0 0"),
                table.get("TCP 10.200.0.100:80 rr"), r::describe);
        assertEquals(List.of("-> [2001:db8:200:1::1]:443 Tunnel 1 0 0"),
                table.get("TCP [2001:db8:200::100]:443 wlc persistent 300"), r::describe);
        int port = 9000;
        for (String s : loaded) {
            port++;
            assertEquals(List.of(), table.get("UDP 10.200.0.101:" + port + " " + s), "service with scheduler " + s);
        }
        assertEquals(2 + loaded.size(), table.size(), r::describe);
    }

    @Test
    void javaRunsInsideTheVmOnTheGuestKernelWithTheTestClasspath() throws Exception {
        KernelVm vm = KernelVm.assumeAvailable();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(GuestProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String token = UUID.randomUUID().toString();
        // java -version writes to stderr; the probe's exit status 7 must come back as the run's.
        String script = "\"$1\" -version && exec \"$1\" -cp \"$2\" " + GuestProbe.class.getName() + " 7";

        KernelVm.Result r = vm.run(BOOT_AND_RUN, Map.of("HAKEEPER_PROBE_TOKEN", token),
                List.of("sh", "-c", script, "sh", java, classes));

        assertEquals(7, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("OpenJDK 64-Bit Server VM"), r::describe);
        assertTrue(r.stderr().contains("probe: this line goes to stderr"), r::describe);
        Map<String, String> seen = new LinkedHashMap<>();
        r.stdout().lines().forEach(l -> seen.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertEquals(vm.kernelRelease(), seen.get("release"), r::describe);
        assertEquals(System.getProperty("user.dir"), seen.get("cwd"), r::describe);
        assertEquals(token, seen.get("token"), r::describe);
        assertTrue(seen.get("ip_vs").startsWith("IP Virtual Server version "), r::describe);
        assertTrue(seen.get("iface").contains("10.200.0.1"), r::describe);
    }

    @Test
    void timeoutKillsTheVmAndSaysSo() throws Exception {
        KernelVm vm = KernelVm.assumeAvailable();

        // One second is shorter than the boot, so this costs about a second of emulation.
        KernelVm.Result r = vm.run(Duration.ofSeconds(1), "sleep", "600");

        assertEquals(124, r.exitCode(), r::describe);
        assertTrue(r.stderr().contains("timed out after 1 s"), r::describe);
        assertTrue(r.elapsed().compareTo(Duration.ofSeconds(30)) < 0, r::describe);
    }

    /**
     * {@code ipvsadm -Ln} as service line → its destination lines, with runs of blanks collapsed
     * (the column widths are ipvsadm's layout, not the kernel's facts).
     */
    private static Map<String, List<String>> services(List<String> ipvsadmLn) {
        Map<String, List<String>> table = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : ipvsadmLn.subList(3, ipvsadmLn.size())) {
            String line = raw.strip().replaceAll("\\s+", " ");
            if (line.startsWith("->")) {
                current.add(line);
            } else {
                current = new ArrayList<>();
                table.put(line, current);
            }
        }
        return table;
    }
}
