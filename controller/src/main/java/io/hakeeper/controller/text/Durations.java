package io.hakeeper.controller.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations and times as people type and read them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 250ms}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Durations() {
    }

    /** Parses {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 250ms} or ISO-8601 ({@code PT5M}). */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(bad(text));
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new IllegalArgumentException(bad(text));
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw new IllegalArgumentException(bad(text));
        }
        return total;
    }

    private static String bad(String text) {
        return "'" + text + "' is not a duration; write e.g. 30s, 5m, 1h30m, 2d or 250ms";
    }

    /** A short human form: {@code 850 ms}, {@code 42s}, {@code 5m 3s}, {@code 2h 5m}, {@code 3d 4h}. */
    public static String human(long ms) {
        if (ms < 0) {
            return "-" + human(-ms);
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        return s / 86400 + "d " + (s % 86400) / 3600 + "h";
    }

    /** An epoch-ms instant in this host's time zone, to the millisecond. */
    public static String local(long epochMs) {
        return LOCAL.format(Instant.ofEpochMilli(epochMs));
    }

    public static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
