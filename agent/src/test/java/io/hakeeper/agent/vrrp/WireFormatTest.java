package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.testsupport.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.vrrp.IpFamily;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What our speaker puts on the wire, read back by tcpdump and tshark (Wireshark's dissector) in
 * another namespace on the segment: valid VRRP, the right fields, TTL/hop limit 255, and a
 * checksum they verify (tshark for both versions, tcpdump for VRRPv2, the one it checks).
 */
class WireFormatTest {

    private static VrrpLab lab;

    @BeforeAll
    static void createLab() {
        VrrpLab.assumeRoot();
        lab = VrrpLab.create(2);
    }

    @AfterAll
    static void deleteLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static VrrpSpeaker startedOnNode1(SpeakerConfig config) throws Exception {
        VrrpSpeaker s = new VrrpSpeaker(config, new FactLog());
        lab.in(1, () -> {
            s.start();
            return null;
        });
        return s;
    }

    private static int occurrences(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void tcpdumpReadsOurVrrpV2AdvertsAndTheReleaseWithGoodChecksums() throws Exception {
        VrrpLab.assumeTool("tcpdump");
        InetAddress vip = lab.v4Vip(1);
        VrrpSpeaker a = startedOnNode1(Speakers.v2("VI_WIRE", 150, Set.of(lab.v4(1)), vip));
        try (Capture capture = Capture.tcpdump(lab, 2, 3, "ip proto 112").awaitReady()) {
            a.advertise(150);
            Poll.until(Duration.ofSeconds(3), "a periodic advert", () -> a.counters().sent() >= 2);
            a.stopAdvertising(true);
            String out = capture.awaitOutput(Duration.ofSeconds(10));
            System.out.println("tcpdump -vv of our adverts:\n" + out);
            String advert = "VRRPv2, Advertisement, vrid 51, prio 150, authtype simple, intvl 1s, length 20, addrs: "
                    + vip.getHostAddress() + " auth \"" + Speakers.PASSWORD + "\"";
            assertEquals(2, occurrences(out, advert), out);
            assertEquals(1, occurrences(out, "VRRPv2, Advertisement, vrid 51, prio 0,"), "the release: " + out);
            assertEquals(3, occurrences(out, "ttl 255"), out);
            assertEquals(3, occurrences(out, lab.v4(1).getHostAddress() + " > 224.0.0.18"), out);
            assertEquals(3, occurrences(out, "proto VRRP (112)"), out);
            assertFalse(out.contains("bad vrrp cksum"), out);
            assertFalse(out.contains("[|vrrp]"), "truncated: " + out);
        } finally {
            a.close();
        }
    }

    @Test
    void tsharkVerifiesVrrpV2Checksum() throws Exception {
        VrrpLab.assumeTool("tshark");
        VrrpSpeaker a = startedOnNode1(Speakers.v2("VI_WIRE2", 150, Set.of(lab.v4(1)), lab.v4Vip(1)));
        try (Capture capture = Capture.tshark(lab, 2, 1, "ip proto 112").awaitReady()) {
            a.advertise(150);
            String out = capture.awaitOutput(Duration.ofSeconds(10));
            System.out.println("tshark -V, VRRPv2:\n" + vrrpPart(out));
            assertDissectedCleanly(out, "Version 2, Packet type 1 (Advertisement)", "Time to Live: 255");
            assertTrue(out.contains("Authentication String: " + Speakers.PASSWORD), out);
            assertTrue(out.contains("Adver Int: 1"), out);
        } finally {
            a.close();
        }
    }

    @Test
    void tsharkVerifiesVrrpV3PseudoHeaderChecksumOverIpv4() throws Exception {
        VrrpLab.assumeTool("tshark");
        VrrpSpeaker a = startedOnNode1(Speakers.v3("VI_WIRE3", IpFamily.IPV4, 100, 150, Set.of(lab.v4(1)),
                lab.v4Vip(1)));
        try (Capture capture = Capture.tshark(lab, 2, 1, "ip proto 112").awaitReady()) {
            a.advertise(150);
            String out = capture.awaitOutput(Duration.ofSeconds(10));
            System.out.println("tshark -V, VRRPv3/IPv4:\n" + vrrpPart(out));
            assertDissectedCleanly(out, "Version 3, Packet type 1 (Advertisement)", "Time to Live: 255");
        } finally {
            a.close();
        }
    }

    @Test
    void tsharkVerifiesVrrpV3OverIpv6WithTheKernelsChecksum() throws Exception {
        VrrpLab.assumeTool("tshark");
        InetAddress vip = InetAddress.getByName("2001:db8:51::100");
        VrrpSpeaker a = startedOnNode1(Speakers.v3("VI_WIRE6", IpFamily.IPV6, 100, 150, Set.of(lab.v6LinkLocal(1)), vip));
        try (Capture capture = Capture.tshark(lab, 2, 1, "ip6 proto 112").awaitReady()) {
            a.advertise(150);
            String out = capture.awaitOutput(Duration.ofSeconds(10));
            System.out.println("tshark -V, VRRPv3/IPv6:\n" + vrrpPart(out));
            assertDissectedCleanly(out, "Version 3, Packet type 1 (Advertisement)", "Hop Limit: 255");
            assertTrue(out.contains("Destination Address: ff02::12"), out);
        } finally {
            a.close();
        }
    }

    private static void assertDissectedCleanly(String out, String versionLine, String ttlLine) {
        assertTrue(out.contains("Virtual Router Redundancy Protocol"), out);
        assertTrue(out.contains(versionLine), out);
        assertTrue(out.contains("Virtual Rtr ID: 51"), out);
        assertTrue(out.contains("Priority: 150"), out);
        assertTrue(out.contains("[correct]") && out.contains("[Checksum Status: Good]"), "checksum: " + out);
        assertTrue(out.contains(ttlLine), out);
        for (String bad : new String[] {"incorrect", "Bad", "Malformed", "Expert Info (Error"}) {
            assertFalse(out.contains(bad), bad + ": " + out);
        }
    }

    private static String vrrpPart(String out) {
        int at = out.indexOf("Virtual Router Redundancy Protocol");
        return at < 0 ? out : out.substring(at);
    }
}
