package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Checker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure protocol halves, byte for byte: HTTP request and response, SMTP, DNS, ICMP echo. */
class ProtocolCodecTest {

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void httpRequestPerHttpProtocol() {
        assertEquals("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\n\r\n",
                new String(HttpDialogue.request("/a", "1.0", "h"), StandardCharsets.ISO_8859_1));
        assertEquals("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\nConnection: close\r\n\r\n",
                new String(HttpDialogue.request("/a", "1.0C", "h"), StandardCharsets.ISO_8859_1));
        assertEquals("GET /a HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\nConnection: close\r\n\r\n",
                new String(HttpDialogue.request("/a", "1.1", "h"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void genhashDigestIsLowerCaseMd5OfTheBody() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", HttpDialogue.md5Hex(new byte[0]));
        assertEquals("9e107d9d372bb6826bd81d3542a419d6",
                HttpDialogue.md5Hex("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void defaultStatusCodesAre200To299() {
        assertTrue(HttpDialogue.statusAccepted(List.of(), 200));
        assertTrue(HttpDialogue.statusAccepted(List.of(), 299));
        assertFalse(HttpDialogue.statusAccepted(List.of(), 301));
        assertTrue(HttpDialogue.statusAccepted(List.of(301), 301));
        assertFalse(HttpDialogue.statusAccepted(List.of(301), 200));
    }

    @Test
    void responseArrivingInPiecesIsJudgedOnlyWhenWhole() {
        HttpDialogue d = new HttpDialogue(new Checker.UrlCheck("/", HttpDialogue.md5Hex("hello".getBytes()), List.of(), null),
                "1.0", "h");
        assertEquals(Dialogue.Step.AWAIT, d.received(ascii("HTTP/1.1 200 OK\r\nContent-Le"), false));
        assertEquals(Dialogue.Step.AWAIT, d.received(ascii("ngth: 5\r\n\r\nhel"), false));
        assertTrue(d.received(ascii("lo"), false).passed());
    }

    @Test
    void responseWithoutFramingEndsAtEndOfStream() throws Exception {
        HttpResponse r = new HttpResponse(1000);
        r.feed(ascii("HTTP/1.0 200 OK\r\n\r\nbody"));
        assertFalse(r.complete(false));
        assertTrue(r.complete(true));
        assertArrayEquals("body".getBytes(), r.body());
    }

    @Test
    void chunkedBodyIsDecoded() throws Exception {
        HttpResponse r = new HttpResponse(1000);
        r.feed(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n"));
        assertFalse(r.complete(false));
        r.feed(ascii("2\r\nde\r\n0\r\n\r\n"));
        assertTrue(r.complete(false));
        assertArrayEquals("abcde".getBytes(), r.body());
    }

    @Test
    void malformedOrOversizedResponsesAreRefusedWithAReason() throws Exception {
        HttpResponse bad = new HttpResponse(1000);
        HttpResponse.BadResponseException e = assertThrows(HttpResponse.BadResponseException.class,
                () -> bad.feed(ascii("HTTP/1.1 2OO OK\r\n\r\n")));
        assertEquals("not an HTTP/1.x status line: 'HTTP/1.1 2OO OK'", e.getMessage());
        HttpResponse small = new HttpResponse(10);
        assertThrows(HttpResponse.BadResponseException.class, () -> small.feed(ascii("HTTP/1.1 200 OK\r\n\r\n")));
        HttpResponse length = new HttpResponse(1000);
        assertThrows(HttpResponse.BadResponseException.class,
                () -> length.feed(ascii("HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n")));
    }

    @Test
    void smtpRepliesSplitAcrossReadsAndMultiLine() {
        PlainDialogues.Smtp s = new PlainDialogues.Smtp("lb");
        assertEquals(Dialogue.Step.AWAIT, s.connected());
        assertEquals(Dialogue.Step.AWAIT, s.received(ascii("220-first\r\n22"), false));
        Dialogue.Step helo = s.received(ascii("0 last\r\n"), false);
        assertEquals("HELO lb\r\n", new String(helo.send(), StandardCharsets.US_ASCII));
        Dialogue.Step quit = s.received(ascii("250 ok\r\n"), false);
        assertEquals("QUIT\r\n", new String(quit.send(), StandardCharsets.US_ASCII));
        assertTrue(quit.passed());
    }

    @Test
    void dnsQueryForTheRootAndJudgingAnswers() {
        byte[] q = DnsMessage.query(0x1234, ".", "SOA");
        assertEquals("123401000001000000000000" + "00" + "0006" + "0001", HexFormat.of().formatHex(q));
        byte[] ok = q.clone();
        ok[2] = (byte) 0x81;
        ok[3] = (byte) 0x80;
        assertEquals(DnsMessage.Answer.OK, DnsMessage.judge(ByteBuffer.wrap(ok), 0x1234));
        assertEquals(DnsMessage.Answer.NOT_OURS, DnsMessage.judge(ByteBuffer.wrap(ok), 0x1235));
        assertEquals(DnsMessage.Answer.NOT_OURS, DnsMessage.judge(ByteBuffer.wrap(q), 0x1234), "a query, not an answer");
        ok[3] = (byte) 0x82; // SERVFAIL
        assertEquals(DnsMessage.Answer.ERROR, DnsMessage.judge(ByteBuffer.wrap(ok), 0x1234));
        assertEquals(DnsMessage.Answer.NOT_OURS, DnsMessage.judge(ByteBuffer.wrap(new byte[5]), 0x1234));
        assertThrows(IllegalArgumentException.class, () -> DnsMessage.query(1, "x", "SRVX"));
    }

    @Test
    void icmpEchoRequestChecksumAndReplyParsing() {
        ByteBuffer req = IcmpEcho.request(false, 0x0102, 0x0304, new byte[] {1, 2, 3, 4}, ByteBuffer.allocate(64));
        assertEquals("0800" + "eff3" + "0102" + "0304" + "01020304", hex(req));
        assertEquals(0, IcmpEcho.checksum(req, req.limit()), "a packet with its checksum sums to zero (RFC 1071)");

        ByteBuffer ipv4Reply = ByteBuffer.allocate(28);
        ipv4Reply.put(0, (byte) 0x45).put(20, (byte) 0).putShort(24, (short) 0x0102).putShort(26, (short) 0x0304);
        assertEquals(new IcmpEcho.Received(true, false, 0x0102, 0x0304), IcmpEcho.parse(ipv4Reply, false, true));

        ByteBuffer unreachable = ByteBuffer.allocate(8 + 20 + 8);
        unreachable.put(0, (byte) 3).put(8, (byte) 0x45).put(28, (byte) 8).putShort(32, (short) 7).putShort(34, (short) 9);
        assertEquals(new IcmpEcho.Received(false, true, 7, 9), IcmpEcho.parse(unreachable, false, false));

        ByteBuffer echoRequestSeenByRaw = ByteBuffer.allocate(8).put(0, (byte) 8);
        assertNull(IcmpEcho.parse(echoRequestSeenByRaw, false, false));
        ByteBuffer v6Reply = ByteBuffer.allocate(8).put(0, (byte) 129).putShort(6, (short) 5);
        assertEquals(5, IcmpEcho.parse(v6Reply, true, false).sequence());
    }

    @Test
    void hostHeaderNamesTheAddressAsInetNtopDoesAndThePortUnlessDefault() throws Exception {
        String[][] cases = {{"::1", "80", "[::1]"}, {"2001:db8:0:0:1:0:0:1", "8080", "[2001:db8::1:0:0:1]:8080"},
            {"10.1.0.1", "80", "10.1.0.1"}, {"10.1.0.1", "8443", "10.1.0.1:8443"}};
        for (String[] c : cases) {
            Endpoints e = new Endpoints(new java.net.InetSocketAddress(java.net.InetAddress.getByName(c[0]),
                    Integer.parseInt(c[1])), null);
            assertEquals(c[2], e.hostHeader(80), c[0]);
        }
    }

    private static String hex(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return HexFormat.of().formatHex(out);
    }
}
