package io.hakeeper.controller.support;

import io.hakeeper.controller.HaCtl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/** Runs hactl in this JVM exactly as {@code main} does, capturing stdout, stderr and the exit code. */
public final class HaCtlRun {

    /** What one run printed and returned. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final List<String> globals;

    /** @param globals options every run gets (--zk, --cluster, --auth-digest-file ...) */
    public HaCtlRun(String... globals) {
        this.globals = List.of(globals);
    }

    public HaCtlRun with(String... more) {
        List<String> all = new ArrayList<>(globals);
        all.addAll(Arrays.asList(more));
        return new HaCtlRun(all.toArray(String[]::new));
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = HaCtl.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(join(args));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Starts a run that does not end by itself (--watch, --follow); {@link Background#stop} interrupts it. */
    public Background background(String... args) {
        return new Background(join(args));
    }

    private String[] join(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(globals);
        return all.toArray(String[]::new);
    }

    /** A run on its own thread; its output can be read while it runs. */
    public static final class Background {
        private final StringWriter out = new StringWriter(); // StringBuffer inside: safe to read while written
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exit = new AtomicInteger(-1);
        private final Thread thread;

        Background(String[] args) {
            CommandLine cmd = HaCtl.commandLine();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exit.set(cmd.execute(args)), "hactl " + String.join(" ", args));
            thread.setDaemon(true);
            thread.start();
        }

        public String out() {
            return out.toString();
        }

        /** Interrupts the command (as Ctrl-C would end it) and returns what it printed and returned. */
        public Result stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            return new Result(exit.get(), out.toString(), err.toString());
        }
    }
}
