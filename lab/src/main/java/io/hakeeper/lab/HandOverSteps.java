package io.hakeeper.lab;

import io.hakeeper.lab.netns.VipTimeline;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where a hand-over's time goes, per trial: the kernel's VIP notifications (microseconds) and the
 * two agents' log lines (milliseconds, the wall clock both agents and the bench share), in four
 * steps. The VIP-less gap is steps 3 and 4.
 */
final class HandOverSteps {

    static final String[] STEP_NAMES = {
        "1 fault -> release starts (signal, health check, switchover watch)",
        "2 release starts -> VIP deleted on the old holder (priority-0 advert, netlink delete)",
        "3 VIP deleted -> successor decides to claim (holder and latch deletes, watch, latch leadership)",
        "4 decides -> VIP on the successor (claim checks, multi, netlink add)",
    };
    /** How far back from the injection a log line may be (the wall clock's and the logs' rounding). */
    private static final long SLACK_MS = 5;
    /** How much of the end of an agent log a trial reads. */
    private static final int TAIL_BYTES = 256 * 1024;

    private final Map<Scenario, List<double[]>> byScenario = new LinkedHashMap<>();

    void add(Scenario s, Path runDir, String from, String to, VipTimeline timeline, long injectedNanos, long injectedWallMs) {
        try {
            long releaseStart = firstLine(runDir.resolve(from).resolve("agent.log"), injectedWallMs, "MASTER -> BACKUP");
            long decides = firstLine(runDir.resolve(to).resolve("agent.log"), injectedWallMs, "] claim: ");
            double removed = wallMs(timeline.firstRemovedAfter(from, injectedNanos), injectedNanos, injectedWallMs);
            double added = wallMs(timeline.firstAddedAfter(to, injectedNanos), injectedNanos, injectedWallMs);
            byScenario.computeIfAbsent(s, k -> new ArrayList<>()).add(new double[] {
                releaseStart - injectedWallMs, removed - releaseStart, decides - removed, added - decides});
        } catch (IOException e) {
            System.out.println("  (no hand-over breakdown for this trial: " + e.getMessage() + ")");
        }
    }

    private static double wallMs(OptionalLong nanos, long injectedNanos, long injectedWallMs) {
        return nanos.isPresent() ? injectedWallMs + (nanos.getAsLong() - injectedNanos) / 1e6 : Double.NaN;
    }

    /** The wall time (ms) of the first line of {@code log} at or after {@code sinceMs} that contains {@code text}. */
    static long firstLine(Path log, long sinceMs, String text) throws IOException {
        ZoneId zone = ZoneId.systemDefault();
        Instant since = Instant.ofEpochMilli(sinceMs);
        long dayStart = since.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
        for (String line : tail(log)) {
            if (line.length() < 12 || !line.contains(text)) {
                continue;
            }
            long at;
            try {
                at = dayStart + LocalTime.parse(line.substring(0, 12)).toNanoOfDay() / 1_000_000L;
            } catch (DateTimeParseException e) {
                continue;
            }
            if (at >= sinceMs - SLACK_MS) {
                return at;
            }
        }
        throw new IOException("no line with '" + text + "' in " + log + " after the fault");
    }

    private static List<String> tail(Path log) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - TAIL_BYTES);
            byte[] b = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(b);
            return List.of(new String(b, StandardCharsets.UTF_8).split("\n"));
        }
    }

    /** Per scenario, p50 / p99 / max of each step; empty when no hand-over was measured. */
    String render() {
        if (byScenario.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("hand-over breakdown (hakeeper; log lines are 1 ms wall-clock stamps, VIP"
                + " events the kernel's notifications):\n");
        sb.append("| scenario | step | p50 | p99 | max |\n|---|---|---|---|---|\n");
        byScenario.forEach((s, trials) -> {
            for (int step = 0; step < STEP_NAMES.length; step++) {
                int k = step;
                List<Double> v = trials.stream().map(t -> t[k]).filter(d -> !d.isNaN()).sorted().toList();
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", s.id, STEP_NAMES[step],
                        BenchTable.ms(BenchTable.pct(v, 0.5)), BenchTable.ms(BenchTable.pct(v, 0.99)),
                        BenchTable.ms(v.isEmpty() ? Double.NaN : v.get(v.size() - 1))));
            }
        });
        return sb.append('\n').toString();
    }
}
