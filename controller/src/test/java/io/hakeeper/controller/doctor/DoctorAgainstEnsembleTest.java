package io.hakeeper.controller.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hakeeper.controller.support.HaCtlRun;
import io.hakeeper.controller.support.HaCtlRun.Result;
import io.hakeeper.controller.support.SchemaCheck;
import io.hakeeper.controller.support.TestZooKeeper;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.Test;

/** doctor against a real three-server ensemble: one leader, two followers; then one server stopped. */
class DoctorAgainstEnsembleTest {

    @Test
    void doctorSeesTheLeaderAndTheFollowersAndAStoppedServer() throws Exception {
        try (TestingCluster cluster = TestZooKeeper.cluster(3)) {
            cluster.start();
            HaCtlRun hactl = new HaCtlRun("--zk", cluster.getConnectString(), "--cluster", "none");
            Result r = awaitLeader(hactl);
            JsonNode d = SchemaCheck.valid(r.out());
            List<String> modes = new ArrayList<>();
            d.get("servers").forEach(s -> modes.add(s.get("mode").asText()));
            assertEquals(List.of("follower", "follower", "leader"), modes.stream().sorted().toList(), r.out());
            d.get("servers").forEach(s -> assertEquals(TestZooKeeper.TICK_MS, s.get("tickTimeMs").asInt()));

            InstanceSpec victim = cluster.getInstances().iterator().next();
            cluster.killServer(victim);
            Result after = hactl.run("doctor", "--json");
            JsonNode a = SchemaCheck.valid(after.out());
            TreeSet<String> degraded = new TreeSet<>();
            a.get("checks").forEach(c -> {
                if (c.get("severity").asText().equals("degraded")) {
                    degraded.add(c.get("code").asText());
                }
            });
            assertTrue(degraded.contains("server-unreachable"), after.out());
            assertTrue(after.out().contains("127.0.0.1:" + victim.getPort()), after.out());
        }
    }

    /** Right after start the ensemble may still be electing; ask until one server says it leads. */
    private static Result awaitLeader(HaCtlRun hactl) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Result r;
        do {
            r = hactl.run("doctor", "--json");
            if (r.out().contains("\"mode\" : \"leader\"")) {
                return r;
            }
            Thread.sleep(100); // pacing a poll of the ensemble's election, bounded by the deadline
        } while (System.nanoTime() < deadline);
        return r;
    }
}
