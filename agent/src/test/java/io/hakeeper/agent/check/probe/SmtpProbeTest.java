package io.hakeeper.agent.check.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.model.Checker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMTP_CHECK against a tiny in-test SMTP banner server on loopback. */
class SmtpProbeTest {

    private final ProbeFixture f = new ProbeFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** Greets with {@code banner}, answers HELO with {@code heloReply}, records the client's lines. */
    private static ScriptedServer.Conversation smtp(String banner, String heloReply) {
        return (c, s) -> {
            OutputStream out = c.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
            out.write(banner.getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                s.requests.add(line);
                if (line.startsWith("HELO")) {
                    out.write(heloReply.getBytes(StandardCharsets.US_ASCII));
                } else if (line.equals("QUIT")) {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    c.close();
                    return;
                }
            }
        };
    }

    private static Checker.Smtp smtp(int timeout, String helo) {
        return new Checker.Smtp(ProbeFixture.timeout(timeout), helo);
    }

    @Test
    void healthyServerPassesAfterHeloAndQuit() throws Exception {
        try (ScriptedServer s = ScriptedServer.start(smtp("220-mx.test ESMTP\r\n220 ready\r\n", "250 mx.test\r\n"))) {
            ProbeResult r = f.check(smtp(2, "lb01.example"), s.address());
            assertTrue(r.passed(), r.toString());
            io.hakeeper.agent.testsupport.Poll.until(java.time.Duration.ofSeconds(2), "QUIT", () -> s.requests.size() == 2);
            assertEquals(java.util.List.of("HELO lb01.example", "QUIT"), s.requests);
        }
    }

    @Test
    void defaultHeloNameIsKeepalivedsOwn() throws Exception {
        try (ScriptedServer s = ScriptedServer.start(smtp("220 ready\r\n", "250 ok\r\n"))) {
            assertTrue(f.check(smtp(2, null), s.address()).passed());
            assertEquals("HELO smtpchecker.keepalived.org", s.requests.get(0));
        }
    }

    @Test
    void wrongBannerOrHeloReplyIsABadReply() throws Exception {
        try (ScriptedServer s = ScriptedServer.start(smtp("554 no service\r\n", "250 ok\r\n"))) {
            ProbeResult r = f.check(smtp(2, null), s.address());
            assertEquals(FailureReason.BAD_REPLY, r.reason());
            assertEquals("SMTP greeting '554 no service', expected 220", r.detail());
        }
        try (ScriptedServer s = ScriptedServer.start(smtp("220 ready\r\n", "421 closing\r\n"))) {
            assertEquals(FailureReason.BAD_REPLY, f.check(smtp(2, null), s.address()).reason());
        }
    }

    @Test
    void stoppedHangingResettingAndWrongPortFail() throws Exception {
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), ProbeFixture.closedPort());
        assertEquals(FailureReason.REFUSED, f.check(smtp(2, null), nobody).reason());
        try (ScriptedServer hang = ScriptedServer.start(ScriptedServer.hang())) {
            ProbeResult r = f.check(smtp(1, null), hang.address());
            assertEquals(FailureReason.TIMEOUT, r.reason());
            assertTrue(ProbeFixture.millis(r) < 1500);
        }
        try (ScriptedServer reset = ScriptedServer.start(ScriptedServer.reset(false))) {
            assertEquals(FailureReason.RESET, f.check(smtp(2, null), reset.address()).reason());
        }
        try (ScriptedServer s = ScriptedServer.start(smtp("220 ready\r\n", "250 ok\r\n"))) {
            Checker.Smtp wrongPort = new Checker.Smtp(ProbeFixture.with(2, null, ProbeFixture.closedPort(), null, null), null);
            assertEquals(FailureReason.REFUSED, f.check(wrongPort, s.address()).reason());
        }
    }
}
