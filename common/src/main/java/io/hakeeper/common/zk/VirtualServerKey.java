package io.hakeeper.common.zk;

import io.hakeeper.common.config.grammar.IpLiteral;
import io.hakeeper.common.config.model.VirtualServer;

import java.util.Optional;

/**
 * A virtual server's name as one ZooKeeper path element under {@code realservers/}
 * (DESIGN.md, "ZooKeeper layout"). The encoding is readable, path-safe and reversible, and each
 * virtual server has exactly one name, so two directors always meet under the same node:
 * <ul>
 *   <li>{@code TCP_10.0.0.1_80}, {@code UDP_2001:db8::1_53}: protocol, address in canonical text
 *       (RFC 5952 for IPv6; ':' is legal in ZooKeeper names), port;</li>
 *   <li>{@code FWM_5} / {@code FWM6_5}: an IPv4 / IPv6 firewall-mark service (IPVS keys fwmark
 *       services by address family and mark);</li>
 *   <li>{@code GROUP_web}: {@code virtual_server group NAME}; bytes of the name outside
 *       {@code [A-Za-z0-9._-]} are written as {@code %XX} (UTF-8, upper-case hex).</li>
 * </ul>
 * Neither an address nor a port contains '_', so the first and last '_' split the address form
 * unambiguously. {@link #decode} accepts only the canonical spelling, so
 * {@code decode(s).map(encode)} is {@code s} whenever it is present.
 */
public sealed interface VirtualServerKey {

    /** The path element. */
    String encode();

    /** keepalived's own way of naming it in logs: {@code [2001:db8::1]:80}, {@code FWM 5}, {@code group web}. */
    String label();

    /** {@code address} is stored in canonical text whatever spelling it was given in. */
    record Address(VirtualServer.Protocol protocol, String address, int port) implements VirtualServerKey {
        public Address {
            if (protocol == null) {
                throw new IllegalArgumentException("virtual server protocol is missing");
            }
            String given = address;
            address = IpLiteral.parse(given == null ? "" : given).map(IpLiteral::text).orElseThrow(
                    () -> new IllegalArgumentException("virtual server address '" + given + "' is not an IP literal"));
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("virtual server port " + port + " is outside 0-65535");
            }
        }

        public boolean ipv6() {
            return address.indexOf(':') >= 0;
        }

        @Override
        public String encode() {
            return protocol.name() + "_" + address + "_" + port;
        }

        @Override
        public String label() {
            return (ipv6() ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /** {@code mark} is the kernel's u32 fwmark: 1..4294967295. */
    record Fwmark(long mark, boolean ipv6) implements VirtualServerKey {
        public Fwmark {
            if (mark < 1 || mark > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("fwmark " + mark + " is outside 1-4294967295");
            }
        }

        @Override
        public String encode() {
            return (ipv6 ? "FWM6_" : "FWM_") + mark;
        }

        @Override
        public String label() {
            return "FWM " + mark + (ipv6 ? " (IPv6)" : "");
        }
    }

    record Group(String name) implements VirtualServerKey {
        public Group {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("virtual_server_group name is empty");
            }
        }

        @Override
        public String encode() {
            return "GROUP_" + GroupNameEscape.encode(name);
        }

        @Override
        public String label() {
            return "group " + name;
        }
    }

    /** The key of a configured {@code virtual_server} block. */
    static VirtualServerKey of(VirtualServer vs) {
        return switch (vs.kind()) {
            case ADDRESS -> new Address(vs.protocol(), vs.address(), vs.port());
            case FWMARK -> new Fwmark(vs.fwmark(), vs.ipv6());
            case GROUP -> new Group(vs.group());
        };
    }

    /** The key a path element names, or empty when it is not a canonical encoding. Never throws. */
    static Optional<VirtualServerKey> decode(String element) {
        if (element == null) {
            return Optional.empty();
        }
        try {
            if (element.startsWith("GROUP_")) {
                return GroupNameEscape.decode(element.substring("GROUP_".length())).map(Group::new);
            }
            if (element.startsWith("FWM_") || element.startsWith("FWM6_")) {
                boolean v6 = element.startsWith("FWM6_");
                String digits = element.substring(v6 ? 5 : 4);
                return canonicalNumber(digits, 10) ? Optional.of(new Fwmark(Long.parseLong(digits), v6)) : Optional.empty();
            }
            int first = element.indexOf('_');
            int last = element.lastIndexOf('_');
            if (first <= 0 || last == first) {
                return Optional.empty();
            }
            VirtualServer.Protocol protocol = protocol(element.substring(0, first));
            String address = element.substring(first + 1, last);
            String port = element.substring(last + 1);
            if (protocol == null || !canonicalNumber(port, 5)) {
                return Optional.empty();
            }
            Address key = new Address(protocol, address, Integer.parseInt(port));
            return key.address().equals(address) ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static VirtualServer.Protocol protocol(String name) {
        for (VirtualServer.Protocol p : VirtualServer.Protocol.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** Decimal digits without a leading zero (except "0" itself), at most {@code maxDigits}. */
    private static boolean canonicalNumber(String s, int maxDigits) {
        return !s.isEmpty() && s.length() <= maxDigits
                && s.chars().allMatch(c -> c >= '0' && c <= '9')
                && (s.length() == 1 || s.charAt(0) != '0');
    }
}
