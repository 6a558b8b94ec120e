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
            | scenario | system | trials | took over | overlap max | failover p50 | p99 | max | VIP-less gap p50 | p99 | max | failed client requests |
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
        List<Double> tookOver = sorted(r.trials().stream().map(Trial::failoverMs).filter(d -> !d.isNaN()).toList());
        List<Double> vipLess = sorted(r.trials().stream().map(Trial::vipLessMs).toList());
        long permanent = r.trials().stream().filter(Trial::permanent).count();
        double longest = r.trials().stream().mapToDouble(Trial::overlapMs).max().orElse(0);
        long overlapping = r.trials().stream().filter(t -> t.overlapMs() > 0).count();
        String overlapText = fmt(longest) + " ms";
        if (overlapping > 0) {
            overlapText += " (in %d of %d%s)".formatted(overlapping, r.trials().size(),
                    permanent > 0 ? "; in %d the old holder had not let go when the bench ended the fault".formatted(permanent)
                            : "");
        }
        int failed = r.trials().stream().mapToInt(Trial::failedRequests).sum();
        int requests = r.trials().stream().mapToInt(Trial::requests).sum();
        return "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %d of %d |".formatted(r.scenario(), r.system(),
                r.trials().size(), tookOver.size(), overlapText,
                ms(pct(tookOver, 0.50)), ms(pct(tookOver, 0.99)), ms(max(tookOver)),
                ms(pct(vipLess, 0.50)), ms(pct(vipLess, 0.99)), ms(max(vipLess)), failed, requests);
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

    static String ms(double v) {
        return Double.isNaN(v) ? "-" : fmt(v) + " ms";
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
}
