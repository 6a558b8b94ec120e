package io.hakeeper.agent.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.testsupport.Poll;
import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.KeepalivedConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The reconciler follows verdicts at once (no drift-check wait): removal or weight 0 per
 * inhibit_on_failure, misc_dynamic weights, sorry_server while the quorum is lost, quorum scripts,
 * and omega at shutdown. Against the in-memory kernel; the real kernel's run is IpvsKernelScenario.
 */
class IpvsProgrammerVerdictTest {

    private static final String CONF = """
            virtual_server 10.0.0.1 80 {
                lb_kind NAT
                omega
                quorum 2
                quorum_up /bin/true up
                quorum_down /bin/true down
                sorry_server 10.0.9.9 80
                real_server 10.0.1.1 80 {
                    weight 1
                    notify_down /bin/true
                    TCP_CHECK {
                        connect_timeout 1
                    }
                }
                real_server 10.0.1.2 80 {
                    weight 1
                    inhibit_on_failure
                    TCP_CHECK {
                        connect_timeout 1
                    }
                }
            }
            virtual_server 10.0.0.2 80 {
                real_server 10.0.2.1 80 {
                    TCP_CHECK {
                        connect_timeout 1
                    }
                }
            }
            """;

    private static KeepalivedConfig config() {
        ConfigLoader.Result r = ConfigLoader.loadText(Path.of("t.conf"), CONF, ConfigLoader.Mode.CHECK,
                HostFacts.trusting());
        assertTrue(r.ok(), r.errors().toString());
        return r.config();
    }

    private static final IpvsServiceKey WEB = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.1", 80);
    private static final IpvsServiceKey OTHER = IpvsServiceKey.of(IpvsProtocol.TCP, "10.0.0.2", 80);

    /** {address -> weight} of the service's destinations in the kernel. */
    private static Map<String, Integer> weights(ModelKernel kernel, IpvsServiceKey key) throws Exception {
        IpvsServiceEntry e = kernel.table().services().get(key);
        Map<String, Integer> out = new java.util.TreeMap<>();
        e.destinations().values().forEach(d -> out.put(d.address().toString(), d.weight()));
        return out;
    }

    @Test
    void theTableFollowsVerdictsSorryServerQuorumAndOmega() throws Exception {
        KeepalivedConfig config = config();
        var vs = config.virtualServers().get(0);
        RealServerId a = RealServerId.of(vs, vs.realServers().get(0));
        RealServerId b = RealServerId.of(vs, vs.realServers().get(1));
        Map<RealServerId, Verdict> verdicts = new ConcurrentHashMap<>();
        List<QuorumTransition> quorum = new CopyOnWriteArrayList<>();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        ModelKernel kernel = new ModelKernel(IpvsTable.EMPTY);
        try (IpvsProgrammer p = new IpvsProgrammer(() -> kernel, id -> Optional.ofNullable(verdicts.get(id)),
                quorum::add)) {
            p.onApplied((decided, applied) -> latencies.add(applied - decided));
            p.start(config, 3600);
            p.checkNow();
            assertEquals(Map.of("10.0.1.1", 1, "10.0.1.2", 1), weights(kernel, WEB), "both up: quorum 2 met");
            assertEquals(List.of(), quorum, "a quorum met at start is not announced");

            // A misc_dynamic weight: applied without waiting for the drift check (an hour away).
            verdicts.put(a, Verdict.up(7));
            p.verdictChanged(System.nanoTime());
            Poll.until(Duration.ofSeconds(5), "weight 7", () -> weights(kernel, WEB).get("10.0.1.1") == 7);
            Poll.until(Duration.ofSeconds(5), "applied reported", () -> latencies.size() == 1);

            // B down under inhibit_on_failure: weight 0, still there; live weight 7 keeps the quorum.
            verdicts.put(b, Verdict.down());
            p.verdictChanged(System.nanoTime());
            Poll.until(Duration.ofSeconds(5), "B inhibited",
                    () -> Map.of("10.0.1.1", 7, "10.0.1.2", 0).equals(weights(kernel, WEB)));

            // A down too: quorum lost, the sorry server alone carries traffic, quorum_down runs.
            verdicts.put(a, Verdict.down());
            p.verdictChanged(System.nanoTime());
            Poll.until(Duration.ofSeconds(5), "sorry server in",
                    () -> Map.of("10.0.1.2", 0, "10.0.9.9", 1).equals(weights(kernel, WEB)));
            Poll.until(Duration.ofSeconds(5), "quorum_down announced", () -> quorum.size() == 1);
            assertEquals(QuorumState.DOWN, quorum.get(0).to());
            assertEquals(List.of("/bin/true", "down"), quorum.get(0).command());

            // Both back: sorry server out, quorum_up runs.
            verdicts.put(a, Verdict.up());
            verdicts.put(b, Verdict.up());
            p.verdictChanged(System.nanoTime());
            Poll.until(Duration.ofSeconds(5), "real servers back",
                    () -> Map.of("10.0.1.1", 1, "10.0.1.2", 1).equals(weights(kernel, WEB)));
            Poll.until(Duration.ofSeconds(5), "quorum_up announced", () -> quorum.size() == 2);
            assertEquals(QuorumState.UP, quorum.get(1).to());
            assertEquals(List.of("/bin/true", "up"), quorum.get(1).command());

            // omega: the omega virtual server's services go, with notify_down for its live servers and
            // quorum_down; the other virtual server stays.
            ShutdownNotices notices = p.shutdown();
            assertEquals(List.of(a, b), notices.realServersDown());
            assertEquals(1, notices.quorumLost().size());
            assertFalse(kernel.table().keys().contains(WEB), "omega: removed");
            assertTrue(kernel.table().keys().contains(OTHER), "without omega: kept");
        }
        assertTrue(latencies.stream().allMatch(l -> l >= 0), latencies.toString());
    }

    @Test
    void aVerdictChangeOnATableChangedBehindOurBackFallsBackToAFullReconcile() throws Exception {
        KeepalivedConfig config = config();
        var vs = config.virtualServers().get(0);
        RealServerId b = RealServerId.of(vs, vs.realServers().get(1));
        Map<RealServerId, Verdict> verdicts = new ConcurrentHashMap<>();
        ModelKernel kernel = new ModelKernel(IpvsTable.EMPTY);
        try (IpvsProgrammer p = new IpvsProgrammer(() -> kernel, id -> Optional.ofNullable(verdicts.get(id)),
                t -> { })) {
            p.start(config, 3600);
            p.checkNow();
            // Someone deletes our service (ipvsadm -D); the fast path's diff assumes it is there.
            kernel.set(kernel.table().without(WEB));
            verdicts.put(b, Verdict.down());
            p.verdictChanged(System.nanoTime());
            Poll.until(Duration.ofSeconds(5), "service back; B inhibited and the quorum lost: sorry server in",
                    () -> kernel.table().keys().contains(WEB)
                            && Map.of("10.0.1.2", 0, "10.0.9.9", 1).equals(weights(kernel, WEB)));
        }
    }
}
