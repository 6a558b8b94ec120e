package io.hakeeper.controller.zk;

import io.hakeeper.controller.HaCtlException;
import java.util.ArrayList;
import java.util.List;

/** One server of a ZooKeeper connect string ({@code host:port[,host:port...][/chroot]}). */
public record ServerAddress(String host, int port) {

    /** ZooKeeper's default client port. */
    public static final int DEFAULT_PORT = 2181;

    public static List<ServerAddress> parseAll(String connect) throws HaCtlException {
        String servers = connect;
        int slash = servers.indexOf('/');
        if (slash >= 0) {
            servers = servers.substring(0, slash);
        }
        List<ServerAddress> out = new ArrayList<>();
        for (String part : servers.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            out.add(parse(s, connect));
        }
        if (out.isEmpty()) {
            throw HaCtlException.usage("--zk '" + connect + "' names no server; write host:port[,host:port...]");
        }
        return out;
    }

    private static ServerAddress parse(String s, String connect) throws HaCtlException {
        String host = s;
        String port = null;
        if (s.startsWith("[")) { // [IPv6]:port
            int close = s.indexOf(']');
            if (close < 0) {
                throw HaCtlException.usage("--zk '" + connect + "': '" + s + "' has no closing ']'");
            }
            host = s.substring(1, close);
            port = s.length() > close + 1 && s.charAt(close + 1) == ':' ? s.substring(close + 2) : null;
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        if (port == null) {
            return new ServerAddress(host, DEFAULT_PORT);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return new ServerAddress(host, p);
        } catch (NumberFormatException e) {
            throw HaCtlException.usage("--zk '" + connect + "': '" + port + "' is not a port (1-65535)");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
