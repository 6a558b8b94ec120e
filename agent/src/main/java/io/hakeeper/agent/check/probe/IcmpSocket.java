package io.hakeeper.agent.check.probe;

import io.hakeeper.agent.netlink.LibC;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An ICMP socket through the agent's libc binding (Java has no ICMP). It prefers the unprivileged
 * ICMP datagram socket ({@code SOCK_DGRAM, IPPROTO_ICMP}, allowed by net.ipv4.ping_group_range),
 * where the kernel picks the echo identifier and hands us only our replies; without it, a raw
 * socket (root / CAP_NET_RAW), where we choose the identifier and filter. Blocking receives with
 * a short SO_RCVTIMEO, from one receiver thread per socket (not per ping).
 */
final class IcmpSocket implements AutoCloseable {

    /** socket(2), netinet/in.h and bits/socket.h constants. */
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    /** asm-generic/socket.h: SO_RCVBUF beyond net.core.rmem_max, for CAP_NET_ADMIN. */
    private static final int SO_RCVBUFFORCE = 33;
    /** linux/in.h SOL_RAW and linux/icmp.h ICMP_FILTER: a mask of the ICMP types a raw socket does not want. */
    private static final int SOL_RAW = 255;
    private static final int ICMP_FILTER = 1;
    /** Room for bursts: a raw socket sees every ICMP packet of the host, not only ours. */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final int SOCKADDR_IN_SIZE = 16;
    private static final int SOCKADDR_IN6_SIZE = 28;

    private final LibC libc = LibC.Holder.libc();
    final boolean ipv6;
    /** Raw: packets carry the IPv4 header and the identifier is ours to choose and check. */
    final boolean raw;
    private volatile int fd;

    IcmpSocket(boolean ipv6, InetAddress bindTo, int receiveTimeoutMillis) throws IOException {
        this.ipv6 = ipv6;
        int family = ipv6 ? AF_INET6 : AF_INET;
        int proto = ipv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
        int s = libc.socket(family, SOCK_DGRAM | SOCK_CLOEXEC, proto);
        boolean isRaw = false;
        if (s < 0) {
            int dgramErrno = LibC.Holder.lastErrno();
            s = libc.socket(family, SOCK_RAW | SOCK_CLOEXEC, proto);
            if (s < 0) {
                throw new IOException("cannot open an ICMP socket: datagram errno " + dgramErrno + ", raw errno "
                        + LibC.Holder.lastErrno() + "; allow the agent's group in net.ipv4.ping_group_range or"
                        + " give it CAP_NET_RAW");
            }
            isRaw = true;
        }
        this.raw = isRaw;
        this.fd = s;
        ByteBuffer size = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, RECEIVE_BUFFER_BYTES);
        if (libc.setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, size, 4) < 0) {
            libc.setsockopt(s, SOL_SOCKET, SO_RCVBUF, size, 4); // capped at rmem_max without the capability
        }
        if (isRaw && !ipv6) {
            // Only echo replies and destination unreachables reach us: not the host's echo requests
            // (our own to loopback included), redirects or time exceeded.
            int wanted = (1 << IcmpEcho.ICMP_ECHO_REPLY) | (1 << IcmpEcho.ICMP_DEST_UNREACH);
            ByteBuffer filter = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, ~wanted);
            libc.setsockopt(s, SOL_RAW, ICMP_FILTER, filter, 4);
        }
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        tv.putLong(0, receiveTimeoutMillis / 1000).putLong(8, (receiveTimeoutMillis % 1000) * 1000L);
        libc.setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
        if (bindTo != null) {
            ByteBuffer sa = sockaddr(bindTo);
            if (libc.bind(s, sa, sa.remaining()) < 0) {
                int errno = LibC.Holder.lastErrno();
                close();
                throw new IOException("cannot bind the ICMP socket to " + bindTo.getHostAddress() + ": errno " + errno);
            }
        }
    }

    /** Sends one packet; returns 0 or the errno. */
    int send(ByteBuffer packet, InetAddress to) {
        ByteBuffer sa = sockaddr(to);
        long n = libc.sendto(fd, packet, packet.remaining(), 0, sa, sa.remaining());
        return n < 0 ? LibC.Holder.lastErrno() : 0;
    }

    /** Receives one packet into {@code buf} (direct); returns its length, or -1 on timeout or error. */
    int receive(ByteBuffer buf) {
        buf.clear();
        long n = libc.recv(fd, buf, buf.capacity(), 0);
        if (n < 0) {
            return -1;
        }
        buf.limit((int) n);
        return (int) n;
    }

    private ByteBuffer sockaddr(InetAddress a) {
        ByteBuffer b = ByteBuffer.allocateDirect(ipv6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE);
        // sa_family is host order; the address is network order; the port is unused for ICMP.
        b.order(ByteOrder.nativeOrder()).putShort(0, (short) (ipv6 ? AF_INET6 : AF_INET));
        b.order(ByteOrder.BIG_ENDIAN);
        if (a instanceof Inet6Address v6) {
            b.position(8);
            b.put(v6.getAddress());
            b.order(ByteOrder.nativeOrder()).putInt(24, v6.getScopeId());
        } else if (a instanceof Inet4Address) {
            b.position(4);
            b.put(a.getAddress());
        }
        b.clear();
        return b;
    }

    @Override
    public void close() {
        int f = fd;
        fd = -1;
        if (f >= 0) {
            libc.close(f);
        }
    }

    boolean isOpen() {
        return fd >= 0;
    }
}
