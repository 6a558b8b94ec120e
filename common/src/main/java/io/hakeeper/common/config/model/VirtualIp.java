package io.hakeeper.common.config.model;

/**
 * An address in {@code virtual_ipaddress}: {@code ADDR[/PREFIX] [dev IF] [label L] [brd B] [scope S]}.
 * {@code dev} null means the instance's interface. {@code prefix} defaults to the host prefix
 * (/32 or /128), as in keepalived.
 */
public record VirtualIp(String address, int prefix, boolean ipv6, String dev, String label,
                        String broadcast, String scope) {

    /** {@code 10.0.0.3/32} */
    public String cidr() {
        return address + "/" + prefix;
    }
}
