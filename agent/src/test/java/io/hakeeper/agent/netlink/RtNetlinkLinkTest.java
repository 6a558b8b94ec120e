package io.hakeeper.agent.netlink;

import io.hakeeper.agent.testsupport.Poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Link lookup and link state (what track_interface reads) on a veth pair this test creates. */
class RtNetlinkLinkTest {
    private ScratchVeth veth;
    private RtNetlink rtnl;

    @BeforeEach
    void createInterface() throws Exception {
        ScratchVeth.assumeNetAdmin();
        veth = ScratchVeth.create();
        rtnl = RtNetlink.open();
    }

    @AfterEach
    void deleteInterface() {
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

    @Test
    void linkIsFoundByNameAndByIndex() throws Exception {
        Link byName = rtnl.link(veth.name());
        assertEquals(veth.index(), byName.index());
        assertEquals(veth.name(), byName.name());
        assertEquals(1500, byName.mtu());
        assertEquals(byName.index(), rtnl.link(byName.index()).index());
        assertEquals(veth.name(), rtnl.link(byName.index()).name());
    }

    @Test
    void unknownInterfaceNameIsEnodev() {
        NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.interfaceIndex("hknlmissing0"));
        assertEquals(Errno.ENODEV, e.errno(), e.getMessage());
        assertTrue(e.getMessage().contains("'hknlmissing0'"), e.getMessage());
    }

    @Test
    void listingLinksIncludesLoopbackAndTheTestPair() throws Exception {
        List<Link> links = rtnl.links();
        assertTrue(links.stream().anyMatch(l -> l.name().equals("lo") && (l.flags() & IfLink.IFF_LOOPBACK) != 0), links.toString());
        assertTrue(links.stream().anyMatch(l -> l.name().equals(veth.name())), links.toString());
        assertTrue(links.stream().anyMatch(l -> l.name().equals(veth.peer())), links.toString());
    }

    @Test
    void settingTheLinkDownAndUpIsSeen() throws Exception {
        Link initial = rtnl.link(veth.name());
        assertFalse(initial.isUp(), "a new veth starts down: " + initial);
        assertFalse(initial.isRunning());
        assertEquals(OperState.DOWN, initial.operState());

        veth.up();
        // Carrier comes up asynchronously (linkwatch), so wait for it.
        Poll.until(Duration.ofSeconds(5), veth.name() + " running", () -> rtnl.link(veth.name()).isRunning());
        Link running = rtnl.link(veth.name());
        assertTrue(running.isUp() && running.isLowerUp(), running.toString());
        assertEquals(OperState.UP, running.operState());

        // Peer down: our end stays administratively up but loses carrier.
        ScratchVeth.ip("link", "set", veth.peer(), "down");
        Poll.until(Duration.ofSeconds(5), veth.name() + " without carrier", () -> !rtnl.link(veth.name()).isRunning());
        Link noCarrier = rtnl.link(veth.name());
        assertTrue(noCarrier.isUp(), noCarrier.toString());
        assertFalse(noCarrier.isLowerUp(), noCarrier.toString());
        assertEquals(OperState.LOWERLAYERDOWN, noCarrier.operState());

        ScratchVeth.ip("link", "set", veth.name(), "down");
        Link down = rtnl.link(veth.name());
        assertFalse(down.isUp(), down.toString());
        assertEquals(OperState.DOWN, down.operState());
        assertEquals(down.flags(), rtnl.links().stream().filter(l -> l.index() == down.index()).findFirst()
                .orElseThrow().flags(), "the dump agrees with the single lookup");
    }
}
