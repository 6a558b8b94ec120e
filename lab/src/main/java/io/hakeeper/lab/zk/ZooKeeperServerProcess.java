package io.hakeeper.lab.zk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone ZooKeeper server in its own process, for tests where agents are separate processes
 * and where ZooKeeper itself must be stopped and restarted. Runs from the test classpath
 * (ZooKeeper's server classes plus metrics-core and snappy-java). Optionally wrapped in a command
 * prefix such as {@code ip netns exec zk}.
 */
public final class ZooKeeperServerProcess implements AutoCloseable {

    private final Path dir;
    private final String bindAddress;
    private final String probeHost;
    private final int port;
    private final List<String> prefix;
    private Process process;

    private ZooKeeperServerProcess(Path dir, String bindAddress, int port, List<String> prefix, String probeHost) {
        this.dir = dir;
        this.bindAddress = bindAddress;
        this.probeHost = probeHost;
        this.port = port;
        this.prefix = prefix;
    }

    /** Starts a server on {@code bindAddress:port} with the given tickTime and waits until it serves. */
    public static ZooKeeperServerProcess start(Path dir, String bindAddress, int port, int tickTimeMs,
                                               List<String> prefix) throws IOException {
        return start(dir, bindAddress, port, tickTimeMs, prefix, bindAddress);
    }

    /** Like {@link #start(Path, String, int, int, List)}, reached by this JVM at {@code probeHost}. */
    public static ZooKeeperServerProcess start(Path dir, String bindAddress, int port, int tickTimeMs,
                                               List<String> prefix, String probeHost) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        String cfg = String.join("\n",
                "tickTime=" + tickTimeMs,
                "dataDir=" + dir.resolve("data"),
                "clientPort=" + port,
                "clientPortAddress=" + bindAddress,
                "admin.enableServer=false",
                "4lw.commands.whitelist=ruok,srvr,mntr,conf",
                // Snapshots and logs are tiny; keep the restart fast.
                "preAllocSize=1024",
                "") ;
        Files.writeString(dir.resolve("zoo.cfg"), cfg);
        ZooKeeperServerProcess zk = new ZooKeeperServerProcess(dir, bindAddress, port, prefix, probeHost);
        zk.launch();
        return zk;
    }

    /** A free TCP port on loopback, for a server that only the test JVM talks to. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-Dzookeeper.admin.enableServer=false",
                "-Dzookeeper.root.logger=WARN,CONSOLE",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", dir.resolve("zoo.cfg").toString()));
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("zookeeper.log").toFile()))
                .start();
        awaitServing(Duration.ofSeconds(30));
    }

    public String connectString() {
        return probeHost + ":" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Polls the 'ruok' four-letter word until the server answers 'imok'. */
    public void awaitServing(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("ZooKeeper exited with " + process.exitValue() + "; see "
                        + dir.resolve("zookeeper.log"));
            }
            if ("imok".equals(fourLetterWord("ruok"))) {
                return;
            }
            try {
                Thread.sleep(50); // pacing a poll with a deadline, not waiting for an event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("ZooKeeper did not answer ruok within " + timeout);
    }

    /** Sends a four-letter word and returns the answer, or null when the server does not answer. */
    public String fourLetterWord(String word) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(probeHost, port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops the server (SIGTERM) and waits for it to exit. Data stays for {@link #restart()}. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
