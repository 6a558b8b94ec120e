package io.hakeeper.agent.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One line per key per period on a fake clock, however many events. */
class RateLimitedLogTest {

    private static final long PERIOD = 10_000_000_000L;

    @Test
    void aFloodWritesOneLinePerKeyPerPeriodAndBuildsNoMessageItDrops() {
        AtomicLong now = new AtomicLong(123);
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class), PERIOD, now::get);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) {
            log.warn("drop:BAD_CHECKSUM", () -> "bad checksum #" + built.incrementAndGet());
            log.warn("drop:BAD_TTL", () -> "bad ttl");
            now.addAndGet(1_000_000); // 10 000 events over 10 s
        }
        assertEquals(2, log.linesLogged(), "the first of each key");
        assertEquals(1, built.get(), "suppressed messages are never built");
        now.addAndGet(PERIOD - 10_000L * 1_000_000 + 1_000_000);
        log.warn("drop:BAD_CHECKSUM", () -> "bad checksum again");
        assertEquals(3, log.linesLogged(), "the next period allows one more, with the count held back");
    }

    @Test
    void theEdgeOfThePeriodAdmitsTheNextLine() {
        AtomicLong now = new AtomicLong(-5); // the monotonic origin may be anywhere, even negative
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class), PERIOD, now::get);
        log.info("k", () -> "first");
        now.set(-5 + PERIOD - 1);
        log.info("k", () -> "too soon");
        assertEquals(1, log.linesLogged());
        now.set(-5 + PERIOD);
        log.info("k", () -> "on time");
        assertEquals(2, log.linesLogged());
    }
}
