package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.testsupport.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.agent.vrrp.FactLog.Kind;
import io.hakeeper.common.vrrp.IpFamily;
import io.hakeeper.common.vrrp.RejectReason;
import io.hakeeper.common.vrrp.VrrpAdvert;
import io.hakeeper.common.vrrp.VrrpAuth;
import io.hakeeper.common.vrrp.VrrpEncoder;
import io.hakeeper.common.vrrp.VrrpProtocol;
import io.hakeeper.common.vrrp.VrrpState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A third namespace on the segment, belonging to no member, throws random, mutated and spoofed
 * packets at a running master and backup over real sockets. Both keep running, change no state,
 * report no fact but "foreign router", count every packet under the reason the decoder gives,
 * and log a handful of lines, not one per packet.
 */
class RobustnessOverSocketTest {

    private static final int PER_KIND = 20;
    private static final int RANDOM = 600;
    private static VrrpLab lab;

    @BeforeAll
    static void createLab() {
        VrrpLab.assumeRoot();
        lab = VrrpLab.create(3);
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /** A packet to inject: its VRRP bytes, the TTL to send with, and the reason the decoder must give (null: valid). */
    private record Shot(byte[] vrrp, int ttl, RejectReason expected) {
    }

    private static byte[] v2(int vrid, int priority, int interval, VrrpAuth auth, InetAddress src, InetAddress vip) {
        return VrrpEncoder.encode(VrrpAdvert.v2(vrid, priority, interval, auth, List.of(vip)), src,
                VrrpProtocol.VRRP_MCAST_GROUP4);
    }

    /** {@code packet} with byte {@code at} set to {@code value} and the VRRPv2 checksum (RFC 1071, message only) redone. */
    private static byte[] patched(byte[] packet, int at, int value) {
        byte[] out = packet.clone();
        out[at] = (byte) value;
        out[6] = 0;
        out[7] = 0;
        long sum = 0;
        for (int i = 0; i < out.length; i += 2) {
            sum += ((out[i] & 0xFF) << 8) | (i + 1 < out.length ? out[i + 1] & 0xFF : 0);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        int checksum = (int) (~sum & 0xFFFF);
        out[6] = (byte) (checksum >> 8);
        out[7] = (byte) checksum;
        return out;
    }

    private static List<Shot> shots(InetAddress stranger, InetAddress vip, Random random) {
        VrrpAuth ours = VrrpAuth.password(Speakers.PASSWORD);
        byte[] valid = v2(Speakers.VRID, 255, 1, ours, stranger, vip);
        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < PER_KIND; i++) {
            shots.add(new Shot(valid, 255, null)); // spoofed priority 255 from a non-member
            shots.add(new Shot(v2(Speakers.VRID, 0, 1, ours, stranger, vip), 255, null)); // spoofed release
            shots.add(new Shot(valid, 254, RejectReason.BAD_TTL));
            byte[] badSum = valid.clone();
            badSum[7] ^= 0x5A;
            shots.add(new Shot(badSum, 255, RejectReason.BAD_CHECKSUM));
            shots.add(new Shot(v2(52, 255, 1, ours, stranger, vip), 255, RejectReason.VRID_MISMATCH));
            shots.add(new Shot(v2(Speakers.VRID, 255, 1, VrrpAuth.password("guess"), stranger, vip), 255,
                    RejectReason.PASSWORD_MISMATCH));
            shots.add(new Shot(v2(Speakers.VRID, 255, 1, VrrpAuth.NONE, stranger, vip), 255,
                    RejectReason.AUTH_TYPE_MISMATCH));
            shots.add(new Shot(v2(Speakers.VRID, 255, 2, ours, stranger, vip), 255,
                    RejectReason.ADVERT_INTERVAL_MISMATCH));
            shots.add(new Shot(VrrpEncoder.encode(VrrpAdvert.v3(Speakers.VRID, 255, 100, IpFamily.IPV4, List.of(vip)),
                    stranger, VrrpProtocol.VRRP_MCAST_GROUP4), 255, RejectReason.VERSION_MISMATCH));
            shots.add(new Shot(patched(valid, 3, 200), 255, RejectReason.ADDRESS_COUNT_MISMATCH));
            shots.add(new Shot(java.util.Arrays.copyOf(valid, 6), 255, RejectReason.TOO_SHORT));
            shots.add(new Shot(java.util.Arrays.copyOf(valid, valid.length + 3), 255, RejectReason.LENGTH_MISMATCH));
            shots.add(new Shot(patched(valid, 0, 0x22), 255, RejectReason.BAD_TYPE));
            shots.add(new Shot(patched(valid, 0, 0x41), 255, RejectReason.BAD_VERSION));
            shots.add(new Shot(patched(valid, 1, 0), 255, RejectReason.VRID_ZERO));
            shots.add(new Shot(patched(valid, 5, 0), 255, RejectReason.ADVERT_INTERVAL_ZERO));
            shots.add(new Shot(patched(valid, 4, 7), 255, RejectReason.AUTH_TYPE_UNKNOWN));
        }
        for (int i = 0; i < RANDOM; i++) {
            byte[] b;
            if (random.nextBoolean()) {
                b = new byte[random.nextInt(64)];
                random.nextBytes(b);
            } else {
                b = valid.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int bit = random.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                if (random.nextInt(4) == 0) {
                    b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
                }
            }
            shots.add(new Shot(b, random.nextInt(8) == 0 ? random.nextInt(256) : 255, RejectReason.BAD_CHECKSUM /* any */));
        }
        java.util.Collections.shuffle(shots, random);
        return shots;
    }

    @Test
    void randomMutatedAndSpoofedPacketsAreCountedAndChangeNothing() throws Exception {
        InetAddress vip = lab.v4Vip(1);
        Set<InetAddress> members = Set.of(lab.v4(1), lab.v4(2)); // node 3 is the stranger
        FactLog logA = new FactLog();
        FactLog logB = new FactLog();
        VrrpSpeaker a = new VrrpSpeaker(Speakers.v2("VI_R_A", 150, members, vip), logA);
        VrrpSpeaker b = new VrrpSpeaker(Speakers.v2("VI_R_B", 100, members, vip), logB);
        lab.in(1, () -> {
            a.start();
            return null;
        });
        lab.in(2, () -> {
            b.start();
            return null;
        });
        PacketInjector injector = lab.in(3, PacketInjector::new);
        try {
            a.advertise(150);
            Poll.until(Duration.ofSeconds(3), "backup sees the master", () -> logB.count(Kind.MASTER_SEEN) == 1);
            VrrpCounters a0 = a.counters();
            VrrpCounters b0 = b.counters();
            long logLinesBefore = b.rateLimitedLogLines();

            List<Shot> shots = shots(lab.v4(3), vip, new Random(5798));
            Map<RejectReason, Long> exact = new EnumMap<>(RejectReason.class);
            long valid = 0;
            long sent = 0;
            for (Shot shot : shots) {
                injector.send(lab.v4(3), VrrpProtocol.VRRP_MCAST_GROUP4, shot.ttl(), VrrpProtocol.IPPROTO_VRRP,
                        shot.vrrp());
                sent++;
                if (shot.expected() == null) {
                    valid++;
                }
                if (sent % 100 == 0) { // pace to the receivers so no socket buffer overflows
                    long upTo = sent;
                    Poll.until(Duration.ofSeconds(5), "receivers to catch up", () -> b.counters().received()
                            - b0.received() >= upTo && a.counters().received() - a0.received() >= upTo);
                }
            }
            for (int i = 0; i < PER_KIND; i++) {
                for (RejectReason r : List.of(RejectReason.BAD_TTL, RejectReason.VRID_MISMATCH,
                        RejectReason.PASSWORD_MISMATCH, RejectReason.AUTH_TYPE_MISMATCH,
                        RejectReason.ADVERT_INTERVAL_MISMATCH, RejectReason.VERSION_MISMATCH,
                        RejectReason.ADDRESS_COUNT_MISMATCH, RejectReason.TOO_SHORT, RejectReason.LENGTH_MISMATCH,
                        RejectReason.BAD_TYPE, RejectReason.BAD_VERSION, RejectReason.VRID_ZERO,
                        RejectReason.ADVERT_INTERVAL_ZERO, RejectReason.AUTH_TYPE_UNKNOWN, RejectReason.BAD_CHECKSUM)) {
                    exact.merge(r, 1L, Long::sum);
                }
            }
            long total = sent;
            long foreign = valid;
            Poll.until(Duration.ofSeconds(5), "every injected packet counted", () ->
                    b.counters().received() - b0.received() >= total && a.counters().received() - a0.received() >= total
                            && b.counters().foreignAdverts() - b0.foreignAdverts() >= foreign);

            for (VrrpSpeaker s : List.of(a, b)) {
                VrrpCounters before = s == a ? a0 : b0;
                VrrpCounters after = s.counters();
                System.out.println(s.config().instance() + " after " + total + " injected packets: " + after);
                long fromMaster = (after.accepted() - before.accepted()) - foreign; // the real master's adverts
                assertEquals(total, after.received() - before.received() - fromMaster, "every injected packet arrived");
                assertEquals(total - foreign, after.droppedTotal() - before.droppedTotal(), "all bad packets dropped");
                assertEquals(foreign, after.foreignAdverts() - before.foreignAdverts(), "spoofed adverts are foreign");
                assertEquals(List.of(lab.v4(3)), after.foreignRouters());
                for (Map.Entry<RejectReason, Long> e : exact.entrySet()) {
                    assertTrue(after.dropped(e.getKey()) - before.dropped(e.getKey()) >= e.getValue(),
                            e.getKey() + ": " + after.dropped());
                }
                assertEquals(0, after.conflicts(), "a non-member is never a conflicting member");
                assertEquals(0, after.overflows());
            }
            assertEquals(VrrpState.MASTER, a.state(), "spoofed 255 does not make the master yield");
            assertEquals(VrrpState.BACKUP, b.state(), "nor the backup claim");
            assertEquals(lab.v4(1), b.currentMaster().orElseThrow(), "the backup still follows the real master");
            assertEquals(0, logB.count(Kind.MASTER_SILENT) + logB.count(Kind.PRIORITY_ZERO) + logB.count(Kind.CONFLICT));
            assertEquals(1, logB.count(Kind.MASTER_SEEN), "no other master was ever seen");
            assertEquals(0, logA.count(Kind.CONFLICT));
            assertEquals(List.of("INIT->BACKUP", "BACKUP->MASTER"),
                    logA.of(Kind.STATE).stream().map(FactLog.Fact::detail).toList(), "the master's only transitions");
            long lines = b.rateLimitedLogLines() - logLinesBefore;
            System.out.println("log lines for " + total + " bad packets: " + lines);
            assertTrue(lines <= RejectReason.values().length + 2, "rate-limited logging: " + lines + " lines");
            // And the master still advertises on time after the flood.
            long acceptedBefore = b.counters().accepted();
            Poll.until(Duration.ofSeconds(3), "master's next advert", () -> b.counters().accepted() > acceptedBefore);
        } finally {
            injector.close();
            a.close();
            b.close();
        }
    }
}
