package io.hakeeper.agent.netlink;

import java.nio.ByteBuffer;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc socket calls netlink needs, bound with jnr-ffi. Buffers must be direct and in host
 * byte order; jnr-ffi passes their address (plus position) straight to the kernel.
 *
 * <p>Public only because jnr-ffi generates the implementation in its own class loader; this is
 * not API. Use {@link NetlinkSocket}.
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

    @SaveError
    int close(int fd);

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
    }
}
