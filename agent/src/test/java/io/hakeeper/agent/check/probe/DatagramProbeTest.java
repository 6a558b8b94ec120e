package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Checker;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DNS_CHECK and UDP_CHECK against tiny in-test UDP responders on loopback. */
class DatagramProbeTest {

    private final ProbeFixture f = new ProbeFixture();
    private final List<DatagramSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final List<java.net.SocketAddress> senders = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        sockets.forEach(DatagramSocket::close);
        f.close();
    }

    /** A UDP server that answers each datagram with {@code answer(request)}, or stays silent on null. */
    private InetSocketAddress responder(UnaryOperator<byte[]> answer) throws SocketException {
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        sockets.add(s);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1500];
            while (!s.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    byte[] req = java.util.Arrays.copyOf(p.getData(), p.getLength());
                    received.add(req);
                    senders.add(p.getSocketAddress());
                    byte[] out = answer.apply(req);
                    if (out != null) {
                        s.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "udp-responder");
        t.setDaemon(true);
        t.start();
        return (InetSocketAddress) s.getLocalSocketAddress();
    }

    /** A DNS answer to {@code query}: its id, QR set, the given rcode, the question echoed, no records. */
    private static byte[] dnsAnswer(byte[] query, int rcode, int idDelta) {
        ByteBuffer b = ByteBuffer.wrap(query.clone());
        b.putShort(0, (short) (b.getShort(0) + idDelta));
        b.putShort(2, (short) (0x8180 | rcode));
        return b.array();
    }

    private static Checker.Dns dns(int timeout) {
        return new Checker.Dns(ProbeFixture.timeout(timeout), "SOA", "example.test");
    }

    private static InetSocketAddress closedUdpPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
    }

    @Test
    void dnsPassesOnNoErrorAndSendsTheQuestion() throws Exception {
        InetSocketAddress server = responder(q -> dnsAnswer(q, 0, 0));
        ProbeResult r = f.check(dns(2), server);
        assertTrue(r.passed(), r.toString());
        byte[] q = received.get(0);
        ByteBuffer b = ByteBuffer.wrap(q);
        assertEquals(0x0100, b.getShort(2) & 0xffff, "recursion desired, a query");
        assertEquals(1, b.getShort(4), "one question");
        byte[] question = java.util.Arrays.copyOfRange(q, 12, q.length);
        assertArrayEquals(new byte[] {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e', 's', 't', 0, 0, 6, 0, 1}, question);
    }

    @Test
    void connectIpConnectPortBindtoAndBindPortApplyToDatagramChecks() throws Exception {
        InetSocketAddress server = responder(q -> dnsAnswer(q, 0, 0));
        int fromPort = closedUdpPort().getPort();
        Checker.Dns dns = new Checker.Dns(ProbeFixture.with(2, "127.0.0.1", server.getPort(), "127.0.0.7", fromPort), "A", ".");
        ProbeResult r = f.check(dns, new InetSocketAddress("127.0.0.99", 1));
        assertTrue(r.passed(), r.toString());
        assertEquals(new InetSocketAddress("127.0.0.7", fromPort), senders.get(0));
    }

    @Test
    void dnsErrorRcodeIsABadReply() throws Exception {
        ProbeResult r = f.check(dns(2), responder(q -> dnsAnswer(q, 3, 0)));
        assertEquals(FailureReason.BAD_REPLY, r.reason());
        assertEquals("DNS answer with rcode 3 for SOA example.test", r.detail());
    }

    @Test
    void dnsIgnoresAnswersWithAnotherIdAndTimesOut() throws Exception {
        ProbeResult r = f.check(dns(1), responder(q -> dnsAnswer(q, 0, 1)));
        assertEquals(FailureReason.TIMEOUT, r.reason());
        assertTrue(ProbeFixture.millis(r) >= 990 && ProbeFixture.millis(r) < 1500, "took " + ProbeFixture.millis(r));
    }

    @Test
    void dnsSilentServerTimesOutAndStoppedOneIsRefused() throws Exception {
        assertEquals(FailureReason.TIMEOUT, f.check(dns(1), responder(q -> null)).reason());
        assertEquals(FailureReason.REFUSED, f.check(dns(2), closedUdpPort()).reason());
        Checker.Dns wrongPort = new Checker.Dns(ProbeFixture.with(2, null, closedUdpPort().getPort(), null, null), "A", ".");
        assertEquals(FailureReason.REFUSED, f.check(wrongPort, responder(q -> dnsAnswer(q, 0, 0))).reason());
    }

    @Test
    void udpWithRequireReplyNeedsAnAnswer() throws Exception {
        Checker.Udp udp = new Checker.Udp(ProbeFixture.timeout(1), "0a0b0c", true);
        assertTrue(f.check(udp, responder(q -> q)).passed());
        assertArrayEquals(new byte[] {10, 11, 12}, received.get(0));
        ProbeResult silent = f.check(udp, responder(q -> null));
        assertEquals(FailureReason.TIMEOUT, silent.reason());
        assertEquals(FailureReason.REFUSED, f.check(udp, closedUdpPort()).reason());
    }

    @Test
    void udpReplyMustMatchTheRequireReplyPatternWithWildcardNibbles() throws Exception {
        InetSocketAddress echo = responder(q -> new byte[] {0x0a, 0x1b, 0x2c, 0x3d});
        assertTrue(f.check(new Checker.Udp(ProbeFixture.timeout(1), "00", true, "0a1x2c"), echo).passed());
        assertTrue(f.check(new Checker.Udp(ProbeFixture.timeout(1), "00", true, "0a1b2c3d4e5f"), echo).passed(),
                "compared over the shorter of the two");
        ProbeResult wrong = f.check(new Checker.Udp(ProbeFixture.timeout(1), "00", true, "0a1c"), echo);
        assertEquals(FailureReason.BAD_REPLY, wrong.reason());
        assertEquals("UDP reply does not match 0a1c", wrong.detail());
    }

    @Test
    void udpWithoutRequireReplyFailsOnlyOnPortUnreachable() throws Exception {
        Checker.Udp udp = new Checker.Udp(ProbeFixture.timeout(1), null, false);
        ProbeResult silent = f.check(udp, responder(q -> null));
        assertTrue(silent.passed(), silent.toString());
        assertEquals(16, received.get(0).length, "a random payload when none is configured");
        assertEquals(FailureReason.REFUSED, f.check(udp, closedUdpPort()).reason());
    }
}
