package io.hakeeper.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hakeeper.agent.HaAgent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code haagent check}: exit 0 valid, 1 invalid with every error, 2 usage; summary and JSON. */
class CheckCommandTest {

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

    private static final String VALID = """
            global_defs {
                router_id lb01
            }
            vrrp_instance VI_1 {
                interface lo
                virtual_router_id 51
                priority 150
                virtual_ipaddress {
                    10.0.0.3/24
                }
            }
            virtual_server 10.0.0.3 80 {
                lb_algo rr
                lb_kind DR
                real_server 10.0.1.1 80 {
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            zookeeper {
                connect 127.0.0.1:2181
            }
            """;

    @Test
    void validConfigExitsZeroAndSummarisesInstancesServersAndBudget() throws IOException {
        Run r = run("check", "--config", write(VALID).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("valid"), r.out());
        assertTrue(r.out().contains("vrrp_instance VI_1: vrid 51 on lo, priority 150, advert 1 s, VRRPv2, preempt"),
                r.out());
        assertTrue(r.out().contains("VIPs: 10.0.0.3/24"), r.out());
        assertTrue(r.out().contains("virtual_server 10.0.0.3:80 TCP: rr, DR"), r.out());
        assertTrue(r.out().contains("real_server 10.0.1.1:80 weight 1 TCP_CHECK"), r.out());
        assertTrue(r.out().contains("lease 1250 ms (valid_lft 1 s)"), r.out());
    }

    @Test
    void invalidConfigExitsOneAndPrintsEveryError() throws IOException {
        Path p = write(VALID.replace("priority 150", "priorty 150").replace("lb_algo rr", "lb_algo rrr"));
        Run r = run("check", "--config", p.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(p + ":7:5: unknown keyword 'priorty' in vrrp_instance (did you mean 'priority'?)"),
                r.err());
        assertTrue(r.err().contains(p + ":13:13: unknown value 'rrr' for 'lb_algo'"), r.err());
        assertTrue(r.err().contains("2 errors"), r.err());
        assertFalse(r.out().contains("valid"));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("check").exit());
        assertEquals(2, run("check", "--config").exit());
        assertEquals(2, run("check", "--config", "x.conf", "--bogus").exit());
    }

    @Test
    void jsonCarriesTheModelDiagnosticsAndBudget() throws IOException {
        Run r = run("check", "--json", "--config", write(VALID + "fence {\n on_zk_loss hold\n}\n").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("valid").asBoolean());
        assertEquals(51, doc.at("/config/instances/0/vrid").asInt());
        assertEquals("10.0.0.3", doc.at("/config/instances/0/virtualIps/0/address").asText());
        assertEquals("TCP_CHECK", doc.at("/config/virtualServers/0/realServers/0/checkers/0/type").asText());
        assertEquals("HOLD", doc.at("/config/fence/onZkLoss").asText());
        assertEquals(1250, doc.at("/fenceBudget/leaseMs").asInt());
    }

    @Test
    void jsonOfAnInvalidConfigListsErrorsWithPositions() throws IOException {
        Run r = run("check", "--json", "--config", write(VALID.replace("virtual_router_id 51", "virtual_router_id 0"))
                .toString());
        assertEquals(1, r.exit());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertFalse(doc.get("valid").asBoolean());
        assertEquals(6, doc.at("/errors/0/line").asInt());
        assertEquals(23, doc.at("/errors/0/col").asInt());
        assertTrue(doc.at("/config").isMissingNode());
    }
}
