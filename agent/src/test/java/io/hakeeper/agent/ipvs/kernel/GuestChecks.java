package io.hakeeper.agent.ipvs.kernel;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol between a scenario main inside the VM and the JUnit test outside: each named check
 * prints {@code CHECK name PASS ms} or {@code CHECK name FAIL ms} followed by its detail lines,
 * each prefixed {@code | }. {@code INFO} lines carry figures and listings for the log.
 */
final class GuestChecks {

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** One check's outcome, as parsed outside. */
    record Outcome(boolean passed, long millis, String detail) {
    }

    private final PrintStream out;

    GuestChecks(PrintStream out) {
        this.out = out;
    }

    void run(String name, Body body) {
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            body.run();
        } catch (Throwable t) {
            failure = t;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        out.println("CHECK " + name + (failure == null ? " PASS " : " FAIL ") + ms);
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(l -> out.println("| " + l));
        }
        out.flush();
    }

    void info(String text) {
        text.lines().forEach(l -> out.println("INFO " + l));
        out.flush();
    }

    /** The outcomes in {@code stdout}, by check name. */
    static Map<String, Outcome> parse(String stdout) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        String name = null;
        boolean passed = false;
        long ms = 0;
        List<String> detail = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            if (line.startsWith("CHECK ")) {
                if (name != null) {
                    outcomes.put(name, new Outcome(passed, ms, String.join("\n", detail)));
                }
                String[] f = line.split(" ");
                name = f[1];
                passed = f[2].equals("PASS");
                ms = Long.parseLong(f[3]);
                detail = new ArrayList<>();
            } else if (line.startsWith("| ") && name != null) {
                detail.add(line.substring(2));
            }
        }
        if (name != null) {
            outcomes.put(name, new Outcome(passed, ms, String.join("\n", detail)));
        }
        return outcomes;
    }
}
