package io.hakeeper.controller.doctor;

import io.hakeeper.controller.zk.ServerAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * ZooKeeper's four-letter words over a plain TCP connection (ZooKeeper Administrator's Guide,
 * "The Four Letter Words"): send four ASCII letters, read until the server closes. Servers answer
 * only words in {@code 4lw.commands.whitelist} (by default just {@code srvr}).
 */
public final class FourLetterWord {

    /** What a server says for a word it does not allow. */
    static final String NOT_WHITELISTED = "is not executed because it is not in the whitelist";

    /** @param roundTripMs from connecting to the end of the answer */
    public record Answer(String text, long roundTripMs) {
        public boolean refused() {
            return text.contains(NOT_WHITELISTED);
        }
    }

    private FourLetterWord() {
    }

    public static Answer ask(ServerAddress server, String word, Duration timeout) throws IOException {
        int ms = (int) Math.max(100, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.host(), server.port()), ms);
            s.setSoTimeout(ms);
            OutputStream out = s.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            return new Answer(text, (System.nanoTime() - start) / 1_000_000L);
        }
    }
}
