package io.hakeeper.agent.check;

import io.hakeeper.agent.check.probe.FailureReason;
import io.hakeeper.agent.check.probe.Probe;
import io.hakeeper.agent.check.probe.ProbeResult;
import io.hakeeper.agent.check.probe.ProbeTarget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test double for TCP_CHECK until part A's probes land: a real TCP connect (blocking, on a small
 * pool) to the real server or its {@code connect_ip}/{@code connect_port}, with {@code connect_timeout}.
 */
public final class TcpConnectProbe implements Probe {

    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "test-tcp-probe");
        t.setDaemon(true);
        return t;
    });

    @Override
    public CompletableFuture<ProbeResult> check(ProbeTarget target) {
        return CompletableFuture.supplyAsync(() -> connect(target), pool);
    }

    private static ProbeResult connect(ProbeTarget target) {
        var c = target.checker().connection();
        InetSocketAddress to = new InetSocketAddress(
                c.connectIp() != null ? c.connectIp() : target.realServer().getAddress().getHostAddress(),
                c.connectPort() != null ? c.connectPort() : target.realServer().getPort());
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(to, c.connectTimeoutSec() * 1000);
            return ProbeResult.pass(System.nanoTime() - start);
        } catch (ConnectException e) {
            return ProbeResult.fail(FailureReason.REFUSED, e.getMessage(), System.nanoTime() - start);
        } catch (SocketTimeoutException e) {
            return ProbeResult.fail(FailureReason.TIMEOUT, e.getMessage(), System.nanoTime() - start);
        } catch (IOException e) {
            return ProbeResult.fail(FailureReason.LOCAL_ERROR, e.toString(), System.nanoTime() - start);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
