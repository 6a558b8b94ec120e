package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A netlink socket: {@code socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, protocol)} bound to a
 * kernel-assigned port, with request/acknowledge, request/reply and dump exchanges.
 *
 * <p>Protocol-neutral: rtnetlink ({@link RtNetlink}) and generic netlink clients build their own
 * messages with {@link NetlinkMessageBuilder} and use the exchanges here.
 *
 * <p>Every receive is bounded by SO_RCVTIMEO, so no call blocks for longer than the receive timeout
 * per datagram. Replies are matched on sequence number; late replies to a request that timed out are
 * skipped. Exchanges are serialised on this object, so one socket may be shared by threads, but a
 * slow dump then delays a renewal: give the lease path its own socket.
 */
public final class NetlinkSocket implements AutoCloseable {
    /**
     * Receive buffer for one datagram. The kernel sizes dump datagrams at up to 32 KiB
     * (net/netlink/af_netlink.c, netlink_dump); 64 KiB leaves room.
     */
    private static final int RECEIVE_BUFFER_BYTES = 64 * 1024;
    /** How often a dump may be restarted after NLM_F_DUMP_INTR before we give up. */
    private static final int DUMP_ATTEMPTS = 5;

    private final LibC libc = LibC.Holder.INSTANCE;
    private final int protocol;
    private final Duration receiveTimeout;
    private final int portId;
    private final ByteBuffer receiveBuffer =
            ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES).order(ByteOrder.nativeOrder());
    private ByteBuffer sendBuffer = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
    private int fd;
    private int nextSequence;

    private NetlinkSocket(int fd, int protocol, Duration receiveTimeout, int portId) {
        this.fd = fd;
        this.protocol = protocol;
        this.receiveTimeout = receiveTimeout;
        this.portId = portId;
        // Start from the clock so a restarted process does not reuse the previous one's numbers.
        this.nextSequence = (int) (System.currentTimeMillis() / 1000);
    }

    /**
     * Opens and binds a socket for {@code protocol} (e.g. {@link Netlink#NETLINK_ROUTE}) with the
     * given receive timeout. Extended acks (NETLINK_EXT_ACK) and capped acks (NETLINK_CAP_ACK) are
     * switched on where the kernel supports them, so errors carry the kernel's own explanation.
     */
    public static NetlinkSocket open(int protocol, Duration receiveTimeout) throws NetlinkException {
        if (receiveTimeout.isNegative() || receiveTimeout.isZero()) {
            throw new IllegalArgumentException("receive timeout must be positive: " + receiveTimeout);
        }
        LibC libc = LibC.Holder.INSTANCE;
        int fd = libc.socket(Netlink.AF_NETLINK, Netlink.SOCK_RAW | Netlink.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw NetlinkException.fromErrno("open netlink socket (protocol " + protocol + ")",
                    LibC.Holder.errno(), null);
        }
        try {
            ByteBuffer addr = ByteBuffer.allocateDirect(Netlink.SOCKADDR_NL_SIZE).order(ByteOrder.nativeOrder());
            addr.putShort(0, (short) Netlink.AF_NETLINK); // nl_pad, nl_pid=0 (kernel assigns), nl_groups=0
            if (libc.bind(fd, addr, Netlink.SOCKADDR_NL_SIZE) < 0) {
                throw NetlinkException.fromErrno("bind netlink socket", LibC.Holder.errno(), null);
            }
            int[] len = {Netlink.SOCKADDR_NL_SIZE};
            if (libc.getsockname(fd, addr, len) < 0) {
                throw NetlinkException.fromErrno("getsockname on netlink socket", LibC.Holder.errno(), null);
            }
            int port = addr.getInt(4);
            NetlinkSocket socket = new NetlinkSocket(fd, protocol, receiveTimeout, port);
            socket.setReceiveTimeout(receiveTimeout);
            // Best effort: kernels before 4.12 (EXT_ACK) or 4.3 (CAP_ACK) reject these, which is harmless.
            socket.trySetOption(Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
            socket.trySetOption(Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1);
            return socket;
        } catch (NetlinkException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    public int protocol() {
        return protocol;
    }

    /** The port id (nl_pid) the kernel assigned at bind. */
    public int portId() {
        return portId;
    }

    public Duration receiveTimeout() {
        return receiveTimeout;
    }

    /** setsockopt with an int value; throws on failure. */
    public synchronized void setOption(int level, int name, int value) throws NetlinkException {
        if (!trySetOption(level, name, value)) {
            throw NetlinkException.fromErrno("setsockopt(level " + level + ", option " + name + ")",
                    LibC.Holder.errno(), null);
        }
    }

    /** setsockopt with an int value; returns false (errno left in place) on failure. */
    public synchronized boolean trySetOption(int level, int name, int value) throws NetlinkException {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        v.putInt(0, value);
        return libc.setsockopt(requireOpen(), level, name, v, 4) == 0;
    }

    /** getsockopt with an int value. */
    public synchronized int option(int level, int name) throws NetlinkException {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        int[] len = {4};
        if (libc.getsockopt(requireOpen(), level, name, v, len) < 0) {
            throw NetlinkException.fromErrno("getsockopt(level " + level + ", option " + name + ")",
                    LibC.Holder.errno(), null);
        }
        return v.getInt(0);
    }

    /**
     * Subscribes to a multicast group by number (e.g. RTNLGRP_IPV4_IFADDR) with
     * NETLINK_ADD_MEMBERSHIP, which, unlike the bind-time bitmask, reaches groups above 32.
     */
    public void joinGroup(int group) throws NetlinkException {
        setOption(Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group);
    }

    /**
     * Asks for a receive buffer of {@code bytes}. As root SO_RCVBUFFORCE passes net.core.rmem_max;
     * otherwise SO_RCVBUF is capped by it. Returns the size the kernel granted (it doubles the
     * request for bookkeeping, see socket(7)).
     */
    public int setReceiveBufferSize(int bytes) throws NetlinkException {
        if (!trySetOption(Netlink.SOL_SOCKET, Netlink.SO_RCVBUFFORCE, bytes)) {
            setOption(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, bytes);
        }
        return option(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF);
    }

    private void setReceiveTimeout(Duration timeout) throws NetlinkException {
        // struct timeval { long tv_sec; long tv_usec; } on LP64.
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        long micros = Math.max(1, timeout.toNanos() / 1000);
        tv.putLong(0, micros / 1_000_000).putLong(8, micros % 1_000_000);
        if (libc.setsockopt(requireOpen(), Netlink.SOL_SOCKET, Netlink.SO_RCVTIMEO, tv, 16) < 0) {
            throw NetlinkException.fromErrno("setsockopt(SO_RCVTIMEO)", LibC.Holder.errno(), null);
        }
    }

    // ---- exchanges ----

    /**
     * Sends a request with NLM_F_ACK added and waits for the kernel's acknowledgement.
     *
     * @param operation what this is, for error messages ("add address 10.0.0.1/24 on eth0")
     * @throws NetlinkException with the kernel's errno if it refused
     */
    public synchronized void acknowledged(NetlinkMessageBuilder request, String operation) throws NetlinkException {
        exchange(request, request.flags() | Netlink.NLM_F_ACK, operation);
    }

    /**
     * Sends a request and returns the reply messages: one for a plain GET, or all parts of a
     * multi-part reply up to NLMSG_DONE.
     */
    public synchronized List<NetlinkMessage> query(NetlinkMessageBuilder request, String operation)
            throws NetlinkException {
        return exchange(request, request.flags(), operation).messages;
    }

    /**
     * Sends a dump request (NLM_F_DUMP added) and returns every message up to NLMSG_DONE. A dump the
     * kernel marks inconsistent (NLM_F_DUMP_INTR, the table changed mid-dump) is restarted.
     */
    public synchronized List<NetlinkMessage> dump(NetlinkMessageBuilder request, String operation)
            throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            Exchange result = exchange(request, request.flags() | Netlink.NLM_F_DUMP, operation);
            if (!result.interrupted) {
                return result.messages;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new NetlinkException(operation + ": the kernel's table changed during each of "
                        + DUMP_ATTEMPTS + " dump attempts (NLM_F_DUMP_INTR); try again");
            }
        }
    }

    /**
     * Sends one encoded message as is (sequence number untouched), for callers that drive their own
     * exchange.
     */
    public synchronized void send(ByteBuffer message, String operation) throws NetlinkException {
        int fdNow = requireOpen();
        int len = message.remaining();
        if (sendBuffer.capacity() < len) {
            sendBuffer = ByteBuffer.allocateDirect(Math.max(len, sendBuffer.capacity() * 2)).order(ByteOrder.nativeOrder());
        }
        sendBuffer.clear();
        sendBuffer.put(message.duplicate());
        sendBuffer.flip();
        while (true) {
            long sent = libc.send(fdNow, sendBuffer, len, 0);
            if (sent >= 0) {
                if (sent != len) {
                    throw new NetlinkException(operation + ": sent " + sent + " of " + len + " bytes");
                }
                return;
            }
            int errno = LibC.Holder.errno();
            if (errno != Errno.EINTR) {
                throw NetlinkException.fromErrno(operation, errno, null);
            }
        }
    }

    /**
     * Receives one datagram and decodes its messages. Waits at most the receive timeout.
     *
     * @throws NetlinkTimeoutException if nothing arrived in time
     * @throws NetlinkException with errno ENOBUFS if the receive buffer overflowed and the kernel
     *                          dropped messages (the socket stays usable)
     */
    public synchronized List<NetlinkMessage> receive(String operation) throws NetlinkException {
        int fdNow = requireOpen();
        while (true) {
            receiveBuffer.clear();
            // MSG_TRUNC makes recv return the datagram's real length, so truncation is detectable.
            long n = libc.recv(fdNow, receiveBuffer, RECEIVE_BUFFER_BYTES, Netlink.MSG_TRUNC);
            if (n < 0) {
                int errno = LibC.Holder.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EAGAIN) {
                    throw new NetlinkTimeoutException(operation, receiveTimeout.toMillis());
                }
                throw NetlinkException.fromErrno(operation, errno, null);
            }
            if (n > RECEIVE_BUFFER_BYTES) {
                throw new NetlinkException(operation + ": a " + n + "-byte datagram did not fit the "
                        + RECEIVE_BUFFER_BYTES + "-byte receive buffer and was truncated");
            }
            byte[] copy = new byte[(int) n];
            receiveBuffer.get(0, copy);
            return NetlinkCodec.decodeMessages(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()));
        }
    }

    /**
     * The messages of one datagram, the id, in this socket's namespace, of the network namespace
     * they come from ({@link #OWN_NAMESPACE} when the datagram carried no such id: this namespace's
     * own notifications; see {@link Netlink#NETLINK_LISTEN_ALL_NSID}), and {@link System#nanoTime()}
     * (CLOCK_MONOTONIC) as recvmsg returned it.
     */
    public record TaggedDatagram(List<NetlinkMessage> messages, int namespaceId, long receivedNanos) {
    }

    public static final int OWN_NAMESPACE = -1;

    /** sockaddr_nl: family, pad, pid, groups. */
    private static final int SOCKADDR_NL_SIZE = 12;
    /** One NETLINK_LISTEN_ALL_NSID cmsg (16 + 4, aligned), with room to spare. */
    private static final int TAGGED_CONTROL_SIZE = 64;
    private ReceiveBuffers tagged;

    /**
     * Like {@link #receive} but with recvmsg(2), so that a socket with NETLINK_LISTEN_ALL_NSID set
     * learns which namespace each datagram comes from. The kernel queues notifications of all
     * namespaces on this one socket in the order it sends them.
     */
    public synchronized TaggedDatagram receiveTagged(String operation) throws NetlinkException {
        int fdNow = requireOpen();
        if (tagged == null) {
            tagged = new ReceiveBuffers(RECEIVE_BUFFER_BYTES, SOCKADDR_NL_SIZE, TAGGED_CONTROL_SIZE);
        }
        while (true) {
            long n = libc.recvmsg(fdNow, tagged.reset(), Netlink.MSG_TRUNC);
            long receivedNanos = System.nanoTime();
            if (n < 0) {
                int errno = LibC.Holder.errno();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EAGAIN) {
                    throw new NetlinkTimeoutException(operation, receiveTimeout.toMillis());
                }
                throw NetlinkException.fromErrno(operation, errno, null);
            }
            if (n > RECEIVE_BUFFER_BYTES) {
                throw new NetlinkException(operation + ": a " + n + "-byte datagram did not fit the "
                        + RECEIVE_BUFFER_BYTES + "-byte receive buffer and was truncated");
            }
            int[] namespaceId = {OWN_NAMESPACE};
            tagged.forEachControlMessage((level, type, at, length) -> {
                if (level == Netlink.SOL_NETLINK && type == Netlink.NETLINK_LISTEN_ALL_NSID && length >= 4) {
                    namespaceId[0] = tagged.control().getInt(at);
                }
            });
            byte[] copy = new byte[(int) n];
            tagged.data().get(0, copy, 0, copy.length);
            return new TaggedDatagram(NetlinkCodec.decodeMessages(ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder())),
                    namespaceId[0], receivedNanos);
        }
    }

    private static final class Exchange {
        final List<NetlinkMessage> messages = new ArrayList<>();
        boolean interrupted;
    }

    private Exchange exchange(NetlinkMessageBuilder request, int flags, String operation) throws NetlinkException {
        int seq = ++nextSequence;
        ByteBuffer message = request.build();
        message.putShort(6, (short) flags);
        NetlinkMessageBuilder.stampSequence(message, seq);
        send(message, operation);

        boolean wantAck = (flags & Netlink.NLM_F_ACK) != 0;
        Exchange result = new Exchange();
        while (true) {
            for (NetlinkMessage m : receive(operation)) {
                if (m.sequence() != seq || (m.portId() != portId && m.portId() != 0)) {
                    continue; // a late reply to an earlier request that timed out, or not ours
                }
                if (m.hasFlag(Netlink.NLM_F_DUMP_INTR)) {
                    result.interrupted = true;
                }
                switch (m.type()) {
                    case Netlink.NLMSG_NOOP:
                        break;
                    case Netlink.NLMSG_ERROR: {
                        NetlinkError error = NetlinkCodec.decodeError(m);
                        if (!error.isAck()) {
                            throw NetlinkException.fromErrno(operation, error.errno(), error.kernelMessage());
                        }
                        return result;
                    }
                    case Netlink.NLMSG_DONE: {
                        int errno = NetlinkCodec.decodeDoneErrno(m);
                        if (errno != 0) {
                            throw NetlinkException.fromErrno(operation, errno, null);
                        }
                        if (!wantAck) {
                            return result;
                        }
                        break;
                    }
                    case Netlink.NLMSG_OVERRUN:
                        throw new NetlinkException(operation + ": the kernel reported NLMSG_OVERRUN (data lost)");
                    default:
                        result.messages.add(m);
                        if (!wantAck && !m.hasFlag(Netlink.NLM_F_MULTI)) {
                            return result;
                        }
                }
            }
        }
    }

    private int requireOpen() throws NetlinkException {
        if (fd < 0) {
            throw NetlinkException.fromErrno("netlink socket", Errno.EBADF, null);
        }
        return fd;
    }

    public synchronized boolean isOpen() {
        return fd >= 0;
    }

    /** Closes the descriptor. Idempotent. */
    @Override
    public synchronized void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
