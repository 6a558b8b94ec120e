package io.hakeeper.lab.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.lab.LabAssumptions;
import io.hakeeper.lab.netns.Shell;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/lab oneway NODE on|off: NODE receives nothing, ARP included, while what it sends still arrives. */
class OnewayFaultTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsRoot() {
        LabAssumptions.assumeNamespaces();
    }

    private static String mac(FaultLab lab, String node) throws Exception {
        String out = Shell.ipIn(lab.net.ns(node), "-o", "link", "show", "dev", "eth0");
        return out.replaceAll("(?s).*link/ether (\\S+).*", "$1");
    }

    @Test
    void onewayNodeReceivesNothingWhileItsOwnDatagramsStillArrive() throws Exception {
        try (FaultLab lab = new FaultLab(dir)) {
            DatagramChannel a = lab.udp("lb01", 7300);
            DatagramChannel b = lab.udp("lb02", 7300);
            FaultLab.send(b, a, 50);
            assertEquals(50, FaultLab.receiveUntilQuiet(a, 300), "lb02 -> lb01 before oneway");

            String on = lab.binLab("oneway", "lb01", "on");
            lab.binLab("oneway", "lb01", "on");
            boolean nft = on.contains("nftables");
            // lb01 cannot learn lb02's MAC (it would drop the ARP reply): give it one, as a warm
            // neighbour cache would, so that its unicast datagrams leave.
            Shell.ipIn(lab.net.ns("lb01"), "neigh", "replace", FaultLab.addr("lb02"), "lladdr", mac(lab, "lb02"),
                    "dev", "eth0", "nud", "permanent");

            FaultLab.send(b, a, 50);
            assertEquals(0, FaultLab.receiveUntilQuiet(a, 500), "lb02 -> lb01 datagrams arrived during oneway: " + on);
            FaultLab.send(a, b, 50);
            assertEquals(50, FaultLab.receiveUntilQuiet(b, 300), "lb01 -> lb02 datagrams lost during oneway");

            if (nft) {
                // ARP too: lb02 forgets lb01's MAC and must ask for it; the request never reaches lb01,
                // so lb01 never learns lb02's address from it and lb02's entry does not resolve.
                Shell.ipIn(lab.net.ns("lb02"), "neigh", "flush", "dev", "eth0");
                Shell.ipIn(lab.net.ns("lb01"), "neigh", "del", FaultLab.addr("lb02"), "dev", "eth0");
                FaultLab.send(b, a, 20);
                assertEquals(0, FaultLab.receiveUntilQuiet(a, 1500), "lb02 -> lb01 after an ARP exchange");
                String learned = Shell.ipIn(lab.net.ns("lb01"), "neigh", "show", FaultLab.addr("lb02"));
                assertFalse(learned.contains("lladdr"), "lb01 learned lb02's MAC from its ARP request: " + learned);
                String asked = Shell.ipIn(lab.net.ns("lb02"), "neigh", "show", FaultLab.addr("lb01"));
                assertFalse(asked.contains("REACHABLE") || asked.contains("STALE"), "lb02 resolved lb01: " + asked);
            }

            lab.binLab("oneway", "lb01", "off");
            lab.binLab("oneway", "lb01", "off");
            FaultLab.send(b, a, 50);
            // Plus, with nft, up to the 20 that lb02 held while it waited for lb01's ARP reply.
            int after = FaultLab.receiveUntilQuiet(a, 1500);
            assertTrue(after >= 50 && after <= 70, "lb02 -> lb01 after oneway off: " + after + " of 50 (+20)");
            if (nft) {
                String ruleset = Shell.run("ip", "netns", "exec", lab.net.ns("lb01"), "nft", "list", "ruleset");
                assertFalse(ruleset.contains("hakeeper_oneway"), ruleset);
            }
        }
    }
}
