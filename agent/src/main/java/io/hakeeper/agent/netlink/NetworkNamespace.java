package io.hakeeper.agent.netlink;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code in another network namespace, so a socket it opens belongs to that namespace.
 *
 * <p>The agent itself runs inside its namespace and never needs this. Tests and tools do: one JVM
 * can then watch several namespaces ({@code ip netns add} makes them under /run/netns) with one
 * clock. A netlink socket stays in the namespace it was created in, whatever thread uses it later.
 *
 * <p>How: {@code setns(2)} with CLONE_NEWNET moves only the calling thread, so the action runs on a
 * fresh thread that is switched and then ends; no pooled thread is ever left in the wrong namespace.
 */
public final class NetworkNamespace {
    private NetworkNamespace() {}

    // include/uapi/linux/sched.h
    private static final int CLONE_NEWNET = 0x40000000;
    // include/uapi/asm-generic/fcntl.h
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    /** The file {@code ip netns add NAME} creates: /run/netns/NAME. */
    public static Path named(String name) {
        return Path.of("/run/netns", name);
    }

    /**
     * Calls {@code action} on a new thread inside the network namespace {@code namespace} (a
     * /run/netns/NAME or /proc/PID/ns/net file) and returns its result. Needs CAP_SYS_ADMIN.
     *
     * <pre>{@code RtNetlink inside = NetworkNamespace.call(NetworkNamespace.named("lb1"), RtNetlink::open);}</pre>
     */
    public static <T> T call(Path namespace, Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                enter(namespace);
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "netns " + namespace.getFileName());
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static void enter(Path namespace) throws NetlinkException {
        LibC libc = LibC.Holder.INSTANCE;
        int fd = libc.open(namespace.toString(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw NetlinkException.fromErrno("open network namespace " + namespace, LibC.Holder.errno(), null);
        }
        try {
            if (libc.setns(fd, CLONE_NEWNET) < 0) {
                int errno = LibC.Holder.errno();
                String operation = "enter network namespace " + namespace;
                throw errno == Errno.EPERM
                        ? NetlinkException.fromErrno(operation, errno, null, "needs CAP_SYS_ADMIN")
                        : NetlinkException.fromErrno(operation, errno, null);
            }
        } finally {
            libc.close(fd);
        }
    }
}
