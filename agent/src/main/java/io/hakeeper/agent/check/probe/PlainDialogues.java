package io.hakeeper.agent.check.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The two short stream dialogues: TCP_CHECK (established is enough) and SMTP_CHECK (RFC 5321
 * section 4.2: a 220 greeting, HELO answered by 250, then QUIT).
 */
final class PlainDialogues {

    private PlainDialogues() {
    }

    /** TCP_CHECK passes once the three-way handshake completes. */
    static final Dialogue CONNECT = new Dialogue() {
        @Override
        public Step connected() {
            return Step.PASS;
        }

        @Override
        public Step received(ByteBuffer data, boolean eof) {
            return Step.PASS;
        }
    };

    /** keepalived's HELO name when SMTP_CHECK has no helo_name (check_smtp.c). */
    static final String DEFAULT_HELO = "smtpchecker.keepalived.org";

    /** SMTP: one instance per attempt (it remembers where the exchange is). */
    static final class Smtp implements Dialogue {
        private static final int MAX_REPLY_BYTES = 4096;
        private final String helo;
        private final StringBuilder line = new StringBuilder();
        private boolean greeted;

        Smtp(String heloName) {
            this.helo = heloName != null ? heloName : DEFAULT_HELO;
        }

        @Override
        public Step connected() {
            return Step.AWAIT; // the server speaks first
        }

        @Override
        public Step received(ByteBuffer data, boolean eof) {
            line.append(StandardCharsets.ISO_8859_1.decode(data));
            if (line.length() > MAX_REPLY_BYTES) {
                return Step.fail(FailureReason.BAD_REPLY, "SMTP reply longer than " + MAX_REPLY_BYTES + " bytes");
            }
            // A reply is complete at a line "NNN text" (a space after the code); "NNN-" lines continue it.
            String reply = completeReply();
            if (reply == null) {
                return eof ? Step.fail(FailureReason.RESET, "connection closed before an SMTP "
                        + (greeted ? "HELO reply" : "greeting")) : Step.AWAIT;
            }
            line.setLength(0);
            if (!greeted) {
                if (!reply.startsWith("220")) {
                    return Step.fail(FailureReason.BAD_REPLY, "SMTP greeting '" + reply + "', expected 220");
                }
                greeted = true;
                return Step.send(("HELO " + helo + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            if (!reply.startsWith("250")) {
                return Step.fail(FailureReason.BAD_REPLY, "SMTP HELO reply '" + reply + "', expected 250");
            }
            return Step.sendAndPass("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        /** The last line of a complete reply, or null while it is still arriving. */
        private String completeReply() {
            int start = 0;
            int eol;
            while ((eol = line.indexOf("\n", start)) >= 0) {
                String l = line.substring(start, eol).replace("\r", "");
                if (l.length() < 4 || l.charAt(3) == ' ') {
                    return l;
                }
                start = eol + 1;
            }
            return null;
        }
    }
}
