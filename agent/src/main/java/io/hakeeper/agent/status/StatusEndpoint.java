package io.hakeeper.agent.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The agent's HTTP endpoint, bound to 127.0.0.1 by default: {@code /health} answers 200 while the
 * agent runs and its ZooKeeper session is connected and 503 otherwise (for systemd, Docker and
 * orchestrators); {@code /metrics} is Prometheus's text format.
 */
public final class StatusEndpoint implements AutoCloseable {

    private final HttpServer server;

    public StatusEndpoint(InetSocketAddress address, AgentMetrics metrics, BooleanSupplier healthy) throws IOException {
        server = HttpServer.create(address, 8);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health", ex -> {
            boolean ok = healthy.getAsBoolean();
            reply(ex, ok ? 200 : 503, "text/plain; charset=utf-8",
                    (ok ? "ok\n" : "unhealthy: not connected to ZooKeeper\n").getBytes(StandardCharsets.UTF_8));
        });
        PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
        server.createContext("/metrics", ex -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writer.write(body, metrics.registry().scrape());
            reply(ex, 200, PrometheusTextFormatWriter.CONTENT_TYPE, body.toByteArray());
        });
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
