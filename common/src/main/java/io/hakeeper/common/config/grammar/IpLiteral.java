package io.hakeeper.common.config.grammar;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever touching DNS ({@link InetAddress#getByName} resolves
 * names; it only parses when the text is already a literal, which we check first).
 */
public record IpLiteral(String text, boolean ipv6, byte[] bytes) {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    public static Optional<IpLiteral> parse(String s) {
        if (IPV4.matcher(s).matches()) {
            return of(s, false);
        }
        if (s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches() && s.length() <= 45) {
            return of(s, true);
        }
        return Optional.empty();
    }

    private static Optional<IpLiteral> of(String s, boolean v6) {
        try {
            byte[] b = InetAddress.getByName(v6 ? "[" + s + "]" : s).getAddress();
            if (b.length != (v6 ? 16 : 4)) {
                return Optional.empty(); // an IPv4-mapped IPv6 literal collapses to 4 bytes
            }
            return Optional.of(new IpLiteral(canonical(b, v6, s), v6, b));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String canonical(byte[] b, boolean v6, String original) {
        if (!v6) {
            return original;
        }
        try {
            return compress(InetAddress.getByAddress(b).getHostAddress());
        } catch (UnknownHostException e) {
            return original;
        }
    }

    /** RFC 5952 text form: the longest run of zero groups becomes "::". */
    private static String compress(String full) {
        String[] g = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < g.length; ) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < g.length && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail;
    }

    public int maxPrefix() {
        return ipv6 ? 128 : 32;
    }
}
