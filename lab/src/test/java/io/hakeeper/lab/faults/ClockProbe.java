package io.hakeeper.lab.faults;

import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Run under the clock shim by {@link ClockShiftTest}: prints, about every millisecond,
 * {@code currentTimeMillis Instant.now()-in-ms nanoTime} until its stdin closes.
 */
public final class ClockProbe {
    private ClockProbe() {}

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // drain
                }
            } catch (Exception e) {
                // parent gone
            }
            System.exit(0);
        });
        watcher.setDaemon(true);
        watcher.start();
        while (true) {
            long wall = System.currentTimeMillis();
            long instant = Instant.now().toEpochMilli();
            long nano = System.nanoTime();
            System.out.println(wall + " " + instant + " " + nano);
            LockSupport.parkNanos(1_000_000);
        }
    }
}
