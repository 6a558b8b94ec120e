package io.hakeeper.agent.check.probe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * An HTTP/1.x response read incrementally (RFC 9112): status line, headers, then a body framed by
 * Content-Length, chunked transfer coding, or the end of the connection. Holds at most
 * {@code limit} bytes; a larger answer is an error, not a silent truncation, because a digest over
 * part of a page would be wrong. Pure: fed bytes, never touches a socket.
 */
final class HttpResponse {

    /** A malformed or oversized answer; its message says which. */
    static final class BadResponseException extends Exception {
        BadResponseException(String message) {
            super(message);
        }
    }

    private final int limit;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(1024);
    private int headerEnd = -1;
    private int status;
    private long contentLength = -1;
    private boolean chunked;

    HttpResponse(int limit) {
        this.limit = limit;
    }

    /** Adds bytes that arrived. */
    void feed(ByteBuffer data) throws BadResponseException {
        if (raw.size() + data.remaining() > limit) {
            throw new BadResponseException("answer larger than " + limit + " bytes");
        }
        byte[] b = new byte[data.remaining()];
        data.get(b);
        int searchFrom = Math.max(0, raw.size() - 3);
        raw.write(b, 0, b.length);
        if (headerEnd < 0) {
            findHeaderEnd(searchFrom);
        }
    }

    private void findHeaderEnd(int from) throws BadResponseException {
        byte[] all = raw.toByteArray();
        for (int i = from; i + 3 < all.length; i++) {
            if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                headerEnd = i + 4;
                parseHead(new String(all, 0, i, StandardCharsets.ISO_8859_1));
                return;
            }
        }
    }

    private void parseHead(String head) throws BadResponseException {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !statusLine[1].matches("\\d{3}")) {
            throw new BadResponseException("not an HTTP/1.x status line: '" + abbreviate(lines[0]) + "'");
        }
        status = Integer.parseInt(statusLine[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new BadResponseException("bad Content-Length '" + abbreviate(value) + "'");
                }
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
    }

    boolean headersComplete() {
        return headerEnd >= 0;
    }

    int status() {
        return status;
    }

    /** Whether the whole body is here; at end of stream a body without framing is complete. */
    boolean complete(boolean eof) throws BadResponseException {
        if (headerEnd < 0) {
            return false;
        }
        if (status / 100 == 1 || status == 204 || status == 304) {
            return true; // RFC 9112 section 6.3: no body
        }
        if (chunked) {
            return dechunk(false) != null || eof;
        }
        if (contentLength >= 0) {
            return raw.size() - headerEnd >= contentLength;
        }
        return eof;
    }

    /** The body, de-chunked; call once {@link #complete} says so. */
    byte[] body() throws BadResponseException {
        if (chunked) {
            byte[] b = dechunk(true);
            return b != null ? b : new byte[0];
        }
        byte[] all = raw.toByteArray();
        int end = contentLength >= 0 ? (int) Math.min(all.length, headerEnd + contentLength) : all.length;
        return Arrays.copyOfRange(all, headerEnd, end);
    }

    /** The de-chunked body when the last chunk has arrived, else null (or an error if {@code strict}). */
    private byte[] dechunk(boolean strict) throws BadResponseException {
        byte[] all = raw.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = headerEnd;
        while (true) {
            int eol = indexOfCrlf(all, p);
            if (eol < 0) {
                return incomplete(strict);
            }
            String sizeField = new String(all, p, eol - p, StandardCharsets.ISO_8859_1);
            int semi = sizeField.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi >= 0 ? sizeField.substring(0, semi) : sizeField).trim(), 16);
            } catch (NumberFormatException e) {
                throw new BadResponseException("bad chunk size '" + abbreviate(sizeField) + "'");
            }
            p = eol + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (size < 0 || p + size + 2 > all.length) {
                return incomplete(strict);
            }
            out.write(all, p, size);
            p += size + 2;
        }
    }

    private static byte[] incomplete(boolean strict) throws BadResponseException {
        if (strict) {
            throw new BadResponseException("the chunked body ended early");
        }
        return null;
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
