package io.hakeeper.agent.vrrp;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * At most one log line per key per period, with a count of what was held back: a flood of bad
 * packets costs counters, not a line per packet. Thread-safe.
 */
final class RateLimitedLog {

    private record Slot(long lastLoggedAt, long suppressed) {
    }

    private final Logger logger;
    private final long periodNanos;
    private final LongSupplier clock;
    private final Map<String, Slot> slots = new HashMap<>();
    private long linesLogged;

    RateLimitedLog(Logger logger, long periodNanos, LongSupplier clock) {
        this.logger = logger;
        this.periodNanos = periodNanos;
        this.clock = clock;
    }

    /** Logs {@code message} at WARN unless {@code key} logged less than a period ago. */
    void warn(String key, Supplier<String> message) {
        String line = admit(key, message);
        if (line != null) {
            logger.warn(line);
        }
    }

    /** Logs {@code message} at INFO unless {@code key} logged less than a period ago. */
    void info(String key, Supplier<String> message) {
        String line = admit(key, message);
        if (line != null) {
            logger.info(line);
        }
    }

    private synchronized String admit(String key, Supplier<String> message) {
        long now = clock.getAsLong();
        Slot slot = slots.get(key);
        if (slot != null && now - slot.lastLoggedAt() < periodNanos) {
            slots.put(key, new Slot(slot.lastLoggedAt(), slot.suppressed() + 1));
            return null;
        }
        slots.put(key, new Slot(now, 0));
        linesLogged++;
        long held = slot == null ? 0 : slot.suppressed();
        return held == 0 ? message.get() : message.get() + " (and " + held + " more like it since the last line)";
    }

    /** Lines written so far, all keys together. */
    synchronized long linesLogged() {
        return linesLogged;
    }
}
