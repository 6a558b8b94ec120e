package io.hakeeper.agent.ipvs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.check.CheckService;
import io.hakeeper.agent.check.LoopbackChecks;
import io.hakeeper.agent.ipvs.IpvsNetlink;
import io.hakeeper.agent.ipvs.IpvsProgrammer;
import io.hakeeper.agent.ipvs.IpvsProtocol;
import io.hakeeper.agent.ipvs.IpvsServiceEntry;
import io.hakeeper.agent.ipvs.IpvsServiceKey;
import io.hakeeper.agent.testsupport.Poll;
import io.hakeeper.agent.track.Notifier;
import io.hakeeper.common.config.ConfigLoader;
import io.hakeeper.common.config.HostFacts;
import io.hakeeper.common.config.model.KeepalivedConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Inside the VM: checkers (real TCP connects to loopback listeners) drive the kernel's IPVS table
 * through the reconciler. Two real servers, quorum 2, a sorry server, one real server with
 * inhibit_on_failure; stopping and restarting a listener must move the table between "both in",
 * "sorry server in (the inhibited one at weight 0)" and back, and run quorum_down / quorum_up.
 * Prints the time from the check that decided a verdict to the reconcile that carried it into the
 * kernel, for every change.
 */
final class VerdictKernelCheck {

    private static final IpvsServiceKey SERVICE = IpvsServiceKey.of(IpvsProtocol.TCP, "10.77.0.1", 80);
    private static final int FLAPS = 5;

    private final IpvsNetlink kernel;
    private final GuestChecks checks;

    VerdictKernelCheck(IpvsNetlink kernel, GuestChecks checks) {
        this.kernel = kernel;
        this.checks = checks;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        return s;
    }

    private Map<String, Integer> weights() throws Exception {
        IpvsServiceEntry e = kernel.table().services().get(SERVICE);
        Map<String, Integer> out = new TreeMap<>();
        if (e != null) {
            e.destinations().values().forEach(d -> out.put(d.address() + ":" + d.port(), d.weight()));
        }
        return out;
    }

    void run() throws Exception {
        kernel.flush();
        Path dir = Files.createTempDirectory("hk-verdict");
        Path log = dir.resolve("quorum.log");
        Path script = dir.resolve("quorum.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1\" >> " + log + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        ServerSocket a = listen(0);
        ServerSocket b = listen(0);
        int portA = a.getLocalPort();
        int portB = b.getLocalPort();
        String ra = "127.0.0.1:" + portA;
        String rb = "127.0.0.1:" + portB;
        String sorry = "127.0.0.1:9";
        ConfigLoader.Result loaded = ConfigLoader.loadText(Path.of("verdicts.conf"), """
                virtual_server 10.77.0.1 80 {
                    delay_loop 1
                    lb_kind NAT
                    quorum 2
                    quorum_up "%1$s up"
                    quorum_down "%1$s down"
                    sorry_server 127.0.0.1 9
                    real_server 127.0.0.1 %2$d {
                        weight 1
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                    real_server 127.0.0.1 %3$d {
                        weight 1
                        inhibit_on_failure
                        TCP_CHECK {
                            connect_timeout 1
                            retry 0
                        }
                    }
                }
                """.formatted(script, portA, portB), ConfigLoader.Mode.CHECK, HostFacts.trusting());
        assertTrue(loaded.ok(), loaded.errors().toString());
        KeepalivedConfig config = loaded.config();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        try (Notifier notifier = new Notifier(null, null);
             LoopbackChecks live = new LoopbackChecks(null, null, notifier);
             IpvsProgrammer ipvs = new IpvsProgrammer(IpvsNetlink::open, live.service, live.service::quorumChanged)) {
            CheckService service = live.service;
            service.addListener((id, verdict, decidedAt) -> ipvs.verdictChanged(decidedAt));
            ipvs.onApplied((decided, applied) -> latencies.add(applied - decided));
            service.apply(config);
            ipvs.start(config, 3600);

            Map<String, Integer> both = Map.of(ra, 1, rb, 1);
            Map<String, Integer> sorryIn = Map.of(rb, 0, sorry, 1);
            Poll.until(Duration.ofSeconds(20), "both real servers in", () -> both.equals(weights()));
            for (int i = 0; i < FLAPS; i++) {
                b.close();
                Poll.until(Duration.ofSeconds(20), "B down: quorum lost, sorry server in, B inhibited",
                        () -> sorryIn.equals(weights()));
                String listing = Ipvsadm.run("-Ln", "-t", "10.77.0.1:80");
                assertTrue(listing.contains(sorry) && listing.contains(rb) && !listing.contains(ra), listing);
                b = listen(portB);
                Poll.until(Duration.ofSeconds(20), "B up: quorum back, sorry server out", () -> both.equals(weights()));
            }
            Poll.until(Duration.ofSeconds(10), "quorum scripts ran",
                    () -> Files.exists(log) && Files.readAllLines(log).size() == 2 * FLAPS);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < FLAPS; i++) {
                expected.add("down");
                expected.add("up");
            }
            assertEquals(expected, Files.readAllLines(log), "quorum_down / quorum_up, in order");
        } finally {
            a.close();
            b.close();
            kernel.flush();
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        assertEquals(2 * FLAPS, sorted.size(), "one applied reconcile per verdict change: " + sorted);
        checks.info(String.format("verdict -> IPVS (check completed -> reconcile applied in the kernel), %d changes:"
                        + " min %.2f ms, median %.2f ms, max %.2f ms; in order (ms): %s", sorted.size(),
                sorted.get(0) / 1e6, sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() - 1) / 1e6,
                latencies.stream().map(l -> String.format("%.1f", l / 1e6)).toList()));
    }
}
