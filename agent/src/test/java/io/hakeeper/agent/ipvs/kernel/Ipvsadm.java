package io.hakeeper.agent.ipvs.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** ipvsadm, run as a process inside the VM: the reference our table is compared with. */
final class Ipvsadm {

    private Ipvsadm() {
    }

    /** What ipvsadm shows of the whole table, in the layouts we compare. */
    record Listing(String ln, String persistentConn, String thresholds, String rules) {
    }

    static String run(String... args) throws IOException, InterruptedException {
        return withInput(null, args);
    }

    /** ipvsadm -R with {@code rules} on its standard input. */
    static void restore(String rules) throws IOException, InterruptedException {
        withInput(rules, "-R");
    }

    static Listing listing() throws IOException, InterruptedException {
        return new Listing(run("-Ln"), run("-Ln", "--persistent-conn"), run("-Ln", "--thresholds"), run("-Sn"));
    }

    private static String withInput(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ipvsadm"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("ipvsadm", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                throw new AssertionError(String.join(" ", cmd) + " exited " + exit + ": " + Files.readString(err)
                        + (stdin != null ? "\ninput was:\n" + stdin : ""));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
