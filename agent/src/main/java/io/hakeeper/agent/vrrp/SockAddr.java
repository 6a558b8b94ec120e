package io.hakeeper.agent.vrrp;

import io.hakeeper.common.vrrp.IpFamily;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * struct sockaddr_in and sockaddr_in6 (include/uapi/linux/in.h, in6.h) in native memory. The family
 * is host order; port, address and flow info are network order; the scope id is host order.
 * Raw sockets take port 0 (the protocol is the socket's own).
 */
final class SockAddr {

    private SockAddr() {
    }

    /** A direct buffer holding the sockaddr for {@code address}, with {@code scopeId} for IPv6 link scope. */
    static ByteBuffer of(InetAddress address, int scopeId) {
        boolean v4 = address instanceof Inet4Address;
        ByteBuffer b = ByteBuffer.allocateDirect(v4 ? LinuxInet.SOCKADDR_IN_SIZE : LinuxInet.SOCKADDR_IN6_SIZE)
                .order(ByteOrder.nativeOrder());
        byte[] raw = address.getAddress();
        if (v4) {
            b.putShort(0, (short) LinuxInet.AF_INET); // sin_family; sin_port stays 0
            b.put(4, raw);                            // sin_addr
        } else {
            b.putShort(0, (short) LinuxInet.AF_INET6); // sin6_family; sin6_port, sin6_flowinfo stay 0
            b.put(8, raw);                             // sin6_addr
            b.putInt(24, scopeId);                     // sin6_scope_id
        }
        return b;
    }

    /** The address in a sockaddr the kernel wrote at {@code p}, or null for a family that is neither. */
    static InetAddress read(Pointer p, int length) {
        if (length < 2) {
            return null;
        }
        int family = p.getShort(0) & 0xFFFF;
        if (family == LinuxInet.AF_INET && length >= LinuxInet.SOCKADDR_IN_SIZE) {
            byte[] raw = new byte[4];
            p.get(4, raw, 0, 4);
            return IpFamily.IPV4.address(raw, 0);
        }
        if (family == LinuxInet.AF_INET6 && length >= LinuxInet.SOCKADDR_IN6_SIZE) {
            byte[] raw = new byte[16];
            p.get(8, raw, 0, 16);
            return IpFamily.IPV6.address(raw, 0);
        }
        return null;
    }

    /** Whether an IPv6 destination needs the interface as scope: link-local unicast or link-scope multicast. */
    static boolean linkScoped(InetAddress address) {
        return address.isLinkLocalAddress() || address.isMCLinkLocal();
    }
}
