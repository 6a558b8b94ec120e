package io.hakeeper.common.config.model;

/** An address and port ({@code sorry_server}, {@code real_server}). */
public record Endpoint(String address, int port, boolean ipv6) {

    public String show() {
        return show(address, port, ipv6);
    }

    static String show(String address, Integer port, boolean ipv6) {
        return (ipv6 ? "[" + address + "]" : address) + ":" + port;
    }
}
