package io.hakeeper.common.zk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Percent-encoding of {@code virtual_server_group} names for {@link VirtualServerKey.Group}. Only
 * {@code [A-Za-z0-9._-]} stays as it is; every other UTF-8 byte becomes {@code %XX} with
 * upper-case hex. Decoding accepts exactly what encoding writes, so each name has one spelling.
 */
final class GroupNameEscape {

    private GroupNameEscape() {
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte raw : name.getBytes(StandardCharsets.UTF_8)) {
            int b = raw & 0xFF;
            if (plain(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xF));
            }
        }
        return out.toString();
    }

    static Optional<String> decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return Optional.empty();
                }
                int hi = HEX.indexOf(text.charAt(i + 1));
                int lo = HEX.indexOf(text.charAt(i + 2));
                if (hi < 0 || lo < 0 || plain((hi << 4) | lo)) {
                    return Optional.empty(); // malformed, or an escape encode() would not write
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else if (plain(c)) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        String name = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        // Invalid UTF-8 decodes to U+FFFD, which would not encode back to the same text.
        return !name.isEmpty() && encode(name).equals(text) ? Optional.of(name) : Optional.empty();
    }

    private static final String HEX = "0123456789ABCDEF";

    private static boolean plain(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '.' || b == '_' || b == '-';
    }
}
