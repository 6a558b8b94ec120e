package io.hakeeper.agent.vrrp;

import io.hakeeper.agent.netlink.LibC;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sends hand-made IPv4 packets onto a lab segment: a raw socket for IPPROTO_RAW (255), which
 * implies IP_HDRINCL (raw(7)), so the test writes the IP header itself and can set any TTL and
 * source. The kernel still fills in Total Length, the header checksum and an ID. Bound to the
 * lab interface; opened in the calling thread's namespace.
 */
final class PacketInjector implements AutoCloseable {

    /** include/uapi/linux/in.h */
    private static final int IPPROTO_RAW = 255;

    private final LibC libc = LibC.Holder.libc();
    private int fd;

    PacketInjector() throws VrrpSocketException {
        fd = libc.socket(LinuxInet.AF_INET, LinuxInet.SOCK_RAW | LinuxInet.SOCK_CLOEXEC, IPPROTO_RAW);
        if (fd < 0) {
            throw new VrrpSocketException("socket(AF_INET, SOCK_RAW, IPPROTO_RAW)", LibC.Holder.lastErrno());
        }
        byte[] name = VrrpLab.IFACE.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocateDirect(name.length + 1);
        b.put(0, name);
        if (libc.setsockopt(fd, LinuxInet.SOL_SOCKET, LinuxInet.SO_BINDTODEVICE, b, b.capacity()) < 0) {
            throw new VrrpSocketException("SO_BINDTODEVICE " + VrrpLab.IFACE, LibC.Holder.lastErrno());
        }
    }

    /** Sends {@code payload} as IP protocol {@code protocol} from {@code source} to {@code destination} with {@code ttl}. */
    void send(InetAddress source, InetAddress destination, int ttl, int protocol, byte[] payload)
            throws VrrpSocketException {
        // RFC 791 section 3.1; Total Length, Identification and Header Checksum are the kernel's to fill.
        ByteBuffer packet = ByteBuffer.allocateDirect(20 + payload.length).order(ByteOrder.BIG_ENDIAN);
        packet.put(0, (byte) 0x45);
        packet.put(8, (byte) ttl);
        packet.put(9, (byte) protocol);
        packet.put(12, source.getAddress());
        packet.put(16, destination.getAddress());
        packet.put(20, payload);
        ByteBuffer to = SockAddr.of(destination, 0);
        long n = libc.sendto(fd, packet, packet.capacity(), 0, to, to.capacity());
        if (n != packet.capacity()) {
            throw new VrrpSocketException("inject " + payload.length + "-byte packet", LibC.Holder.lastErrno());
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
