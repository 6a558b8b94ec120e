package io.hakeeper.agent.netlink;

import io.hakeeper.agent.testsupport.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Addresses on a real kernel: a veth pair this test creates, checked through our own dump and
 * through {@code ip -o addr show}. Needs CAP_NET_ADMIN.
 */
class RtNetlinkAddressTest {
    private static ScratchVeth veth;
    private static RtNetlink rtnl;
    private static int index;
    private static final TestAddresses ADDR = new TestAddresses();

    @BeforeAll
    static void createInterface() throws Exception {
        ScratchVeth.assumeNetAdmin();
        veth = ScratchVeth.create().up();
        rtnl = RtNetlink.open();
        index = veth.index();
    }

    @AfterAll
    static void deleteInterface() {
        try {
            if (rtnl != null) {
                rtnl.close();
            }
        } finally {
            if (veth != null) {
                veth.close();
            }
        }
    }

    private static Optional<InterfaceAddress> find(AddressSpec spec) throws NetlinkException {
        return rtnl.addresses(index).stream().filter(a -> a.matches(spec)).findFirst();
    }

    private static void deleteQuietly(AddressSpec spec) {
        try {
            rtnl.deleteAddress(spec);
        } catch (NetlinkException ignored) {
            // already gone
        }
    }

    @Test
    void interfaceIndexMatchesSysfs() throws Exception {
        assertEquals(index, rtnl.interfaceIndex(veth.name()));
    }

    @Test
    void ipv4AddressWithLabelBroadcastAndLifetimeShowsInDumpAndInIp() throws Exception {
        AddressSpec spec = AddressSpec.of(index, ADDR.v4(10), 24).withLabel(veth.name() + ":1").withDefaultBroadcast();
        try {
            rtnl.addAddress(spec, AddressLifetime.ofSeconds(30));

            InterfaceAddress a = find(spec).orElseThrow(() -> new AssertionError("not in dump: " + spec));
            assertEquals(Rtnetlink.AF_INET, a.family());
            assertEquals(veth.name() + ":1", a.label());
            assertEquals(ADDR.v4(255), a.broadcast());
            assertEquals(AddressScope.UNIVERSE, a.scope());
            assertFalse(a.hasFlag(IfAddr.IFA_F_PERMANENT), "a lifetime makes it dynamic");
            assertTrue(a.remaining().validSeconds() <= 30 && a.remaining().validSeconds() >= 25, a.toString());
            assertTrue(a.remaining().preferredSeconds() <= 30 && a.remaining().preferredSeconds() >= 25, a.toString());

            String ip = ipShow(spec);
            assertTrue(ip.contains("inet " + ADDR.v4(10).getHostAddress() + "/24 brd " + ADDR.v4(255).getHostAddress()
                    + " scope global dynamic " + veth.name() + ":1"), ip);
            assertTrue(ip.matches("(?s).*valid_lft (2[5-9]|30)sec preferred_lft (2[5-9]|30)sec.*"), ip);
        } finally {
            deleteQuietly(spec);
        }
    }

    @Test
    void ipv6AddressWithNoDadAndLifetimeShowsInDumpAndInIp() throws Exception {
        AddressSpec spec = AddressSpec.of(index, ADDR.v6(10), 64);
        try {
            rtnl.addAddress(spec, AddressLifetime.ofSeconds(30));

            InterfaceAddress a = find(spec).orElseThrow(() -> new AssertionError("not in dump: " + spec));
            assertEquals(Rtnetlink.AF_INET6, a.family());
            assertTrue(a.hasFlag(IfAddr.IFA_F_NODAD), a.toString());
            assertFalse(a.hasFlag(IfAddr.IFA_F_TENTATIVE), "no DAD, so usable at once: " + a);
            assertTrue(a.remaining().validSeconds() <= 30 && a.remaining().validSeconds() >= 25, a.toString());

            String ip = ipShow(spec);
            assertTrue(ip.contains("/64 scope global nodad dynamic"), ip);
            assertTrue(ip.matches("(?s).*valid_lft (2[5-9]|30)sec preferred_lft (2[5-9]|30)sec.*"), ip);
        } finally {
            deleteQuietly(spec);
        }
    }

    @Test
    void addressWithOneSecondLifetimeExpiresByItself() throws Exception {
        for (AddressSpec spec : List.of(AddressSpec.of(index, ADDR.v4(20), 24), AddressSpec.of(index, ADDR.v6(20), 64))) {
            try {
                long added = System.nanoTime();
                rtnl.addAddress(spec, AddressLifetime.ofSeconds(1));
                assertTrue(find(spec).isPresent());
                Poll.until(Duration.ofSeconds(5), spec + " to expire", () -> find(spec).isEmpty());
                long lived = System.nanoTime() - added;
                System.out.printf("[netlink] %s with valid_lft 1 expired after %.3f s%n", spec, lived / 1e9);
                assertTrue(lived > 500_000_000L, "expired too early: " + lived / 1e6 + " ms");
                assertEquals("", ipShow(spec), "ip still lists it");
            } finally {
                deleteQuietly(spec);
            }
        }
    }

    @Test
    void renewingEveryQuarterSecondKeepsTheAddressUntilRenewalsStop() throws Exception {
        for (AddressSpec spec : List.of(AddressSpec.of(index, ADDR.v4(30), 24).withLabel(veth.name() + ":9"),
                AddressSpec.of(index, ADDR.v6(30), 64))) {
            try {
                AddressLifetime lease = AddressLifetime.ofSeconds(1);
                rtnl.addAddress(spec, lease);
                long start = System.nanoTime();
                long lastRenewal = start;
                // Three times the lease: without renewal it would be gone after ~1 s.
                for (long next = start; next - start < 3_000_000_000L; next += 250_000_000L) {
                    LockSupport.parkNanos(next - System.nanoTime()); // pacing, not waiting for a result
                    rtnl.replaceLifetime(spec, lease);
                    lastRenewal = System.nanoTime();
                    InterfaceAddress a = find(spec).orElseThrow(() -> new AssertionError(
                            spec + " vanished while renewed, " + (System.nanoTime() - start) / 1_000_000 + " ms in"));
                    assertEquals(1, a.remaining().validSeconds(), a.toString());
                    if (spec.label() != null) {
                        assertEquals(spec.label(), a.label(), "renewal keeps the label");
                    }
                }
                Poll.until(Duration.ofSeconds(5), spec + " to expire after renewals stop", () -> find(spec).isEmpty());
                long afterLast = System.nanoTime() - lastRenewal;
                System.out.printf("[netlink] %s renewed for %.1f s, gone %.3f s after the last renewal%n",
                        spec, (lastRenewal - start) / 1e9, afterLast / 1e9);
                assertTrue(afterLast > 500_000_000L, "expired too early after last renewal: " + afterLast / 1e6 + " ms");
            } finally {
                deleteQuietly(spec);
            }
        }
    }

    @Test
    void expiryLagsByUpToAboutASecondWhenAnotherAddressChangesJustBefore() throws Exception {
        // Evidence for the fence's K: any address change runs the kernel's lifetime check at once
        // and then pushes the next check at least a second out (ADDRCONF_TIMER_FUZZ_MAX, in
        // net/ipv4/devinet.c check_lifetime and net/ipv6/addrconf.c addrconf_verify_rtnl). A
        // change 100 ms before an expiry therefore delays it by ~0.9 s. Printed, not asserted.
        for (int host : new int[] {110, 111}) {
            AddressSpec leased = host == 110 ? AddressSpec.of(index, ADDR.v4(host), 24) : AddressSpec.of(index, ADDR.v6(host), 64);
            AddressSpec poke = host == 110 ? AddressSpec.of(index, ADDR.v4(host + 10), 24)
                    : AddressSpec.of(index, ADDR.v6(host + 10), 64);
            try {
                long start = System.nanoTime();
                rtnl.addAddress(leased, AddressLifetime.ofSeconds(2));
                LockSupport.parkNanos(start + 1_900_000_000L - System.nanoTime()); // pacing to just before expiry
                rtnl.addAddress(poke, AddressLifetime.FOREVER);
                Poll.until(Duration.ofSeconds(5), leased + " to expire", () -> find(leased).isEmpty());
                double lived = (System.nanoTime() - start) / 1e9;
                System.out.printf("[netlink] %s valid_lft 2, unrelated add at 1.9 s: expired after %.3f s (lag %.3f s)%n",
                        leased, lived, lived - 2);
            } finally {
                deleteQuietly(leased);
                deleteQuietly(poke);
            }
        }
    }

    @Test
    void renewingAnExpiredAddressAddsItAgain() throws Exception {
        // Pins the kernel behaviour RtNetlink.replaceLifetime documents: NLM_F_REPLACE without
        // NLM_F_CREATE still creates. The lease keeper must only renew while it is entitled to.
        AddressSpec spec = AddressSpec.of(index, ADDR.v4(40), 24).withLabel(veth.name() + ":4");
        try {
            assertTrue(find(spec).isEmpty());
            rtnl.replaceLifetime(spec, AddressLifetime.ofSeconds(5));
            InterfaceAddress a = find(spec).orElseThrow();
            assertEquals(veth.name() + ":4", a.label());
        } finally {
            deleteQuietly(spec);
        }
    }

    @Test
    void deleteRemovesTheAddressBeforeItReturns() throws Exception {
        for (AddressSpec spec : List.of(AddressSpec.of(index, ADDR.v4(50), 24), AddressSpec.of(index, ADDR.v6(50), 64))) {
            try {
                rtnl.addAddress(spec, AddressLifetime.FOREVER);
                InterfaceAddress a = find(spec).orElseThrow();
                assertTrue(a.remaining().isForever());
                assertTrue(a.hasFlag(IfAddr.IFA_F_PERMANENT), "no lifetime makes it permanent: " + a);
                rtnl.deleteAddress(spec);
                // The ack means done: no polling needed.
                assertTrue(find(spec).isEmpty(), "still in dump after delete ack");
                assertEquals("", ipShow(spec), "ip still lists it");
            } finally {
                deleteQuietly(spec);
            }
        }
    }

    @Test
    void deletingAMissingAddressIsAClearError() {
        for (AddressSpec spec : List.of(AddressSpec.of(index, ADDR.v4(60), 24), AddressSpec.of(index, ADDR.v6(60), 64))) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.deleteAddress(spec));
            assertEquals(Errno.EADDRNOTAVAIL, e.errno(), e.getMessage());
            assertTrue(e.getMessage().startsWith("delete address " + spec.address().getHostAddress()), e.getMessage());
            assertTrue(e.getMessage().contains("not on that interface"), e.getMessage());
            System.out.println("[netlink] example message: " + e.getMessage());
        }
    }

    @Test
    void addingAnAddressTwiceIsEexist() throws Exception {
        AddressSpec spec = AddressSpec.of(index, ADDR.v4(70), 24);
        try {
            rtnl.addAddress(spec, AddressLifetime.ofSeconds(30));
            NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.addAddress(spec, AddressLifetime.ofSeconds(30)));
            assertEquals(Errno.EEXIST, e.errno(), e.getMessage());
        } finally {
            deleteQuietly(spec);
        }
    }

    @Test
    void addressOnAMissingInterfaceIsEnodev() {
        AddressSpec spec = AddressSpec.of(0x7fff_fff0, ADDR.v4(80), 24);
        NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.addAddress(spec, AddressLifetime.ofSeconds(5)));
        assertEquals(Errno.ENODEV, e.errno(), e.getMessage());
        assertTrue(e.getMessage().contains("interface does not exist"), e.getMessage());
    }

    @Test
    void deleteWithTheWrongPrefixLengthLeavesTheAddressAlone() throws Exception {
        AddressSpec spec = AddressSpec.of(index, ADDR.v6(90), 64);
        try {
            rtnl.addAddress(spec, AddressLifetime.ofSeconds(30));
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> rtnl.deleteAddress(AddressSpec.of(index, ADDR.v6(90), 80)));
            assertEquals(Errno.EADDRNOTAVAIL, e.errno(), e.getMessage());
            assertTrue(find(spec).isPresent(), "a mismatching delete must leave the address alone");
        } finally {
            deleteQuietly(spec);
        }
    }

    @Test
    void dumpOfOneInterfaceReturnsOnlyThatInterface() throws Exception {
        AddressSpec spec = AddressSpec.of(index, ADDR.v4(100), 24);
        try {
            rtnl.addAddress(spec, AddressLifetime.ofSeconds(30));
            List<InterfaceAddress> mine = rtnl.addresses(index);
            assertTrue(mine.stream().allMatch(a -> a.interfaceIndex() == index), mine.toString());
            assertTrue(rtnl.addresses().stream().anyMatch(a -> a.matches(spec)));
            assertTrue(rtnl.addresses().stream().anyMatch(a -> a.address().isLoopbackAddress()),
                    "an all-links dump includes loopback");
        } finally {
            deleteQuietly(spec);
        }
    }

    /** {@code ip -o addr show dev X to ADDR/32|128}: only that address's line, or "". */
    private static String ipShow(AddressSpec spec) {
        int hostBits = spec.family() == Rtnetlink.AF_INET ? 32 : 128;
        return ScratchVeth.ip("-o", "addr", "show", "dev", veth.name(), "to",
                spec.address().getHostAddress() + "/" + hostBits).trim();
    }
}
