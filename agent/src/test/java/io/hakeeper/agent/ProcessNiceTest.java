package io.hakeeper.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** vrrp_priority for real: every thread of this JVM, and threads started afterwards, at the nice value. */
class ProcessNiceTest {

    @Test
    void setsEveryThreadAndNewThreadsInherit() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to restore this JVM's nice value afterwards (CAP_SYS_NICE)");
        int before = niceOf(Thread.currentThread());
        try {
            ProcessNice.apply(before + 3);
            assertEquals(Map.of(before + 3, threadCount()), nices(), "every thread at the new value");
            int later = CompletableFuture.supplyAsync(() -> niceOf(Thread.currentThread()),
                    r -> new Thread(r, "started-after").start()).get();
            assertEquals(before + 3, later, "a thread started afterwards inherits it");
        } finally {
            ProcessNice.apply(before);
        }
        assertEquals(Map.of(before, threadCount()), nices());
    }

    private static int threadCount() throws IOException {
        return nices().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many of this process's threads have each nice value (/proc/self/task/TID/stat, field 19). */
    private static Map<Integer, Integer> nices() throws IOException {
        Map<Integer, Integer> counts = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    counts.merge(nice(Files.readString(t.resolve("stat"))), 1, Integer::sum);
                } catch (IOException ended) {
                    // a thread that ended while we looked
                }
            }
        }
        return counts;
    }

    private static int niceOf(Thread thread) {
        try {
            return nice(Files.readString(Path.of("/proc/thread-self/stat")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Field 19 of proc(5)'s stat line; the command name in field 2 may hold spaces, so count after ')'. */
    private static int nice(String stat) {
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(rest[19 - 3]);
    }
}
