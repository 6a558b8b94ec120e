package io.hakeeper.agent.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a command inside a VM booted on Debian's stock kernel, with IPVS and every scheduler
 * loaded, through {@code lab/qemu/run-in-kernel.sh}. The VM's root is the host's root (read-only
 * share, writable overlay in VM memory), so host paths, tools, the JDK and the test classpath
 * work inside as they do outside. Each {@link #run} boots a fresh VM: about 7 s under TCG before
 * the command starts, so tests should do much per boot.
 *
 * <p>Obtain one with {@link #assumeAvailable()}, which aborts the calling test (JUnit assumption,
 * reported as skipped, with the reason) when not root or when the kernel cannot be prepared.
 */
public final class KernelVm {

    /** What the command did: its exit status (124 timeout, 125 harness failure), both streams. */
    public record Result(int exitCode, String stdout, String stderr, Duration elapsed) {
        /** For assertion messages: everything a reader needs to see why a run went wrong. */
        public String describe() {
            return "exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout ---\n" + stdout
                    + "--- stderr ---\n" + stderr;
        }
    }

    private static final File DEV_NULL = new File("/dev/null");

    /** Preparing the kernel (download, unpack, host packages) happens once per test JVM. */
    private static KernelVm prepared;
    private static String unavailable;

    private final Path runScript;
    private final Path kernelDir;
    private final String kernelRelease;

    private KernelVm(Path runScript, Path kernelDir, String kernelRelease) {
        this.runScript = runScript;
        this.kernelDir = kernelDir;
        this.kernelRelease = kernelRelease;
    }

    /** The prepared VM harness, or an aborted test saying why there is none. */
    public static synchronized KernelVm assumeAvailable() {
        if (prepared == null && unavailable == null) {
            try {
                prepared = prepare();
            } catch (IOException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while preparing the kernel";
            }
        }
        Assumptions.assumeTrue(prepared != null, () -> "real-kernel VM unavailable: " + unavailable);
        return prepared;
    }

    private static KernelVm prepare() throws IOException, InterruptedException {
        // /proc/self belongs to the process's effective uid.
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            throw new IOException("needs root (the harness installs qemu and a kernel from Debian packages); "
                    + "run the tests as root, e.g. sudo bin/test");
        }
        Path qemuDir = findLabQemu();
        Path fetch = qemuDir.resolve("fetch-kernel.sh");
        Path out = Files.createTempFile("fetch-kernel", ".out");
        Path log = Files.createTempFile("fetch-kernel", ".log");
        try {
            // First run downloads and unpacks a kernel package (~70 MB) and may install packages;
            // later runs answer from the cache in milliseconds.
            Process p = new ProcessBuilder(fetch.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(out.toFile())
                    .redirectError(log.toFile())
                    .start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(fetch + " did not finish within 15 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException(fetch + " failed (exit " + p.exitValue() + "): " + tail(Files.readString(log)));
            }
            Path kernelDir = Path.of(Files.readString(out).strip());
            Properties env = new Properties();
            try (var r = Files.newBufferedReader(kernelDir.resolve("kernel.env"))) {
                env.load(r);
            }
            return new KernelVm(qemuDir.resolve("run-in-kernel.sh"), kernelDir, env.getProperty("kver"));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(log);
        }
    }

    /** lab/qemu of this checkout: tests run with the module (agent/) as working directory. */
    private static Path findLabQemu() throws IOException {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path q = d.resolve("lab/qemu");
            if (Files.isExecutable(q.resolve("run-in-kernel.sh"))) {
                return q;
            }
        }
        throw new IOException("no lab/qemu/run-in-kernel.sh above " + System.getProperty("user.dir"));
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() <= 2000 ? t : "..." + t.substring(t.length() - 2000);
    }

    /** The guest kernel's release, as {@code uname -r} reports it inside the VM. */
    public String kernelRelease() {
        return kernelRelease;
    }

    /** The unpacked kernel package (boot/, lib/modules/) the VM boots. */
    public Path kernelDir() {
        return kernelDir;
    }

    /** Runs {@code command} in a fresh VM with this JVM's working directory and environment. */
    public Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, Map.of(), List.of(command));
    }

    /**
     * Runs {@code command} in a fresh VM; {@code env} is added to this JVM's environment, which the
     * harness passes through. The VM is killed after {@code timeout} (exit 124).
     */
    public Result run(Duration timeout, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        long timeoutSec = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> cmd = new ArrayList<>(List.of(runScript.toString(), "--timeout", Long.toString(timeoutSec), "--"));
        cmd.addAll(command);
        Path out = Files.createTempFile("kernel-vm", ".out");
        Path err = Files.createTempFile("kernel-vm", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process p = pb.start();
            // The script enforces the timeout itself; this deadline only guards against the script
            // hanging (e.g. a wedged qemu that ignores SIGTERM and SIGKILL from timeout(1)).
            if (!p.waitFor(timeoutSec + 30, TimeUnit.SECONDS)) {
                p.destroy(); // SIGTERM: the script kills qemu and removes its run directory
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
                throw new IOException(runScript + " outlived its own timeout of " + timeoutSec + " s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
