package io.hakeeper.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.HaAgent;
import io.hakeeper.agent.ipvs.IpvsNetlink;
import io.hakeeper.agent.ipvs.IpvsRequestException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code haagent ipvs apply|show} on this host: usage, config errors, and the real kernel's
 * answer when IPVS is missing. Programming a real table is proven in a VM (ipvs.kernel).
 */
class IpvsCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HaAgent.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path write(String text) throws IOException {
        Path p = dir.resolve("lb01.conf");
        Files.writeString(p, text);
        return p;
    }

    private static final String ONE_SERVICE = """
            virtual_server 192.168.156.150 80 {
                lb_algo rr
                lb_kind DR
                real_server 192.168.156.135 80 {
                    weight 1
                }
            }
            """;

    private static void assumeNoIpvs() {
        try (IpvsNetlink kernel = IpvsNetlink.open()) {
            Assumptions.abort("this kernel has IPVS; these tests show the answer of a kernel without it");
        } catch (IpvsRequestException e) {
            // the host has no IPVS: what these tests are about
        } catch (Exception e) {
            Assumptions.abort("cannot ask this kernel about IPVS: " + e.getMessage());
        }
    }

    @Test
    void ipvsWithoutASubcommandIsAUsageError() {
        Run r = run("ipvs");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("say what to do: apply or show"), r.err());
    }

    @Test
    void applyNeedsAConfig() {
        Run r = run("ipvs", "apply");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required option: '--config=FILE'"), r.err());
    }

    @Test
    void showTakesOneLayoutAtATime() {
        Run r = run("ipvs", "show", "--thresholds", "--persistent-conn");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }

    @Test
    void anInvalidConfigChangesNothingAndSaysWhere() throws IOException {
        Path conf = write("virtual_server 192.168.156.150 80 {\n    lb_algo rr\n    lb_kind XX\n}\n");
        Run r = run("ipvs", "apply", "--config", conf.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(conf + ":3:"), r.err());
        assertTrue(r.err().contains("; nothing was changed"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void applyOnAKernelWithoutIpvsSaysToLoadTheModule() throws IOException {
        assumeNoIpvs();
        Run r = run("ipvs", "apply", "--config", write(ONE_SERVICE).toString());
        assertEquals(1, r.exit());
        assertEquals("haagent ipvs apply: resolve generic netlink family IPVS: the ip_vs kernel module is not loaded "
                + "(modprobe ip_vs) [ENOENT]; nothing was changed\n", r.err());
    }

    @Test
    void showOnAKernelWithoutIpvsSaysToLoadTheModule() {
        assumeNoIpvs();
        Run r = run("ipvs", "show");
        assertEquals(1, r.exit());
        assertEquals("haagent ipvs show: resolve generic netlink family IPVS: the ip_vs kernel module is not loaded "
                + "(modprobe ip_vs) [ENOENT]\n", r.err());
    }
}
