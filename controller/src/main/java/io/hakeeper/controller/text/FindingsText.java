package io.hakeeper.controller.text;

import io.hakeeper.controller.findings.Finding;
import java.util.List;
import java.util.Locale;

/** Findings as lines: severity, subject, message, and the action on the next line. */
public final class FindingsText {

    private FindingsText() {
    }

    public static String render(List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        int width = findings.stream().mapToInt(f -> word(f).length()).max().orElse(0);
        for (Finding f : findings) {
            String w = word(f);
            out.append(w).append(" ".repeat(width - w.length() + 2)).append(f.message()).append('\n');
            if (!f.action().isEmpty()) {
                out.append(" ".repeat(width + 2)).append("-> ").append(f.action()).append('\n');
            }
        }
        return out.toString();
    }

    private static String word(Finding f) {
        return f.severity().json().toUpperCase(Locale.ROOT);
    }
}
