package io.hakeeper.lab;

import java.util.List;
import java.util.Locale;

/** The bench's figures per scenario and system, as a Markdown table (pure). */
final class BenchTable {

    /** The trials of one scenario on one system; {@code trials} empty and {@code why} set: not applicable. */
    record Row(String scenario, String system, List<Trial> trials, String why) {
    }

    private BenchTable() {
    }

    static final String HEADER = """
            | scenario | system | trials | failover p50 | p95 | max | client gap p50 | p95 | p99 | max | trials with overlap | longest overlap |
            |---|---|---|---|---|---|---|---|---|---|---|---|
            """;

    static String render(List<Row> rows) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (Row r : rows) {
            sb.append(line(r)).append('\n');
        }
        return sb.toString();
    }

    static String line(Row r) {
        if (r.trials().isEmpty()) {
            return "| %s | %s | n/a: %s | | | | | | | | | |".formatted(r.scenario(), r.system(), r.why());
        }
        List<Double> failover = sorted(r.trials().stream().map(Trial::failoverMs).toList());
        List<Double> gap = sorted(r.trials().stream().map(Trial::gapMs).toList());
        long overlapping = r.trials().stream().filter(t -> t.overlapMs() > 0).count();
        long permanent = r.trials().stream().filter(Trial::permanent).count();
        double longest = r.trials().stream().mapToDouble(Trial::overlapMs).max().orElse(0);
        long failed = failover.stream().filter(d -> d.isNaN()).count();
        List<Double> tookOver = failover.stream().filter(d -> !d.isNaN()).toList();
        String overlapText = permanent > 0
                ? "%s ms; in %d of %d the old holder had not let go when the bench ended the fault".formatted(
                        fmt(longest), permanent, r.trials().size())
                : fmt(longest) + " ms";
        return "| %s | %s | %d%s | %s | %s | %s | %s | %s | %s | %s | %d | %s |".formatted(r.scenario(), r.system(),
                r.trials().size(), failed > 0 ? " (" + failed + " without takeover)" : "",
                ms(pct(tookOver, 0.50)), ms(pct(tookOver, 0.95)), ms(max(tookOver)),
                ms(pct(gap, 0.50)), ms(pct(gap, 0.95)), ms(pct(gap, 0.99)), ms(max(gap)),
                overlapping, overlapText);
    }

    /** Nearest-rank percentile of an ascending list; NaN when empty. */
    static double pct(List<Double> ascending, double p) {
        if (ascending.isEmpty()) {
            return Double.NaN;
        }
        return ascending.get(Math.max(0, (int) Math.ceil(p * ascending.size()) - 1));
    }

    private static double max(List<Double> ascending) {
        return ascending.isEmpty() ? Double.NaN : ascending.get(ascending.size() - 1);
    }

    private static List<Double> sorted(List<Double> values) {
        return values.stream().sorted().toList();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : fmt(v) + " ms";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
