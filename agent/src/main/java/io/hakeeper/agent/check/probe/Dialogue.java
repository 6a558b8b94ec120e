package io.hakeeper.agent.check.probe;

import java.nio.ByteBuffer;

/**
 * The protocol half of a stream check (HTTP, SMTP, plain connect): told when the connection (and
 * TLS handshake) is up and given what the server sends; answers with the next {@link Step}. Pure:
 * no sockets, no clock, so each protocol is tested byte for byte without a server.
 */
interface Dialogue {

    /** The connection is established (and TLS is up, for SSL_GET). */
    Step connected();

    /**
     * Bytes that arrived ({@code data} in read mode, valid only during the call), or end of stream
     * when {@code eof}. At end of stream a dialogue must finish.
     */
    Step received(ByteBuffer data, boolean eof);

    /** What a dialogue wants next: wait for input, send bytes then wait, or stop with a verdict. */
    record Step(byte[] send, boolean done, FailureReason failure, String detail) {

        static final Step AWAIT = new Step(null, false, null, "");
        static final Step PASS = new Step(null, true, null, "");

        static Step send(byte[] bytes) {
            return new Step(bytes, false, null, "");
        }

        /** Send {@code bytes} (e.g. SMTP's QUIT) and pass without waiting for an answer. */
        static Step sendAndPass(byte[] bytes) {
            return new Step(bytes, true, null, "");
        }

        static Step fail(FailureReason reason, String detail) {
            return new Step(null, true, reason, detail);
        }

        boolean passed() {
            return done && failure == null;
        }
    }
}
