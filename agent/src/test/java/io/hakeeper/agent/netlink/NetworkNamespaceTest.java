package io.hakeeper.agent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Sockets opened through {@link NetworkNamespace#call} act in that namespace: what the fence tests
 * need to watch several "nodes" from one JVM. Creates and deletes its own namespace.
 */
class NetworkNamespaceTest {

    @Test
    void socketOpenedInANamespaceActsThereAndNotHere() throws Exception {
        ScratchVeth.assumeNetAdmin();
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String ns = "hknl-" + HexFormat.of().formatHex(random);
        String link = "hknl" + HexFormat.of().formatHex(random) + "n";
        String peer = "hknl" + HexFormat.of().formatHex(random) + "p";
        ScratchVeth.ip("netns", "add", ns);
        try {
            ScratchVeth.ip("-n", ns, "link", "add", link, "type", "veth", "peer", "name", peer);
            TestAddresses addr = new TestAddresses();
            LinkedBlockingQueue<AddressEvent> events = new LinkedBlockingQueue<>();
            RtNetlinkMonitor monitor = new RtNetlinkMonitor(new RtNetlinkMonitor.Listener() {
                @Override
                public void addressChanged(AddressEvent event) {
                    events.add(event);
                }
            });
            try (RtNetlink inside = NetworkNamespace.call(NetworkNamespace.named(ns), RtNetlink::open);
                 RtNetlink here = RtNetlink.open();
                 monitor) {
                NetworkNamespace.call(NetworkNamespace.named(ns), () -> {
                    monitor.start();
                    return null;
                });
                int index = inside.interfaceIndex(link);
                AddressSpec spec = AddressSpec.of(index, addr.v4(1), 24);
                inside.addAddress(spec, AddressLifetime.ofSeconds(30));

                assertTrue(ScratchVeth.ip("-n", ns, "-o", "addr", "show", "dev", link).contains(addr.v4(1).getHostAddress() + "/24"));
                assertTrue(here.addresses().stream().noneMatch(a -> a.address().equals(addr.v4(1))),
                        "the address must not appear in this JVM's own namespace");
                assertFalse(Files.exists(Path.of("/sys/class/net", link)), "the link lives in " + ns);

                AddressEvent added = events.poll(5, TimeUnit.SECONDS);
                assertTrue(added != null && added.address().matches(spec), "monitor in " + ns + " saw " + added);
                inside.deleteAddress(spec);
            }
        } finally {
            ScratchVeth.ip("netns", "del", ns);
        }
        assertFalse(Files.exists(NetworkNamespace.named(ns)));
    }

    @Test
    void missingNamespaceIsAClearError() {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> NetworkNamespace.call(NetworkNamespace.named("hknl-missing"), RtNetlink::open));
        assertEquals(Errno.ENOENT, e.errno(), e.getMessage());
        assertTrue(e.getMessage().contains("/run/netns/hknl-missing"), e.getMessage());
    }
}
