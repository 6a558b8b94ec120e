package io.hakeeper.agent.check.probe;

import io.hakeeper.common.config.model.Checker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One HTTP_GET / SSL_GET url: sends keepalived's request and judges the answer the way
 * keepalived.conf(5) describes: the status must be one of {@code status_code} (default 200-299),
 * then the body's MD5 must equal {@code digest} (as genhash prints it: lower-case hex of the body,
 * headers excluded), then {@code regex} must be found in the body (or not, with regex_no_match).
 */
final class HttpDialogue implements Dialogue {

    /** Largest answer read for digest or regex: whole pages only, so a digest is never of a part. */
    static final int MAX_RESPONSE_BYTES = 1 << 20;

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final Checker.UrlCheck url;
    private final byte[] request;
    private final boolean needBody;
    private final HttpResponse response = new HttpResponse(MAX_RESPONSE_BYTES);

    HttpDialogue(Checker.UrlCheck url, String protocol, String host) {
        this.url = url;
        this.request = request(url.path(), protocol, host);
        this.needBody = url.digest() != null || url.regex() != null;
    }

    /**
     * keepalived's request: {@code GET path HTTP/1.x}, its User-Agent, Host, and for http_protocol
     * 1.0C and 1.1 "Connection: close" so that the server ends the exchange.
     */
    static byte[] request(String path, String protocol, String host) {
        String version = protocol.equals("1.1") ? "1.1" : "1.0";
        boolean close = !protocol.equals("1.0");
        return ("GET " + path + " HTTP/" + version + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + "Host: " + host + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public Step connected() {
        return Step.send(request);
    }

    @Override
    public Step received(ByteBuffer data, boolean eof) {
        try {
            response.feed(data);
            if (response.headersComplete() && (!needBody || response.complete(eof))) {
                return judge();
            }
        } catch (HttpResponse.BadResponseException e) {
            return Step.fail(FailureReason.BAD_REPLY, e.getMessage());
        }
        if (eof) {
            return Step.fail(FailureReason.RESET, response.headersComplete()
                    ? "connection closed before the whole body" : "connection closed before an HTTP answer");
        }
        return Step.AWAIT;
    }

    private Step judge() throws HttpResponse.BadResponseException {
        int status = response.status();
        if (!statusAccepted(url.statusCodes(), status)) {
            return Step.fail(FailureReason.BAD_STATUS, url.path() + ": status " + status + ", expected "
                    + (url.statusCodes().isEmpty() ? "200-299" : describe(url.statusCodes())));
        }
        if (!needBody) {
            return Step.PASS;
        }
        byte[] body = response.body();
        if (url.digest() != null) {
            String md5 = md5Hex(body);
            if (!md5.equalsIgnoreCase(url.digest())) {
                return Step.fail(FailureReason.BAD_DIGEST, url.path() + ": digest " + md5 + ", expected " + url.digest());
            }
        }
        if (url.regex() != null) {
            // ISO-8859-1 maps each byte to one char, so a page in any encoding can be searched for ASCII.
            boolean found = PATTERNS.computeIfAbsent(url.regex(), Pattern::compile)
                    .matcher(new String(body, StandardCharsets.ISO_8859_1)).find();
            if (found == url.regexNoMatch()) {
                return Step.fail(FailureReason.BAD_BODY, url.path() + ": body " + (found ? "matches" : "does not match")
                        + " regex '" + url.regex() + "'");
            }
        }
        return Step.PASS;
    }

    static boolean statusAccepted(List<Integer> codes, int status) {
        return codes.isEmpty() ? status >= 200 && status <= 299 : codes.contains(status);
    }

    /** genhash's digest: MD5 of the body, lower-case hex. */
    static String md5Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Codes as ranges again, e.g. [200..299, 301] -> "200-299 301". */
    private static String describe(List<Integer> codes) {
        StringBuilder sb = new StringBuilder();
        List<Integer> sorted = codes.stream().sorted().distinct().toList();
        for (int i = 0; i < sorted.size(); i++) {
            int lo = sorted.get(i);
            int hi = lo;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == hi + 1) {
                hi = sorted.get(++i);
            }
            sb.append(sb.length() > 0 ? " " : "").append(lo == hi ? String.valueOf(lo) : lo + "-" + hi);
        }
        return sb.toString();
    }
}
