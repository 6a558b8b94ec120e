package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.netlink.Errno;
import io.hakeeper.agent.netlink.LibC;
import io.hakeeper.agent.netlink.ReceiveBuffers;
import io.hakeeper.agent.netlink.NetlinkException;
import io.hakeeper.agent.netlink.RtNetlink;
import io.hakeeper.common.vrrp.IpFamily;
import io.hakeeper.common.vrrp.VrrpProtocol;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * VRRP over raw IP sockets for protocol 112, set up the way keepalived sets up its own
 * ({@code vrrp.c} open_vrrp_send_socket / open_vrrp_read_socket, {@code vrrp_if.c} if_setsockopt_*),
 * so what goes on the wire is what keepalived sends.
 *
 * <p>Two sockets, as keepalived has:
 * <ul>
 *   <li>send: bound to the interface (SO_BINDTODEVICE) and to our source address, multicast out of
 *       that interface (IP_MULTICAST_IF / IPV6_MULTICAST_IF), TTL / hop limit 255 for multicast and
 *       unicast (RFC 3768 section 5.2.3, RFC 5798 section 5.1.1.3), multicast loop off, TOS/traffic
 *       class 0xc0; IPv6 lets the kernel write the checksum with IPV6_CHECKSUM at offset 6, the VRRP
 *       checksum field (RFC 3542 section 3.1). A BPF program that accepts nothing keeps it from
 *       queueing the traffic it would otherwise receive.</li>
 *   <li>receive: bound to the interface; joined to 224.0.0.18 / ff02::12 on it unless unicast;
 *       IPv4 with IP_MULTICAST_ALL off so only groups it joined arrive; IPv6 with IPV6_RECVHOPLIMIT
 *       and IPV6_RECVPKTINFO, whose ancillary data give the decoder the hop limit and destination.
 *       Unlike keepalived it does not set IPV6_CHECKSUM here: the kernel would then drop bad
 *       checksums silently, and we count every drop by reason, so the decoder checks them.</li>
 * </ul>
 * IPv4 receives include the IP header (raw(7)); IPv6 receives do not (RFC 3542 section 3).
 *
 * <p>Receives wait at most the receive timeout (SO_RCVTIMEO), so a receive loop notices close
 * promptly. Send from one thread and receive from one thread; close only after both have stopped.
 */
public final class RawVrrpSocket implements VrrpTransport {

    private final LibC libc = LibC.Holder.libc();
    private final IpFamily family;
    private final String interfaceName;
    private final int interfaceIndex;
    private final InetAddress source;
    private final LongSupplier clock;
    /**
     * Larger than any VRRP packet (IPv6: 8 + 255 * 16 bytes; IPv4: 60 + 8 + 255 * 4 + 8), so a
     * datagram that fills it is garbage and is reported as truncated.
     */
    static final int DATA_SIZE = 8192;
    /** Room for IPV6_HOPLIMIT (16 + 4) and IPV6_PKTINFO (16 + 20) cmsgs, each padded to 8 bytes. */
    private static final int CONTROL_SIZE = 128;

    private final ReceiveBuffers rx = new ReceiveBuffers(DATA_SIZE, LinuxInet.SOCKADDR_IN6_SIZE, CONTROL_SIZE);
    private ByteBuffer sendBuffer = ByteBuffer.allocateDirect(DATA_SIZE);
    /** Kept reachable: the kernel copied it at attach time, but the pointer must stay valid until then. */
    @SuppressWarnings("unused")
    private Pointer dropAllFilter;
    private volatile int sendFd = -1;
    private volatile int receiveFd = -1;

    private RawVrrpSocket(IpFamily family, String interfaceName, int interfaceIndex, InetAddress source,
                          LongSupplier clock) {
        this.family = family;
        this.interfaceName = interfaceName;
        this.interfaceIndex = interfaceIndex;
        this.source = source;
        this.clock = clock;
    }

    /**
     * Opens both sockets in the calling thread's network namespace.
     *
     * @param family         IPv4 or IPv6
     * @param interfaceName  the instance's interface
     * @param interfaceIndex its ifindex
     * @param source         our source address on it (mcast_src_ip / unicast_src_ip or the primary address)
     * @param multicast      join the VRRP group; false for unicast_peer operation
     * @param receiveTimeout how long {@link #receive} waits at most
     * @param clock          monotonic nanoseconds, stamped on received packets
     */
    public static RawVrrpSocket open(IpFamily family, String interfaceName, int interfaceIndex, InetAddress source,
                                     boolean multicast, Duration receiveTimeout, LongSupplier clock)
            throws VrrpSocketException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (IpFamily.of(source) != family) {
            throw new IllegalArgumentException("source " + source.getHostAddress() + " is not " + family);
        }
        RawVrrpSocket s = new RawVrrpSocket(family, interfaceName, interfaceIndex, source, clock);
        try {
            s.openSend();
            s.openReceive(multicast, receiveTimeout);
            return s;
        } catch (VrrpSocketException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Opens the sockets a speaker configured by {@code config} needs, in the calling thread's network
     * namespace: looks up the interface and, unless configured, the source address over rtnetlink.
     */
    public static RawVrrpSocket forSpeaker(SpeakerConfig config, LongSupplier clock) throws VrrpSocketException {
        IpFamily family = config.machine().family();
        int index;
        InetAddress source;
        try (RtNetlink rt = RtNetlink.open()) {
            index = rt.interfaceIndex(config.interfaceName());
            source = config.source().isPresent() ? config.source().get()
                    : SourceAddress.choose(rt.addresses(index), family, config.machine().addresses()).orElseThrow(
                            () -> new VrrpSocketException("vrrp_instance " + config.instance() + ": interface "
                                    + config.interfaceName() + " has no " + (family == IpFamily.IPV4
                                    ? "IPv4 address" : "usable IPv6 link-local address")
                                    + " to send adverts from; add one, or set mcast_src_ip / unicast_src_ip"));
        } catch (NetlinkException e) {
            throw new VrrpSocketException("vrrp_instance " + config.instance() + ": interface "
                    + config.interfaceName() + ": " + e.getMessage());
        }
        return open(family, config.interfaceName(), index, source, !config.unicast(), config.receiveTimeout(), clock);
    }

    private int domain() {
        return family == IpFamily.IPV4 ? LinuxInet.AF_INET : LinuxInet.AF_INET6;
    }

    private int rawSocket(String role) throws VrrpSocketException {
        int fd = libc.socket(domain(), LinuxInet.SOCK_RAW | LinuxInet.SOCK_CLOEXEC, VrrpProtocol.IPPROTO_VRRP);
        if (fd < 0) {
            throw new VrrpSocketException("open " + role + " socket(" + family + ", SOCK_RAW, 112) for "
                    + interfaceName, LibC.Holder.lastErrno());
        }
        return fd;
    }

    private void openSend() throws VrrpSocketException {
        sendFd = rawSocket("send");
        int fd = sendFd;
        bindToDevice(fd);
        if (family == IpFamily.IPV4) {
            setInt(fd, LinuxInet.IPPROTO_IP, LinuxInet.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL 0");
            setInt(fd, LinuxInet.IPPROTO_IP, LinuxInet.IP_MULTICAST_TTL, VrrpProtocol.VRRP_IP_TTL, "IP_MULTICAST_TTL 255");
            setInt(fd, LinuxInet.IPPROTO_IP, LinuxInet.IP_TTL, VrrpProtocol.VRRP_IP_TTL, "IP_TTL 255");
            setInt(fd, LinuxInet.IPPROTO_IP, LinuxInet.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP 0");
            setInt(fd, LinuxInet.IPPROTO_IP, LinuxInet.IP_TOS, LinuxInet.IPTOS_PREC_INTERNETCONTROL, "IP_TOS 0xc0");
            set(fd, LinuxInet.IPPROTO_IP, LinuxInet.IP_MULTICAST_IF, ipMreqn(null), "IP_MULTICAST_IF");
        } else {
            setInt(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_CHECKSUM, 6, "IPV6_CHECKSUM 6");
            setInt(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_MULTICAST_HOPS, VrrpProtocol.VRRP_IP_TTL,
                    "IPV6_MULTICAST_HOPS 255");
            setInt(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_UNICAST_HOPS, VrrpProtocol.VRRP_IP_TTL,
                    "IPV6_UNICAST_HOPS 255");
            setInt(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP 0");
            setInt(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_TCLASS, LinuxInet.IPTOS_PREC_INTERNETCONTROL,
                    "IPV6_TCLASS 0xc0");
            setInt(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_MULTICAST_IF, interfaceIndex, "IPV6_MULTICAST_IF");
        }
        ByteBuffer local = SockAddr.of(source, SockAddr.linkScoped(source) ? interfaceIndex : 0);
        if (libc.bind(fd, local, local.capacity()) < 0) {
            int errno = LibC.Holder.lastErrno();
            throw new VrrpSocketException("bind send socket to source " + source.getHostAddress() + " on "
                    + interfaceName + (errno == Errno.EADDRNOTAVAIL ? " (is the address on the interface, and for"
                    + " IPv6 past duplicate address detection?)" : ""), errno);
        }
        attachDropAllFilter(fd);
    }

    private void openReceive(boolean multicast, Duration timeout) throws VrrpSocketException {
        receiveFd = rawSocket("receive");
        int fd = receiveFd;
        if (family == IpFamily.IPV4) {
            setInt(fd, LinuxInet.IPPROTO_IP, LinuxInet.IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL 0");
        }
        if (multicast) {
            if (family == IpFamily.IPV4) {
                set(fd, LinuxInet.IPPROTO_IP, LinuxInet.IP_ADD_MEMBERSHIP, ipMreqn(VrrpProtocol.VRRP_MCAST_GROUP4),
                        "IP_ADD_MEMBERSHIP 224.0.0.18");
            } else {
                ByteBuffer mreq = direct(LinuxInet.IPV6_MREQ_SIZE);
                mreq.put(0, VrrpProtocol.VRRP_MCAST_GROUP6.getAddress());
                mreq.putInt(16, interfaceIndex);
                set(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_ADD_MEMBERSHIP, mreq, "IPV6_ADD_MEMBERSHIP ff02::12");
            }
        }
        bindToDevice(fd);
        if (family == IpFamily.IPV6) {
            setInt(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
            setInt(fd, LinuxInet.IPPROTO_IPV6, LinuxInet.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        }
        // struct timeval { long tv_sec; long tv_usec; } on LP64
        ByteBuffer tv = direct(16);
        long micros = Math.max(1, timeout.toNanos() / 1000);
        tv.putLong(0, micros / 1_000_000).putLong(8, micros % 1_000_000);
        set(fd, LinuxInet.SOL_SOCKET, LinuxInet.SO_RCVTIMEO, tv, "SO_RCVTIMEO");
    }

    /** struct ip_mreqn { imr_multiaddr; imr_address (0: any); imr_ifindex } (include/uapi/linux/in.h). */
    private ByteBuffer ipMreqn(InetAddress group) {
        ByteBuffer b = direct(LinuxInet.IP_MREQN_SIZE);
        if (group != null) {
            b.put(0, group.getAddress());
        }
        b.putInt(8, interfaceIndex);
        return b;
    }

    private void bindToDevice(int fd) throws VrrpSocketException {
        byte[] name = interfaceName.getBytes(StandardCharsets.UTF_8);
        if (name.length >= LinuxInet.IFNAMSIZ) {
            throw new VrrpSocketException("interface name '" + interfaceName + "' is longer than 15 bytes");
        }
        ByteBuffer b = direct(name.length + 1);
        b.put(0, name);
        set(fd, LinuxInet.SOL_SOCKET, LinuxInet.SO_BINDTODEVICE, b, "SO_BINDTODEVICE");
    }

    /**
     * SO_ATTACH_FILTER with the one-instruction classic BPF program {@code ret #0}
     * (include/uapi/linux/filter.h: BPF_RET | BPF_K = 0x06, k = 0), as keepalived's
     * if_setsockopt_no_receive. struct sock_fprog is { unsigned short len; struct sock_filter *filter; }.
     */
    private void attachDropAllFilter(int fd) throws VrrpSocketException {
        jnr.ffi.Runtime runtime = LibC.Holder.runtime();
        Pointer filter = Memory.allocateDirect(runtime, 8, true);
        filter.putShort(0, (short) 0x06);
        Pointer program = Memory.allocateDirect(runtime, 16, true);
        program.putShort(0, (short) 1);
        program.putAddress(8, filter.address());
        dropAllFilter = filter;
        if (libc.setsockopt(fd, LinuxInet.SOL_SOCKET, LinuxInet.SO_ATTACH_FILTER, program, 16) < 0) {
            throw new VrrpSocketException("setsockopt(SO_ATTACH_FILTER) on " + interfaceName, LibC.Holder.lastErrno());
        }
    }

    private void setInt(int fd, int level, int option, int value, String what) throws VrrpSocketException {
        ByteBuffer b = direct(4);
        b.putInt(0, value);
        set(fd, level, option, b, what);
    }

    private void set(int fd, int level, int option, ByteBuffer value, String what) throws VrrpSocketException {
        if (libc.setsockopt(fd, level, option, value, value.capacity()) < 0) {
            throw new VrrpSocketException("setsockopt(" + what + ") on " + interfaceName, LibC.Holder.lastErrno());
        }
    }

    private static ByteBuffer direct(int size) {
        return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
    }

    @Override
    public InetAddress source() {
        return source;
    }

    public IpFamily family() {
        return family;
    }

    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public synchronized void send(byte[] message, InetAddress destination) throws VrrpSocketException {
        int fd = sendFd;
        if (fd < 0) {
            throw new VrrpSocketException("send on a closed VRRP socket (" + interfaceName + ")", Errno.EBADF);
        }
        if (sendBuffer.capacity() < message.length) {
            sendBuffer = ByteBuffer.allocateDirect(message.length);
        }
        sendBuffer.clear();
        sendBuffer.put(message).flip();
        ByteBuffer to = SockAddr.of(destination, SockAddr.linkScoped(destination) ? interfaceIndex : 0);
        while (true) {
            long n = libc.sendto(fd, sendBuffer, message.length, 0, to, to.capacity());
            if (n == message.length) {
                return;
            }
            int errno = LibC.Holder.lastErrno();
            if (n < 0 && errno == Errno.EINTR) {
                continue;
            }
            throw n < 0
                    ? new VrrpSocketException("send VRRP advert to " + destination.getHostAddress() + " on "
                    + interfaceName, errno)
                    : new VrrpSocketException("sent " + n + " of " + message.length + " bytes to "
                    + destination.getHostAddress() + " on " + interfaceName);
        }
    }

    @Override
    public InboundPacket receive() throws VrrpSocketException {
        int fd = receiveFd;
        if (fd < 0) {
            throw new VrrpSocketException("receive on a closed VRRP socket (" + interfaceName + ")", Errno.EBADF);
        }
        while (true) {
            long n = libc.recvmsg(fd, rx.reset(), 0);
            long at = clock.getAsLong();
            if (n < 0) {
                int errno = LibC.Holder.lastErrno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EAGAIN) {
                    return null;
                }
                throw new VrrpSocketException("receive on " + interfaceName, errno);
            }
            InetAddress from = SockAddr.read(rx.name(), rx.nameLength());
            if (from == null) {
                continue; // not an address of our family: cannot happen on an AF_INET/AF_INET6 socket
            }
            int length = (int) Math.min(n, DATA_SIZE);
            byte[] data = new byte[length];
            rx.data().get(0, data, 0, length);
            boolean truncated = (rx.flags() & LinuxInet.MSG_TRUNC) != 0;
            if (family == IpFamily.IPV4) {
                return new InboundPacket(family, data, from, null, -1, truncated, at);
            }
            return ipv6Packet(data, from, truncated, at);
        }
    }

    /** Reads IPV6_HOPLIMIT (int) and IPV6_PKTINFO (struct in6_pktinfo: address, ifindex) from the control buffer. */
    private InboundPacket ipv6Packet(byte[] data, InetAddress from, boolean truncated, long at) {
        int[] hopLimit = {-1};
        InetAddress[] destination = {null};
        rx.forEachControlMessage((level, type, dataAt, length) -> {
            if (level == LinuxInet.IPPROTO_IPV6 && type == LinuxInet.IPV6_HOPLIMIT && length >= 4) {
                hopLimit[0] = rx.control().getInt(dataAt);
            } else if (level == LinuxInet.IPPROTO_IPV6 && type == LinuxInet.IPV6_PKTINFO && length >= 20) {
                byte[] raw = new byte[16];
                rx.control().get(dataAt, raw, 0, 16);
                destination[0] = IpFamily.IPV6.address(raw, 0);
            }
        });
        return new InboundPacket(family, data, from, destination[0], hopLimit[0], truncated, at);
    }

    /** Closes both sockets. Idempotent. Call after the receiving and sending threads have stopped. */
    @Override
    public synchronized void close() {
        if (sendFd >= 0) {
            libc.close(sendFd);
            sendFd = -1;
        }
        if (receiveFd >= 0) {
            libc.close(receiveFd);
            receiveFd = -1;
        }
    }
}
