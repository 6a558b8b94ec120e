package io.hakeeper.common.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every finding of one load, so that the operator sees all errors at once. */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    public void error(SourcePos pos, String message) {
        all.add(Diagnostic.error(pos, message));
    }

    public void warning(SourcePos pos, String message) {
        all.add(Diagnostic.warning(pos, message));
    }

    public void add(Diagnostic d) {
        all.add(d);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    /** In file order, errors before warnings at the same place. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.pos().file())
                .thenComparingInt(d -> d.pos().line())
                .thenComparingInt(d -> d.pos().col())
                .thenComparing(Diagnostic::severity));
        return List.copyOf(copy);
    }
}
