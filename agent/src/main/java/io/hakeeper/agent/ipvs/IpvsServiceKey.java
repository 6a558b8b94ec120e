package io.hakeeper.agent.ipvs;

import java.util.Objects;

/**
 * What identifies an IPVS service: either (protocol, address, port), whose family is the
 * address's, or (family, fwmark). These are the attributes the kernel looks a service up by
 * ({@code IPVS_SVC_ATTR_AF}, {@code _PROTOCOL}, {@code _ADDR}, {@code _PORT}, {@code _FWMARK});
 * none of them can be changed by {@code IPVS_CMD_SET_SERVICE}, so a different key is a different
 * service.
 *
 * <p>Keys sort as {@code ipvsadm -L} sorts services (libipvs {@code ipvs_cmp_services}): by
 * fwmark (0 for address keys, so they come first), family, protocol number, address and port.
 * ipvsadm compares IPv4 addresses by subtracting them as signed ints, which misorders addresses
 * more than 2^31 apart (10.0.0.1 after 192.168.0.1); this order is the plain unsigned one.
 */
public sealed interface IpvsServiceKey extends Comparable<IpvsServiceKey> {

    AddressFamily family();

    /** {@code IPVS_SVC_ATTR_FWMARK}: 0 for a service keyed by address, as the kernel has it. */
    int fwmark();

    /** A service for {@code protocol} traffic to {@code address:port}. Port 0 means every port. */
    record Address(IpvsProtocol protocol, IpAddress address, int port) implements IpvsServiceKey {
        public Address {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0-65535");
            }
        }

        @Override
        public AddressFamily family() {
            return address.family();
        }

        @Override
        public int fwmark() {
            return 0;
        }

        @Override
        public String toString() {
            return protocol.listName() + " " + address.withPort(port);
        }
    }

    /** A service for packets the firewall marked with {@code fwmark} (an unsigned 32-bit value, never 0). */
    record Fwmark(AddressFamily family, int fwmark) implements IpvsServiceKey {
        public Fwmark {
            Objects.requireNonNull(family, "family");
            if (fwmark == 0) {
                throw new IllegalArgumentException("fwmark 0 marks nothing; a fwmark service needs a non-zero mark");
            }
        }

        @Override
        public String toString() {
            return "FWM " + Integer.toUnsignedString(fwmark) + (family == AddressFamily.INET6 ? " IPv6" : "");
        }
    }

    static Address of(IpvsProtocol protocol, String address, int port) {
        return new Address(protocol, IpAddress.parse(address), port);
    }

    static Fwmark fwmark(AddressFamily family, int fwmark) {
        return new Fwmark(family, fwmark);
    }

    @Override
    default int compareTo(IpvsServiceKey o) {
        int c = Integer.compareUnsigned(fwmark(), o.fwmark());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(family().value(), o.family().value());
        if (c != 0 || !(this instanceof Address a) || !(o instanceof Address b)) {
            return c;
        }
        c = Integer.compare(a.protocol().number(), b.protocol().number());
        if (c != 0) {
            return c;
        }
        c = a.address().compareTo(b.address());
        return c != 0 ? c : Integer.compare(a.port(), b.port());
    }
}
