package io.hakeeper.common.config.model;

import java.util.List;

/**
 * {@code virtual_server_group NAME}: addresses ({@code IP PORT}, or a last-octet range
 * {@code 10.0.0.1-10 PORT}) and firewall marks ({@code fwmark N}) served as one virtual server.
 */
public record VirtualServerGroup(String name, List<Member> members) {

    public VirtualServerGroup {
        members = List.copyOf(members);
    }

    /** One line: an address range (first == last for a single address) with a port, or a fwmark. */
    public record Member(String firstAddress, String lastAddress, Integer port, Integer fwmark, boolean ipv6) {
    }
}
