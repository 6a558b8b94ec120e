package io.hakeeper.controller.zk;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Says why ZooKeeper could not be reached, server by server: a plain TCP connect to each address
 * of the connect string, so that "unreachable" becomes "10.0.0.5:2181: connection refused".
 */
public final class ReachabilityProbe {

    private ReachabilityProbe() {
    }

    /** One line per server, e.g. {@code 10.0.0.5:2181: connection refused}. */
    public static String describe(List<ServerAddress> servers, Duration timeout) {
        return servers.stream().map(s -> s + ": " + tcp(s, timeout)).collect(Collectors.joining("; "));
    }

    /** What a TCP connect to the server does. */
    static String tcp(ServerAddress server, Duration timeout) {
        int ms = (int) Math.max(100, Math.min(timeout.toMillis(), 3000));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.host(), server.port()), ms);
            return "accepts TCP connections, but no ZooKeeper session started (a server out of quorum"
                    + " refuses sessions; 'srvr' on it tells)";
        } catch (UnknownHostException e) {
            return "unknown host";
        } catch (ConnectException e) {
            return "connection refused (no server listens there)";
        } catch (SocketTimeoutException e) {
            return "no answer within " + ms + " ms (host down or filtered)";
        } catch (NoRouteToHostException e) {
            return "no route to host";
        } catch (IOException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
