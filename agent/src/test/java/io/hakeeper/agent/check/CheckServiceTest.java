package io.hakeeper.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.check.probe.FailureReason;
import io.hakeeper.agent.check.probe.ProbeResult;
import io.hakeeper.agent.ipvs.RealServerId;
import io.hakeeper.agent.ipvs.Verdict;
import io.hakeeper.agent.testsupport.Poll;
import io.hakeeper.agent.track.Notifier;
import io.hakeeper.common.config.model.KeepalivedConfig;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check service on a hand-driven runner and a fake clock: what it hands the runner (targets,
 * spread first attempts, delay_loop inheritance), how attempts become verdicts, listeners, real
 * notify scripts with keepalived's (absent) arguments, reloads that keep unchanged servers, and
 * the metrics it exports.
 */
class CheckServiceTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @TempDir
    Path dir;

    private Path script(String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, "#!/bin/sh\necho \"" + name + " $#\" >> " + log + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private KeepalivedConfig config(int delayLoop, String extra) throws Exception {
        return RealServersInZooKeeperTest.config("""
                virtual_server 10.0.0.1 80 {
                    delay_loop %d
                    %s
                    real_server 10.0.1.1 80 {
                        weight 4
                        notify_up %s
                        notify_down %s
                        TCP_CHECK {
                            connect_timeout 1
                            retry 1
                            delay_before_retry 2
                        }
                        TCP_CHECK {
                            connect_port 8080
                            delay_loop 30
                        }
                    }
                    real_server 10.0.1.2 80 {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(delayLoop, extra, script("up"), script("down")));
    }

    private static String key(ManualCheckRunner r, String realServer, int checker) {
        return r.checks.keySet().stream().filter(k -> k.contains(realServer + " #" + checker)).findFirst().orElseThrow();
    }

    @Test
    void attemptsBecomeVerdictsScriptsAndMetrics() throws Exception {
        ManualCheckRunner runner = new ManualCheckRunner();
        List<String> changes = new ArrayList<>();
        long[] now = {1000 * S};
        try (Notifier notifier = new Notifier(null, null);
             CheckService service = new CheckService(runner, () -> now[0], () -> 5_000L, new SplittableRandom(9),
                     notifier)) {
            service.addListener((id, v, at) -> changes.add(id.realServer().show() + " " + v + " @" + (at / S)));
            KeepalivedConfig config = config(10, "");
            service.apply(config);

            assertEquals(3, runner.checks.size(), "one check per checker block");
            String tcp = key(runner, "10.0.1.1:80", 0);
            runner.checks.forEach((k, c) -> {
                long delayLoop = k.equals(key(runner, "10.0.1.1:80", 1)) ? 30 * S : 10 * S;
                assertTrue(c.dueNanos() >= now[0] && c.dueNanos() < now[0] + delayLoop,
                        "first attempts spread over their delay_loop (the checker's own, else the virtual server's): "
                                + k + " " + (c.dueNanos() - now[0]));
            });
            assertEquals(8080, runner.checks.get(key(runner, "10.0.1.1:80", 1)).target().checker().connection()
                    .connectPort());

            RealServerId id = RealServerId.of(config.virtualServers().get(0), config.virtualServers().get(0)
                    .realServers().get(0));
            assertEquals(Optional.of(Verdict.up()), service.verdict(id), "no alpha: up before any check");

            ProbeResult refused = ProbeResult.fail(FailureReason.REFUSED, "connection refused", 300_000);
            assertEquals(1002 * S, runner.complete(tcp, refused, 1000 * S), "retry 1 after delay_before_retry 2");
            assertEquals(List.of(), changes, "a retried failure changes nothing");
            assertEquals(1012 * S, runner.complete(tcp, refused, 1002 * S), "retries used up: next after delay_loop");
            assertEquals(List.of("10.0.1.1:80 Down[] @1002"), changes);
            assertEquals(Optional.of(Verdict.down()), service.verdict(id));
            Path downLog = dir.resolve("down.log");
            Poll.until(Duration.ofSeconds(10), "notify_down ran", () -> Files.exists(downLog));
            assertEquals(List.of("down 0"), Files.readAllLines(downLog), "notify_down runs without arguments");

            runner.complete(tcp, ProbeResult.pass(200_000), 1012 * S);
            assertEquals("10.0.1.1:80 Up[weight=OptionalInt.empty] @1012", changes.get(1));
            Path upLog = dir.resolve("up.log");
            Poll.until(Duration.ofSeconds(10), "notify_up ran", () -> Files.exists(upLog));

            PrometheusRegistry registry = new PrometheusRegistry();
            service.metrics().register(registry);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new PrometheusTextFormatWriter(false).write(out, registry.scrape());
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("hakeeper_checks_total{checker=\"TCP_CHECK\"} 3.0"), text);
            assertTrue(text.contains("hakeeper_check_failures_total{checker=\"TCP_CHECK\",reason=\"refused\"} 2.0"), text);
            assertTrue(text.contains("hakeeper_check_latency_seconds_count{checker=\"TCP_CHECK\"} 3"), text);
            assertTrue(text.contains("hakeeper_real_server_up{real_server=\"10.0.1.1:80\",virtual_server=\"TCP 10.0.0.1:80\"} 1.0"),
                    text);
            assertTrue(text.contains("hakeeper_real_server_weight{real_server=\"10.0.1.1:80\",virtual_server=\"TCP 10.0.0.1:80\"} 4.0"),
                    text);
        }
    }

    @Test
    void aReloadKeepsUnchangedServersAndRestartsChangedOnes() throws Exception {
        ManualCheckRunner runner = new ManualCheckRunner();
        try (CheckService service = new CheckService(runner, () -> 0L, () -> 0L, new SplittableRandom(9), null)) {
            KeepalivedConfig first = config(10, "");
            service.apply(first);
            String tcp = key(runner, "10.0.1.2:80", 0);
            runner.complete(tcp, ProbeResult.fail(FailureReason.TIMEOUT, "", 1), 0);
            runner.complete(tcp, ProbeResult.fail(FailureReason.TIMEOUT, "", 1), 0);
            var vs = first.virtualServers().get(0);
            RealServerId second = RealServerId.of(vs, vs.realServers().get(1));
            assertEquals(Optional.of(Verdict.down()), service.verdict(second));
            var checkBefore = runner.checks.get(tcp);

            service.apply(config(10, ""));
            assertSame(checkBefore, runner.checks.get(tcp), "unchanged: its check keeps running");
            assertEquals(Optional.of(Verdict.down()), service.verdict(second), "and its verdict is kept");
            assertEquals(0, runner.removed);

            service.apply(config(20, ""));
            assertNotSame(checkBefore, runner.checks.get(tcp), "delay_loop changed: checks start anew");
            assertEquals(Optional.of(Verdict.up()), service.verdict(second), "from the initial state");
            assertEquals(3, runner.removed);
        }
    }

    @Test
    void alphaStartsDownAndTheFirstAttemptsComeWithinASecond() throws Exception {
        ManualCheckRunner runner = new ManualCheckRunner();
        try (CheckService service = new CheckService(runner, () -> 0L, () -> 0L, new SplittableRandom(9), null)) {
            KeepalivedConfig config = config(60, "alpha");
            service.apply(config);
            var vs = config.virtualServers().get(0);
            assertEquals(Optional.of(Verdict.down()), service.verdict(RealServerId.of(vs, vs.realServers().get(1))));
            runner.checks.values().forEach(c -> assertTrue(c.dueNanos() < S, "alpha: " + c.dueNanos()));
            assertFalse(service.views(io.hakeeper.common.zk.VirtualServerKey.of(vs)).get(1).up());
            assertEquals("alpha: down until checked",
                    service.views(io.hakeeper.common.zk.VirtualServerKey.of(vs)).get(1).reason());
        }
    }
}
