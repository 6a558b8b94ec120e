package io.hakeeper.agent.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Send jitter of an idle master at advert_int 1, over 100 adverts, measured where a peer sees it:
 * tcpdump's nanosecond capture timestamps in another namespace. Printed, not asserted (the target,
 * at most 10 ms, depends on the machine). Takes 100 seconds.
 */
class SendJitterTest {

    private static final int INTERVALS = 100;
    private static VrrpLab lab;

    @BeforeAll
    static void createLab() {
        VrrpLab.assumeRoot();
        VrrpLab.assumeTool("tcpdump");
        lab = VrrpLab.create(2);
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void printsSendJitterOverOneHundredAdvertsAtOneSecond() throws Exception {
        VrrpSpeaker a = new VrrpSpeaker(Speakers.v2("VI_JIT", 150, Set.of(lab.v4(1)), lab.v4Vip(1)), new FactLog());
        lab.in(1, () -> {
            a.start();
            return null;
        });
        try (Capture capture = Capture.tcpdump(lab, 2, INTERVALS + 1, "ip proto 112", "-tt",
                "--time-stamp-precision=nano").awaitReady()) {
            a.advertise(150);
            String out = capture.awaitOutput(Duration.ofSeconds(INTERVALS + 20));
            List<BigDecimal> stamps = new ArrayList<>();
            for (String line : out.lines().toList()) {
                // -vv prints "SECONDS.NANOS IP (tos 0xc0, ttl 255, ..., proto VRRP (112), ...)" first per packet
                if (!line.isEmpty() && Character.isDigit(line.charAt(0)) && line.contains("proto VRRP (112)")) {
                    stamps.add(new BigDecimal(line.substring(0, line.indexOf(' '))));
                }
            }
            assertEquals(INTERVALS + 1, stamps.size(), out);
            double[] deviationMs = new double[INTERVALS];
            for (int i = 0; i < INTERVALS; i++) {
                double interval = stamps.get(i + 1).subtract(stamps.get(i)).doubleValue();
                deviationMs[i] = (interval - 1.0) * 1000;
            }
            double[] abs = Arrays.stream(deviationMs).map(Math::abs).sorted().toArray();
            double mean = Arrays.stream(deviationMs).average().orElse(0);
            double sd = Math.sqrt(Arrays.stream(deviationMs).map(d -> (d - mean) * (d - mean)).sum() / INTERVALS);
            SendTiming own = a.counters().sendTiming();
            System.out.printf("send jitter, advert_int 1 s, %d intervals seen by tcpdump in the peer namespace:"
                            + " |interval - 1 s| median %.3f ms, p99 %.3f ms, max %.3f ms; mean %+.3f ms, sd %.3f ms."
                            + " Speaker's own lateness after each deadline: mean %.3f ms, max %.3f ms over %d adverts%n",
                    INTERVALS, abs[INTERVALS / 2], abs[(int) Math.ceil(INTERVALS * 0.99) - 1], abs[INTERVALS - 1], mean,
                    sd, own.meanLateNanos() / 1e6, own.maxLateNanos() / 1e6, own.timed());
        } finally {
            a.close();
        }
    }
}
