package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc socket calls netlink and the VRRP raw sockets need, bound with jnr-ffi. Buffers must
 * be direct and in host byte order; jnr-ffi passes their address (plus position) straight to the
 * kernel.
 *
 * <p>Public only because jnr-ffi generates the implementation in its own class loader, and because
 * the raw IP socket adapter ({@code io.hakeeper.agent.vrrp}) shares this one binding through
 * {@link Holder#libc()}. Use {@link NetlinkSocket} or the VRRP socket rather than calling it.
 */
public interface LibC {

    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In ByteBuffer addr, int addrlen);

    @SaveError
    int getsockname(int fd, @Out ByteBuffer addr, @In @Out int[] addrlen);

    @SaveError
    int setsockopt(int fd, int level, int optname, @In ByteBuffer optval, int optlen);

    @SaveError
    int getsockopt(int fd, int level, int optname, @Out ByteBuffer optval, @In @Out int[] optlen);

    @SaveError
    @ssize_t long send(int fd, @In ByteBuffer buf, @size_t long len, int flags);

    @SaveError
    @ssize_t long recv(int fd, @Out ByteBuffer buf, @size_t long len, int flags);

    /** setsockopt with an option that holds pointers (SO_ATTACH_FILTER's sock_fprog), in native memory. */
    @SaveError
    int setsockopt(int fd, int level, int optname, Pointer optval, int optlen);

    @SaveError
    @ssize_t long sendto(int fd, @In ByteBuffer buf, @size_t long len, int flags, @In ByteBuffer addr, int addrlen);

    /** recvmsg(2): {@code msg} is a struct msghdr in native memory whose pointers lead to native memory too. */
    @SaveError
    @ssize_t long recvmsg(int fd, Pointer msg, int flags);

    @SaveError
    int close(int fd);

    /** setpriority(2): on Linux, PRIO_PROCESS with a thread id sets that thread's nice value. */
    @SaveError
    int setpriority(int which, int who, int prio);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int setns(int fd, int nstype);

    /** Loaded once per JVM; loading costs tens of milliseconds (class generation). */
    final class Holder {
        private Holder() {}

        static final LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(INSTANCE);

        static int errno() {
            return LastError.getLastError(RUNTIME);
        }

        /** The binding, for the raw IP socket adapter in another package. */
        public static LibC libc() {
            return INSTANCE;
        }

        /** The jnr-ffi runtime, to allocate native memory (msghdr, BPF programs). */
        public static Runtime runtime() {
            return RUNTIME;
        }

        /** errno of this thread's last call through the binding. */
        public static int lastErrno() {
            return errno();
        }
    }
}
