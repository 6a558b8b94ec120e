package io.hakeeper.agent.check.probe;

import io.hakeeper.agent.ipvs.IpAddress;
import io.hakeeper.common.config.model.Checker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where one attempt connects and what it binds to: the real server unless the checker says
 * {@code connect_ip} / {@code connect_port}; {@code bindto} / {@code bind_port} if set
 * (keepalived.conf(5), "generic connection options").
 */
record Endpoints(InetSocketAddress connect, InetSocketAddress bind) {

    static Endpoints of(ProbeTarget target) throws UnknownHostException {
        Checker.Connection c = target.checker().connection();
        InetAddress host = c.connectIp() != null ? literal(c.connectIp()) : target.realServer().getAddress();
        int port = c.connectPort() != null ? c.connectPort() : target.realServer().getPort();
        InetSocketAddress bind = null;
        if (c.bindTo() != null || c.bindPort() != null) {
            InetAddress from = c.bindTo() != null ? literal(c.bindTo()) : null;
            int fromPort = c.bindPort() != null ? c.bindPort() : 0;
            bind = from != null ? new InetSocketAddress(from, fromPort) : new InetSocketAddress(fromPort);
        }
        return new Endpoints(new InetSocketAddress(host, port), bind);
    }

    /** The config holds literals only (the grammar checks them), so this never asks a resolver. */
    private static InetAddress literal(String address) throws UnknownHostException {
        return InetAddress.getByName(address);
    }

    /**
     * The address as an HTTP Host header names it (RFC 9110 section 7.2): IPv6 in brackets and as
     * inet_ntop writes it (so "[::1]", as keepalived sends), the port unless it is {@code defaultPort}.
     */
    String hostHeader(int defaultPort) {
        InetAddress a = connect.getAddress();
        String host = a instanceof java.net.Inet6Address ? "[" + IpAddress.ofBytes(a.getAddress()) + "]" : a.getHostAddress();
        return connect.getPort() == defaultPort ? host : host + ":" + connect.getPort();
    }
}
