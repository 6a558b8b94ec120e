package io.hakeeper.agent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The socket itself: opening, timeouts, errors. Opening a netlink socket needs no privilege. */
class NetlinkSocketTest {

    @Test
    void socketBindsToAKernelAssignedPort() throws Exception {
        try (NetlinkSocket a = NetlinkSocket.open(Netlink.NETLINK_ROUTE, Duration.ofSeconds(1));
             NetlinkSocket b = NetlinkSocket.open(Netlink.NETLINK_ROUTE, Duration.ofSeconds(1))) {
            assertNotEquals(0, a.portId());
            assertNotEquals(a.portId(), b.portId());
            assertTrue(a.isOpen());
        }
    }

    @Test
    void receiveWithNothingPendingTimesOutInsteadOfHanging() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE, Duration.ofMillis(200))) {
            long start = System.nanoTime();
            NetlinkTimeoutException e = assertThrows(NetlinkTimeoutException.class, () -> s.receive("wait for nothing"));
            long took = System.nanoTime() - start;
            assertEquals(Errno.ETIMEDOUT, e.errno());
            assertTrue(e.getMessage().contains("within 200 ms"), e.getMessage());
            assertTrue(took >= 150_000_000L && took < 5_000_000_000L, "took " + took / 1e6 + " ms");
        }
    }

    @Test
    void closedSocketRefusesCallsWithEbadf() throws Exception {
        NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE, Duration.ofSeconds(1));
        s.close();
        s.close(); // idempotent
        assertFalse(s.isOpen());
        NetlinkException e = assertThrows(NetlinkException.class, () -> s.receive("after close"));
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void dumpEndsAtDoneAndReturnsEveryPart() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE, Duration.ofSeconds(2))) {
            List<NetlinkMessage> links = s.dump(LinkMessages.dumpLinks(), "dump links");
            assertFalse(links.isEmpty());
            assertTrue(links.stream().allMatch(m -> m.type() == Rtnetlink.RTM_NEWLINK));
            // The socket is still in step: a second exchange gets its own replies.
            assertEquals(links.size(), s.dump(LinkMessages.dumpLinks(), "dump links again").size());
        }
    }

    @Test
    void unknownMessageTypeIsReportedWithTheKernelsErrno() throws Exception {
        try (NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE, Duration.ofSeconds(2))) {
            NetlinkMessageBuilder bogus = new NetlinkMessageBuilder(0x3ff, Netlink.NLM_F_REQUEST).putU32(0);
            NetlinkException e = assertThrows(NetlinkException.class, () -> s.acknowledged(bogus, "send type 0x3ff"));
            assertTrue(e.errno() == Errno.EOPNOTSUPP || e.errno() == Errno.EINVAL, e.getMessage());
            assertTrue(e.getMessage().startsWith("send type 0x3ff: "), e.getMessage());
        }
    }

    @Test
    void withoutCapNetAdminAddingAnAddressSaysWhatIsMissing() throws Exception {
        ScratchVeth.assumeNetAdmin();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux) to drop a capability");
        try (ScratchVeth veth = ScratchVeth.create()) {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Same uid, CAP_NET_ADMIN removed from the bounding set, so the child never has it.
            Process p = new ProcessBuilder("/usr/bin/setpriv", "--bounding-set", "-net_admin", "--",
                    java, "-cp", classPath, UnprivilegedAddressAttempt.class.getName(),
                    Integer.toString(veth.index()), new TestAddresses().v4(5).getHostAddress())
                    .redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println("[netlink] unprivileged child: " + out.trim());
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("errno=" + Errno.EPERM), out);
            assertTrue(out.contains("needs CAP_NET_ADMIN"), out);
        }
    }
}
